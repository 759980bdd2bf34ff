//! Answer queries: one answer per question and round, what a change replaced, and who gave
//! it ([`Person`]).

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, params};
use tracing::instrument;

use super::Store;

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

pub(super) fn answer_from_row(r: &Row<'_>) -> rusqlite::Result<Answer> {
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

impl Store<'_> {
    /// One answer of a round.
    #[instrument(skip_all, err)]
    pub fn get_answer(&mut self, team_id: i64, round: u32, key: &str) -> Result<Option<Answer>> {
        self.tx()
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
        self.tx()
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
        self.tx()
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
        self.tx()
            .prepare_cached(
                "INSERT INTO answer_history
                     (team_id, round, key, value, skipped, user_name, user_id, answered_at,
                      replaced_at)
                 SELECT team_id, round, key, value, skipped, user_name, user_id, answered_at, ?4
                 FROM answers WHERE team_id = ?1 AND round = ?2 AND key = ?3 AND computed = 0",
            )?
            .execute(params![team_id, round, key, now])
            .context("delete_answer: history")?;
        self.tx()
            .prepare_cached("DELETE FROM answers WHERE team_id = ?1 AND round = ?2 AND key = ?3")?
            .execute(params![team_id, round, key])
            .context("delete_answer")?;
        Ok(())
    }

    /// All answers of a round, in key order.
    #[instrument(skip_all, err)]
    pub fn list_answers(&mut self, team_id: i64, round: u32) -> Result<Vec<Answer>> {
        self.tx()
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
        self.tx()
            .prepare_cached("SELECT DISTINCT round FROM answers WHERE team_id = ?1 ORDER BY round")?
            .query_map(params![team_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_rounds")
    }

    /// Earlier versions of one answer, oldest first (what a change replaced).
    #[instrument(skip_all, err)]
    pub fn list_answer_history(
        &mut self,
        team_id: i64,
        round: u32,
        key: &str,
    ) -> Result<Vec<Answer>> {
        self.tx()
            .prepare_cached(
                "SELECT key, value, skipped, 0, user_name, answered_at, user_id FROM answer_history
                 WHERE team_id = ?1 AND round = ?2 AND key = ?3 ORDER BY id",
            )?
            .query_map(params![team_id, round, key], answer_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_answer_history")
    }
}
