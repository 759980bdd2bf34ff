//! Reminder queries for failed deliveries: a try that may pass is counted and put off, one that
//! cannot pass is marked failed with its reason, and the team's failures are listed once.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;
use crate::states::{GoalKind, ReminderKind};

/// A reminder that could not be delivered, for the team's `/status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedReminder {
    /// Row id.
    pub id: i64,
    /// What it was for.
    pub kind: ReminderKind,
    /// Local time it was meant for (`2027-01-11T09:00:00`).
    pub local_at: String,
    /// The short machine reason (`discord 404 Unknown Channel`).
    pub reason: String,
    /// The goal's number in its team.
    pub goal_number: i64,
    /// The goal's text.
    pub goal_text: String,
    /// The goal's key in the flow (a step-4 action's readiness item).
    pub goal_key: String,
    /// A goal, or a step-4 action.
    pub goal_kind: GoalKind,
}

impl Store<'_> {
    /// Count one more failed try of a pending reminder; the new count (`None`: not pending).
    #[instrument(skip_all, err)]
    pub fn add_reminder_attempt(&mut self, id: i64) -> Result<Option<i64>> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET attempts = attempts + 1
                 WHERE id = ?1 AND state = 'pending' RETURNING attempts",
            )?
            .query_row(params![id], |r| r.get(0))
            .optional()
            .context("add_reminder_attempt")
    }

    /// Put off the next try of a pending reminder until `retry_at` (unix seconds).
    #[instrument(skip_all, err)]
    pub fn postpone_reminder(&mut self, id: i64, retry_at: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET retry_at = ?2 WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![id, retry_at])
            .context("postpone_reminder")?;
        Ok(())
    }

    /// Mark a pending reminder failed for good, with its reason; `false` when it was not
    /// pending.
    #[instrument(skip_all, err)]
    pub fn mark_reminder_failed(&mut self, id: i64, reason: &str, now: &str) -> Result<bool> {
        let changed = self
            .tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'failed', fail_reason = ?2, failed_at = ?3
                 WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![id, reason, now])
            .context("mark_reminder_failed")?;
        Ok(changed == 1)
    }

    /// A team's failed reminders its `/status` has not shown yet, oldest first.
    #[instrument(skip_all, err)]
    pub fn list_failed_reminders(&mut self, team_id: i64) -> Result<Vec<FailedReminder>> {
        self.tx()
            .prepare_cached(
                "SELECT r.id, r.kind, r.local_at, r.fail_reason, g.number, g.text, g.key, g.kind
                 FROM reminders r JOIN goals g ON g.id = r.goal_id
                 WHERE r.team_id = ?1 AND r.state = 'failed' AND r.fail_shown_at IS NULL
                 ORDER BY r.due_at, r.id",
            )?
            .query_map(params![team_id], |r| {
                Ok(FailedReminder {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    local_at: r.get(2)?,
                    reason: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    goal_number: r.get(4)?,
                    goal_text: r.get(5)?,
                    goal_key: r.get(6)?,
                    goal_kind: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_failed_reminders")
    }

    /// Record that the team's `/status` has shown its failed reminders.
    #[instrument(skip_all, err)]
    pub fn mark_failed_reminders_shown(&mut self, team_id: i64, now: &str) -> Result<usize> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET fail_shown_at = ?2
                 WHERE team_id = ?1 AND state = 'failed' AND fail_shown_at IS NULL",
            )?
            .execute(params![team_id, now])
            .context("mark_failed_reminders_shown")
    }
}
