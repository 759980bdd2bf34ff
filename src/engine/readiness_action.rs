//! Step 4's open readiness items as tracked actions. An item answered with something other than
//! "ja" is asked who picks it up and by when; with both it becomes a row in `goals` of kind
//! `readiness`, so it gets a goal's number, reminders (`reminder_plan.rs`, sent by the
//! scheduler), commands and evaluation. Its evaluation is one question: is it in place? Yes
//! closes it; no asks for a new date (or `stop` to drop it).

use anyhow::Result;
use jiff::civil::Date;

use super::Turn;
use super::flow::{OpKind, Pos};
use super::input::{is_none, is_stop};
use crate::scoring::smart::parse_deadline;
use crate::scoring::yesno::{YesNo, parse_yes_no};
use crate::states::{EvaluationStep, GoalEvent, GoalKind, GoalStatus, Outcome};
use crate::store::{Evaluation, GoalField, ReadinessAction, TrackedGoal};

/// The value stored for a date question answered "geen": no date, so no tracked action.
pub(super) const NO_DATE: &str = "none";

impl Turn<'_, '_, '_> {
    /// What a tracked goal is called for the team now: a step-4 action by its readiness
    /// item's label in the team's current language (the stored text is the label in the
    /// language the action was made in, kept for an item a newer flow no longer has); a goal by
    /// its text as written.
    pub(super) fn goal_name(&self, kind: GoalKind, key: &str, stored: &str) -> String {
        let label = format!("{key}.label");
        if kind == GoalKind::Readiness && self.engine.texts.has(self.lang, &label) {
            self.t(&label).to_string()
        } else {
            stored.to_string()
        }
    }

    /// A tracked goal as the team reads it now ([`Self::goal_name`]).
    pub(super) fn shown(&self, mut goal: TrackedGoal) -> TrackedGoal {
        goal.text = self.goal_name(goal.kind, &goal.key, &goal.text);
        goal
    }

    /// The team's goals and step-4 actions, as the team reads them now.
    pub(super) fn team_goals(&mut self) -> Result<Vec<TrackedGoal>> {
        let goals = self.store.list_team_goals(self.team.id)?;
        Ok(goals.into_iter().map(|g| self.shown(g)).collect())
    }

    /// One goal or step-4 action by its row id, as the team reads it now.
    pub(super) fn goal_by_id(&mut self, id: i64) -> Result<Option<TrackedGoal>> {
        Ok(self.store.get_goal(id)?.map(|g| self.shown(g)))
    }

    /// Whether the date question at `pos` has an owner to go with: an item whose owner question
    /// was skipped gets no date question.
    pub(super) fn has_owner(&mut self, pos: &Pos) -> Result<bool> {
        let path = &self.flow().op(pos.op).path;
        let owner = format!("{}.owner", path.trim_end_matches(".date"));
        Ok(self.get(&owner)?.and_then(|a| a.value).is_some())
    }

    /// After an answer to a readiness item, its owner or its date: keep its tracked action in
    /// step. Owner and date make (or update) it; "ja" closes it; a date taken away drops it.
    pub(super) fn track_readiness(&mut self, pos: &Pos) -> Result<()> {
        let op = self.flow().op(pos.op);
        let item = match op.kind {
            OpKind::YesNo { ask_owner: true } => op.path.as_str(),
            OpKind::Owner => op.path.trim_end_matches(".owner"),
            OpKind::OwnerDate => op.path.trim_end_matches(".date"),
            _ => return Ok(()),
        };
        let answer = self.get(item)?.and_then(|a| a.value);
        let owner = self.get(&format!("{item}.owner"))?.and_then(|a| a.value);
        let date = self
            .get(&format!("{item}.date"))?
            .and_then(|a| a.value)
            .and_then(|d| d.parse::<Date>().ok());
        let open = answer.as_deref().is_some_and(|a| a != "yes");
        match (open, owner, date) {
            (true, Some(owner), Some(date)) => self.keep_action(item, owner, date),
            _ => self.end_action(item, answer.as_deref() == Some("yes")),
        }
    }

    /// Store the action with its owner and date; a new one or a changed one is planned and
    /// said.
    fn keep_action(&mut self, item: &str, owner: String, date: Date) -> Result<()> {
        let action = ReadinessAction {
            key: item.to_string(),
            text: self.t(&format!("{item}.label")).to_string(),
            owner,
            deadline: date.to_string(),
            timezone: self.team.timezone.clone(),
            created_by: self.user.name.clone(),
            created_by_id: Some(self.user.id.clone()),
        };
        let (id, changed) = self.store.upsert_readiness_action(
            self.team.id,
            self.team.round,
            &action,
            &self.now,
        )?;
        self.store.update_goal_number(id)?;
        let Some(goal) = self.goal_by_id(id)?.filter(|_| changed) else {
            return Ok(());
        };
        if goal.status == GoalStatus::Open {
            // A new date starts afresh: an evaluation of the old date is over.
            self.store.delete_goal_evaluation(id)?;
        }
        self.schedule_reminders(&goal)?;
        let n = goal.number.to_string();
        let text = self.f(
            "msg.readiness_action.tracked",
            &[
                ("n", &n),
                ("goal", &goal.text),
                ("owner", &action.owner),
                ("deadline", &self.show_date(goal.deadline)),
            ],
        );
        // One account of what comes next, in an action's words: reminders, then on its date
        // "is it in place?" (a goal's "evaluation" would say the same thing differently).
        let (pending, _) = self.store.count_goal_reminders(id)?;
        let reminders = if let Some(finished) = self.finished_no_reminders(&goal) {
            finished
        } else if pending > 0 {
            let days = self.days_list(&self.team.reminder_days);
            self.f("msg.readiness_action.reminders_planned", &[("days", &days)])
        } else {
            self.f("msg.readiness_action.no_reminders_passed", &[("n", &n)])
        };
        self.say(format!("{text}\n{reminders}"));
        Ok(())
    }

    /// The item is in place now (`done`), or lost its owner or date: its action, if it has an
    /// unfinished one, is closed or dropped.
    fn end_action(&mut self, item: &str, done: bool) -> Result<()> {
        let Some(goal) = self
            .store
            .find_goal_by_key(self.team.id, self.team.round, item)?
            .filter(|g| g.kind == GoalKind::Readiness && !g.status.is_finished())
        else {
            return Ok(());
        };
        let event = if done {
            GoalEvent::Closed
        } else {
            GoalEvent::Dropped
        };
        self.move_goal(&goal, event, item)?;
        self.store.cancel_goal_reminders(goal.id)?;
        self.store.delete_goal_evaluation(goal.id)?;
        Ok(())
    }

    /// The question of a readiness action's evaluation: is it in place, or its new date.
    pub(super) fn readiness_question(&self, step: EvaluationStep, goal: &TrackedGoal) -> String {
        let step = if step == EvaluationStep::Next {
            "next"
        } else {
            "result"
        };
        let none = self.t("msg.skipped_value");
        self.f(
            &format!("msg.readiness_action.evaluation.{step}"),
            &[
                ("n", &goal.number.to_string()),
                ("goal", &goal.text),
                ("owner", goal.owner.as_deref().unwrap_or(none)),
            ],
        )
    }

    /// An answer in a readiness action's evaluation (`None`: skipped). In place closes it; not
    /// in place asks for a new date, which reopens it, or `stop`, which drops it.
    pub(super) fn readiness_evaluation_answer(
        &mut self,
        mut ev: Evaluation,
        goal: &TrackedGoal,
        text: Option<&str>,
    ) -> Result<()> {
        if ev.step != EvaluationStep::Next {
            match text.map(|t| (t, parse_yes_no(t))) {
                Some((_, Some(YesNo::Yes))) => return self.action_done(ev, goal),
                Some((_, Some(_))) | None => {}
                Some((_, None)) => {
                    let again = format!(
                        "{}\n\n{}",
                        self.t("msg.unreadable_yesno"),
                        self.readiness_question(EvaluationStep::Result, goal)
                    );
                    self.say(again);
                    return Ok(());
                }
            }
            ev.result = text.map(str::to_string);
            ev.step = EvaluationStep::Next;
            self.store.update_evaluation(&ev, &self.user, None)?;
            let question = self.readiness_question(EvaluationStep::Next, goal);
            self.say(question);
            return Ok(());
        }
        let Some(t) = text.filter(|t| !is_stop(t) && !is_none(t)) else {
            return self.action_dropped(ev, goal);
        };
        if let Some(date) = parse_deadline(t, self.today()) {
            // Before today no reminder and no question would come again (as `/doel verzet`).
            if date < self.today() {
                let again = format!(
                    "{}\n\n{}",
                    self.f(
                        "msg.readiness_action.date_passed",
                        &[("deadline", &self.show_date(Some(date)))]
                    ),
                    self.readiness_question(EvaluationStep::Next, goal)
                );
                self.say(again);
                return Ok(());
            }
            return self.action_new_date(goal, date);
        }
        let again = format!(
            "{}\n\n{}",
            self.t("msg.unreadable_date"),
            self.readiness_question(EvaluationStep::Next, goal)
        );
        self.say(again);
        Ok(())
    }

    /// In place: the evaluation ends, the action is closed, its reminders go.
    fn action_done(&mut self, mut ev: Evaluation, goal: &TrackedGoal) -> Result<()> {
        ev.outcome = Some(Outcome::Achieved);
        self.finish_action(ev, goal, GoalEvent::Closed, "msg.readiness_action.done")
    }

    /// Not in place and no new date: the evaluation ends, the action is dropped.
    fn action_dropped(&mut self, mut ev: Evaluation, goal: &TrackedGoal) -> Result<()> {
        ev.outcome = Some(Outcome::NotAchieved);
        self.finish_action(ev, goal, GoalEvent::Dropped, "msg.readiness_action.dropped")
    }

    fn finish_action(
        &mut self,
        mut ev: Evaluation,
        goal: &TrackedGoal,
        event: GoalEvent,
        said: &str,
    ) -> Result<()> {
        let (user, now) = (self.user.clone(), self.now.clone());
        ev.step = EvaluationStep::Done;
        self.store.update_evaluation(&ev, &user, Some(&now))?;
        self.move_goal(goal, event, "evaluation")?;
        self.store.cancel_goal_reminders(goal.id)?;
        let text = self.f(
            said,
            &[("n", &goal.number.to_string()), ("goal", &goal.text)],
        );
        self.say(text);
        self.ask_current()
    }

    /// Not in place, with a new date: the action reopens with its reminders planned again, and
    /// its next date starts a fresh evaluation.
    fn action_new_date(&mut self, goal: &TrackedGoal, date: Date) -> Result<()> {
        self.store.update_goal_field(
            goal.id,
            GoalField::Deadline,
            Some(&date.to_string()),
            Some("evaluation"),
            &self.user,
            &self.now,
        )?;
        self.store.delete_goal_evaluation(goal.id)?;
        self.move_goal(goal, GoalEvent::DeadlineMoved, "evaluation")?;
        if let Some(moved) = self.store.get_goal(goal.id)? {
            self.schedule_reminders(&moved)?;
        }
        let text = self.f(
            "msg.readiness_action.new_date",
            &[
                ("n", &goal.number.to_string()),
                ("goal", &goal.text),
                ("deadline", &self.show_date(Some(date))),
            ],
        );
        self.say(text);
        self.ask_current()
    }
}
