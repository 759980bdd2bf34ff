//! Retention: koers keeps a team's data only while the team uses it. Once a day (and when
//! `koers chat` starts) a sweep over one platform's teams
//!
//! - removes rounds closed more than `retention_days` ago (the current round stays, and so do
//!   goals still running);
//! - warns a team that has sent no message for `retention_days` minus [`WARN_DAYS`] days;
//! - deletes a team silent for `retention_days` that was warned at least [`WARN_DAYS`] days
//!   before, so no team goes without a warning two weeks ahead.
//!
//! Any message from the team resets its clock and the warning
//! (`Store::update_team_activity`, in every turn). `retention_days = 0` keeps everything.

use std::sync::Arc;

use anyhow::Result;
use jiff::{Timestamp, tz::TimeZone};

use super::{Engine, Reply, TeamKey};
use crate::prompts::Lang;
use crate::store::{Db, IdleTeam, Store};

/// Days between the warning and the deletion.
pub(super) const WARN_DAYS: i64 = 14;
const DAY: i64 = 24 * 60 * 60;

/// A message for one team that retention produced: a warning, or the farewell of a team it
/// deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The team's row id (gone after a deletion).
    pub team_id: i64,
    /// Where it goes.
    pub team: TeamKey,
    /// What it says; a farewell has [`Reply::farewell`] set.
    pub reply: Reply,
    /// A stable idempotency key for the platform (Discord nonce, Matrix transaction id).
    pub key: String,
}

/// What one sweep did on one platform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sweep {
    /// Teams to warn now. They are marked warned only once the warning is delivered
    /// ([`Engine::mark_warned`]), so a warning that could not be sent comes again next time.
    pub warnings: Vec<Notice>,
    /// Teams deleted, each with its farewell.
    pub deleted: Vec<Notice>,
    /// Old rounds removed.
    pub rounds: usize,
}

impl Engine {
    /// Sweep the teams of `platform` (see the module). Deletions happen here, in one
    /// transaction; warnings are handed back to be delivered.
    pub fn retention_sweep(self: &Arc<Self>, db: &Db, platform: &str) -> Result<Sweep> {
        let days = i64::from(self.settings.retention_days);
        if days == 0 {
            return Ok(Sweep::default());
        }
        let engine = Arc::clone(self);
        let platform = platform.to_string();
        let sweep = db.run(move |store| engine.sweep_in(store, &platform, days))?;
        if sweep != Sweep::default() {
            tracing::info!(
                warned = sweep.warnings.len(),
                deleted = sweep.deleted.len(),
                rounds = sweep.rounds,
                "retention sweep"
            );
        }
        Ok(sweep)
    }

    fn sweep_in(&self, store: &mut Store<'_>, platform: &str, days: i64) -> Result<Sweep> {
        let now = self.clock.now().as_second();
        let keep = days * DAY;
        let mut sweep = Sweep::default();
        for (team, round) in store.list_old_rounds(platform, now - keep)? {
            sweep.rounds += 1;
            let rows = store.delete_round(team, round)?;
            tracing::info!(team, round, rows, "old round removed");
        }
        for idle in store.list_expired_teams(platform, now - keep, now - WARN_DAYS * DAY)? {
            let removed = store.delete_team(idle.id)?;
            tracing::info!(
                team = idle.id,
                rows = removed.total(),
                "inactive team deleted"
            );
            let text = self.texts.fmt(
                idle.lang,
                "msg.retention.deleted",
                &[("team", &idle.name), ("days", &days.to_string())],
            );
            sweep.deleted.push(notice(&idle, text, true, now));
        }
        let warn_since = now - keep + WARN_DAYS * DAY;
        for idle in store.list_unwarned_idle_teams(platform, warn_since)? {
            let text = self.warning(&idle, days, idle.lang);
            sweep.warnings.push(notice(&idle, text, false, now));
        }
        Ok(sweep)
    }

    /// The warning for a team that has been silent: since when, and when it will be deleted.
    fn warning(&self, idle: &IdleTeam, days: i64, lang: Lang) -> String {
        // The earliest a sweep deletes it: its retention is up, and two weeks after the warning.
        let now = self.clock.now().as_second();
        let due = (idle.last_active_at + days * DAY).max(now + WARN_DAYS * DAY);
        self.texts.fmt(
            lang,
            "msg.retention.warning",
            &[
                ("team", &idle.name),
                ("since", &day(idle.last_active_at)),
                ("date", &day(due)),
                ("days", &days.to_string()),
            ],
        )
    }

    /// Note that team `team_id` was warned now.
    pub fn mark_warned(self: &Arc<Self>, db: &Db, team_id: i64) -> Result<()> {
        let now = self.clock.now().as_second();
        db.run(move |store| store.update_retention_warned(team_id, now))
    }

    /// The terminal's notice at start for a team that was warned: it has been silent long
    /// enough to be deleted soon, and stays now that someone is back. `None` when not warned.
    pub fn retention_notice(self: &Arc<Self>, db: &Db, team: &TeamKey) -> Result<Option<String>> {
        let (platform, id) = (team.platform.clone(), team.id.clone());
        let found = db.run(move |store| {
            let Some(t) = store.find_team(&platform, &id)? else {
                return Ok(None);
            };
            Ok(store.find_retention_warning(t.id)?.map(|w| (t.lang, w)))
        })?;
        Ok(found.map(|(lang, (last, _))| {
            self.texts.fmt(
                lang,
                "msg.retention.back",
                &[
                    ("since", &day(last)),
                    ("days", &self.settings.retention_days.to_string()),
                ],
            )
        }))
    }
}

fn notice(idle: &IdleTeam, text: String, farewell: bool, now: i64) -> Notice {
    let kind = if farewell { 'd' } else { 'w' };
    Notice {
        team_id: idle.id,
        team: TeamKey {
            platform: idle.platform.clone(),
            id: idle.external_id.clone(),
            name: idle.name.clone(),
        },
        reply: Reply {
            text,
            farewell,
            ..Reply::default()
        },
        // Short enough for a Discord nonce (25 characters).
        key: format!("r{kind}{}.{now}", idle.id),
    }
}

/// A unix second as the day a team reads (`30-06-2027`, UTC).
fn day(second: i64) -> String {
    Timestamp::from_second(second)
        .map(|t| {
            t.to_zoned_datetime(TimeZone::UTC)
                .date()
                .strftime("%d-%m-%Y")
                .to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "retention_tests.rs"]
mod tests;
