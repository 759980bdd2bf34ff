//! Tests of the goal, reminder and evaluation queries.

use super::reminders::NEXT_REMINDER_SQL;
use super::*;
use crate::states::ReminderKind;
use anyhow::Context;

fn goal(key: &str) -> Goal {
    Goal {
        key: key.into(),
        action_text: "actie".into(),
        text: "doel".into(),
        owner: None,
        deadline_text: None,
        baseline_text: None,
        target_text: None,
        created_by: "ann".into(),
        created_by_id: Some("ann".into()),
    }
}

#[test]
fn ten_thousand_goals_next_reminder_comes_from_the_index() {
    let db = Db::open_in_memory().expect("db");
    let (next, plan) = db
        .run(|s| {
            let t = s.insert_team(
                "test",
                "t",
                "t",
                crate::prompts::Lang::Nl,
                "Europe/Amsterdam",
                "now",
            )?;
            for i in 0..10_000_i64 {
                let id = s.upsert_goal(t.id, 1, &goal(&format!("g{i}")), "now")?;
                s.update_goal_number(id)?;
                for (k, kind) in [ReminderKind::Before, ReminderKind::Deadline]
                    .into_iter()
                    .enumerate()
                {
                    let due = 2_000_000_000 - i * 10 + k as i64;
                    s.insert_reminder(
                        id,
                        t.id,
                        kind,
                        0,
                        "2027-01-01T09:00:00",
                        "Europe/Amsterdam",
                        due,
                        &format!("k{i}-{k}"),
                    )?;
                }
            }
            let plan: Vec<String> = s
                .tx()
                .prepare(&format!("EXPLAIN QUERY PLAN {NEXT_REMINDER_SQL}"))?
                .query_map(rusqlite::params!["test", 1], |r| r.get::<_, String>(3))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((
                s.next_pending_reminder(&Scope::Platform("test".into()))?,
                plan,
            ))
        })
        .expect("run");
    assert_eq!(next.map(|(_, due)| due), Some(2_000_000_000 - 9_999 * 10));
    let plan = plan.join(" | ");
    assert!(
        plan.contains("USING INDEX reminders_due")
            || plan.contains("USING COVERING INDEX reminders_due"),
        "{plan}"
    );
    assert!(
        !plan.contains("TEMP B-TREE"),
        "sorting without the index: {plan}"
    );
}

#[test]
fn a_reminder_is_marked_sent_once_with_one_send_record() {
    let db = Db::open_in_memory().expect("db");
    let (first, second, next, sends) = db
        .run(|s| {
            let t = s.insert_team(
                "test",
                "t",
                "t",
                crate::prompts::Lang::Nl,
                "Europe/Amsterdam",
                "now",
            )?;
            let id = s.upsert_goal(t.id, 1, &goal("g"), "now")?;
            s.insert_reminder(
                id,
                t.id,
                ReminderKind::Deadline,
                0,
                "2027-01-01T09:00:00",
                "Europe/Amsterdam",
                5,
                "key",
            )?;
            s.insert_reminder(
                id,
                t.id,
                ReminderKind::Deadline,
                0,
                "2027-01-01T09:00:00",
                "Europe/Amsterdam",
                5,
                "key",
            )?;
            let (rid, _) = s
                .next_pending_reminder(&Scope::Team(t.id))?
                .context("one pending")?;
            let due = s.get_pending_reminder(rid)?.context("pending")?;
            assert_eq!(due.goal.id, id);
            let first = s.mark_reminder_sent(rid, "terminal", true, "now")?;
            let second = s.mark_reminder_sent(rid, "terminal", true, "now")?;
            let sends: i64 = s
                .tx()
                .query_row("SELECT COUNT(*) FROM reminder_sends", [], |r| r.get(0))?;
            Ok((
                first,
                second,
                s.next_pending_reminder(&Scope::Team(t.id))?,
                sends,
            ))
        })
        .expect("run");
    assert!(first && !second);
    assert_eq!(next, None);
    assert_eq!(sends, 1);
}

#[test]
fn goal_changes_keep_their_history_and_numbers_count_up() {
    let db = Db::open_in_memory().expect("db");
    let (numbers, history, g) = db
        .run(|s| {
            let t = s.insert_team(
                "test",
                "t",
                "t",
                crate::prompts::Lang::Nl,
                "Europe/Amsterdam",
                "now",
            )?;
            let a = s.upsert_goal(t.id, 1, &goal("a"), "now")?;
            let b = s.upsert_goal(t.id, 1, &goal("b"), "now")?;
            let numbers = (
                s.update_goal_number(a)?,
                s.update_goal_number(b)?,
                s.update_goal_number(a)?,
            );
            s.update_goal_field(
                a,
                GoalField::Deadline,
                Some("2027-06-30"),
                Some("later start"),
                &Person::named("ann"),
                "t1",
            )?;
            s.update_goal_field(
                a,
                GoalField::Current,
                Some("150"),
                None,
                &Person::named("bob"),
                "t2",
            )?;
            Ok((
                numbers,
                s.list_goal_history(a)?,
                s.find_goal_by_number(t.id, 1)?,
            ))
        })
        .expect("run");
    assert_eq!(numbers, (1, 2, 1));
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].reason.as_deref(), Some("later start"));
    assert_eq!(history[0].new.as_deref(), Some("2027-06-30"));
    let g = g.expect("goal 1");
    assert_eq!(
        (g.deadline.map(|d| d.to_string()), g.current),
        (Some("2027-06-30".to_string()), Some(150.0))
    );
}
