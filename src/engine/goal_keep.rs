//! A goal built again from its step-3 answers (after `/wijzig`, `/terug` or `/stap 3`) keeps
//! what commands changed since: a deadline moved with `/doel verzet` (or in an evaluation)
//! stays while the answers it was read from are the same, so a new owner or baseline changes
//! only that. Nor is the text it was recorded from read again for its deadline: a relative one
//! ("eind maart", "binnen drie maanden") was read against the day it was written.
//!
//! A goal text changed with `/wijzig` that no longer names the owner, deadline or target koers
//! read from the old one leaves those questions without an answer: they are asked again with
//! what the recorded goal has ("Eerder antwoord"), and `/overslaan` keeps it, as for a step
//! gone through again with `/stap`.

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role, Sibling};
use crate::store::Answer;

impl Turn<'_, '_, '_> {
    /// The deadline (`YYYY-MM-DD`) the stored goal of `key` keeps when it is built again from
    /// `text` and the deadline answer `answered`: its current one, unless the answer it came
    /// from changed (or, without a deadline answer, the text it was read from). `None` for a
    /// new goal or a changed deadline answer: the answers decide.
    pub(super) fn kept_deadline(
        &mut self,
        key: &str,
        text: &str,
        answered: Option<&str>,
    ) -> Result<Option<String>> {
        let Some(old) = self
            .store
            .find_goal_deadline_basis(self.team.id, self.team.round, key)?
        else {
            return Ok(None);
        };
        let same_basis =
            old.deadline_text.as_deref() == answered && (answered.is_some() || old.text == text);
        Ok(old.deadline.filter(|_| same_basis))
    }

    /// Whether the goal of the group at `pos` was last recorded from `text`: then the deadline
    /// koers read from it stands, and is not read again against today.
    pub(super) fn recorded_from(&mut self, pos: &Pos, text: &str) -> Result<bool> {
        let flow = self.flow();
        let Some(key) = flow.key_of_op_in_context(flow.by_role(Role::GoalGroup), pos) else {
            return Ok(false);
        };
        Ok(self
            .store
            .find_goal_deadline_basis(self.team.id, self.team.round, &key)?
            .is_some_and(|old| old.text == text))
    }

    /// What the recorded goal of the group at `pos` holds for the question there (its owner,
    /// deadline, baseline or target), as koers's answer: `None` for another question, a goal
    /// not recorded yet, or one without it.
    pub(super) fn recorded_answer(&mut self, pos: &Pos) -> Result<Option<Answer>> {
        let flow = self.flow();
        let goal_end = flow.by_role(Role::GoalGroup);
        let Some(item) = [
            Sibling::Owner,
            Sibling::Deadline,
            Sibling::Baseline,
            Sibling::Target,
        ]
        .into_iter()
        .find(|item| flow.sibling(goal_end, *item).is_ok_and(|op| op == pos.op)) else {
            return Ok(None);
        };
        let Some(key) = flow.key_of_op_in_context(goal_end, pos) else {
            return Ok(None);
        };
        let Some(goal) = self
            .store
            .find_goal_by_key(self.team.id, self.team.round, &key)?
        else {
            return Ok(None);
        };
        let value = match item {
            Sibling::Owner => goal.owner,
            Sibling::Deadline => goal.deadline.map(|d| d.to_string()),
            Sibling::Baseline => goal.baseline.map(|n| n.to_string()),
            _ => goal.target.map(|n| n.to_string()),
        };
        Ok(value.map(|v| Answer {
            key: flow.key(pos),
            value: Some(v),
            skipped: false,
            computed: true,
            user: "koers".into(),
            user_id: None,
            at: self.now.clone(),
        }))
    }
}
