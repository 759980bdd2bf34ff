//! A next round that starts from the last one (`/nieuw`): the guide's plan is a circle, so the
//! vraagstuk with the step-1 answers behind it, the data sources and the readiness items (the
//! open ones with their owners) come along; open goals keep running; koers says what came along and asks what changed and
//! whether the vraagstuk still fits, instead of starting blank.

use anyhow::Result;

use super::Turn;
use super::flow::{OpKind, Pos, Role};
use crate::states::GoalKind;
use crate::store::Answer;

impl Turn<'_, '_, '_> {
    /// Copy what a next round keeps from round `from` into the team's current round: every
    /// step-1 answer (not the ones that belong to their own round), every answer of the data
    /// sources but the final "no more sources" (so the team may add one), and in step 4 the
    /// readiness items with their owners and dates, open ones still open (`/stap 4` updates
    /// them), their tracked actions moved along. Other results are worked out again, not copied.
    pub(super) fn carry_over(&mut self, from: u32) -> Result<()> {
        let flow = self.flow();
        let carried_path = &flow.op(flow.by_role(Role::CarriedOver)).path;
        let readiness_step = flow.op(flow.by_role(Role::Readiness)).step;
        // The role sits on the group's end; its items list the group by its beginning.
        let source_end = flow.by_role(Role::SourceGroup);
        let source_group = match flow.op(source_end).kind {
            OpKind::GroupEnd { begin, .. } => begin,
            _ => source_end,
        };
        let keep = |a: &Answer| -> bool {
            let Some(pos) = flow.parse_key(&a.key) else {
                return false;
            };
            let op = flow.op(pos.op);
            if op.when.as_ref().is_some_and(|c| &c.path == carried_path) {
                return false;
            }
            match &op.kind {
                OpKind::GroupEnd { .. } if pos.op == source_end => {
                    a.value.as_deref() == Some("yes")
                }
                // A source's summary comes along so /status shows it before step 2 is walked.
                _ if op.groups.contains(&source_group) => true,
                OpKind::Compute(_) => false,
                _ if op.step == 0 => true,
                OpKind::YesNo { ask_owner: true } | OpKind::Owner | OpKind::OwnerDate
                    if op.step == readiness_step =>
                {
                    true
                }
                _ => false,
            }
        };
        let answers: Vec<Answer> = self
            .store
            .list_answers(self.team.id, from)?
            .into_iter()
            .filter(|a| keep(a))
            .collect();
        for answer in &answers {
            self.store
                .upsert_answer(self.team.id, self.team.round, answer)?;
        }
        let (team, round, now) = (self.team.id, self.team.round, self.now.clone());
        self.store
            .update_open_readiness_round(team, from, round, &now)?;
        Ok(())
    }

    /// What the round took over, said at its start: `("statement", text)` when a vraagstuk came
    /// along, `("plan", text)` when only other answers did, or `None` (nothing stored,
    /// so a first round's answers are what they always were) in a first round or after a round
    /// in which nothing was answered.
    pub(super) fn carried_over(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let none = None;
        let Some(prev) = self.team.round.checked_sub(1).filter(|r| *r >= 1) else {
            return Ok(none);
        };
        let path = self.flow().op(pos.op).path.clone();
        let mut lines = Vec::new();
        let statement = self.round_value(prev, Role::Statement)?;
        if let Some(statement) = &statement {
            lines.push(self.f(&format!("{path}.statement"), &[("statement", statement)]));
        }
        let sources = self.source_names(prev)?;
        if !sources.is_empty() {
            lines.push(self.f(&format!("{path}.sources"), &[("list", &sources.join(", "))]));
        }
        let goals: Vec<String> = self
            .store
            .list_team_goals(self.team.id)?
            .iter()
            // Step-4 actions come along with their readiness items.
            .filter(|g| g.kind == GoalKind::Goal && !g.status.is_finished())
            .map(|g| format!("{}. {}", g.number, g.text))
            .collect();
        if !goals.is_empty() {
            lines.push(self.f(&format!("{path}.goals"), &[("list", &goals.join("; "))]));
        }
        let open = self.open_items_of_round(prev)?;
        if !open.is_empty() {
            lines.push(self.f(&format!("{path}.open_items"), &[("list", &open.join("; "))]));
        }
        if lines.is_empty() && self.store.list_answers(self.team.id, prev)?.is_empty() {
            return Ok(none);
        }
        let mut text = vec![self.f(
            &format!("{path}.text"),
            &[
                ("round", &self.team.round.to_string()),
                ("prev", &prev.to_string()),
            ],
        )];
        text.extend(lines);
        text.push(self.t(&format!("{path}.how")).to_string());
        let value = if statement.is_some() {
            "statement"
        } else {
            "plan"
        };
        Ok(Some((value.to_string(), text.join("\n"))))
    }

    /// The team said the carried vraagstuk no longer fits: take it (and its score) out of this
    /// round, so the walk asks it again. Only the carried one: a vraagstuk given in this round
    /// stays when the walk passes here again.
    pub(super) fn reopen_statement(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let Some(prev) = self.team.round.checked_sub(1).filter(|r| *r >= 1) else {
            return Ok(None);
        };
        let flow = self.flow();
        let key = flow.key(&flow.role_pos(Role::Statement));
        let (Some(now), Some(before)) = (
            self.get(&key)?,
            self.store.get_answer(self.team.id, prev, &key)?,
        ) else {
            return Ok(None);
        };
        if (now.value, now.at) != (before.value, before.at) {
            return Ok(None);
        }
        let (team, round, at) = (self.team.id, self.team.round, self.now.clone());
        self.store.delete_answer(team, round, &key, &at)?;
        let score = flow.key(&flow.role_pos(Role::StatementScore));
        self.store.delete_computed_answer(team, round, &score)?;
        let path = flow.op(pos.op).path.clone();
        Ok(Some((
            "reopened".to_string(),
            self.t(&format!("{path}.text")).to_string(),
        )))
    }

    /// The names of a round's data sources, in order.
    pub(super) fn source_names(&mut self, round: u32) -> Result<Vec<String>> {
        let flow = self.flow();
        let name = flow.by_role(Role::SourceName);
        let mut names: Vec<(Pos, String)> = self
            .store
            .list_answers(self.team.id, round)?
            .into_iter()
            .filter_map(|a| {
                let pos = flow.parse_key(&a.key).filter(|p| p.op == name)?;
                a.value.map(|v| (pos, v))
            })
            .collect();
        names.sort_by_cached_key(|(p, _)| flow.order(p));
        Ok(names.into_iter().map(|(_, n)| n).collect())
    }

    /// A round's open readiness items, each as "label (owner)".
    pub(super) fn open_items_of_round(&mut self, round: u32) -> Result<Vec<String>> {
        let flow = self.flow();
        let readiness = flow.role_pos(Role::Readiness);
        // The readiness overview reads the team's current round: point it at `round`.
        let current = self.team.round;
        self.team.round = round;
        let state = self.open_items(&readiness);
        self.team.round = current;
        Ok(state?
            .open
            .into_iter()
            .map(|item| match item.owner {
                Some(owner) => format!("{} ({owner})", item.label),
                None => item.label,
            })
            .collect())
    }
}
