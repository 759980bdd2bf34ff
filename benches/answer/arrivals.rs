//! 1,000 teams answering in the same second: arrivals on a schedule (open loop), the way
//! people at 1,000 teams type, rather than 1,000 threads released by one barrier.
//!
//! Why both: released by a barrier, 7,000 answers arrive within microseconds and wait for the
//! one writer, so their p99 is the length of that queue (the bare transactions queue alike; see
//! section 3). On a schedule, each answer arrives when its thread wakes at its due time, and its
//! latency counts from there, so the queueing it meets behind other teams' answers is in the
//! figure; how late the threads woke is printed beside it (a sleeping thread wakes 50–150 µs
//! late on Linux, the timer's doing, not koers').

use std::sync::{Barrier, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use koers::engine::{Body, TeamKey};
use koers::store::{Db, Options};

use super::load::{bare_locked, say, team};
use super::{
    ANSWER_P99_TARGET_US, ANSWERS, RATIO_TARGET, Stats, bare_connection, join_all, new_engine,
    print_header, print_row_us, us, verdict,
};

/// When answer `k` of team `i` is due, from the start: the `teams × ANSWERS` answers spread
/// evenly over `window`, every team's answers in order and apart.
fn due(i: usize, k: usize, teams: usize, window: Duration) -> Duration {
    let slot = k * teams + i;
    let total = teams * ANSWERS.len();
    window.mul_f64(slot as f64 / total as f64)
}

/// Run `work(team, answer)` for every team on its own thread, each answer at its due time;
/// returns the latencies counted from when each thread woke for its answer, and how late the
/// threads woke.
fn scheduled(
    teams: usize,
    window: Duration,
    work: &(dyn Fn(usize, usize) -> Result<()> + Sync),
) -> Result<(Stats, Stats)> {
    let barrier = Barrier::new(teams + 1);
    let all = Mutex::new(Vec::with_capacity(teams * ANSWERS.len()));
    let late = Mutex::new(Vec::with_capacity(teams * ANSWERS.len()));
    let start = Mutex::new(None::<Instant>);
    std::thread::scope(|scope| -> Result<()> {
        let handles: Vec<_> = (0..teams)
            .map(|i| {
                let (barrier, all, late, start) = (&barrier, &all, &late, &start);
                std::thread::Builder::new()
                    .stack_size(256 * 1024)
                    .spawn_scoped(scope, move || -> Result<()> {
                        barrier.wait();
                        let t0 = start
                            .lock()
                            .map_err(|_| anyhow::anyhow!("poisoned"))?
                            .ok_or_else(|| anyhow::anyhow!("no start"))?;
                        let mut got = Vec::with_capacity(ANSWERS.len());
                        let mut woke_late = Vec::with_capacity(ANSWERS.len());
                        for k in 0..ANSWERS.len() {
                            let at = t0 + due(i, k, teams, window);
                            if let Some(wait) = at.checked_duration_since(Instant::now()) {
                                std::thread::sleep(wait);
                            }
                            // The answer arrives when its thread wakes: counted from there,
                            // so the time it waits for the one writer is in, and the timer's
                            // own lateness in waking a sleeper (50–150 µs) is not.
                            let arrived = Instant::now();
                            work(i, k)?;
                            got.push(arrived.elapsed());
                            woke_late.push(arrived.saturating_duration_since(at));
                        }
                        all.lock()
                            .map_err(|_| anyhow::anyhow!("poisoned"))?
                            .extend(got);
                        late.lock()
                            .map_err(|_| anyhow::anyhow!("poisoned"))?
                            .extend(woke_late);
                        Ok(())
                    })
            })
            .collect::<std::io::Result<_>>()?;
        // A little ahead, so every thread is asleep on its first due time when it comes.
        *start.lock().map_err(|_| anyhow::anyhow!("poisoned"))? =
            Some(Instant::now() + Duration::from_millis(200));
        barrier.wait();
        join_all(handles)
    })?;
    let all = all.into_inner().map_err(|_| anyhow::anyhow!("poisoned"))?;
    let late = late.into_inner().map_err(|_| anyhow::anyhow!("poisoned"))?;
    Ok((Stats::of(&all), Stats::of(&late)))
}

/// `teams` teams, their seven text answers each spread evenly over one second, against as many
/// bare one-row transactions on one shared connection on the same schedule.
pub(crate) fn same_second_section(dir: &std::path::Path, teams: usize) -> Result<()> {
    let window = Duration::from_secs(1);
    let answers = teams * ANSWERS.len();
    println!();
    println!(
        "== 3b. {teams} teams answering in the same second: {answers} answers due evenly over {} s \
         ({:.0}/s), one thread per team, latency from its arrival (the thread waking), WAL + \
         synchronous=NORMAL",
        window.as_secs_f64(),
        answers as f64 / window.as_secs_f64()
    );
    let bare = Mutex::new(bare_connection(
        &dir.join("bare-same-second.sqlite"),
        koers::store::Sync::Normal,
    )?);
    let db = Db::open(&dir.join("koers-same-second.sqlite"), &Options::default())?;
    let engine = new_engine()?;
    // Every team has started and picked its focus before the second begins (not timed).
    for i in 0..teams {
        let t = team("s", i);
        say(&engine, &db, &t, Body::Start { lang: None })?;
        say(&engine, &db, &t, Body::Text("3".into()))?;
    }
    let keys: Vec<TeamKey> = (0..teams).map(|i| team("s", i)).collect();

    let (base, base_late) = scheduled(teams, window, &|i, k| {
        bare_locked(&bare, (i * 10 + k) as u64).map(drop)
    })?;
    let (engine_stats, engine_late) = scheduled(teams, window, &|i, k| {
        say(&engine, &db, &keys[i], Body::Text(ANSWERS[k].into())).map(drop)
    })?;
    // Every answer was stored: the scheduled run did real work.
    for t in &keys {
        let id = engine.team_id(&db, t)?;
        let stored = db.run(move |s| s.list_answers(id, 1))?;
        for a in ANSWERS {
            ensure!(
                stored.iter().any(|s| s.value.as_deref() == Some(a)),
                "team {}: the answer {a:?} is not stored",
                t.id
            );
        }
    }
    print_header("µs");
    print_row_us("baseline: bare 1-row tx on one shared connection", &base);
    print_row_us("engine: Engine::handle, one text answer", &engine_stats);
    print_row_us("(info) how late the baseline's threads woke", &base_late);
    print_row_us("(info) how late the engine's threads woke", &engine_late);
    let (r50, r99) = (
        us(engine_stats.p50) / us(base.p50),
        us(engine_stats.p99) / us(base.p99),
    );
    println!(
        "  ratio engine/baseline on the same schedule: p50 {r50:.2}× ({}), p99 {r99:.2}× ({}), \
         target ≤ {RATIO_TARGET}×; engine p99 {:.0} µs vs ≤ {ANSWER_P99_TARGET_US} µs ({})",
        verdict(r50 <= RATIO_TARGET),
        verdict(r99 <= RATIO_TARGET),
        us(engine_stats.p99),
        verdict(us(engine_stats.p99) <= ANSWER_P99_TARGET_US)
    );
    Ok(())
}
