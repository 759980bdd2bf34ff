//! Section 1: an answer through engine and store against the bare transaction, with the rows
//! that split where its time goes.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use koers::engine::{About, Body, Engine, Settings, SystemClock, TeamKey};
use koers::store::{Answer, Db, Options, Sync};

use super::baseline::{
    bare_connection, bare_locked_sampler, bare_sampler, bare_spin_sampler, bare_thread_sampler,
    bare_two_pages_sampler, hop_sampler, pool_read_sampler, sync_name,
};
use super::load::handle_timed;
use super::{
    ANSWER_P99_TARGET_US, ANSWERS, RATIO_TARGET, Sampler, Stats, measure, print_header,
    print_row_us, us, verdict,
};

/// Teams walking through the first questions: each starts, picks focus 3, then answers the
/// seven free-text questions. Only the text answers are timed.
pub(crate) struct Conversations {
    engine: Arc<Engine>,
    db: Db,
    teams: usize,
    team: Option<TeamKey>,
    answered: usize,
    open_question: String,
}

impl Conversations {
    fn new(engine: Arc<Engine>, db: Db) -> Self {
        Conversations {
            engine,
            db,
            teams: 0,
            team: None,
            answered: 0,
            open_question: String::new(),
        }
    }

    fn send(&mut self, team: &TeamKey, body: Body) -> Result<(Duration, String)> {
        let (took, replies) = handle_timed(&self.engine, &self.db, team, body)?;
        ensure!(
            replies.iter().all(|r| !r.text.is_empty()),
            "team {}: an empty reply",
            team.id
        );
        let question = replies
            .last()
            .and_then(|r| match &r.about {
                Some(About::Question(key)) => Some(key.clone()),
                _ => None,
            })
            .with_context(|| {
                format!(
                    "team {}: the reply asks no question (after {:?}): {:?}",
                    team.id, self.open_question, replies
                )
            })?;
        ensure!(
            question != self.open_question,
            "team {}: the conversation did not move on from {question}: {replies:?}",
            team.id
        );
        self.open_question.clone_from(&question);
        Ok((took, question))
    }

    fn start_team(&mut self) -> Result<TeamKey> {
        self.teams += 1;
        let team = TeamKey {
            platform: "bench".into(),
            id: format!("t{}", self.teams),
            name: format!("Bench team {}", self.teams),
        };
        self.open_question.clear();
        let (_, q) = self.send(&team, Body::Start { lang: None })?;
        ensure!(
            q == "question.focus",
            "the first question is {q}, not question.focus"
        );
        let (_, q) = self.send(&team, Body::Text("3".into()))?;
        ensure!(q == "question.important", "after the focus choice came {q}");
        self.answered = 0;
        self.team = Some(team.clone());
        Ok(team)
    }

    /// Time one free-text answer (starting a new team first when needed, untimed).
    fn answer(&mut self) -> Result<Duration> {
        let team = match self.team.clone() {
            Some(team) if self.answered < ANSWERS.len() => team,
            _ => self.start_team()?,
        };
        let text = ANSWERS[self.answered].to_string();
        let (took, _) = self.send(&team, Body::Text(text))?;
        self.answered += 1;
        Ok(took)
    }
}

pub(crate) fn new_engine() -> Result<Arc<Engine>> {
    Ok(Arc::new(Engine::new(
        Box::new(SystemClock),
        Settings::default(),
    )?))
}

/// A team with one stored answer, for the store-only rows.
pub(crate) fn probe_team(db: &Db) -> Result<i64> {
    db.run(|s| {
        let now = jiff::Timestamp::now().to_string();
        let team = s.insert_team(
            "bench",
            "probe",
            "probe",
            koers::prompts::Lang::Nl,
            "Europe/Amsterdam",
            &now,
        )?;
        s.upsert_answer(team.id, 1, &probe_answer("question.important".into()))?;
        Ok(team.id)
    })
}

pub(crate) fn probe_answer(key: String) -> Answer {
    Answer {
        key,
        value: Some(ANSWERS[0].into()),
        skipped: false,
        computed: false,
        user: "bench".into(),
        user_id: Some("bench".into()),
        at: jiff::Timestamp::now().to_string(),
    }
}

/// Label of the store round-trip row, also quoted in the summary.
pub(crate) const NOOP_LABEL: &str = "split: db.run no-op (lock + empty tx)";

pub(crate) struct AnswerResult {
    sync: Sync,
    baseline: Stats,
    engine: Stats,
    /// `db.run(|_| Ok(()))`, when the split rows were measured.
    store_hop: Option<Stats>,
}

impl AnswerResult {
    fn ratio_p50(&self) -> f64 {
        us(self.engine.p50) / us(self.baseline.p50)
    }

    fn ratio_p99(&self) -> f64 {
        us(self.engine.p99) / us(self.baseline.p99)
    }

    fn verdicts(&self) -> (bool, bool, bool) {
        (
            self.ratio_p50() <= RATIO_TARGET,
            self.ratio_p99() <= RATIO_TARGET,
            us(self.engine.p99) <= ANSWER_P99_TARGET_US,
        )
    }

    pub(crate) fn summary(&self, label: &str) -> String {
        let (r50, r99, abs) = self.verdicts();
        let overall = if self.sync == Sync::Normal {
            verdict(r50 && r99 && abs)
        } else {
            "info"
        };
        let hop = self.store_hop.as_ref().map_or(String::new(), |h| {
            format!("; store round trip alone p50 {:.0} µs", us(h.p50))
        });
        format!(
            "[{overall}] answer ≤ {RATIO_TARGET}× bare tx, p99 ≤ {ANSWER_P99_TARGET_US} µs, {label}: \
             engine p50 {:.0} µs = {:.2}× ({}), p99 {:.0} µs = {:.2}× ({}), p99 {} the 1 ms \
             target{hop}",
            us(self.engine.p50),
            self.ratio_p50(),
            verdict(r50),
            us(self.engine.p99),
            self.ratio_p99(),
            verdict(r99),
            if abs { "meets" } else { "misses" },
        )
    }
}

pub(crate) fn answer_section(
    dir: &Path,
    sync: Sync,
    n: usize,
    split: bool,
) -> Result<AnswerResult> {
    let name = sync_name(sync);
    println!();
    println!("== 1. Answer latency, WAL + synchronous={name} ({n} samples per series)");
    let lower = name.to_lowercase();
    let mut bare = bare_connection(&dir.join(format!("bare-{lower}.sqlite")), sync)?;
    let options = Options {
        sync,
        ..Options::default()
    };
    let db = Db::open(&dir.join(format!("koers-{lower}.sqlite")), &options)?;
    let mut conversations = Conversations::new(new_engine()?, db.clone());
    let mut memory = Conversations::new(new_engine()?, Db::open_in_memory()?);

    let mut samplers: Vec<(&str, Sampler<'_>)> = vec![
        (
            "baseline: bare 1-row tx (BEGIN IMMEDIATE/INSERT/COMMIT)",
            bare_sampler(&mut bare),
        ),
        (
            "engine: Engine::handle, one free-text answer",
            Box::new(|| conversations.answer()),
        ),
    ];
    if split {
        let probe = probe_team(&db)?;
        let (db1, db2, db3) = (db.clone(), db.clone(), db.clone());
        let mut i = 0u64;
        samplers.push((
            "split: mpsc round trip, no SQLite (instant reply)",
            hop_sampler(),
        ));
        let helper = bare_connection(&dir.join(format!("bare-thread-{lower}.sqlite")), sync)?;
        samplers.push((
            "split: bare 1-row tx on a helper thread via mpsc (sleep)",
            bare_thread_sampler(helper),
        ));
        samplers.push((
            "alt (a): bare 1-row tx under a Mutex<Connection> (Db now)",
            bare_locked_sampler(bare_connection(
                &dir.join(format!("bare-locked-{lower}.sqlite")),
                sync,
            )?),
        ));
        samplers.push((
            "split: bare tx, 1 insert + 1 update in a 2nd table",
            bare_two_pages_sampler(bare_connection(
                &dir.join(format!("bare-two-{lower}.sqlite")),
                sync,
            )?)?,
        ));
        samplers.push((
            "alt (b): bare 1-row tx via mpsc + 300 µs spin (old Db)",
            bare_spin_sampler(bare_connection(
                &dir.join(format!("bare-spin-{lower}.sqlite")),
                sync,
            )?),
        ));
        samplers.push((
            "alt (c): 1 read on a 2nd read-only connection (pool)",
            pool_read_sampler(&dir.join(format!("koers-{lower}.sqlite")), probe)?,
        ));
        samplers.push((
            NOOP_LABEL,
            Box::new(move || {
                let start = Instant::now();
                db1.run(|_| Ok(()))?;
                Ok(start.elapsed())
            }),
        ));
        samplers.push((
            "split: db.run get_answer (1 read)",
            Box::new(move || {
                let start = Instant::now();
                let found = db2.run(move |s| s.get_answer(probe, 1, "question.important"))?;
                let took = start.elapsed();
                ensure!(found.is_some(), "the probe answer is missing");
                Ok(took)
            }),
        ));
        samplers.push((
            "split: db.run upsert_answer (1 new row)",
            Box::new(move || {
                i += 1;
                let answer = probe_answer(format!("bench.k{i}"));
                let start = Instant::now();
                db3.run(move |s| s.upsert_answer(probe, 1, &answer))?;
                Ok(start.elapsed())
            }),
        ));
        samplers.push((
            "split: engine on an in-memory db (no file I/O)",
            Box::new(|| memory.answer()),
        ));
    }
    let labels: Vec<&str> = samplers.iter().map(|(label, _)| *label).collect();
    let stats = measure(&mut samplers, n)?;
    drop(samplers);

    print_header("µs");
    for (label, s) in labels.iter().zip(&stats).take(2) {
        print_row_us(label, s);
    }
    let result = AnswerResult {
        sync,
        baseline: stats[0].clone(),
        engine: stats[1].clone(),
        store_hop: labels
            .iter()
            .position(|l| *l == NOOP_LABEL)
            .map(|i| stats[i].clone()),
    };
    let (r50, r99, abs) = result.verdicts();
    println!(
        "  ratio engine/baseline: p50 {:.2}× ({}), p99 {:.2}× ({}), target ≤ {RATIO_TARGET}×; \
         engine p99 {:.0} µs vs ≤ {ANSWER_P99_TARGET_US} µs ({})",
        result.ratio_p50(),
        verdict(r50),
        result.ratio_p99(),
        verdict(r99),
        us(result.engine.p99),
        verdict(abs)
    );
    if split {
        println!("  where the time goes (same db file as the engine row unless noted):");
        for (label, s) in labels.iter().zip(&stats).skip(2) {
            print_row_us(label, s);
        }
        println!(
            "  note: a thread hop is cheap while the caller is still spinning or both threads share \
             a CPU, and\n  costly when the reply must wake the caller on the other CPU; the split \
             rows shift with\n  where the scheduler puts each thread. Compare a run under \
             `taskset -c 0` (one CPU, no cross-CPU wake-ups)."
        );
    }
    println!(
        "  ({} teams answered on file, teams are `bench/t<i>`; correctness checked on every answer)",
        conversations.teams
    );
    Ok(result)
}
