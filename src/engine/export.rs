//! The team's whole plan as Markdown: the rounds side by side (when there are several), then
//! every round, every answer with who gave it and when, every score and overview, and the goals.

use anyhow::Result;

use super::Turn;
use super::flow::{Compute, OpKind, Pos};
use crate::store::Answer;

impl Turn<'_, '_, '_> {
    /// Render all rounds of the team's plan.
    pub(super) fn export_markdown(&mut self) -> Result<String> {
        let current_round = self.team.round;
        let rounds = self.all_rounds()?;
        let mut md = self.export_rounds_side_by_side(&rounds)?;
        if !md.is_empty() {
            md = format!(
                "# {}\n{md}\n",
                self.f("msg.export.rounds.heading", &[("team", &self.team.name)])
            );
        }
        for round in rounds {
            // Computations read answers of `self.team.round`: point it at the round rendered.
            self.team.round = round;
            md.push_str(&self.export_title(round));
            md.push_str(&self.export_answers(round)?);
            md.push_str(&self.export_goals(round)?);
            md.push_str(&self.export_coaching()?);
            md.push_str(&self.export_policy(round)?);
            md.push('\n');
        }
        self.team.round = current_round;
        // Where to get help, once, at the end of the plan (the guide's colofon).
        md.push_str(&format!("---\n\n{}\n", self.contact()));
        Ok(md.trim_end().to_string() + "\n")
    }

    /// Every round of the team with answers, and the current one (which may have none yet).
    pub(super) fn all_rounds(&mut self) -> Result<Vec<u32>> {
        let mut rounds = self.store.list_rounds(self.team.id)?;
        if !rounds.contains(&self.team.round) {
            rounds.push(self.team.round);
        }
        Ok(rounds)
    }

    /// A round's heading and when the export was made.
    fn export_title(&self, round: u32) -> String {
        let title = self.f(
            "msg.export.title",
            &[("team", &self.team.name), ("round", &round.to_string())],
        );
        let generated = self.f(
            "msg.export.generated",
            &[("date", &self.local_time(&self.now))],
        );
        format!("# {title}\n\n_{generated}_\n")
    }

    /// A round's answers in conversation order, under the heading of each step.
    fn export_answers(&mut self, round: u32) -> Result<String> {
        let flow = self.flow();
        let mut answers: Vec<_> = self
            .store
            .list_answers(self.team.id, round)?
            .into_iter()
            .filter_map(|a| flow.parse_key(&a.key).map(|p| (p, a)))
            .collect();
        answers.sort_by_cached_key(|(p, _)| flow.order(p));
        let mut md = String::new();
        let mut step = None;
        for (pos, answer) in answers {
            let op = flow.op(pos.op);
            if step != Some(op.step) {
                step = Some(op.step);
                md.push_str(&format!(
                    "\n## {}\n\n",
                    self.t(&format!("{}.title", flow.steps[op.step]))
                ));
            }
            md.push_str(&self.export_answer(&pos, &answer)?);
        }
        Ok(md)
    }

    /// One answer with who gave it and when, or a result worked out, quoted.
    fn export_answer(&mut self, pos: &Pos, answer: &Answer) -> Result<String> {
        let mut md = String::new();
        match &self.flow().op(pos.op).kind {
            // The goal's checks along the way are superseded by its final score.
            OpKind::Compute(Compute::RecordGoal | Compute::SmartCheck) => {}
            OpKind::Compute(what) => {
                // Silent checks (a repeat, the overlap with the vraagstuk) add nothing here.
                if let Some((_, text)) = self.compute(*what, pos)?
                    && !text.is_empty()
                {
                    for line in text.lines() {
                        md.push_str(&format!("> {line}\n"));
                    }
                    md.push('\n');
                }
            }
            OpKind::GroupEnd { .. } if answer.computed => {}
            _ => {
                let label = self.label(pos);
                let shown = self.display_value(pos, answer).replace('\n', "  \n  ");
                let time = self.local_time(&answer.at);
                md.push_str(&format!(
                    "- {}\n",
                    self.f(
                        "msg.export.answer",
                        &[
                            ("label", &format!("**{label}**")),
                            ("answer", &shown),
                            ("user", &answer.user),
                            ("time", &time),
                        ],
                    )
                ));
            }
        }
        Ok(md)
    }

    /// The goals set in a round.
    fn export_goals(&mut self, round: u32) -> Result<String> {
        let goals: Vec<_> = self
            .store
            .list_team_goals(self.team.id)?
            .into_iter()
            .filter(|g| g.round == round && g.kind == crate::states::GoalKind::Goal)
            .collect();
        let mut md = String::new();
        if !goals.is_empty() {
            md.push_str(&format!("\n## {}\n\n", self.t("msg.export.goals")));
            for g in &goals {
                md.push_str(&format!("- {}\n", self.goal_line_noted(g)?));
                for line in self.experiment_lines(g)? {
                    md.push_str(&format!("  - {line}\n"));
                }
            }
        }
        Ok(md)
    }

    /// The round's experience level and what it means for the plan (`coach.rs`).
    fn export_coaching(&mut self) -> Result<String> {
        let lines = self.coach_lines()?;
        if lines.is_empty() {
            return Ok(String::new());
        }
        let mut md = format!("\n## {}\n\n", self.t("msg.coach.heading"));
        for line in lines {
            md.push_str(&format!("- {line}\n"));
        }
        Ok(md)
    }

    /// An RFC 3339 instant as local time in the team's zone (`2026-11-25 16:04`).
    fn local_time(&self, at: &str) -> String {
        at.parse::<jiff::Timestamp>()
            .ok()
            .and_then(|ts| ts.in_tz(&self.team.timezone).ok())
            .map_or_else(
                || at.to_string(),
                |z| z.strftime("%Y-%m-%d %H:%M").to_string(),
            )
    }
}
