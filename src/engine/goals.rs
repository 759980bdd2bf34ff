//! Goal tracking commands: list, add, progress, move, close, drop, evaluate, snooze, and the
//! team's time zone and reminder schedule. Also where a goal's reminders are (re)planned.

use anyhow::Result;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::Turn;
use super::command::GoalCommand;
use super::reminder_plan::{self as plan, SEND_AT};
use crate::scoring::smart::parse_deadline;
use crate::states::{GoalEvent, GoalStatus, ReminderKind};
use crate::store::{GoalField, TrackedGoal};

impl Turn<'_, '_, '_> {
    /// Today in the team's time zone.
    pub(super) fn today(&self) -> Date {
        let now = self.engine.clock.now();
        match now.in_tz(&self.team.timezone) {
            Ok(z) => z.date(),
            Err(_) => now.to_zoned_datetime(TimeZone::UTC).date(),
        }
    }

    /// A reminder setting ("14,3,1") as the team reads it ("14, 3 en 1").
    pub(super) fn days_list(&self, setting: &str) -> String {
        let days: Vec<&str> = setting
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .collect();
        match days.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} {} {last}", rest.join(", "), self.t("msg.and")),
        }
    }

    /// Cancel a goal's pending reminders and plan them again from its deadline, keeping only
    /// the ones still ahead.
    pub(super) fn schedule_reminders(&mut self, goal: &TrackedGoal) -> Result<()> {
        self.store.cancel_goal_reminders(goal.id)?;
        let Some(deadline) = goal.deadline else {
            return Ok(());
        };
        if goal.status.is_finished() {
            return Ok(());
        }
        let Ok(tz) = TimeZone::get(&goal.timezone) else {
            tracing::warn!(
                zone = goal.timezone,
                "unknown time zone; no reminders planned"
            );
            return Ok(());
        };
        let days = plan::parse_days(&self.team.reminder_days).unwrap_or_else(|| vec![7, 1]);
        let now = self.engine.clock.now();
        // Keys are unique per reminder ever planned (a moved deadline may come back to a date
        // used before) and stored with it, so a resend after a crash reuses the same one.
        let mut seq = self.store.count_goal_reminder_rows(goal.id)?;
        for p in plan::plan(deadline, &tz, &days)? {
            if p.due_at < now {
                continue;
            }
            seq += 1;
            let key = format!("koers-g{}-r{seq}-{}", goal.id, p.kind);
            self.store.insert_reminder(
                goal.id,
                self.team.id,
                p.kind,
                p.days,
                &p.local_at.to_string(),
                &goal.timezone,
                p.due_at.as_second(),
                &key,
            )?;
        }
        Ok(())
    }

    fn goal_or_say(&mut self, n: i64) -> Result<Option<TrackedGoal>> {
        let goal = self.store.find_goal_by_number(self.team.id, n)?;
        if goal.is_none() {
            let text = self.f("msg.goal.not_found", &[("n", &n.to_string())]);
            self.say(text);
        }
        Ok(goal)
    }

    /// One line about a goal for lists.
    pub(super) fn goal_line(&self, g: &TrackedGoal) -> String {
        let status = self.t(&format!("msg.goal.status.{}", g.status)).to_string();
        let deadline = self.show_date(g.deadline);
        let days = match self.days_left(g) {
            Some(d) if d >= 0 && g.status == GoalStatus::Open => {
                self.f("msg.goal.days_left", &[("days", &d.to_string())])
            }
            Some(d) if d < 0 && g.status == GoalStatus::Open => {
                self.f("msg.goal.days_over", &[("days", &(-d).to_string())])
            }
            _ => String::new(),
        };
        let none = self.t("msg.skipped_value");
        self.f(
            "msg.goal.line",
            &[
                ("n", &g.number.to_string()),
                ("goal", &g.text),
                ("owner", g.owner.as_deref().unwrap_or(none)),
                ("deadline", &deadline),
                ("days", &days),
                ("status", &status),
                (
                    "score",
                    &g.smart_score.map_or_else(|| "?".into(), |s| s.to_string()),
                ),
            ],
        )
    }

    /// Carry out a goal command.
    pub(super) fn goal_command(&mut self, cmd: GoalCommand) -> Result<()> {
        let now = self.now.clone();
        let user = self.user.clone();
        match cmd {
            GoalCommand::List => {
                let goals = self.store.list_team_goals(self.team.id)?;
                let text = if goals.is_empty() {
                    self.t("msg.goal.none").to_string()
                } else {
                    let mut lines = vec![self.t("msg.goal.header").to_string()];
                    lines.extend(goals.iter().map(|g| self.goal_line(g)));
                    lines.join("\n")
                };
                self.say(text);
            }
            GoalCommand::Add(text) => self.enter_goal(None, text.as_deref(), &[])?,
            GoalCommand::Progress(n, value) => {
                let Some(goal) = self.goal_or_say(n)? else {
                    return Ok(());
                };
                let Some(v) = super::input::first_number(&value) else {
                    let text = self.f("msg.goal.bad_number", &[("value", &value)]);
                    self.say(text);
                    return Ok(());
                };
                self.store.update_goal_field(
                    goal.id,
                    GoalField::Current,
                    Some(&v.to_string()),
                    None,
                    &user,
                    &now,
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
            }
            GoalCommand::Move(n, date_text, reason) => {
                let Some(goal) = self.goal_or_say(n)? else {
                    return Ok(());
                };
                let date_text = date_text.as_str();
                let Some(reason) = reason.as_deref() else {
                    let text = self.t("msg.goal.move_needs_reason").to_string();
                    self.say(text);
                    return Ok(());
                };
                let Some(date) = parse_deadline(date_text, self.today()) else {
                    let text = self.f("msg.goal.bad_date", &[("value", date_text)]);
                    self.say(text);
                    return Ok(());
                };
                let iso = date.to_string();
                self.store.update_goal_field(
                    goal.id,
                    GoalField::Deadline,
                    Some(&iso),
                    Some(reason),
                    &user,
                    &now,
                )?;
                self.move_goal(&goal, GoalEvent::DeadlineMoved, reason)?;
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
            }
            GoalCommand::Close(n, reason) => self.end_goal(n, GoalEvent::Closed, reason)?,
            GoalCommand::Drop(n, reason) => self.end_goal(n, GoalEvent::Dropped, reason)?,
            GoalCommand::Evaluate(n) => {
                let Some(goal) = self.goal_or_say(n)? else {
                    return Ok(());
                };
                self.start_evaluation(&goal)?;
            }
            GoalCommand::Snooze(n, days) => {
                let Some(goal) = self.goal_or_say(n)? else {
                    return Ok(());
                };
                let Ok(tz) = TimeZone::get(&goal.timezone) else {
                    return Ok(());
                };
                let date = self.today().checked_add(jiff::Span::new().days(days))?;
                let local_at = date.to_datetime(SEND_AT);
                let due = plan::instant(local_at, &tz)?;
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
            }
            GoalCommand::Timezone(None) => {
                let text = self.f("msg.timezone.current", &[("zone", &self.team.timezone)]);
                self.say(text);
            }
            GoalCommand::Timezone(Some(zone)) => {
                if TimeZone::get(&zone).is_err() {
                    let text = self.f("msg.timezone.unknown", &[("zone", &zone)]);
                    self.say(text);
                    return Ok(());
                }
                self.store.update_team_timezone(self.team.id, &zone, &now)?;
                self.team.timezone = zone.clone();
                self.replan_team()?;
                let text = self.f("msg.timezone.set", &[("zone", &zone)]);
                self.say(text);
            }
            GoalCommand::Reminders(None) => {
                let days = self.days_list(&self.team.reminder_days);
                let text = self.f("msg.reminders.current", &[("days", &days)]);
                self.say(text);
            }
            GoalCommand::Reminders(Some(days)) => {
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
                    .update_team_reminder_days(self.team.id, &setting, &now)?;
                self.team.reminder_days = setting.clone();
                self.replan_team()?;
                let days = self.days_list(&setting);
                let text = self.f("msg.reminders.set", &[("days", &days)]);
                self.say(text);
            }
        }
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

    /// Move a goal along its life cycle ([`GoalStatus::after`]) and keep the change, with
    /// `reason`, in its history; nothing is written when the event changes nothing.
    pub(super) fn move_goal(
        &mut self,
        goal: &TrackedGoal,
        event: GoalEvent,
        reason: &str,
    ) -> Result<Option<GoalStatus>> {
        let Some(to) = goal.status.after(event) else {
            return Ok(None);
        };
        let reason = (!reason.is_empty()).then_some(reason);
        self.store.update_goal_field(
            goal.id,
            GoalField::Status,
            Some(to.as_str()),
            reason,
            &self.user,
            &self.now,
        )?;
        Ok(Some(to))
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
