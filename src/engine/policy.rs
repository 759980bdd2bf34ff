//! The policy summary of step 4 (the answers to its policy questions) and its tracked actions
//! (readiness items with an owner and a date), as `/status`, the export and the goal list show
//! them.

use anyhow::Result;

use super::Turn;
use super::flow::Role;
use crate::states::GoalKind;
use crate::store::TrackedGoal;

impl Turn<'_, '_, '_> {
    /// The policy answers of a round: `(key, label, answer)` for each one given.
    pub(super) fn policy_answers(&mut self, round: u32) -> Result<Vec<(String, String, String)>> {
        let flow = self.flow();
        let mut out = Vec::new();
        for &op in flow.all_by_role(Role::Policy) {
            let path = &flow.op(op).path;
            let given = self.store.get_answer(self.team.id, round, path)?;
            if let Some(value) = given.and_then(|a| a.value) {
                out.push((
                    path.clone(),
                    self.t(&format!("{path}.label")).to_string(),
                    value,
                ));
            }
        }
        Ok(out)
    }

    /// The tracked actions of step 4, all rounds, by number.
    fn readiness_actions(&mut self) -> Result<Vec<TrackedGoal>> {
        Ok(self
            .team_goals()?
            .into_iter()
            .filter(|g| g.kind == GoalKind::Readiness)
            .collect())
    }

    /// `/status`: the policy summary of this round, and every tracked action with its owner,
    /// date and state.
    pub(super) fn status_policy(&mut self) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        let flow = self.flow();
        if flow.in_status(Role::Policy) {
            let answers = self.policy_answers(self.team.round)?;
            if !answers.is_empty() {
                lines.push(self.t("msg.readiness_action.policy_header").to_string());
                lines.extend(answers.iter().map(|(_, label, answer)| {
                    self.f(
                        "msg.readiness_action.policy_item",
                        &[("label", label), ("answer", answer)],
                    )
                }));
            }
        }
        let actions = self.readiness_actions()?;
        if !actions.is_empty() {
            lines.push(self.f(
                "msg.readiness_action.header",
                &[("count", &actions.len().to_string())],
            ));
            lines.extend(actions.iter().map(|g| format!("• {}", self.goal_line(g))));
        }
        Ok(lines)
    }

    /// The export of a round: its policy summary and the actions set in it, as Markdown.
    pub(super) fn export_policy(&mut self, round: u32) -> Result<String> {
        let mut md = String::new();
        let answers = self.policy_answers(round)?;
        if !answers.is_empty() {
            md.push_str(&format!(
                "\n## {}\n\n",
                self.t("msg.readiness_action.export_policy")
            ));
            for (_, label, answer) in &answers {
                let answer = answer.replace('\n', "  \n  ");
                // Not bold: the answers themselves are listed (bold) under step 4.
                md.push_str(&format!("- {label}: {answer}\n"));
            }
        }
        let actions: Vec<_> = self
            .readiness_actions()?
            .into_iter()
            .filter(|g| g.round == round)
            .collect();
        if !actions.is_empty() {
            md.push_str(&format!(
                "\n## {}\n\n",
                self.t("msg.readiness_action.export_actions")
            ));
            for g in &actions {
                md.push_str(&format!("- {}\n", self.goal_line(g)));
            }
        }
        Ok(md)
    }

    /// One line about a tracked action for lists: number, item, owner, date, days left, state.
    pub(super) fn readiness_line(&self, g: &TrackedGoal) -> String {
        let status = self.t(&format!("msg.goal.status.{}", g.status));
        let days = self.days_note(g);
        let none = self.t("msg.skipped_value");
        self.f(
            "msg.readiness_action.line",
            &[
                ("n", &g.number.to_string()),
                ("goal", &g.text),
                ("owner", g.owner.as_deref().unwrap_or(none)),
                ("deadline", &self.show_date(g.deadline)),
                ("days", &days),
                ("status", status),
            ],
        )
    }
}
