//! The task that sends reminders: it asks the store for the next reminders to try (one indexed
//! query, ordered by when each is to be tried), sleeps until the first, and is woken early when
//! goals change.
//!
//! Up to [`MAX_IN_FLIGHT`] deliveries run at once, each on its own task, so a slow or failing
//! team never holds up another; one team's reminders go out one after the other, in due order; they start no faster than the platform's limit
//! ([`Delivery::sends_per_second`]) and all wait when it says to (see `courier.rs`). A delivery the platform calls permanent marks the reminder
//! failed with its reason; one that may pass puts that reminder off by [`retry_pause`] (5 s,
//! 10 s, 20 s … at most 15 min) and after [`MAX_ATTEMPTS`] failed tries (about two hours) it is
//! failed too. A reminder waiting for its next try does not stand in the way of one that is due.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use tokio::sync::{Notify, mpsc, oneshot};
use tokio::task::{JoinError, JoinSet};

use super::courier::{Courier, Outcome, blocking};
use super::limiter::Limiter;
use super::{Delivery, DeliveryError};
use crate::engine::Engine;
use crate::store::{Db, Scope};

/// Deliveries running at once. A Matrix send takes ~100 ms: 64 at once take 10,000 teams'
/// reminders out in well under a minute, with a few slow teams (5 s each) among them.
pub const MAX_IN_FLIGHT: usize = 64;
/// Most rows one look at the next reminders reads, when busy teams take up the first ones.
const MAX_SCAN: usize = 4096;
/// Pause after the first failed try that may pass; it doubles after each further one.
pub const FIRST_RETRY: Duration = Duration::from_secs(5);
/// Longest pause between two tries of one reminder.
pub const MAX_RETRY: Duration = Duration::from_mins(15);
/// Failed tries after which a reminder is given up (the pauses add up to about two hours).
pub const MAX_ATTEMPTS: i64 = 16;
/// The code in the reason of a reminder given up after [`MAX_ATTEMPTS`] tries.
pub const GAVE_UP: &str = "gave-up";
/// Longest pause after the store itself failed.
const MAX_STORE_PAUSE: Duration = Duration::from_mins(1);

/// The pause before the next try of a reminder that has failed `attempts` times (≥ 1).
pub fn retry_pause(attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    FIRST_RETRY.saturating_mul(1u32 << doublings).min(MAX_RETRY)
}

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
            .map_err(|_| anyhow!("the reminder scheduler has stopped"))?;
        rx.await
            .context("the reminder scheduler stopped while sending")
    }
}

/// The reminder task; run it with [`Scheduler::run`].
pub struct Scheduler {
    courier: Courier,
    scope: Scope,
    wake: Arc<Notify>,
    flush: mpsc::Receiver<oneshot::Sender<usize>>,
    running: JoinSet<Outcome>,
    /// Reminder id and team id of each running delivery task.
    busy: HashMap<tokio::task::Id, (i64, i64)>,
    store_failures: u32,
    paused_until: Option<tokio::time::Instant>,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("scope", &self.scope)
            .field("running", &self.busy.len())
            .field("store_failures", &self.store_failures)
            .finish_non_exhaustive()
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
            courier: Courier {
                engine,
                db,
                limiter: Arc::new(Limiter::new(delivery.sends_per_second())),
                delivery,
            },
            scope,
            wake: Arc::clone(&wake),
            flush: flush_rx,
            running: JoinSet::new(),
            busy: HashMap::new(),
            store_failures: 0,
            paused_until: None,
        };
        (
            scheduler,
            Handle {
                wake,
                flush: flush_tx,
            },
        )
    }

    /// Try every reminder due now (and any delivery already under way) until none is left
    /// that is due; returns how many went out. A reminder that fails waits for its own next
    /// try, so this ends even when a platform keeps failing.
    pub async fn deliver_due(&mut self) -> usize {
        let mut sent = 0;
        loop {
            self.start_due().await;
            match self.running.join_next_with_id().await {
                Some(done) => sent += usize::from(self.finish(done) == Outcome::Sent),
                None => return sent,
            }
        }
    }

    /// Start a delivery for each reminder due now that is not under way yet, as many as there
    /// is room for. Returns how long until the next one not under way is due; `None` when
    /// nothing is pending or there is no room until a delivery finishes.
    async fn start_due(&mut self) -> Option<Duration> {
        if let Some(until) = self.paused_until {
            let now = tokio::time::Instant::now();
            if until > now {
                return Some(until - now);
            }
            self.paused_until = None;
        }
        // Enough rows to find room's worth of reminders besides those under way; more when
        // the rows were taken up by teams that are busy, so one team with many reminders due
        // does not hold up the teams after it.
        let mut limit = MAX_IN_FLIGHT + self.busy.len() + 1;
        loop {
            let (db, scope) = (self.courier.db.clone(), self.scope.clone());
            let next =
                match blocking(move || db.run(move |s| s.list_next_team_reminders(&scope, limit)))
                    .await
                {
                    Ok(next) => next,
                    Err(e) => {
                        tracing::error!(error = format!("{e:#}"), "cannot read the next reminders");
                        return Some(self.store_failed());
                    }
                };
            let full = next.len() >= limit;
            let mut waiting = false;
            let now = self.courier.engine.now();
            for (id, at, team) in next {
                if self.busy.values().any(|&(b, _)| b == id) {
                    continue;
                }
                if at > now.as_second() {
                    return Some(until(now, at));
                }
                // One delivery per team at a time: a team reads its reminders in due order (the
                // rows come in that order), the next one starting when this one is done.
                if self.busy.values().any(|&(_, t)| t == team) {
                    waiting = true;
                    continue;
                }
                if self.running.len() >= MAX_IN_FLIGHT {
                    return None;
                }
                let courier = self.courier.clone();
                let task = self.running.spawn(courier.attempt(id));
                self.busy.insert(task.id(), (id, team));
            }
            if !(full && waiting) || limit >= MAX_SCAN {
                return None;
            }
            limit = limit.saturating_mul(4).min(MAX_SCAN);
        }
    }

    /// Take note of a finished delivery task.
    fn finish(&mut self, done: Result<(tokio::task::Id, Outcome), JoinError>) -> Outcome {
        let (task, outcome) = match done {
            Ok(done) => done,
            Err(e) => {
                tracing::error!(error = %e, "a reminder delivery task failed");
                if let Some((id, team)) = self.busy.remove(&e.id()) {
                    // Counted as a failed try, so a reminder that always panics ends failed
                    // instead of being retried at once, forever.
                    let courier = self.courier.clone();
                    let error = DeliveryError::Transient(anyhow!("the delivery task failed: {e}"));
                    let task = self
                        .running
                        .spawn(async move { courier.failed(id, error).await });
                    self.busy.insert(task.id(), (id, team));
                }
                return Outcome::Settled;
            }
        };
        self.busy.remove(&task);
        if outcome == Outcome::StoreFailed {
            self.store_failed();
        } else {
            self.store_failures = 0;
        }
        outcome
    }

    /// The store failed: pause every reminder a little longer each time; returns the pause.
    fn store_failed(&mut self) -> Duration {
        self.store_failures += 1;
        let pause = Duration::from_secs(1u64 << self.store_failures.min(6)).min(MAX_STORE_PAUSE);
        self.paused_until = Some(tokio::time::Instant::now() + pause);
        pause
    }

    /// Run until every [`Handle`] is dropped. A scheduler for a whole platform (`koers run`)
    /// also sweeps that platform's teams for retention once a day ([`super::retention`]).
    pub async fn run(self) {
        let retention = match &self.scope {
            Scope::Platform(_) => Some(tokio::spawn(super::retention::daily(
                Arc::clone(&self.courier.engine),
                self.courier.db.clone(),
                Arc::clone(&self.courier.delivery),
            ))),
            Scope::Team(_) => None,
        };
        self.serve().await;
        if let Some(task) = retention {
            task.abort();
        }
    }

    async fn serve(mut self) {
        loop {
            let wait = self.start_due().await;
            let sleep = async {
                match wait {
                    Some(d) => tokio::time::sleep(d).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                Some(done) = self.running.join_next_with_id() => {
                    self.finish(done);
                }
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

/// How long from `now` until unix second `at` (zero when it has passed).
fn until(now: jiff::Timestamp, at: i64) -> Duration {
    jiff::Timestamp::from_second(at)
        .ok()
        .and_then(|t| t.duration_since(now).try_into().ok())
        .unwrap_or(Duration::ZERO)
}

#[cfg(test)]
#[path = "scheduler_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "scheduler_failure_tests.rs"]
mod failure_tests;

#[cfg(test)]
#[path = "scheduler_load_tests.rs"]
mod load_tests;

#[cfg(test)]
#[path = "scheduler_order_tests.rs"]
mod order_tests;
