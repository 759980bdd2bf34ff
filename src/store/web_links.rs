//! The private web page's links (`/link`): per team the SHA-256 of its token, when it was made
//! and whether it was switched off. The token itself is never stored.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;

/// A working link and the team it opens, as the web server looks tokens up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebLink {
    /// The SHA-256 of the token (32 bytes).
    pub token_hash: Vec<u8>,
    /// The team's platform (`terminal`, `discord`, `matrix`).
    pub platform: String,
    /// The team's id on its platform.
    pub external_id: String,
    /// The team's display name.
    pub name: String,
}

/// A team's link as `/link` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebLinkState {
    /// When its current token was made (RFC 3339).
    pub created_at: String,
    /// When it was switched off; `None` while it works.
    pub revoked_at: Option<String>,
}

impl Store<'_> {
    /// The link of team `team_id`, working or switched off; `None` when it never had one.
    #[instrument(skip_all, err)]
    pub fn find_web_link(&mut self, team_id: i64) -> Result<Option<WebLinkState>> {
        self.tx()
            .prepare_cached("SELECT created_at, revoked_at FROM web_links WHERE team_id = ?1")?
            .query_row(params![team_id], |r| {
                Ok(WebLinkState {
                    created_at: r.get(0)?,
                    revoked_at: r.get(1)?,
                })
            })
            .optional()
            .context("find_web_link")
    }

    /// Give team `team_id` a link with the token hashed to `token_hash`: a new one, or in place
    /// of the old one (whose token stops working), switched on.
    #[instrument(skip_all, err)]
    pub fn upsert_web_link(&mut self, team_id: i64, token_hash: &[u8], now: &str) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO web_links (team_id, token_hash, created_at, revoked_at)
                 VALUES (?1, ?2, ?3, NULL)
                 ON CONFLICT (team_id) DO UPDATE
                 SET token_hash = excluded.token_hash, created_at = excluded.created_at,
                     revoked_at = NULL",
            )?
            .execute(params![team_id, token_hash, now])
            .context("upsert_web_link")?;
        Ok(())
    }

    /// Switch team `team_id`'s link off; whether there was a working one.
    #[instrument(skip_all, err)]
    pub fn revoke_web_link(&mut self, team_id: i64, now: &str) -> Result<bool> {
        let changed = self
            .tx()
            .prepare_cached(
                "UPDATE web_links SET revoked_at = ?2 WHERE team_id = ?1 AND revoked_at IS NULL",
            )?
            .execute(params![team_id, now])
            .context("revoke_web_link")?;
        Ok(changed > 0)
    }

    /// Forget team `team_id`'s link altogether (deleting a team's data; a deleted team row
    /// takes it along by itself, `ON DELETE CASCADE`); whether there was one.
    #[instrument(skip_all, err)]
    pub fn delete_web_link(&mut self, team_id: i64) -> Result<bool> {
        let deleted = self
            .tx()
            .prepare_cached("DELETE FROM web_links WHERE team_id = ?1")?
            .execute(params![team_id])
            .context("delete_web_link")?;
        Ok(deleted > 0)
    }

    /// Every working link with its team. The web server compares a token's hash with each of
    /// them in constant time rather than looking it up by value (`crate::web::token`).
    #[instrument(skip_all, err)]
    pub fn list_web_links(&mut self) -> Result<Vec<WebLink>> {
        let mut stmt = self.tx().prepare_cached(
            "SELECT l.token_hash, t.platform, t.external_id, t.name
             FROM web_links l JOIN teams t ON t.id = l.team_id
             WHERE l.revoked_at IS NULL ORDER BY l.team_id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(WebLink {
                    token_hash: r.get(0)?,
                    platform: r.get(1)?,
                    external_id: r.get(2)?,
                    name: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_web_links")?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use crate::prompts::Lang;
    use crate::store::Db;

    #[test]
    fn a_link_is_made_rotated_and_switched_off_and_only_working_ones_are_listed() {
        let db = Db::open_in_memory().expect("db");
        db.run(|s| {
            let a = s.insert_team("terminal", "a", "A", Lang::Nl, "Europe/Amsterdam", "t0")?;
            let b = s.insert_team("terminal", "b", "B", Lang::Nl, "Europe/Amsterdam", "t0")?;
            assert_eq!(s.find_web_link(a.id)?, None);
            assert!(!s.revoke_web_link(a.id, "t1")?, "nothing to switch off");
            s.upsert_web_link(a.id, &[1; 32], "t1")?;
            s.upsert_web_link(b.id, &[2; 32], "t1")?;
            s.upsert_web_link(a.id, &[3; 32], "t2")?;
            let links = s.list_web_links()?;
            assert_eq!(links.len(), 2);
            assert_eq!(
                links[0].token_hash,
                vec![3; 32],
                "rotated: the old hash is gone"
            );
            assert_eq!(links[0].external_id, "a");
            assert!(s.revoke_web_link(b.id, "t3")?);
            let links = s.list_web_links()?;
            assert_eq!(links.len(), 1);
            assert_eq!(links[0].external_id, "a");
            let state = s.find_web_link(b.id)?.expect("kept");
            assert_eq!(state.revoked_at.as_deref(), Some("t3"));
            // A hash of another length is refused by the schema.
            assert!(s.upsert_web_link(b.id, b"short", "t4").is_err());
            assert!(s.delete_web_link(b.id)?);
            assert_eq!(s.find_web_link(b.id)?, None);
            assert!(!s.delete_web_link(b.id)?);
            Ok(())
        })
        .expect("run");
    }
}
