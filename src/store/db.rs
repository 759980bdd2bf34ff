//! The store thread: one thread owns the connection, and each [`Db::run`] hands a closure the
//! queries ([`Store`]) bound to one transaction. Opening sets the PRAGMAs and runs the
//! migrations.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use tracing::instrument;

use super::{MIGRATIONS, Options, Sync};

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

/// Prepared statements kept per connection: more than the store has queries.
const STATEMENT_CACHE: usize = 128;

/// The queries, bound to one open transaction.
pub struct Store<'c> {
    tx: Transaction<'c>,
}

impl<'c> Store<'c> {
    pub(super) fn new(tx: Transaction<'c>) -> Self {
        Store { tx }
    }

    pub(super) fn tx(&self) -> &Transaction<'c> {
        &self.tx
    }

    pub(super) fn commit(self) -> Result<()> {
        self.tx.commit().context("commit failed")
    }
}
