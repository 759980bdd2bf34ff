//! Tests of the store: migrations, PRAGMAs, one transaction per `Db::run`, one at a time.

use anyhow::{Context, Result};
use rusqlite::Connection;

use super::*;

/// A terminal team named `name` (its id on the platform too).
fn terminal_team(s: &mut Store<'_>, name: &str) -> Result<Team> {
    s.insert_team(
        "terminal",
        name,
        name,
        crate::prompts::Lang::Nl,
        "Europe/Amsterdam",
        "2026-01-01T00:00:00Z",
    )
}

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
        terminal_team(s, "t")?;
        anyhow::bail!("boom")
    });
    assert!(result.is_err());
    let found = db.run(|s| s.find_team("terminal", "t")).expect("read");
    assert!(found.is_none());
}

#[test]
fn a_commit_that_fails_is_rolled_back_and_the_store_goes_on() {
    let db = Db::open_in_memory().expect("db");
    // A foreign key checked at COMMIT (deferred) makes the COMMIT itself fail, as a full disk
    // can: the transaction must not stay open for the next caller.
    let result: Result<()> = db.run(|s| {
        terminal_team(s, "t")?;
        s.tx().execute_batch("PRAGMA defer_foreign_keys = ON")?;
        s.upsert_answer(999, 1, &counter(1))?;
        Ok(())
    });
    let err = result.expect_err("the commit fails");
    assert!(format!("{err:#}").contains("commit failed"), "{err:#}");
    let found = db
        .run(|s| {
            assert!(
                !s.tx().is_autocommit(),
                "the next run has its own transaction"
            );
            s.find_team("terminal", "t")
        })
        .expect("the next run begins");
    assert!(
        found.is_none(),
        "nothing of the failed transaction was kept"
    );
    db.run(|s| s.upsert_answer(1, 1, &counter(2)))
        .expect_err("foreign keys are checked again right away");
}

#[test]
fn a_panic_rolls_back_comes_back_as_an_error_and_the_store_goes_on() {
    let db = Db::open_in_memory().expect("db");
    let result: Result<()> = db.run(|s| {
        terminal_team(s, "t")?;
        panic!("a bug while handling a message");
    });
    let err = result.expect_err("a panic is an error");
    assert!(
        format!("{err:#}").contains("a bug while handling"),
        "{err:#}"
    );
    let found = db.run(|s| s.find_team("terminal", "t")).expect("next run");
    assert!(found.is_none(), "the panicking transaction was rolled back");
    db.run(|s| terminal_team(s, "t"))
        .expect("the store still writes");
    let found = db.run(|s| s.find_team("terminal", "t")).expect("read");
    assert!(found.is_some(), "and commits");
}

fn counter(value: u32) -> Answer {
    Answer {
        key: "counter".into(),
        value: Some(value.to_string()),
        skipped: false,
        computed: false,
        user: "t".into(),
        user_id: None,
        at: "now".into(),
    }
}

/// Read-modify-write from several threads at once: each transaction sees the one before it
/// whole, so no increment is lost and none fails on a busy database.
#[test]
fn transactions_from_many_threads_run_one_at_a_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::open(&dir.path().join("c.sqlite"), &Options::default()).expect("open");
    let team = db
        .run(|s| {
            let t = terminal_team(s, "c")?;
            s.upsert_answer(t.id, 1, &counter(0))?;
            Ok(t.id)
        })
        .expect("team");
    let (threads, each) = (6, 40);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let db = db.clone();
            scope.spawn(move || {
                for _ in 0..each {
                    db.run(move |s| {
                        let now = s.get_answer(team, 1, "counter")?.context("counter")?;
                        let n: u32 = now.value.context("value")?.parse()?;
                        // Give another thread every chance to run in between.
                        std::thread::yield_now();
                        s.upsert_answer(team, 1, &counter(n + 1))
                    })
                    .expect("increment");
                }
            });
        }
    });
    let end = db
        .run(move |s| s.get_answer(team, 1, "counter"))
        .expect("read")
        .and_then(|a| a.value);
    assert_eq!(end, Some((threads * each).to_string()));
}

/// No thread hop: the transaction runs on the caller's thread (the hand-off to a store thread
/// was what made an answer cost many times a bare commit).
#[test]
fn a_transaction_runs_on_the_callers_thread() {
    let db = Db::open_in_memory().expect("db");
    let caller = std::thread::current().id();
    let ran_on = db.run(|_| Ok(std::thread::current().id())).expect("run");
    assert_eq!(ran_on, caller);
}

/// A panic on one thread does not poison the store for the others.
#[test]
fn a_panic_on_one_thread_leaves_the_store_to_the_others() {
    let db = Db::open_in_memory().expect("db");
    let other = db.clone();
    let panicked = std::thread::spawn(move || other.run(|_| -> Result<()> { panic!("boom") }))
        .join()
        .expect("the panic is caught inside run");
    assert!(panicked.is_err());
    db.run(|s| terminal_team(s, "after")).expect("still writes");
    assert!(
        db.run(|s| s.find_team("terminal", "after"))
            .expect("read")
            .is_some()
    );
}

#[test]
fn the_log_is_checkpointed_by_its_own_thread_not_by_the_commit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.sqlite");
    let db = Db::open(&path, &Options::default()).expect("open");
    let auto: i64 = db
        .run(|s| {
            Ok(s.tx()
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?)
        })
        .expect("read");
    assert_eq!(
        auto,
        i64::from(super::db::WRITER_CHECKPOINT_PAGES),
        "the writing connection leaves checkpoints to the thread"
    );
    let team = db.run(|s| Ok(terminal_team(s, "c")?.id)).expect("team");
    let commits = 3 * super::checkpoint::CHECKPOINT_EVERY;
    for i in 0..commits {
        db.run(move |s| {
            s.upsert_answer(
                team,
                1,
                &Answer {
                    key: format!("question.k{i}"),
                    ..counter(0)
                },
            )
        })
        .expect("answer");
    }
    // The thread runs on its own time: wait for it (a bound, not a measurement).
    let runs = || db.checkpoints();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while runs() == 0 && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(runs() >= 1, "no checkpoint after {commits} commits");
    // Closed, the last connection puts the rest of the log back and removes it: a reader of the
    // file alone (immutable: no log) sees every answer.
    drop(db);
    assert!(!dir.path().join("c.sqlite-wal").exists(), "the log is gone");
    let uri = format!("file:{}?immutable=1", path.display());
    let conn = Connection::open_with_flags(
        uri,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .expect("open the file alone");
    let answers: i64 = conn
        .query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
        .expect("count");
    assert_eq!(answers, i64::try_from(commits).expect("small"));
}
