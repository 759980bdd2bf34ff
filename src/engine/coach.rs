//! Coaching by experience level: what step 2's final level (startend, lerend, uitvoerend) changes
//! further on. The texts at the start of step 3 and the long-term goal are flow items with a
//! `when` on the level; here is what a condition cannot say: the check before a starting team's
//! fourth action, the deadline a starting team is advised, the level's consequences in `/status`
//! and the export, a goal whose people do not stand behind it ("Acceptabel"), and the colofon's
//! contacts at the end of the plan.

use anyhow::Result;
use jiff::ToSpan;
use jiff::civil::Date;

use super::Turn;
use super::flow::{OpKind, Pos, Role, Sibling};
use crate::scoring::level::Level;
use crate::states::GoalKind;
use crate::store::TrackedGoal;

/// The most actions the guide advises a starting team; the next one is checked.
pub(super) const STARTING_ACTIONS: u32 = 3;

/// How far ahead the guide's "short term" reaches for a starting team, in months.
const SHORT_TERM_MONTHS: i8 = 3;

impl Turn<'_, '_, '_> {
    /// The team's experience level this round: the final one, or the first while the follow-up
    /// question is open.
    pub(super) fn team_level(&mut self) -> Result<Option<Level>> {
        let flow = self.flow();
        for role in [Role::LevelResult, Role::Level] {
            let key = flow.key(&flow.role_pos(role));
            if let Some(level) = self
                .get(&key)?
                .and_then(|a| a.value)
                .and_then(|v| Level::parse_stored(&v))
            {
                return Ok(Some(level));
            }
        }
        Ok(None)
    }

    /// Whether the walk passes the item at `pos` by: the check before a fourth action is asked
    /// in the fourth round only (its `when` already limits it to starting teams).
    pub(super) fn coach_passes(&self, pos: &Pos) -> bool {
        self.flow().op(pos.op).role == Some(Role::ActionLimit)
            && pos.iters.last().copied() != Some(STARTING_ACTIONS + 1)
    }

    /// Where the walk goes after an answered item when coaching decides it: "nee" to the
    /// fourth-action check ends the actions (the round it opened is left).
    pub(super) fn coach_after(&mut self, pos: &Pos) -> Result<Option<Pos>> {
        let flow = self.flow();
        let op = flow.op(pos.op);
        if op.role != Some(Role::ActionLimit) {
            return Ok(None);
        }
        let declined = self.get(&flow.key(pos))?.and_then(|a| a.value).as_deref() == Some("no");
        let Some(OpKind::GroupBegin { end }) = op.groups.last().map(|g| &flow.op(*g).kind) else {
            return Ok(None);
        };
        if !declined {
            return Ok(None);
        }
        let mut iters = pos.iters.clone();
        iters.pop();
        Ok(Some(Pos { op: end + 1, iters }))
    }

    /// The date "about three months" from today, the deadline a starting team is advised.
    pub(super) fn short_term_date(&self) -> Option<Date> {
        self.today()
            .checked_add(i64::from(SHORT_TERM_MONTHS).months())
            .ok()
    }

    /// A line under the question at `pos` for this team's level: a starting team asked for a
    /// goal's deadline is advised one within about three months, with the date.
    pub(super) fn coach_hint(&mut self, pos: &Pos) -> Result<Option<String>> {
        let flow = self.flow();
        let deadline = flow.sibling(flow.by_role(Role::GoalGroup), Sibling::Deadline)?;
        if pos.op != deadline || self.team_level()? != Some(Level::Startend) {
            return Ok(None);
        }
        let date = self.show_date(self.short_term_date());
        Ok(Some(self.f("msg.coach.deadline_hint", &[("date", &date)])))
    }

    /// The level's consequences for `/status` and the export (the round of `self.team`).
    pub(super) fn coach_lines(&mut self) -> Result<Vec<String>> {
        let Some(level) = self.team_level()? else {
            return Ok(Vec::new());
        };
        Ok(match level {
            Level::Startend => self.startend_lines()?,
            Level::Lerend => vec![
                self.t("msg.coach.lerend").to_string(),
                self.long_term_line()?,
            ],
            Level::Uitvoerend => vec![self.t("msg.coach.uitvoerend").to_string()],
        })
    }

    /// A starting team: the advice, its number of actions, and goals due beyond the short term.
    fn startend_lines(&mut self) -> Result<Vec<String>> {
        let flow = self.flow();
        let what = flow.by_role(Role::ActionText);
        let actions = self
            .store
            .list_answers(self.team.id, self.team.round)?
            .into_iter()
            .filter(|a| a.value.is_some())
            .filter(|a| flow.parse_key(&a.key).is_some_and(|p| p.op == what))
            .count();
        let mut lines = vec![self.f(
            "msg.coach.startend",
            &[
                ("actions", &actions.to_string()),
                ("max", &STARTING_ACTIONS.to_string()),
            ],
        )];
        let horizon = self.short_term_date();
        let round = self.team.round;
        let far = self
            .store
            .list_team_goals(self.team.id)?
            .into_iter()
            .filter(|g| g.round == round && g.kind == GoalKind::Goal && !g.status.is_finished())
            .filter(|g| matches!((g.deadline, horizon), (Some(d), Some(h)) if d > h))
            .count();
        if far > 0 {
            lines.push(self.f("msg.coach.far_goals", &[("count", &far.to_string())]));
        }
        Ok(lines)
    }

    /// A learning team's long-term goal, or that it is not given yet.
    fn long_term_line(&mut self) -> Result<String> {
        let flow = self.flow();
        let key = flow.key(&flow.role_pos(Role::LongTermGoal));
        Ok(match self.get(&key)?.and_then(|a| a.value) {
            Some(goal) => self.f("msg.coach.long_term", &[("goal", &goal)]),
            None => self.t("msg.coach.long_term_missing").to_string(),
        })
    }

    /// Whether those involved stand behind the goal at `pos` (a goal group's computation), as
    /// answered: `None` when not asked or skipped.
    pub(super) fn goal_agreed(&mut self, pos: &Pos) -> Result<Option<String>> {
        self.sibling_value(Sibling::Agreed, pos)
    }

    /// "A not yet met", with a tip, for a goal whose people do not (yet) stand behind it.
    pub(super) fn support_note(&mut self, goal: &TrackedGoal) -> Result<Option<String>> {
        let flow = self.flow();
        let goal_end = flow.by_role(Role::GoalGroup);
        let Some(round) = flow.parse_key(&goal.key).filter(|p| p.op == goal_end) else {
            return Ok(None);
        };
        let key = flow.key(&Pos {
            op: flow.sibling(goal_end, Sibling::Agreed)?,
            iters: round.iters,
        });
        let agreed = self
            .store
            .get_answer(self.team.id, goal.round, &key)?
            .and_then(|a| a.value);
        Ok(agreed
            .filter(|v| v != "yes")
            .map(|_| self.t("msg.coach.support_missing").to_string()))
    }

    /// A goal's line for lists, with "A not yet met" under it when its people do not stand
    /// behind it.
    pub(super) fn goal_line_noted(&mut self, goal: &TrackedGoal) -> Result<String> {
        let line = self.goal_line(goal);
        Ok(match self.support_note(goal)? {
            Some(note) => format!("{line}\n  ⚠ {note}"),
            None => line,
        })
    }

    /// The guide's contacts, for the end of the plan.
    pub(super) fn contact(&self) -> &str {
        self.t("msg.coach.contact")
    }
}

#[cfg(test)]
#[path = "coach_tests.rs"]
mod tests;
