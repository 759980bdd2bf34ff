//! Tests of scheduler.rs: one team's reminders go out in due order, one at a time, without
//! holding up other teams; a heads-up the deadline prompt overtook is not sent.

use std::sync::Mutex;

use super::tests::{Platform, at, engine, setup_heads_ups, setup_team};
use super::*;
use crate::engine::{FixedClock, Reply, TeamKey};
use crate::reminders::Sending;
use crate::states::ReminderKind;

/// Shows a reminder only after a pause that is longest for the first (`…-key-0`): deliveries
/// that run side by side arrive in the wrong order.
#[derive(Default)]
struct SlowFirst {
    shown: Mutex<Vec<String>>,
}

impl Delivery for SlowFirst {
    fn platform(&self) -> &'static str {
        "test"
    }
    fn deliver<'a>(&'a self, _team: &'a TeamKey, _reply: &'a Reply, key: &'a str) -> Sending<'a> {
        let index: u64 = key
            .rsplit('-')
            .next()
            .and_then(|i| i.parse().ok())
            .unwrap_or(0);
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(40 * 4u64.saturating_sub(index))).await;
            self.shown.lock().expect("lock").push(key.to_string());
            Ok(())
        })
    }
}

#[tokio::test]
async fn late_reminders_of_a_team_arrive_in_due_order() {
    let now = at("2027-01-10T12:00:00Z");
    let db = Db::open_in_memory().expect("db");
    setup_team(
        &db,
        "room",
        &[
            at("2027-01-06T08:00:00Z"),
            at("2027-01-07T08:00:00Z"),
            at("2027-01-08T08:00:00Z"),
            at("2027-01-09T08:00:00Z"),
        ],
    );
    let platform = Arc::new(SlowFirst::default());
    let (mut scheduler, _h) = Scheduler::new(
        engine(Box::new(FixedClock(now))),
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    assert_eq!(scheduler.deliver_due().await, 4);
    assert_eq!(
        *platform.shown.lock().expect("lock"),
        ["room-key-0", "room-key-1", "room-key-2", "room-key-3"]
    );
}

#[tokio::test]
async fn heads_ups_overtaken_by_the_deadline_prompt_are_not_sent() {
    let now = at("2027-01-12T12:00:00Z");
    let db = Db::open_in_memory().expect("db");
    let team = setup_heads_ups(
        &db,
        "room",
        &[at("2027-01-05T08:00:00Z"), at("2027-01-11T08:00:00Z")],
    );
    insert_deadline_prompt(&db, team);
    let platform = Arc::new(Platform::default());
    let (mut scheduler, _h) = Scheduler::new(
        engine(Box::new(FixedClock(now))),
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    assert_eq!(scheduler.deliver_due().await, 1);
    let calls = platform.calls.lock().expect("lock").clone();
    assert_eq!(
        calls.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["room-deadline"]
    );
    let rows = db
        .run(move |s| s.list_team_reminders(team))
        .expect("reminders");
    let mut states: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.kind.to_string(), r.state.clone()))
        .collect();
    states.sort();
    assert_eq!(
        states,
        [
            ("before".to_string(), "cancelled".to_string()),
            ("before".to_string(), "cancelled".to_string()),
            ("deadline".to_string(), "sent".to_string()),
        ]
    );
    // Nothing is left to send after a restart either.
    let (mut again, _h) = Scheduler::new(
        engine(Box::new(FixedClock(now))),
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    assert_eq!(again.deliver_due().await, 0);
}

/// Shows each reminder after a short pause, in the order they arrive.
#[derive(Default)]
struct Steady {
    shown: Mutex<Vec<String>>,
}

impl Delivery for Steady {
    fn platform(&self) -> &'static str {
        "test"
    }
    fn deliver<'a>(&'a self, _team: &'a TeamKey, _reply: &'a Reply, key: &'a str) -> Sending<'a> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            self.shown.lock().expect("lock").push(key.to_string());
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_team_with_many_reminders_due_does_not_hold_up_the_next_team() {
    let now = at("2027-01-10T12:00:00Z");
    let db = Db::open_in_memory().expect("db");
    let many: Vec<jiff::Timestamp> = (0..(MAX_IN_FLIGHT as i64 + 20))
        .map(|i| jiff::Timestamp::from_second(at("2027-01-01T08:00:00Z").as_second() + i))
        .collect::<Result<_, _>>()
        .expect("instants");
    setup_team(&db, "busy", &many);
    setup_team(&db, "other", &[at("2027-01-09T08:00:00Z")]);
    let platform = Arc::new(Steady::default());
    let (mut scheduler, _h) = Scheduler::new(
        engine(Box::new(FixedClock(now))),
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    assert_eq!(scheduler.deliver_due().await, many.len() + 1);
    let shown = platform.shown.lock().expect("lock").clone();
    let other = shown
        .iter()
        .position(|k| k == "other-key-0")
        .expect("the other team's reminder");
    assert!(
        other < 3,
        "the other team waited for {other} sends: {shown:?}"
    );
}

/// Team `room` says `line` to koers at `now` (as `/sluimer` is given).
fn say_at(db: &Db, now: jiff::Timestamp, line: &str) -> String {
    let replies = engine(Box::new(FixedClock(now)))
        .handle(
            db,
            crate::engine::Incoming {
                team: TeamKey {
                    platform: "test".into(),
                    id: "room".into(),
                    name: "room".into(),
                },
                person: crate::store::Person::named("ann"),
                role: crate::engine::Role::Manager,
                body: crate::engine::Body::Text(line.into()),
            },
        )
        .expect("handled");
    replies.into_iter().map(|r| r.text).collect()
}

/// Each of team `team`'s reminders: (kind, state), by when they are due.
fn kinds_and_states(db: &Db, team: i64) -> Vec<(String, String)> {
    db.run(move |s| s.list_team_reminders(team))
        .expect("reminders")
        .iter()
        .map(|r| (r.kind.to_string(), r.state.clone()))
        .collect()
}

/// Goal 1's deadline prompt, due 12-01-2027 at 09:00 in Amsterdam.
fn insert_deadline_prompt(db: &Db, team: i64) {
    db.run(move |s| {
        let g = s.find_goal_by_number(team, 1)?.context("goal")?;
        s.insert_reminder(
            g.id,
            team,
            ReminderKind::Deadline,
            0,
            "2027-01-12T09:00:00",
            "Europe/Amsterdam",
            at("2027-01-12T08:00:00Z").as_second(),
            "room-deadline",
        )
    })
    .expect("deadline");
}

/// Deliver what is due at `now`; how many went out.
async fn deliver_at(db: &Db, platform: &Arc<Platform>, now: jiff::Timestamp) -> usize {
    let (mut scheduler, _h) = Scheduler::new(
        engine(Box::new(FixedClock(now))),
        db.clone(),
        platform.clone(),
        Scope::Platform("test".into()),
    );
    scheduler.deliver_due().await
}

#[tokio::test]
async fn a_heads_up_snoozed_past_the_deadline_is_refused_and_only_its_prompt_goes_out() {
    let db = Db::open_in_memory().expect("db");
    let team = setup_team(&db, "room", &[]);
    insert_deadline_prompt(&db, team);
    // Two days before, the team would put its heads-up off by three days, past the deadline:
    // the prompt would drop it, so it is refused rather than confirmed.
    let snoozed = say_at(&db, at("2027-01-10T10:00:00Z"), "/sluimer 1 3");
    assert!(
        snoozed.contains("13-01-2027 valt na de deadline") && !snoozed.contains("komt terug"),
        "{snoozed}"
    );
    let platform = Arc::new(Platform::default());
    assert_eq!(
        deliver_at(&db, &platform, at("2027-01-12T12:00:00Z")).await,
        1
    );
    // The day the snooze was for: nothing goes out, the evaluation is open.
    assert_eq!(
        deliver_at(&db, &platform, at("2027-01-13T12:00:00Z")).await,
        0
    );
    let calls = platform.calls.lock().expect("lock").clone();
    assert_eq!(
        calls.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["room-deadline"]
    );
    assert_eq!(
        kinds_and_states(&db, team),
        [("deadline".to_string(), "sent".to_string())]
    );
}

#[tokio::test]
async fn a_snoozed_heads_up_the_deadline_prompt_overtook_is_not_sent() {
    let db = Db::open_in_memory().expect("db");
    let team = setup_team(&db, "room", &[]);
    insert_deadline_prompt(&db, team);
    // Snoozed to the day before the deadline; koers was down from then until after it.
    say_at(&db, at("2027-01-10T10:00:00Z"), "/sluimer 1 1");
    let platform = Arc::new(Platform::default());
    assert_eq!(
        deliver_at(&db, &platform, at("2027-01-12T12:00:00Z")).await,
        1
    );
    assert_eq!(
        kinds_and_states(&db, team),
        [
            ("snooze".to_string(), "cancelled".to_string()),
            ("deadline".to_string(), "sent".to_string()),
        ]
    );
    // A snooze asked for once the evaluation is open is the team's own wish: it comes.
    say_at(&db, at("2027-01-12T13:00:00Z"), "/sluimer 1 1");
    assert_eq!(
        deliver_at(&db, &platform, at("2027-01-13T12:00:00Z")).await,
        1
    );
}

#[tokio::test]
async fn a_snooze_during_the_open_evaluation_reminds_of_the_evaluation() {
    let db = Db::open_in_memory().expect("db");
    let team = setup_team(&db, "room", &[]);
    insert_deadline_prompt(&db, team);
    let platform = Arc::new(Platform::default());
    assert_eq!(
        deliver_at(&db, &platform, at("2027-01-12T12:00:00Z")).await,
        1
    );
    // The evaluation is open; the team puts it off by two days.
    say_at(&db, at("2027-01-12T13:00:00Z"), "/sluimer 1 2");
    assert_eq!(
        deliver_at(&db, &platform, at("2027-01-14T08:00:00Z")).await,
        1
    );
    let calls = platform.calls.lock().expect("lock").clone();
    let (key, text) = calls.last().expect("the snoozed reminder");
    assert!(key.ends_with("-snooze"), "{key}");
    // Not a heads-up "planned 2 days before the deadline": the deadline passed and the
    // evaluation waits, at the question it is at.
    assert!(!text.contains("gepland"), "{text}");
    assert!(
        text.contains("De evaluatie van doel 1 'Meer studenten via Instagram' staat nog open."),
        "{text}"
    );
    assert!(text.contains("Wat is het resultaat van doel 1?"), "{text}");
}
