//! Guilds as the stand-in serves them ([`GuildSpec`]: channels, overwrites, roles, members,
//! as REST and `GUILD_CREATE` give them) and the READY that lists them.

use serde_json::{Value, json};

use super::{
    APPLICATION_ID, BOT_USER_ID, CHANNEL_ID, EVERYONE_PERMISSIONS, GUILD_ID, OWNER_ID, ROLE_ID,
    USER_ID, bot_user_json, member_json, role_json, text_channel_json, timestamp,
};

/// A permission overwrite on a channel: for a role (`kind` 0) or a member (`kind` 1).
#[derive(Clone, Debug)]
pub(crate) struct Overwrite {
    pub channel: u64,
    pub target: u64,
    pub kind: u8,
    pub allow: u64,
    pub deny: u64,
}

/// One guild as the stand-in serves it: READY lists it unavailable, `GUILD_CREATE` sends it whole.
#[derive(Clone, Debug)]
pub(crate) struct GuildSpec {
    pub id: u64,
    pub name: String,
    /// Text channels: (id, name).
    pub channels: Vec<(u64, String)>,
    /// Permission overwrites of those channels.
    pub overwrites: Vec<Overwrite>,
    /// Whether the gateway announces it (READY, `GUILD_CREATE`). An unannounced guild is known
    /// to REST only, as a guild serenity has not cached.
    pub announced: bool,
    /// Roles besides `@everyone` (whose id is the guild id): (id, name, permissions).
    pub roles: Vec<(u64, String, u64)>,
    /// Members besides the bot: (user id, username, role ids).
    pub members: Vec<(u64, String, Vec<u64>)>,
}

impl GuildSpec {
    /// A guild with no channels, no roles but `@everyone`, and only the bot as member.
    pub(crate) fn new(id: u64, name: &str) -> Self {
        Self {
            id,
            name: name.to_owned(),
            channels: Vec::new(),
            overwrites: Vec::new(),
            announced: true,
            roles: Vec::new(),
            members: Vec::new(),
        }
    }

    /// [`GUILD_ID`] "Koers test" with channel [`CHANNEL_ID`] "algemeen", role [`ROLE_ID`]
    /// "coach" and member [`USER_ID`] "tester" holding that role.
    pub(crate) fn default_guild() -> Self {
        Self::new(GUILD_ID, "Koers test")
            .channel(CHANNEL_ID, "algemeen")
            .role(ROLE_ID, "coach", 0)
            .member(USER_ID, "tester", &[ROLE_ID])
    }

    pub(crate) fn channel(mut self, id: u64, name: &str) -> Self {
        self.channels.push((id, name.to_owned()));
        self
    }

    /// An overwrite on `channel` for the role or member `target` (`kind` 0 role, 1 member).
    pub(crate) fn overwrite(
        mut self,
        channel: u64,
        target: u64,
        kind: u8,
        allow: u64,
        deny: u64,
    ) -> Self {
        self.overwrites.push(Overwrite {
            channel,
            target,
            kind,
            allow,
            deny,
        });
        self
    }

    /// Known to REST only: no READY entry and no `GUILD_CREATE`.
    pub(crate) fn unannounced(mut self) -> Self {
        self.announced = false;
        self
    }

    pub(crate) fn role(mut self, id: u64, name: &str, permissions: u64) -> Self {
        self.roles.push((id, name.to_owned(), permissions));
        self
    }

    pub(crate) fn member(mut self, user_id: u64, username: &str, roles: &[u64]) -> Self {
        self.members
            .push((user_id, username.to_owned(), roles.to_vec()));
        self
    }

    /// All roles, `@everyone` first.
    pub(crate) fn roles_json(&self) -> Vec<Value> {
        let mut roles = vec![role_json(self.id, "@everyone", EVERYONE_PERMISSIONS, 0)];
        for (position, (id, name, permissions)) in self.roles.iter().enumerate() {
            roles.push(role_json(*id, name, *permissions, position as u16 + 1));
        }
        roles
    }

    pub(crate) fn channels_json(&self) -> Vec<Value> {
        self.channels
            .iter()
            .enumerate()
            .map(|(position, (id, name))| {
                let mut channel = text_channel_json(self.id, *id, name, position as u16);
                let overwrites: Vec<Value> = self
                    .overwrites
                    .iter()
                    .filter(|o| o.channel == *id)
                    .map(|o| {
                        json!({
                            "id": o.target.to_string(),
                            "type": o.kind,
                            "allow": o.allow.to_string(),
                            "deny": o.deny.to_string(),
                        })
                    })
                    .collect();
                channel["permission_overwrites"] = json!(overwrites);
                channel
            })
            .collect()
    }

    /// All members, the bot first.
    pub(crate) fn members_json(&self) -> Vec<Value> {
        let mut members = vec![json!({
            "user": bot_user_json(),
            "nick": null,
            "avatar": null,
            "roles": [],
            "joined_at": timestamp(),
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
        })];
        for (id, name, roles) in &self.members {
            members.push(member_json(*id, name, roles));
        }
        members
    }

    /// The member `user_id`, if configured (the bot included).
    pub(crate) fn member_json(&self, user_id: u64) -> Option<Value> {
        if user_id == BOT_USER_ID {
            return self.members_json().into_iter().next();
        }
        self.members
            .iter()
            .find(|(id, _, _)| *id == user_id)
            .map(|(id, name, roles)| member_json(*id, name, roles))
    }

    /// The guild as `GET /guilds/{id}` answers it (no gateway fields).
    pub(crate) fn guild_json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "name": self.name,
            "icon": null,
            "icon_hash": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": OWNER_ID.to_string(),
            "afk_channel_id": null,
            "afk_timeout": 300,
            "widget_enabled": false,
            "widget_channel_id": null,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": self.roles_json(),
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": null,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "max_presences": null,
            "max_members": 500_000,
            "vanity_url_code": null,
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "nl",
            "public_updates_channel_id": null,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "nsfw_level": 0,
            "stickers": [],
            "premium_progress_bar_enabled": false,
            "safety_alerts_channel_id": null,
        })
    }

    /// The `GUILD_CREATE` `d`: a full guild with the extra gateway fields.
    pub(crate) fn guild_create_json(&self) -> Value {
        let members = self.members_json();
        let mut guild = self.guild_json();
        // The extra GUILD_CREATE fields (one `json!` for all overflows the macro recursion).
        let extra = json!({
            "joined_at": timestamp(),
            "large": false,
            "unavailable": false,
            "member_count": members.len(),
            "voice_states": [],
            "members": members,
            "channels": self.channels_json(),
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
        });
        if let (Some(guild), Value::Object(extra)) = (guild.as_object_mut(), extra) {
            guild.extend(extra);
        }
        guild
    }
}

/// READY `d`: API v10, the bot user, each guild as unavailable (`GUILD_CREATE` follows), and
/// `application` (serenity takes the application id for command registration from here).
pub(crate) fn ready_json(guild_ids: &[u64], session_id: &str, resume_gateway_url: &str) -> Value {
    let guilds: Vec<Value> = guild_ids
        .iter()
        .map(|id| json!({"id": id.to_string(), "unavailable": true}))
        .collect();
    json!({
        "v": 10,
        "user": bot_user_json(),
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": resume_gateway_url,
        "shard": [0, 1],
        "application": {"id": APPLICATION_ID.to_string(), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
    })
}
