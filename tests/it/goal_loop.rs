//! End to end with the real binary and a moved clock (`koers chat --now`): a goal is entered,
//! its reminders arrive (late ones marked), the deadline brings the evaluation, the evaluation
//! proposes the next goal — and no reminder ever comes twice.

use koers::states::Outcome;

use crate::common::Database;
use crate::common::chat_at as chat;
use crate::common::goal_plan::PLAN;

/// The team's reminders as `kind local time`, in the order they fall due.
fn planned(db: &Database) -> Vec<String> {
    db.reminders("terminal", "lus")
        .into_iter()
        .map(|r| format!("{} {}", r.kind, r.local_at))
        .collect()
}

#[test]
fn goal_reminders_evaluation_and_next_goal_with_a_moved_clock() {
    const LATE: &str = "Te laat bezorgd";
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("koers.sqlite");
    let stored = Database::at(&db);

    // 25 November: the goal is entered, scored and planned.
    let out = chat(&db, "2026-11-25T10:00:00+01:00", PLAN);
    assert!(out.contains("Genoteerd als doel 1"), "{out}");
    assert!(out.contains("Deadline: 09-12-2026"), "{out}");
    assert!(!out.contains('⏰'), "nothing is due yet: {out}");
    assert_eq!(
        planned(&stored),
        [
            "before 2026-12-02T09:00:00",
            "before 2026-12-08T09:00:00",
            "deadline 2026-12-09T09:00:00",
            "nudge 2026-12-12T09:00:00"
        ]
    );

    // 8 December, noon: both heads-ups fell due while koers was not running; only the later
    // one goes out, with the days left from now.
    let out = chat(&db, "2026-12-08T12:00:00+01:00", &["/doel"]);
    assert_eq!(out.matches('⏰').count(), 1, "{out}");
    assert_eq!(out.matches(LATE).count(), 1, "{out}");
    assert!(out.contains("(morgen)"), "{out}");
    assert!(
        out.contains("1. Het aantal studenten"),
        "the goal list: {out}"
    );

    // 9 December, 30 s after 09:00: the evaluation prompt, on time; the team evaluates.
    let out = chat(
        &db,
        "2026-12-09T09:00:30+01:00",
        &[
            "170",
            "Meer bereik onder studenten",
            "Eerder beginnen",
            "nee",
            "ja",
            "Piet",
            "ja",
            "nee",
        ],
    );
    assert_eq!(out.matches('⏰').count(), 1, "{out}");
    assert!(!out.contains(LATE), "sent on time: {out}");
    assert!(out.contains("Wat is het resultaat van doel 1"), "{out}");
    assert!(
        out.contains("van 170 naar 180"),
        "the proposal starts from the result: {out}"
    );
    assert!(out.contains("deels gehaald"), "{out}");
    assert!(out.contains("Genoteerd als doel 2"), "{out}");

    let goals: Vec<String> = stored
        .goals("terminal", "lus")
        .into_iter()
        .map(|g| format!("{} {}", g.goal.number, g.goal.status))
        .collect();
    assert_eq!(goals, ["1 partly", "2 open"]);
    let evaluations: Vec<(i64, Option<Outcome>, Option<f64>)> = stored
        .evaluations("terminal", "lus")
        .into_iter()
        .map(|(g, e)| (g.number, e.outcome, e.value))
        .collect();
    assert_eq!(evaluations, [(1, Some(Outcome::Partly), Some(170.0))]);
    // Every reminder of goal 1 that was sent has exactly one send record; the nudge is gone
    // with the finished evaluation.
    let sends: Vec<String> = stored
        .reminders("terminal", "lus")
        .into_iter()
        .filter(|r| r.goal_number == 1)
        .map(|r| format!("{} {} {}", r.kind, r.state, r.sends))
        .collect();
    assert_eq!(
        sends,
        [
            "before cancelled 0",
            "before sent 1",
            "deadline sent 1",
            "nudge cancelled 0"
        ]
    );

    // Later the same day, again: nothing is sent twice.
    let out = chat(&db, "2026-12-09T15:00:00+01:00", &["/status"]);
    assert!(!out.contains('⏰'), "{out}");
}
