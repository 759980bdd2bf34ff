//! Every SQL statement of koers, one `verb_noun` method per query.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use tracing::instrument;

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
}

/// One stored answer (or skip, or computed result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Position key, e.g. `data.source#2.origin`.
    pub key: String,
    /// The answer; `None` when skipped.
    pub value: Option<String>,
    /// Whether the question was skipped.
    pub skipped: bool,
    /// Whether koers worked this out rather than a person answering.
    pub computed: bool,
    /// Who answered: the name shown.
    pub user: String,
    /// Who answered: their platform id (`None` for what koers worked out, and for old rows
    /// that only kept a display name).
    pub user_id: Option<String>,
    /// When (RFC 3339).
    pub at: String,
}

/// Someone who did something: their platform id (Discord user id, Matrix user id, terminal
/// user name) and the name to show. The id decides who they are; the name is only shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    /// The platform's id of the person.
    pub id: String,
    /// The name to show next to what they wrote.
    pub name: String,
}

impl Team {
    /// Whether koers reads a line not addressed to it now: a question or evaluation is open and
    /// the team has it read every line.
    pub fn reads_every_line(&self) -> bool {
        self.listen == Listen::All && (self.cursor.is_some() || self.open_evaluations > 0)
    }
}

impl Person {
    /// A person whose id and name are both `name` (the terminal, tests).
    pub fn named(name: &str) -> Person {
        Person {
            id: name.to_string(),
            name: name.to_string(),
        }
    }

    /// koers itself, for what it worked out or changed on its own; it has no id.
    pub fn koers() -> Person {
        Person {
            id: String::new(),
            name: "koers".to_string(),
        }
    }

    /// The id to store: none for koers itself.
    pub(super) fn stored_id(&self) -> Option<&str> {
        (!self.id.is_empty()).then_some(self.id.as_str())
    }
}

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

/// The queries, bound to one open transaction.
pub struct Store<'c> {
    tx: Transaction<'c>,
}

fn answer_from_row(r: &Row<'_>) -> rusqlite::Result<Answer> {
    Ok(Answer {
        key: r.get(0)?,
        value: r.get(1)?,
        skipped: r.get(2)?,
        computed: r.get(3)?,
        user: r.get(4)?,
        at: r.get(5)?,
        user_id: r.get(6)?,
    })
}

fn team_from_row(r: &Row<'_>) -> rusqlite::Result<Team> {
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
    })
}

const TEAM_COLUMNS: &str =
    "id, name, lang, timezone, round, cursor, reminder_days, open_evaluations, listen, return_to";

impl<'c> Store<'c> {
    pub(super) fn new(tx: Transaction<'c>) -> Self {
        Store { tx }
    }

    pub(super) fn tx(&self) -> &Transaction<'c> {
        &self.tx
    }

    pub(super) fn commit(self) -> Result<()> {
        self.tx.commit().context("commit failed")
    }

    /// The team of a chat space, if it exists.
    #[instrument(skip_all, err)]
    pub fn find_team(&mut self, platform: &str, external_id: &str) -> Result<Option<Team>> {
        let sql =
            format!("SELECT {TEAM_COLUMNS} FROM teams WHERE platform = ?1 AND external_id = ?2");
        self.tx
            .prepare_cached(&sql)?
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
        self.tx
            .prepare_cached(
                "INSERT INTO teams (platform, external_id, name, lang, timezone, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![platform, external_id, name, lang, timezone, now])
            .context("insert_team")?;
        Ok(Team {
            id: self.tx.last_insert_rowid(),
            name: name.to_string(),
            lang,
            timezone: timezone.to_string(),
            round: 1,
            cursor: None,
            reminder_days: "7,1".to_string(),
            open_evaluations: 0,
            listen: Listen::All,
            return_to: None,
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
        self.tx
            .prepare_cached("UPDATE teams SET return_to = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, question, now])
            .context("update_return_to")?;
        Ok(())
    }

    /// Set what free text a team's koers reads (`all` or `replies`).
    #[instrument(skip_all, err)]
    pub fn update_listen(&mut self, team_id: i64, listen: Listen, now: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE teams SET listen = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, listen, now])
            .context("update_listen")?;
        Ok(())
    }

    /// Move a team's cursor to the open question (`None`: the round is finished).
    #[instrument(skip_all, err)]
    pub fn update_cursor(&mut self, team_id: i64, cursor: Option<&str>, now: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE teams SET cursor = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, cursor, now])
            .context("update_cursor")?;
        Ok(())
    }

    /// Set a team's language.
    #[instrument(skip_all, err)]
    pub fn update_language(&mut self, team_id: i64, lang: Lang, now: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE teams SET lang = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, lang, now])
            .context("update_language")?;
        Ok(())
    }

    /// Set a team's IANA time zone.
    #[instrument(skip_all, err)]
    pub fn update_team_timezone(&mut self, team_id: i64, timezone: &str, now: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE teams SET timezone = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, timezone, now])
            .context("update_team_timezone")?;
        Ok(())
    }

    /// Set the days before a deadline that a team's reminders come.
    #[instrument(skip_all, err)]
    pub fn update_team_reminder_days(&mut self, team_id: i64, days: &str, now: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE teams SET reminder_days = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![team_id, days, now])
            .context("update_team_reminder_days")?;
        Ok(())
    }

    /// Start a new round: bump the round and clear the cursor.
    #[instrument(skip_all, err)]
    pub fn update_round(&mut self, team_id: i64, round: u32, now: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE teams SET round = ?2, cursor = NULL, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![team_id, round, now])
            .context("update_round")?;
        Ok(())
    }

    /// One answer of a round.
    #[instrument(skip_all, err)]
    pub fn get_answer(&mut self, team_id: i64, round: u32, key: &str) -> Result<Option<Answer>> {
        self.tx
            .prepare_cached(
                "SELECT key, value, skipped, computed, user_name, answered_at, user_id FROM answers
                 WHERE team_id = ?1 AND round = ?2 AND key = ?3",
            )?
            .query_row(params![team_id, round, key], answer_from_row)
            .optional()
            .context("get_answer")
    }

    /// Store an answer; an earlier answer to the same key goes to the history (by the
    /// `answers_keep_history` trigger, so a first answer is a single write).
    #[instrument(skip_all, err)]
    pub fn upsert_answer(&mut self, team_id: i64, round: u32, answer: &Answer) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO answers
                     (team_id, round, key, value, skipped, computed, user_name, answered_at, user_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (team_id, round, key) DO UPDATE SET
                     value = excluded.value, skipped = excluded.skipped,
                     computed = excluded.computed, user_name = excluded.user_name,
                     answered_at = excluded.answered_at, user_id = excluded.user_id",
            )?
            .execute(params![
                team_id,
                round,
                answer.key,
                answer.value,
                answer.skipped,
                answer.computed,
                answer.user,
                answer.at,
                answer.user_id
            ])
            .context("upsert_answer")?;
        Ok(())
    }

    /// Remove an answer koers worked out that no longer holds (its source answer changed).
    #[instrument(skip_all, err)]
    pub fn delete_computed_answer(&mut self, team_id: i64, round: u32, key: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM answers WHERE team_id = ?1 AND round = ?2 AND key = ?3 AND computed = 1",
            )?
            .execute(params![team_id, round, key])
            .context("delete_computed_answer")?;
        Ok(())
    }

    /// Remove a person's answer that a changed answer made obsolete (it goes to the history).
    #[instrument(skip_all, err)]
    pub fn delete_answer(&mut self, team_id: i64, round: u32, key: &str, now: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO answer_history
                     (team_id, round, key, value, skipped, user_name, user_id, answered_at,
                      replaced_at)
                 SELECT team_id, round, key, value, skipped, user_name, user_id, answered_at, ?4
                 FROM answers WHERE team_id = ?1 AND round = ?2 AND key = ?3 AND computed = 0",
            )?
            .execute(params![team_id, round, key, now])
            .context("delete_answer: history")?;
        self.tx
            .prepare_cached("DELETE FROM answers WHERE team_id = ?1 AND round = ?2 AND key = ?3")?
            .execute(params![team_id, round, key])
            .context("delete_answer")?;
        Ok(())
    }

    /// All answers of a round, in key order.
    #[instrument(skip_all, err)]
    pub fn list_answers(&mut self, team_id: i64, round: u32) -> Result<Vec<Answer>> {
        self.tx
            .prepare_cached(
                "SELECT key, value, skipped, computed, user_name, answered_at, user_id FROM answers
                 WHERE team_id = ?1 AND round = ?2 ORDER BY key",
            )?
            .query_map(params![team_id, round], answer_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_answers")
    }

    /// The rounds a team has answers in, oldest first.
    #[instrument(skip_all, err)]
    pub fn list_rounds(&mut self, team_id: i64) -> Result<Vec<u32>> {
        self.tx
            .prepare_cached("SELECT DISTINCT round FROM answers WHERE team_id = ?1 ORDER BY round")?
            .query_map(params![team_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_rounds")
    }

    /// Store or update a goal from its answers.
    #[instrument(skip_all, err)]
    pub fn upsert_goal(&mut self, team_id: i64, round: u32, goal: &Goal, now: &str) -> Result<i64> {
        self.tx
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
        self.tx
            .prepare_cached("SELECT id FROM goals WHERE team_id = ?1 AND round = ?2 AND key = ?3")?
            .query_row(params![team_id, round, goal.key], |r| r.get(0))
            .context("upsert_goal: id")
    }

    /// The goals of a round, in entry order.
    #[instrument(skip_all, err)]
    pub fn list_goals(&mut self, team_id: i64, round: u32) -> Result<Vec<Goal>> {
        self.tx
            .prepare_cached(
                "SELECT key, action_text, text, owner, deadline_text, baseline_text, target_text,
                        created_by, created_by_id
                 FROM goals WHERE team_id = ?1 AND round = ?2 ORDER BY id",
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

    /// Earlier versions of one answer, oldest first (what a change replaced).
    #[instrument(skip_all, err)]
    pub fn list_answer_history(
        &mut self,
        team_id: i64,
        round: u32,
        key: &str,
    ) -> Result<Vec<Answer>> {
        self.tx
            .prepare_cached(
                "SELECT key, value, skipped, 0, user_name, answered_at, user_id FROM answer_history
                 WHERE team_id = ?1 AND round = ?2 AND key = ?3 ORDER BY id",
            )?
            .query_map(params![team_id, round, key], answer_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_answer_history")
    }
}

#[cfg(test)]
#[path = "queries_tests.rs"]
mod tests;
