//! `SQLite` storage: one thread owns the connection; everything else sends it closures.
//!
//! Each [`Db::run`] call is one `BEGIN IMMEDIATE … COMMIT` transaction on that thread, so an
//! answer and the state change it causes are written together or not at all, and the caller only
//! gets a reply once the commit is done. All SQL of koers lives in this folder and nowhere else:
//! one `verb_noun` method per query on [`Store`], split by feature (`queries.rs` teams and
//! answers, `goals.rs`, `reminders.rs`, `reminder_failures.rs`, `evaluations.rs`,
//! `platform.rs`, `threads.rs`, `privacy.rs`, `dump.rs`), and the schema in `migrations/`.

mod dump;
mod evaluations;
mod goals;
pub mod inspect;
mod lease;
#[cfg(test)]
mod migration_tests;
mod platform;
mod privacy;
mod queries;
mod reminder_failures;
#[cfg(test)]
mod reminder_failures_tests;
mod reminders;
mod threads;
#[cfg(test)]
mod tracking_tests;

pub use evaluations::Evaluation;
pub use goals::{GoalChange, GoalField, TrackedGoal};
pub use lease::{Held, Holder, Lease};
pub use privacy::UserData;
pub use queries::{Answer, Goal, Person, Store, Team};
pub use reminder_failures::FailedReminder;
pub use reminders::{DueReminder, Scope};
pub use threads::{ChannelThread, ThreadTeam};

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use rusqlite::{Connection, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use tracing::instrument;

const MIGRATION_LIST: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_teams_and_answers.sql")),
    M::up(include_str!("../../migrations/0002_goals.sql")),
    M::up(include_str!(
        "../../migrations/0003_answer_history_trigger.sql"
    )),
    M::up(include_str!("../../migrations/0004_goal_tracking.sql")),
    M::up(include_str!(
        "../../migrations/0005_team_open_evaluations.sql"
    )),
    M::up(include_str!("../../migrations/0006_platform_state.sql")),
    M::up(include_str!("../../migrations/0007_people.sql")),
    M::up(include_str!("../../migrations/0008_reminder_failures.sql")).foreign_key_check(),
    M::up(include_str!("../../migrations/0009_listen_mode.sql")),
    M::up(include_str!("../../migrations/0010_discord_threads.sql")),
    M::up(include_str!("../../migrations/0011_team_return_to.sql")),
];

/// The schema migrations, embedded from `migrations/`.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// How hard `SQLite` works to keep a commit on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sync {
    /// WAL + NORMAL: a commit survives a crash of the program (kill -9); only a power cut may
    /// lose the last commits.
    Normal,
    /// WAL + FULL: also survives a power cut, at the cost of an fsync per answer.
    Full,
}

/// Options applied when the database is opened.
#[derive(Debug, Clone)]
pub struct Options {
    /// Durability level.
    pub sync: Sync,
    /// How long to wait for another process holding the write lock.
    pub busy_timeout_ms: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sync: Sync::Normal,
            busy_timeout_ms: 5000,
        }
    }
}

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// Handle to the connection-owning thread. Cheap to clone; the thread ends with the last handle.
#[derive(Clone)]
pub struct Db {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Db")
    }
}

impl Db {
    /// Open (or create) the database file, set the PRAGMAs and run pending migrations.
    #[instrument(skip_all, err)]
    pub fn open(path: &Path, options: &Options) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", dir.display()))?;
        }
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open database {}", path.display()))?;
        Self::start(conn, options, true)
    }

    /// A private in-memory database (tests, `koers score`).
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory().context("cannot open in-memory database")?;
        Self::start(conn, &Options::default(), false)
    }

    fn start(mut conn: Connection, options: &Options, wal: bool) -> Result<Db> {
        configure(&conn, options, wal)?;
        migrate(&mut conn)?;
        let (jobs, rx) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("koers-store".into())
            .spawn(move || {
                while let Some(job) = next_job(&rx) {
                    job(&mut conn);
                }
                if let Err((_, e)) = conn.close() {
                    tracing::warn!(error = %e, "closing the database failed");
                }
            })
            .context("cannot start the store thread")?;
        Ok(Db { jobs })
    }

    /// Run `f` inside one immediate transaction on the store thread; commit when it returns
    /// `Ok`, roll back when it returns `Err` or panics. A panic is logged and comes back as an
    /// `Err`; the store thread goes on serving the next caller.
    pub fn run<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store<'_>) -> Result<T> + Send + 'static,
    {
        let (reply, answer) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |conn| {
            // One bad message must not take every team down with the store thread. Nothing
            // of the connection is used half-changed afterwards: the transaction is rolled
            // back (by the unwinding and, to be sure, below) before the next job.
            let result = match panic::catch_unwind(AssertUnwindSafe(|| transact(conn, f))) {
                Ok(result) => result,
                Err(payload) => Err(after_panic(conn, payload.as_ref())),
            };
            // The caller may have gone away (its thread ended); nothing is left to tell.
            if reply.send(result).is_err() {
                tracing::debug!("store reply had no receiver");
            }
        });
        self.jobs
            .send(job)
            .map_err(|_| anyhow!("the store thread has stopped"))?;
        wait_reply(&answer)
            .ok_or_else(|| anyhow!("the store thread stopped during a transaction"))?
    }
}

/// One transaction: begin, `f`, commit; dropping the transaction on an error (or unwinding)
/// rolls it back.
fn transact<T>(conn: &mut Connection, f: impl FnOnce(&mut Store<'_>) -> Result<T>) -> Result<T> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .context("cannot begin a transaction")?;
    let mut store = Store::new(tx);
    let out = f(&mut store)?;
    store.commit()?;
    Ok(out)
}

/// After a job panicked: log it, make sure its transaction is gone, and give the caller an
/// error in its place.
fn after_panic(conn: &mut Connection, payload: &(dyn Any + Send)) -> anyhow::Error {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into());
    tracing::error!(panic = %message, "a store transaction panicked; it was rolled back");
    if !conn.is_autocommit()
        && let Err(e) = conn.execute_batch("ROLLBACK")
    {
        tracing::error!(error = %e, "cannot roll back after a panic");
    }
    anyhow!("the transaction panicked: {message}")
}

/// How long each side of the store hand-off spins before it sleeps.
///
/// Waking a sleeping thread on another CPU costs ~100 µs on these machines — several times a
/// whole `SQLite` commit. Under load (answers back to back) the store thread is still spinning
/// when the next job arrives and the caller is still spinning when its reply is ready, so no
/// wake-up is paid; when the bot is idle both sides sleep after this short, bounded spin.
const SPIN: Duration = Duration::from_micros(300);

/// The store thread's next job; `None` once every handle is gone.
fn next_job(rx: &mpsc::Receiver<Job>) -> Option<Job> {
    let until = Instant::now() + SPIN;
    loop {
        match rx.try_recv() {
            Ok(job) => return Some(job),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            Err(mpsc::TryRecvError::Empty) if Instant::now() < until => std::hint::spin_loop(),
            Err(mpsc::TryRecvError::Empty) => return rx.recv().ok(),
        }
    }
}

/// The caller's side: spin briefly for the reply (most transactions take well under the spin
/// budget), then sleep.
fn wait_reply<T>(rx: &mpsc::Receiver<T>) -> Option<T> {
    let until = Instant::now() + SPIN;
    loop {
        match rx.try_recv() {
            Ok(v) => return Some(v),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            Err(mpsc::TryRecvError::Empty) if Instant::now() < until => std::hint::spin_loop(),
            Err(mpsc::TryRecvError::Empty) => return rx.recv().ok(),
        }
    }
}

/// Apply pending migrations. Two processes opening a new file at once both see version 0 and
/// both try; the loser's attempt fails once the winner has committed, so a failure is only an
/// error if migrations are still pending afterwards.
fn migrate(conn: &mut Connection) -> Result<()> {
    let mut last = None;
    for _ in 0..3 {
        match MIGRATIONS.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(e) => {
                let pending = MIGRATIONS
                    .pending_migrations(conn)
                    .context("cannot read the database schema version")?;
                if pending == 0 {
                    tracing::debug!(error = %e, "another process migrated the database first");
                    return Ok(());
                }
                last = Some(e);
            }
        }
    }
    Err(last.map_or_else(
        || anyhow!("migrations did not finish"),
        |e| anyhow!("cannot bring the database schema up to date: {e}"),
    ))
}

fn configure(conn: &Connection, options: &Options, wal: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(options.busy_timeout_ms))
        .context("cannot set busy timeout")?;
    if wal {
        // Switching to WAL takes an exclusive lock and SQLite does not wait for it with the
        // busy handler: two processes opening a new file at once must retry.
        let mut tries = 0;
        let mode: String = loop {
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
                Ok(mode) => break mode,
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 100 =>
                {
                    tries += 1;
                    thread::sleep(Duration::from_millis(10 + tries));
                }
                Err(e) => return Err(e).context("cannot switch to WAL"),
            }
        };
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(mode, "database is not in WAL mode");
        }
    }
    let sync = match options.sync {
        Sync::Normal => "NORMAL",
        Sync::Full => "FULL",
    };
    conn.execute_batch(&format!(
        "PRAGMA synchronous = {sync}; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
    ))
    .context("cannot set database PRAGMAs")?;
    // Every query is a `prepare_cached` statement (about 60 of them); rusqlite keeps 16 by
    // default, so a conversation that touches goals and reminders kept re-parsing SQL.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// Prepared statements kept per connection: more than the store has queries.
const STATEMENT_CACHE: usize = 128;

#[cfg(test)]
mod tests {
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
}
