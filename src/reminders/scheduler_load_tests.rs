//! Tests of scheduler.rs under load: many teams due at once go out side by side, at the
//! platform's pace, and a platform's "too many, wait" holds every send without failing any.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::tests::{engine, setup_team};
use super::*;
use crate::engine::{Reply, SystemClock, TeamKey};
use crate::reminders::{DeliveryError, Sending};

/// A platform where each send takes `took`, at most `per_second` a second (if set), and the
/// first send is answered "rate limited, wait `limited`" (if set). Records every call.
struct Paced {
    took: Duration,
    per_second: Option<u32>,
    limited: Mutex<Option<Duration>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    /// (team, when the call started, accepted)
    calls: Mutex<Vec<(String, Instant, bool)>>,
}

impl Paced {
    fn new(took: Duration, per_second: Option<u32>, limited: Option<Duration>) -> Arc<Paced> {
        Arc::new(Paced {
            took,
            per_second,
            limited: Mutex::new(limited),
            in_flight: AtomicUsize::new(0),
            most_in_flight: AtomicUsize::new(0),
            calls: Mutex::new(Vec::new()),
        })
    }

    /// How many times each team's reminder was accepted.
    fn accepted(&self) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        for (team, _, ok) in self.calls.lock().expect("lock").iter() {
            if *ok {
                *out.entry(team.clone()).or_insert(0) += 1;
            }
        }
        out
    }
}

impl Delivery for Paced {
    fn platform(&self) -> &'static str {
        "test"
    }
    fn sends_per_second(&self) -> Option<u32> {
        self.per_second
    }
    fn deliver<'a>(&'a self, team: &'a TeamKey, _reply: &'a Reply, _key: &'a str) -> Sending<'a> {
        let limited = self.limited.lock().expect("lock").take();
        self.calls
            .lock()
            .expect("lock")
            .push((team.id.clone(), Instant::now(), limited.is_none()));
        Box::pin(async move {
            if let Some(pause) = limited {
                return Err(DeliveryError::RateLimited(pause));
            }
            let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            self.most_in_flight.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(self.took).await;
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            Ok(())
        })
    }
}

/// `n` teams `t0…`, each with one reminder due now.
fn teams(db: &Db, engine: &Arc<Engine>, n: usize) {
    let now = engine.now();
    for i in 0..n {
        setup_team(db, &format!("t{i}"), &[now]);
    }
}

fn scheduler_for(engine: &Arc<Engine>, db: &Db, platform: &Arc<Paced>) -> Scheduler {
    Scheduler::new(
        Arc::clone(engine),
        db.clone(),
        Arc::clone(platform) as Arc<dyn Delivery>,
        Scope::Platform("test".into()),
    )
    .0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teams_due_at_once_are_sent_side_by_side_each_once() {
    let db = Db::open_in_memory().expect("db");
    let engine = engine(Box::new(SystemClock));
    let n = 2 * MAX_IN_FLIGHT;
    teams(&db, &engine, n);
    let platform = Paced::new(Duration::from_millis(50), None, None);
    let mut scheduler = scheduler_for(&engine, &db, &platform);
    assert_eq!(scheduler.deliver_due().await, n);
    let accepted = platform.accepted();
    assert_eq!(accepted.len(), n, "every team got its reminder");
    assert!(
        accepted.values().all(|&c| c == 1),
        "none twice: {accepted:?}"
    );
    let most = platform.most_in_flight.load(Ordering::SeqCst);
    // 10,000 teams at ~100 ms a send within a minute, slow teams among them, needs well
    // over 16 at once.
    assert!(
        most > 16 && most <= MAX_IN_FLIGHT,
        "sends ran side by side, within the bound: at most {most} at once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_keep_to_the_platforms_pace() {
    let db = Db::open_in_memory().expect("db");
    let engine = engine(Box::new(SystemClock));
    teams(&db, &engine, 30);
    let platform = Paced::new(Duration::from_millis(1), Some(50), None);
    let mut scheduler = scheduler_for(&engine, &db, &platform);
    assert_eq!(scheduler.deliver_due().await, 30);
    let mut starts: Vec<Instant> = platform
        .calls
        .lock()
        .expect("lock")
        .iter()
        .map(|c| c.1)
        .collect();
    starts.sort();
    // At 50 a second, 30 sends take at least 29 × 20 ms; a little slack for the clock.
    let spread = starts[29] - starts[0];
    assert!(
        spread >= Duration::from_millis(29 * 20 - 5),
        "30 sends within {spread:?}: faster than 50 a second"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limit_holds_every_send_and_fails_none() {
    let db = Db::open_in_memory().expect("db");
    let engine = engine(Box::new(SystemClock));
    teams(&db, &engine, 10);
    let pause = Duration::from_millis(400);
    let almost = Duration::from_millis(395);
    let platform = Paced::new(Duration::from_millis(1), None, Some(pause));
    let mut scheduler = scheduler_for(&engine, &db, &platform);
    // All ten go out in this one run: the rate-limited one was not put off as a failed try.
    assert_eq!(scheduler.deliver_due().await, 10);
    let accepted = platform.accepted();
    assert_eq!(accepted.len(), 10);
    assert!(
        accepted.values().all(|&c| c == 1),
        "none twice: {accepted:?}"
    );
    let calls = platform.calls.lock().expect("lock").clone();
    let told = calls
        .iter()
        .find(|c| !c.2)
        .map(|c| c.1)
        .expect("one call was rate limited");
    // Calls already under way when the platform said "wait" may finish; none starts after
    // that within the pause.
    let early: Vec<Duration> = calls
        .iter()
        .filter(|c| c.1 > told + Duration::from_millis(20))
        .map(|c| c.1 - told)
        .filter(|d| *d < almost)
        .collect();
    assert!(
        early.is_empty(),
        "sends started during the back-off: {early:?}"
    );
    let retried_after = calls
        .iter()
        .filter(|c| c.2 && c.1 > told)
        .map(|c| c.1 - told)
        .max()
        .expect("sends after the limit");
    assert!(retried_after >= almost, "{retried_after:?}");
}
