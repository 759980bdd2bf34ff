//! Forgetting one person in one team: their name and id replaced by a pseudonym, their answers
//! deleted, the id taken out of free texts (the engine's `forget.rs` decides what and where).

use anyhow::{Context, Result};
use rusqlite::params;
use tracing::instrument;

use super::{PersonEvaluation, Store};

impl Store<'_> {
    /// Forget that `user_id` was told in a team what koers keeps.
    #[instrument(skip_all, err)]
    pub fn delete_privacy_notice(&mut self, team_id: i64, user_id: &str) -> Result<usize> {
        self.tx()
            .prepare_cached("DELETE FROM privacy_notices WHERE team_id = ?1 AND user_id = ?2")?
            .execute(params![team_id, user_id])
            .context("delete_privacy_notice")
    }

    /// Put `pseudonym` (and no id) where a team's answers, earlier versions, goals, goal
    /// changes and evaluations name `user_id`; how many rows changed.
    #[instrument(skip_all, err)]
    pub fn anonymize_person(
        &mut self,
        team_id: i64,
        user_id: &str,
        pseudonym: &str,
    ) -> Result<usize> {
        const STATEMENTS: [&str; 5] = [
            "UPDATE answers SET user_name = ?3, user_id = NULL WHERE team_id = ?1 AND user_id = ?2",
            "UPDATE answer_history SET user_name = ?3, user_id = NULL
             WHERE team_id = ?1 AND user_id = ?2",
            "UPDATE goals SET created_by = ?3, created_by_id = NULL
             WHERE team_id = ?1 AND created_by_id = ?2",
            "UPDATE goal_history SET user_name = ?3, user_id = NULL
             WHERE user_id = ?2 AND goal_id IN (SELECT id FROM goals WHERE team_id = ?1)",
            "UPDATE evaluations SET user_name = ?3, user_id = NULL
             WHERE user_id = ?2 AND goal_id IN (SELECT id FROM goals WHERE team_id = ?1)",
        ];
        let mut changed = 0;
        for sql in STATEMENTS {
            changed += self
                .tx()
                .prepare_cached(sql)?
                .execute(params![team_id, user_id, pseudonym])
                .context("anonymize_person")?;
        }
        Ok(changed)
    }

    /// Delete the answers `user_id` gave in a team and every earlier version of them; the
    /// `(round, key)` of each deleted answer.
    #[instrument(skip_all, err)]
    pub fn delete_person_answers(
        &mut self,
        team_id: i64,
        user_id: &str,
    ) -> Result<Vec<(u32, String)>> {
        let keys = self
            .tx()
            .prepare_cached(
                "DELETE FROM answers WHERE team_id = ?1 AND user_id = ?2 AND computed = 0
                 RETURNING round, key",
            )?
            .query_map(params![team_id, user_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(u32, String)>>>()
            .context("delete_person_answers")?;
        self.tx()
            .prepare_cached("DELETE FROM answer_history WHERE team_id = ?1 AND user_id = ?2")?
            .execute(params![team_id, user_id])
            .context("delete_person_answers: history")?;
        Ok(keys)
    }

    /// Replace a goal's owner text (a mention of a forgotten person taken out), without a
    /// history entry: the history must not keep what was taken out.
    #[instrument(skip_all, err)]
    pub fn update_goal_owner_text(&mut self, goal_id: i64, owner: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE goals SET owner = ?2 WHERE id = ?1")?
            .execute(params![goal_id, owner])
            .context("update_goal_owner_text")?;
        self.tx()
            .prepare_cached(
                "UPDATE goal_history SET old_value = CASE WHEN old_value IS NULL THEN NULL ELSE ?2 END,
                        new_value = ?2
                 WHERE goal_id = ?1 AND field = 'owner'",
            )?
            .execute(params![goal_id, owner])
            .context("update_goal_owner_text: history")?;
        Ok(())
    }

    /// Replace an evaluation's texts (mentions of a forgotten person taken out).
    #[instrument(skip_all, err)]
    pub fn update_evaluation_texts(&mut self, eval: &PersonEvaluation) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE evaluations SET result = ?2, effects = ?3, change = ?4, data_need = ?5
                 WHERE goal_id = ?1",
            )?
            .execute(params![
                eval.goal_id,
                eval.result,
                eval.effects,
                eval.change,
                eval.data_need
            ])
            .context("update_evaluation_texts")?;
        Ok(())
    }

    /// Count one more forgotten person in a team; their number there (for the pseudonym).
    #[instrument(skip_all, err)]
    pub fn add_team_forgotten(&mut self, team_id: i64) -> Result<i64> {
        self.tx()
            .prepare_cached(
                "UPDATE teams SET forgotten = forgotten + 1 WHERE id = ?1 RETURNING forgotten",
            )?
            .query_row(params![team_id], |r| r.get(0))
            .context("add_team_forgotten")
    }

    /// Keep (or, with `None`, clear) the questions a team must hear were opened again.
    #[instrument(skip_all, err)]
    pub fn update_team_reopened(&mut self, team_id: i64, keys: Option<&str>) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET reopened = ?2 WHERE id = ?1")?
            .execute(params![team_id, keys])
            .context("update_team_reopened")?;
        Ok(())
    }
}
