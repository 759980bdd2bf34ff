//! Discord threads koers opened for a team (one per round): which team a thread leads to, and
//! the thread a team's conversation runs in now.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;

/// A thread koers opened, as seen from inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadTeam {
    /// The team's channel id (the thread's parent).
    pub channel: String,
    /// Whether it is the team's newest thread, where its conversation runs now.
    pub current: bool,
}

/// A team's newest thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelThread {
    /// The thread's id.
    pub thread: String,
    /// The round it was opened for.
    pub round: u32,
}

impl Store<'_> {
    /// Remember a thread opened for a team's round; it becomes the team's current thread.
    #[instrument(skip_all, err)]
    pub fn insert_discord_thread(
        &mut self,
        team_id: i64,
        thread_id: &str,
        round: u32,
        now: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO discord_threads (team_id, thread_id, round, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![team_id, thread_id, round, now])
            .context("remembering a Discord thread")?;
        Ok(())
    }

    /// The team a thread leads to, if koers opened it.
    #[instrument(skip_all, err)]
    pub fn find_discord_thread(&mut self, thread_id: &str) -> Result<Option<ThreadTeam>> {
        self.tx()
            .prepare_cached(
                "SELECT t.external_id,
                        d.id = (SELECT max(n.id) FROM discord_threads n WHERE n.team_id = d.team_id)
                   FROM discord_threads d JOIN teams t ON t.id = d.team_id
                  WHERE d.thread_id = ?1 AND t.platform = 'discord'",
            )?
            .query_row(params![thread_id], |r| {
                Ok(ThreadTeam {
                    channel: r.get(0)?,
                    current: r.get(1)?,
                })
            })
            .optional()
            .context("reading a Discord thread")
    }

    /// The thread a channel's team talks in now (its newest), if koers opened one.
    #[instrument(skip_all, err)]
    pub fn find_current_discord_thread(
        &mut self,
        channel_id: &str,
    ) -> Result<Option<ChannelThread>> {
        self.tx()
            .prepare_cached(
                "SELECT d.thread_id, d.round
                   FROM discord_threads d JOIN teams t ON t.id = d.team_id
                  WHERE t.platform = 'discord' AND t.external_id = ?1
                  ORDER BY d.id DESC LIMIT 1",
            )?
            .query_row(params![channel_id], |r| {
                Ok(ChannelThread {
                    thread: r.get(0)?,
                    round: r.get(1)?,
                })
            })
            .optional()
            .context("reading a channel's current Discord thread")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Db;

    #[test]
    fn a_thread_leads_to_its_team_and_the_newest_is_current() {
        let db = Db::open_in_memory().unwrap();
        let (none, first, second, old, new, other) = db
            .run(|s| {
                let team = s.insert_team(
                    "discord",
                    "100",
                    "#100",
                    crate::prompts::Lang::Nl,
                    "Europe/Amsterdam",
                    "t",
                )?;
                // A Matrix room with the same id is another team and has no threads.
                s.insert_team(
                    "matrix",
                    "100",
                    "!r",
                    crate::prompts::Lang::Nl,
                    "Europe/Amsterdam",
                    "t",
                )?;
                let none = s.find_current_discord_thread("100")?;
                s.insert_discord_thread(team.id, "201", 1, "t1")?;
                let first = s.find_current_discord_thread("100")?;
                s.insert_discord_thread(team.id, "202", 2, "t2")?;
                Ok((
                    none,
                    first,
                    s.find_current_discord_thread("100")?,
                    s.find_discord_thread("201")?,
                    s.find_discord_thread("202")?,
                    s.find_discord_thread("999")?,
                ))
            })
            .unwrap();
        assert_eq!(none, None);
        assert_eq!(
            first,
            Some(ChannelThread {
                thread: "201".into(),
                round: 1
            })
        );
        assert_eq!(
            second,
            Some(ChannelThread {
                thread: "202".into(),
                round: 2
            })
        );
        assert_eq!(
            old,
            Some(ThreadTeam {
                channel: "100".into(),
                current: false
            })
        );
        assert_eq!(
            new,
            Some(ThreadTeam {
                channel: "100".into(),
                current: true
            })
        );
        assert_eq!(other, None);
    }

    #[test]
    fn a_thread_is_remembered_once() {
        let db = Db::open_in_memory().unwrap();
        let twice = db.run(|s| {
            let team = s.insert_team(
                "discord",
                "100",
                "#100",
                crate::prompts::Lang::Nl,
                "Europe/Amsterdam",
                "t",
            )?;
            s.insert_discord_thread(team.id, "201", 1, "t1")?;
            s.insert_discord_thread(team.id, "201", 1, "t1")
        });
        assert!(twice.is_err(), "a thread id is unique");
    }
}
