//! Reminders: the task that sends them ([`scheduler`]) through each platform's [`Delivery`].
//! When they fall is the engine's business (`engine/reminder_plan.rs`): only
//! `reminders → engine` is a dependency, never the other way.
//!
//! Guarantees: the next reminder is found from an index and slept until (no polling, no scan of
//! all goals); a reminder that fell due while koers was down is sent at start, marked late;
//! every send carries a stable idempotency key and is recorded as sent in one transaction with
//! its send record, so a crash between sending and recording can only lead to a resend with the
//! same key, which the platform drops (Discord nonce, Matrix transaction id).
//!
//! A delivery that fails never holds up another team: a failure the platform says cannot pass
//! (channel gone, koers removed or muted, message refused) marks the reminder failed with its
//! reason, and the team sees it in its `/status`; one that may pass (server error, network,
//! rate limit) is tried again later with a growing pause, per reminder, while every other
//! reminder goes out on time. See [`scheduler`] for the pauses and the limit.

mod courier;
mod limiter;
pub mod retention;
pub mod scheduler;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::engine::{Reply, TeamKey};

/// A boxed future, for the one async method of [`Delivery`].
pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<(), DeliveryError>> + Send + 'a>>;

/// Why a reminder did not reach its team; each platform sorts its own errors.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Trying again cannot help (channel or room gone, koers removed or muted, message
    /// refused). The reason is short and starts with the platform and the platform's code,
    /// `<platform> <code> <detail>`: `discord 404 Unknown Channel`, `matrix M_FORBIDDEN …`.
    #[error("{0}")]
    Permanent(String),
    /// It may pass (server error, network, rate limit): try again later.
    #[error(transparent)]
    Transient(#[from] anyhow::Error),
    /// The platform's rate limit (Discord 429 `retry_after`, Matrix `M_LIMIT_EXCEEDED`
    /// `retry_after_ms`): every send of this platform waits this long, then this one is tried
    /// again without counting as a failed try.
    #[error("rate limited; retry after {0:?}")]
    RateLimited(Duration),
}

/// Where due reminders go: one implementation per platform.
pub trait Delivery: Send + Sync {
    /// The platform name recorded with each send (`terminal`, `discord`, `matrix`).
    fn platform(&self) -> &str;

    /// Post `reply` in the team's space. `key` is stable for this reminder: pass it to the
    /// platform as the message's idempotency key so a resend is dropped there.
    fn deliver<'a>(&'a self, team: &'a TeamKey, reply: &'a Reply, key: &'a str) -> Sending<'a>;

    /// The most sends a second the platform takes from koers as a whole (Discord: 50), which
    /// the scheduler spaces its sends to; `None` when it sets no such limit.
    fn sends_per_second(&self) -> Option<u32> {
        None
    }
}
