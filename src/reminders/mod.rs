//! Reminders: when they fall ([`plan`]) and the task that sends them ([`scheduler`]).
//!
//! Guarantees: the next reminder is found from an index and slept until (no polling, no scan of
//! all goals); a reminder that fell due while koers was down is sent at start, marked late;
//! every send carries a stable idempotency key and is recorded as sent in one transaction with
//! its send record, so a crash between sending and recording can only lead to a resend with the
//! same key, which the platform drops (Discord nonce, Matrix transaction id).

pub mod plan;
pub mod scheduler;

use std::future::Future;
use std::pin::Pin;

use anyhow::Result;

use crate::engine::{Reply, TeamKey};

/// A boxed future, for the one async method of [`Delivery`].
pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

/// Where due reminders go: one implementation per platform.
pub trait Delivery: Send + Sync {
    /// The platform name recorded with each send (`terminal`, `discord`, `matrix`).
    fn platform(&self) -> &str;

    /// Post `reply` in the team's space. `key` is stable for this reminder: pass it to the
    /// platform as the message's idempotency key so a resend is dropped there.
    fn deliver<'a>(&'a self, team: &'a TeamKey, reply: &'a Reply, key: &'a str) -> Sending<'a>;
}
