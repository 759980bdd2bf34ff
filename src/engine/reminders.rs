//! Wording and recording reminders: the engine side of the scheduler.

use crate::states::{EvaluationStep, GoalEvent, GoalStatus, ReminderKind};
use std::sync::Arc;

use anyhow::{Context, Result};
use jiff::civil::Date;

use super::{Engine, Reply, TeamKey, Turn};
use crate::store::{Db, DueReminder, GoalField, TrackedGoal};

/// A reminder sent this late after its time is marked late (koers was down or busy).
const LATE_AFTER_SECONDS: i64 = 60;

/// A reminder worded and ready for a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The reminder's row id.
    pub reminder_id: i64,
    /// Where it goes.
    pub team: TeamKey,
    /// What it says.
    pub reply: Reply,
    /// Stable idempotency key for the platform.
    pub key: String,
    /// Whether it is sent after its time (koers was down).
    pub late: bool,
    /// What it is for.
    pub kind: ReminderKind,
    /// The goal it is about.
    pub goal_id: i64,
}

impl Engine {
    /// The injected clock's now.
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    /// Word a pending reminder in its team's language; `None` when it has nothing left to say
    /// (then it is cancelled), e.g. a nudge for an evaluation that is already done.
    pub fn prepare_reminder(self: &Arc<Self>, db: &Db, id: i64) -> Result<Option<Outgoing>> {
        let engine = Arc::clone(self);
        db.run(move |store| {
            let Some(due) = store.get_pending_reminder(id)? else {
                return Ok(None);
            };
            let team = store
                .find_team(&due.platform, &due.external_id)?
                .context("reminder of a team that is gone")?;
            let mut turn = Turn::new(&engine, store, team, crate::store::Person::koers());
            turn.now = engine.clock.now().to_string();
            let late = engine.clock.now().as_second() - due.due_at > LATE_AFTER_SECONDS;
            if turn.overtaken(&due, engine.clock.now().as_second())? {
                turn.store.cancel_reminder(id)?;
                return Ok(None);
            }
            if let Some(mut text) = turn.reminder_text(&due, late)? {
                // Kept before the hand-over: a reminder handed over before and still pending may
                // be on a terminal's screen already (a crash between print and record), and a
                // terminal cannot drop the resend as Discord and Matrix do by its key.
                if due.handed_at.is_some() && !drops_resends(&due.platform) {
                    text = format!("{}\n{text}", turn.t("msg.reminder.possible_repeat"));
                }
                turn.store.update_reminder_handed(due.id, &turn.now)?;
                Ok(Some(Outgoing {
                    reminder_id: due.id,
                    team: TeamKey {
                        platform: due.platform.clone(),
                        id: due.external_id.clone(),
                        name: due.team_name.clone(),
                    },
                    reply: Reply {
                        text,
                        // Buttons on platforms that have them: snooze, or evaluate now.
                        about: Some(super::About::Reminder {
                            goal: due.goal.number,
                        }),
                        choices: ["snooze", "move", "evaluate"]
                            .iter()
                            .map(|id| super::Choice {
                                id: (*id).to_string(),
                                label: turn.t(&format!("msg.reminder.button_{id}")).to_string(),
                            })
                            .collect(),
                        audience: crate::engine::Audience::Team,
                        ..Default::default()
                    },
                    key: due.idem_key.clone(),
                    late,
                    kind: due.kind,
                    goal_id: due.goal.id,
                }))
            } else {
                turn.store.cancel_reminder(id)?;
                Ok(None)
            }
        })
    }

    /// Record that `out` was delivered: marked sent with its send record in one transaction;
    /// at a deadline the goal's evaluation starts in that same transaction.
    pub fn confirm_reminder(
        self: &Arc<Self>,
        db: &Db,
        out: &Outgoing,
        platform: &str,
    ) -> Result<()> {
        let (id, goal_id, late, kind) = (out.reminder_id, out.goal_id, out.late, out.kind);
        let platform = platform.to_string();
        let now = self.clock.now().to_string();
        db.run(move |store| {
            if store.mark_reminder_sent(id, &platform, late, &now)?
                && kind == ReminderKind::Deadline
            {
                if let Some(goal) = store.get_goal(goal_id)?
                    && let Some(to) = goal.status.after(GoalEvent::EvaluationStarted)
                {
                    store.update_goal_field(
                        goal_id,
                        GoalField::Status,
                        Some(to.as_str()),
                        Some("deadline"),
                        &crate::store::Person::koers(),
                        &now,
                    )?;
                }
                store.insert_evaluation(goal_id, &now)?;
                // The evaluation is open: a heads-up the team put off past the deadline would
                // now only repeat the prompt.
                store.cancel_goal_snoozes(goal_id)?;
            }
            Ok(())
        })
    }
}

impl Turn<'_, '_, '_> {
    /// The deadline of a goal as the team reads it (`30-06-2027`).
    pub(super) fn show_date(&self, date: Option<Date>) -> String {
        match date {
            Some(d) => d.strftime("%d-%m-%Y").to_string(),
            None => self.t("msg.skipped_value").to_string(),
        }
    }

    /// Days from today (in the goal's zone) to its deadline; negative when passed.
    pub(super) fn days_left(&self, goal: &TrackedGoal) -> Option<i64> {
        let deadline = goal.deadline?;
        let today = self.engine.clock.now().in_tz(&goal.timezone).ok()?.date();
        Some(i64::from((deadline - today).get_days()))
    }

    /// Whether a heads-up has nothing left to say because the goal's deadline prompt overtook
    /// it (dropped in the transaction that would have worded it). A heads-up that fell due
    /// while koers was away, when the deadline prompt is due too (still to go, or gone): the
    /// prompt says it all; and when a later heads-up of the goal is due too, that one (its
    /// days left are the same, counted from today). One put off with `/sluimer` likewise while the prompt is still to
    /// go; the prompt cancels those that wait when it goes out, so one still waiting after it
    /// was asked for since, during the evaluation, and comes as asked.
    fn overtaken(&mut self, due: &DueReminder, now: i64) -> Result<bool> {
        match due.kind {
            // Of two heads-ups due together the later says it all, unless the earlier was
            // handed over already: then it may be on the team's screen (a kill between print
            // and record), and it goes out again as every handed-over reminder does, so that
            // what was shown is recorded as sent.
            ReminderKind::Before => Ok(self.store.deadline_reminder_due(due.goal.id, now)?
                || due.handed_at.is_none()
                    && self
                        .store
                        .later_heads_up_due(due.goal.id, due.due_at, now)?),
            ReminderKind::Snooze => self.store.deadline_reminder_waiting(due.goal.id, now),
            ReminderKind::Deadline | ReminderKind::Nudge => Ok(false),
        }
    }

    fn reminder_text(&mut self, due: &DueReminder, late: bool) -> Result<Option<String>> {
        let goal = &self.shown(due.goal.clone());
        let n = goal.number.to_string();
        let deadline = self.show_date(goal.deadline);
        let owner = goal.owner.as_deref().unwrap_or(self.t("msg.skipped_value"));
        let args = [
            ("n", n.as_str()),
            ("goal", goal.text.as_str()),
            ("deadline", deadline.as_str()),
            ("owner", owner),
        ];
        // A step-4 action has its own words for the same reminders.
        let readiness = goal.kind == crate::states::GoalKind::Readiness;
        let key = |k: &str| {
            if readiness {
                format!("msg.readiness_action.reminder.{k}")
            } else {
                format!("msg.reminder.{k}")
            }
        };
        let text = match due.kind {
            ReminderKind::Before | ReminderKind::Snooze => {
                if matches!(goal.status, GoalStatus::Closed | GoalStatus::Dropped) {
                    return Ok(None);
                }
                // Put off while the evaluation is open (after its deadline prompt, or
                // `/evalueer`): what waits is the evaluation, not a deadline to come.
                if let Some(open) = self.open_evaluation_reminder(goal, &key("nudge"), &args)? {
                    return Ok(Some(self.mark_late(open, late)));
                }
                let left = self.days_left(goal).unwrap_or(due.days);
                let mut a = args.to_vec();
                if left < 0 {
                    // Sent late, after the deadline: say when it was meant for, not "-6 days
                    // left".
                    let days = due.days.to_string();
                    a.push(("days", &days));
                    self.f(&key("before_late"), &a)
                } else {
                    // On the deadline itself: that it is today, not "0 days left".
                    let when = if left == 0 {
                        self.t("msg.reminder.left_today").to_string()
                    } else if left == 1 {
                        self.t("msg.reminder.left_tomorrow").to_string()
                    } else {
                        self.f("msg.reminder.left_days", &[("days", &left.to_string())])
                    };
                    a.push(("left", &when));
                    // An experiment's progress is four counts: its heads-up shows that form.
                    let experiment = !readiness && self.store.find_experiment(goal.id)?.is_some();
                    let which = if experiment {
                        "before_experiment"
                    } else {
                        "before"
                    };
                    self.f(&key(which), &a)
                }
            }
            ReminderKind::Deadline => {
                if matches!(goal.status, GoalStatus::Closed | GoalStatus::Dropped) {
                    return Ok(None);
                }
                format!(
                    "{}\n\n{}",
                    self.f(&key("deadline"), &args),
                    self.evaluation_question(EvaluationStep::Result, goal)?
                )
            }
            ReminderKind::Nudge => {
                let Some(text) = self.open_evaluation_reminder(goal, &key("nudge"), &args)? else {
                    return Ok(None);
                };
                text
            }
        };
        Ok(Some(self.mark_late(text, late)))
    }

    /// "The evaluation of goal n is still open", with the question it is at, when the goal's
    /// evaluation is open; `None` when it is not (never started, or done).
    fn open_evaluation_reminder(
        &mut self,
        goal: &TrackedGoal,
        key: &str,
        args: &[(&str, &str)],
    ) -> Result<Option<String>> {
        let Some(ev) = self
            .store
            .find_goal_evaluation(goal.id)?
            .filter(|e| e.step != EvaluationStep::Done)
        else {
            return Ok(None);
        };
        Ok(Some(format!(
            "{}\n\n{}",
            self.f(key, args),
            self.evaluation_step_question(&ev, goal)?
        )))
    }

    /// `text` with the line that says it comes late, when it does.
    fn mark_late(&self, text: String, late: bool) -> String {
        if late {
            format!("{}\n{text}", self.t("msg.reminder.late"))
        } else {
            text
        }
    }
}

impl Turn<'_, '_, '_> {
    /// Lines for `/status` about the team's reminders that could not be delivered and that it
    /// has not been shown yet: goal, when it was meant for and why, in plain words. They are
    /// shown once: listing them marks them shown, in the same transaction as the reply.
    pub(super) fn failed_reminder_lines(&mut self) -> Result<Vec<String>> {
        let failed = self.store.list_failed_reminders(self.team.id)?;
        if failed.is_empty() {
            return Ok(Vec::new());
        }
        let mut lines = vec![
            String::new(),
            self.t("msg.status.failed_reminders").to_string(),
        ];
        for f in &failed {
            let when = f.local_at.parse::<jiff::civil::DateTime>().map_or_else(
                |_| f.local_at.clone(),
                |d| d.strftime("%d-%m-%Y %H:%M").to_string(),
            );
            let name = self.goal_name(f.goal_kind, &f.goal_key, &f.goal_text);
            let mut goal: String = name.chars().take(GOAL_CHARS).collect();
            if goal.len() < name.len() {
                goal.push('…');
            }
            let reason = self.f(
                &format!("msg.status.failed_reason.{}", reason_kind(&f.reason)),
                &[("detail", &f.reason)],
            );
            lines.push(self.f(
                "msg.status.failed_reminder_item",
                &[
                    ("n", &f.goal_number.to_string()),
                    ("goal", &goal),
                    ("when", &when),
                    ("reason", &reason),
                ],
            ));
        }
        let now = self.engine.clock.now().to_string();
        self.store.mark_failed_reminders_shown(self.team.id, &now)?;
        Ok(lines)
    }
}

/// How much of a goal's text a failed-reminder line quotes.
const GOAL_CHARS: usize = 60;

/// Which plain-language reason fits a failed reminder's machine reason
/// (`<platform> <code> <detail>`, see [`crate::reminders::DeliveryError::Permanent`]).
fn reason_kind(reason: &str) -> &'static str {
    match reason.split_whitespace().nth(1).unwrap_or_default() {
        "404" | "M_NOT_FOUND" => "gone",
        "403" | "M_FORBIDDEN" => "forbidden",
        "413" | "M_TOO_LARGE" => "too_large",
        crate::reminders::scheduler::GAVE_UP => "gave_up",
        _ => "other",
    }
}

/// Whether `platform` shows a resend with the same idempotency key once: Discord (its nonce
/// with `enforce_nonce`) and Matrix (its transaction id) do; a terminal prints every send.
fn drops_resends(platform: &str) -> bool {
    platform != "terminal"
}
