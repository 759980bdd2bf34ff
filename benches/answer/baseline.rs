//! Section 1's rows without koers: the bare transaction the answer is held to, and the other
//! store designs and hand-offs measured beside it.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, ensure};
use koers::store::{Options, Sync};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::{ANSWERS, Sampler};

/// A rusqlite connection set up like koers' store (see `store::configure`), with one table.
pub(crate) fn bare_connection(path: &Path, sync: Sync) -> Result<Connection> {
    let conn = Connection::open(path).with_context(|| format!("open {}", path.display()))?;
    conn.busy_timeout(Duration::from_millis(Options::default().busy_timeout_ms))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    ensure!(
        mode.eq_ignore_ascii_case("wal"),
        "baseline is not in WAL mode: {mode}"
    );
    conn.execute_batch(&format!(
        "PRAGMA synchronous = {}; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;
         CREATE TABLE IF NOT EXISTS rows (
             id    INTEGER PRIMARY KEY,
             key   TEXT NOT NULL,
             value TEXT NOT NULL,
             at    TEXT NOT NULL
         ) STRICT;",
        sync_name(sync)
    ))?;
    Ok(conn)
}

pub(crate) fn sync_name(sync: Sync) -> &'static str {
    match sync {
        Sync::Normal => "NORMAL",
        Sync::Full => "FULL",
    }
}

/// `BEGIN IMMEDIATE; INSERT one row; COMMIT`.
pub(crate) fn insert_row(conn: &mut Connection, i: u64, at: &str) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    insert_in(&tx, i, at)?;
    tx.commit()
}

/// The baseline's one row, inside an open transaction.
fn insert_in(tx: &Transaction<'_>, i: u64, at: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO rows (key, value, at) VALUES (?1, ?2, ?3)")?
        .execute(params![format!("question.k{i}"), ANSWERS[0], at])?;
    Ok(())
}

/// The baseline: one bare transaction on the calling thread.
pub(crate) fn bare_sampler(conn: &mut Connection) -> Sampler<'_> {
    let mut i = 0u64;
    Box::new(move || {
        i += 1;
        let at = jiff::Timestamp::now().to_string();
        let start = Instant::now();
        insert_row(conn, i, &at)?;
        Ok(start.elapsed())
    })
}

/// The baseline's transaction on a thread that owns the connection, reached the way koers'
/// store thread was (a job over an mpsc channel, the result back over a fresh sync channel).
pub(crate) fn bare_thread_sampler(conn: Connection) -> Sampler<'static> {
    helper_thread_sampler(conn, Wait::Sleep)
}

/// How each side of a hand-off waits for the other.
#[derive(Clone, Copy)]
enum Wait {
    /// Block on the channel at once.
    Sleep,
    /// Spin up to 300 µs, then block (the old store thread).
    Spin,
}

impl Wait {
    fn receive<T>(self, rx: &mpsc::Receiver<T>) -> Option<T> {
        match self {
            Wait::Sleep => rx.recv().ok(),
            Wait::Spin => spin_recv(rx),
        }
    }
}

/// One row for the helper thread to insert, and where to send how it went.
type Job = (u64, String, mpsc::SyncSender<rusqlite::Result<()>>);

/// The bare transaction on a thread of its own, both sides waiting as `wait` says.
fn helper_thread_sampler(mut conn: Connection, wait: Wait) -> Sampler<'static> {
    let (jobs, rx) = mpsc::channel::<Job>();
    std::thread::spawn(move || {
        while let Some((i, at, reply)) = wait.receive(&rx) {
            let result = insert_row(&mut conn, i, &at);
            // The sampler waits for every reply: a failed send means it has gone.
            if reply.send(result).is_err() {
                break;
            }
        }
    });
    let mut i = 0u64;
    Box::new(move || {
        i += 1;
        let at = jiff::Timestamp::now().to_string();
        let start = Instant::now();
        let (reply, answer) = mpsc::sync_channel(1);
        jobs.send((i, at, reply))
            .map_err(|_| anyhow!("the helper thread stopped"))?;
        wait.receive(&answer).context("no reply")??;
        Ok(start.elapsed())
    })
}

/// The baseline's transaction plus one `UPDATE` of a row in a second table: the shape of an
/// answer (the answer's row, and the team's cursor), two pages to write where the baseline
/// writes one.
pub(crate) fn bare_two_pages_sampler(conn: Connection) -> Result<Sampler<'static>> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS heads (
             id     INTEGER PRIMARY KEY,
             cursor TEXT,
             at     TEXT NOT NULL
         ) STRICT;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
         INSERT INTO heads (cursor, at) SELECT 'question.focus', '' FROM n
          WHERE NOT EXISTS (SELECT 1 FROM heads);",
    )?;
    let mut conn = conn;
    let mut i = 0u64;
    Ok(Box::new(move || {
        i += 1;
        let at = jiff::Timestamp::now().to_string();
        let start = Instant::now();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        insert_in(&tx, i, &at)?;
        tx.prepare_cached("UPDATE heads SET cursor = ?2, at = ?3 WHERE id = ?1")?
            .execute(params![i % 1000 + 1, format!("question.k{}", i + 1), at])?;
        tx.commit()?;
        Ok(start.elapsed())
    }))
}

/// Alternative (a), what `Db` does now: the bare transaction on the caller's thread with the
/// connection behind a mutex.
pub(crate) fn bare_locked_sampler(conn: Connection) -> Sampler<'static> {
    let conn = std::sync::Mutex::new(conn);
    let mut i = 0u64;
    Box::new(move || {
        i += 1;
        let at = jiff::Timestamp::now().to_string();
        let start = Instant::now();
        let mut c = conn.lock().map_err(|_| anyhow!("poisoned"))?;
        insert_row(&mut c, i, &at)?;
        drop(c);
        Ok(start.elapsed())
    })
}

/// Spin up to 300 µs for a message, then sleep (the old store thread's hand-off, both ways).
fn spin_recv<T>(rx: &mpsc::Receiver<T>) -> Option<T> {
    let until = Instant::now() + Duration::from_micros(300);
    loop {
        match rx.try_recv() {
            Ok(v) => return Some(v),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            Err(mpsc::TryRecvError::Empty) if Instant::now() < until => std::hint::spin_loop(),
            Err(mpsc::TryRecvError::Empty) => return rx.recv().ok(),
        }
    }
}

/// Alternative (b), the old `Db`: the bare transaction on a thread that owns the connection,
/// each side spinning 300 µs before it sleeps.
pub(crate) fn bare_spin_sampler(conn: Connection) -> Sampler<'static> {
    helper_thread_sampler(conn, Wait::Spin)
}

/// Alternative (c), a read pool: one read on a second, read-only connection to koers' file,
/// no lock shared with the writer.
pub(crate) fn pool_read_sampler(path: &Path, team: i64) -> Result<Sampler<'static>> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(Box::new(move || {
        let start = Instant::now();
        let value: Option<String> = conn
            .prepare_cached(
                "SELECT value FROM answers WHERE team_id = ?1 AND round = 1 AND key = ?2",
            )?
            .query_row(params![team, "question.important"], |r| r.get(0))?;
        let took = start.elapsed();
        ensure!(value.is_some(), "the probe answer is missing");
        Ok(took)
    }))
}

/// A bare round trip to another thread and back, no `SQLite`: the thread hop on its own.
pub(crate) fn hop_sampler() -> Sampler<'static> {
    let (jobs, rx) = mpsc::channel::<mpsc::SyncSender<()>>();
    std::thread::spawn(move || {
        while let Ok(reply) = rx.recv() {
            // The sampler waits for every reply: a failed send means it has gone.
            if reply.send(()).is_err() {
                break;
            }
        }
    });
    Box::new(move || {
        let start = Instant::now();
        let (reply, answer) = mpsc::sync_channel(1);
        jobs.send(reply)
            .map_err(|_| anyhow!("the hop thread stopped"))?;
        answer.recv()?;
        Ok(start.elapsed())
    })
}
