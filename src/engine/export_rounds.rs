//! The export's rounds side by side: one row per part of the plan (the vraagstuk, what changed,
//! the level, the sources, the goals, the open readiness items), one column per round, so a
//! reader sees what changed from one turn of the circle to the next.

use anyhow::Result;

use super::Turn;
use super::flow::Role;
use crate::states::{GoalKind, GoalStatus};

impl Turn<'_, '_, '_> {
    /// The comparison table, or nothing when the team has one round.
    pub(super) fn export_rounds_side_by_side(&mut self, rounds: &[u32]) -> Result<String> {
        if rounds.len() < 2 {
            return Ok(String::new());
        }
        let goals = self.store.list_team_goals(self.team.id)?;
        let mut rows: Vec<(String, Vec<String>)> = [
            "statement",
            "changed",
            "level",
            "sources",
            "goals",
            "open_items",
        ]
        .iter()
        .map(|row| {
            (
                self.t(&format!("msg.export.rounds.{row}")).to_string(),
                Vec::new(),
            )
        })
        .collect();
        for &round in rounds {
            let in_round: Vec<_> = goals
                .iter()
                .filter(|g| g.round == round && g.kind == GoalKind::Goal)
                .collect();
            let achieved = in_round
                .iter()
                .filter(|g| g.status == GoalStatus::Achieved)
                .count();
            let cells = [
                self.round_value(round, Role::Statement)?,
                self.round_value(round, Role::RoundChange)?,
                self.level_of_round(round)?,
                Some(self.source_names(round)?.join(", ")).filter(|s| !s.is_empty()),
                Some(self.f(
                    "msg.export.rounds.goal_count",
                    &[
                        ("count", &in_round.len().to_string()),
                        ("achieved", &achieved.to_string()),
                    ],
                )),
                Some(self.open_items_of_round(round)?.join("; ")).filter(|s| !s.is_empty()),
            ];
            for ((_, row), cell) in rows.iter_mut().zip(cells) {
                row.push(cell.map_or_else(|| "—".to_string(), |c| table_cell(&c)));
            }
        }
        let mut md = format!("\n## {}\n\n", self.t("msg.export.rounds.title"));
        let heads: Vec<String> = rounds
            .iter()
            .map(|r| self.f("msg.export.rounds.round", &[("round", &r.to_string())]))
            .collect();
        md.push_str(&format!("| | {} |\n", heads.join(" | ")));
        md.push_str(&format!("|---|{}\n", "---|".repeat(rounds.len())));
        for (label, cells) in rows {
            md.push_str(&format!("| **{label}** | {} |\n", cells.join(" | ")));
        }
        Ok(md)
    }

    /// The stored value of the item with `role` in `round`.
    pub(super) fn round_value(&mut self, round: u32, role: Role) -> Result<Option<String>> {
        let flow = self.flow();
        let key = flow.key(&flow.role_pos(role));
        Ok(self
            .store
            .get_answer(self.team.id, round, &key)?
            .and_then(|a| a.value))
    }

    /// The experience level a round ended with, by name.
    fn level_of_round(&mut self, round: u32) -> Result<Option<String>> {
        let level = match self.round_value(round, Role::LevelResult)? {
            Some(level) => Some(level),
            None => self.round_value(round, Role::Level)?,
        };
        let flow = self.flow();
        let path = &flow.op(flow.by_role(Role::Level)).path;
        Ok(level.map(|l| self.t(&format!("{path}.name.{l}")).to_string()))
    }
}

/// Text made safe for one cell of a Markdown table: on one line, with its bars escaped.
fn table_cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::table_cell;

    #[test]
    fn a_cell_stays_on_one_line_and_keeps_its_bars_out_of_the_table() {
        assert_eq!(table_cell("a | b\nc\r\n  d"), "a \\| b c d");
    }
}
