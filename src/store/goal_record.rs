//! Recording a step-3 goal from its answers ([`Goal`]), and reading a round's goals back.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;

/// A step-3 goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// Key of the goal's group round, e.g. `action.action#1.goal#2`.
    pub key: String,
    /// The action it belongs to.
    pub action_text: String,
    /// The goal as written.
    pub text: String,
    /// Who owns it.
    pub owner: Option<String>,
    /// The deadline as written.
    pub deadline_text: Option<String>,
    /// Current value as written.
    pub baseline_text: Option<String>,
    /// Target value as written.
    pub target_text: Option<String>,
    /// Who entered it (name shown).
    pub created_by: String,
    /// Who entered it (platform id).
    pub created_by_id: Option<String>,
}

/// A goal's deadline and the answers it was last built from: the deadline differs from what
/// the answers say when a command moved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineBasis {
    /// The goal text as last stored.
    pub text: String,
    /// The deadline answer as last stored.
    pub deadline_text: Option<String>,
    /// The deadline it has now, `YYYY-MM-DD`.
    pub deadline: Option<String>,
}

impl Store<'_> {
    /// Store or update a goal from its answers.
    #[instrument(skip_all, err)]
    pub fn upsert_goal(&mut self, team_id: i64, round: u32, goal: &Goal, now: &str) -> Result<i64> {
        self.tx()
            .prepare_cached(
                "INSERT INTO goals (team_id, round, key, action_text, text, owner, deadline_text,
                                    baseline_text, target_text, created_by, created_at, updated_at,
                                    created_by_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)
                 ON CONFLICT (team_id, round, key) DO UPDATE SET
                     action_text = excluded.action_text, text = excluded.text,
                     owner = excluded.owner, deadline_text = excluded.deadline_text,
                     baseline_text = excluded.baseline_text, target_text = excluded.target_text,
                     updated_at = excluded.updated_at",
            )?
            .execute(params![
                team_id,
                round,
                goal.key,
                goal.action_text,
                goal.text,
                goal.owner,
                goal.deadline_text,
                goal.baseline_text,
                goal.target_text,
                goal.created_by,
                now,
                goal.created_by_id
            ])
            .context("upsert_goal")?;
        self.tx()
            .prepare_cached("SELECT id FROM goals WHERE team_id = ?1 AND round = ?2 AND key = ?3")?
            .query_row(params![team_id, round, goal.key], |r| r.get(0))
            .context("upsert_goal: id")
    }

    /// What the stored goal of `key` was last built from, and the deadline it has now.
    #[instrument(skip_all, err)]
    pub fn find_goal_deadline_basis(
        &mut self,
        team_id: i64,
        round: u32,
        key: &str,
    ) -> Result<Option<DeadlineBasis>> {
        self.tx()
            .prepare_cached(
                "SELECT text, deadline_text, deadline FROM goals
                 WHERE team_id = ?1 AND round = ?2 AND key = ?3",
            )?
            .query_row(params![team_id, round, key], |r| {
                Ok(DeadlineBasis {
                    text: r.get(0)?,
                    deadline_text: r.get(1)?,
                    deadline: r.get(2)?,
                })
            })
            .optional()
            .context("find_goal_deadline_basis")
    }

    /// The step-3 goals of a round, in entry order (not the step-4 actions).
    #[instrument(skip_all, err)]
    pub fn list_goals(&mut self, team_id: i64, round: u32) -> Result<Vec<Goal>> {
        self.tx()
            .prepare_cached(
                "SELECT key, action_text, text, owner, deadline_text, baseline_text, target_text,
                        created_by, created_by_id
                 FROM goals WHERE team_id = ?1 AND round = ?2 AND kind = 'goal' ORDER BY id",
            )?
            .query_map(params![team_id, round], |r| {
                Ok(Goal {
                    key: r.get(0)?,
                    action_text: r.get(1)?,
                    text: r.get(2)?,
                    owner: r.get(3)?,
                    deadline_text: r.get(4)?,
                    baseline_text: r.get(5)?,
                    target_text: r.get(6)?,
                    created_by: r.get(7)?,
                    created_by_id: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_goals")
    }
}
