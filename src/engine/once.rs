//! Platform events that carry an id (Matrix): each is handled at most once, marked in the same
//! transaction as what it does.

use std::sync::Arc;

use anyhow::{Context, Result};
use tracing::instrument;

use super::{Engine, Incoming, Reply};
use crate::store::Db;

impl Engine {
    /// [`respond`](Self::respond) for a platform event that has an id: the event is marked
    /// handled in the same transaction as what it does, so an event delivered again (a replayed
    /// sync after a crash) gets `None` and changes nothing.
    pub fn respond_once(
        self: &Arc<Self>,
        db: &Db,
        msg: Incoming,
        event_id: &str,
    ) -> Option<Vec<Reply>> {
        self.respond_once_or_full(db, msg, event_id)
            .unwrap_or_else(Some)
    }

    /// [`respond_once`](Self::respond_once), telling a store without room apart: then
    /// `Err(refusal)`, nothing of the event was kept (not even that it was handled), so a
    /// platform that can have the event delivered again (Matrix: by not moving its sync
    /// position) hands it over once there is room.
    pub fn respond_once_or_full(
        self: &Arc<Self>,
        db: &Db,
        msg: Incoming,
        event_id: &str,
    ) -> Result<Option<Vec<Reply>>, Vec<Reply>> {
        let team = msg.team.clone();
        match self.handle_once(db, msg, event_id) {
            Ok(replies) => Ok(replies),
            Err(err) if crate::store::is_full(&err) => Err(self.polite(db, &team, &err)),
            Err(err) => Ok(Some(self.polite(db, &team, &err))),
        }
    }

    /// [`handle`](Self::handle), once per event id.
    #[instrument(skip_all, err, fields(platform = %msg.team.platform))]
    pub fn handle_once(
        self: &Arc<Self>,
        db: &Db,
        msg: Incoming,
        event_id: &str,
    ) -> Result<Option<Vec<Reply>>> {
        let engine = Arc::clone(self);
        let event_id = event_id.to_string();
        db.run(move |store| {
            let now = engine.clock.now().to_string();
            if store.find_handled_event(&msg.team.platform, &event_id)? {
                tracing::info!(event_id, "event already handled");
                return Ok(None);
            }
            let (platform, team) = (msg.team.platform.clone(), msg.team.id.clone());
            let turned = engine.turn(store, msg)?;
            // Marked after the turn, with the team as it is now: a team the event created is
            // linked, one it deleted is not, so the mark outlives it (a replay stays harmless).
            store.insert_handled_event(&platform, &team, &event_id, &now)?;
            Ok(Some(turned))
        })
        .context("the conversation step failed")?
        .map(super::picture::develop)
        .transpose()
    }
}
