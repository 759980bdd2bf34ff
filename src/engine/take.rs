//! Taking an answer: the open question, reading and recording answers, the conditions the flow
//! reads from them, and an answer or a skip of the open question, after which the walk goes on
//! ([`super::walk`]).

use anyhow::Result;

use super::Turn;
use super::error::UserError;
use super::flow::{Cond, Pos, Role};
use super::input::{self, is_stop};
use super::open::Open;
use super::walk::exit_group;
use crate::store::Answer;

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
        // A target given as a change from the baseline ("25%", "x3") stores the value it
        // comes to.
        let relative = self.target_answer(&pos, text)?;
        let text = relative.as_deref().unwrap_or(text);
        match self.read_answer(&pos, text) {
            Ok(read) => {
                self.returning = self.replaces_an_answer(&pos)?;
                self.store_read(&flow.key(&pos), read)?;
                self.forget_derived(&pos)?;
                self.track_readiness(&pos)?;
                let next = self.after(&pos)?;
                self.walk(next, Some(flow.op(pos.op).step))
            }
            Err(e) => {
                let e = self.deadline_refusal(&pos, e)?;
                self.refuse(e);
                self.ask_current()
            }
        }
    }

    /// A past deadline typed for a goal that is recorded already (through `/wijzig`): its
    /// number and the deadline that stays, so the refusal can point to `/evalueer n`.
    fn deadline_refusal(&mut self, pos: &Pos, e: UserError) -> Result<UserError> {
        let UserError::DeadlinePassed {
            deadline,
            goal: None,
        } = e
        else {
            return Ok(e);
        };
        let flow = self.flow();
        let goal = match flow.key_of_op_in_context(flow.by_role(Role::GoalGroup), pos) {
            Some(key) => self
                .store
                .find_goal_by_key(self.team.id, self.team.round, &key)?
                .filter(|g| g.deadline.is_some()),
            None => None,
        };
        Ok(UserError::DeadlinePassed {
            goal: goal.map(|g| (g.number, self.show_date(g.deadline))),
            deadline,
        })
    }

    /// Whether an answer to `pos` replaces one given before, outside a step gone through again
    /// (`/stap`, which asks its answered questions itself).
    fn replaces_an_answer(&mut self, pos: &Pos) -> Result<bool> {
        let key = self.flow().key(pos);
        Ok(self.get(&key)?.is_some() && !self.revisiting(self.flow().op(pos.op).step))
    }

    /// Skip the open question: recorded as skipped, then walk on.
    /// An earlier answer (after /terug, /wijzig or /stap) is kept rather than wiped.
    pub(super) fn skip(&mut self, pos: Pos) -> Result<()> {
        let key = self.flow().key(&pos);
        // So is what koers read from the goal text for this question (a deadline, an owner).
        let stored = self.get(&key)?;
        self.returning = self.replaces_an_answer(&pos)?;
        let text = if stored
            .as_ref()
            .is_some_and(|a| !a.computed || a.value.is_some())
        {
            self.t("msg.kept").to_string()
        } else if stored.is_none()
            && let Some(recorded) = self.recorded_answer(&pos)?
        {
            // And what the recorded goal has, when its changed text no longer names it.
            self.record(&key, recorded.value.as_deref(), false)?;
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
}
