//! Tests of scheduler.rs when deliveries fail: one team's failure never holds up another's.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::anyhow;

use super::tests::{at, engine, setup_team};
use super::*;
use crate::engine::{Body, Clock, Incoming, Person, Reply, Role, SystemClock, TeamKey};
use crate::prompts::Lang;
use crate::reminders::{DeliveryError, Sending};

/// A clock the test moves by hand.
#[derive(Clone)]
struct Hand(Arc<Mutex<jiff::Timestamp>>);

impl Hand {
    fn at(t: jiff::Timestamp) -> Hand {
        Hand(Arc::new(Mutex::new(t)))
    }
    fn set_second(&self, s: i64) {
        *self.0.lock().expect("lock") = jiff::Timestamp::from_second(s).expect("instant");
    }
}

impl Clock for Hand {
    fn now(&self) -> jiff::Timestamp {
        *self.0.lock().expect("lock")
    }
}

/// How a team's space answers.
#[derive(Clone, Copy)]
enum Space {
    /// Takes the message.
    Fine,
    /// The channel is gone: permanent.
    Gone,
    /// A server error: may pass.
    Flaky,
    /// Never answers.
    Hangs,
}

/// A platform whose answer depends on the team; records who was tried.
struct Teams {
    spaces: HashMap<String, Space>,
    tried: Mutex<Vec<String>>,
}

impl Teams {
    fn new(spaces: &[(&str, Space)]) -> Arc<Teams> {
        Arc::new(Teams {
            spaces: spaces.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            tried: Mutex::new(Vec::new()),
        })
    }
    fn tries(&self, room: &str) -> usize {
        self.tried
            .lock()
            .expect("lock")
            .iter()
            .filter(|r| *r == room)
            .count()
    }
}

impl Delivery for Teams {
    fn platform(&self) -> &'static str {
        "test"
    }
    fn deliver<'a>(&'a self, team: &'a TeamKey, _reply: &'a Reply, _key: &'a str) -> Sending<'a> {
        self.tried.lock().expect("lock").push(team.id.clone());
        let space = self.spaces.get(&team.id).copied().unwrap_or(Space::Fine);
        Box::pin(async move {
            match space {
                Space::Fine => Ok(()),
                Space::Gone => Err(DeliveryError::Permanent("test 404 Unknown Channel".into())),
                Space::Flaky => Err(DeliveryError::Transient(anyhow!("502 Bad Gateway"))),
                Space::Hangs => std::future::pending().await,
            }
        })
    }
}

fn scheduler(engine: &Arc<Engine>, db: &Db, platform: &Arc<Teams>) -> (Scheduler, Handle) {
    Scheduler::new(
        Arc::clone(engine),
        db.clone(),
        Arc::clone(platform) as Arc<dyn Delivery>,
        Scope::Platform("test".into()),
    )
}

/// `(pending, sent)` reminders of the team's goal 1.
fn counts(db: &Db, team: i64) -> (i64, i64) {
    db.run(move |s| {
        let g = s.find_goal_by_number(team, 1)?.context("goal")?;
        s.count_goal_reminders(g.id)
    })
    .expect("counts")
}

/// When the team's next reminder is to be tried.
fn next_try(db: &Db, team: i64) -> Option<i64> {
    db.run(move |s| s.next_pending_reminder(&Scope::Team(team)))
        .expect("next")
        .map(|(_, at)| at)
}

fn status(engine: &Arc<Engine>, db: &Db, room: &str) -> String {
    let msg = Incoming {
        team: TeamKey {
            platform: "test".into(),
            id: room.into(),
            name: room.into(),
        },
        person: Person::named("ann"),
        role: Role::Manager,
        body: Body::Text("/status".into()),
    };
    engine
        .respond(db, msg)
        .iter()
        .map(|r| r.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_pause_doubles_from_five_seconds_up_to_fifteen_minutes() {
    let pauses: Vec<u64> = (1..=12).map(|n| retry_pause(n).as_secs()).collect();
    assert_eq!(
        pauses,
        [5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900]
    );
    assert_eq!(retry_pause(i64::MAX), MAX_RETRY);
}

#[tokio::test]
async fn a_channel_that_is_gone_fails_its_reminder_once_and_the_next_team_gets_theirs() {
    let t0 = at("2027-01-10T08:00:00Z");
    let db = Db::open_in_memory().expect("db");
    let a = setup_team(&db, "a", &[t0]);
    let b = setup_team(&db, "b", &[t0 + Duration::from_secs(1)]);
    let clock = Hand::at(t0 + Duration::from_secs(1));
    let engine = engine(Box::new(clock.clone()));
    let platform = Teams::new(&[("a", Space::Gone)]);
    let (mut scheduler, _h) = scheduler(&engine, &db, &platform);

    assert_eq!(scheduler.deliver_due().await, 1, "b's reminder went out");
    assert_eq!(counts(&db, b), (0, 1));
    assert_eq!(platform.tries("a"), 1);
    let failed = db.run(move |s| s.list_failed_reminders(a)).expect("failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].reason, "test 404 Unknown Channel");
    assert_eq!(
        counts(&db, a),
        (0, 0),
        "a's reminder is neither pending nor sent"
    );

    // Never tried again, however long koers runs.
    clock.set_second(t0.as_second() + 7 * 86_400);
    assert_eq!(scheduler.deliver_due().await, 0);
    assert_eq!(platform.tries("a"), 1);

    // The team sees it in its /status, once, in plain words.
    let texts = engine.texts();
    let header = texts.get(Lang::Nl, "msg.status.failed_reminders");
    let first = status(&engine, &db, "a");
    assert!(first.contains(header), "{first}");
    assert!(
        first.contains(texts.get(Lang::Nl, "msg.status.failed_reason.gone")),
        "{first}"
    );
    assert!(
        first.contains("Doel 1 (Meer studenten via Instagram)"),
        "{first}"
    );
    let second = status(&engine, &db, "a");
    assert!(!second.contains(header), "shown once: {second}");
    assert!(
        !status(&engine, &db, "b").contains(header),
        "b had no failure"
    );
}

#[tokio::test]
async fn a_failure_that_may_pass_is_retried_with_growing_pauses_then_failed() {
    let t0 = at("2027-01-10T08:00:00Z");
    let db = Db::open_in_memory().expect("db");
    let a = setup_team(&db, "a", &[t0]);
    let b = setup_team(
        &db,
        "b",
        &[t0 + Duration::from_secs(3), t0 + Duration::from_secs(200)],
    );
    let clock = Hand::at(t0);
    let engine = engine(Box::new(clock.clone()));
    let platform = Teams::new(&[("a", Space::Flaky)]);
    let (mut scheduler, _h) = scheduler(&engine, &db, &platform);

    assert_eq!(scheduler.deliver_due().await, 0);
    assert_eq!(next_try(&db, a), Some(t0.as_second() + 5));
    // b's reminder falls due while a's waits for its next try: b's goes out, a is not tried.
    clock.set_second(t0.as_second() + 3);
    assert_eq!(scheduler.deliver_due().await, 1);
    assert_eq!(counts(&db, b), (1, 1));
    assert_eq!(platform.tries("a"), 1);

    // Every next try of a comes after a longer pause, until the limit.
    let mut now = t0.as_second();
    let mut pauses = Vec::new();
    while let Some(next) = next_try(&db, a) {
        pauses.push(next - now);
        assert!(pauses.len() < 100, "never given up: {pauses:?}");
        now = next;
        clock.set_second(now);
        scheduler.deliver_due().await;
    }
    let expected: Vec<i64> = (1..MAX_ATTEMPTS)
        .map(|n| retry_pause(n).as_secs() as i64)
        .collect();
    assert_eq!(pauses, expected);
    assert_eq!(platform.tries("a"), MAX_ATTEMPTS as usize);
    let failed = db.run(move |s| s.list_failed_reminders(a)).expect("failed");
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0].reason.starts_with("test gave-up after 16 tries")
            && failed[0].reason.contains("502 Bad Gateway"),
        "{}",
        failed[0].reason
    );
    // b's later reminder went out when it fell due, between a's tries.
    assert_eq!(counts(&db, b), (0, 2));
    let header = engine.texts().get(Lang::Nl, "msg.status.failed_reminders");
    assert!(status(&engine, &db, "a").contains(header));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_that_hangs_does_not_hold_up_the_next_team() {
    let db = Db::open_in_memory().expect("db");
    let engine = engine(Box::new(SystemClock));
    let now = engine.now();
    setup_team(&db, "a", &[now]);
    let b = setup_team(&db, "b", &[now + Duration::from_secs(1)]);
    let platform = Teams::new(&[("a", Space::Hangs)]);
    let (scheduler, _handle) = scheduler(&engine, &db, &platform);
    let task = tokio::spawn(scheduler.run());
    let mut sent = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if counts(&db, b) == (0, 1) {
            sent = true;
            break;
        }
    }
    task.abort();
    assert!(sent, "b's reminder did not go out within 5 s");
    assert_eq!(platform.tries("a"), 1, "a's delivery is still under way");
}
