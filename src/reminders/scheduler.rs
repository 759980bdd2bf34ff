//! The task that sends reminders: it asks the store for the next due reminder (one indexed
//! query), sleeps until it, and is woken early when goals change.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::sync::{Notify, mpsc, oneshot};

use super::Delivery;
use crate::engine::Engine;
use crate::store::{Db, Scope};

/// Longest wait between retries of a failing delivery.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Lets other tasks wake the scheduler or make it send what is due now.
#[derive(Clone, Debug)]
pub struct Handle {
    wake: Arc<Notify>,
    flush: mpsc::Sender<oneshot::Sender<usize>>,
}

impl Handle {
    /// Something changed (a goal was added or moved): look at the next reminder again.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Send everything that is due now and say how many went out.
    pub async fn flush(&self) -> Result<usize> {
        let (tx, rx) = oneshot::channel();
        self.flush
            .send(tx)
            .await
            .map_err(|_| anyhow::anyhow!("the reminder scheduler has stopped"))?;
        rx.await
            .context("the reminder scheduler stopped while sending")
    }
}

/// The reminder task; run it with [`Scheduler::run`].
pub struct Scheduler {
    engine: Arc<Engine>,
    db: Db,
    delivery: Arc<dyn Delivery>,
    scope: Scope,
    wake: Arc<Notify>,
    flush: mpsc::Receiver<oneshot::Sender<usize>>,
    failures: u32,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("failures", &self.failures)
            .finish()
    }
}

impl Scheduler {
    /// A scheduler sending the reminders of `scope` through `delivery`, and the handle to
    /// poke it.
    pub fn new(
        engine: Arc<Engine>,
        db: Db,
        delivery: Arc<dyn Delivery>,
        scope: Scope,
    ) -> (Scheduler, Handle) {
        let wake = Arc::new(Notify::new());
        let (flush_tx, flush_rx) = mpsc::channel(4);
        let scheduler = Scheduler {
            engine,
            db,
            delivery,
            scope,
            wake: Arc::clone(&wake),
            flush: flush_rx,
            failures: 0,
        };
        (
            scheduler,
            Handle {
                wake,
                flush: flush_tx,
            },
        )
    }

    /// Send every reminder due now, oldest first. Stops at the first failed delivery (it is
    /// retried later with the same idempotency key).
    pub async fn deliver_due(&mut self) -> usize {
        let mut sent = 0;
        loop {
            let now = self.engine.now().as_second();
            let next = self.next();
            let id = match next {
                Ok(Some((id, due))) if due <= now => id,
                Ok(_) => return sent,
                Err(e) => {
                    tracing::error!(error = format!("{e:#}"), "cannot read the next reminder");
                    self.failures += 1;
                    return sent;
                }
            };
            match self.send_one(id).await {
                Ok(true) => {
                    sent += 1;
                    self.failures = 0;
                }
                Ok(false) => {}
                Err(e) => {
                    self.failures += 1;
                    tracing::warn!(
                        reminder = id,
                        failures = self.failures,
                        error = format!("{e:#}"),
                        "reminder not delivered; will retry"
                    );
                    return sent;
                }
            }
        }
    }

    fn next(&self) -> Result<Option<(i64, i64)>> {
        let scope = self.scope.clone();
        self.db.run(move |s| s.next_pending_reminder(&scope))
    }

    /// Prepare, deliver and record one reminder; `false` when it had nothing left to say.
    async fn send_one(&self, id: i64) -> Result<bool> {
        let Some(out) = self.engine.prepare_reminder(&self.db, id)? else {
            return Ok(false);
        };
        self.delivery
            .deliver(&out.team, &out.reply, &out.key)
            .await
            .context("delivery failed")?;
        self.engine
            .confirm_reminder(&self.db, &out, self.delivery.platform())?;
        tracing::info!(reminder = id, late = out.late, "reminder sent");
        Ok(true)
    }

    /// How long to wait before looking again: until the next reminder is due, but no sooner
    /// than the back-off after failures. `None`: nothing pending, wait to be woken.
    fn wait(&self) -> Option<Duration> {
        let backoff = match self.failures {
            0 => Duration::ZERO,
            n => Duration::from_secs(1u64 << n.min(6)).min(MAX_BACKOFF),
        };
        let next = match self.next() {
            Ok(next) => next,
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "cannot read the next reminder");
                return Some(backoff.max(Duration::from_secs(1)));
            }
        };
        let (_, due) = next?;
        let now = self.engine.now();
        let until = jiff::Timestamp::from_second(due)
            .ok()
            .and_then(|t| t.duration_since(now).try_into().ok())
            .unwrap_or(Duration::ZERO);
        Some(until.max(backoff))
    }

    /// Run until every [`Handle`] is dropped.
    pub async fn run(mut self) {
        loop {
            self.deliver_due().await;
            let wait = self.wait();
            let sleep = async {
                match wait {
                    Some(d) => tokio::time::sleep(d).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = sleep => {}
                () = self.wake.notified() => {}
                request = self.flush.recv() => match request {
                    Some(reply) => {
                        let n = self.deliver_due().await;
                        if reply.send(n).is_err() {
                            tracing::debug!("flush requester went away");
                        }
                    }
                    None => return,
                },
            }
        }
    }
}

#[cfg(test)]
#[path = "scheduler_tests.rs"]
mod tests;
