//! `/status`: where the team stands, in named parts — position, failed reminders, scores,
//! sources, goals and open items — each shown only when the flow marks it `status = true`.

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role};
use super::open::Open;
use crate::store::Answer;

impl Turn<'_, '_, '_> {
    /// The `/status` overview.
    pub(super) fn status(&mut self) -> Result<String> {
        let mut lines = self.status_position()?;
        lines.extend(self.failed_reminder_lines()?);
        let answers = self.store.list_answers(self.team.id, self.team.round)?;
        if answers.is_empty() {
            lines.push(self.t("msg.status.nothing_yet").to_string());
            return Ok(lines.join("\n"));
        }
        // The heading only over scores there are: early in step 1 nothing is scored yet.
        let scores = self.status_scores(&answers);
        if !scores.is_empty() {
            lines.push(String::new());
            lines.push(self.t("msg.status.scores").to_string());
            lines.extend(scores);
        }
        lines.extend(self.coach_lines()?);
        lines.extend(self.status_sources(&answers));
        lines.extend(self.status_goals()?);
        lines.extend(self.status_open_items()?);
        lines.extend(self.status_policy()?);
        Ok(lines.join("\n"))
    }

    /// The header, the step the team is at (or that the round is done) and the question the
    /// next answer goes to; when that is an evaluation, the plan's question comes after it.
    fn status_position(&mut self) -> Result<Vec<String>> {
        let flow = self.flow();
        let mut lines = vec![self.f(
            "msg.status.header",
            &[
                ("team", &self.team.name),
                ("round", &self.team.round.to_string()),
            ],
        )];
        match self.current_pos() {
            Some(pos) => {
                let step = self.t(&format!("{}.title", flow.steps[flow.op(pos.op).step]));
                lines.push(self.f("msg.status.step", &[("step", step)]));
            }
            None => lines.push(self.t("msg.status.finished").to_string()),
        }
        let open = self.open()?;
        lines.extend(self.status_current(&open)?);
        if let Open::Evaluation(..) = open
            && let Some(pos) = self.current_pos()
        {
            let label = self.label(&pos);
            lines.push(self.f("msg.status.then", &[("question", &label)]));
        }
        Ok(lines)
    }

    /// The vraagstuk's score and the experience level.
    fn status_scores(&self, answers: &[Answer]) -> Vec<String> {
        let flow = self.flow();
        let role_value = |role| value_of(answers, &flow.key(&flow.role_pos(role)));
        let mut lines = Vec::new();
        if flow.in_status(Role::StatementScore)
            && let Some(score) = role_value(Role::StatementScore)
        {
            lines.push(self.f(
                "msg.status.statement_score",
                &[
                    ("score", &score),
                    (
                        "max",
                        &crate::scoring::statement::StatementScore::MAX.to_string(),
                    ),
                ],
            ));
        }
        if flow.in_status(Role::LevelResult)
            && let Some(level) = role_value(Role::LevelResult).or_else(|| role_value(Role::Level))
        {
            let level_path = &flow.op(flow.by_role(Role::Level)).path;
            let name = self.t(&format!("{level_path}.name.{level}"));
            lines.push(self.f("msg.status.level", &[("level", name)]));
        }
        lines
    }

    /// Each data source's name with its stored hygiene verdict (`ok`, or the failing ids
    /// separated by commas; empty before it was worked out), in the order given.
    pub(super) fn source_verdicts(&self, answers: &[Answer]) -> Vec<(String, String)> {
        let flow = self.flow();
        let (source_name, summary) = (
            flow.by_role(Role::SourceName),
            flow.by_role(Role::SourceSummary),
        );
        answers
            .iter()
            .filter_map(|a| {
                let round = flow.parse_key(&a.key).filter(|p| p.op == source_name)?;
                let summary = flow.key(&Pos {
                    op: summary,
                    iters: round.iters,
                });
                let verdict = value_of(answers, &summary).unwrap_or_default();
                a.value.clone().map(|n| (n, verdict))
            })
            .collect()
    }

    /// Each data source with its hygiene verdict.
    fn status_sources(&self, answers: &[Answer]) -> Vec<String> {
        let flow = self.flow();
        if !flow.in_status(Role::SourceSummary) {
            return Vec::new();
        }
        let sources = self.source_verdicts(answers);
        if sources.is_empty() {
            return Vec::new();
        }
        let source_group = &flow.op(flow.by_role(Role::SourceGroup)).path;
        let mut lines = vec![self.f(
            "msg.status.sources",
            &[("count", &sources.len().to_string())],
        )];
        for (name, verdict) in sources {
            let hygiene = if verdict == "ok" {
                self.t("msg.status.hygiene_ok").to_string()
            } else {
                let names: Vec<&str> = verdict
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(|h| self.t(&format!("{source_group}.{h}.label")))
                    .collect();
                self.f("msg.status.hygiene_issues", &[("list", &names.join(", "))])
            };
            lines.push(self.f(
                "msg.status.source_item",
                &[("name", &name), ("hygiene", &hygiene)],
            ));
        }
        lines
    }

    /// The team's goals, one line each.
    fn status_goals(&mut self) -> Result<Vec<String>> {
        let mut goals = self.store.list_team_goals(self.team.id)?;
        // Step-4 actions are listed with the policy (`policy.rs`).
        goals.retain(|g| g.kind == crate::states::GoalKind::Goal);
        if goals.is_empty() {
            return Ok(Vec::new());
        }
        let mut lines = vec![self.f("msg.status.goals", &[("count", &goals.len().to_string())])];
        for g in &goals {
            lines.push(format!("• {}", self.goal_line_noted(g)?));
            lines.extend(self.experiment_lines(g)?.iter().map(|l| format!("  {l}")));
        }
        Ok(lines)
    }

    /// The readiness items still open in step 4, with their owners.
    fn status_open_items(&mut self) -> Result<Vec<String>> {
        let flow = self.flow();
        if !flow.in_status(Role::Readiness) {
            return Ok(Vec::new());
        }
        let readiness = flow.role_pos(Role::Readiness);
        let state = self.open_items(&readiness)?;
        let readiness = &flow.op(readiness.op).path;
        // Before step 4 nothing is open yet; say nothing rather than "0 open".
        if state.open.is_empty() && state.met == 0 {
            return Ok(Vec::new());
        }
        let mut lines = vec![self.f(
            "msg.status.open_items",
            &[("count", &state.open.len().to_string())],
        )];
        for super::compute::OpenItem {
            label,
            answer,
            owner,
            ..
        } in state.open
        {
            let owner =
                owner.unwrap_or_else(|| self.t(&format!("{readiness}.no_owner")).to_string());
            lines.push(self.f(
                &format!("{readiness}.open_item"),
                &[("label", &label), ("answer", &answer), ("owner", &owner)],
            ));
        }
        Ok(lines)
    }
}

/// The stored value of the answer with `key`, if given.
fn value_of(answers: &[Answer], key: &str) -> Option<String> {
    answers
        .iter()
        .find(|a| a.key == key)
        .and_then(|a| a.value.clone())
}
