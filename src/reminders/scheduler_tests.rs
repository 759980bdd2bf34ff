//! Tests of scheduler.rs.

use std::collections::HashSet;
use std::sync::Mutex;

use super::*;
use crate::engine::{Clock, FixedClock, Reply, Settings, SystemClock, TeamKey};
use crate::reminders::Sending;
use crate::states::ReminderKind;

/// Behaves like Discord with a nonce or Matrix with a transaction id: a resend with a key
/// already seen is accepted but not shown again.
#[derive(Default)]
pub(super) struct Platform {
    pub(super) calls: Mutex<Vec<(String, String)>>,
    shown: Mutex<Vec<String>>,
    seen: Mutex<HashSet<String>>,
}

impl Delivery for Platform {
    fn platform(&self) -> &'static str {
        "test"
    }
    fn deliver<'a>(&'a self, _team: &'a TeamKey, reply: &'a Reply, key: &'a str) -> Sending<'a> {
        let mut calls = self.calls.lock().expect("lock");
        calls.push((key.to_string(), reply.text.clone()));
        if self.seen.lock().expect("lock").insert(key.to_string()) {
            self.shown.lock().expect("lock").push(reply.text.clone());
        }
        Box::pin(async { Ok(()) })
    }
}

pub(super) fn at(s: &str) -> jiff::Timestamp {
    s.parse().expect("timestamp")
}

/// A team with one goal and reminders due at the given instants; returns the team id.
fn setup(db: &Db, due: &[jiff::Timestamp]) -> i64 {
    setup_team(db, "room", due)
}

/// Team `room` (platform `test`) with one goal and snoozed reminders due at the given instants,
/// keyed `{room}-key-{i}`; returns the team id. Snoozes: each is sent however many are due (of
/// two heads-ups due at once only the later one is, which is not what most tests are about).
pub(super) fn setup_team(db: &Db, room: &str, due: &[jiff::Timestamp]) -> i64 {
    setup_on(db, "test", room, due, ReminderKind::Snooze)
}

/// Like [`setup_team`], with heads-ups (reminders before the deadline).
pub(super) fn setup_heads_ups(db: &Db, room: &str, due: &[jiff::Timestamp]) -> i64 {
    setup_on(db, "test", room, due, ReminderKind::Before)
}

/// Like [`setup_team`], for a team on `platform`, with reminders of `kind`.
fn setup_on(
    db: &Db,
    platform: &str,
    room: &str,
    due: &[jiff::Timestamp],
    kind: ReminderKind,
) -> i64 {
    let due: Vec<i64> = due.iter().map(|t| t.as_second()).collect();
    let (platform, room) = (platform.to_string(), room.to_string());
    db.run(move |s| {
        let t = s.insert_team(
            &platform,
            &room,
            &room,
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )?;
        let goal = crate::store::Goal {
            key: "action.action#1.goal#1".into(),
            action_text: "campagne".into(),
            text: "Meer studenten via Instagram".into(),
            owner: Some("Sanne".into()),
            deadline_text: None,
            baseline_text: None,
            target_text: None,
            created_by: "ann".into(),
            created_by_id: Some("ann".into()),
        };
        let id = s.upsert_goal(t.id, 1, &goal, "now")?;
        s.update_goal_number(id)?;
        s.update_goal_tracking(
            id,
            Some("2027-01-12"),
            "Europe/Amsterdam",
            Some(100.0),
            Some(120.0),
            None,
            5,
            "{}",
            None,
        )?;
        for (i, d) in due.iter().enumerate() {
            s.insert_reminder(
                id,
                t.id,
                kind,
                1,
                "2027-01-11T09:00:00",
                "Europe/Amsterdam",
                *d,
                &format!("{room}-key-{i}"),
            )?;
        }
        Ok(t.id)
    })
    .expect("setup")
}

pub(super) fn engine(clock: Box<dyn Clock>) -> Arc<Engine> {
    Arc::new(Engine::new(clock, Settings::default()).expect("engine"))
}

fn states(db: &Db) -> Vec<(String, bool)> {
    db.run(|s| {
        let t = s.find_team("test", "room")?.context("team")?;
        let g = s.find_goal_by_number(t.id, 1)?.context("goal")?;
        let (pending, sent) = s.count_goal_reminders(g.id)?;
        Ok(vec![
            ("pending".to_string(), pending > 0),
            ("sent".to_string(), sent > 0),
        ])
    })
    .expect("states")
}

#[tokio::test]
async fn reminders_due_while_down_arrive_once_marked_late() {
    let now = at("2027-01-10T12:00:00Z");
    let db = Db::open_in_memory().expect("db");
    setup(
        &db,
        &[
            at("2027-01-07T08:00:00Z"),
            at("2027-01-09T08:00:00Z"),
            at("2027-01-11T08:00:00Z"),
        ],
    );
    let platform = Arc::new(Platform::default());
    let engine = engine(Box::new(FixedClock(now)));
    let (mut first, _h) = Scheduler::new(
        Arc::clone(&engine),
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    assert_eq!(first.deliver_due().await, 2);
    let late = engine
        .texts()
        .get(crate::prompts::Lang::Nl, "msg.reminder.late");
    {
        let shown = platform.shown.lock().expect("lock");
        assert_eq!(shown.len(), 2);
        assert!(shown.iter().all(|t| t.contains(late)), "{shown:?}");
    }
    // A restart: nothing is sent twice, the future reminder is still pending.
    let (mut again, _h) = Scheduler::new(
        engine,
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    assert_eq!(again.deliver_due().await, 0);
    assert_eq!(platform.calls.lock().expect("lock").len(), 2);
    assert_eq!(
        states(&db),
        [("pending".to_string(), true), ("sent".to_string(), true)]
    );
    let late_rows: i64 = db.run(|s| s.count_late_sends()).expect("count");
    assert_eq!(late_rows, 2);
}

/// A reminder handed over and never recorded (the process died between print and record) is
/// worded again with the possible-repeat line where the platform prints every send (the
/// terminal), and without it where the platform drops a resend by its key.
#[test]
fn a_resend_to_a_terminal_says_it_may_be_a_repeat() {
    let now = at("2027-01-10T12:00:00Z");
    let engine = engine(Box::new(FixedClock(now)));
    let repeat = engine
        .texts()
        .get(crate::prompts::Lang::Nl, "msg.reminder.possible_repeat");
    for (platform, flagged) in [("terminal", true), ("test", false)] {
        let db = Db::open_in_memory().expect("db");
        setup_on(
            &db,
            platform,
            "room",
            &[at("2027-01-10T08:00:00Z")],
            ReminderKind::Before,
        );
        let scope = Scope::Platform(platform.into());
        let (id, _) = db
            .run(move |s| s.next_pending_reminder(&scope))
            .expect("next")
            .expect("one due");
        let first = engine
            .prepare_reminder(&db, id)
            .expect("prepare")
            .expect("text");
        assert!(
            !first.reply.text.contains(repeat),
            "{platform}: the first time is no repeat"
        );
        // Not confirmed: the process died before the record.
        let again = engine
            .prepare_reminder(&db, id)
            .expect("prepare")
            .expect("text");
        assert_eq!(
            again.reply.text.contains(repeat),
            flagged,
            "{platform}: {}",
            again.reply.text
        );
        assert!(
            again.reply.text.ends_with(&first.reply.text),
            "{platform}: the same reminder"
        );
    }
}

#[tokio::test]
async fn a_crash_between_send_and_record_resends_with_the_same_key_and_shows_once() {
    let now = at("2027-01-10T12:00:00Z");
    let db = Db::open_in_memory().expect("db");
    setup(&db, &[at("2027-01-10T08:00:00Z")]);
    let platform = Arc::new(Platform::default());
    let engine = engine(Box::new(FixedClock(now)));
    // Sent, then the process dies before the send is recorded.
    let (id, _) = db
        .run(|s| s.next_pending_reminder(&Scope::Platform("test".into())))
        .expect("next")
        .expect("one due");
    let out = engine
        .prepare_reminder(&db, id)
        .expect("prepare")
        .expect("something to say");
    platform
        .deliver(&out.team, &out.reply, &out.key)
        .await
        .expect("delivered");
    // After the restart the reminder is still pending and goes out again, same key.
    let (mut scheduler, _h) = Scheduler::new(
        engine,
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    assert_eq!(scheduler.deliver_due().await, 1);
    let calls = platform.calls.lock().expect("lock").clone();
    assert_eq!(calls.len(), 2);
    assert_eq!(
        calls[0].0, calls[1].0,
        "the resend carries the same idempotency key"
    );
    assert_eq!(
        platform.shown.lock().expect("lock").len(),
        1,
        "the team sees it once"
    );
    assert_eq!(
        states(&db),
        [("pending".to_string(), false), ("sent".to_string(), true)]
    );
}

#[tokio::test]
async fn the_running_scheduler_sleeps_until_due_and_wakes_for_new_reminders() {
    let db = Db::open_in_memory().expect("db");
    let team = setup(&db, &[]);
    let platform = Arc::new(Platform::default());
    let engine = engine(Box::new(SystemClock));
    let (scheduler, handle) = Scheduler::new(
        Arc::clone(&engine),
        db.clone(),
        platform.clone(),
        Scope::Team(team),
    );
    let task = tokio::spawn(scheduler.run());
    // Nothing pending: the scheduler waits to be woken. Add a reminder 300 ms ahead.
    let due = engine.now().as_second() + 1;
    db.run(move |s| {
        let g = s.find_goal_by_number(team, 1)?.context("goal")?;
        s.insert_reminder(
            g.id,
            team,
            ReminderKind::Before,
            1,
            "2027-01-11T09:00:00",
            "Europe/Amsterdam",
            due,
            "soon",
        )
    })
    .expect("insert");
    handle.wake();
    let started = std::time::Instant::now();
    let mut delivered = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if !platform.shown.lock().expect("lock").is_empty() {
            delivered = true;
            break;
        }
    }
    task.abort();
    assert!(delivered, "the reminder was not delivered within 5 s");
    // Not before its second: the scheduler slept until it.
    assert!(engine.now().as_second() >= due);
    assert!(started.elapsed() < Duration::from_secs(5));
}
