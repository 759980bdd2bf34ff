//! Retention driven by an injected clock: a silent team is warned, then deleted; a message in
//! between keeps it; closed rounds older than the retention go while the current one stays.

use std::sync::{Arc, Mutex};

use jiff::{SignedDuration, Timestamp};

use super::super::tests::{Chat, WALK};
use super::super::*;
use crate::store::Db;

/// A clock the test moves.
#[derive(Clone)]
struct Hands(Arc<Mutex<Timestamp>>);

impl Clock for Hands {
    fn now(&self) -> Timestamp {
        *self.0.lock().expect("clock")
    }
}

impl Hands {
    fn forward(&self, days: i64) {
        let mut t = self.0.lock().expect("clock");
        *t += SignedDuration::from_hours(24 * days);
    }
}

const DAYS: u32 = 100;

fn setup() -> (Hands, Arc<Engine>, Db) {
    let start: Timestamp = "2026-11-25T10:00:00Z".parse().expect("time");
    let hands = Hands(Arc::new(Mutex::new(start)));
    let settings = Settings {
        retention_days: DAYS,
        ..Settings::default()
    };
    let engine = Engine::new(Box::new(hands.clone()), settings).expect("engine");
    (hands, Arc::new(engine), Db::open_in_memory().expect("db"))
}

fn exists(chat: &Chat) -> bool {
    let team = chat.team.clone();
    chat.db
        .run(move |s| Ok(s.find_team(&team.platform, &team.id)?.is_some()))
        .expect("find")
}

/// Sweep the test platform, delivering every warning (as the scheduler does).
fn sweep(engine: &Arc<Engine>, db: &Db) -> Sweep {
    let found = engine.retention_sweep(db, "test").expect("sweep");
    for w in &found.warnings {
        engine.mark_warned(db, w.team_id).expect("mark");
    }
    found
}

#[test]
fn a_silent_team_is_warned_two_weeks_ahead_then_deleted() {
    let (hands, engine, db) = setup();
    let chat = Chat::on(Arc::clone(&engine), db.clone(), "quiet");
    hands.forward(i64::from(DAYS) - 15);
    assert_eq!(
        sweep(&engine, &db),
        Sweep::default(),
        "too early for a warning"
    );
    hands.forward(1);
    let found = sweep(&engine, &db);
    assert_eq!(found.warnings.len(), 1, "{found:?}");
    assert!(found.warnings[0].reply.text.contains("quiet"));
    assert!(!found.warnings[0].reply.farewell);
    assert!(found.deleted.is_empty());
    assert!(
        sweep(&engine, &db).warnings.is_empty(),
        "a team is warned once"
    );
    hands.forward(13);
    assert!(
        sweep(&engine, &db).deleted.is_empty(),
        "not before the two weeks"
    );
    assert!(exists(&chat));
    hands.forward(1);
    let found = sweep(&engine, &db);
    assert_eq!(found.deleted.len(), 1, "{found:?}");
    assert!(found.deleted[0].reply.farewell);
    assert!(!exists(&chat), "the team is deleted");
}

#[test]
fn a_message_after_the_warning_keeps_the_team_and_starts_the_count_again() {
    let (hands, engine, db) = setup();
    let mut chat = Chat::on(Arc::clone(&engine), db.clone(), "busy");
    hands.forward(i64::from(DAYS) - 14);
    assert_eq!(sweep(&engine, &db).warnings.len(), 1);
    hands.forward(7);
    chat.say("/status");
    hands.forward(7);
    let found = sweep(&engine, &db);
    assert!(
        found.deleted.is_empty() && found.warnings.is_empty(),
        "{found:?}"
    );
    assert!(exists(&chat));
    // A full retention later without a message, and two weeks after a new warning, it goes.
    hands.forward(i64::from(DAYS) - 14 - 7);
    assert_eq!(sweep(&engine, &db).warnings.len(), 1, "warned again");
    hands.forward(14);
    assert_eq!(sweep(&engine, &db).deleted.len(), 1);
    assert!(!exists(&chat));
}

#[test]
fn closed_rounds_older_than_the_retention_go_and_the_current_round_stays_with_running_goals() {
    let (hands, engine, db) = setup();
    let mut chat = Chat::on(Arc::clone(&engine), db.clone(), "rounds");
    for (_, answer) in WALK {
        chat.say(answer);
    }
    chat.say("/nieuw");
    let count = |chat: &Chat, round: u32| {
        let team = chat.team.clone();
        chat.db
            .run(move |s| {
                let t = s.find_team(&team.platform, &team.id)?.expect("team");
                Ok(s.list_answers(t.id, round)?.len())
            })
            .expect("answers")
    };
    assert!(count(&chat, 1) > 0 && count(&chat, 2) > 0);
    hands.forward(i64::from(DAYS) - 1);
    chat.say("/status");
    assert_eq!(sweep(&engine, &db).rounds, 0, "not old enough yet");
    hands.forward(1);
    chat.say("/status");
    let found = sweep(&engine, &db);
    assert_eq!(found.rounds, 1, "{found:?}");
    assert_eq!(count(&chat, 1), 0, "the closed round is gone");
    assert!(count(&chat, 2) > 0, "the current round stays");
    assert!(exists(&chat));
    let team = chat.team.clone();
    let goal = chat
        .db
        .run(move |s| {
            let t = s.find_team(&team.platform, &team.id)?.expect("team");
            s.find_goal_by_number(t.id, 1)
        })
        .expect("goal");
    assert!(
        goal.is_some_and(|g| g.round == 1),
        "a goal of the old round that still runs stays"
    );
}

#[test]
fn retention_zero_keeps_everything() {
    let (hands, _, db) = setup();
    let settings = Settings {
        retention_days: 0,
        ..Settings::default()
    };
    let engine = Arc::new(Engine::new(Box::new(hands.clone()), settings).expect("engine"));
    let chat = Chat::on(Arc::clone(&engine), db.clone(), "forever");
    hands.forward(10_000);
    assert_eq!(sweep(&engine, &db), Sweep::default());
    assert!(exists(&chat));
}

#[test]
fn a_team_is_never_deleted_without_a_warning_two_weeks_before() {
    let (hands, engine, db) = setup();
    let chat = Chat::on(Arc::clone(&engine), db.clone(), "away");
    // No sweep ran while koers was down: the first one, long past the retention, only warns.
    hands.forward(i64::from(DAYS) + 30);
    let found = sweep(&engine, &db);
    assert!(found.deleted.is_empty(), "{found:?}");
    assert_eq!(found.warnings.len(), 1);
    hands.forward(13);
    assert!(sweep(&engine, &db).deleted.is_empty());
    hands.forward(1);
    assert_eq!(sweep(&engine, &db).deleted.len(), 1);
    assert!(!exists(&chat));
}
