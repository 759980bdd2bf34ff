//! Goal tracking commands: list, add, progress, move, close, drop, evaluate, snooze, and the
//! team's time zone and reminder schedule. Also where a goal's reminders are (re)planned.

use anyhow::Result;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::Turn;
use super::evaluation::fmt_num;
use super::reminder_plan as plan;
use crate::states::{GoalEvent, GoalKind, GoalStatus, ReminderKind};
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
    /// the ones still ahead — and the evaluation prompt of a deadline that is today, which
    /// comes at once when its hour has passed.
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
        let today = now.to_zoned_datetime(tz.clone()).date();
        for p in plan::plan(deadline, &tz, &days) {
            let due_at = if p.due_at >= now {
                p.due_at
            } else if p.kind == ReminderKind::Deadline
                && deadline == today
                && goal.status == GoalStatus::Open
            {
                // A deadline of today is not past: left out, its goal would never be evaluated.
                now
            } else {
                continue;
            };
            seq += 1;
            let key = format!("koers-g{}-r{seq}-{}", goal.id, p.kind);
            self.store.insert_reminder(
                goal.id,
                self.team.id,
                p.kind,
                p.days,
                &p.local_at.to_string(),
                &goal.timezone,
                due_at.as_second(),
                &key,
            )?;
        }
        Ok(())
    }

    /// Why a goal that is evaluated, closed or dropped gets no reminders ("Doel 1 loopt niet
    /// meer (gehaald), …"); `None` while it runs. Said instead of any word about its deadline:
    /// a goal that is done with needs no action, whatever its date.
    pub(super) fn finished_no_reminders(&self, goal: &TrackedGoal) -> Option<String> {
        if !goal.status.is_finished() {
            return None;
        }
        let status = self.t(&format!("msg.goal.status.{}", goal.status));
        let key = if goal.kind == GoalKind::Readiness {
            "msg.readiness_action.finished_no_reminders"
        } else {
            "msg.goal.finished_no_reminders"
        };
        Some(self.f(key, &[("n", &goal.number.to_string()), ("status", status)]))
    }

    pub(super) fn goal_or_say(&mut self, n: i64) -> Result<Option<TrackedGoal>> {
        let goal = self
            .store
            .find_goal_by_number(self.team.id, n)?
            .map(|g| self.shown(g));
        if goal.is_none() {
            let text = self.f("msg.goal.not_found", &[("n", &n.to_string())]);
            self.say(text);
        }
        Ok(goal)
    }

    /// How far an open goal or action is from its deadline, for its line in a list ("(nog 3
    /// dag(en)) ", "(vandaag) ", "(2 dag(en) over de deadline) "); empty when it is done or
    /// has no deadline.
    pub(super) fn days_note(&self, g: &TrackedGoal) -> String {
        match self.days_left(g) {
            _ if g.status != GoalStatus::Open => String::new(),
            Some(0) => self.t("msg.goal.days_today").to_string(),
            Some(d) if d > 0 => self.f("msg.goal.days_left", &[("days", &d.to_string())]),
            Some(d) => self.f("msg.goal.days_over", &[("days", &(-d).to_string())]),
            None => String::new(),
        }
    }

    /// One line about a goal for lists (a step-4 action has its own, [`Self::readiness_line`]).
    pub(super) fn goal_line(&self, g: &TrackedGoal) -> String {
        if g.kind == GoalKind::Readiness {
            return self.readiness_line(g);
        }
        let status = self.t(&format!("msg.goal.status.{}", g.status)).to_string();
        let deadline = self.show_date(g.deadline);
        let days = self.days_note(g);
        // The value last recorded with `/doel voortgang`, where the team stands now.
        let progress = g.current.map_or_else(String::new, |current| {
            self.f("msg.goal.line_progress", &[("current", &fmt_num(current))])
        });
        let none = self.t("msg.skipped_value");
        self.f(
            "msg.goal.line",
            &[
                ("n", &g.number.to_string()),
                ("goal", &g.text),
                ("owner", g.owner.as_deref().unwrap_or(none)),
                ("deadline", &deadline),
                ("days", &days),
                ("progress", &progress),
                ("status", &status),
                (
                    "score",
                    &g.smart_score.map_or_else(|| "?".into(), |s| s.to_string()),
                ),
            ],
        )
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
}
