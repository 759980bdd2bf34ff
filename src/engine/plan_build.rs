//! Building the [`Plan`] from the store: the same readers `/status` and the Markdown export use
//! (`status.rs`, `coach.rs`, `policy.rs`, `compute.rs`, `experiment*.rs`), their results kept
//! as data instead of sentences.

use anyhow::Result;

use super::Turn;
use super::flow::{OpKind, Pos, Role};
use super::plan::{
    Plan, PlanAnswer, PlanCounts, PlanExperiment, PlanGoal, PlanInterim, PlanIssue, PlanLevel,
    PlanOpenItem, PlanPolicy, PlanReadiness, PlanResult, PlanRound, PlanSource, PlanStatement,
    PlanTeam, SCHEMA_VERSION, StepProgress,
};
use crate::scoring::experiment::{Counts, Lift, Test, evaluate};
use crate::scoring::statement::StatementScore;
use crate::store::{Answer, TrackedGoal};

impl Turn<'_, '_, '_> {
    /// The whole plan of the team, every round and every goal.
    pub(super) fn plan(&mut self) -> Result<Plan> {
        let current_round = self.team.round;
        let mut rounds = Vec::new();
        for round in self.all_rounds()? {
            // The readers look at `self.team.round`: point it at the round read.
            self.team.round = round;
            let read = self.plan_round(round);
            self.team.round = current_round;
            rounds.push(read?);
        }
        let mut goals = Vec::new();
        for g in self.team_goals()? {
            goals.push(self.plan_goal(&g)?);
        }
        Ok(Plan {
            schema_version: SCHEMA_VERSION,
            team: PlanTeam {
                name: self.team.name.clone(),
                platform: self.platform.clone(),
                language: self.lang.code().to_string(),
                timezone: self.team.timezone.clone(),
            },
            generated_at: self.now.clone(),
            current_round,
            rounds,
            goals,
        })
    }

    /// One round (the one `self.team.round` points at).
    fn plan_round(&mut self, round: u32) -> Result<PlanRound> {
        let flow = self.flow();
        let mut answers: Vec<(Pos, Answer)> = self
            .store
            .list_answers(self.team.id, round)?
            .into_iter()
            .filter_map(|a| flow.parse_key(&a.key).map(|p| (p, a)))
            .collect();
        answers.sort_by_cached_key(|(p, _)| flow.order(p));
        let stored: Vec<Answer> = answers.iter().map(|(_, a)| a.clone()).collect();
        Ok(PlanRound {
            number: round,
            steps: self.plan_steps(&answers)?,
            answers: self.plan_answers(&answers),
            statement: self.plan_statement(round)?,
            level: self.plan_level()?,
            sources: self.plan_sources(&stored),
            readiness: self.plan_readiness()?,
            policy: self
                .policy_answers(round)?
                .into_iter()
                .map(|(key, label, text)| PlanPolicy { key, label, text })
                .collect(),
            changed: self.round_value(round, Role::RoundChange)?,
        })
    }

    /// Each step's questions answered, of those it asks this team: every question once
    /// (a repeating group's questions count once), a question with a condition (or in a group
    /// with one) only when the condition holds, and a question asked only when an answer calls
    /// for it (an owner or a date, a group's "another one?", the fourth-action check) only
    /// when it was asked.
    fn plan_steps(&mut self, answers: &[(Pos, Answer)]) -> Result<Vec<StepProgress>> {
        let flow = self.flow();
        let mut steps: Vec<StepProgress> = flow
            .steps
            .iter()
            .map(|id| StepProgress {
                id: id.clone(),
                title: self.t(&format!("{id}.title")).to_string(),
                answered: 0,
                total: 0,
            })
            .collect();
        for (i, op) in flow.ops.iter().enumerate() {
            if !op.is_question() {
                continue;
            }
            let mine = || answers.iter().filter(move |(p, _)| p.op == i);
            // Owner and date questions, a group's "another one?" and the check before a
            // starting team's fourth action are asked only when an answer calls for them.
            let asked_only_when_needed = matches!(
                op.kind,
                OpKind::Owner | OpKind::OwnerDate | OpKind::GroupEnd { .. }
            ) || op.role == Some(Role::ActionLimit);
            let counts = if asked_only_when_needed {
                mine().any(|(_, a)| !a.computed)
            } else {
                mine().next().is_some() || self.conditions_hold(i)?
            };
            if counts {
                steps[op.step].total += 1;
                // A value koers filled in from an earlier answer (the deadline in a goal's
                // text) is an answer too.
                if mine().any(|(_, a)| a.value.is_some()) {
                    steps[op.step].answered += 1;
                }
            }
        }
        Ok(steps)
    }

    /// Whether the conditions of the op at `op` and of the groups around it hold (in each
    /// group's first round).
    fn conditions_hold(&mut self, op: usize) -> Result<bool> {
        let flow = self.flow();
        let item = flow.op(op);
        let conditions = item
            .groups
            .iter()
            .map(|g| (*g, flow.op(*g).when.as_ref()))
            .chain([(op, item.when.as_ref())]);
        for (at, cond) in conditions {
            let Some(cond) = cond else { continue };
            let first = Pos {
                op: at,
                iters: vec![1; flow.op(at).groups.len()],
            };
            if !self.cond_holds(cond, &first)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The answers people gave (worked-out results are the round's other fields).
    fn plan_answers(&self, answers: &[(Pos, Answer)]) -> Vec<PlanAnswer> {
        let flow = self.flow();
        answers
            .iter()
            .filter(|(p, a)| {
                let op = flow.op(p.op);
                op.is_question() && !a.computed
            })
            .map(|(pos, a)| PlanAnswer {
                key: a.key.clone(),
                step: flow.steps[flow.op(pos.op).step].clone(),
                label: self.label(pos),
                value: a.value.clone(),
                shown: self.display_value(pos, a),
                skipped: a.skipped || a.value.is_none(),
                by: a.user.clone(),
                at: a.at.clone(),
            })
            .collect()
    }

    /// The vraagstuk and the score stored for it.
    fn plan_statement(&mut self, round: u32) -> Result<Option<PlanStatement>> {
        let text = self.round_value(round, Role::Statement)?;
        let score = self
            .round_value(round, Role::StatementScore)?
            .and_then(|s| s.parse().ok());
        Ok(
            (text.is_some() || score.is_some()).then_some(PlanStatement {
                text,
                score,
                max: StatementScore::MAX,
            }),
        )
    }

    /// The level with its consequences (`coach.rs`).
    fn plan_level(&mut self) -> Result<Option<PlanLevel>> {
        let Some(level) = self.team_level()? else {
            return Ok(None);
        };
        let flow = self.flow();
        let path = &flow.op(flow.by_role(Role::Level)).path;
        Ok(Some(PlanLevel {
            id: level.as_str().to_string(),
            name: self
                .t(&format!("{path}.name.{}", level.as_str()))
                .to_string(),
            consequences: self.coach_lines()?,
        }))
    }

    /// The sources with their hygiene (`status.rs`).
    fn plan_sources(&self, answers: &[Answer]) -> Vec<PlanSource> {
        let flow = self.flow();
        let group = &flow.op(flow.by_role(Role::SourceGroup)).path;
        self.source_verdicts(answers)
            .into_iter()
            .map(|(name, verdict)| PlanSource {
                name,
                hygiene_ok: (!verdict.is_empty()).then_some(verdict == "ok"),
                hygiene_issues: verdict
                    .split(',')
                    .filter(|h| !h.is_empty() && *h != "ok")
                    .map(|h| PlanIssue {
                        id: h.to_string(),
                        label: self.t(&format!("{group}.{h}.label")).to_string(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// The readiness conditions (`compute.rs`), once step 4 has begun.
    fn plan_readiness(&mut self) -> Result<Option<PlanReadiness>> {
        let state = self.open_items(&self.flow().role_pos(Role::Readiness))?;
        if state.open.is_empty() && state.met == 0 {
            return Ok(None);
        }
        let mut open = Vec::new();
        for item in state.open {
            // "none" is stored when the team said there is no date.
            let date = self
                .get(&format!("{}.date", item.path))?
                .and_then(|a| a.value)
                .filter(|d| d.parse::<jiff::civil::Date>().is_ok());
            open.push(PlanOpenItem {
                key: item.path,
                label: item.label,
                answer: item.answer,
                owner: item.owner,
                date,
            });
        }
        Ok(Some(PlanReadiness {
            met: state.met,
            total: state.total,
            open,
        }))
    }

    /// A tracked goal or action with its experiment.
    fn plan_goal(&mut self, g: &TrackedGoal) -> Result<PlanGoal> {
        Ok(PlanGoal {
            number: g.number,
            round: g.round,
            kind: g.kind.as_str().to_string(),
            text: g.text.clone(),
            owner: g.owner.clone(),
            deadline: g.deadline.map(|d| d.to_string()),
            baseline: g.baseline,
            target: g.target,
            current: g.current,
            unit: g.unit.map(|u| u.as_str().to_string()),
            status: g.status.as_str().to_string(),
            smart_score: g.smart_score,
            experiment: self.plan_experiment(g)?,
        })
    }

    /// A goal's experiment, and its result once both variants were counted.
    fn plan_experiment(&mut self, g: &TrackedGoal) -> Result<Option<PlanExperiment>> {
        let Some(exp) = self.store.find_experiment(g.id)? else {
            return Ok(None);
        };
        let result = match (exp.final_a, exp.final_b) {
            (Some(a), Some(b)) => evaluate(a, b, exp.per_group).ok().map(|e| PlanResult {
                rate_a_percent: e.rate_a_percent,
                rate_b_percent: e.rate_b_percent,
                difference_pp: e.difference_pp,
                interval_low_pp: e.interval_pp.low,
                interval_high_pp: e.interval_pp.high,
                lift_percent: match e.lift {
                    Lift::Relative { percent } => Some(percent),
                    Lift::FromZero | Lift::BothZero => None,
                },
                test: match e.significance.test {
                    Test::ZTest { .. } => "z_test",
                    Test::FisherExact { .. } => "fisher",
                }
                .to_string(),
                p_value: e.significance.p_value,
                verdict: e.verdict.as_str().to_string(),
                summary: self.result_line(&exp).unwrap_or_default(),
            }),
            _ => None,
        };
        Ok(Some(PlanExperiment {
            interim: exp.interim.as_ref().map(|(a, b, at)| PlanInterim {
                a: counts(*a),
                b: counts(*b),
                at: at.clone(),
            }),
            final_a: exp.final_a.map(counts),
            final_b: exp.final_b.map(counts),
            result,
            variant_a: exp.variant_a,
            variant_b: exp.variant_b,
            expected_a_percent: exp.expected_a,
            expected_b_percent: exp.expected_b,
            list_size: exp.list_size,
            per_group: exp.per_group,
        }))
    }
}

fn counts(c: Counts) -> PlanCounts {
    PlanCounts {
        sent: c.sent,
        converted: c.converted,
    }
}
