//! WAL checkpoints on a thread of their own.
//!
//! Why: left to itself, `SQLite` copies the write-ahead log back into the database file inside
//! the commit that takes the log past 1,000 pages. That commit then takes milliseconds (the
//! copy and two fsyncs) while it holds the store's lock, so every team that answers meanwhile
//! waits behind it. At 09:00 on a Monday that was most of the slowest answers
//! (`cargo bench --bench answer`, section 3b). Here a thread with its own connection runs a
//! passive checkpoint every [`CHECKPOINT_EVERY`] commits; it waits for no one, and writers do
//! not wait for it. The connection that writes checkpoints only as a safety net, at ten times
//! the usual log (`WRITER_CHECKPOINT_PAGES`). The log still goes back into the database file
//! (the last connection to close does it once more), and an answer's durability is unchanged:
//! it is in the log when acknowledged, as before.
//!
//! The price, on a 2-core machine with one writer answering back to back (bench section 1):
//! the checkpoint's copying and fsyncs now run beside the answers instead of inside one of
//! them, which makes the typical answer about a tenth slower.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::Connection;

/// Commits between two checkpoints: an answer writes two or three pages, so the log stays
/// near the 1,000 pages `SQLite` would let it reach.
pub(super) const CHECKPOINT_EVERY: u64 = 256;

/// The checkpoint thread, stopped and joined when dropped.
pub(super) struct Checkpointer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// What the writer and the thread share.
struct Shared {
    /// Commits since the thread last started a checkpoint.
    commits: AtomicU64,
    /// Checkpoints run (for tests and the log).
    runs: AtomicU64,
    wake: Mutex<Wake>,
    bell: Condvar,
}

/// Why the thread should wake.
struct Wake {
    due: bool,
    stop: bool,
}

impl Checkpointer {
    /// Start the thread for the database at `path`; it opens its own connection when the first
    /// checkpoint falls due.
    pub(super) fn start(path: PathBuf, busy_timeout: Duration) -> Result<Self> {
        let shared = Arc::new(Shared {
            commits: AtomicU64::new(0),
            runs: AtomicU64::new(0),
            wake: Mutex::new(Wake {
                due: false,
                stop: false,
            }),
            bell: Condvar::new(),
        });
        let thread = std::thread::Builder::new()
            .name("koers-checkpoint".into())
            .spawn({
                let shared = Arc::clone(&shared);
                move || run(&shared, &path, busy_timeout)
            })
            .context("cannot start the checkpoint thread")?;
        Ok(Checkpointer {
            shared,
            thread: Some(thread),
        })
    }

    /// A transaction was committed: wake the thread when a checkpoint falls due.
    pub(super) fn committed(&self) {
        if self.shared.commits.fetch_add(1, Ordering::Relaxed) + 1 >= CHECKPOINT_EVERY {
            let mut wake = self.shared.lock();
            if !wake.due {
                wake.due = true;
                self.shared.bell.notify_one();
            }
        }
    }

    /// How many checkpoints the thread has run.
    #[cfg(test)]
    pub(super) fn runs(&self) -> u64 {
        self.shared.runs.load(Ordering::Relaxed)
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.bell.notify_one();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the checkpoint thread panicked");
        }
    }
}

impl Shared {
    /// The wake flags; a panic elsewhere while holding them leaves plain booleans: take them.
    fn lock(&self) -> MutexGuard<'_, Wake> {
        self.wake
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The thread: wait for a checkpoint to fall due, run it, until told to stop.
fn run(shared: &Shared, path: &std::path::Path, busy_timeout: Duration) {
    let mut conn: Option<Connection> = None;
    loop {
        {
            let mut wake = shared.lock();
            while !wake.due && !wake.stop {
                wake = shared
                    .bell
                    .wait(wake)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            if wake.stop {
                return;
            }
            wake.due = false;
        }
        shared.commits.store(0, Ordering::Relaxed);
        if conn.is_none() {
            conn = open(path, busy_timeout)
                .inspect_err(|e| tracing::warn!(error = %format!("{e:#}"), "no checkpoints"))
                .ok();
        }
        if let Some(conn) = &conn {
            match checkpoint(conn) {
                Ok((log, copied)) => {
                    shared.runs.fetch_add(1, Ordering::Relaxed);
                    tracing::debug!(log, copied, "checkpoint");
                }
                // A full disk, say: the log keeps the data; the next checkpoint tries again.
                Err(e) => tracing::warn!(error = %format!("{e:#}"), "checkpoint failed"),
            }
        }
    }
}

fn open(path: &std::path::Path, busy_timeout: Duration) -> Result<Connection> {
    let conn = Connection::open(path)
        .with_context(|| format!("cannot open {} to checkpoint", path.display()))?;
    conn.busy_timeout(busy_timeout)?;
    Ok(conn)
}

/// A passive checkpoint: the pages in the log, and how many of them are in the database now.
fn checkpoint(conn: &Connection) -> Result<(i64, i64)> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
        Ok((r.get(1)?, r.get(2)?))
    })
    .context("wal_checkpoint")
}
