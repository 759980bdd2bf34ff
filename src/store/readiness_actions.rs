//! Step-4 readiness items tracked as actions: a row in `goals` with kind `readiness`, so they
//! share the goals' numbers, reminders, evaluation and commands.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;
use crate::states::GoalKind;

/// An open readiness item with an owner and a date, as the team answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadinessAction {
    /// The item's key in the flow (`implementation.mandate`).
    pub key: String,
    /// The item's label in the team's language, as the action's text.
    pub text: String,
    /// Who picks it up.
    pub owner: String,
    /// When it must be done: a local date, `YYYY-MM-DD`.
    pub deadline: String,
    /// The team's time zone.
    pub timezone: String,
    /// Who answered (name shown).
    pub created_by: String,
    /// Who answered (platform id).
    pub created_by_id: Option<String>,
}

impl Store<'_> {
    /// Store or update the tracked action of a readiness item; a new date reopens it. Returns
    /// its row id and whether its owner or date changed (or it is new).
    #[instrument(skip_all, err)]
    pub fn upsert_readiness_action(
        &mut self,
        team_id: i64,
        round: u32,
        action: &ReadinessAction,
        now: &str,
    ) -> Result<(i64, bool)> {
        let before: Option<(Option<String>, Option<String>)> = self
            .tx()
            .prepare_cached(
                "SELECT owner, deadline FROM goals WHERE team_id = ?1 AND round = ?2 AND key = ?3",
            )?
            .query_row(params![team_id, round, action.key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .context("upsert_readiness_action: before")?;
        self.tx()
            .prepare_cached(
                "INSERT INTO goals (team_id, round, key, action_text, text, owner, deadline_text,
                                    deadline, timezone, created_by, created_at, updated_at,
                                    created_by_id, kind)
                 VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?9, ?10, ?11)
                 ON CONFLICT (team_id, round, key) DO UPDATE SET
                     text = excluded.text, owner = excluded.owner,
                     deadline_text = excluded.deadline_text, timezone = excluded.timezone,
                     status = CASE WHEN goals.deadline IS excluded.deadline THEN goals.status
                                   ELSE 'open' END,
                     deadline = excluded.deadline, updated_at = excluded.updated_at",
            )?
            .execute(params![
                team_id,
                round,
                action.key,
                action.text,
                action.owner,
                action.deadline,
                action.timezone,
                action.created_by,
                now,
                action.created_by_id,
                GoalKind::Readiness
            ])
            .context("upsert_readiness_action")?;
        let id = self
            .tx()
            .prepare_cached("SELECT id FROM goals WHERE team_id = ?1 AND round = ?2 AND key = ?3")?
            .query_row(params![team_id, round, action.key], |r| r.get(0))
            .context("upsert_readiness_action: id")?;
        let changed = before.is_none_or(|(owner, deadline)| {
            owner.as_deref() != Some(action.owner.as_str())
                || deadline.as_deref() != Some(action.deadline.as_str())
        });
        Ok((id, changed))
    }
}
