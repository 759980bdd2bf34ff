//! A/B experiments in the conversation: the plan at set-up (the people each variant needs and
//! whether the team's list holds them), the experiment kept with its goal, interim counts
//! (counts and rates only, never a p-value), and the experiment's lines in `/status` and the
//! export. The evaluation at the deadline is `experiment_eval.rs`; numbers are written the
//! team's way by `experiment_text.rs`.

use anyhow::Result;

use super::Turn;
use super::experiment_text::{CountsProblem, count, counts_in, fixed, short};
use super::flow::{Pos, Sibling};
use crate::scoring::experiment::{
    Counts, ExperimentError, ListCheck, SampleSizePlan, Variant, sample_size,
};
use crate::states::GoalStatus;
use crate::store::{Experiment, ExperimentSetup, TrackedGoal};

impl Turn<'_, '_, '_> {
    /// The experiment the goal group at `pos` describes, or `None` when the team said it is
    /// no experiment. Read by the plan and by recording the goal (both declare the siblings).
    fn experiment_setup(&mut self, pos: &Pos) -> Result<Option<ExperimentSetup>> {
        if self.sibling_value(Sibling::Experiment, pos)?.as_deref() != Some("yes") {
            return Ok(None);
        }
        let number = |v: Option<String>| v.and_then(|v| v.parse::<f64>().ok());
        let expected_a = number(self.sibling_value(Sibling::RateA, pos)?);
        let expected_b = number(self.sibling_value(Sibling::RateB, pos)?);
        let list_size = number(self.sibling_value(Sibling::ListSize, pos)?)
            .filter(|n| *n >= 0.0)
            .map(|n| n as u64);
        let per_group = match (expected_a, expected_b) {
            (Some(a), Some(b)) => sample_size(a / 100.0, b / 100.0).ok().map(|p| p.per_group),
            _ => None,
        };
        Ok(Some(ExperimentSetup {
            variant_a: self
                .sibling_value(Sibling::VariantA, pos)?
                .unwrap_or_default(),
            variant_b: self
                .sibling_value(Sibling::VariantB, pos)?
                .unwrap_or_default(),
            expected_a,
            expected_b,
            list_size,
            per_group,
        }))
    }

    /// `experiment_plan`: the people each variant needs to show the expected difference
    /// (α 0.05, power 0.8), whether the list holds them and what to do when it does not; why
    /// koers shows only counts before the deadline; the guide's A/B example. Value: the people
    /// per variant, or why there is no plan.
    pub(super) fn experiment_plan(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let Some(setup) = self.experiment_setup(pos)? else {
            return Ok(None);
        };
        let path = self.flow().op(pos.op).path.clone();
        let (Some(rate_a), Some(rate_b)) = (setup.expected_a, setup.expected_b) else {
            let text = self.t(&format!("{path}.no_rates")).to_string();
            return Ok(Some(("no_rates".into(), text)));
        };
        let (a, b) = (
            self.variant(Variant::A, &setup.variant_a),
            self.variant(Variant::B, &setup.variant_b),
        );
        let rates = [
            ("a", a.as_str()),
            ("b", b.as_str()),
            ("rate_a", &short(self.lang, rate_a)),
            ("rate_b", &short(self.lang, rate_b)),
        ];
        let plan = match sample_size(rate_a / 100.0, rate_b / 100.0) {
            Ok(plan) => plan,
            Err(e) => {
                let text = self.f(&format!("{path}.error.{}", e.as_str()), &rates);
                return Ok(Some((e.as_str().to_string(), text)));
            }
        };
        let mut lines = vec![self.f(
            &format!("{path}.text"),
            &[
                rates[0],
                rates[1],
                rates[2],
                rates[3],
                ("n", &count(self.lang, plan.per_group)),
                ("total", &count(self.lang, plan.total())),
            ],
        )];
        if let Some(list) = setup.list_size {
            lines.push(self.list_check_text(&path, plan, list));
        }
        lines.push(self.t(&format!("{path}.peeking")).to_string());
        lines.push(self.t(&format!("{path}.example")).to_string());
        Ok(Some((plan.per_group.to_string(), lines.join("\n"))))
    }

    /// Whether the list holds both groups: the people to spare, or the shortfall and what to do.
    fn list_check_text(&self, path: &str, plan: SampleSizePlan, list: u64) -> String {
        let list_text = count(self.lang, list);
        match plan.check_list(list) {
            Ok(ListCheck::Enough { spare }) => self.f(
                &format!("{path}.enough"),
                &[("list", &list_text), ("spare", &count(self.lang, spare))],
            ),
            Ok(ListCheck::TooSmall { shortfall }) => self.f(
                &format!("{path}.too_small"),
                &[
                    ("list", &list_text),
                    ("shortfall", &count(self.lang, shortfall)),
                    ("total", &count(self.lang, plan.total())),
                ],
            ),
            Err(e) => self.t(&format!("{path}.error.{}", e.as_str())).to_string(),
        }
    }

    /// Keep the goal's experiment as the group at `pos` describes it, or forget it when the
    /// team said (after all) that the goal is no experiment.
    pub(super) fn record_experiment(&mut self, goal_id: i64, pos: &Pos) -> Result<()> {
        match self.experiment_setup(pos)? {
            Some(setup) => self.store.upsert_experiment(goal_id, &setup),
            None => self.store.delete_experiment(goal_id),
        }
    }

    /// A variant as the team reads it: `A ('oude nieuwsbrief')`, or just `A` without a name.
    pub(super) fn variant(&self, variant: Variant, name: &str) -> String {
        let letter = match variant {
            Variant::A => "A",
            Variant::B => "B",
        };
        if name.trim().is_empty() {
            letter.to_string()
        } else {
            self.f(
                "msg.experiment.variant",
                &[("letter", letter), ("name", name)],
            )
        }
    }

    /// One variant's counts and rate: `A ('oude nieuwsbrief'): 120 van 2.400 (5,00 %)`.
    pub(super) fn counts_line(&self, variant: Variant, name: &str, c: Counts) -> String {
        let rate = if c.sent == 0 {
            "–".to_string()
        } else {
            fixed(self.lang, c.rate() * 100.0, 2)
        };
        self.f(
            "msg.experiment.counts",
            &[
                ("variant", &self.variant(variant, name)),
                ("converted", &count(self.lang, c.converted)),
                ("sent", &count(self.lang, c.sent)),
                ("rate", &rate),
            ],
        )
    }

    /// `/doel voortgang n …` for an experiment: sent and converted of A, then of B. Shows the
    /// counts and rates, and says why there is no p-value or verdict before the deadline.
    pub(super) fn experiment_progress(
        &mut self,
        goal: &TrackedGoal,
        exp: &Experiment,
        value: &str,
    ) -> Result<()> {
        let n = goal.number.to_string();
        let pair = match counts_in(value, 2) {
            Ok(pair) => pair,
            Err(problem) => {
                let usage = self.f("msg.experiment.progress_usage", &[("n", &n)]);
                let text = match problem {
                    CountsProblem::Negative(numbers) => {
                        let why =
                            self.f("msg.experiment.counts_negative", &[("numbers", &numbers)]);
                        format!("{why}\n{usage}")
                    }
                    CountsProblem::Unreadable => usage,
                };
                self.say(text);
                return Ok(());
            }
        };
        let (a, b) = (pair[0], pair[1]);
        if let Err(e) = a.validate(Variant::A).and(b.validate(Variant::B)) {
            let text = self.experiment_error(e, exp);
            self.say(text);
            return Ok(());
        }
        self.store
            .update_experiment_counts(goal.id, a, b, &self.now)?;
        let recorded = format!("A {}/{} B {}/{}", a.converted, a.sent, b.converted, b.sent);
        self.store.insert_goal_change(
            goal.id,
            "experiment_counts",
            &recorded,
            &self.user,
            &self.now,
        )?;
        let lines = [
            self.f("msg.experiment.progress", &[("n", &n)]),
            format!("• {}", self.counts_line(Variant::A, &exp.variant_a, a)),
            format!("• {}", self.counts_line(Variant::B, &exp.variant_b, b)),
            self.progress_note(goal),
        ];
        self.say(lines.join("\n"));
        Ok(())
    }

    /// What an interim count means now: before the deadline, count on (no p-value yet); at
    /// or after it, the evaluation gives the result; once the goal is done with, the count
    /// changes no result.
    fn progress_note(&self, goal: &TrackedGoal) -> String {
        let deadline = self.show_date(goal.deadline);
        let n = goal.number.to_string();
        if goal.status.is_finished() {
            let status = self.t(&format!("msg.goal.status.{}", goal.status));
            return self.f(
                "msg.experiment.progress_finished",
                &[("n", &n), ("status", status)],
            );
        }
        let due = goal.status == GoalStatus::Evaluating
            || goal.deadline.is_some_and(|d| d < self.today());
        if due {
            return self.f(
                "msg.experiment.progress_due",
                &[("n", &n), ("deadline", &deadline)],
            );
        }
        self.f("msg.experiment.no_peeking", &[("deadline", &deadline)])
    }

    /// Why counts cannot be used, naming the variant.
    pub(super) fn experiment_error(&self, e: ExperimentError, exp: &Experiment) -> String {
        let variant = match e {
            ExperimentError::NothingSent { variant }
            | ExperimentError::MoreConvertedThanSent { variant }
            | ExperimentError::RateOutOfRange { variant } => variant,
            _ => Variant::A,
        };
        let name = match variant {
            Variant::A => &exp.variant_a,
            Variant::B => &exp.variant_b,
        };
        self.f(
            &format!("msg.experiment.error.{}", e.as_str()),
            &[("variant", &self.variant(variant, name))],
        )
    }

    /// The lines `/status` and the export show under an experiment's goal: its set-up and plan,
    /// the latest interim counts, and the result once it was evaluated.
    pub(super) fn experiment_lines(&mut self, goal: &TrackedGoal) -> Result<Vec<String>> {
        let Some(exp) = self.store.find_experiment(goal.id)? else {
            return Ok(Vec::new());
        };
        let mut lines = vec![self.setup_line(&exp)];
        if let Some((a, b, at)) = &exp.interim {
            lines.push(self.f(
                "msg.experiment.status_interim",
                &[
                    ("date", &self.local_date(at)),
                    ("a", &self.counts_line(Variant::A, &exp.variant_a, *a)),
                    ("b", &self.counts_line(Variant::B, &exp.variant_b, *b)),
                ],
            ));
        }
        if let Some(result) = self.result_line(&exp) {
            lines.push(result);
        }
        Ok(lines)
    }

    /// The set-up in one line: the variants, what is expected of them and the plan.
    fn setup_line(&self, exp: &Experiment) -> String {
        let rate = |r: Option<f64>| r.map_or_else(|| "?".to_string(), |r| short(self.lang, r));
        let plan = match (exp.per_group, exp.list_size) {
            (Some(n), Some(list)) if list < 2 * n => self.f(
                "msg.experiment.status_plan_short",
                &[
                    ("n", &count(self.lang, n)),
                    ("list", &count(self.lang, list)),
                    ("shortfall", &count(self.lang, 2 * n - list)),
                ],
            ),
            (Some(n), _) => self.f("msg.experiment.status_plan", &[("n", &count(self.lang, n))]),
            (None, _) => String::new(),
        };
        self.f(
            "msg.experiment.status_setup",
            &[
                ("a", &self.variant(Variant::A, &exp.variant_a)),
                ("b", &self.variant(Variant::B, &exp.variant_b)),
                ("rate_a", &rate(exp.expected_a)),
                ("rate_b", &rate(exp.expected_b)),
                ("plan", &plan),
            ],
        )
    }

    /// An RFC 3339 instant as a date in the team's zone (`25-11-2026`).
    fn local_date(&self, at: &str) -> String {
        at.parse::<jiff::Timestamp>()
            .ok()
            .and_then(|ts| ts.in_tz(&self.team.timezone).ok())
            .map_or_else(|| at.to_string(), |z| z.strftime("%d-%m-%Y").to_string())
    }
}
