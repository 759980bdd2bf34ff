//! The answer bench under load and on the expensive paths: 1,000 teams answering at once
//! (threads), and a SMART goal that plans reminders, an evaluation step, `/status` of a team
//! with 50 goals and `/export` of it, each against a bare one-row transaction measured in the
//! same run.

use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use koers::engine::{Body, Engine, Incoming, Person, Reply, Role, TeamKey};
use koers::store::{Db, Options};
use rusqlite::Connection;

use super::{
    ANSWER_P99_TARGET_US, ANSWERS, RATIO_TARGET, Stats, bare_connection, insert_row, join_all,
    new_engine, print_header, print_row_us, us, verdict,
};

const EXPENSIVE_P99_TARGET_US: f64 = 5000.0;

// The plan in Dutch up to and through the goal, shared with `tests/it/goal_loop.rs`. Index
// [`GOAL_TEXT`] is the SMART goal, [`TARGET`] records it and plans its reminders.
#[path = "../../tests/it/common/goal_plan.rs"]
mod goal_plan;
use goal_plan::PLAN;
const GOAL_TEXT: usize = 30;
const TARGET: usize = 34;

/// `body` from `team`, timed; the replies' text.
pub(crate) fn say(
    engine: &Arc<Engine>,
    db: &Db,
    team: &TeamKey,
    body: Body,
) -> Result<(Duration, String)> {
    let (took, replies) = handle_timed(engine, db, team, body)?;
    let text = replies
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Ok((took, text))
}

/// `body` from `team`'s manager through `Engine::handle`, timed; at least one reply.
pub(crate) fn handle_timed(
    engine: &Arc<Engine>,
    db: &Db,
    team: &TeamKey,
    body: Body,
) -> Result<(Duration, Vec<Reply>)> {
    let msg = Incoming {
        team: team.clone(),
        person: Person::named("bench"),
        role: Role::Manager,
        body,
    };
    let start = Instant::now();
    let replies = engine.handle(db, msg)?;
    let took = start.elapsed();
    ensure!(!replies.is_empty(), "team {}: no reply", team.id);
    Ok((took, replies))
}

/// Bench team `<prefix><i>`.
pub(crate) fn team(prefix: &str, i: usize) -> TeamKey {
    TeamKey {
        platform: "bench".into(),
        id: format!("{prefix}{i}"),
        name: format!("Bench {prefix}{i}"),
    }
}

/// One bare one-row transaction on a connection shared under a mutex (the baseline of the
/// concurrent run: the same single writer koers has).
pub(crate) fn bare_locked(conn: &Mutex<Connection>, i: u64) -> Result<Duration> {
    let at = jiff::Timestamp::now().to_string();
    let start = Instant::now();
    let mut conn = conn.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
    insert_row(&mut conn, i, &at)?;
    drop(conn);
    Ok(start.elapsed())
}

fn print_ratio(label: &str, s: &Stats, base: &Stats, target_us: f64) {
    let (r50, r99) = (us(s.p50) / us(base.p50), us(s.p99) / us(base.p99));
    println!(
        "  {label}: p50 {:.0} µs = {r50:.1}× bare, p99 {:.0} µs = {r99:.1}× bare; p99 ≤ {target_us:.0} \
         µs: {}",
        us(s.p50),
        us(s.p99),
        verdict(us(s.p99) <= target_us)
    );
}

/// 1,000 teams answering at once, each on its own thread: every team starts, picks focus 3
/// and gives the seven text answers; the answers are timed. The baseline: as many threads each
/// doing seven bare one-row transactions on one shared connection.
pub(crate) fn concurrent_section(dir: &std::path::Path, teams: usize) -> Result<()> {
    println!();
    println!("== 3. {teams} teams answering at once (one thread each), WAL + synchronous=NORMAL");
    let bare = Arc::new(Mutex::new(bare_connection(
        &dir.join("bare-concurrent.sqlite"),
        koers::store::Sync::Normal,
    )?));
    let db = Db::open(&dir.join("koers-concurrent.sqlite"), &Options::default())?;
    let engine = new_engine()?;

    let run = |work: &(dyn Fn(usize) -> Result<Vec<Duration>> + Sync)| -> Result<Stats> {
        let barrier = Barrier::new(teams);
        let all = Mutex::new(Vec::with_capacity(teams * ANSWERS.len()));
        std::thread::scope(|scope| -> Result<()> {
            let handles: Vec<_> = (0..teams)
                .map(|i| {
                    let (barrier, all) = (&barrier, &all);
                    std::thread::Builder::new()
                        .stack_size(256 * 1024)
                        .spawn_scoped(scope, move || -> Result<()> {
                            barrier.wait();
                            let got = work(i)?;
                            all.lock()
                                .map_err(|_| anyhow::anyhow!("poisoned"))?
                                .extend(got);
                            Ok(())
                        })
                })
                .collect::<std::io::Result<_>>()?;
            join_all(handles)
        })?;
        let all = all.into_inner().map_err(|_| anyhow::anyhow!("poisoned"))?;
        Ok(Stats::of(&all))
    };
    let base = run(&|i| {
        (0..ANSWERS.len())
            .map(|k| bare_locked(&bare, (i * 10 + k) as u64))
            .collect()
    })?;
    let engine_stats = run(&|i| {
        let t = team("c", i);
        say(&engine, &db, &t, Body::Start { lang: None })?;
        say(&engine, &db, &t, Body::Text("3".into()))?;
        ANSWERS
            .iter()
            .map(|a| say(&engine, &db, &t, Body::Text((*a).into())).map(|(d, _)| d))
            .collect()
    })?;
    print_header("µs");
    print_row_us(
        "baseline: bare 1-row tx, all threads on one connection",
        &base,
    );
    print_row_us(
        "engine: Engine::handle, one text answer each",
        &engine_stats,
    );
    let (r50, r99) = (
        us(engine_stats.p50) / us(base.p50),
        us(engine_stats.p99) / us(base.p99),
    );
    println!(
        "  ratio engine/baseline at the same concurrency: p50 {r50:.2}× ({}), p99 {r99:.3}× ({}), \
         target ≤ {RATIO_TARGET}×; engine p99 {:.0} µs vs ≤ {ANSWER_P99_TARGET_US} µs ({}) — with \
         {teams} threads queued on one writer, the tails are the queue (the baseline's threads do \
         nothing but write, so they queue more than the engine's)",
        verdict(r50 <= RATIO_TARGET),
        verdict(r99 <= RATIO_TARGET),
        us(engine_stats.p99),
        verdict(us(engine_stats.p99) <= ANSWER_P99_TARGET_US)
    );
    Ok(())
}

/// A team walked through the plan up to (not including) line `upto` of [`PLAN`].
fn walk_to(engine: &Arc<Engine>, db: &Db, t: &TeamKey, upto: usize) -> Result<()> {
    say(engine, db, t, Body::Start { lang: None })?;
    for line in &PLAN[..upto] {
        say(engine, db, t, Body::Text((*line).into()))?;
    }
    Ok(())
}

/// Give the team of `team_id` 49 more goals, so it has 50.
fn add_goals(db: &Db, team_id: i64) -> Result<()> {
    db.run(move |s| {
        for i in 2..=50 {
            let goal = koers::store::Goal {
                key: format!("action.action#{i}.goal#1"),
                action_text: format!("Actie {i}"),
                text: format!("Het aantal bezoekers onder de 30 met {i}% verhogen vóór juni 2027"),
                owner: Some("Sanne".into()),
                deadline_text: None,
                baseline_text: None,
                target_text: None,
                created_by: "bench".into(),
                created_by_id: Some("bench".into()),
            };
            let id = s.upsert_goal(team_id, 1, &goal, "2026-11-25T10:00:00Z")?;
            s.update_goal_number(id)?;
            s.update_goal_tracking(
                id,
                Some("2027-05-31"),
                "Europe/Amsterdam",
                Some(100.0),
                Some(120.0),
                None,
                5,
                "{}",
                None,
            )?;
        }
        Ok(())
    })
}

/// The expensive answers, `n` samples each (fresh teams for the goal and evaluation rows).
pub(crate) fn expensive_section(dir: &std::path::Path, n: usize) -> Result<()> {
    println!();
    println!("== 4. Expensive answers ({n} samples each), WAL + synchronous=NORMAL");
    let mut bare = bare_connection(
        &dir.join("bare-expensive.sqlite"),
        koers::store::Sync::Normal,
    )?;
    let db = Db::open(&dir.join("koers-expensive.sqlite"), &Options::default())?;
    let engine = new_engine()?;
    let (mut base, mut smart, mut record, mut evaluate, mut status, mut export) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    // The team with 50 goals.
    let big = team("big", 0);
    walk_to(&engine, &db, &big, PLAN.len())?;
    let big_id = engine.team_id(&db, &big)?;
    add_goals(&db, big_id)?;
    // The same team on the terminal, where /status brings no picture: the store and the text.
    let plain = TeamKey {
        platform: "terminal".into(),
        ..team("big", 1)
    };
    walk_to(&engine, &db, &plain, PLAN.len())?;
    let plain_id = engine.team_id(&db, &plain)?;
    add_goals(&db, plain_id)?;
    let mut plain_status = Vec::new();
    let mut changed_status = Vec::new();
    let mut row = 0u64;
    // Warm-up rounds (untimed, dropped below): the scorers compile their patterns once.
    let warm = 3;
    for i in 0..n + warm {
        let t = team("x", i);
        walk_to(&engine, &db, &t, GOAL_TEXT)?;
        let (took, text) = say(&engine, &db, &t, Body::Text(PLAN[GOAL_TEXT].into()))?;
        ensure!(
            text.contains("Sanne") || text.contains("eigenaar"),
            "after the goal: {text}"
        );
        smart.push(took);
        for line in &PLAN[GOAL_TEXT + 1..TARGET] {
            say(&engine, &db, &t, Body::Text((*line).into()))?;
        }
        let (took, text) = say(&engine, &db, &t, Body::Text(PLAN[TARGET].into()))?;
        ensure!(text.contains("experiment"), "after the target: {text}");
        record.push(took);
        let (_, text) = say(&engine, &db, &t, Body::Text(PLAN[TARGET + 1].into()))?;
        ensure!(
            text.contains("Genoteerd als doel 1"),
            "the goal was not recorded: {text}"
        );
        for line in &PLAN[TARGET + 2..] {
            say(&engine, &db, &t, Body::Text((*line).into()))?;
        }
        let (_, text) = say(&engine, &db, &t, Body::Text("/evalueer 1".into()))?;
        ensure!(text.contains("resultaat"), "no evaluation question: {text}");
        let (took, _) = say(&engine, &db, &t, Body::Text("170".into()))?;
        evaluate.push(took);

        // A change first, so the picture must be drawn anew; then the same /status again,
        // whose picture comes from the cache of recent pictures.
        let value = 100 + i;
        let (_, text) = say(
            &engine,
            &db,
            &big,
            Body::Text(format!("/doel voortgang 2 {value}")),
        )?;
        ensure!(text.contains(&value.to_string()), "no progress: {text}");
        let (took, text) = say(&engine, &db, &big, Body::Text("/status".into()))?;
        ensure!(text.contains("50."), "status does not list 50 goals");
        changed_status.push(took);
        let (took, text) = say(&engine, &db, &big, Body::Text("/status".into()))?;
        ensure!(text.contains("50."), "status does not list 50 goals");
        status.push(took);
        let (took, text) = say(&engine, &db, &plain, Body::Text("/status".into()))?;
        ensure!(text.contains("50."), "status does not list 50 goals");
        plain_status.push(took);
        let (took, text) = say(&engine, &db, &big, Body::Text("/export".into()))?;
        ensure!(text.contains("# koers — "), "no export");
        export.push(took);
        for _ in 0..5 {
            row += 1;
            let at = jiff::Timestamp::now().to_string();
            let start = Instant::now();
            insert_row(&mut bare, row, &at)?;
            base.push(start.elapsed());
        }
    }
    let timed = |v: Vec<Duration>| Stats::of(&v[warm.min(v.len() - 1)..]);
    let (smart, record, evaluate) = (timed(smart), timed(record), timed(evaluate));
    let (status, plain_status, export) = (timed(status), timed(plain_status), timed(export));
    let changed_status = timed(changed_status);
    let base = timed(base);
    let rows = [
        ("SMART goal text (the SMART check, deadline read)", smart),
        ("target: records the goal, plans its reminders", record),
        ("evaluation step (the result of goal 1)", evaluate),
        (
            "/status, 50 goals, chat, plan changed (PNG drawn)",
            changed_status,
        ),
        ("/status, 50 goals, chat, asked again (PNG cached)", status),
        ("/status, 50 goals, terminal (no picture)", plain_status),
        ("/export of a team with 50 goals", export),
    ];
    print_header("µs");
    print_row_us("baseline: bare 1-row tx", &base);
    for (label, s) in &rows {
        print_row_us(label, s);
    }
    for (i, (label, s)) in rows.iter().enumerate() {
        let target = if i < 3 {
            ANSWER_P99_TARGET_US
        } else {
            EXPENSIVE_P99_TARGET_US
        };
        print_ratio(label, s, &base, target);
    }
    Ok(())
}
