//! Tests of the read-only inspector and its queries, on database files (a read-only
//! connection needs a file).

use super::*;
use crate::prompts::Lang;
use crate::states::{GoalStatus, Unit};
use crate::store::{Db, Goal, Options};

const NOW: &str = "2026-11-25T09:00:00Z";

fn answer(key: &str, value: &str, at: &str) -> Answer {
    Answer {
        key: key.into(),
        value: Some(value.into()),
        skipped: false,
        computed: false,
        user: "Ann".into(),
        user_id: Some("@ann:example.org".into()),
        at: at.into(),
    }
}

/// A team "room" on Matrix with one changed answer, one numbered goal and two reminders, the
/// first one sent; the database stays open, like a running bot's.
fn written(path: &Path) -> Db {
    let db = Db::open(path, &Options::default()).expect("open");
    db.run(|s| {
        let t = s.insert_team(
            "matrix",
            "!room",
            "Kamer",
            Lang::Nl,
            "Europe/Amsterdam",
            NOW,
        )?;
        s.insert_team(
            "terminal",
            "solo",
            "solo",
            Lang::En,
            "Europe/Amsterdam",
            NOW,
        )?;
        s.upsert_answer(t.id, 1, &answer("question.important", "eerst", NOW))?;
        s.upsert_answer(
            t.id,
            1,
            &answer("question.important", "later", "2026-11-25T10:00:00Z"),
        )?;
        let goal = Goal {
            key: "action.action#1.goal#1".into(),
            action_text: "Campagne".into(),
            text: "Meer studenten vóór juni 2027".into(),
            owner: Some("Sanne".into()),
            deadline_text: Some("2027-05-31".into()),
            baseline_text: Some("150".into()),
            target_text: Some("180".into()),
            created_by: "Ann".into(),
            created_by_id: Some("@ann:example.org".into()),
        };
        let id = s.upsert_goal(t.id, 1, &goal, NOW)?;
        s.update_goal_number(id)?;
        s.update_goal_tracking(
            id,
            Some("2027-05-31"),
            "Europe/Amsterdam",
            Some(150.0),
            Some(180.0),
            Some(Unit::Percent),
            5,
            "{\"score\":5}",
            Some("Hoeveel studenten?"),
        )?;
        for (kind, days, due) in [
            (ReminderKind::Deadline, 0, 300),
            (ReminderKind::Before, 7, 100),
        ] {
            s.insert_reminder(
                id,
                t.id,
                kind,
                days,
                "2027-05-24T09:00:00",
                "Europe/Amsterdam",
                due,
                &format!("k{due}"),
            )?;
        }
        let (first, _) = s
            .next_pending_reminder(&crate::store::Scope::Team(t.id))?
            .context("a pending reminder")?;
        s.mark_reminder_sent(first, "matrix", false, NOW)?;
        Ok(())
    })
    .expect("write");
    db
}

#[test]
fn an_inspector_reads_a_running_bots_database_as_typed_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("koers.sqlite");
    let _bot = written(&path);
    let mut inspector = Inspector::open(&path).expect("open read-only");
    let (teams, history, goals, reminders) = inspector
        .read(|s| {
            let teams = s.list_teams()?;
            let id = teams[0].id;
            Ok((
                teams,
                s.list_team_answer_history(id)?,
                s.list_goal_records(id)?,
                s.list_team_reminders(id)?,
            ))
        })
        .expect("read");

    let places: Vec<_> = teams
        .iter()
        .map(|t| (t.platform.as_str(), t.external_id.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(
        places,
        [("matrix", "!room", "Kamer"), ("terminal", "solo", "solo")]
    );

    assert_eq!(history.len(), 1, "{history:#?}");
    assert_eq!(history[0].round, 1);
    assert_eq!(
        history[0].answer,
        answer("question.important", "eerst", NOW)
    );
    assert_eq!(history[0].replaced_at, "2026-11-25T10:00:00Z");

    assert_eq!(goals.len(), 1, "{goals:#?}");
    let g = &goals[0];
    assert_eq!(
        (g.goal.number, g.goal.status, g.goal.unit, g.goal.target),
        (1, GoalStatus::Open, Some(Unit::Percent), Some(180.0))
    );
    assert_eq!(
        g.goal.deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-05-31")
    );
    assert_eq!(g.vraagstuk.as_deref(), Some("Hoeveel studenten?"));
    assert_eq!(
        (
            g.deadline_text.as_deref(),
            g.baseline_text.as_deref(),
            g.target_text.as_deref()
        ),
        (Some("2027-05-31"), Some("150"), Some("180"))
    );
    assert_eq!(g.smart_json.as_deref(), Some("{\"score\":5}"));
    assert_eq!(
        (g.created_by.as_str(), g.created_by_id.as_deref()),
        ("Ann", Some("@ann:example.org"))
    );

    let told: Vec<_> = reminders
        .iter()
        .map(|r| {
            (
                r.kind,
                r.days,
                r.due_at,
                r.state.as_str(),
                r.sends,
                r.goal_number,
            )
        })
        .collect();
    assert_eq!(
        told,
        [
            (ReminderKind::Before, 7, 100, "sent", 1, 1),
            (ReminderKind::Deadline, 0, 300, "pending", 0, 1),
        ],
        "in the order they fall due, each with its send records"
    );
    assert_eq!(reminders[0].sent_at.as_deref(), Some(NOW));
}

#[test]
fn the_database_reports_its_health_and_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("koers.sqlite");
    let _bot = written(&path);
    let (integrity, mode, tables) = Inspector::open(&path)
        .expect("open")
        .read(|s| {
            Ok((
                s.check_integrity()?,
                s.get_journal_mode()?,
                s.list_tables()?,
            ))
        })
        .expect("read");
    assert_eq!(integrity, ["ok"]);
    assert_eq!(mode, "wal");
    for table in ["answer_history", "answers", "goals", "reminders", "teams"] {
        assert!(tables.iter().any(|t| t == table), "{table}: {tables:?}");
    }
    assert!(tables.windows(2).all(|w| w[0] < w[1]), "{tables:?}");
    assert!(
        !tables.iter().any(|t| t.starts_with("sqlite_")),
        "{tables:?}"
    );
}

#[test]
fn an_inspector_writes_nothing_and_creates_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("none.sqlite");
    assert!(Inspector::open(&missing).is_err());
    assert!(!missing.exists(), "no database was created");

    let path = dir.path().join("koers.sqlite");
    let bot = written(&path);
    let refused = Inspector::open(&path).expect("open").read(|s| {
        s.update_listen(1, crate::states::Listen::Replies, NOW)?;
        s.upsert_answer(1, 1, &answer("question.focus", "x", NOW))
    });
    let err = refused.expect_err("a write on a read-only connection fails");
    assert!(format!("{err:#}").contains("readonly"), "{err:#}");
    let kept = bot
        .run(|s| {
            let t = s.find_team("matrix", "!room")?.context("team")?;
            Ok((t.listen, s.get_answer(t.id, 1, "question.focus")?))
        })
        .expect("read");
    assert_eq!(kept, (crate::states::Listen::All, None));
}

#[test]
fn a_closed_database_opens_read_only_without_its_wal_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("koers.sqlite");
    {
        let mut conn = Connection::open(&path).expect("open");
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .expect("wal");
        MIGRATIONS.to_latest(&mut conn).expect("migrate");
    }
    assert!(
        !dir.path().join("koers.sqlite-wal").exists(),
        "the last connection removed its WAL file"
    );
    let (mode, teams) = Inspector::open(&path)
        .expect("open")
        .read(|s| Ok((s.get_journal_mode()?, s.list_teams()?)))
        .expect("read");
    assert_eq!(mode, "wal");
    assert!(teams.is_empty());
}

#[test]
fn a_database_of_another_schema_version_is_refused_with_advice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite");
    {
        let mut conn = Connection::open(&path).expect("open");
        MIGRATIONS
            .to_version(&mut conn, 1)
            .expect("first migration");
    }
    let err = Inspector::open(&path).expect_err("an old schema");
    assert!(
        format!("{err:#}").contains("start koers on it once"),
        "{err:#}"
    );

    let newer = dir.path().join("newer.sqlite");
    {
        let mut conn = Connection::open(&newer).expect("open");
        MIGRATIONS.to_latest(&mut conn).expect("migrate");
        conn.pragma_update(None, "user_version", 999).expect("bump");
    }
    let err = Inspector::open(&newer).expect_err("a newer schema");
    assert!(format!("{err:#}").contains("newer koers"), "{err:#}");
}
