//! Who wrote an event, what they may do, and whether they spoke to koers: display names and
//! power levels come from the room state seen in sync, or, when koers has not seen a room's
//! state since it started, from the room's state fetched once.

use anyhow::{Context as _, Result};
use matrix_sdk::ruma::OwnedRoomId;
use matrix_sdk::ruma::api::client::room::get_room_event;
use matrix_sdk::ruma::api::client::state::get_state_events;

use super::access::{Creators, Power, role};
use super::address::Said;
use super::events::RawEvent;
use super::{Bot, PLATFORM};
use crate::engine::{Person, Role};
use crate::platform::kit;

impl Bot {
    /// The person behind `user`: their Matrix id, and their display name in the room (the id
    /// when they have none).
    pub(super) async fn person(&self, room: &OwnedRoomId, user: &str) -> Person {
        if self.rooms.member_name(room.as_str(), user).is_none() {
            self.load_state(room).await;
        }
        let name = self.rooms.member_name(room.as_str(), user).flatten();
        if name.is_none() {
            // Known to have none, or unknown after the fetch: do not fetch again for them.
            self.rooms.set_member_name(room.as_str(), user, None);
        }
        kit::person(user, [name.as_deref()])
    }

    /// What `user` may do in the room. When the room's rights cannot be read, a member: a
    /// plan change is refused rather than allowed by mistake.
    pub(super) async fn role(&self, room: &OwnedRoomId, user: &str) -> Role {
        if self.rooms.rights(room.as_str()).is_none() {
            self.load_state(room).await;
        }
        match self.rooms.rights(room.as_str()) {
            Some((power, creators)) => role(&power, Some(&creators), user, &self.managers),
            None if self.managers.users.iter().any(|m| m == user) => Role::Manager,
            None => Role::Member,
        }
    }

    /// Whether free text was meant for koers: it mentions koers, or replies to a message koers
    /// sent (a posted question, or any message whose sender is koers).
    pub(super) async fn addressed(&self, room: &OwnedRoomId, said: &Said) -> bool {
        if said.mentions_me {
            return true;
        }
        for target in &said.replies_to {
            let id = target.clone();
            match self
                .link
                .store(move |s| s.find_sent_question(PLATFORM, &id))
                .await
            {
                Ok(Some(_)) => return true,
                Ok(None) => {}
                Err(e) => tracing::warn!(error = format!("{e:#}"), "cannot read posted questions"),
            }
            match self.sender_of(room, target).await {
                Ok(sender) if sender == self.me.id => return true,
                Ok(_) => {}
                Err(e) => tracing::warn!(%room, error = format!("{e:#}"),
                    "cannot read the message replied to"),
            }
        }
        false
    }

    async fn sender_of(&self, room: &OwnedRoomId, event_id: &str) -> Result<String> {
        let request = get_room_event::v3::Request::new(
            room.clone(),
            event_id.try_into().context("not an event id")?,
        );
        let event = self
            .client
            .send(request)
            .await
            .context("cannot fetch the event")?
            .event;
        Ok(event
            .deserialize_as_unchecked::<RawEvent>()
            .context("unreadable event")?
            .sender)
    }

    /// Fetch the room's whole state once (after a restart koers has not seen it in sync).
    async fn load_state(&self, room: &OwnedRoomId) {
        match self.fetch_state(room).await {
            Ok(n) => tracing::debug!(%room, events = n, "fetched the room's state"),
            Err(e) => {
                tracing::warn!(%room, error = format!("{e:#}"), "cannot read the room's state");
            }
        }
    }

    async fn fetch_state(&self, room: &OwnedRoomId) -> Result<usize> {
        let state = self
            .client
            .send(get_state_events::v3::Request::new(room.clone()))
            .await
            .context("/state failed")?
            .room_state;
        let (mut power, mut creators) = (None, None);
        for raw in &state {
            let Ok(ev) = raw.deserialize_as_unchecked::<RawEvent>() else {
                continue;
            };
            match ev.kind.as_str() {
                "m.room.power_levels" => power = Some(Power::from_content(Some(&ev.content))),
                "m.room.create" => creators = Some(Creators::from_event(&ev.sender, &ev.content)),
                _ => self.rooms.observe(room.as_str(), &ev),
            }
        }
        let power = power.unwrap_or_else(|| Power::from_content(None));
        let creators = creators.context("the room's state has no m.room.create")?;
        self.rooms.set_rights(room.as_str(), power, creators);
        Ok(state.len())
    }
}
