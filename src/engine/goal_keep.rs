//! A goal built again from its step-3 answers (after `/wijzig`, `/terug` or `/stap 3`) keeps
//! what commands changed since: a deadline moved with `/doel verzet` (or in an evaluation)
//! stays while the answers it was read from are the same, so a new owner or baseline changes
//! only that. Nor is the text it was recorded from read again for its deadline: a relative one
//! ("eind maart", "binnen drie maanden") was read against the day it was written.

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role};

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
}
