//! Entering a goal outside the step-3 walk: `/doel nieuw`, a platform's form, or the next goal an
//! evaluation proposes. The goal lands in the next free slot of the step-3 questions, which ask
//! only what is missing; a team that was at an earlier question returns to it afterwards.

use std::collections::HashSet;

use anyhow::Result;

use super::evaluation::fmt_num;
use super::flow::{OpKind, Pos, Role, Sibling};
use super::input::{self, single_number};
use super::{GoalDraft, Turn};
use crate::scoring::smart::{names_no_one, parse_deadline};
use crate::store::TrackedGoal;

impl Turn<'_, '_, '_> {
    /// The question to return to after a goal entered on the side, taken (and forgotten).
    pub(super) fn take_detour_return(&mut self) -> Result<Option<String>> {
        let back = self.team.return_to.take();
        if back.is_some() {
            self.store.update_return_to(self.team.id, None, &self.now)?;
        }
        Ok(back)
    }

    /// A goal from a form: what is filled in and readable becomes the team's answers, the rest
    /// is asked after the SMART check.
    pub(super) fn goal_draft(&mut self, draft: &GoalDraft) -> Result<()> {
        let text = match input::clean(&draft.text, self.engine.settings.max_answer_chars) {
            Ok(t) => t.to_string(),
            Err(e) => {
                self.refuse(e);
                return Ok(());
            }
        };
        let mut known: Vec<(Sibling, String)> = Vec::new();
        if let Ok(owner) = input::clean(&draft.owner, self.engine.settings.max_answer_chars)
            && !names_no_one(owner)
            && !input::is_not_a_name(owner)
        {
            known.push((Sibling::Owner, owner.to_string()));
        }
        if let Some(d) = parse_deadline(&draft.deadline, self.today()) {
            known.push((Sibling::Deadline, d.to_string()));
        }
        for (item, value) in [
            (Sibling::Baseline, &draft.baseline),
            (Sibling::Target, &draft.target),
        ] {
            if let Ok(n) = single_number(value) {
                known.push((item, fmt_num(n)));
            }
        }
        self.enter_goal(None, Some(&text), &known)
    }

    /// Enter a goal through the step-3 questions: under the action of `like` (or the last action
    /// of this round), in the next free goal slot. With `text`, that is the goal's first answer.
    pub(super) fn enter_goal(
        &mut self,
        like: Option<&TrackedGoal>,
        text: Option<&str>,
        known: &[(Sibling, String)],
    ) -> Result<()> {
        let flow = self.flow();
        let goal_end = flow.by_role(Role::GoalGroup);
        let OpKind::GroupEnd { max, .. } = flow.op(goal_end).kind else {
            return self.ask_current();
        };
        // A goal still being entered is finished first: a second one would leave its answers
        // behind without a goal, and answer its "another goal?" for the team.
        if let Some((unfinished, at)) = self.unfinished_goal()? {
            return self.finish_first(&unfinished, at);
        }
        let Some(slot) = self.free_goal_slot(like, max)? else {
            let text = self.t("msg.goal.full").to_string();
            self.say(text);
            return self.ask_current();
        };
        self.open_goal_slot(like, slot, known)?;
        let pos = Pos {
            op: flow.sibling(goal_end, Sibling::Text)?,
            iters: vec![slot.0, slot.1],
        };
        self.return_after_goal(&pos)?;
        if let Some(t) = text {
            self.answer(pos, t)
        } else {
            let key = flow.key(&pos);
            self.store
                .update_cursor(self.team.id, Some(&key), &self.now)?;
            self.team.cursor = Some(key);
            self.ask_current()
        }
    }

    /// Finish the goal `text`, whose first answer is at `at`, before another is entered. When
    /// the team is at one of its questions, that question is asked again. Otherwise no question
    /// of it is open (answers an older koers left behind without a goal, where the walk does
    /// not pass): the team is taken to it, keeping every answer it has, its goal group
    /// reopened, and asked its next open question; once it is recorded the team is back where
    /// it was, and may drop it (`/doel schrap`) if it is no longer wanted.
    fn finish_first(&mut self, text: &str, at: Pos) -> Result<()> {
        if self.at_goal(&at) {
            let said = self.f("msg.goal.unfinished", &[("goal", text)]);
            self.say(said);
            return self.ask_current();
        }
        let said = self.f("msg.goal.unfinished_resume", &[("goal", text)]);
        self.say(said);
        let (Some(&a), Some(&g)) = (at.iters.first(), at.iters.get(1)) else {
            return self.ask_current();
        };
        self.open_goal_slot(None, (a, g), &[])?;
        self.return_after_goal(&at)?;
        // From its text on: what is answered is passed, the first open question is asked.
        let step = self.flow().op(at.op).step;
        self.walk(at, Some(step))
    }

    /// Whether the team's open question is one of the goal whose text question is `text_at`.
    fn at_goal(&self, text_at: &Pos) -> bool {
        let flow = self.flow();
        let goal_end = flow.by_role(Role::GoalGroup);
        let OpKind::GroupEnd { begin, .. } = flow.op(goal_end).kind else {
            return false;
        };
        self.team
            .cursor
            .as_deref()
            .and_then(|c| flow.parse_key(c))
            .is_some_and(|cur| {
                (begin..=goal_end).contains(&cur.op) && cur.iters.starts_with(&text_at.iters)
            })
    }

    /// The text of a goal that is written but not recorded yet (its questions are still being
    /// answered, or an older koers left them), with where it was written, if there is one this
    /// round.
    pub(super) fn unfinished_goal(&mut self) -> Result<Option<(String, Pos)>> {
        let flow = self.flow();
        let goal_end = flow.by_role(Role::GoalGroup);
        let goal_text = flow.sibling(goal_end, Sibling::Text)?;
        let (team, round) = (self.team.id, self.team.round);
        let recorded: HashSet<String> = self
            .store
            .list_goals(team, round)?
            .into_iter()
            .map(|g| g.key)
            .collect();
        for answer in self.store.list_answers(team, round)? {
            let Some(text) = answer.value else {
                continue;
            };
            let Some(pos) = flow.parse_key(&answer.key).filter(|p| p.op == goal_text) else {
                continue;
            };
            let key = flow.key(&Pos {
                op: goal_end,
                iters: pos.iters.clone(),
            });
            if !recorded.contains(&key) {
                return Ok(Some((text, pos)));
            }
        }
        Ok(None)
    }

    /// The rounds `(action, goal)` of the next free goal: under the action of `like` when it
    /// is of this round, else under the last action of this round that has an answer (or the
    /// first); `None` when that action already has `max` goals.
    fn free_goal_slot(
        &mut self,
        like: Option<&TrackedGoal>,
        max: u32,
    ) -> Result<Option<(u32, u32)>> {
        let flow = self.flow();
        let what = flow.by_role(Role::ActionText);
        let goal_text = flow.sibling(flow.by_role(Role::GoalGroup), Sibling::Text)?;
        let own_action = like
            .filter(|l| l.round == self.team.round)
            .and_then(|l| flow.parse_key(&l.key))
            .and_then(|p| p.iters.first().copied());
        let mut a = own_action.unwrap_or(1);
        while own_action.is_none()
            && self
                .get(&flow.key(&Pos {
                    op: what,
                    iters: vec![a + 1],
                }))?
                .is_some()
        {
            a += 1;
        }
        let mut g = 1;
        while g <= max
            && self
                .get(&flow.key(&Pos {
                    op: goal_text,
                    iters: vec![a, g],
                }))?
                .is_some()
        {
            g += 1;
        }
        Ok((g <= max).then_some((a, g)))
    }

    /// Make the goal slot `(a, g)` ready: its action named (after `like` when it has none
    /// yet), the goal group reopened, and what is already known recorded as its answers.
    fn open_goal_slot(
        &mut self,
        like: Option<&TrackedGoal>,
        (a, g): (u32, u32),
        known: &[(Sibling, String)],
    ) -> Result<()> {
        let flow = self.flow();
        let goal_end = flow.by_role(Role::GoalGroup);
        let what_key = flow.key(&Pos {
            op: flow.by_role(Role::ActionText),
            iters: vec![a],
        });
        if self.get(&what_key)?.is_none() {
            let action = like.map(|l| l.action_text.clone()).unwrap_or_default();
            if !action.is_empty() {
                self.record(&what_key, Some(&action), false)?;
            }
        }
        if g > 1 {
            // Reopen the goal group: "another goal for this action?" is now yes. koers says
            // so, not the team: their own answer was no, and they did not give this one.
            let more = flow.key(&Pos {
                op: goal_end,
                iters: vec![a, g - 1],
            });
            if self.get(&more)?.and_then(|m| m.value).as_deref() != Some("yes") {
                self.record(&more, Some("yes"), true)?;
            }
        }
        for (item, value) in known {
            let key = flow.key(&Pos {
                op: flow.sibling(goal_end, *item)?,
                iters: vec![a, g],
            });
            // The team took the proposal with these numbers: they are its answers.
            self.record(&key, Some(value), false)?;
        }
        Ok(())
    }

    /// Entered on the side while the team is at an earlier question than `pos`: keep that
    /// question to come back to after the goal.
    fn return_after_goal(&mut self, pos: &Pos) -> Result<()> {
        let flow = self.flow();
        if let Some(cursor) = self.team.cursor.clone()
            && let Some(cur) = flow.parse_key(&cursor)
            && flow.order(&cur) < flow.order(pos)
        {
            self.store
                .update_return_to(self.team.id, Some(&cursor), &self.now)?;
            self.team.return_to = Some(cursor);
        }
        Ok(())
    }
}
