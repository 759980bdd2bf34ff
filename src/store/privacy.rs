//! Privacy queries: what koers keeps about one person, and replacing their name everywhere.
//!
//! A person is their id on one platform (a Discord user id, a Matrix user id, a terminal user
//! name), never a display name: two people called Jan in two servers are two people. Their id
//! is on the answers they gave, earlier versions of those answers, the goals they entered, the
//! changes they made to goals and the evaluations they answered, in every team on that platform.

use anyhow::{Context, Result};
use rusqlite::params;
use tracing::instrument;

use super::Store;

/// How many stored items carry a person's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UserData {
    /// Answers they gave.
    pub answers: i64,
    /// Earlier versions of answers, kept when an answer was changed.
    pub history: i64,
    /// Goals they entered.
    pub goals: i64,
    /// Changes they made to goals (progress, moved deadlines, status).
    pub goal_changes: i64,
    /// Evaluations they answered last.
    pub evaluations: i64,
    /// Teams any of these belong to.
    pub teams: i64,
}

impl UserData {
    /// Everything together.
    pub fn total(&self) -> i64 {
        self.answers + self.history + self.goals + self.goal_changes + self.evaluations
    }
}

/// The teams on the platform of team `?1`.
const SAME_PLATFORM: &str =
    "SELECT id FROM teams WHERE platform = (SELECT platform FROM teams WHERE id = ?1)";

impl Store<'_> {
    /// What carries the person with platform id `user_id` on the platform of team `team_id`.
    #[instrument(skip_all, err)]
    pub fn count_user_data(&mut self, team_id: i64, user_id: &str) -> Result<UserData> {
        let sql = format!(
            "SELECT
               (SELECT count(*) FROM answers WHERE user_id = ?2 AND team_id IN ({SAME_PLATFORM})),
               (SELECT count(*) FROM answer_history
                 WHERE user_id = ?2 AND team_id IN ({SAME_PLATFORM})),
               (SELECT count(*) FROM goals WHERE created_by_id = ?2
                 AND team_id IN ({SAME_PLATFORM})),
               (SELECT count(*) FROM goal_history h JOIN goals g ON g.id = h.goal_id
                 WHERE h.user_id = ?2 AND g.team_id IN ({SAME_PLATFORM})),
               (SELECT count(*) FROM ({SAME_PLATFORM}) t WHERE
                  EXISTS (SELECT 1 FROM answers a WHERE a.team_id = t.id AND a.user_id = ?2)
                  OR EXISTS (SELECT 1 FROM goals g WHERE g.team_id = t.id AND g.created_by_id = ?2)),
               (SELECT count(*) FROM evaluations e JOIN goals g ON g.id = e.goal_id
                 WHERE e.user_id = ?2 AND g.team_id IN ({SAME_PLATFORM}))"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![team_id, user_id], |r| {
                Ok(UserData {
                    answers: r.get(0)?,
                    history: r.get(1)?,
                    goals: r.get(2)?,
                    goal_changes: r.get(3)?,
                    teams: r.get(4)?,
                    evaluations: r.get(5)?,
                })
            })
            .context("counting a person's data")
    }

    /// Replace the name and id of the person with platform id `user_id` by `replacement` (and
    /// no id) everywhere on the platform of team `team_id`; returns how many items changed.
    /// Answers themselves stay: they are the team's plan.
    #[instrument(skip_all, err)]
    pub fn anonymize_user(
        &mut self,
        team_id: i64,
        user_id: &str,
        replacement: &str,
    ) -> Result<usize> {
        let statements = [
            format!(
                "UPDATE answers SET user_name = ?3, user_id = NULL
                 WHERE user_id = ?2 AND team_id IN ({SAME_PLATFORM})"
            ),
            format!(
                "UPDATE answer_history SET user_name = ?3, user_id = NULL
                 WHERE user_id = ?2 AND team_id IN ({SAME_PLATFORM})"
            ),
            format!(
                "UPDATE goals SET created_by = ?3, created_by_id = NULL
                 WHERE created_by_id = ?2 AND team_id IN ({SAME_PLATFORM})"
            ),
            format!(
                "UPDATE goal_history SET user_name = ?3, user_id = NULL WHERE user_id = ?2
                 AND goal_id IN (SELECT id FROM goals WHERE team_id IN ({SAME_PLATFORM}))"
            ),
            format!(
                "UPDATE evaluations SET user_name = ?3, user_id = NULL WHERE user_id = ?2
                 AND goal_id IN (SELECT id FROM goals WHERE team_id IN ({SAME_PLATFORM}))"
            ),
        ];
        let mut changed = 0;
        for sql in &statements {
            changed += self
                .tx()
                .prepare_cached(sql)?
                .execute(params![team_id, user_id, replacement])
                .context("replacing a person's name")?;
        }
        Ok(changed)
    }
}
