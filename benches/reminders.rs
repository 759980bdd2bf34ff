//! Reminder scheduler under load: a million pending reminders in the database, and a handful
//! falling due during the run. Prints the process's resident memory (against the same process
//! before the scheduler starts) and how late each due reminder fires.
//!
//! Then 09:00 on a Monday (`reminders/monday.rs`): 10,000 teams with a reminder due at once,
//! through Discord and Matrix stand-ins.
//!
//! Run: `cargo bench --bench reminders` (`KOERS_BENCH_REMINDERS=100000` for a quick run;
//! `KOERS_BENCH_TEAMS=1000` for a shorter Monday: Discord alone takes teams / 50 seconds;
//! `KOERS_BENCH_REMINDERS=0` skips the memory part).

#[path = "reminders/monday.rs"]
mod monday;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use koers::engine::{Engine, Reply, Settings, SystemClock, TeamKey};
use koers::reminders::scheduler::Scheduler;
use koers::reminders::{Delivery, Sending};
use koers::store::{Db, Options, Scope};

/// Records when each reminder arrived.
struct Clocked {
    arrived: Mutex<Vec<(String, Instant)>>,
}

impl Delivery for Clocked {
    fn platform(&self) -> &'static str {
        "bench"
    }
    fn deliver<'a>(&'a self, _team: &'a TeamKey, _reply: &'a Reply, key: &'a str) -> Sending<'a> {
        let mut arrived = self.arrived.lock().expect("lock");
        arrived.push((key.to_string(), Instant::now()));
        Box::pin(async { Ok(()) })
    }
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() -> Result<()> {
    let total: i64 = std::env::var("KOERS_BENCH_REMINDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let due_soon = 20_i64;
    let dir = tempfile::tempdir()?;
    if total == 0 {
        return monday::run(dir.path());
    }
    let path = dir.path().join("reminders.sqlite");
    let now = jiff::Timestamp::now().as_second();

    // Fill the database with a separate connection, then drop it: the scheduler's process
    // starts from a file, as after a restart.
    let filled = Instant::now();
    {
        let db = Db::open(&path, &Options::default())?;
        drop(db);
        let mut conn = rusqlite::Connection::open(&path)?;
        let tx = conn.transaction()?;
        // An active team: a team silent for long gets a retention warning through the same
        // delivery, which is not what this measures (and has no `k<i>` key).
        tx.execute(
            "INSERT INTO teams (platform, external_id, name, created_at, updated_at, last_active_at)
             VALUES ('bench', 'room', 'Bench', 'now', 'now', unixepoch('now'))",
            [],
        )?;
        tx.execute(
            "INSERT INTO goals (team_id, round, key, action_text, text, created_by, created_at,
                                updated_at, number, deadline)
             VALUES (1, 1, 'action.action#1.goal#1', 'actie', 'doel', 'bench', 'now', 'now', 1,
                     '2030-01-01')",
            [],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO reminders (goal_id, team_id, platform, kind, days, local_at, timezone,
                                        due_at, idem_key)
                 VALUES (1, 1, 'bench', 'before', 1, '2030-01-01T09:00:00', 'Europe/Amsterdam', ?1, ?2)",
            )?;
            for i in 0..total {
                // Most are far in the future; `due_soon` fall due one per 200 ms from 2 s on.
                let due = if i < due_soon {
                    now + 2 + i / 5
                } else {
                    now + 86_400 + i
                };
                insert.execute(rusqlite::params![due, format!("k{i}")])?;
            }
        }
        tx.commit()?;
    }
    // The due-soon ones are set relative to now, after the (slow) fill.
    let now = jiff::Timestamp::now().as_second();
    {
        let conn = rusqlite::Connection::open(&path)?;
        for i in 0..due_soon {
            conn.execute(
                "UPDATE reminders SET due_at = ?1 WHERE idem_key = ?2",
                rusqlite::params![now + 2 + i / 5, format!("k{i}")],
            )?;
        }
    }
    let file_mib = std::fs::metadata(&path).map_or(0, |m| m.len()) / (1 << 20);
    println!("koers bench: reminder scheduler");
    println!(
        "  {total} pending reminders written in {:.1} s; database file {file_mib} MiB",
        filled.elapsed().as_secs_f64()
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    let rss_before = rss_kib();
    let db = Db::open(&path, &Options::default())?;
    let engine = Arc::new(Engine::new(Box::new(SystemClock), Settings::default())?);
    let delivery = Arc::new(Clocked {
        arrived: Mutex::new(Vec::new()),
    });
    let (scheduler, _handle) = Scheduler::new(
        Arc::clone(&engine),
        db.clone(),
        delivery.clone(),
        Scope::Platform("bench".into()),
    );
    let deadline = Instant::now() + Duration::from_secs(2 + (due_soon as u64) / 5 + 3);
    let mut peak = rss_kib();
    runtime.block_on(async {
        let task = tokio::spawn(scheduler.run());
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
            peak = peak.max(rss_kib());
        }
        task.abort();
    });
    let arrived = delivery.arrived.lock().expect("lock").clone();
    // Each key k{i} was due at now + 2 + i/5 seconds (whole seconds, unix time).
    let start_unix = jiff::Timestamp::now().as_millisecond() as f64 / 1000.0;
    let mut delays_ms: Vec<f64> = Vec::new();
    let base = Instant::now();
    for (key, at) in &arrived {
        let i: i64 = key.trim_start_matches('k').parse().context("bench key")?;
        let due = now + 2 + i / 5;
        // Convert the arrival instant to unix time via the wall clock now.
        let arrived_unix = start_unix - base.duration_since(*at).as_secs_f64();
        delays_ms.push((arrived_unix - due as f64) * 1000.0);
    }
    delays_ms.sort_by(f64::total_cmp);
    let pct = |p: f64| -> f64 {
        if delays_ms.is_empty() {
            return f64::NAN;
        }
        delays_ms[((delays_ms.len() - 1) as f64 * p).round() as usize]
    };
    println!(
        "  resident memory: {:.1} MiB before the scheduler, peak {:.1} MiB while it ran \
         (target ≤ 64 MiB; SQLite's page cache is 2 MiB by default)",
        rss_before as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    println!(
        "  fired {} of {due_soon} due reminders; lateness after their due second: \
         p50 {:.0} ms, max {:.0} ms (target: within 1000 ms)",
        arrived.len(),
        pct(0.5),
        pct(1.0)
    );
    let ok_mem = peak <= 64 * 1024;
    let ok_time = arrived.len() as i64 == due_soon && pct(1.0) <= 1000.0;
    println!(
        "[{}] memory with {total} pending: peak {:.1} MiB ≤ 64 MiB",
        if ok_mem { "PASS" } else { "FAIL" },
        peak as f64 / 1024.0
    );
    println!(
        "[{}] each due reminder fires within 1 s of its time",
        if ok_time { "PASS" } else { "FAIL" }
    );
    monday::run(dir.path())
}
