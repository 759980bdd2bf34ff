//! One person's rows, team by team: what `/mijndata` and `koers admin export-person` show, and
//! what `/vergeetmij` and `koers admin forget-person` anonymise or delete.
//!
//! A person is their platform id, never a display name (see `privacy.rs`). Every query here is
//! scoped to one team and one id; the engine goes through the teams of the platform.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;
use super::teams::{TEAM_COLUMNS, Team, team_from_row};

/// An answer a person gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonAnswer {
    /// The round of the plan.
    pub round: u32,
    /// The question's position key.
    pub key: String,
    /// The answer; `None` when skipped.
    pub value: Option<String>,
    /// The name shown with it.
    pub name: String,
    /// When (RFC 3339).
    pub at: String,
}

/// An earlier version of an answer, kept when it was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPastAnswer {
    /// The answer as it was.
    pub answer: PersonAnswer,
    /// When it was replaced.
    pub replaced_at: String,
}

/// A goal (or step-4 action) a person entered, or one whose texts carry their id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonGoal {
    /// Row id.
    pub id: i64,
    /// Its number in the team's plan (0 before it is tracked).
    pub number: i64,
    /// The round.
    pub round: u32,
    /// `goal` or `readiness`.
    pub kind: String,
    /// The goal itself.
    pub text: String,
    /// Its owner as typed.
    pub owner: Option<String>,
    /// Its deadline (local date), when read.
    pub deadline: Option<String>,
    /// Its status.
    pub status: String,
    /// The name shown as who entered it.
    pub created_by: String,
    /// When it was entered.
    pub created_at: String,
    /// The two variants, when it is an A/B experiment.
    pub variants: Option<(String, String)>,
}

/// A change a person made to a goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonGoalChange {
    /// The goal's number.
    pub goal: i64,
    /// The field changed.
    pub field: String,
    /// Before.
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// The name shown.
    pub name: String,
    /// When.
    pub at: String,
}

/// An evaluation a person answered last, or one whose texts carry their id.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonEvaluation {
    /// The goal's row id.
    pub goal_id: i64,
    /// The goal's number.
    pub goal: i64,
    /// The result as told.
    pub result: Option<String>,
    /// The value reached.
    pub value: Option<f64>,
    /// Effects of the action.
    pub effects: Option<String>,
    /// What must change.
    pub change: Option<String>,
    /// The data found missing.
    pub data_need: Option<String>,
    /// `achieved`, `partly` or `not_achieved`; `None` while not yet asked, and when the team
    /// did not say.
    pub outcome: Option<String>,
    /// The name shown (`None` for evaluations from before names were kept).
    pub name: Option<String>,
    /// When it started.
    pub started_at: String,
    /// When it was finished.
    pub finished_at: Option<String>,
    /// Whether the person answered it last (not only named in its texts).
    pub by_person: bool,
}

const GOAL_COLUMNS: &str = "g.id, g.number, g.round, g.kind, g.text, g.owner, g.deadline, \
     g.status, g.created_by, g.created_at, x.variant_a, x.variant_b";

fn goal_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PersonGoal> {
    let a: Option<String> = r.get(10)?;
    let b: Option<String> = r.get(11)?;
    Ok(PersonGoal {
        id: r.get(0)?,
        number: r.get(1)?,
        round: r.get(2)?,
        kind: r.get(3)?,
        text: r.get(4)?,
        owner: r.get(5)?,
        deadline: r.get(6)?,
        status: r.get(7)?,
        created_by: r.get(8)?,
        created_at: r.get(9)?,
        variants: a.zip(b),
    })
}

const EVALUATION_COLUMNS: &str = "e.goal_id, g.number, e.result, e.value, e.effects, e.change, \
     e.data_need, e.outcome, e.user_name, e.started_at, e.finished_at, \
     coalesce(e.user_id = ?2, 0)";

fn evaluation_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PersonEvaluation> {
    Ok(PersonEvaluation {
        goal_id: r.get(0)?,
        goal: r.get(1)?,
        result: r.get(2)?,
        value: r.get(3)?,
        effects: r.get(4)?,
        change: r.get(5)?,
        data_need: r.get(6)?,
        outcome: r.get(7)?,
        name: r.get(8)?,
        started_at: r.get(9)?,
        finished_at: r.get(10)?,
        by_person: r.get(11)?,
    })
}

impl Store<'_> {
    /// Every team on `platform`, with its id there, oldest first.
    #[instrument(skip_all, err)]
    pub fn list_platform_teams(&mut self, platform: &str) -> Result<Vec<(Team, String)>> {
        let sql = format!(
            "SELECT {TEAM_COLUMNS}, external_id FROM teams WHERE platform = ?1 ORDER BY id"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![platform], |r| {
                Ok((team_from_row(r)?, r.get("external_id")?))
            })?
            .collect::<rusqlite::Result<_>>()
            .context("list_platform_teams")
    }

    /// A team by its row id.
    #[instrument(skip_all, err)]
    pub fn get_team(&mut self, team_id: i64) -> Result<Team> {
        let sql = format!("SELECT {TEAM_COLUMNS} FROM teams WHERE id = ?1");
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![team_id], team_from_row)
            .context("get_team")
    }

    /// The answers `user_id` gave in a team (not what koers worked out), in every round.
    #[instrument(skip_all, err)]
    pub fn list_person_answers(
        &mut self,
        team_id: i64,
        user_id: &str,
    ) -> Result<Vec<PersonAnswer>> {
        self.tx()
            .prepare_cached(
                "SELECT round, key, value, user_name, answered_at FROM answers
                 WHERE team_id = ?1 AND user_id = ?2 AND computed = 0 ORDER BY round, answered_at, key",
            )?
            .query_map(params![team_id, user_id], |r| {
                Ok(PersonAnswer {
                    round: r.get(0)?,
                    key: r.get(1)?,
                    value: r.get(2)?,
                    name: r.get(3)?,
                    at: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .context("list_person_answers")
    }

    /// The earlier versions of answers `user_id` gave in a team.
    #[instrument(skip_all, err)]
    pub fn list_person_past_answers(
        &mut self,
        team_id: i64,
        user_id: &str,
    ) -> Result<Vec<PersonPastAnswer>> {
        self.tx()
            .prepare_cached(
                "SELECT round, key, value, user_name, answered_at, replaced_at FROM answer_history
                 WHERE team_id = ?1 AND user_id = ?2 ORDER BY id",
            )?
            .query_map(params![team_id, user_id], |r| {
                Ok(PersonPastAnswer {
                    answer: PersonAnswer {
                        round: r.get(0)?,
                        key: r.get(1)?,
                        value: r.get(2)?,
                        name: r.get(3)?,
                        at: r.get(4)?,
                    },
                    replaced_at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .context("list_person_past_answers")
    }

    /// The goals and step-4 actions `user_id` entered in a team.
    #[instrument(skip_all, err)]
    pub fn list_person_goals(&mut self, team_id: i64, user_id: &str) -> Result<Vec<PersonGoal>> {
        let sql = format!(
            "SELECT {GOAL_COLUMNS} FROM goals g LEFT JOIN experiments x ON x.goal_id = g.id
             WHERE g.team_id = ?1 AND g.created_by_id = ?2 ORDER BY g.id"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![team_id, user_id], goal_from_row)?
            .collect::<rusqlite::Result<_>>()
            .context("list_person_goals")
    }

    /// The goals of a team whose owner text contains `needle` (the engine decides whether it
    /// is the person's id there).
    #[instrument(skip_all, err)]
    pub fn list_goals_owned_with(&mut self, team_id: i64, needle: &str) -> Result<Vec<PersonGoal>> {
        let sql = format!(
            "SELECT {GOAL_COLUMNS} FROM goals g LEFT JOIN experiments x ON x.goal_id = g.id
             WHERE g.team_id = ?1 AND instr(g.owner, ?2) > 0 ORDER BY g.id"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![team_id, needle], goal_from_row)?
            .collect::<rusqlite::Result<_>>()
            .context("list_goals_owned_with")
    }

    /// The changes `user_id` made to a team's goals.
    #[instrument(skip_all, err)]
    pub fn list_person_goal_changes(
        &mut self,
        team_id: i64,
        user_id: &str,
    ) -> Result<Vec<PersonGoalChange>> {
        self.tx()
            .prepare_cached(
                "SELECT g.number, h.field, h.old_value, h.new_value, h.reason, h.user_name,
                        h.changed_at
                 FROM goal_history h JOIN goals g ON g.id = h.goal_id
                 WHERE g.team_id = ?1 AND h.user_id = ?2 ORDER BY h.id",
            )?
            .query_map(params![team_id, user_id], |r| {
                Ok(PersonGoalChange {
                    goal: r.get(0)?,
                    field: r.get(1)?,
                    old: r.get(2)?,
                    new: r.get(3)?,
                    reason: r.get(4)?,
                    name: r.get(5)?,
                    at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .context("list_person_goal_changes")
    }

    /// The evaluations of a team's goals `user_id` answered last, or whose texts contain
    /// `needle` (the engine decides whether it is the person's id there).
    #[instrument(skip_all, err)]
    pub fn list_person_evaluations(
        &mut self,
        team_id: i64,
        user_id: &str,
        needle: &str,
    ) -> Result<Vec<PersonEvaluation>> {
        let sql = format!(
            "SELECT {EVALUATION_COLUMNS} FROM evaluations e JOIN goals g ON g.id = e.goal_id
             WHERE g.team_id = ?1 AND (e.user_id = ?2
                OR instr(coalesce(e.result, '') || ' ' || coalesce(e.effects, '') || ' ' ||
                         coalesce(e.change, '') || ' ' || coalesce(e.data_need, ''), ?3) > 0)
             ORDER BY e.id"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![team_id, user_id, needle], evaluation_from_row)?
            .collect::<rusqlite::Result<_>>()
            .context("list_person_evaluations")
    }

    /// Whether (and when) `user_id` was told in a team what koers keeps.
    #[instrument(skip_all, err)]
    pub fn find_privacy_notice(&mut self, team_id: i64, user_id: &str) -> Result<Option<String>> {
        self.tx()
            .prepare_cached(
                "SELECT shown_at FROM privacy_notices WHERE team_id = ?1 AND user_id = ?2",
            )?
            .query_row(params![team_id, user_id], |r| r.get(0))
            .optional()
            .context("find_privacy_notice")
    }

    /// Keep that `user_id` was told in a team what koers keeps.
    #[instrument(skip_all, err)]
    pub fn insert_privacy_notice(&mut self, team_id: i64, user_id: &str, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT OR IGNORE INTO privacy_notices (team_id, user_id, shown_at)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![team_id, user_id, now])
            .context("insert_privacy_notice")?;
        Ok(())
    }
}
