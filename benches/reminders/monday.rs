//! 09:00 on a Monday: every team has one reminder due at the same instant, delivered through
//! stand-ins that answer like the platforms (`Delivery` impls in this file, not the HTTP
//! adapters: those reach the scheduler only through the same trait, and a stand-in keeps the
//! bench to one process):
//!
//! - Discord: a global limit of 50 requests a second (a token bucket, burst 50); past it a 429
//!   with `retry_after`, which the stand-in returns as `DeliveryError::RateLimited` the way an
//!   adapter would; ~30 ms per accepted request.
//! - Matrix: ~100 ms per send, several at once to different rooms; past 300 sends a second
//!   `M_LIMIT_EXCEEDED` with `retry_after_ms`.
//!
//! On both, 1% of teams fail for good (channel or room gone) and 1% answer after 5 s. Printed:
//! time until the last reminder arrived, lateness p50/p99/max, duplicates, losses.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use koers::engine::{Engine, Reply, Settings, SystemClock, TeamKey};
use koers::reminders::scheduler::Scheduler;
use koers::reminders::{Delivery, DeliveryError, Sending};
use koers::store::{Db, Options, Scope};

/// How a stand-in platform behaves.
#[derive(Debug, Clone, Copy)]
struct Behaviour {
    name: &'static str,
    /// Requests a second the platform takes (token bucket of this size, refilled at this rate).
    per_second: f64,
    /// Time an accepted send takes.
    took: Duration,
    /// What the platform's adapter tells the scheduler about its pace.
    declared: Option<u32>,
}

const DISCORD: Behaviour = Behaviour {
    name: "discord",
    per_second: 50.0,
    took: Duration::from_millis(30),
    declared: Some(50),
};

const MATRIX: Behaviour = Behaviour {
    name: "matrix",
    per_second: 300.0,
    took: Duration::from_millis(100),
    declared: None,
};

const SLOW: Duration = Duration::from_secs(5);

/// A team's fate on the stand-in: 1% gone, 1% slow, the rest fine.
fn fate(team: usize) -> Fate {
    match team % 100 {
        0 => Fate::Gone,
        1 => Fate::Slow,
        _ => Fate::Fine,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Fine,
    Gone,
    Slow,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The stand-in: a token bucket for its limit, a record of every accepted key and when.
struct StandIn {
    how: Behaviour,
    bucket: Mutex<Bucket>,
    arrived: Mutex<Vec<(String, Instant)>>,
    refused: Mutex<usize>,
}

impl StandIn {
    fn new(how: Behaviour) -> StandIn {
        StandIn {
            how,
            bucket: Mutex::new(Bucket {
                tokens: how.per_second,
                at: Instant::now(),
            }),
            arrived: Mutex::new(Vec::new()),
            refused: Mutex::new(0),
        }
    }

    /// Take a token, or say how long until one is there.
    fn admit(&self) -> Result<(), Duration> {
        let mut b = self.bucket.lock().expect("lock");
        let now = Instant::now();
        b.tokens =
            (b.tokens + (now - b.at).as_secs_f64() * self.how.per_second).min(self.how.per_second);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - b.tokens) / self.how.per_second,
            ))
        }
    }
}

impl Delivery for StandIn {
    fn platform(&self) -> &str {
        self.how.name
    }

    fn sends_per_second(&self) -> Option<u32> {
        self.how.declared
    }

    fn deliver<'a>(&'a self, team: &'a TeamKey, _reply: &'a Reply, key: &'a str) -> Sending<'a> {
        Box::pin(async move {
            if let Err(retry_after) = self.admit() {
                *self.refused.lock().expect("lock") += 1;
                return Err(DeliveryError::RateLimited(retry_after));
            }
            let n: usize = team.id.trim_start_matches('t').parse().unwrap_or(0);
            match fate(n) {
                Fate::Gone => {
                    return Err(DeliveryError::Permanent(format!(
                        "{} 404 Unknown Channel",
                        self.how.name
                    )));
                }
                Fate::Slow => tokio::time::sleep(SLOW).await,
                Fate::Fine => tokio::time::sleep(self.how.took).await,
            }
            self.arrived
                .lock()
                .expect("lock")
                .push((key.to_string(), Instant::now()));
            Ok(())
        })
    }
}

/// `teams` teams on `platform`, each with one goal and one reminder due at unix second `due`.
fn fill(path: &Path, platform: &str, teams: usize, due: i64) -> Result<()> {
    drop(Db::open(path, &Options::default())?);
    let mut conn = rusqlite::Connection::open(path)?;
    let tx = conn.transaction()?;
    {
        let mut team = tx.prepare(
            // Active teams: a team silent for long gets a retention warning through the same
            // platform, which is not what this measures.
            "INSERT INTO teams (platform, external_id, name, created_at, updated_at, last_active_at)
             VALUES (?1, ?2, ?2, 'now', 'now', unixepoch('now'))",
        )?;
        let mut goal = tx.prepare(
            "INSERT INTO goals (team_id, round, key, action_text, text, created_by, created_at,
                                updated_at, number, deadline)
             VALUES (?1, 1, 'action.action#1.goal#1', 'actie', 'doel', 'bench', 'now', 'now', 1,
                     '2030-01-01')",
        )?;
        let mut reminder = tx.prepare(
            "INSERT INTO reminders (goal_id, team_id, platform, kind, days, local_at, timezone,
                                    due_at, idem_key)
             VALUES (?1, ?2, ?3, 'before', 1, '2030-01-01T09:00:00', 'Europe/Amsterdam', ?4, ?5)",
        )?;
        for i in 0..teams {
            team.execute(rusqlite::params![platform, format!("t{i}")])?;
            let team_id = tx.last_insert_rowid();
            goal.execute([team_id])?;
            let goal_id = tx.last_insert_rowid();
            reminder.execute(rusqlite::params![
                goal_id,
                team_id,
                platform,
                due,
                format!("k{i}")
            ])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// What one platform's Monday came to.
struct Monday {
    how: Behaviour,
    teams: usize,
    last: Duration,
    last_normal: Duration,
    lateness: Vec<Duration>,
    duplicates: usize,
    lost: usize,
    failed_recorded: usize,
    refused: usize,
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn run_platform(dir: &Path, how: Behaviour, teams: usize) -> Result<Monday> {
    let path = dir.join(format!("monday-{}.sqlite", how.name));
    // Due 3 s from now, on a whole second: the scheduler sleeps until then like on a Monday.
    let due = jiff::Timestamp::now().as_second() + 3;
    fill(&path, how.name, teams, due)?;
    let due_instant = Instant::now()
        + Duration::from_millis(
            u64::try_from(due * 1000 - jiff::Timestamp::now().as_millisecond()).unwrap_or(0),
        );
    let db = Db::open(&path, &Options::default())?;
    let engine = Arc::new(Engine::new(Box::new(SystemClock), Settings::default())?);
    let standin = Arc::new(StandIn::new(how));
    let (scheduler, handle) = Scheduler::new(
        engine,
        db.clone(),
        standin.clone(),
        Scope::Platform(how.name.into()),
    );
    let expected = (0..teams).filter(|&i| fate(i) != Fate::Gone).count();
    // Give up long after the limit allows: 3× the time the limit needs, at least a minute.
    let limit_secs = teams as f64 / how.per_second;
    let give_up = Duration::from_secs_f64((limit_secs * 3.0).max(60.0) + 10.0);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let task = tokio::spawn(scheduler.run());
        let started = Instant::now();
        loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            // Only the Monday's reminders (keyed k<i>) count towards the end.
            let keys = standin
                .arrived
                .lock()
                .expect("lock")
                .iter()
                .filter(|(k, _)| k.starts_with('k'))
                .count();
            if keys >= expected || started.elapsed() > give_up {
                break;
            }
        }
        // A moment more, so a duplicate would show up.
        tokio::time::sleep(Duration::from_millis(500)).await;
        task.abort();
    });
    drop(handle);

    let arrived = standin.arrived.lock().expect("lock").clone();
    let mut per_key: HashMap<String, Vec<Instant>> = HashMap::new();
    for (key, at) in arrived {
        per_key.entry(key).or_default().push(at);
    }
    let duplicates = per_key.values().map(|v| v.len() - 1).sum();
    let mut lateness: Vec<Duration> = per_key
        .values()
        .map(|v| v[0].saturating_duration_since(due_instant))
        .collect();
    lateness.sort_unstable();
    let lost = (0..teams)
        .filter(|&i| fate(i) != Fate::Gone && !per_key.contains_key(&format!("k{i}")))
        .count();
    let last_normal = (0..teams)
        .filter(|&i| fate(i) == Fate::Fine)
        .filter_map(|i| per_key.get(&format!("k{i}")))
        .map(|v| v[0].saturating_duration_since(due_instant))
        .max()
        .unwrap_or_default();
    let failed_recorded = rusqlite::Connection::open(&path)?
        .query_row(
            "SELECT count(*) FROM reminders WHERE state = 'failed'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .context("count failed")?;
    let refused = *standin.refused.lock().expect("lock");
    Ok(Monday {
        how,
        teams,
        last: lateness.last().copied().unwrap_or_default(),
        last_normal,
        lateness,
        duplicates,
        lost,
        failed_recorded: usize::try_from(failed_recorded).unwrap_or(0),
        refused,
    })
}

fn print(m: &Monday) -> bool {
    let s = |d: Duration| d.as_secs_f64();
    let floor = m.teams as f64 / m.how.per_second;
    println!(
        "  {:<8} {} teams: last reminder {:.1} s after its time (normal teams' last {:.1} s); \
         lateness p50 {:.2} s, p99 {:.2} s, max {:.2} s",
        m.how.name,
        m.teams,
        s(m.last),
        s(m.last_normal),
        s(pct(&m.lateness, 0.5)),
        s(pct(&m.lateness, 0.99)),
        s(m.last)
    );
    println!(
        "           arrived {}, duplicates {}, lost {}, failed for good (recorded) {} of {} gone; \
         rate-limit refusals {}",
        m.lateness.len(),
        m.duplicates,
        m.lost,
        m.failed_recorded,
        (0..m.teams).filter(|&i| fate(i) == Fate::Gone).count(),
        m.refused
    );
    let ok_clean = m.duplicates == 0 && m.lost == 0;
    // A slow team started last arrives 5 s after the others whatever the pace: judged apart,
    // so a shrunk run (KOERS_BENCH_TEAMS) is not judged on a tail that does not shrink.
    let tail_ok = m.last <= m.last_normal + SLOW + Duration::from_secs(1);
    if m.how.name == "discord" {
        let ratio = s(m.last_normal) / floor;
        let ok = ok_clean && ratio <= 1.10 && tail_ok;
        println!(
            "[{}] discord: normal teams' last arrival {:.1} s vs the limit's floor {floor:.1} s \
             ({} / 50 per s) = {ratio:.3}× (target ≤ 1.10×); all {:.1} s = {:.3}× (slow teams \
             ≤ 5 s later); no duplicates, no losses",
            if ok { "PASS" } else { "FAIL" },
            s(m.last_normal),
            m.teams,
            s(m.last),
            s(m.last) / floor,
        );
        ok
    } else {
        let target = 60.0 * m.teams as f64 / 10_000.0;
        let ok = ok_clean && s(m.last_normal) <= target && tail_ok;
        println!(
            "[{}] matrix: normal teams' last arrival {:.1} s ≤ {target:.1} s (60 s per 10,000 \
             teams); all {:.1} s (slow teams ≤ 5 s later); no duplicates, no losses",
            if ok { "PASS" } else { "FAIL" },
            s(m.last_normal),
            s(m.last)
        );
        ok
    }
}

/// The Monday section; `KOERS_BENCH_TEAMS` sets the number of teams (default 10,000).
pub(crate) fn run(dir: &Path) -> Result<()> {
    let teams: usize = std::env::var("KOERS_BENCH_TEAMS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(10_000);
    println!();
    println!(
        "== 09:00 on a Monday: {teams} teams, one reminder each due at once; 1% gone, 1% slow (5 s)"
    );
    for how in [MATRIX, DISCORD] {
        let m = run_platform(dir, how, teams)?;
        print(&m);
    }
    Ok(())
}
