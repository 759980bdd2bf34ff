//! Goal queries: goals with their numbers, deadlines, scores and the history of changes.

use anyhow::{Context, Result};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row, params};
use tracing::instrument;

use super::{Person, Store};
use crate::states::{GoalKind, GoalStatus, Unit};

/// A goal as tracked after step 3.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedGoal {
    /// Row id.
    pub id: i64,
    /// The team's own number for it (1, 2, …), used in commands.
    pub number: i64,
    /// Round it was set in.
    pub round: u32,
    /// Key of the goal's group round in the flow.
    pub key: String,
    /// The action it belongs to.
    pub action_text: String,
    /// The goal as written.
    pub text: String,
    /// Who owns it.
    pub owner: Option<String>,
    /// Deadline, a local date in the goal's time zone (read once from the stored
    /// `YYYY-MM-DD`).
    pub deadline: Option<Date>,
    /// The team's time zone when it was set.
    pub timezone: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value to reach.
    pub target: Option<f64>,
    /// Latest recorded value.
    pub current: Option<f64>,
    /// The kind of number the target is (from the goal text).
    pub unit: Option<Unit>,
    /// SMART score 0..=5.
    pub smart_score: Option<i64>,
    /// Where it is in its life.
    pub status: GoalStatus,
    /// A step-3 goal, or a step-4 readiness item tracked as an action.
    pub kind: GoalKind,
}

pub(super) const GOAL_COLUMNS: &str = "g.id, g.number, g.round, g.key, g.action_text, g.text, g.owner, \
     g.deadline, g.timezone, g.baseline, g.target, g.current, g.unit, g.smart_score, g.status, g.kind";

/// How many columns [`GOAL_COLUMNS`] reads: a query that selects more after them starts there.
pub(super) const GOAL_COLUMN_COUNT: usize = 16;

pub(super) fn goal_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<TrackedGoal> {
    Ok(TrackedGoal {
        id: r.get(at)?,
        number: r.get(at + 1)?,
        round: r.get(at + 2)?,
        key: r.get(at + 3)?,
        action_text: r.get(at + 4)?,
        text: r.get(at + 5)?,
        owner: r.get(at + 6)?,
        deadline: r
            .get::<_, Option<String>>(at + 7)?
            .map(|d| {
                d.parse::<Date>().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        at + 7,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })
            })
            .transpose()?,
        timezone: r.get(at + 8)?,
        baseline: r.get(at + 9)?,
        target: r.get(at + 10)?,
        current: r.get(at + 11)?,
        unit: r.get(at + 12)?,
        smart_score: r.get(at + 13)?,
        status: r.get(at + 14)?,
        kind: r.get(at + 15)?,
    })
}

impl Store<'_> {
    /// The goal of a flow key (`action.action#1.goal#2`) in a round.
    #[instrument(skip_all, err)]
    pub fn find_goal_by_key(
        &mut self,
        team_id: i64,
        round: u32,
        key: &str,
    ) -> Result<Option<TrackedGoal>> {
        let sql = format!(
            "SELECT {GOAL_COLUMNS} FROM goals g WHERE g.team_id = ?1 AND g.round = ?2 AND g.key = ?3"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![team_id, round, key], |r| goal_from_row(r, 0))
            .optional()
            .context("find_goal_by_key")
    }

    /// The goal with the team's number `number`.
    #[instrument(skip_all, err)]
    pub fn find_goal_by_number(
        &mut self,
        team_id: i64,
        number: i64,
    ) -> Result<Option<TrackedGoal>> {
        let sql =
            format!("SELECT {GOAL_COLUMNS} FROM goals g WHERE g.team_id = ?1 AND g.number = ?2");
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![team_id, number], |r| goal_from_row(r, 0))
            .optional()
            .context("find_goal_by_number")
    }

    /// A goal by id.
    #[instrument(skip_all, err)]
    pub fn get_goal(&mut self, goal_id: i64) -> Result<Option<TrackedGoal>> {
        let sql = format!("SELECT {GOAL_COLUMNS} FROM goals g WHERE g.id = ?1");
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![goal_id], |r| goal_from_row(r, 0))
            .optional()
            .context("get_goal")
    }

    /// Every goal of a team, all rounds, by number.
    #[instrument(skip_all, err)]
    pub fn list_team_goals(&mut self, team_id: i64) -> Result<Vec<TrackedGoal>> {
        let sql =
            format!("SELECT {GOAL_COLUMNS} FROM goals g WHERE g.team_id = ?1 ORDER BY g.number");
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![team_id], |r| goal_from_row(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_team_goals")
    }

    /// Give a goal the next free number of its team (once).
    #[instrument(skip_all, err)]
    pub fn update_goal_number(&mut self, goal_id: i64) -> Result<i64> {
        let (team_id, number): (i64, i64) = self
            .tx()
            .prepare_cached("SELECT team_id, number FROM goals WHERE id = ?1")?
            .query_row(params![goal_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .context("update_goal_number: read")?;
        if number > 0 {
            return Ok(number);
        }
        // `number > 0` lets SQLite answer MAX from the partial index instead of a scan.
        let next: i64 = self
            .tx()
            .prepare_cached(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM goals WHERE team_id = ?1 AND number > 0",
            )?
            .query_row(params![team_id], |r| r.get(0))
            .context("update_goal_number: next")?;
        self.tx()
            .prepare_cached("UPDATE goals SET number = ?2 WHERE id = ?1")?
            .execute(params![goal_id, next])
            .context("update_goal_number")?;
        Ok(next)
    }

    /// Store what the SMART check and the follow-up questions found for a goal.
    #[allow(clippy::too_many_arguments)]
    #[instrument(skip_all, err)]
    pub fn update_goal_tracking(
        &mut self,
        goal_id: i64,
        deadline: Option<&str>,
        timezone: &str,
        baseline: Option<f64>,
        target: Option<f64>,
        unit: Option<Unit>,
        smart_score: i64,
        smart_json: &str,
        vraagstuk: Option<&str>,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE goals SET deadline = ?2, timezone = ?3, baseline = ?4, target = ?5,
                        unit = ?6, smart_score = ?7, smart_json = ?8, vraagstuk = ?9
                 WHERE id = ?1",
            )?
            .execute(params![
                goal_id,
                deadline,
                timezone,
                baseline,
                target,
                unit,
                smart_score,
                smart_json,
                vraagstuk
            ])
            .context("update_goal_tracking")?;
        Ok(())
    }

    /// Change one field of a goal and keep the change, with its reason, in the history.
    #[instrument(skip_all, err)]
    pub fn update_goal_field(
        &mut self,
        goal_id: i64,
        field: GoalField,
        value: Option<&str>,
        reason: Option<&str>,
        user: &Person,
        now: &str,
    ) -> Result<()> {
        let column = field.column();
        let old: Option<String> = self
            .tx()
            .prepare_cached(&format!(
                "SELECT CAST({column} AS TEXT) FROM goals WHERE id = ?1"
            ))?
            .query_row(params![goal_id], |r| r.get(0))
            .context("update_goal_field: read")?;
        self.tx()
            .prepare_cached(&format!(
                "UPDATE goals SET {column} = ?2, updated_at = ?3 WHERE id = ?1"
            ))?
            .execute(params![goal_id, value, now])
            .context("update_goal_field")?;
        self.tx()
            .prepare_cached(
                "INSERT INTO goal_history
                     (goal_id, field, old_value, new_value, reason, user_name, changed_at, user_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                goal_id,
                column,
                old,
                value,
                reason,
                user.name,
                now,
                user.stored_id()
            ])
            .context("update_goal_field: history")?;
        Ok(())
    }

    /// The history of a goal, oldest first: `(field, old, new, reason, user)`.
    #[instrument(skip_all, err)]
    pub fn list_goal_history(&mut self, goal_id: i64) -> Result<Vec<GoalChange>> {
        self.tx()
            .prepare_cached(
                "SELECT field, old_value, new_value, reason, user_name, changed_at
                 FROM goal_history WHERE goal_id = ?1 ORDER BY id",
            )?
            .query_map(params![goal_id], |r| {
                Ok(GoalChange {
                    field: r.get(0)?,
                    old: r.get(1)?,
                    new: r.get(2)?,
                    reason: r.get(3)?,
                    user: r.get(4)?,
                    at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_goal_history")
    }
}

/// A goal field that commands may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalField {
    /// The deadline (local date).
    Deadline,
    /// The latest value.
    Current,
    /// The status.
    Status,
    /// The owner.
    Owner,
    /// The time zone its deadline is read in.
    Timezone,
}

impl GoalField {
    fn column(self) -> &'static str {
        match self {
            GoalField::Deadline => "deadline",
            GoalField::Current => "current",
            GoalField::Status => "status",
            GoalField::Owner => "owner",
            GoalField::Timezone => "timezone",
        }
    }
}

/// One change in a goal's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalChange {
    /// The column changed.
    pub field: String,
    /// Its value before.
    pub old: Option<String>,
    /// Its value after.
    pub new: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Who.
    pub user: String,
    /// When.
    pub at: String,
}
