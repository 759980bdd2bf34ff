//! Platform bookkeeping queries: named values (sync token, session), events already handled,
//! and the questions behind posted messages.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;

impl Store<'_> {
    /// A platform's named value, if set.
    #[instrument(skip_all, err)]
    pub fn get_platform_state(&mut self, platform: &str, name: &str) -> Result<Option<String>> {
        self.tx()
            .prepare_cached("SELECT value FROM platform_state WHERE platform = ?1 AND name = ?2")?
            .query_row(params![platform, name], |r| r.get(0))
            .optional()
            .context("reading platform state")
    }

    /// Set a platform's named value.
    #[instrument(skip_all, err)]
    pub fn set_platform_state(&mut self, platform: &str, name: &str, value: &str) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO platform_state (platform, name, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (platform, name) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![platform, name, value])
            .context("writing platform state")?;
        Ok(())
    }

    /// Mark an event handled; `false` when it already was.
    #[instrument(skip_all, err)]
    pub fn insert_handled_event(
        &mut self,
        platform: &str,
        event_id: &str,
        now: &str,
    ) -> Result<bool> {
        let n = self
            .tx()
            .prepare_cached(
                "INSERT INTO handled_events (platform, event_id, handled_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![platform, event_id, now])
            .context("marking an event handled")?;
        Ok(n == 1)
    }

    /// Forget handled events from before `before` (RFC 3339): a platform replays only events
    /// after its last saved sync position, so older marks can never match again.
    #[instrument(skip_all, err)]
    pub fn delete_handled_events_before(&mut self, platform: &str, before: &str) -> Result<usize> {
        self.tx()
            .prepare_cached("DELETE FROM handled_events WHERE platform = ?1 AND handled_at < ?2")?
            .execute(params![platform, before])
            .context("forgetting old handled events")
    }

    /// Remember which question a posted message asked.
    #[instrument(skip_all, err)]
    pub fn insert_sent_question(
        &mut self,
        platform: &str,
        message_id: &str,
        question: &str,
        now: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO sent_questions (platform, message_id, question, sent_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![platform, message_id, question, now])
            .context("remembering a posted question")?;
        Ok(())
    }

    /// The question a posted message asked, if koers posted it.
    #[instrument(skip_all, err)]
    pub fn find_sent_question(
        &mut self,
        platform: &str,
        message_id: &str,
    ) -> Result<Option<String>> {
        self.tx()
            .prepare_cached(
                "SELECT question FROM sent_questions WHERE platform = ?1 AND message_id = ?2",
            )?
            .query_row(params![platform, message_id], |r| r.get(0))
            .optional()
            .context("reading a posted question")
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Db;

    #[test]
    fn platform_state_is_set_and_replaced() {
        let db = Db::open_in_memory().unwrap();
        let (first, second) = db
            .run(|s| {
                let none = s.get_platform_state("matrix", "next_batch")?;
                s.set_platform_state("matrix", "next_batch", "s1")?;
                let first = s.get_platform_state("matrix", "next_batch")?;
                s.set_platform_state("matrix", "next_batch", "s2")?;
                assert_eq!(none, None);
                Ok((first, s.get_platform_state("matrix", "next_batch")?))
            })
            .unwrap();
        assert_eq!(first.as_deref(), Some("s1"));
        assert_eq!(second.as_deref(), Some("s2"));
        let other = db
            .run(|s| s.get_platform_state("discord", "next_batch"))
            .unwrap();
        assert_eq!(other, None, "values are per platform");
    }

    #[test]
    fn an_event_is_handled_once_and_old_marks_are_forgotten() {
        let db = Db::open_in_memory().unwrap();
        let marks = db
            .run(|s| {
                Ok((
                    s.insert_handled_event("matrix", "$a", "2026-11-01T00:00:00Z")?,
                    s.insert_handled_event("matrix", "$a", "2026-11-02T00:00:00Z")?,
                    s.insert_handled_event("discord", "$a", "2026-11-02T00:00:00Z")?,
                ))
            })
            .unwrap();
        assert_eq!(marks, (true, false, true));
        let forgotten = db
            .run(|s| s.delete_handled_events_before("matrix", "2026-11-10T00:00:00Z"))
            .unwrap();
        assert_eq!(forgotten, 1);
        let again = db
            .run(|s| s.insert_handled_event("matrix", "$a", "2026-11-11T00:00:00Z"))
            .unwrap();
        assert!(again, "a forgotten mark no longer blocks");
    }

    #[test]
    fn a_posted_question_is_found_by_message_id() {
        let db = Db::open_in_memory().unwrap();
        let found = db
            .run(|s| {
                s.insert_sent_question("matrix", "$m", "data.level.q1", "2026-11-01T00:00:00Z")?;
                Ok((
                    s.find_sent_question("matrix", "$m")?,
                    s.find_sent_question("matrix", "$other")?,
                ))
            })
            .unwrap();
        assert_eq!(found.0.as_deref(), Some("data.level.q1"));
        assert_eq!(found.1, None);
    }
}
