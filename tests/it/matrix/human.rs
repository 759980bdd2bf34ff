//! A person with a Matrix client (matrix-sdk, plain client-server API calls), and the events
//! they read.

use matrix_sdk::Client;
use matrix_sdk::ruma::api::Direction;
use matrix_sdk::ruma::api::client::authenticated_media::get_content;
use matrix_sdk::ruma::api::client::membership::{invite_user, join_room_by_id, kick_user};
use matrix_sdk::ruma::api::client::message::{get_message_events, send_message_event};
use matrix_sdk::ruma::api::client::room::create_room;
use matrix_sdk::ruma::api::client::state::{get_state_event_for_key, send_state_event};
use matrix_sdk::ruma::api::client::sync::sync_events;
use matrix_sdk::ruma::events::StateEventType;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{OwnedEventId, OwnedMxcUri, OwnedRoomId, OwnedUserId, TransactionId};
use serde_json::{Value, json};

use super::{WAIT, homeserver, poll};

/// One message (or other event) in a room, as the server returns it.
#[derive(Debug, Clone)]
#[allow(clippy::struct_field_names)] // Matrix calls it the event id.
pub(crate) struct Event {
    pub event_id: String,
    pub sender: String,
    pub kind: String,
    pub json: Value,
}

impl Event {
    /// The plain body of a message.
    pub(crate) fn body(&self) -> &str {
        self.json["content"]["body"].as_str().unwrap_or("")
    }
}

/// A person with a Matrix client.
pub(crate) struct Human {
    pub id: String,
    /// Their display name.
    pub name: String,
    client: Client,
}

impl Human {
    /// Log in as test user `name`.
    pub(crate) async fn login(name: &str) -> Human {
        let hs = homeserver();
        let account = hs.account(name);
        let client = Client::builder()
            .homeserver_url(&hs.url)
            .build()
            .await
            .expect("client");
        client
            .matrix_auth()
            .login_username(name, &account.password)
            .send()
            .await
            .expect("login");
        Human {
            id: account.user_id.clone(),
            name: account.display_name.clone(),
            client,
        }
    }

    /// Create a room (optionally end-to-end encrypted) and invite `invite`.
    pub(crate) async fn create_room(
        &self,
        name: &str,
        encrypted: bool,
        invite: &[&str],
    ) -> OwnedRoomId {
        let mut request = create_room::v3::Request::new();
        request.name = Some(name.to_string());
        request.invite = invite
            .iter()
            .map(|u| OwnedUserId::try_from(*u).expect("user id"))
            .collect();
        if encrypted {
            request.initial_state = vec![
                Raw::from_json_string(
                    json!({"type": "m.room.encryption", "state_key": "",
                           "content": {"algorithm": "m.megolm.v1.aes-sha2"}})
                    .to_string(),
                )
                .expect("raw"),
            ];
        }
        self.client
            .send(request)
            .await
            .expect("create room")
            .room_id
    }

    /// Invite someone to a room.
    pub(crate) async fn invite(&self, room: &OwnedRoomId, user: &str) {
        let recipient = invite_user::v3::InviteUserId::new(user.try_into().expect("user id"));
        self.client
            .send(invite_user::v3::Request::new(
                room.clone(),
                recipient.into(),
            ))
            .await
            .expect("invite");
    }

    /// Remove someone from a room (the room's creator may).
    pub(crate) async fn kick(&self, room: &OwnedRoomId, user: &str) {
        self.client
            .send(kick_user::v3::Request::new(
                room.clone(),
                user.try_into().expect("user id"),
            ))
            .await
            .expect("kick");
    }

    /// Join a room one was invited to.
    pub(crate) async fn join(&self, room: &OwnedRoomId) {
        self.client
            .send(join_room_by_id::v3::Request::new(room.clone()))
            .await
            .expect("join");
    }

    /// Set a room state event (power levels, say).
    pub(crate) async fn set_state(&self, room: &OwnedRoomId, kind: &str, content: Value) {
        let request = send_state_event::v3::Request::new_raw(
            room.clone(),
            StateEventType::from(kind),
            String::new(),
            Raw::from_json_string(content.to_string()).expect("raw"),
        );
        self.client.send(request).await.expect("state event");
    }

    /// A room state event's content (`null` when the room has none).
    pub(crate) async fn state(&self, room: &OwnedRoomId, kind: &str) -> Value {
        let request = get_state_event_for_key::v3::Request::new(
            room.clone(),
            StateEventType::from(kind),
            String::new(),
        );
        match self.client.send(request).await {
            Ok(r) => serde_json::from_str(r.event_or_content.get()).expect("state json"),
            Err(_) => Value::Null,
        }
    }

    /// Give `user` power level `level` in the room (a real `m.room.power_levels` change).
    pub(crate) async fn set_power(&self, room: &OwnedRoomId, user: &str, level: i64) {
        let mut power = self.state(room, "m.room.power_levels").await;
        power["users"][user] = json!(level);
        self.set_state(room, "m.room.power_levels", power).await;
    }

    /// Reply to message `to` (as Element does: `m.in_reply_to`, no quoted fallback).
    pub(crate) async fn reply(&self, room: &OwnedRoomId, to: &str, text: &str) -> OwnedEventId {
        let content = json!({"msgtype": "m.text", "body": text,
                             "m.relates_to": {"m.in_reply_to": {"event_id": to}}});
        self.send_raw(room, content).await
    }

    /// Send `m.room.message` content as given.
    pub(crate) async fn send_raw(&self, room: &OwnedRoomId, content: Value) -> OwnedEventId {
        let request = send_message_event::v3::Request::new_raw(
            room.clone(),
            TransactionId::new(),
            "m.room.message".into(),
            Raw::from_json_string(content.to_string()).expect("raw"),
        );
        self.client.send(request).await.expect("send").event_id
    }

    /// The rooms `from` invited this person to as a direct chat, not yet joined. A full sync:
    /// Synapse may answer a repeat from its cache for a while, so this finds an invitation but
    /// cannot prove one is gone.
    pub(crate) async fn direct_invites_from(&self, from: &str) -> Vec<OwnedRoomId> {
        let response = self
            .client
            .send(sync_events::v3::Request::new())
            .await
            .expect("sync");
        let mut out = Vec::new();
        for (room, invited) in &response.rooms.invite {
            let direct = invited.invite_state.events.iter().any(|raw| {
                let ev: Value = serde_json::from_str(raw.json().get()).expect("json");
                ev["type"] == "m.room.member"
                    && ev["state_key"] == self.id.as_str()
                    && ev["sender"] == from
                    && ev["content"]["is_direct"] == true
            });
            if direct {
                out.push(room.clone());
            }
        }
        out
    }

    /// Say something in a room.
    pub(crate) async fn say(&self, room: &OwnedRoomId, text: &str) -> OwnedEventId {
        let content = RoomMessageEventContent::text_plain(text);
        let request =
            send_message_event::v3::Request::new(room.clone(), TransactionId::new(), &content)
                .expect("request");
        self.client.send(request).await.expect("send").event_id
    }

    /// React to a message.
    pub(crate) async fn react(&self, room: &OwnedRoomId, event_id: &str, key: &str) {
        let content = ReactionEventContent::new(Annotation::new(
            event_id.try_into().expect("event id"),
            key.to_string(),
        ));
        let request =
            send_message_event::v3::Request::new(room.clone(), TransactionId::new(), &content)
                .expect("request");
        self.client.send(request).await.expect("react");
    }

    /// Every event in the room the server will show, oldest first.
    pub(crate) async fn events(&self, room: &OwnedRoomId) -> Vec<Event> {
        let mut out = Vec::new();
        let mut from: Option<String> = None;
        for _ in 0..50 {
            let mut request =
                get_message_events::v3::Request::new(room.clone(), Direction::Backward);
            request.from = from.clone();
            request.limit = 500u32.into();
            let page = self.client.send(request).await.expect("messages");
            for raw in &page.chunk {
                let json: Value = serde_json::from_str(raw.json().get()).expect("event json");
                out.push(Event {
                    event_id: json["event_id"].as_str().unwrap_or("").to_string(),
                    sender: json["sender"].as_str().unwrap_or("").to_string(),
                    kind: json["type"].as_str().unwrap_or("").to_string(),
                    json,
                });
            }
            match page.end {
                Some(end) if !page.chunk.is_empty() => from = Some(end),
                _ => break,
            }
        }
        out.reverse();
        out
    }

    /// A file in the media repository (`mxc://…`), downloaded as a client does.
    pub(crate) async fn download(&self, mxc: &str) -> Vec<u8> {
        let uri = OwnedMxcUri::from(mxc);
        let request = get_content::v1::Request::from_uri(&uri).expect("an mxc:// uri");
        self.client.send(request).await.expect("download").file
    }

    /// The messages `sender` posted in the room, oldest first.
    pub(crate) async fn messages_from(&self, room: &OwnedRoomId, sender: &str) -> Vec<Event> {
        self.events(room)
            .await
            .into_iter()
            .filter(|e| e.sender == sender && e.kind == "m.room.message")
            .collect()
    }

    /// Wait until `sender`'s messages in the room satisfy `done`; they are returned.
    pub(crate) async fn wait_for(
        &self,
        room: &OwnedRoomId,
        sender: &str,
        what: &str,
        done: impl Fn(&[Event]) -> bool,
    ) -> Vec<Event> {
        let found = poll(async || {
            let msgs = self.messages_from(room, sender).await;
            done(&msgs).then_some(msgs)
        })
        .await;
        if let Some(msgs) = found {
            return msgs;
        }
        let tail: Vec<String> = self
            .messages_from(room, sender)
            .await
            .iter()
            .rev()
            .take(5)
            .map(|m| m.body().chars().take(120).collect())
            .collect();
        panic!("waited {WAIT:?} for {what}; last messages (newest first): {tail:#?}");
    }

    /// Wait until `sender` has posted a message containing `text` (counting from message
    /// `after` on); returns that message.
    pub(crate) async fn wait_text(
        &self,
        room: &OwnedRoomId,
        sender: &str,
        after: usize,
        text: &str,
    ) -> Event {
        let msgs = self
            .wait_for(room, sender, text, |m| {
                m.iter().skip(after).any(|e| e.body().contains(text))
            })
            .await;
        msgs.into_iter()
            .skip(after)
            .find(|e| e.body().contains(text))
            .expect("found")
    }
}
