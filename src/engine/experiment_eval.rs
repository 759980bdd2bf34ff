//! An experiment's evaluation at its deadline: koers asks sent and converted of variant A, then
//! of B (counts it cannot use are explained and asked again), and reports the difference in
//! percentage points with its 95% interval, the relative lift, the test used with its p-value
//! and a verdict in plain words. The rest of the evaluation (was the goal reached, effects,
//! what must change) follows as for every goal (`evaluation.rs`).

use anyhow::Result;

use super::Turn;
use super::experiment_text::{CountsProblem, count, counts_in, fixed, p_value, signed};
use crate::scoring::experiment::{Evaluation, Lift, Test, Variant, evaluate};
use crate::store::{Experiment, TrackedGoal};

/// What an answer to an experiment's counts question did.
pub(super) enum CountsAnswer {
    /// The answer was not the goal's last counts: koers said why or asked for B's counts.
    Asked,
    /// Both variants are counted and the result was reported; the text is what the evaluation
    /// keeps as its result.
    Reported(String),
}

impl Turn<'_, '_, '_> {
    /// The variant whose counts the evaluation asks next: A until it has them, then B.
    fn next_variant(exp: &Experiment) -> (Variant, &str) {
        if exp.final_a.is_none() {
            (Variant::A, exp.variant_a.as_str())
        } else {
            (Variant::B, exp.variant_b.as_str())
        }
    }

    fn counts_question(&self, goal: &TrackedGoal, variant: Variant, name: &str) -> String {
        self.f(
            "msg.experiment.ask_counts",
            &[
                ("n", &goal.number.to_string()),
                ("variant", &self.variant(variant, name)),
            ],
        )
    }

    /// The evaluation's first question for a goal that is an experiment: the counts of the
    /// variant it needs next. `None` for any other goal.
    pub(super) fn experiment_question(&mut self, goal: &TrackedGoal) -> Result<Option<String>> {
        let Some(exp) = self.store.find_experiment(goal.id)? else {
            return Ok(None);
        };
        let (variant, name) = Self::next_variant(&exp);
        Ok(Some(self.counts_question(goal, variant, name)))
    }

    /// Forget the counts of an earlier evaluation when the goal is evaluated again.
    pub(super) fn restart_experiment(&mut self, goal: &TrackedGoal) -> Result<()> {
        self.store
            .update_experiment_final(goal.id, Variant::A, None)?;
        self.store
            .update_experiment_final(goal.id, Variant::B, None)
    }

    /// An answer to the evaluation's first question: for an experiment, one variant's counts.
    /// `None` when the goal is no experiment.
    pub(super) fn experiment_counts_answer(
        &mut self,
        goal: &TrackedGoal,
        text: &str,
    ) -> Result<Option<CountsAnswer>> {
        let Some(exp) = self.store.find_experiment(goal.id)? else {
            return Ok(None);
        };
        let (variant, name) = Self::next_variant(&exp);
        let question = self.counts_question(goal, variant, name);
        let parsed = counts_in(text, 1);
        let Ok(&[counts]) = parsed.as_deref() else {
            let why = match parsed {
                Err(CountsProblem::Negative(numbers)) => {
                    self.f("msg.experiment.counts_negative", &[("numbers", &numbers)])
                }
                _ => self.f(
                    "msg.experiment.counts_unreadable",
                    &[("variant", &self.variant(variant, name))],
                ),
            };
            self.say(format!("{why}\n\n{question}"));
            return Ok(Some(CountsAnswer::Asked));
        };
        if let Err(e) = counts.validate(variant) {
            let why = self.experiment_error(e, &exp);
            self.say(format!("{why}\n\n{question}"));
            return Ok(Some(CountsAnswer::Asked));
        }
        self.store
            .update_experiment_final(goal.id, variant, Some(counts))?;
        let Some(a) = exp.final_a else {
            let next = self.counts_question(goal, Variant::B, &exp.variant_b);
            self.say(next);
            return Ok(Some(CountsAnswer::Asked));
        };
        let result = evaluate(a, counts, exp.per_group)?;
        let report = self.experiment_report(goal.number, &exp, &result);
        self.say(report);
        let kept = format!(
            "A {}/{} · B {}/{}",
            a.converted, a.sent, counts.converted, counts.sent
        );
        Ok(Some(CountsAnswer::Reported(kept)))
    }

    /// The full report of an experiment at its deadline.
    fn experiment_report(&self, number: i64, exp: &Experiment, e: &Evaluation) -> String {
        let lang = self.lang;
        let mut lines = vec![
            self.f(
                "msg.experiment.report.header",
                &[("n", &number.to_string())],
            ),
            format!("• {}", self.counts_line(Variant::A, &exp.variant_a, e.a)),
            format!("• {}", self.counts_line(Variant::B, &exp.variant_b, e.b)),
            self.f(
                "msg.experiment.report.difference",
                &[
                    ("diff", &signed(lang, e.difference_pp, 2)),
                    ("low", &fixed(lang, e.interval_pp.low, 2)),
                    ("high", &fixed(lang, e.interval_pp.high, 2)),
                ],
            ),
        ];
        lines.push(match e.lift {
            Lift::Relative { percent } => self.f(
                "msg.experiment.report.lift",
                &[("lift", &signed(lang, percent, 1))],
            ),
            Lift::FromZero => self.t("msg.experiment.report.lift_from_zero").to_string(),
            Lift::BothZero => self.t("msg.experiment.report.lift_both_zero").to_string(),
        });
        let p = p_value(lang, e.significance.p_value);
        lines.push(match e.significance.test {
            Test::ZTest { z } => self.f(
                "msg.experiment.report.z_test",
                &[("z", &fixed(lang, z, 2)), ("p", &p)],
            ),
            Test::FisherExact { .. } => self.f("msg.experiment.report.fisher", &[("p", &p)]),
        });
        let (a, b) = (
            self.variant(Variant::A, &exp.variant_a),
            self.variant(Variant::B, &exp.variant_b),
        );
        let planned = exp.per_group.map_or_else(|| "?".into(), |n| count(lang, n));
        lines.push(self.f(
            &format!("msg.experiment.verdict.{}", e.verdict.as_str()),
            &[("a", &a), ("b", &b), ("planned", &planned)],
        ));
        lines.join("\n")
    }

    /// The result in one line for `/status` and the export, once both variants are counted.
    pub(super) fn result_line(&self, exp: &Experiment) -> Option<String> {
        let e = evaluate(exp.final_a?, exp.final_b?, exp.per_group).ok()?;
        let lang = self.lang;
        let test = match e.significance.test {
            Test::ZTest { .. } => "z_test",
            Test::FisherExact { .. } => "fisher",
        };
        Some(self.f(
            "msg.experiment.status_result",
            &[
                ("diff", &signed(lang, e.difference_pp, 2)),
                ("low", &fixed(lang, e.interval_pp.low, 2)),
                ("high", &fixed(lang, e.interval_pp.high, 2)),
                ("test", self.t(&format!("msg.experiment.test.{test}"))),
                ("p", &p_value(lang, e.significance.p_value)),
                (
                    "verdict",
                    self.t(&format!(
                        "msg.experiment.verdict_short.{}",
                        e.verdict.as_str()
                    )),
                ),
            ],
        ))
    }
}
