//! Tests of the store thread: migrations, PRAGMAs, and one transaction per `Db::run`.

use anyhow::{Context, Result};
use rusqlite::Connection;

use super::*;

#[test]
fn migrations_are_valid() {
    MIGRATIONS.validate().expect("migrations validate");
}

#[test]
fn a_database_made_by_the_first_migration_upgrades_with_its_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite");
    {
        let mut conn = Connection::open(&path).expect("open");
        MIGRATIONS
            .to_version(&mut conn, 1)
            .expect("first migration");
        conn.execute(
            "INSERT INTO teams (platform, external_id, name, created_at, updated_at)
             VALUES ('terminal', 'old', 'old', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            [],
        )
        .expect("insert team");
        conn.execute(
            "INSERT INTO answers (team_id, round, key, value, user_name, answered_at)
             VALUES (1, 1, 'question.important', 'publiek', 'ann', '2026-01-01T00:00:00Z')",
            [],
        )
        .expect("insert answer");
    }
    let db = Db::open(&path, &Options::default()).expect("upgrade");
    let (answer, goals) = db
        .run(|s| {
            let team = s.find_team("terminal", "old")?.context("team kept")?;
            let a = s.get_answer(team.id, 1, "question.important")?;
            Ok((a, s.list_goals(team.id, 1)?))
        })
        .expect("read");
    assert_eq!(answer.and_then(|a| a.value).as_deref(), Some("publiek"));
    assert!(goals.is_empty());
}

#[test]
fn pragmas_are_set_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sqlite");
    let _db = Db::open(&path, &Options::default()).expect("open");
    let conn = Connection::open(&path).expect("second connection");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn an_error_rolls_the_whole_transaction_back() {
    let db = Db::open_in_memory().expect("db");
    let result: Result<()> = db.run(|s| {
        s.insert_team(
            "terminal",
            "t",
            "t",
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "2026-01-01T00:00:00Z",
        )?;
        anyhow::bail!("boom")
    });
    assert!(result.is_err());
    let found = db.run(|s| s.find_team("terminal", "t")).expect("read");
    assert!(found.is_none());
}

#[test]
fn a_panic_rolls_back_comes_back_as_an_error_and_the_store_goes_on() {
    let db = Db::open_in_memory().expect("db");
    let result: Result<()> = db.run(|s| {
        s.insert_team(
            "terminal",
            "t",
            "t",
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )?;
        panic!("a bug while handling a message");
    });
    let err = result.expect_err("a panic is an error");
    assert!(
        format!("{err:#}").contains("a bug while handling"),
        "{err:#}"
    );
    let found = db.run(|s| s.find_team("terminal", "t")).expect("next run");
    assert!(found.is_none(), "the panicking transaction was rolled back");
    db.run(|s| {
        s.insert_team(
            "terminal",
            "t",
            "t",
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )
    })
    .expect("the store thread still writes");
    let found = db.run(|s| s.find_team("terminal", "t")).expect("read");
    assert!(found.is_some(), "and commits");
}
