//! One try of one reminder: word it, wait for the platform's turn, deliver, record. A rate
//! limit the platform reports holds every send of that platform for as long as it says and
//! then tries the same reminder again, without counting it as a failed try.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};

use super::limiter::Limiter;
use super::scheduler::{GAVE_UP, MAX_ATTEMPTS, retry_pause};
use super::{Delivery, DeliveryError};
use crate::engine::Engine;
use crate::store::Db;

/// A delivery that takes longer counts as a failure that may pass.
const DELIVERY_TIMEOUT: Duration = Duration::from_mins(1);
/// Longest reason kept with a failed reminder.
const REASON_CHARS: usize = 200;
/// Rate limits in a row after which one try counts as a failed try (and waits its own pause).
const MAX_RATE_LIMITED: u32 = 10;

/// What one try of one reminder came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Delivered and recorded.
    Sent,
    /// Settled otherwise: nothing left to say, failed for good, or put off to a later try.
    Settled,
    /// The store could not be read or written: every reminder waits a little.
    StoreFailed,
}

/// What a delivery task needs: cheap to clone into each task.
#[derive(Clone)]
pub(super) struct Courier {
    pub(super) engine: Arc<Engine>,
    pub(super) db: Db,
    pub(super) delivery: Arc<dyn Delivery>,
    /// The platform's pace, shared by every delivery task.
    pub(super) limiter: Arc<Limiter>,
}

/// Run store work off the async threads.
pub(super) async fn blocking<T, F>(f: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .context("the store task failed")?
}

impl Courier {
    /// Word, deliver and record one reminder.
    pub(super) async fn attempt(self, id: i64) -> Outcome {
        let (engine, db) = (Arc::clone(&self.engine), self.db.clone());
        let out = match blocking(move || engine.prepare_reminder(&db, id)).await {
            Ok(Some(out)) => out,
            Ok(None) => return Outcome::Settled,
            Err(e) => {
                let e = e.context("cannot word the reminder");
                return self.failed(id, DeliveryError::Transient(e)).await;
            }
        };
        if let Err(e) = self.deliver(&out.team, &out.reply, &out.key).await {
            return self.failed(id, e).await;
        }
        #[cfg(debug_assertions)]
        failpoint("reminder-delivered");
        let (engine, db) = (Arc::clone(&self.engine), self.db.clone());
        let platform = self.delivery.platform().to_string();
        let late = out.late;
        match blocking(move || engine.confirm_reminder(&db, &out, &platform)).await {
            Ok(()) => {
                tracing::info!(reminder = id, late, "reminder sent");
                Outcome::Sent
            }
            Err(e) => {
                // Still pending: it goes out again with the same key, which the platform drops.
                tracing::error!(
                    reminder = id,
                    error = format!("{e:#}"),
                    "reminder delivered but not recorded"
                );
                Outcome::StoreFailed
            }
        }
    }

    /// Deliver at the platform's pace; after a rate limit, wait as told (every task does) and
    /// try again, up to [`MAX_RATE_LIMITED`] times.
    async fn deliver(
        &self,
        team: &crate::engine::TeamKey,
        reply: &crate::engine::Reply,
        key: &str,
    ) -> Result<(), DeliveryError> {
        let mut limited = 0;
        loop {
            self.limiter.ready().await;
            let sent =
                tokio::time::timeout(DELIVERY_TIMEOUT, self.delivery.deliver(team, reply, key))
                    .await
                    .unwrap_or_else(|_| {
                        Err(DeliveryError::Transient(anyhow!(
                            "no answer within {DELIVERY_TIMEOUT:?}"
                        )))
                    });
            match sent {
                Err(DeliveryError::RateLimited(pause)) if limited < MAX_RATE_LIMITED => {
                    limited += 1;
                    tracing::debug!(?pause, limited, "rate limited; every send waits");
                    self.limiter.back_off(pause).await;
                }
                other => {
                    if other.is_ok() {
                        self.limiter.taken().await;
                    }
                    return other;
                }
            }
        }
    }

    /// Record a failed try: failed for good, or put off with a growing pause until the limit.
    pub(super) async fn failed(&self, id: i64, error: DeliveryError) -> Outcome {
        let now = self.engine.now();
        let (stamp, now_s) = (now.to_string(), now.as_second());
        let platform = self.delivery.platform().to_string();
        let db = self.db.clone();
        let recorded = blocking(move || {
            db.run(move |s| match error {
                DeliveryError::Permanent(reason) => {
                    let reason: String = reason.chars().take(REASON_CHARS).collect();
                    tracing::warn!(
                        reminder = id,
                        reason,
                        "reminder cannot be delivered; failed"
                    );
                    s.mark_reminder_failed(id, &reason, &stamp)?;
                    Ok(())
                }
                DeliveryError::Transient(_) | DeliveryError::RateLimited(_) => {
                    let error = match error {
                        DeliveryError::Transient(e) => format!("{e:#}"),
                        other => other.to_string(),
                    };
                    let Some(attempts) = s.add_reminder_attempt(id)? else {
                        return Ok(());
                    };
                    if attempts >= MAX_ATTEMPTS {
                        let reason: String =
                            format!("{platform} {GAVE_UP} after {attempts} tries: {error}")
                                .chars()
                                .take(REASON_CHARS)
                                .collect();
                        tracing::warn!(reminder = id, reason, "reminder given up; failed");
                        s.mark_reminder_failed(id, &reason, &stamp)?;
                        return Ok(());
                    }
                    let pause = retry_pause(attempts);
                    let secs = i64::try_from(pause.as_secs()).unwrap_or(i64::MAX);
                    tracing::warn!(reminder = id, attempts, retry_in = ?pause, error,
                        "reminder not delivered; will try again");
                    s.postpone_reminder(id, now_s.saturating_add(secs))
                }
            })
        })
        .await;
        match recorded {
            Ok(()) => Outcome::Settled,
            Err(e) => {
                tracing::error!(
                    reminder = id,
                    error = format!("{e:#}"),
                    "cannot record a failed reminder"
                );
                Outcome::StoreFailed
            }
        }
    }
}

/// Test builds only: `KOERS_FAILPOINT=<name>` ends the process at once at the point `name`
/// (`reminder-delivered`: after the platform took a reminder, before it is recorded), the way
/// a crash there would. Release builds do not read the variable.
#[cfg(debug_assertions)]
fn failpoint(name: &str) {
    if std::env::var("KOERS_FAILPOINT").is_ok_and(|v| v == name) {
        tracing::error!(failpoint = name, "failpoint reached; ending the process");
        std::process::abort();
    }
}
