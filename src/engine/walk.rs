//! Moving through the flow: walking on to the next question (saying tips and results on the
//! way, skipping what is already answered); taking an answer is in [`super::take`].

use anyhow::Result;

use super::Turn;
use super::data_detour::DetourBack;
use super::flow::{Compute, Op, OpKind, Pos, Repeat};

/// A text waiting to be said while walking; `sticky` ones survive skipping answered questions.
pub(super) struct Pending {
    /// What koers says.
    pub(super) text: String,
    /// Said even when the walk passes answered questions after it (a result that changed).
    pub(super) sticky: bool,
    /// An info under a condition: an answer brought it, perhaps the one just changed, so it is
    /// said on a return to the open question too (where unconditional texts are not).
    pub(super) conditional: bool,
}

impl Turn<'_, '_, '_> {
    /// Walk from the very start of a round (`None`) or after `from`.
    pub(super) fn advance_from(&mut self, from: Option<Pos>) -> Result<()> {
        match from {
            None => self.walk(
                Pos {
                    op: 0,
                    iters: vec![],
                },
                None,
            ),
            Some(p) => {
                let next = self.after(&p)?;
                self.walk(next, Some(self.flow().op(p.op).step))
            }
        }
    }

    /// The `GroupEnd` index when `pos` is directly inside an until-stop group.
    pub(super) fn until_stop_end(&self, pos: &Pos) -> Option<usize> {
        let flow = self.flow();
        let g = *flow.op(pos.op).groups.last()?;
        let OpKind::GroupBegin { end } = flow.op(g).kind else {
            return None;
        };
        matches!(
            flow.op(end).kind,
            OpKind::GroupEnd {
                repeat: Repeat::UntilStop,
                ..
            }
        )
        .then_some(end)
    }

    /// The position after an answered question.
    pub(super) fn after(&mut self, pos: &Pos) -> Result<Pos> {
        if let Some(next) = self.coach_after(pos)? {
            return Ok(next);
        }
        let flow = self.flow();
        if let OpKind::GroupEnd { begin, max, .. } = flow.op(pos.op).kind {
            let more = self.get(&flow.key(pos))?.and_then(|a| a.value);
            let round = pos.iters.last().copied().unwrap_or(1);
            if more.as_deref() == Some("yes") && round < max {
                return Ok(next_round(begin, pos));
            }
            return Ok(exit_group(pos.op, pos));
        }
        Ok(Pos {
            op: pos.op + 1,
            iters: pos.iters.clone(),
        })
    }

    /// Walk on from `pos` to the next unanswered question, saying what lies on the way. Each
    /// kind of item is one named step that says where the walk goes next, or that it stopped.
    pub(super) fn walk(&mut self, mut pos: Pos, mut step: Option<usize>) -> Result<()> {
        let flow = self.flow();
        let mut pending: Vec<Pending> = Vec::new();
        loop {
            if pos.op >= flow.ops.len() {
                return self.walk_done(pending);
            }
            if let Some(back) = self.source_detour_back(&pos)? {
                self.flush(std::mem::take(&mut pending));
                return match back {
                    DetourBack::Question(back) => self.walk(back, None),
                    DetourBack::End => self.walk_done(Vec::new()),
                };
            }
            let op = flow.op(pos.op);
            if step != Some(op.step) {
                self.leave_revisit(op.step, &mut pending)?;
                step = Some(op.step);
                let title = self.t(&format!("{}.title", flow.steps[op.step]));
                pending.push(Pending {
                    text: format!("== {title} =="),
                    sticky: false,
                    conditional: false,
                });
            }
            let next = match &op.when {
                Some(cond) if !self.cond_holds(cond, &pos)? => Some(pass_by(op, pos)),
                _ if self.coach_passes(&pos) => Some(pass_by(op, pos)),
                _ => self.walk_op(pos, &mut pending)?,
            };
            match next {
                Some(next) => pos = next,
                None => return Ok(()),
            }
        }
    }

    /// One item whose condition holds: where the walk goes next, or `None` where it stopped.
    fn walk_op(&mut self, pos: Pos, pending: &mut Vec<Pending>) -> Result<Option<Pos>> {
        let flow = self.flow();
        let op = flow.op(pos.op);
        Ok(match &op.kind {
            OpKind::Info => {
                pending.push(Pending {
                    text: self.t(&format!("{}.text", op.path)).to_string(),
                    sticky: false,
                    conditional: op.when.is_some(),
                });
                Some(Pos {
                    op: pos.op + 1,
                    iters: pos.iters,
                })
            }
            OpKind::Compute(what) => self.walk_compute(*what, pos, pending)?,
            // No owner, no date: a date alone makes no tracked action.
            OpKind::OwnerDate if !self.has_owner(&pos)? => Some(pass_by(op, pos)),
            OpKind::GroupBegin { .. } => {
                let mut iters = pos.iters;
                iters.push(1);
                Some(Pos {
                    op: pos.op + 1,
                    iters,
                })
            }
            OpKind::GroupEnd {
                begin,
                repeat: Repeat::UntilStop,
                max,
            } => {
                let stopped = self.get(&flow.key(&pos))?.is_some();
                let round = pos.iters.last().copied().unwrap_or(1);
                Some(if !stopped && round < *max {
                    next_round(*begin, &pos)
                } else {
                    exit_group(pos.op, &pos)
                })
            }
            OpKind::GroupEnd {
                repeat: Repeat::More,
                max,
                ..
            } if pos.iters.last().copied().unwrap_or(1) >= *max => Some(exit_group(pos.op, &pos)),
            _ => self.walk_question(pos, pending)?,
        })
    }

    /// The end of the flow: the round is finished.
    fn walk_done(&mut self, mut pending: Vec<Pending>) -> Result<()> {
        self.leave_revisit(usize::MAX, &mut pending)?;
        self.flush(pending);
        self.store.update_cursor(self.team.id, None, &self.now)?;
        self.team.cursor = None;
        // The end of the plan says where to get help (the guide's colofon).
        let done = format!("{}\n\n{}", self.t("msg.finished"), self.contact());
        self.say(done);
        self.ask_open_evaluation().map(drop)
    }

    /// A computation on the way: work it out, keep it, say it when it has something to say.
    /// `None` when a goal entered on the side sends the team back to the question it was at.
    fn walk_compute(
        &mut self,
        what: Compute,
        pos: Pos,
        pending: &mut Vec<Pending>,
    ) -> Result<Option<Pos>> {
        let flow = self.flow();
        let key = flow.key(&pos);
        let before = self.get(&key)?.and_then(|a| a.value);
        if let Some((value, text)) = self.compute(what, &pos)? {
            self.record(&key, Some(&value), true)?;
            if !text.is_empty() {
                // The plan overview closes step 3: said when the step is first completed or
                // gone through again (/stap 3), not after each changed answer on the way back.
                let closing =
                    what == Compute::PlanOverview && !self.revisiting(flow.op(pos.op).step);
                pending.push(Pending {
                    text,
                    sticky: before.as_deref() != Some(value.as_str()) && !closing,
                    conditional: false,
                });
            }
        }
        // A goal entered on the side (/doel nieuw, a form) returns the team to the question it
        // was at.
        if what == Compute::RecordGoal
            && let Some(back) = self.take_detour_return()?
            && let Some(back_pos) = flow.parse_key(&back)
        {
            self.flush(std::mem::take(pending));
            self.store
                .update_cursor(self.team.id, Some(&back), &self.now)?;
            self.team.cursor = Some(back);
            if !self.ask_open_evaluation()? {
                let reply = self.question_reply(&back_pos, true)?;
                self.out.push(reply);
            }
            return Ok(None);
        }
        Ok(Some(Pos {
            op: pos.op + 1,
            iters: pos.iters,
        }))
    }

    /// A question on the way: passed when answered (or its group was stopped), else asked —
    /// then the walk stops there (`None`).
    fn walk_question(&mut self, pos: Pos, pending: &mut Vec<Pending>) -> Result<Option<Pos>> {
        let flow = self.flow();
        if let Some(end) = self.until_stop_end(&pos) {
            let stop_key = flow.key(&Pos {
                op: end,
                iters: pos.iters.clone(),
            });
            if self.get(&stop_key)?.is_some() {
                return Ok(Some(exit_group(end, &pos)));
            }
        }
        let stored = self.get(&flow.key(&pos))?;
        let answered = stored.is_some();
        // A step gone through again with /stap asks its answered questions too, except what
        // koers read from the goal text: that is filled in from it, as on first entry.
        let read_from_text = stored.is_some_and(|a| a.computed);
        if answered && (read_from_text || !self.revisiting(flow.op(pos.op).step)) {
            pending.retain(|p| p.sticky);
            return self.after(&pos).map(Some);
        }
        // Back at the question the team was at after a changed answer (/wijzig, /terug): the
        // titles, intros and step-closing texts on the way were said when it first got here.
        if self.returning {
            pending.retain(|p| p.sticky || p.conditional);
        }
        self.flush(std::mem::take(pending));
        let key = flow.key(&pos);
        self.store
            .update_cursor(self.team.id, Some(&key), &self.now)?;
        self.team.cursor = Some(key);
        // An open evaluation takes the next answer: its question is the one asked.
        if !self.ask_open_evaluation()? {
            let reply = self.question_reply(&pos, answered)?;
            self.out.push(reply);
        }
        Ok(None)
    }

    fn flush(&mut self, pending: Vec<Pending>) {
        for p in pending {
            self.say(p.text);
        }
    }
}

/// The position after an item whose condition does not hold (after the whole group, for a
/// group).
fn pass_by(op: &Op, pos: Pos) -> Pos {
    let op = match op.kind {
        OpKind::GroupBegin { end } => end + 1,
        _ => pos.op + 1,
    };
    Pos {
        op,
        iters: pos.iters,
    }
}

/// First op of the next round of the group that starts at `begin`.
fn next_round(begin: usize, pos: &Pos) -> Pos {
    let mut iters = pos.iters.clone();
    if let Some(last) = iters.last_mut() {
        *last += 1;
    }
    Pos {
        op: begin + 1,
        iters,
    }
}

/// The op after the group that ends at `end`, leaving its round counter behind.
pub(super) fn exit_group(end: usize, pos: &Pos) -> Pos {
    let mut iters = pos.iters.clone();
    iters.pop();
    Pos { op: end + 1, iters }
}
