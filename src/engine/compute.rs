//! What the engine works out along the way: the vraagstuk score, the experience level, each
//! data source's access / usability / hygiene (`source_summary.rs`), recording goals
//! (`smart.rs`), and the readiness overview.
//!
//! Each computation reads stored answers only and returns the value to store plus the text to
//! say, so the same code serves the conversation, `/status` and the export. Items are found by
//! role (`Role`) or as the siblings each computation declares (`Compute::siblings` in
//! `flow_needs.rs`), never by their id in flow.toml.

use anyhow::Result;

use super::Turn;
use super::flow::{Compute, OpKind, Pos, Role, Sibling};
use crate::scoring::level::{Level, experience_level, final_level};
use crate::scoring::statement::{StatementScore, score_statement};
use crate::scoring::yesno::YesNo;

/// A readiness condition that is not met.
pub(super) struct OpenItem {
    /// The condition's path (its key: conditions are not in groups).
    pub path: String,
    /// Its label.
    pub label: String,
    /// The answer given, as people read it.
    pub answer: String,
    /// Who takes it on, if someone was named.
    pub owner: Option<String>,
}

/// The state of the step-4 conditions.
pub(super) struct Readiness {
    /// Conditions answered with something other than "ja" (or skipped).
    pub open: Vec<OpenItem>,
    /// Conditions answered "ja".
    pub met: usize,
    /// All conditions.
    pub total: usize,
}

/// The text before " — " of an option label (the name without its examples).
pub(super) fn short(label: &str) -> &str {
    label.split(" — ").next().unwrap_or(label).trim()
}

impl<'e> Turn<'e, '_, '_> {
    /// The stored value of op `op` as seen from `pos` (shared group rounds filled in).
    pub(super) fn value_at(&mut self, op: usize, pos: &Pos) -> Result<Option<String>> {
        let Some(key) = self.flow().key_of_op_in_context(op, pos) else {
            return Ok(None);
        };
        Ok(self.get(&key)?.and_then(|a| a.value))
    }

    /// The stored value of the item with `role`, as seen from `pos`.
    pub(super) fn role_value(&mut self, role: Role, pos: &Pos) -> Result<Option<String>> {
        self.value_at(self.flow().by_role(role), pos)
    }

    /// The stored value of a sibling the computation at `pos` declared.
    pub(super) fn sibling_value(&mut self, sibling: Sibling, pos: &Pos) -> Result<Option<String>> {
        let op = self.flow().sibling(pos.op, sibling)?;
        self.value_at(op, pos)
    }

    /// The path of a sibling the computation at `pos` declared (the prefix of its texts).
    pub(super) fn sibling_path(&self, sibling: Sibling, pos: &Pos) -> Result<&'e str> {
        let flow = self.flow();
        Ok(&flow.op(flow.sibling(pos.op, sibling)?).path)
    }

    /// Work out `what` at `pos`: `(stored value, text to say)`, or `None` when the answers it
    /// needs were skipped.
    pub(super) fn compute(&mut self, what: Compute, pos: &Pos) -> Result<Option<(String, String)>> {
        match what {
            Compute::StatementScore => self.statement_score(pos),
            Compute::ExperienceLevel => self.level(pos),
            Compute::ExperienceLevelFinal => self.level_final(pos),
            Compute::SourceSummary => self.source_summary(pos),
            Compute::SmartCheck => self.smart_check(pos),
            Compute::RecordGoal => self.record_goal(pos),
            Compute::Readiness => self.readiness(pos).map(Some),
            Compute::CarriedOver => self.carried_over(pos),
            Compute::ReopenStatement => self.reopen_statement(pos),
            Compute::ExperimentPlan => self.experiment_plan(pos),
            Compute::RepeatCheck => self.repeat_check(pos),
            Compute::VraagstukOverlap => self.vraagstuk_overlap(pos),
            Compute::PlanOverview => self.plan_overview(pos).map(Some),
        }
    }

    /// The focus area chosen in step 1: its id and its short label.
    pub(super) fn focus_label(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let focus = &self.flow().op(self.flow().by_role(Role::Focus)).path;
        Ok(self.role_value(Role::Focus, pos)?.map(|id| {
            let label = short(self.t(&format!("{focus}.option.{id}"))).to_string();
            (id, label)
        }))
    }

    /// Score the statement; also used by `/status`.
    pub(super) fn score_of_statement(&mut self, pos: &Pos) -> Result<Option<StatementScore>> {
        let Some(text) = self.role_value(Role::Statement, pos)? else {
            return Ok(None);
        };
        let focus = self.role_value(Role::Focus, pos)?;
        Ok(Some(score_statement(&text, focus.as_deref())))
    }

    fn statement_score(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let Some(score) = self.score_of_statement(pos)? else {
            return Ok(None);
        };
        let path = self.flow().op(pos.op).path.clone();
        let focus = self.focus_label(pos)?.map(|(_, l)| l).unwrap_or_default();
        let mut lines = vec![self.f(
            &format!("{path}.text"),
            &[
                ("score", &score.score().to_string()),
                ("max", &StatementScore::MAX.to_string()),
            ],
        )];
        for (criterion, passed) in &score.results {
            let base = format!("{path}.criterion.{}", criterion.id());
            let mark = if *passed { "✓" } else { "✗" };
            let verdict = if *passed { "pass" } else { "fail" };
            lines.push(format!(
                "{mark} {}: {}",
                self.t(&format!("{base}.label")),
                self.f(&format!("{base}.{verdict}"), &[("focus", &focus)])
            ));
        }
        if score.score() <= 2 {
            lines.push(self.t(&format!("{path}.low")).to_string());
        }
        Ok(Some((score.score().to_string(), lines.join("\n"))))
    }

    fn level(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let questions = self.flow().all_by_role(Role::LevelQuestion);
        let mut answers = Vec::with_capacity(questions.len());
        for &q in questions {
            answers.push(self.value_at(q, pos)?.and_then(|v| YesNo::parse_stored(&v)));
        }
        let (yes, level) = experience_level(&answers);
        let path = self.flow().op(pos.op).path.clone();
        let name = self.t(&format!("{path}.name.{}", level.as_str()));
        let text = format!(
            "{}\n{}",
            self.f(
                &format!("{path}.text"),
                &[
                    ("yes", &yes.to_string()),
                    ("total", &questions.len().to_string()),
                    ("level", name),
                ],
            ),
            self.t(&format!("{path}.advice.{}", level.as_str()))
        );
        Ok(Some((level.as_str().to_string(), text)))
    }

    fn level_final(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let Some(level) = self
            .sibling_value(Sibling::Level, pos)?
            .and_then(|v| Level::parse_stored(&v))
        else {
            return Ok(None);
        };
        let embedded = self
            .sibling_value(Sibling::Embedded, pos)?
            .and_then(|v| YesNo::parse_stored(&v));
        let result = final_level(level, embedded);
        let path = self.flow().op(pos.op).path.clone();
        let text = match (level, result) {
            (_, Level::Uitvoerend) => self.t(&format!("{path}.uitvoerend")).to_string(),
            (Level::Lerend, _) if embedded.is_some() => {
                self.t(&format!("{path}.stays_lerend")).to_string()
            }
            _ => String::new(),
        };
        Ok(Some((result.as_str().to_string(), text)))
    }

    /// The readiness conditions of the step `pos` is in: the open ones (answered, or skipped,
    /// but not "ja"), how many are met, and how many there are. Conditions not reached yet are
    /// neither open nor met.
    pub(super) fn open_items(&mut self, pos: &Pos) -> Result<Readiness> {
        let flow = self.flow();
        let step = flow.op(pos.op).step;
        let conditions: Vec<usize> = (0..flow.ops.len())
            .filter(|i| flow.ops[*i].step == step)
            .filter(|i| matches!(flow.ops[*i].kind, OpKind::YesNo { ask_owner: true }))
            .collect();
        let mut readiness = Readiness {
            open: Vec::new(),
            met: 0,
            total: conditions.len(),
        };
        for &i in &conditions {
            let path = flow.ops[i].path.clone();
            let Some(answer) = self.get(&path)? else {
                continue;
            };
            if answer.value.as_deref() == Some("yes") {
                readiness.met += 1;
                continue;
            }
            let cpos = Pos {
                op: i,
                iters: vec![],
            };
            let shown = self.display_value(&cpos, &answer);
            let owner = self.value_of(&format!("{path}.owner"), &cpos)?;
            readiness.open.push(OpenItem {
                label: self.t(&format!("{path}.label")).to_string(),
                answer: shown,
                owner,
                path,
            });
        }
        Ok(readiness)
    }

    fn readiness(&mut self, pos: &Pos) -> Result<(String, String)> {
        let path = self.flow().op(pos.op).path.clone();
        let Readiness { open, met, total } = self.open_items(pos)?;
        let done = met.to_string();
        let mut lines = vec![self.f(
            &format!("{path}.text"),
            &[("done", &done), ("total", &total.to_string())],
        )];
        if open.is_empty() {
            lines.push(self.t(&format!("{path}.all_done")).to_string());
        } else {
            lines.push(self.t(&format!("{path}.open_header")).to_string());
            for OpenItem {
                label,
                answer,
                owner,
                ..
            } in &open
            {
                let owner = owner
                    .clone()
                    .unwrap_or_else(|| self.t(&format!("{path}.no_owner")).to_string());
                lines.push(self.f(
                    &format!("{path}.open_item"),
                    &[("label", label), ("answer", answer), ("owner", &owner)],
                ));
            }
        }
        if let Some(choice) = self.sibling_value(Sibling::Expertise, pos)? {
            let expertise = self.sibling_path(Sibling::Expertise, pos)?;
            let label = short(self.t(&format!("{expertise}.option.{choice}"))).to_string();
            lines.push(self.f(&format!("{path}.expertise"), &[("choice", &label)]));
        }
        Ok((format!("{done}/{total}"), lines.join("\n")))
    }
}
