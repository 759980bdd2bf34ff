//! Retention queries: when a team last wrote, warning a team that fell silent, finding teams
//! and closed rounds older than the retention, and removing such a round. Times are unix
//! seconds from the engine's clock.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;
use crate::prompts::Lang;

/// A team retention acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdleTeam {
    /// Row id.
    pub id: i64,
    /// `terminal`, `discord` or `matrix`.
    pub platform: String,
    /// Its id on the platform.
    pub external_id: String,
    /// Display name.
    pub name: String,
    /// The language it talks in.
    pub lang: Lang,
    /// When it last wrote (unix seconds).
    pub last_active_at: i64,
}

const IDLE_COLUMNS: &str =
    "id, platform, external_id, name, lang, coalesce(last_active_at, 0) AS last_active";

fn idle_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IdleTeam> {
    Ok(IdleTeam {
        id: r.get(0)?,
        platform: r.get(1)?,
        external_id: r.get(2)?,
        name: r.get(3)?,
        lang: r.get(4)?,
        last_active_at: r.get(5)?,
    })
}

/// Goals of round `?2` of team `?1` that are done with (no longer open or being evaluated).
const FINISHED_GOALS: &str = "SELECT id FROM goals WHERE team_id = ?1 AND round = ?2
     AND status NOT IN ('open', 'evaluating')";

impl Store<'_> {
    /// The team wrote at `now`: it is active, and a retention warning no longer holds. Written
    /// at most once a minute, so an ordinary answer seldom pays for it.
    #[instrument(skip_all, err)]
    pub fn update_team_activity(&mut self, team_id: i64, now: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE teams SET last_active_at = ?2, retention_warned_at = NULL
                 WHERE id = ?1 AND (last_active_at IS NULL OR last_active_at < ?2 - 60
                                    OR retention_warned_at IS NOT NULL)",
            )?
            .execute(params![team_id, now])
            .context("update_team_activity")?;
        Ok(())
    }

    /// Teams on `platform` silent since `since` or longer that have not been warned yet.
    #[instrument(skip_all, err)]
    pub fn list_unwarned_idle_teams(
        &mut self,
        platform: &str,
        since: i64,
    ) -> Result<Vec<IdleTeam>> {
        let sql = format!(
            "SELECT {IDLE_COLUMNS} FROM teams
             WHERE platform = ?1 AND coalesce(last_active_at, 0) <= ?2
               AND retention_warned_at IS NULL
             ORDER BY id"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![platform, since], idle_from_row)?
            .collect::<rusqlite::Result<_>>()
            .context("list_unwarned_idle_teams")
    }

    /// Note that team `team_id` was warned at `now`.
    #[instrument(skip_all, err)]
    pub fn update_retention_warned(&mut self, team_id: i64, now: i64) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET retention_warned_at = ?2 WHERE id = ?1")?
            .execute(params![team_id, now])
            .context("update_retention_warned")?;
        Ok(())
    }

    /// Teams on `platform` silent since `since` or longer and warned at `warned_before` or
    /// earlier: their time is up.
    #[instrument(skip_all, err)]
    pub fn list_expired_teams(
        &mut self,
        platform: &str,
        since: i64,
        warned_before: i64,
    ) -> Result<Vec<IdleTeam>> {
        let sql = format!(
            "SELECT {IDLE_COLUMNS} FROM teams
             WHERE platform = ?1 AND coalesce(last_active_at, 0) <= ?2
               AND retention_warned_at IS NOT NULL AND retention_warned_at <= ?3
             ORDER BY id"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![platform, since, warned_before], idle_from_row)?
            .collect::<rusqlite::Result<_>>()
            .context("list_expired_teams")
    }

    /// When team `team_id` last wrote and when it was warned, if it was (the terminal shows the
    /// warning at its next start).
    #[instrument(skip_all, err)]
    pub fn find_retention_warning(&mut self, team_id: i64) -> Result<Option<(i64, i64)>> {
        self.tx()
            .prepare_cached(
                "SELECT coalesce(last_active_at, 0), retention_warned_at FROM teams
                 WHERE id = ?1 AND retention_warned_at IS NOT NULL",
            )?
            .query_row(params![team_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .context("find_retention_warning")
    }

    /// Round `round` of team `team_id` was closed at `at` (a new round began).
    #[instrument(skip_all, err)]
    pub fn insert_round_close(&mut self, team_id: i64, round: u32, at: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO round_closes (team_id, round, closed_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO UPDATE SET closed_at = excluded.closed_at",
            )?
            .execute(params![team_id, round, at])
            .context("insert_round_close")?;
        Ok(())
    }

    /// Rounds of teams on `platform` closed at `before` or earlier, as (team id, round).
    #[instrument(skip_all, err)]
    pub fn list_old_rounds(&mut self, platform: &str, before: i64) -> Result<Vec<(i64, u32)>> {
        self.tx()
            .prepare_cached(
                "SELECT c.team_id, c.round FROM round_closes c JOIN teams t ON t.id = c.team_id
                 WHERE t.platform = ?1 AND c.closed_at <= ?2 AND c.round < t.round
                 ORDER BY c.team_id, c.round",
            )?
            .query_map(params![platform, before], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()
            .context("list_old_rounds")
    }

    /// Remove round `round` of team `team_id`: its answers and their history, its thread and
    /// the goals and actions of that round that are done with, with everything hanging off
    /// them. Goals still running stay (they run on into the next rounds). Returns the rows
    /// removed.
    #[instrument(skip_all, err)]
    pub fn delete_round(&mut self, team_id: i64, round: u32) -> Result<usize> {
        let statements = [
            format!(
                "UPDATE goals SET previous_goal_id = NULL WHERE team_id = ?1
                 AND previous_goal_id IN ({FINISHED_GOALS})"
            ),
            format!(
                "DELETE FROM reminder_sends WHERE reminder_id IN
                 (SELECT id FROM reminders WHERE goal_id IN ({FINISHED_GOALS}))"
            ),
            format!("DELETE FROM reminders WHERE goal_id IN ({FINISHED_GOALS})"),
            format!("DELETE FROM evaluations WHERE goal_id IN ({FINISHED_GOALS})"),
            format!("DELETE FROM experiments WHERE goal_id IN ({FINISHED_GOALS})"),
            format!("DELETE FROM goal_history WHERE goal_id IN ({FINISHED_GOALS})"),
            format!("DELETE FROM goals WHERE id IN ({FINISHED_GOALS})"),
            "DELETE FROM answer_history WHERE team_id = ?1 AND round = ?2".to_string(),
            "DELETE FROM answers WHERE team_id = ?1 AND round = ?2".to_string(),
            "DELETE FROM discord_threads WHERE team_id = ?1 AND round = ?2".to_string(),
            "DELETE FROM round_closes WHERE team_id = ?1 AND round = ?2".to_string(),
        ];
        let mut removed = 0;
        for (i, sql) in statements.iter().enumerate() {
            let n = self
                .tx()
                .prepare_cached(sql)?
                .execute(params![team_id, round])
                .with_context(|| format!("delete_round: {sql}"))?;
            // The first statement only unlinks.
            if i > 0 {
                removed += n;
            }
        }
        Ok(removed)
    }
}
