//! Platform bookkeeping queries: named values (sync token, session), events already handled,
//! the questions behind posted messages, and the direct rooms koers opened with people.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;

/// Direct rooms are named values `direct_room:<user id>` → room id in `platform_state`: one per
/// person, never a secret, and no table of their own for so few rows.
const DIRECT_ROOM: &str = "direct_room:";

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

    /// Whether an event was handled already.
    #[instrument(skip_all, err)]
    pub fn find_handled_event(&mut self, platform: &str, event_id: &str) -> Result<bool> {
        self.tx()
            .prepare_cached("SELECT 1 FROM handled_events WHERE platform = ?1 AND event_id = ?2")?
            .query_row(params![platform, event_id], |_| Ok(()))
            .optional()
            .map(|found| found.is_some())
            .context("find_handled_event")
    }

    /// Mark an event handled, with the team of the space `team` (its platform id) when that
    /// team exists, so deleting the team takes the mark along; `false` when it already was.
    #[instrument(skip_all, err)]
    pub fn insert_handled_event(
        &mut self,
        platform: &str,
        team: &str,
        event_id: &str,
        now: &str,
    ) -> Result<bool> {
        let n = self
            .tx()
            .prepare_cached(
                "INSERT INTO handled_events (platform, event_id, handled_at, team_id)
                 VALUES (?1, ?2, ?3, (SELECT id FROM teams WHERE platform = ?1 AND external_id = ?4))
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![platform, event_id, now, team])
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

    /// Remember which question a posted message asked, in the space `team` (its platform
    /// id), so deleting that team takes it along.
    #[instrument(skip_all, err)]
    pub fn insert_sent_question(
        &mut self,
        platform: &str,
        team: &str,
        message_id: &str,
        question: &str,
        now: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO sent_questions (platform, message_id, question, sent_at, team_id)
                 VALUES (?1, ?2, ?3, ?4,
                         (SELECT id FROM teams WHERE platform = ?1 AND external_id = ?5))
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![platform, message_id, question, now, team])
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

    /// The direct room koers opened with `user`, if it has one.
    #[instrument(skip_all, err)]
    pub fn find_direct_room(&mut self, platform: &str, user: &str) -> Result<Option<String>> {
        self.tx()
            .prepare_cached("SELECT value FROM platform_state WHERE platform = ?1 AND name = ?2")?
            .query_row(params![platform, format!("{DIRECT_ROOM}{user}")], |r| {
                r.get(0)
            })
            .optional()
            .context("reading a direct room")
    }

    /// Remember the direct room koers opened with `user` (replacing an earlier one).
    #[instrument(skip_all, err)]
    pub fn set_direct_room(&mut self, platform: &str, user: &str, room: &str) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO platform_state (platform, name, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (platform, name) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![platform, format!("{DIRECT_ROOM}{user}"), room])
            .context("remembering a direct room")?;
        Ok(())
    }

    /// Every direct room koers opened (they are never a team's room).
    #[instrument(skip_all, err)]
    pub fn list_direct_rooms(&mut self, platform: &str) -> Result<Vec<String>> {
        self.tx()
            .prepare_cached(
                "SELECT value FROM platform_state WHERE platform = ?1 AND name GLOB ?2 ORDER BY 1",
            )?
            .query_map(params![platform, format!("{DIRECT_ROOM}*")], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .context("listing direct rooms")
    }

    /// Forget the direct room koers opened with `user` (the person was forgotten).
    #[instrument(skip_all, err)]
    pub fn delete_direct_room_of(&mut self, platform: &str, user: &str) -> Result<usize> {
        self.tx()
            .prepare_cached("DELETE FROM platform_state WHERE platform = ?1 AND name = ?2")?
            .execute(params![platform, format!("{DIRECT_ROOM}{user}")])
            .context("forgetting a person's direct room")
    }

    /// Forget a direct room (the person left it); how many were forgotten.
    #[instrument(skip_all, err)]
    pub fn delete_direct_room(&mut self, platform: &str, room: &str) -> Result<usize> {
        self.tx()
            .prepare_cached(
                "DELETE FROM platform_state WHERE platform = ?1 AND name GLOB ?2 AND value = ?3",
            )?
            .execute(params![platform, format!("{DIRECT_ROOM}*"), room])
            .context("forgetting a direct room")
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
                    s.insert_handled_event("matrix", "!r", "$a", "2026-11-01T00:00:00Z")?,
                    s.insert_handled_event("matrix", "!r", "$a", "2026-11-02T00:00:00Z")?,
                    s.insert_handled_event("discord", "1", "$a", "2026-11-02T00:00:00Z")?,
                ))
            })
            .unwrap();
        assert_eq!(marks, (true, false, true));
        let forgotten = db
            .run(|s| s.delete_handled_events_before("matrix", "2026-11-10T00:00:00Z"))
            .unwrap();
        assert_eq!(forgotten, 1);
        let again = db
            .run(|s| s.insert_handled_event("matrix", "!r", "$a", "2026-11-11T00:00:00Z"))
            .unwrap();
        assert!(again, "a forgotten mark no longer blocks");
    }

    #[test]
    fn a_posted_question_is_found_by_message_id() {
        let db = Db::open_in_memory().unwrap();
        let found = db
            .run(|s| {
                s.insert_sent_question(
                    "matrix",
                    "!r",
                    "$m",
                    "data.level.q1",
                    "2026-11-01T00:00:00Z",
                )?;
                Ok((
                    s.find_sent_question("matrix", "$m")?,
                    s.find_sent_question("matrix", "$other")?,
                ))
            })
            .unwrap();
        assert_eq!(found.0.as_deref(), Some("data.level.q1"));
        assert_eq!(found.1, None);
    }

    #[test]
    fn direct_rooms_are_kept_per_person_and_forgotten_by_room() {
        let db = Db::open_in_memory().unwrap();
        let (anna, rooms) = db
            .run(|s| {
                s.set_platform_state("matrix", "next_batch", "s1")?;
                s.set_direct_room("matrix", "@anna:x", "!a1")?;
                s.set_direct_room("matrix", "@anna:x", "!a2")?;
                s.set_direct_room("matrix", "@ben:x", "!b")?;
                s.set_direct_room("discord", "@ben:x", "!d")?;
                Ok((
                    s.find_direct_room("matrix", "@anna:x")?,
                    s.list_direct_rooms("matrix")?,
                ))
            })
            .unwrap();
        assert_eq!(
            anna.as_deref(),
            Some("!a2"),
            "a newer room replaces the old"
        );
        assert_eq!(rooms, vec!["!a2".to_string(), "!b".to_string()]);
        let (gone, left, batch) = db
            .run(|s| {
                Ok((
                    s.delete_direct_room("matrix", "!b")?,
                    s.find_direct_room("matrix", "@ben:x")?,
                    s.get_platform_state("matrix", "next_batch")?,
                ))
            })
            .unwrap();
        assert_eq!((gone, left), (1, None));
        assert_eq!(batch.as_deref(), Some("s1"), "other values stay");
        let other = db.run(|s| s.find_direct_room("discord", "@ben:x")).unwrap();
        assert_eq!(other.as_deref(), Some("!d"));
    }
}
