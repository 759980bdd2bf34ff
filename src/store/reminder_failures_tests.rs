//! Tests of `reminder_failures.rs` and of the migration that added failed reminders.

use super::*;
use crate::states::ReminderKind;
use anyhow::{Context, Result};

fn goal() -> Goal {
    Goal {
        key: "action.action#1.goal#1".into(),
        action_text: "actie".into(),
        text: "Meer studenten".into(),
        owner: None,
        deadline_text: None,
        baseline_text: None,
        target_text: None,
        created_by: "ann".into(),
        created_by_id: Some("ann".into()),
    }
}

/// Team `name` with one goal and a reminder per `(due_at, key)`; returns the team id.
fn seed(s: &mut Store<'_>, name: &str, reminders: &[(i64, &str)]) -> Result<i64> {
    let t = s.insert_team(
        "test",
        name,
        name,
        crate::prompts::Lang::Nl,
        "Europe/Amsterdam",
        "now",
    )?;
    let g = s.upsert_goal(t.id, 1, &goal(), "now")?;
    s.update_goal_number(g)?;
    for (due, key) in reminders {
        s.insert_reminder(
            g,
            t.id,
            ReminderKind::Before,
            1,
            "2027-01-11T09:00:00",
            "Europe/Amsterdam",
            *due,
            key,
        )?;
    }
    Ok(t.id)
}

fn id_of(s: &mut Store<'_>, key: &str) -> Result<i64> {
    s.tx()
        .query_row("SELECT id FROM reminders WHERE idem_key = ?1", [key], |r| {
            r.get(0)
        })
        .context(key.to_string())
}

#[test]
fn a_reminder_backing_off_does_not_hold_up_one_due_after_it() {
    let db = Db::open_in_memory().expect("db");
    let (before, after, plan) = db
        .run(|s| {
            seed(s, "a", &[(100, "a")])?;
            seed(s, "b", &[(101, "b")])?;
            let a = id_of(s, "a")?;
            let before = s.list_next_reminders(&Scope::Platform("test".into()), 5)?;
            assert_eq!(s.add_reminder_attempt(a)?, Some(1));
            s.postpone_reminder(a, 105)?;
            let after = s.list_next_reminders(&Scope::Platform("test".into()), 5)?;
            let plan: Vec<String> = s
                .tx()
                .prepare(&format!(
                    "EXPLAIN QUERY PLAN {}",
                    reminders::NEXT_REMINDER_SQL
                ))?
                .query_map(rusqlite::params!["test", 5], |r| r.get::<_, String>(3))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((before, after, plan.join(" | ")))
        })
        .expect("run");
    let times = |v: &[(i64, i64)]| v.iter().map(|r| r.1).collect::<Vec<_>>();
    assert_eq!(times(&before), [100, 101]);
    assert_eq!(times(&after), [101, 105], "a waits for its next try");
    assert!(plan.contains("INDEX reminders_due"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

#[test]
fn a_failed_reminder_is_not_tried_again_and_is_listed_once_with_its_reason() {
    let db = Db::open_in_memory().expect("db");
    let (next, first, second, marked_twice) = db
        .run(|s| {
            let t = seed(s, "a", &[(100, "a")])?;
            let a = id_of(s, "a")?;
            assert!(s.mark_reminder_failed(a, "discord 404 Unknown Channel", "t1")?);
            let marked_twice = s.mark_reminder_failed(a, "again", "t2")?;
            let next = s.next_pending_reminder(&Scope::Team(t))?;
            let first = s.list_failed_reminders(t)?;
            s.mark_failed_reminders_shown(t, "t3")?;
            Ok((next, first, s.list_failed_reminders(t)?, marked_twice))
        })
        .expect("run");
    assert_eq!(next, None);
    assert!(
        !marked_twice,
        "a failed reminder stays failed with its first reason"
    );
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].reason, "discord 404 Unknown Channel");
    assert_eq!(
        (first[0].goal_number, first[0].goal_text.as_str()),
        (1, "Meer studenten")
    );
    assert!(second.is_empty());
}

#[test]
fn the_migration_keeps_reminders_and_their_send_records_linked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA foreign_keys = ON").expect("fk");
        MIGRATIONS.to_version(&mut conn, 6).expect("up to 0006");
        conn.execute_batch(
            "INSERT INTO teams (platform, external_id, name, created_at, updated_at)
                 VALUES ('test', 'a', 'a', 'now', 'now');
             INSERT INTO goals (team_id, round, key, action_text, text, created_by, created_at,
                                updated_at, number)
                 VALUES (1, 1, 'g', 'actie', 'doel', 'ann', 'now', 'now', 1);
             INSERT INTO reminders (goal_id, team_id, platform, kind, local_at, timezone, due_at,
                                    state, idem_key, sent_at)
                 VALUES (1, 1, 'test', 'before', '2027-01-11T09:00:00', 'Europe/Amsterdam', 50,
                         'sent', 'k-sent', 'then'),
                        (1, 1, 'test', 'before', '2027-01-12T09:00:00', 'Europe/Amsterdam', 70,
                         'pending', 'k-pending', NULL);
             INSERT INTO reminder_sends (reminder_id, idem_key, platform, sent_at, late)
                 VALUES (1, 'k-sent', 'test', 'then', 0);",
        )
        .expect("old rows");
    }
    let db = Db::open(&path, &Options::default()).expect("upgrade");
    let (sends, next, after_delete) = db
        .run(|s| {
            let count = |s: &mut Store<'_>| -> Result<i64> {
                Ok(s.tx()
                    .query_row("SELECT COUNT(*) FROM reminder_sends", [], |r| r.get(0))?)
            };
            let sends = count(s)?;
            let next = s.next_pending_reminder(&Scope::Platform("test".into()))?;
            // The send record still belongs to its reminder: deleting one deletes the other.
            s.tx()
                .execute("DELETE FROM reminders WHERE idem_key = 'k-sent'", [])?;
            Ok((sends, next, count(s)?))
        })
        .expect("read");
    assert_eq!(sends, 1, "send records survive the rebuild");
    assert_eq!(
        next,
        Some((2, 70)),
        "next try of an old reminder is its due time"
    );
    assert_eq!(after_delete, 0);
}
