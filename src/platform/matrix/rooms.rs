//! What koers knows of each room's state, kept up to date from the state events it sees in
//! sync: the room's name, its power levels and creators, and members' display names. Lost on a
//! restart; what is missing then is fetched when it is needed (see `people.rs`).

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::Value;

use super::access::{Creators, Power};
use super::events::RawEvent;
use crate::platform::kit::clean_name;

/// One room's state as far as koers needs it.
#[derive(Debug, Default)]
struct RoomState {
    name: Option<String>,
    power: Option<Power>,
    creators: Option<Creators>,
    /// User id → display name (`None`: the member has none).
    members: HashMap<String, Option<String>>,
}

/// The state of every room koers has seen since it started.
#[derive(Debug, Default)]
pub(super) struct Rooms {
    rooms: Mutex<HashMap<String, RoomState>>,
}

impl Rooms {
    fn with<T>(&self, room: &str, f: impl FnOnce(&mut RoomState) -> T) -> Option<T> {
        if let Ok(mut rooms) = self.rooms.lock() {
            Some(f(rooms.entry(room.to_string()).or_default()))
        } else {
            tracing::error!("the room state cache is poisoned");
            None
        }
    }

    /// Take in a state event (from the state section, a timeline or an invitation).
    pub(super) fn observe(&self, room: &str, ev: &RawEvent) {
        if ev.state_key.is_none() {
            return;
        }
        match ev.kind.as_str() {
            "m.room.name" => {
                let name = ev.content["name"]
                    .as_str()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(String::from);
                if let Some(name) = name {
                    self.with(room, |r| r.name = Some(name));
                }
            }
            "m.room.power_levels" => {
                let power = Power::from_content(Some(&ev.content));
                self.with(room, |r| r.power = Some(power));
            }
            "m.room.create" => {
                let creators = Creators::from_event(&ev.sender, &ev.content);
                self.with(room, |r| r.creators = Some(creators));
            }
            "m.room.member" => {
                let Some(user) = ev.state_key.clone() else {
                    return;
                };
                let name = display_name(&ev.content);
                self.with(room, |r| r.members.insert(user, name));
            }
            _ => {}
        }
    }

    /// The room's name, if it has one.
    pub(super) fn name(&self, room: &str) -> Option<String> {
        self.with(room, |r| r.name.clone()).flatten()
    }

    /// The room's power levels and creators, when both are known.
    pub(super) fn rights(&self, room: &str) -> Option<(Power, Creators)> {
        self.with(room, |r| r.power.clone().zip(r.creators.clone()))
            .flatten()
    }

    /// Set what was fetched of the room's rights.
    pub(super) fn set_rights(&self, room: &str, power: Power, creators: Creators) {
        self.with(room, |r| {
            r.power = Some(power);
            r.creators = Some(creators);
        });
    }

    /// Whether `user` created the room, if koers knows who did.
    pub(super) fn created_by(&self, room: &str, user: &str) -> bool {
        self.with(room, |r| {
            r.creators.as_ref().is_some_and(|c| c.contains(user))
        })
        .unwrap_or(false)
    }

    /// A member's display name: `Some(None)` when known to have none, `None` when not known.
    // Three states on purpose: "has none" is known and must not be fetched again.
    #[allow(clippy::option_option)]
    pub(super) fn member_name(&self, room: &str, user: &str) -> Option<Option<String>> {
        self.with(room, |r| r.members.get(user).cloned()).flatten()
    }

    /// Set a member's display name as fetched.
    pub(super) fn set_member_name(&self, room: &str, user: &str, name: Option<String>) {
        self.with(room, |r| r.members.insert(user.to_string(), name));
    }
}

/// The display name in `m.room.member` content, if it has one fit to show ([`clean_name`]).
pub(super) fn display_name(content: &Value) -> Option<String> {
    content["displayname"].as_str().and_then(clean_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Role;
    use crate::platform::matrix::access::{Managers, role};
    use serde_json::json;

    fn state(kind: &str, sender: &str, key: &str, content: Value) -> RawEvent {
        serde_json::from_value(json!({"type": kind, "event_id": "$e", "sender": sender,
                                      "state_key": key, "content": content}))
        .expect("event")
    }

    #[test]
    fn state_events_keep_names_rights_and_display_names() {
        let rooms = Rooms::default();
        let room = "!r:x";
        assert!(rooms.rights(room).is_none(), "nothing known yet");
        rooms.observe(
            room,
            &state("m.room.name", "@a:x", "", json!({"name": " Theater "})),
        );
        rooms.observe(
            room,
            &state("m.room.create", "@a:x", "", json!({"room_version": "12"})),
        );
        assert!(rooms.rights(room).is_none(), "power levels still unknown");
        rooms.observe(
            room,
            &state(
                "m.room.power_levels",
                "@a:x",
                "",
                json!({"users": {"@b:x": 50}}),
            ),
        );
        rooms.observe(
            room,
            &state(
                "m.room.member",
                "@b:x",
                "@b:x",
                json!({"membership": "join", "displayname": "Ben"}),
            ),
        );
        rooms.observe(
            room,
            &state(
                "m.room.member",
                "@c:x",
                "@c:x",
                json!({"membership": "join"}),
            ),
        );
        assert_eq!(rooms.name(room).as_deref(), Some("Theater"));
        assert!(rooms.created_by(room, "@a:x"));
        assert_eq!(rooms.member_name(room, "@b:x"), Some(Some("Ben".into())));
        assert_eq!(rooms.member_name(room, "@c:x"), Some(None));
        assert_eq!(rooms.member_name(room, "@d:x"), None);
        let (power, creators) = rooms.rights(room).expect("known");
        assert_eq!(
            role(&power, Some(&creators), "@b:x", &Managers::default()),
            Role::Manager
        );
        // Demoted by a later power-levels event.
        rooms.observe(
            room,
            &state("m.room.power_levels", "@a:x", "", json!({"users": {}})),
        );
        let (power, creators) = rooms.rights(room).expect("known");
        assert_eq!(
            role(&power, Some(&creators), "@b:x", &Managers::default()),
            Role::Member
        );
        assert!(rooms.name("!other:x").is_none(), "rooms apart");
    }
}
