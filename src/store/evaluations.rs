//! Evaluation queries: the evaluation of a goal whose deadline passed.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, params};
use tracing::instrument;

use super::{Person, Store};
use crate::states::{EvaluationStep, Outcome};

/// An evaluation of a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Row id.
    pub id: i64,
    /// The goal evaluated.
    pub goal_id: i64,
    /// Where the evaluation conversation is.
    pub step: EvaluationStep,
    /// The result as told.
    pub result: Option<String>,
    /// The value reached, when the result had a number.
    pub value: Option<f64>,
    /// Effects of the action.
    pub effects: Option<String>,
    /// What must change.
    pub change: Option<String>,
    /// How it judged the goal.
    pub outcome: Option<Outcome>,
    /// Whether the team said data was missing.
    pub data_missing: Option<bool>,
    /// Which data was missing, as the team put it.
    pub data_need: Option<String>,
}

fn evaluation_from_row(r: &Row<'_>) -> rusqlite::Result<Evaluation> {
    Ok(Evaluation {
        id: r.get(0)?,
        goal_id: r.get(1)?,
        step: r.get(2)?,
        result: r.get(3)?,
        value: r.get(4)?,
        effects: r.get(5)?,
        change: r.get(6)?,
        outcome: r.get(7)?,
        data_missing: r.get(8)?,
        data_need: r.get(9)?,
    })
}

impl Store<'_> {
    /// Start (or find) the evaluation of a goal.
    #[instrument(skip_all, err)]
    pub fn insert_evaluation(&mut self, goal_id: i64, now: &str) -> Result<i64> {
        self.tx()
            .prepare_cached(
                "INSERT INTO evaluations (goal_id, started_at) VALUES (?1, ?2)
                 ON CONFLICT (goal_id) DO NOTHING",
            )?
            .execute(params![goal_id, now])
            .context("insert_evaluation")?;
        self.update_open_evaluations(goal_id)?;
        self.tx()
            .prepare_cached("SELECT id FROM evaluations WHERE goal_id = ?1")?
            .query_row(params![goal_id], |r| r.get(0))
            .context("insert_evaluation: read")
    }

    /// The oldest unfinished evaluation of a team's goals.
    #[instrument(skip_all, err)]
    pub fn find_open_evaluation(&mut self, team_id: i64) -> Result<Option<Evaluation>> {
        self.tx()
            .prepare_cached(
                "SELECT e.id, e.goal_id, e.step, e.result, e.value, e.effects, e.change, e.outcome,
                        e.data_missing, e.data_need
                 FROM evaluations e JOIN goals g ON g.id = e.goal_id
                 WHERE g.team_id = ?1 AND e.finished_at IS NULL ORDER BY e.id LIMIT 1",
            )?
            .query_row(params![team_id], evaluation_from_row)
            .optional()
            .context("find_open_evaluation")
    }

    /// The evaluation of a goal, if any.
    #[instrument(skip_all, err)]
    pub fn find_goal_evaluation(&mut self, goal_id: i64) -> Result<Option<Evaluation>> {
        self.tx()
            .prepare_cached(
                "SELECT id, goal_id, step, result, value, effects, change, outcome, data_missing,
                        data_need
                 FROM evaluations WHERE goal_id = ?1",
            )?
            .query_row(params![goal_id], evaluation_from_row)
            .optional()
            .context("find_goal_evaluation")
    }

    /// Save an evaluation's answers and where it is, and who answered last; `finished` closes it.
    #[instrument(skip_all, err)]
    pub fn update_evaluation(
        &mut self,
        e: &Evaluation,
        by: &Person,
        finished_at: Option<&str>,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE evaluations SET step = ?2, result = ?3, value = ?4, effects = ?5,
                        change = ?6, outcome = ?7, data_missing = ?8, finished_at = ?9,
                        user_name = ?10, user_id = ?11, data_need = ?12
                 WHERE id = ?1",
            )?
            .execute(params![
                e.id,
                e.step,
                e.result,
                e.value,
                e.effects,
                e.change,
                e.outcome,
                e.data_missing,
                finished_at,
                by.name,
                by.stored_id(),
                e.data_need
            ])
            .context("update_evaluation")?;
        self.update_open_evaluations(e.goal_id)
    }

    /// Remove a goal's evaluation, so its next date starts a fresh one (a readiness action
    /// that was not done and got a new date).
    #[instrument(skip_all, err)]
    pub fn delete_goal_evaluation(&mut self, goal_id: i64) -> Result<()> {
        self.tx()
            .prepare_cached("DELETE FROM evaluations WHERE goal_id = ?1")?
            .execute(params![goal_id])
            .context("delete_goal_evaluation")?;
        self.update_open_evaluations(goal_id)
    }

    /// Recount the open evaluations of the team a goal belongs to.
    fn update_open_evaluations(&mut self, goal_id: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE teams SET open_evaluations = (
                     SELECT COUNT(*) FROM evaluations e JOIN goals g ON g.id = e.goal_id
                     WHERE g.team_id = teams.id AND e.finished_at IS NULL)
                 WHERE id = (SELECT team_id FROM goals WHERE id = ?1)",
            )?
            .execute(params![goal_id])
            .context("update_open_evaluations")?;
        Ok(())
    }
}
