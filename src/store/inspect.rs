//! Reading a database from outside the bot: an [`Inspector`] opens a koers database file
//! read-only, and the `list_*`/`check_*`/`get_*` methods here give everything stored about a
//! team as typed rows — its answers' earlier versions, its goals with every stored field, its
//! reminders with their send records — plus the database's own health (integrity, journal
//! mode, tables).
//!
//! The methods are ordinary [`Store`] queries, so the bot can use them through [`super::Db::run`]
//! too (a person asking what koers keeps about their team, an operator's export); the
//! end-to-end tests read what the real binary stored through them. Together with the existing
//! readers ([`Store::find_team`], [`Store::list_answers`], [`Store::list_rounds`],
//! [`Store::list_team_goals`], [`Store::list_goal_history`], [`Store::find_goal_evaluation`],
//! [`Store::dump_tables`]) they cover every table a team's plan lives in.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, Row, params};
use tracing::instrument;

use super::answers::answer_from_row;
use super::goals::{GOAL_COLUMN_COUNT, GOAL_COLUMNS, TrackedGoal, goal_from_row};
use super::{Answer, MIGRATIONS, Store};
use crate::states::ReminderKind;

/// How long a read waits for a writer that holds the file (a WAL checkpoint, a recovery).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A read-only connection to a koers database file, for operators and tests.
///
/// It never creates, migrates or changes the file: `SQLite` refuses every write on it, so a
/// [`Store`] method that writes returns an error instead. It can be opened while the bot runs;
/// each [`Inspector::read`] sees one consistent snapshot and never waits on the bot's writes,
/// nor makes the bot wait (the database is in WAL mode).
#[derive(Debug)]
pub struct Inspector {
    conn: Connection,
}

impl Inspector {
    /// Open the database at `path` read-only. Fails when there is no database there, or when
    /// its schema is not the one this koers reads (older: start koers once to upgrade it;
    /// newer: use the newer koers).
    #[instrument(skip_all, err)]
    pub fn open(path: &Path) -> Result<Inspector> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open database {} read-only", path.display()))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .context("cannot set busy timeout")?;
        let pending = MIGRATIONS
            .pending_migrations(&conn)
            .with_context(|| format!("cannot read the schema version of {}", path.display()))?;
        match pending {
            0 => Ok(Inspector { conn }),
            n if n > 0 => bail!(
                "{} is {n} schema version(s) behind this koers; start koers on it once to \
                 upgrade it",
                path.display()
            ),
            n => bail!(
                "{} was made by a newer koers ({} schema version(s) ahead)",
                path.display(),
                -n
            ),
        }
    }

    /// Run `f` on one read transaction: every query in it sees the same moment. Nothing is
    /// committed; a write inside fails.
    #[instrument(skip_all, err)]
    pub fn read<T>(&mut self, f: impl FnOnce(&mut Store<'_>) -> Result<T>) -> Result<T> {
        let mut store =
            Store::begin(&self.conn, "BEGIN").context("cannot begin a read transaction")?;
        // Dropping the store rolls its (read-only) transaction back.
        f(&mut store)
    }
}

/// A team as an operator lists it: where it lives and what it is called. Its conversation
/// state is [`Store::find_team`]'s [`super::Team`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamEntry {
    /// Row id (the `team_id` of the other queries).
    pub id: i64,
    /// `terminal`, `discord` or `matrix`.
    pub platform: String,
    /// Its id on the platform: terminal team name, Discord channel id, Matrix room id.
    pub external_id: String,
    /// Display name.
    pub name: String,
}

/// An earlier version of an answer: kept when the answer was changed, or removed because a
/// changed answer made it obsolete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastAnswer {
    /// The round it was given in.
    pub round: u32,
    /// The answer as it was (never `computed`: koers' own values are not kept).
    pub answer: Answer,
    /// When it was replaced (RFC 3339).
    pub replaced_at: String,
}

/// Everything stored about a goal: the tracked goal and the words it was entered with.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalRecord {
    /// The goal as reminders, commands and evaluations use it.
    pub goal: TrackedGoal,
    /// The question (vraagstuk) of the round it belongs to.
    pub vraagstuk: Option<String>,
    /// The deadline as written.
    pub deadline_text: Option<String>,
    /// The value at the start as written.
    pub baseline_text: Option<String>,
    /// The value to reach as written.
    pub target_text: Option<String>,
    /// The final SMART check as JSON (the shape `koers score --json` prints).
    pub smart_json: Option<String>,
    /// Who entered it: the name shown.
    pub created_by: String,
    /// Who entered it: their platform id (`None` for old rows that only kept a name).
    pub created_by_id: Option<String>,
    /// When it was entered (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

/// A reminder with its whole delivery story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRecord {
    /// Row id.
    pub id: i64,
    /// The goal it is about.
    pub goal_id: i64,
    /// That goal's number in its team.
    pub goal_number: i64,
    /// What it is for.
    pub kind: ReminderKind,
    /// Days before the deadline.
    pub days: i64,
    /// Local time it is meant for (`2027-05-24T09:00:00`).
    pub local_at: String,
    /// The time zone of `local_at`.
    pub timezone: String,
    /// The instant it is due (unix seconds).
    pub due_at: i64,
    /// `pending`, `sent`, `cancelled` or `failed`.
    pub state: String,
    /// When it was sent (RFC 3339).
    pub sent_at: Option<String>,
    /// Whether it was sent well after its time (koers was down or busy).
    pub late: bool,
    /// Failed tries that may pass (server errors, network) so far.
    pub attempts: i64,
    /// Unix seconds before which the next try does not start; 0 before any failure.
    pub retry_at: i64,
    /// When it failed for good (RFC 3339).
    pub failed_at: Option<String>,
    /// The short machine reason it failed (`matrix M_FORBIDDEN …`).
    pub fail_reason: Option<String>,
    /// When the team's `/status` showed the failure.
    pub fail_shown_at: Option<String>,
    /// How many send records it has: 1 once sent, never more.
    pub sends: i64,
}

fn reminder_from_row(r: &Row<'_>) -> rusqlite::Result<ReminderRecord> {
    Ok(ReminderRecord {
        id: r.get(0)?,
        goal_id: r.get(1)?,
        goal_number: r.get(2)?,
        kind: r.get(3)?,
        days: r.get(4)?,
        local_at: r.get(5)?,
        timezone: r.get(6)?,
        due_at: r.get(7)?,
        state: r.get(8)?,
        sent_at: r.get(9)?,
        late: r.get(10)?,
        attempts: r.get(11)?,
        retry_at: r.get(12)?,
        failed_at: r.get(13)?,
        fail_reason: r.get(14)?,
        fail_shown_at: r.get(15)?,
        sends: r.get(16)?,
    })
}

impl Store<'_> {
    /// Every team, on every platform, by platform and id there.
    #[instrument(skip_all, err)]
    pub fn list_teams(&mut self) -> Result<Vec<TeamEntry>> {
        self.tx()
            .prepare_cached(
                "SELECT id, platform, external_id, name FROM teams ORDER BY platform, external_id",
            )?
            .query_map([], |r| {
                Ok(TeamEntry {
                    id: r.get(0)?,
                    platform: r.get(1)?,
                    external_id: r.get(2)?,
                    name: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_teams")
    }

    /// Every earlier version of a team's answers, all rounds and keys, oldest first.
    #[instrument(skip_all, err)]
    pub fn list_team_answer_history(&mut self, team_id: i64) -> Result<Vec<PastAnswer>> {
        self.tx()
            .prepare_cached(
                // The columns in `answer_from_row`'s order (answer_history has no `computed`
                // column, so it reads as false), then round and replaced_at.
                "SELECT key, value, skipped, 0, user_name, answered_at, user_id, round, replaced_at
                 FROM answer_history WHERE team_id = ?1 ORDER BY id",
            )?
            .query_map(params![team_id], |r| {
                Ok(PastAnswer {
                    answer: answer_from_row(r)?,
                    round: r.get(7)?,
                    replaced_at: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_team_answer_history")
    }

    /// Every goal of a team with everything stored about it, all rounds, by number (goals
    /// still being entered have number 0 and come first, in entry order).
    #[instrument(skip_all, err)]
    pub fn list_goal_records(&mut self, team_id: i64) -> Result<Vec<GoalRecord>> {
        let sql = format!(
            "SELECT {GOAL_COLUMNS}, g.vraagstuk, g.deadline_text, g.baseline_text,
                    g.target_text, g.smart_json, g.created_by, g.created_by_id, g.created_at,
                    g.updated_at
             FROM goals g WHERE g.team_id = ?1 ORDER BY g.number, g.id"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![team_id], |r| {
                Ok(GoalRecord {
                    goal: goal_from_row(r, 0)?,
                    vraagstuk: r.get(GOAL_COLUMN_COUNT)?,
                    deadline_text: r.get(GOAL_COLUMN_COUNT + 1)?,
                    baseline_text: r.get(GOAL_COLUMN_COUNT + 2)?,
                    target_text: r.get(GOAL_COLUMN_COUNT + 3)?,
                    smart_json: r.get(GOAL_COLUMN_COUNT + 4)?,
                    created_by: r.get(GOAL_COLUMN_COUNT + 5)?,
                    created_by_id: r.get(GOAL_COLUMN_COUNT + 6)?,
                    created_at: r.get(GOAL_COLUMN_COUNT + 7)?,
                    updated_at: r.get(GOAL_COLUMN_COUNT + 8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_goal_records")
    }

    /// Every reminder of a team's goals, whatever its state, in the order they fall due.
    #[instrument(skip_all, err)]
    pub fn list_team_reminders(&mut self, team_id: i64) -> Result<Vec<ReminderRecord>> {
        self.tx()
            .prepare_cached(
                "SELECT r.id, r.goal_id, g.number, r.kind, r.days, r.local_at, r.timezone,
                        r.due_at, r.state, r.sent_at, r.late, r.attempts, r.retry_at,
                        r.failed_at, r.fail_reason, r.fail_shown_at,
                        (SELECT count(*) FROM reminder_sends s WHERE s.reminder_id = r.id)
                 FROM reminders r JOIN goals g ON g.id = r.goal_id
                 WHERE r.team_id = ?1 ORDER BY r.due_at, r.id",
            )?
            .query_map(params![team_id], reminder_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_team_reminders")
    }

    /// The names of the database's tables, in name order (`SQLite`'s own left out).
    #[instrument(skip_all, err)]
    pub fn list_tables(&mut self) -> Result<Vec<String>> {
        self.tx()
            .prepare_cached(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_tables")
    }

    /// `SQLite`'s integrity check: `["ok"]` for a sound file, otherwise one line per problem.
    #[instrument(skip_all, err)]
    pub fn check_integrity(&mut self) -> Result<Vec<String>> {
        self.tx()
            .prepare_cached("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("check_integrity")
    }

    /// The journal mode of the file, lower case (`wal` for every database koers opened).
    #[instrument(skip_all, err)]
    pub fn get_journal_mode(&mut self) -> Result<String> {
        self.tx()
            .prepare_cached("PRAGMA journal_mode")?
            .query_row([], |r| r.get::<_, String>(0))
            .map(|mode| mode.to_lowercase())
            .context("get_journal_mode")
    }
}

#[cfg(test)]
#[path = "inspect_tests.rs"]
mod tests;
