//! One `koers run` per database: an OS file lock on a file beside the database.
//!
//! Two bots on one database would both answer every message and both send every reminder.
//! `SQLite` keeps the file itself consistent, so `koers chat` and `koers score` may run beside a
//! bot; only `koers run` takes the lease. The lock is `flock`-style (`File::try_lock`): the
//! kernel drops it when the process ends in any way, kill -9 included, so a crash never leaves
//! a stale lease behind. The file also says who holds it, for the message the next one gets.
//! It is never deleted: removing a lock file races with a process that has just opened it.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The lease of this process on one database; released when dropped (or when the process
/// ends).
#[derive(Debug)]
pub struct Lease {
    // Holding the open, locked file is the lease.
    _file: File,
    path: PathBuf,
}

/// Who holds a lease, as its holder wrote it; a field it did not write yet is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holder {
    /// Process id.
    pub pid: Option<u32>,
    /// Host name of the machine it runs on.
    pub host: Option<String>,
    /// When it took the lease (RFC 3339, UTC).
    pub since: Option<String>,
}

/// The database is leased by another process.
#[derive(Debug, thiserror::Error)]
pub struct Held {
    /// The database asked for.
    pub db: PathBuf,
    /// The lease file.
    pub lease_file: PathBuf,
    /// Who holds it.
    pub holder: Holder,
}

impl fmt::Display for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "another `koers run` is already serving {} ({}); stop it first. \
             `koers chat` and `koers score` may run beside it. (lease file: {})",
            self.db.display(),
            self.holder,
            self.lease_file.display()
        )
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Holder { pid, host, since } = self;
        match pid {
            Some(pid) => write!(f, "pid {pid}")?,
            None => f.write_str("pid not written yet")?,
        }
        if let Some(host) = host {
            write!(f, " on host {host}")?;
        }
        if let Some(since) = since {
            write!(f, ", since {since}")?;
        }
        Ok(())
    }
}

impl Lease {
    /// The lease file of a database: `<db>.lease` beside it.
    pub fn file_of(db: &Path) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(".lease");
        PathBuf::from(name)
    }

    /// Take the lease on `db` (creating the lease file and its folder when missing) and write
    /// this process's details into it. When another process holds it the error is a [`Held`]
    /// naming that process. A database reached through a symbolic link is leased under the
    /// name of the file it points to, so both names share one lease.
    pub fn acquire(db: &Path) -> Result<Lease> {
        let path = Self::file_of(&std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf()));
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", dir.display()))?;
        }
        // No truncate on open: the file may be the holder's, and its details are the message.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the lease file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                // A holder that cannot be read is still a holder; the message says less.
                if let Err(e) = file.read_to_string(&mut text) {
                    tracing::warn!(error = %e, "cannot read the lease file");
                }
                return Err(Held {
                    db: db.to_path_buf(),
                    lease_file: path,
                    holder: Holder::parse(&text),
                }
                .into());
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e)
                    .with_context(|| format!("cannot lock the lease file {}", path.display()));
            }
        }
        let me = Holder::this_process();
        file.set_len(0)
            .and_then(|()| file.write_all(me.record().as_bytes()))
            .and_then(|()| file.flush())
            .with_context(|| format!("cannot write the lease file {}", path.display()))?;
        tracing::info!(lease = %path.display(), holder = %me, "took the lease on the database");
        Ok(Lease { _file: file, path })
    }

    /// The lease file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Holder {
    /// This process, now.
    pub fn this_process() -> Holder {
        Holder {
            pid: Some(std::process::id()),
            host: Some(host_name()),
            since: Some(
                jiff::Timestamp::now()
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
                    .to_string(),
            ),
        }
    }

    /// The lease file's text: `pid=…`, `host=…`, `since=…`, one a line.
    fn record(&self) -> String {
        let mut out = String::new();
        if let Some(pid) = self.pid {
            out.push_str(&format!("pid={pid}\n"));
        }
        if let Some(host) = &self.host {
            out.push_str(&format!("host={host}\n"));
        }
        if let Some(since) = &self.since {
            out.push_str(&format!("since={since}\n"));
        }
        out
    }

    /// Read a lease file's text; unknown or broken lines are skipped.
    fn parse(text: &str) -> Holder {
        let mut holder = Holder::default();
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => holder.pid = v.trim().parse().ok(),
                Some(("host", v)) if !v.trim().is_empty() => holder.host = Some(v.trim().into()),
                Some(("since", v)) if !v.trim().is_empty() => holder.since = Some(v.trim().into()),
                _ => {}
            }
        }
        holder
    }
}

/// This machine's name, without a dependency: the kernel's, `/etc/hostname`, `$HOSTNAME`, or
/// what `uname -n` says.
fn host_name() -> String {
    let from_file = |p: &str| std::fs::read_to_string(p).ok();
    let from_uname = || {
        std::process::Command::new("uname")
            .arg("-n")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .filter(|h| !h.trim().is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .filter(|h| !h.trim().is_empty())
        .or_else(from_uname)
        .map(|h| h.trim().replace(['\n', '\r', '='], " "))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(err: &anyhow::Error) -> &Held {
        err.downcast_ref::<Held>()
            .unwrap_or_else(|| panic!("not a Held error: {err:#}"))
    }

    #[test]
    fn a_second_lease_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("koers.sqlite");
        let first = Lease::acquire(&db).expect("first lease");
        assert_eq!(first.path(), dir.path().join("koers.sqlite.lease"));

        let err = Lease::acquire(&db).expect_err("second lease refused");
        let held = held(&err);
        assert_eq!(held.holder.pid, Some(std::process::id()));
        assert_eq!(held.holder.host.as_deref(), Some(host_name().as_str()));
        let since: jiff::Timestamp = held
            .holder
            .since
            .as_deref()
            .expect("since written")
            .parse()
            .expect("since is RFC 3339");
        let age = jiff::Timestamp::now().duration_since(since);
        assert!(age.as_secs() >= 0 && age.as_secs() < 600, "since {since}");
        let message = format!("{err:#}");
        assert!(
            message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
        assert!(message.contains(&db.display().to_string()), "{message}");
        assert!(message.contains(&host_name()), "{message}");
    }

    #[test]
    fn the_lease_is_released_when_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("koers.sqlite");
        let first = Lease::acquire(&db).expect("first lease");
        drop(first);
        let again = Lease::acquire(&db).expect("free again after drop");
        assert!(Lease::acquire(&db).is_err(), "and held again");
        drop(again);
    }

    #[test]
    fn a_lease_file_left_by_a_dead_holder_is_taken_over_and_rewritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("sub/koers.sqlite");
        std::fs::create_dir_all(dir.path().join("sub")).expect("folder");
        // Longer than any record this process writes, so leftovers would show.
        let stale = format!(
            "pid=999999999\nnote={}\nhost=elsewhere\nsince=2020-01-01T00:00:00Z\n",
            "x".repeat(1000)
        );
        std::fs::write(Lease::file_of(&db), stale).expect("stale lease file");
        let lease = Lease::acquire(&db).expect("an unlocked file is free");
        let text = std::fs::read_to_string(lease.path()).expect("read");
        assert_eq!(Holder::parse(&text).pid, Some(std::process::id()));
        assert!(!text.contains("elsewhere"), "old details are gone: {text}");
    }

    #[test]
    fn the_folder_is_created_and_other_databases_are_separate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = Lease::acquire(&dir.path().join("new/a.sqlite")).expect("lease a");
        let b = Lease::acquire(&dir.path().join("new/b.sqlite")).expect("lease b");
        assert_ne!(a.path(), b.path());
    }

    #[cfg(unix)]
    #[test]
    fn a_database_reached_through_a_symlink_shares_the_lease() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.sqlite");
        std::fs::write(&real, b"").expect("database file");
        let link = dir.path().join("link.sqlite");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let _held = Lease::acquire(&real).expect("lease on the file");
        let err = Lease::acquire(&link).expect_err("the link shares it");
        assert_eq!(held(&err).holder.pid, Some(std::process::id()));
    }

    #[test]
    fn holder_records_read_back_and_tolerate_missing_lines() {
        let me = Holder::this_process();
        assert_eq!(Holder::parse(&me.record()), me);
        let empty = Holder::parse("");
        assert_eq!(empty, Holder::default());
        assert_eq!(empty.to_string(), "pid not written yet");
        let partial = Holder::parse("pid=42\ngarbage\nsince=\n");
        assert_eq!(partial.to_string(), "pid 42");
    }
}
