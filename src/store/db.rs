//! The store: one connection, owned behind a mutex, and each [`Db::run`] hands a closure the
//! queries ([`Store`]) bound to one transaction on the caller's own thread. Opening sets the
//! PRAGMAs and runs the migrations.
//!
//! Why a mutex and not a thread that owns the connection: handing each transaction to a store
//! thread and waiting for its reply cost a cross-CPU wake-up (~100 µs, several ms under load on
//! 2 cores) per answer, many times a whole `SQLite` commit (`cargo bench --bench answer` keeps
//! both designs side by side). The mutex keeps what the thread gave: one writer, one
//! transaction at a time, in the order callers arrive (near enough; the lock is not strictly
//! fair). Callers on the async runtime still go through `spawn_blocking`. Copying the log back
//! into the database file (a checkpoint) is the one job a thread of its own does
//! (`checkpoint.rs`): inside a commit it held every other team up for milliseconds.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use rusqlite::Connection;
use tracing::instrument;

use super::checkpoint::Checkpointer;
use super::{MIGRATIONS, Options, Sync};

/// The one connection; closed (and a failure logged) when the last [`Db`] handle goes.
struct Owner {
    conn: Option<Connection>,
    /// The thread that checkpoints the log (a file database only).
    checkpointer: Option<Checkpointer>,
}

impl Drop for Owner {
    fn drop(&mut self) {
        // The checkpoint thread's connection goes first, so that this one, closing last, puts
        // the whole log back into the database file.
        drop(self.checkpointer.take());
        if let Some(conn) = self.conn.take()
            && let Err((_, e)) = conn.close()
        {
            tracing::warn!(error = %e, "closing the database failed");
        }
    }
}

/// Handle to the one connection. Cheap to clone; the connection closes with the last handle.
#[derive(Clone)]
pub struct Db {
    owner: Arc<Mutex<Owner>>,
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
        let db = Self::start(conn, options, true)?;
        let checkpointer = Checkpointer::start(
            path.to_path_buf(),
            Duration::from_millis(options.busy_timeout_ms),
        )?;
        db.lock().checkpointer = Some(checkpointer);
        Ok(db)
    }

    /// A private in-memory database (tests, `koers score`).
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory().context("cannot open in-memory database")?;
        Self::start(conn, &Options::default(), false)
    }

    fn start(mut conn: Connection, options: &Options, wal: bool) -> Result<Db> {
        configure(&conn, options, wal)?;
        migrate(&mut conn)?;
        Ok(Db {
            owner: Arc::new(Mutex::new(Owner {
                conn: Some(conn),
                checkpointer: None,
            })),
        })
    }

    /// Run `f` inside one immediate transaction on the connection, on the calling thread, while
    /// no other transaction runs; commit when it returns `Ok`, roll back when it returns `Err`
    /// or panics. A panic is logged and comes back as an `Err`; the next caller is served as
    /// usual. It blocks: from async code call it inside `spawn_blocking`.
    pub fn run<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store<'_>) -> Result<T> + Send + 'static,
    {
        let mut owner = self.lock();
        let conn = owner
            .conn
            .as_mut()
            .ok_or_else(|| anyhow!("the database is closed"))?;
        // One bad message must not take every team down with the connection. Nothing of the
        // connection is used half-changed afterwards: the transaction is rolled back (by the
        // unwinding and, to be sure, in `after_panic`) before the lock is let go.
        let result = match panic::catch_unwind(AssertUnwindSafe(|| transact(conn, f))) {
            Ok(result) => result,
            Err(payload) => Err(after_panic(conn, payload.as_ref())),
        };
        if result.is_ok()
            && let Some(checkpointer) = &owner.checkpointer
        {
            checkpointer.committed();
        }
        result
    }

    /// How many checkpoints the checkpoint thread has run.
    #[cfg(test)]
    pub(super) fn checkpoints(&self) -> u64 {
        self.lock()
            .checkpointer
            .as_ref()
            .map_or(0, Checkpointer::runs)
    }

    /// The connection's lock. A panic is caught inside the lock and the transaction rolled
    /// back, so a poisoned lock (a panic outside `catch_unwind`, e.g. in a logger) still
    /// guards a connection with no transaction open: take it.
    fn lock(&self) -> MutexGuard<'_, Owner> {
        self.owner.lock().unwrap_or_else(|poisoned| {
            tracing::error!("the database lock was poisoned; going on");
            poisoned.into_inner()
        })
    }
}

/// One transaction: begin, `f`, commit; dropping the transaction on an error (or unwinding)
/// rolls it back.
fn transact<T>(conn: &mut Connection, f: impl FnOnce(&mut Store<'_>) -> Result<T>) -> Result<T> {
    let mut store = Store::begin(conn, "BEGIN IMMEDIATE").context("cannot begin a transaction")?;
    let out = f(&mut store)?;
    store.commit()?;
    Ok(out)
}

/// After a transaction panicked: log it, make sure its transaction is gone, and give the caller
/// an error in its place.
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
    if wal {
        // Checkpoints are the checkpoint thread's (`checkpoint.rs`), off the commit path; the
        // writer checkpoints itself only if that thread falls far behind (or could not start).
        conn.execute_batch(&format!(
            "PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}"
        ))
        .context("cannot set the writer's checkpoint limit")?;
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
    if let Some(pages) = options.max_page_count {
        // Read back: SQLite never sets it below the pages the file already has.
        let set: u64 = conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })
            .context("cannot set max_page_count")?;
        tracing::info!(pages = set, "database size capped");
    }
    Ok(())
}

/// Whether `err` is a write that found no room: the disk is full, or the database reached its
/// `max_page_count`. Nothing of that transaction was kept; the same write can succeed once
/// there is room again.
pub fn is_full(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DiskFull
        )
    })
}

/// Log pages after which the writing connection checkpoints in its own commit: a safety net,
/// ten times the log the checkpoint thread lets grow.
pub(super) const WRITER_CHECKPOINT_PAGES: u32 = 10_000;

/// Prepared statements kept per connection: more than the store has queries.
const STATEMENT_CACHE: usize = 128;

/// The queries, bound to one open transaction.
pub struct Store<'c> {
    conn: &'c Connection,
    /// Whether the transaction is still open: dropping the store then rolls it back.
    open: bool,
}

impl<'c> Store<'c> {
    /// Open a transaction with `begin` (`BEGIN IMMEDIATE` to write, `BEGIN` to read).
    // BEGIN and COMMIT are cached statements, not rusqlite's `Transaction`: that one parses
    // both again for every transaction.
    pub(super) fn begin(conn: &'c Connection, begin: &'static str) -> Result<Self> {
        conn.prepare_cached(begin)?.execute([])?;
        Ok(Store { conn, open: true })
    }

    pub(super) fn tx(&self) -> &'c Connection {
        self.conn
    }

    pub(super) fn commit(mut self) -> Result<()> {
        self.conn
            .prepare_cached("COMMIT")?
            .execute([])
            .context("commit failed")?;
        self.open = false;
        Ok(())
    }
}

impl Drop for Store<'_> {
    fn drop(&mut self) {
        // A failed COMMIT (a full disk, say) leaves the transaction open: end it here as well.
        if self.open
            && !self.conn.is_autocommit()
            && let Err(e) = self.conn.execute_batch("ROLLBACK")
        {
            tracing::error!(error = %e, "cannot roll back a transaction");
        }
    }
}
