//! The detour to step 2 when an evaluation says data was missing: a new data-source round,
//! and afterwards back to where the team was.

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role};

impl Turn<'_, '_, '_> {
    /// Open a new data-source round in step 2 and ask its first question.
    pub(super) fn enter_source_round(&mut self) -> Result<()> {
        let flow = self.flow();
        // Where a team goes back to when data was missing: the first question of a new round.
        let op = flow.by_role(Role::SourceName);
        let mut n = 1;
        while self.get(&flow.key(&Pos { op, iters: vec![n] }))?.is_some() {
            n += 1;
        }
        let pos = Pos { op, iters: vec![n] };
        // The "more sources?" answer of the round before would otherwise end the group.
        if n > 1 {
            let end = flow.key(&Pos {
                op: flow.by_role(Role::SourceGroup),
                iters: vec![n - 1],
            });
            self.record(&end, Some("yes"), false)?;
        }
        // A detour: after the new source the team goes back to where it was (a goal entered on
        // the side keeps its own place to return to). A finished round is kept as `END`.
        if self.team.return_to.is_none() {
            let back = self.team.cursor.clone().unwrap_or_else(|| END.to_string());
            self.store
                .update_return_to(self.team.id, Some(&back), &self.now)?;
            self.team.return_to = Some(back);
        }
        let key = flow.key(&pos);
        self.store
            .update_cursor(self.team.id, Some(&key), &self.now)?;
        self.team.cursor = Some(key);
        self.ask_current()
    }

    /// The walk leaves the data sources at `pos`: after a detour for missing data, where the
    /// team goes back to, taken (and forgotten). `None` walks on as usual.
    pub(super) fn source_detour_back(&mut self, pos: &Pos) -> Result<Option<DetourBack>> {
        let flow = self.flow();
        if self.team.return_to.is_none()
            || !pos.iters.is_empty()
            || pos.op != flow.by_role(Role::SourceGroup) + 1
        {
            return Ok(None);
        }
        let Some(back) = self.take_detour_return()? else {
            return Ok(None);
        };
        Ok(Some(match flow.parse_key(&back) {
            Some(question) => DetourBack::Question(question),
            None => DetourBack::End,
        }))
    }
}

/// Where a team goes back to after the detour to step 2 for missing data.
pub(super) enum DetourBack {
    /// The question it was at.
    Question(Pos),
    /// Its round was finished.
    End,
}

/// The place a data detour returns to when the round was finished: no question's key.
const END: &str = "";
