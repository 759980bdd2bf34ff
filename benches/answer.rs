//! Benchmark of two product standards, printed as figures against baselines measured in the same
//! run (nothing here asserts on timings: the numbers depend on the machine and its load).
//!
//! 1. An answer through engine and store costs at most twice a bare one-row `SQLite` transaction
//!    on the same disk (p99 ≤ 1 ms on 2 cores). Baseline: `BEGIN IMMEDIATE; INSERT; COMMIT` on a
//!    rusqlite connection with koers' PRAGMAs. Measured with synchronous=NORMAL (the default) and
//!    again with synchronous=FULL, plus extra rows that split the engine's cost (store-thread round
//!    trip, one read, one write, the engine on an in-memory database).
//! 2. `koers chat` shows its first prompt within 50 ms of starting, on a fresh database and when
//!    resuming; baseline: spawning `/bin/echo hi` the same way.
//!
//! 3. Under load: 1,000 teams answering at once (`KOERS_BENCH_TEAMS`), against as many threads
//!    doing bare transactions on one shared connection (`answer/load.rs`), and the same teams
//!    answering in the same second on a schedule, latency counted from when each answer was due
//!    (`answer/arrivals.rs`).
//! 4. Expensive answers: a SMART goal, the answer that records it and plans its reminders, an
//!    evaluation step, `/status` and `/export` of a team with 50 goals (p99 ≤ 5 ms for those
//!    two), against the bare transaction.
//!
//! The answer section also keeps the store designs side by side: (a) the transaction under a
//! `Mutex<Connection>` on the caller's thread (what `Db` does), (b) a hand-off to a thread that
//! owns the connection with a 300 µs spin (what `Db` did), (c) a read on a second read-only
//! connection (a read pool).
//!
//! Run: `cargo bench --bench answer`. `KOERS_BENCH_N` sets the samples per answer series
//! (default 5000; synchronous=FULL takes a fifth, start-up runs scale with it, at most 10 each);
//! `KOERS_BENCH_ONLY_ANSWER=1` stops after the synchronous=NORMAL answer rows (a quick look, or a
//! profile under `valgrind --tool=callgrind`).
//! Correctness is checked (every answer is `Ok`, non-empty and moves the conversation on); the
//! process exits 0 whatever the figures are.

use std::time::Duration;

use anyhow::{Context, Result, anyhow};

#[path = "answer/arrivals.rs"]
mod arrivals;
#[path = "answer/baseline.rs"]
mod baseline;
#[path = "answer/latency.rs"]
mod latency;
#[path = "answer/load.rs"]
mod load;
#[path = "answer/startup.rs"]
mod startup;
use baseline::{bare_connection, insert_row};
use koers::store::Sync;
use latency::{answer_section, new_engine};
use startup::startup_section;

const RATIO_TARGET: f64 = 2.0;
const ANSWER_P99_TARGET_US: f64 = 1000.0;
const STARTUP_TARGET_MS: f64 = 50.0;
/// Samples per series before switching to the next one, so load changes hit every series alike.
const CHUNK: usize = 250;

/// Free-text answers for the seven text questions that follow the focus choice.
const ANSWERS: [&str; 7] = [
    "We willen meer jongeren tussen 18 en 30 in de zaal, nu is dat ongeveer 8 procent.",
    "Kaartverkoop per leeftijdsgroep en postcode, per seizoen.",
    "Marketing, kassa en programmering.",
    "Anna (marketing) en Bram (kassa).",
    "Studenten en starters uit de regio.",
    "We weten weinig van wie er met een vriend meekomt.",
    "Dat vaste bezoekers wegblijven omdat het programma verandert.",
];

/// Wait for every team thread of a load run; the first error or panic is the run's.
fn join_all(handles: Vec<std::thread::ScopedJoinHandle<'_, Result<()>>>) -> Result<()> {
    for h in handles {
        h.join().map_err(|_| anyhow!("a team thread panicked"))??;
    }
    Ok(())
}

/// One timed operation; returns how long the measured part took.
type Sampler<'a> = Box<dyn FnMut() -> Result<Duration> + 'a>;

fn main() -> Result<()> {
    let n: usize = match std::env::var("KOERS_BENCH_N") {
        Ok(v) => v
            .trim()
            .parse()
            .with_context(|| format!("KOERS_BENCH_N={v:?} is not a number"))?,
        Err(_) => 5000,
    };
    let n = n.max(20);
    let n_full = (n / 5).max(20);
    let starts = (n / 500).clamp(2, 10);
    let dir = tempfile::tempdir().context("tempdir")?;

    println!("koers bench: answer latency and chat start-up");
    println!(
        "  cores: {}, load average: {}, temp dir: {}",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        load_average(),
        dir.path().display()
    );
    println!(
        "  samples: {n} per answer series (synchronous=FULL: {n_full}), warm-up {} each, \
         series interleaved in chunks of {CHUNK}; start-up: {starts} fresh + {starts} resume runs",
        warmup(n)
    );

    if std::env::var_os("KOERS_BENCH_ONLY_LOAD").is_some() {
        load::concurrent_section(dir.path(), 100)?;
        arrivals::same_second_section(dir.path(), 100)?;
        return load::expensive_section(dir.path(), 20);
    }
    let normal = answer_section(dir.path(), Sync::Normal, n, true)?;
    if std::env::var_os("KOERS_BENCH_ONLY_ANSWER").is_some() {
        println!("{}", normal.summary("synchronous=NORMAL (default)"));
        return Ok(());
    }
    let full = answer_section(dir.path(), Sync::Full, n_full, false)?;
    let startup = startup_section(dir.path(), starts)?;
    let teams: usize = std::env::var("KOERS_BENCH_TEAMS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1000);
    load::concurrent_section(dir.path(), teams)?;
    arrivals::same_second_section(dir.path(), teams)?;
    load::expensive_section(dir.path(), (n / 10).clamp(20, 500))?;

    println!();
    println!("== Summary");
    println!("{}", normal.summary("synchronous=NORMAL (default)"));
    println!(
        "{}",
        full.summary("synchronous=FULL (fsync per commit, info)")
    );
    println!("{}", startup.summary());
    Ok(())
}

fn warmup(n: usize) -> usize {
    (n / 10).clamp(10, 500)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").ok().map_or_else(
        || "?".into(),
        |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

// ---------------------------------------------------------------------------------------------
// Statistics and printing

#[derive(Debug, Clone)]
struct Stats {
    count: usize,
    mean: Duration,
    p50: Duration,
    p90: Duration,
    p99: Duration,
    max: Duration,
}

impl Stats {
    fn of(samples: &[Duration]) -> Stats {
        let mut sorted = samples.to_vec();
        sorted.sort_unstable();
        let count = sorted.len();
        let pct = |p: usize| sorted[(count * p).div_ceil(100).clamp(1, count) - 1];
        let total: Duration = sorted.iter().sum();
        Stats {
            count,
            mean: total / u32::try_from(count).unwrap_or(u32::MAX),
            p50: pct(50),
            p90: pct(90),
            p99: pct(99),
            max: sorted[count - 1],
        }
    }
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

const LABEL_WIDTH: usize = 58;

fn print_header(unit: &str) {
    println!(
        "  {:<LABEL_WIDTH$} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9}",
        format!("series ({unit})"),
        "count",
        "mean",
        "p50",
        "p90",
        "p99",
        "max"
    );
    println!("  {}", "-".repeat(LABEL_WIDTH + 7 + 5 * 10));
}

fn print_row_us(label: &str, s: &Stats) {
    println!(
        "  {label:<LABEL_WIDTH$} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
        s.count,
        us(s.mean),
        us(s.p50),
        us(s.p90),
        us(s.p99),
        us(s.max)
    );
}

fn print_row_ms(label: &str, s: &Stats) {
    println!(
        "  {label:<LABEL_WIDTH$} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
        s.count,
        ms(s.mean),
        ms(s.p50),
        ms(s.p90),
        ms(s.p99),
        ms(s.max)
    );
}

/// Warm every sampler up, then take `n` samples of each, switching series every [`CHUNK`].
fn measure(samplers: &mut [(&str, Sampler<'_>)], n: usize) -> Result<Vec<Stats>> {
    for (label, sample) in samplers.iter_mut() {
        for _ in 0..warmup(n) {
            sample().with_context(|| format!("warm-up of {label}"))?;
        }
    }
    let mut samples: Vec<Vec<Duration>> = samplers.iter().map(|_| Vec::with_capacity(n)).collect();
    let mut taken = 0;
    while taken < n {
        let chunk = CHUNK.min(n - taken);
        for ((label, sample), out) in samplers.iter_mut().zip(&mut samples) {
            for _ in 0..chunk {
                out.push(sample().with_context(|| format!("sample of {label}"))?);
            }
        }
        taken += chunk;
    }
    Ok(samples.iter().map(|s| Stats::of(s)).collect())
}
