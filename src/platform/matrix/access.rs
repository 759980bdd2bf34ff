//! Who is a manager in a room, from the room's own rights: a member whose power level
//! (`m.room.power_levels`) reaches the manager level, a creator who holds every right (room
//! version 12 and later), or someone the config names. Pure functions, unit-tested.

use std::collections::HashMap;

use serde_json::Value;

use crate::engine::Role;

/// The level used when a room states none for changing its name.
const DEFAULT_MANAGER_LEVEL: i64 = 50;

/// Who is a manager besides the room's own rights, from the config.
#[derive(Debug, Clone, Default)]
pub(super) struct Managers {
    /// `matrix_manager_level`: the power level from which a member is a manager.
    pub level: Option<i64>,
    /// `matrix_managers`: user ids who are managers in every room.
    pub users: Vec<String>,
}

/// A room's power levels, as far as koers needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Power {
    users: HashMap<String, i64>,
    users_default: i64,
    /// The level the room asks to change its name: koers' default manager level.
    name_level: i64,
    /// Whether the room has a power-levels event at all (without one, its creator has 100).
    stated: bool,
}

impl Power {
    /// Read `m.room.power_levels` content; `None` when the room has no such event.
    pub(super) fn from_content(content: Option<&Value>) -> Power {
        let Some(c) = content else {
            return Power {
                users: HashMap::new(),
                users_default: 0,
                name_level: DEFAULT_MANAGER_LEVEL,
                stated: false,
            };
        };
        let users = c["users"]
            .as_object()
            .map(|m| {
                m.iter()
                    .filter_map(|(id, v)| level(v).map(|l| (id.clone(), l)))
                    .collect()
            })
            .unwrap_or_default();
        Power {
            users,
            users_default: level(&c["users_default"]).unwrap_or(0),
            name_level: level(&c["events"]["m.room.name"])
                .or_else(|| level(&c["state_default"]))
                .unwrap_or(DEFAULT_MANAGER_LEVEL),
            stated: true,
        }
    }

    /// A member's power level.
    pub(super) fn level_of(&self, user: &str) -> i64 {
        self.users.get(user).copied().unwrap_or(self.users_default)
    }
}

/// A power level: a number, or a number in a string (older room versions allow that).
fn level(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// Who created a room (`m.room.create`) and whether that gives every right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Creators {
    /// The creator and any additional creators.
    ids: Vec<String>,
    /// Room version 12 and later: creators hold every right, outside the power levels.
    privileged: bool,
}

impl Creators {
    /// Read `m.room.create`, sent by `sender`.
    pub(super) fn from_event(sender: &str, content: &Value) -> Creators {
        let version = content["room_version"].as_str().unwrap_or("1");
        let privileged = version.parse::<u32>().is_ok_and(|v| v >= 12)
            || version.starts_with("org.matrix.hydra");
        let mut ids = vec![sender.to_string()];
        if privileged && let Some(more) = content["additional_creators"].as_array() {
            ids.extend(more.iter().filter_map(Value::as_str).map(String::from));
        }
        Creators { ids, privileged }
    }

    /// Whether `user` created the room.
    pub(super) fn contains(&self, user: &str) -> bool {
        self.ids.iter().any(|c| c == user)
    }
}

/// What `user` may do in a room with these rights.
pub(super) fn role(
    power: &Power,
    creators: Option<&Creators>,
    user: &str,
    managers: &Managers,
) -> Role {
    let creator = creators.is_some_and(|c| c.contains(user));
    let all_rights = creator && (creators.is_some_and(|c| c.privileged) || !power.stated);
    let at_level = power.level_of(user) >= managers.level.unwrap_or(power.name_level);
    if all_rights || at_level || managers.users.iter().any(|m| m == user) {
        Role::Manager
    } else {
        Role::Member
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn power(v: Value) -> Power {
        Power::from_content(Some(&v))
    }

    #[test]
    fn the_level_to_rename_the_room_makes_a_manager_unless_configured() {
        let p = power(
            json!({"users": {"@mod:x": 50, "@admin:x": 100, "@low:x": 49},
                             "users_default": 0, "state_default": 50,
                             "events": {"m.room.name": 50}}),
        );
        let none = Managers::default();
        assert_eq!(role(&p, None, "@mod:x", &none), Role::Manager);
        assert_eq!(role(&p, None, "@admin:x", &none), Role::Manager);
        assert_eq!(role(&p, None, "@low:x", &none), Role::Member);
        assert_eq!(
            role(&p, None, "@new:x", &none),
            Role::Member,
            "users_default"
        );
        let strict = Managers {
            level: Some(100),
            users: Vec::new(),
        };
        assert_eq!(role(&p, None, "@mod:x", &strict), Role::Member);
        assert_eq!(role(&p, None, "@admin:x", &strict), Role::Manager);
        let listed = Managers {
            level: None,
            users: vec!["@new:x".into()],
        };
        assert_eq!(role(&p, None, "@new:x", &listed), Role::Manager);
    }

    #[test]
    fn the_manager_level_falls_back_to_state_default_then_fifty() {
        let p = power(json!({"users": {"@a:x": 30}, "state_default": 25, "users_default": "10"}));
        assert_eq!(role(&p, None, "@a:x", &Managers::default()), Role::Manager);
        assert_eq!(p.level_of("@other:x"), 10, "a level given as a string");
        let p = power(json!({"users": {"@a:x": 49, "@b:x": 50}}));
        assert_eq!(role(&p, None, "@a:x", &Managers::default()), Role::Member);
        assert_eq!(role(&p, None, "@b:x", &Managers::default()), Role::Manager);
        let p = power(json!({"users_default": 0, "events": {"m.room.name": 0}}));
        assert_eq!(
            role(&p, None, "@anyone:x", &Managers::default()),
            Role::Manager,
            "a room where anyone may rename it"
        );
    }

    #[test]
    fn creators_hold_every_right_from_room_version_twelve() {
        let p = power(json!({"users": {"@mod:x": 50}, "events": {"m.room.name": 50}}));
        let v12 = Creators::from_event(
            "@anna:x",
            &json!({"room_version": "12", "additional_creators": ["@ben:x"]}),
        );
        let none = Managers::default();
        assert_eq!(role(&p, Some(&v12), "@anna:x", &none), Role::Manager);
        assert_eq!(role(&p, Some(&v12), "@ben:x", &none), Role::Manager);
        let v10 = Creators::from_event("@anna:x", &json!({"room_version": "10"}));
        assert_eq!(
            role(&p, Some(&v10), "@anna:x", &none),
            Role::Member,
            "before v12 a creator has only the level the room gives"
        );
        let bare = Power::from_content(None);
        assert_eq!(role(&bare, Some(&v10), "@anna:x", &none), Role::Manager);
        assert_eq!(role(&bare, Some(&v10), "@ben:x", &none), Role::Member);
    }
}
