//! Reminder queries: planning, finding the next due one from the partial indexes, and
//! recording sends.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, params};
use tracing::instrument;

use super::Store;
use super::goals::{GOAL_COLUMNS, TrackedGoal, goal_from_row};
use crate::states::ReminderKind;

/// A reminder ready to be sent, with what is needed to address and word it.
#[derive(Debug, Clone, PartialEq)]
pub struct DueReminder {
    /// Row id.
    pub id: i64,
    /// What it is for.
    pub kind: ReminderKind,
    /// Days before the deadline.
    pub days: i64,
    /// Local time it was meant for.
    pub local_at: String,
    /// The instant it was due (unix seconds).
    pub due_at: i64,
    /// Stable key sent with it (Discord nonce, Matrix transaction id).
    pub idem_key: String,
    /// The goal.
    pub goal: TrackedGoal,
    /// The team's platform and id there.
    pub platform: String,
    /// The team's id on its platform.
    pub external_id: String,
    /// The team's name.
    pub team_name: String,
    /// The team's language.
    pub lang: String,
    /// When it was handed to the platform before without being recorded sent (a crash or a
    /// failed try in between); `None` the first time.
    pub handed_at: Option<String>,
}

/// Which reminders a scheduler sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every team on one platform (`discord`, `matrix`).
    Platform(String),
    /// One team (the terminal: only the team in this chat).
    Team(i64),
}

/// The SQL that finds the next reminders of a platform to try (due, or backing off after a
/// failure), in the order they are to be tried; its plan is checked in a test.
pub(super) const NEXT_REMINDER_SQL: &str = "SELECT id, next_try_at, team_id FROM reminders \
     WHERE platform = ?1 AND state = 'pending' ORDER BY next_try_at, id LIMIT ?2";

/// The same for one team.
const NEXT_TEAM_REMINDER_SQL: &str = "SELECT id, next_try_at, team_id FROM reminders \
     WHERE team_id = ?1 AND state = 'pending' ORDER BY next_try_at, id LIMIT ?2";

impl Store<'_> {
    /// Add a reminder; a reminder with the same key already there is left alone.
    #[allow(clippy::too_many_arguments)]
    #[instrument(skip_all, err)]
    pub fn insert_reminder(
        &mut self,
        goal_id: i64,
        team_id: i64,
        kind: ReminderKind,
        days: i64,
        local_at: &str,
        timezone: &str,
        due_at: i64,
        idem_key: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO reminders
                     (goal_id, team_id, platform, kind, days, local_at, timezone, due_at, idem_key)
                 SELECT ?1, ?2, platform, ?3, ?4, ?5, ?6, ?7, ?8 FROM teams WHERE id = ?2
                 ON CONFLICT (idem_key) DO NOTHING",
            )?
            .execute(params![
                goal_id, team_id, kind, days, local_at, timezone, due_at, idem_key
            ])
            .context("insert_reminder")?;
        Ok(())
    }

    /// How many reminders a goal has ever had (cancelled ones too): a counter for unique keys.
    #[instrument(skip_all, err)]
    pub fn count_goal_reminder_rows(&mut self, goal_id: i64) -> Result<i64> {
        self.tx()
            .prepare_cached("SELECT COUNT(*) FROM reminders WHERE goal_id = ?1")?
            .query_row(params![goal_id], |r| r.get(0))
            .context("count_goal_reminder_rows")
    }

    /// Cancel a goal's reminders that are still to be sent (deadline moved, goal closed).
    #[instrument(skip_all, err)]
    pub fn cancel_goal_reminders(&mut self, goal_id: i64) -> Result<usize> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'cancelled' WHERE goal_id = ?1 AND state = 'pending'",
            )?
            .execute(params![goal_id])
            .context("cancel_goal_reminders")
    }

    /// The next reminder to try in `scope`: `(id, next_try_at)`.
    #[instrument(skip_all, err)]
    pub fn next_pending_reminder(&mut self, scope: &Scope) -> Result<Option<(i64, i64)>> {
        Ok(self.list_next_reminders(scope, 1)?.into_iter().next())
    }

    /// The first `limit` pending reminders of `scope` by when they are to be tried:
    /// `(id, next_try_at)` (unix seconds), from a partial index on pending reminders (no scan,
    /// however many goals there are).
    #[instrument(skip_all, err)]
    pub fn list_next_reminders(&mut self, scope: &Scope, limit: usize) -> Result<Vec<(i64, i64)>> {
        Ok(self
            .list_next_team_reminders(scope, limit)?
            .into_iter()
            .map(|(id, at, _)| (id, at))
            .collect())
    }

    /// [`Store::list_next_reminders`] with each reminder's team: `(id, next_try_at, team_id)`.
    #[instrument(skip_all, err)]
    pub fn list_next_team_reminders(
        &mut self,
        scope: &Scope,
        limit: usize,
    ) -> Result<Vec<(i64, i64, i64)>> {
        let row = |r: &Row<'_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        match scope {
            Scope::Platform(p) => self
                .tx()
                .prepare_cached(NEXT_REMINDER_SQL)?
                .query_map(params![p, limit], row)?
                .collect::<rusqlite::Result<Vec<_>>>(),
            Scope::Team(t) => self
                .tx()
                .prepare_cached(NEXT_TEAM_REMINDER_SQL)?
                .query_map(params![t, limit], row)?
                .collect::<rusqlite::Result<Vec<_>>>(),
        }
        .context("list_next_reminders")
    }

    /// A pending reminder with its goal and team.
    #[instrument(skip_all, err)]
    pub fn get_pending_reminder(&mut self, id: i64) -> Result<Option<DueReminder>> {
        let sql = format!(
            "SELECT r.id, r.kind, r.days, r.local_at, r.due_at, r.idem_key,
                    t.platform, t.external_id, t.name, t.lang, r.handed_at, {GOAL_COLUMNS}
             FROM reminders r JOIN goals g ON g.id = r.goal_id JOIN teams t ON t.id = r.team_id
             WHERE r.id = ?1 AND r.state = 'pending'"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![id], |r| {
                Ok(DueReminder {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    days: r.get(2)?,
                    local_at: r.get(3)?,
                    due_at: r.get(4)?,
                    idem_key: r.get(5)?,
                    platform: r.get(6)?,
                    external_id: r.get(7)?,
                    team_name: r.get(8)?,
                    lang: r.get(9)?,
                    handed_at: r.get(10)?,
                    goal: goal_from_row(r, 11)?,
                })
            })
            .optional()
            .context("get_pending_reminder")
    }

    /// Keep that a pending reminder is being handed to its platform now.
    #[instrument(skip_all, err)]
    pub fn update_reminder_handed(&mut self, id: i64, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET handed_at = ?2 WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![id, now])
            .context("update_reminder_handed")?;
        Ok(())
    }

    /// Mark a reminder sent and record the send, together.
    #[instrument(skip_all, err)]
    pub fn mark_reminder_sent(
        &mut self,
        id: i64,
        platform: &str,
        late: bool,
        now: &str,
    ) -> Result<bool> {
        let changed = self
            .tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'sent', sent_at = ?2, late = ?3
                 WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![id, now, late])
            .context("mark_reminder_sent")?;
        if changed == 1 {
            self.tx()
                .prepare_cached(
                    "INSERT INTO reminder_sends (reminder_id, idem_key, platform, sent_at, late)
                     SELECT id, idem_key, ?2, ?3, ?4 FROM reminders WHERE id = ?1",
                )?
                .execute(params![id, platform, now, late])
                .context("mark_reminder_sent: send record")?;
        }
        Ok(changed == 1)
    }

    /// Whether the deadline prompt of goal `goal_id` is due at unix second `now` (still to be
    /// sent, or sent): a heads-up before that deadline has nothing left to say.
    #[instrument(skip_all, err)]
    pub fn deadline_reminder_due(&mut self, goal_id: i64, now: i64) -> Result<bool> {
        self.tx()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM reminders WHERE goal_id = ?1 AND kind = ?2
                     AND due_at <= ?3 AND state IN ('pending', 'sent'))",
            )?
            .query_row(params![goal_id, ReminderKind::Deadline, now], |r| r.get(0))
            .context("deadline_reminder_due")
    }

    /// Whether another heads-up of goal `goal_id`, due after `due_at`, is due at unix second
    /// `now` and still to be sent: of two heads-ups that fell due while koers was away, the
    /// later one says it all.
    #[instrument(skip_all, err)]
    pub fn later_heads_up_due(&mut self, goal_id: i64, due_at: i64, now: i64) -> Result<bool> {
        self.tx()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM reminders WHERE goal_id = ?1 AND kind = ?2
                     AND due_at > ?3 AND due_at <= ?4 AND state = 'pending')",
            )?
            .query_row(params![goal_id, ReminderKind::Before, due_at, now], |r| {
                r.get(0)
            })
            .context("later_heads_up_due")
    }

    /// Whether the deadline prompt of goal `goal_id` is due at unix second `now` and still to
    /// be sent: a heads-up the team put off (`/sluimer`) that falls due before it is overtaken.
    #[instrument(skip_all, err)]
    pub fn deadline_reminder_waiting(&mut self, goal_id: i64, now: i64) -> Result<bool> {
        self.tx()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM reminders WHERE goal_id = ?1 AND kind = ?2
                     AND due_at <= ?3 AND state = 'pending')",
            )?
            .query_row(params![goal_id, ReminderKind::Deadline, now], |r| r.get(0))
            .context("deadline_reminder_waiting")
    }

    /// Cancel goal `goal_id`'s heads-ups put off with `/sluimer` that are still to be sent:
    /// the deadline prompt went out, and the evaluation it opens says it all.
    #[instrument(skip_all, err)]
    pub fn cancel_goal_snoozes(&mut self, goal_id: i64) -> Result<usize> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'cancelled'
                 WHERE goal_id = ?1 AND kind = ?2 AND state = 'pending'",
            )?
            .execute(params![goal_id, ReminderKind::Snooze])
            .context("cancel_goal_snoozes")
    }

    /// Drop a reminder that has nothing left to say (the evaluation it nudges is done).
    #[instrument(skip_all, err)]
    pub fn cancel_reminder(&mut self, id: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'cancelled' WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![id])
            .context("cancel_reminder")?;
        Ok(())
    }

    /// Counts of a goal's reminders by state: `(pending, sent)`.
    #[instrument(skip_all, err)]
    pub fn count_goal_reminders(&mut self, goal_id: i64) -> Result<(i64, i64)> {
        self.tx()
            .prepare_cached(
                "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'sent'), 0)
                 FROM reminders WHERE goal_id = ?1",
            )?
            .query_row(params![goal_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .context("count_goal_reminders")
    }

    /// How many sends were late (for tests and `/status`).
    #[instrument(skip_all, err)]
    pub fn count_late_sends(&mut self) -> Result<i64> {
        self.tx()
            .prepare_cached("SELECT COUNT(*) FROM reminder_sends WHERE late = 1")?
            .query_row([], |r| r.get(0))
            .context("count_late_sends")
    }
}
