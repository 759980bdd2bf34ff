//! Team queries: finding and creating a team, and the settings and place it keeps (cursor,
//! round, language, time zone, reminders, listening, the question to return to).

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, params};
use tracing::instrument;

use super::Store;
use crate::prompts::Lang;
use crate::states::Listen;

/// A team: one chat space with its own conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// The language it talks in.
    pub lang: Lang,
    /// IANA time zone.
    pub timezone: String,
    /// Current round of the plan (a new round starts the circle again).
    pub round: u32,
    /// Key of the open question; `None` when the round is finished.
    pub cursor: Option<String>,
    /// Days before a deadline that reminders come ("7,1").
    pub reminder_days: String,
    /// How many of its goals are being evaluated.
    pub open_evaluations: i64,
    /// Whether koers reads every line while a question is open, or only replies to it and
    /// mentions of it.
    pub listen: Listen,
    /// The question to return to after a goal entered on the side, while one is being entered.
    pub return_to: Option<String>,
    /// The step (its id) the team went back to with `/stap N`, while it goes through it again.
    pub revisit: Option<String>,
    /// Questions opened again (one key a line) because a person's answers were deleted while
    /// the team was not in the conversation; said once on the team's next turn.
    pub reopened: Option<String>,
    /// When the team last wrote to koers, as kept (unix seconds; written at most once a minute).
    pub last_active_at: Option<i64>,
    /// Whether koers warned the team that it will be deleted for being inactive.
    pub retention_warned: bool,
}

impl Team {
    /// Whether koers reads a line not addressed to it now: a question or evaluation is open and
    /// the team has it read every line.
    pub fn reads_every_line(&self) -> bool {
        self.listen == Listen::All && (self.cursor.is_some() || self.open_evaluations > 0)
    }

    /// Whether a message at `now` (unix seconds) must be written down as the team's activity:
    /// what is kept is a minute old or more, or a retention warning stands, which the message
    /// lifts. Decided on the row already read, so an ordinary answer runs no statement for it.
    pub fn activity_is_stale(&self, now: i64) -> bool {
        self.retention_warned || self.last_active_at.is_none_or(|at| at < now - 60)
    }
}

pub(super) fn team_from_row(r: &Row<'_>) -> rusqlite::Result<Team> {
    Ok(Team {
        id: r.get(0)?,
        name: r.get(1)?,
        lang: r.get(2)?,
        timezone: r.get(3)?,
        round: r.get(4)?,
        cursor: r.get(5)?,
        reminder_days: r.get(6)?,
        open_evaluations: r.get(7)?,
        listen: r.get(8)?,
        return_to: r.get(9)?,
        revisit: r.get(10)?,
        reopened: r.get(11)?,
        last_active_at: r.get(12)?,
        retention_warned: r.get::<_, Option<i64>>(13)?.is_some(),
    })
}

/// The columns [`team_from_row`] reads, in its order (a macro, so that the query every turn
/// runs is one `concat!`ed literal rather than a string formatted each time).
macro_rules! team_columns {
    () => {
        "id, name, lang, timezone, round, cursor, reminder_days, open_evaluations, listen, return_to,
         revisit, reopened, last_active_at, retention_warned_at"
    };
}

pub(super) const TEAM_COLUMNS: &str = team_columns!();

impl Store<'_> {
    /// The team of a chat space, if it exists.
    #[instrument(skip_all, err)]
    pub fn find_team(&mut self, platform: &str, external_id: &str) -> Result<Option<Team>> {
        self.tx()
            .prepare_cached(concat!(
                "SELECT ",
                team_columns!(),
                " FROM teams WHERE platform = ?1 AND external_id = ?2"
            ))?
            .query_row(params![platform, external_id], team_from_row)
            .optional()
            .context("find_team")
    }

    /// Create a team; its cursor starts empty (the engine places it).
    #[instrument(skip_all, err)]
    pub fn insert_team(
        &mut self,
        platform: &str,
        external_id: &str,
        name: &str,
        lang: Lang,
        timezone: &str,
        now: &str,
    ) -> Result<Team> {
        self.tx()
            .prepare_cached(
                "INSERT INTO teams (platform, external_id, name, lang, timezone, created_at, updated_at,
                                    last_active_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, unixepoch(?6))",
            )?
            .execute(params![platform, external_id, name, lang, timezone, now])
            .context("insert_team")?;
        Ok(Team {
            id: self.tx().last_insert_rowid(),
            name: name.to_string(),
            lang,
            timezone: timezone.to_string(),
            round: 1,
            cursor: None,
            reminder_days: "7,1".to_string(),
            open_evaluations: 0,
            listen: Listen::All,
            return_to: None,
            revisit: None,
            reopened: None,
            last_active_at: now.parse::<jiff::Timestamp>().ok().map(|t| t.as_second()),
            retention_warned: false,
        })
    }

    /// Keep (or, with `None`, forget) the question a team returns to after a goal entered on
    /// the side.
    #[instrument(skip_all, err)]
    pub fn update_return_to(
        &mut self,
        team_id: i64,
        question: Option<&str>,
        now: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET return_to = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, question, now])
            .context("update_return_to")?;
        Ok(())
    }

    /// Set (or, with `None`, end) the step a team goes through again after `/stap N`.
    #[instrument(skip_all, err)]
    pub fn update_revisit(&mut self, team_id: i64, step: Option<&str>, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET revisit = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, step, now])
            .context("update_revisit")?;
        Ok(())
    }

    /// Set what free text a team's koers reads (`all` or `replies`).
    #[instrument(skip_all, err)]
    pub fn update_listen(&mut self, team_id: i64, listen: Listen, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET listen = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, listen, now])
            .context("update_listen")?;
        Ok(())
    }

    /// Move a team's cursor to the open question (`None`: the round is finished).
    #[instrument(skip_all, err)]
    pub fn update_cursor(&mut self, team_id: i64, cursor: Option<&str>, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET cursor = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, cursor, now])
            .context("update_cursor")?;
        Ok(())
    }

    /// Set a team's language.
    #[instrument(skip_all, err)]
    pub fn update_language(&mut self, team_id: i64, lang: Lang, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET lang = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, lang, now])
            .context("update_language")?;
        Ok(())
    }

    /// Set a team's IANA time zone.
    #[instrument(skip_all, err)]
    pub fn update_team_timezone(&mut self, team_id: i64, timezone: &str, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET timezone = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, timezone, now])
            .context("update_team_timezone")?;
        Ok(())
    }

    /// Set the days before a deadline that a team's reminders come.
    #[instrument(skip_all, err)]
    pub fn update_team_reminder_days(&mut self, team_id: i64, days: &str, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET reminder_days = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, days, now])
            .context("update_team_reminder_days")?;
        Ok(())
    }

    /// Start a new round: bump the round, clear the cursor and any step gone through again.
    #[instrument(skip_all, err)]
    pub fn update_round(&mut self, team_id: i64, round: u32, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE teams SET round = ?2, cursor = NULL, revisit = NULL, updated_at = ?3
                 WHERE id = ?1",
            )?
            .execute(params![team_id, round, now])
            .context("update_round")?;
        Ok(())
    }

    /// Give a team the name its chat space has now (a renamed Discord channel).
    #[instrument(skip_all, err)]
    pub fn update_team_name(&mut self, team_id: i64, name: &str, now: &str) -> Result<()> {
        self.tx()
            .prepare_cached("UPDATE teams SET name = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, name, now])
            .context("update_team_name")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_is_written_when_a_minute_old_unknown_or_after_a_warning() {
        let db = crate::store::Db::open_in_memory().expect("db");
        let team = db
            .run(|s| {
                s.insert_team(
                    "t",
                    "x",
                    "X",
                    Lang::Nl,
                    "Europe/Amsterdam",
                    "2026-12-01T09:00:00Z",
                )
            })
            .expect("team");
        let at = team.last_active_at.expect("kept at creation");
        assert_eq!(at, 1_796_115_600);
        assert!(!team.activity_is_stale(at + 60), "within the minute");
        assert!(team.activity_is_stale(at + 61), "a minute old");
        let found = db
            .run(|s| s.find_team("t", "x"))
            .expect("find")
            .expect("the team");
        assert_eq!(found, team, "the row reads back as created");
        let warned = Team {
            retention_warned: true,
            ..team.clone()
        };
        assert!(warned.activity_is_stale(at), "a warning is lifted at once");
        let unknown = Team {
            last_active_at: None,
            ..team
        };
        assert!(unknown.activity_is_stale(at));
    }
}
