//! Moving through the flow: asking the open question, taking an answer, and walking on to the
//! next question (saying tips and results on the way, skipping what is already answered).

use anyhow::Result;

use super::Turn;
use super::error::UserError;
use super::evaluation::DetourBack;
use super::flow::{Compute, Cond, Op, OpKind, Pos, Repeat};
use super::input::{self, is_stop};
use super::open::Open;
use crate::store::Answer;

/// A text waiting to be said while walking; `sticky` ones survive skipping answered questions.
pub(super) struct Pending {
    /// What koers says.
    pub(super) text: String,
    /// Said even when the walk passes answered questions after it (a result that changed).
    pub(super) sticky: bool,
}

impl Turn<'_, '_, '_> {
    /// The open question, if the round is not finished.
    pub(super) fn current_pos(&self) -> Option<Pos> {
        let cursor = self.team.cursor.as_deref()?;
        self.flow().parse_key(cursor)
    }

    pub(super) fn get(&mut self, key: &str) -> Result<Option<Answer>> {
        self.store.get_answer(self.team.id, self.team.round, key)
    }

    /// The stored value of `path` as seen from `pos` (shared group rounds filled in).
    pub(super) fn value_of(&mut self, path: &str, pos: &Pos) -> Result<Option<String>> {
        let Some(key) = self.flow().key_in_context(path, pos) else {
            return Ok(None);
        };
        Ok(self.get(&key)?.and_then(|a| a.value))
    }

    pub(super) fn record(&mut self, key: &str, value: Option<&str>, computed: bool) -> Result<()> {
        let answer = Answer {
            key: key.to_string(),
            value: value.map(str::to_string),
            skipped: value.is_none(),
            computed,
            user: if computed {
                "koers".into()
            } else {
                self.user.name.clone()
            },
            user_id: (!computed).then(|| self.user.id.clone()),
            at: self.now.clone(),
        };
        self.store
            .upsert_answer(self.team.id, self.team.round, &answer)?;
        if computed {
            return Ok(());
        }
        self.notice_once()
    }

    /// Whether a flow condition holds for the answers seen from `pos`.
    pub(super) fn cond_holds(&mut self, cond: &Cond, pos: &Pos) -> Result<bool> {
        // A skipped or missing answer satisfies neither `=` nor `!=`: nothing is assumed.
        Ok(match self.value_of(&cond.path, pos)? {
            Some(v) => (v == cond.value) != cond.negated,
            None => false,
        })
    }

    /// A line of text that is not a command: the answer to the open question or evaluation.
    pub(super) fn text(&mut self, raw: &str) -> Result<()> {
        let text = match input::clean(raw, self.engine.settings.max_answer_chars) {
            Ok(t) => t.to_string(),
            Err(e) => {
                self.refuse(e);
                return self.ask_current();
            }
        };
        match self.open()? {
            Open::Evaluation(ev, _) => self.evaluation_answer(*ev, Some(&text)),
            Open::Question(pos) => self.answer(pos, &text),
            Open::Finished => {
                let done = self.t("msg.finished").to_string();
                self.say(done);
                Ok(())
            }
        }
    }

    /// A button or menu choice for the question `question` (a reminder's buttons were read as
    /// commands before the turn).
    pub(super) fn choice(&mut self, question: &str, value: &str) -> Result<()> {
        let current = self.team.cursor.clone();
        if current.as_deref() == Some(question)
            && let Some(pos) = self.current_pos()
        {
            return self.answer(pos, value);
        }
        if let Some(pos) = self.flow().parse_key(question)
            && let Some(prev) = self.get(question)?.filter(|a| !a.computed)
        {
            let label = self.label(&pos);
            self.refuse(UserError::AlreadyAnswered {
                user: prev.user,
                label,
            });
        }
        self.ask_current()
    }

    /// Store the answer to the question at `pos` and walk on.
    pub(super) fn answer(&mut self, pos: Pos, text: &str) -> Result<()> {
        let flow = self.flow();
        // The team may end a "5x waarom" early at any round.
        if let Some(end) = self.until_stop_end(&pos)
            && is_stop(text)
        {
            let key = flow.key(&Pos {
                op: end,
                iters: pos.iters.clone(),
            });
            self.record(&key, Some("stop"), true)?;
            return self.walk(exit_group(end, &pos), Some(flow.op(pos.op).step));
        }
        match self.read_answer(&pos, text) {
            Ok(read) => {
                self.store_read(&flow.key(&pos), read)?;
                self.forget_derived(&pos)?;
                self.track_readiness(&pos)?;
                let next = self.after(&pos)?;
                self.walk(next, Some(flow.op(pos.op).step))
            }
            Err(e) => {
                self.refuse(e);
                self.ask_current()
            }
        }
    }

    /// Skip the open question: recorded as skipped, then walk on.
    /// An earlier answer (after /terug, /wijzig or /stap) is kept rather than wiped.
    pub(super) fn skip(&mut self, pos: Pos) -> Result<()> {
        let key = self.flow().key(&pos);
        // So is what koers read from the goal text for this question (a deadline, an owner).
        let text = if self
            .get(&key)?
            .is_some_and(|a| !a.computed || a.value.is_some())
        {
            self.t("msg.kept").to_string()
        } else {
            self.record(&key, None, false)?;
            self.t("msg.skipped").to_string()
        };
        self.say(text);
        self.track_readiness(&pos)?;
        let next = self.after(&pos)?;
        self.walk(next, Some(self.flow().op(pos.op).step))
    }

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
    fn until_stop_end(&self, pos: &Pos) -> Option<usize> {
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
    fn after(&mut self, pos: &Pos) -> Result<Pos> {
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
                pending.push(Pending {
                    text,
                    sticky: before.as_deref() != Some(value.as_str()),
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
fn exit_group(end: usize, pos: &Pos) -> Pos {
    let mut iters = pos.iters.clone();
    iters.pop();
    Pos { op: end + 1, iters }
}
