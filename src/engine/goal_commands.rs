//! The goal-tracking commands, one function each: `/doel …`, `/evalueer`, `/sluimer`,
//! `/tijdzone`, `/herinneringen`.

use anyhow::Result;
use jiff::tz::TimeZone;

use super::Turn;
use super::command::GoalCommand;
use super::error::UserError;
use super::move_date::date_and_reason;
use super::reminder_plan::{self as plan, SEND_AT};
use crate::states::{EvaluationStep, GoalEvent, GoalStatus, ReminderKind};
use crate::store::{GoalField, TrackedGoal};

impl Turn<'_, '_, '_> {
    /// Carry out a goal command.
    pub(super) fn goal_command(&mut self, cmd: GoalCommand) -> Result<()> {
        match cmd {
            GoalCommand::List => self.list_goals(),
            GoalCommand::Add(text) => self.enter_goal(None, text.as_deref(), &[]),
            GoalCommand::Progress(n, value) => self.record_progress(n, &value),
            GoalCommand::Move(n, date, reason) => self.move_deadline(n, &date, reason.as_deref()),
            GoalCommand::Close(n, reason) => self.end_goal(n, GoalEvent::Closed, reason),
            GoalCommand::Drop(n, reason) => self.end_goal(n, GoalEvent::Dropped, reason),
            GoalCommand::Evaluate(n) => match self.goal_or_say(n)? {
                Some(goal) => self.start_evaluation(&goal),
                None => Ok(()),
            },
            GoalCommand::Snooze(n, days) => self.snooze(n, days),
            GoalCommand::Timezone(zone) => self.timezone(zone),
            GoalCommand::Reminders(days) => self.reminder_days(days),
        }
    }

    /// `/doel`: every goal with its status and days left, and a goal still being entered
    /// (its text given, its other questions not yet answered), which is not one yet.
    fn list_goals(&mut self) -> Result<()> {
        let goals = self.team_goals()?;
        let entering = self
            .unfinished_goal()?
            .map(|(text, _)| self.f("msg.goal.entering", &[("goal", &text)]));
        let mut lines = Vec::new();
        if !goals.is_empty() {
            lines.push(self.t("msg.goal.header").to_string());
            for g in &goals {
                lines.push(self.goal_line_noted(g)?);
            }
        } else if entering.is_none() {
            lines.push(self.t("msg.goal.none").to_string());
        }
        lines.extend(entering);
        self.say(lines.join("\n"));
        Ok(())
    }

    /// `/doel voortgang n waarde`: the goal's current value.
    fn record_progress(&mut self, n: i64, value: &str) -> Result<()> {
        let Some(goal) = self.goal_or_say(n)? else {
            return Ok(());
        };
        if goal.kind == crate::states::GoalKind::Readiness {
            let text = self.f("msg.readiness_action.no_progress", &[("n", &n.to_string())]);
            self.say(text);
            return Ok(());
        }
        if let Some(exp) = self.store.find_experiment(goal.id)? {
            return self.experiment_progress(&goal, &exp, value);
        }
        let v = match super::input::single_number(value) {
            Ok(v) => v,
            Err(several @ UserError::SeveralNumbers(_)) => {
                self.refuse(several);
                return Ok(());
            }
            Err(_) => {
                let text = self.f("msg.goal.bad_number", &[("value", value)]);
                self.say(text);
                return Ok(());
            }
        };
        self.store.update_goal_field(
            goal.id,
            GoalField::Current,
            Some(&v.to_string()),
            None,
            &self.user,
            &self.now,
        )?;
        let target = goal.target.map_or_else(|| "?".into(), |t| t.to_string());
        let text = self.f(
            "msg.goal.progress",
            &[
                ("n", &n.to_string()),
                ("value", &v.to_string()),
                ("target", &target),
            ],
        );
        self.say(text);
        Ok(())
    }

    /// `/doel verzet n datum reden`: a new deadline, with why; an evaluating goal reopens.
    fn move_deadline(&mut self, n: i64, date_text: &str, reason: Option<&str>) -> Result<()> {
        let Some(goal) = self.goal_or_say(n)? else {
            return Ok(());
        };
        if self.done_with(&goal) {
            return Ok(());
        }
        // The date first: one that cannot be read or has passed is said to be so, whatever
        // the reason.
        let (date, reason) = match date_and_reason(date_text, reason, self.today()) {
            Ok(read) => read,
            Err(unread) => {
                let text = self.f("msg.goal.bad_date", &[("value", &unread)]);
                self.say(text);
                return Ok(());
            }
        };
        // A deadline before today has no reminders and no evaluation prompt left: moved there,
        // the goal would never be evaluated. Evaluating now is what such a team wants.
        if date < self.today() {
            let text = self.f(
                "msg.goal.move_passed",
                &[
                    ("n", &n.to_string()),
                    ("deadline", &self.show_date(Some(date))),
                    ("old", &self.show_date(goal.deadline)),
                ],
            );
            self.say(text);
            return Ok(());
        }
        let Some(reason) = reason.as_deref() else {
            let text = self.t("msg.goal.move_needs_reason").to_string();
            self.say(text);
            return Ok(());
        };
        self.store.update_goal_field(
            goal.id,
            GoalField::Deadline,
            Some(&date.to_string()),
            Some(reason),
            &self.user,
            &self.now,
        )?;
        self.move_goal(&goal, GoalEvent::DeadlineMoved, reason)?;
        // An open evaluation is answered by the new date: the goal runs on until then, and is
        // evaluated afresh (an experiment's counts too) at its new deadline.
        let open = self
            .store
            .find_goal_evaluation(goal.id)?
            .is_some_and(|e| e.step != EvaluationStep::Done);
        if goal.kind == crate::states::GoalKind::Readiness || open {
            if open && goal.kind == crate::states::GoalKind::Goal {
                self.restart_experiment(&goal)?;
            }
            self.store.delete_goal_evaluation(goal.id)?;
        }
        if let Some(moved) = self.store.get_goal(goal.id)? {
            self.schedule_reminders(&moved)?;
        }
        let text = self.f(
            "msg.goal.moved",
            &[
                ("n", &n.to_string()),
                ("deadline", &self.show_date(Some(date))),
            ],
        );
        self.say(text);
        if open && goal.kind == crate::states::GoalKind::Goal {
            let text = self.f("msg.goal.moved_evaluation_closed", &[("n", &n.to_string())]);
            self.say(text);
            // The question the next answer goes to is no longer the evaluation's.
            return self.ask_current();
        }
        Ok(())
    }

    /// A goal that is evaluated, closed or dropped gets no reminders: a command that would plan
    /// one is refused, saying so (`true`).
    fn done_with(&mut self, goal: &TrackedGoal) -> bool {
        let Some(text) = self.finished_no_reminders(goal) else {
            return false;
        };
        self.say(text);
        true
    }

    /// `/sluimer n dagen`: one more reminder, that many days from today.
    fn snooze(&mut self, n: i64, days: i64) -> Result<()> {
        let Some(goal) = self.goal_or_say(n)? else {
            return Ok(());
        };
        if self.done_with(&goal) {
            return Ok(());
        }
        // A zone the time-zone database no longer knows: say so, as `/tijdzone` does.
        let Ok(tz) = TimeZone::get(&goal.timezone) else {
            let text = self.f("msg.timezone.unknown", &[("zone", &goal.timezone)]);
            self.say(text);
            return Ok(());
        };
        let date = self.today().checked_add(jiff::Span::new().days(days))?;
        // After a deadline whose evaluation prompt is still to come, that prompt comes first
        // and drops the snooze with it: say so rather than confirm a date that never comes.
        // Once the evaluation is open, a snooze reminds of it and comes as asked.
        if goal.status == GoalStatus::Open
            && let Some(deadline) = goal.deadline
            && deadline >= self.today()
            && date > deadline
        {
            let text = self.f(
                "msg.goal.snooze_past_deadline",
                &[
                    ("n", &n.to_string()),
                    ("date", &self.show_date(Some(date))),
                    ("deadline", &self.show_date(Some(deadline))),
                    ("days", &self.days_left(&goal).unwrap_or(0).to_string()),
                ],
            );
            self.say(text);
            return Ok(());
        }
        let local_at = date.to_datetime(SEND_AT);
        let due = plan::instant(local_at, &tz)?;
        // The latest snooze replaces one still pending: the date confirmed is the one kept.
        self.store.cancel_goal_snoozes(goal.id)?;
        let seq = self.store.count_goal_reminder_rows(goal.id)? + 1;
        let key = format!("koers-g{}-r{seq}-snooze", goal.id);
        self.store.insert_reminder(
            goal.id,
            self.team.id,
            ReminderKind::Snooze,
            days,
            &local_at.to_string(),
            &goal.timezone,
            due.as_second(),
            &key,
        )?;
        let text = self.f(
            "msg.goal.snoozed",
            &[("n", &n.to_string()), ("date", &self.show_date(Some(date)))],
        );
        self.say(text);
        Ok(())
    }

    /// `/tijdzone [zone]`: show it, or set it and move every open goal's reminders with it.
    fn timezone(&mut self, zone: Option<String>) -> Result<()> {
        let Some(zone) = zone else {
            let text = self.f("msg.timezone.current", &[("zone", &self.team.timezone)]);
            self.say(text);
            return Ok(());
        };
        if TimeZone::get(&zone).is_err() {
            let text = self.f("msg.timezone.unknown", &[("zone", &zone)]);
            self.say(text);
            return Ok(());
        }
        self.store
            .update_team_timezone(self.team.id, &zone, &self.now)?;
        self.team.timezone.clone_from(&zone);
        self.replan_team()?;
        let text = self.f("msg.timezone.set", &[("zone", &zone)]);
        self.say(text);
        Ok(())
    }

    /// `/herinneringen [dagen]`: show them, or set them and plan every open goal again.
    fn reminder_days(&mut self, days: Option<String>) -> Result<()> {
        let Some(days) = days else {
            let days = self.days_list(&self.team.reminder_days);
            let text = self.f("msg.reminders.current", &[("days", &days)]);
            self.say(text);
            return Ok(());
        };
        let Some(parsed) = plan::parse_days(&days) else {
            let text = self.f("msg.reminders.bad", &[("value", &days)]);
            self.say(text);
            return Ok(());
        };
        let setting = parsed
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        self.store
            .update_team_reminder_days(self.team.id, &setting, &self.now)?;
        self.team.reminder_days.clone_from(&setting);
        self.replan_team()?;
        let days = self.days_list(&setting);
        let text = self.f("msg.reminders.set", &[("days", &days)]);
        self.say(text);
        Ok(())
    }

    /// Close or drop goal `n`: its pending reminders go, the change is kept with its reason.
    fn end_goal(&mut self, n: i64, event: GoalEvent, reason: Option<String>) -> Result<()> {
        let Some(goal) = self.goal_or_say(n)? else {
            return Ok(());
        };
        let status = match event {
            GoalEvent::Dropped => GoalStatus::Dropped,
            _ => GoalStatus::Closed,
        };
        let why = reason.as_deref().unwrap_or_default();
        self.move_goal(&goal, event, why)?;
        self.store.cancel_goal_reminders(goal.id)?;
        let text = self.f(&format!("msg.goal.{status}"), &[("n", &n.to_string())]);
        self.say(text);
        Ok(())
    }

    /// Plan every open goal's reminders again in the team's (new) zone and schedule.
    fn replan_team(&mut self) -> Result<()> {
        let (user, now) = (self.user.clone(), self.now.clone());
        for mut goal in self.store.list_team_goals(self.team.id)? {
            if goal.status != GoalStatus::Open {
                continue;
            }
            if goal.timezone != self.team.timezone {
                self.store.update_goal_field(
                    goal.id,
                    GoalField::Timezone,
                    Some(&self.team.timezone),
                    None,
                    &user,
                    &now,
                )?;
                goal.timezone = self.team.timezone.clone();
            }
            self.schedule_reminders(&goal)?;
        }
        Ok(())
    }
}
