//! Replies for one person alone (what koers keeps about them: `/privacy`, `/vergeetmij`) go to
//! a direct room with that person, opened once and remembered in the database; the team's room
//! only hears where the answer went. Such a room is never a team: koers does not greet there,
//! and forgets it when the person leaves.

use anyhow::{Context as _, Result};
use matrix_sdk::ruma::api::client::room::create_room;
use matrix_sdk::ruma::{OwnedRoomId, OwnedUserId};
use serde_json::Value;

use super::events::RawEvent;
use super::render::merge;
use super::send::{fresh_txn, post, post_file};
use super::{Bot, PLATFORM};
use crate::engine::{Person, Reply};

impl Bot {
    /// Whether koers keeps this room for direct messages (one it opened itself, or one it
    /// remembers): never a team's room.
    pub(super) fn is_direct(&self, room: &str) -> bool {
        let remembered = self
            .direct
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(room);
        remembered || self.rooms.created_by(room, &self.me.id)
    }

    /// Send `replies` to `person` alone, in koers' direct room with them.
    pub(super) async fn send_personal(
        &self,
        person: &Person,
        mut replies: Vec<Reply>,
    ) -> Result<()> {
        let mut room = self.direct_room(&person.id).await?;
        let mut fresh = false;
        // Files (`/mijndata`'s JSON) follow the text as `m.file` events (merging joins texts).
        let files: Vec<_> = replies.iter_mut().filter_map(|r| r.file.take()).collect();
        for reply in merge(replies) {
            loop {
                let now = self.link.engine().now().to_string();
                match post(&self.client, &self.link, &room, &reply, &fresh_txn(), now).await {
                    Ok(_) => break,
                    // koers was removed from the old room: open a new one, once.
                    Err(e) if not_in_room(&e) && !fresh => {
                        tracing::info!(%room, "the direct room is gone; opening a new one");
                        self.forget_direct(&room).await;
                        room = self.direct_room(&person.id).await?;
                        fresh = true;
                    }
                    Err(e) => return Err(e).context("cannot send a direct message"),
                }
            }
        }
        for file in &files {
            post_file(&self.client, &room, file, &fresh_txn())
                .await
                .context("cannot send a file in a direct message")?;
        }
        Ok(())
    }

    /// koers' direct room with `user`: the remembered one, or a new one.
    async fn direct_room(&self, user: &str) -> Result<String> {
        let who = user.to_string();
        if let Some(room) = self
            .link
            .store(move |s| s.find_direct_room(PLATFORM, &who))
            .await?
        {
            return Ok(room);
        }
        let mut request = create_room::v3::Request::new();
        request.is_direct = true;
        request.preset = Some(create_room::v3::RoomPreset::TrustedPrivateChat);
        request.invite = vec![OwnedUserId::try_from(user).context("not a Matrix user id")?];
        let room = self
            .client
            .send(request)
            .await
            .context("cannot open a direct room")?
            .room_id
            .to_string();
        // Known before the next sync shows the room, so it is never greeted as a team.
        self.direct
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(room.clone());
        let (who, id) = (user.to_string(), room.clone());
        self.link
            .store(move |s| s.set_direct_room(PLATFORM, &who, &id))
            .await?;
        tracing::info!(%room, "opened a direct room");
        Ok(room)
    }

    /// Events in a direct room: when the person leaves (or declines), koers forgets the room
    /// and leaves too; nothing else is read there.
    pub(super) async fn direct_room_events(&self, room: &OwnedRoomId, events: &[RawEvent]) {
        let left = events.iter().any(|ev| {
            ev.kind == "m.room.member"
                && ev.state_key.as_deref().is_some_and(|k| k != self.me.id)
                && matches!(
                    ev.content.get("membership").and_then(Value::as_str),
                    Some("leave" | "ban")
                )
        });
        if left {
            self.forget_direct(room.as_str()).await;
            self.leave(room, "the person left the direct room").await;
        }
    }

    async fn forget_direct(&self, room: &str) {
        let id = room.to_string();
        if let Err(e) = self
            .link
            .store(move |s| s.delete_direct_room(PLATFORM, &id))
            .await
        {
            tracing::warn!(%room, error = format!("{e:#}"), "cannot forget a direct room");
        }
    }
}

/// Whether the homeserver said koers is not (or no longer) in the room.
fn not_in_room(err: &anyhow::Error) -> bool {
    super::api_error_is(err, |k| {
        matches!(
            k,
            matrix_sdk::ruma::api::error::ErrorKind::Forbidden
                | matrix_sdk::ruma::api::error::ErrorKind::NotFound
        )
    })
}
