//! JSON payloads in the shape Discord sends them, complete enough for serenity 0.12.5.
//!
//! serenity drops a gateway dispatch it cannot deserialise (logged at DEBUG only), so a missing
//! field makes a test hang instead of fail. Every builder here is checked against serenity's own
//! types in `tests/discord_standin.rs`; keep that test in step when a builder changes.
//!
//! Ids are `u64` in the API and strings in the JSON, as Discord sends them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

/// The bot's user id (READY `user.id`, the author of every message the stand-in answers with).
pub(crate) const BOT_USER_ID: u64 = 1_300_000_000_000_000_001;
/// The bot's username.
pub(crate) const BOT_USERNAME: &str = "koers-test";
/// The application id (READY `application.id`, `/oauth2/applications/@me`). Deliberately not
/// the bot user id, so that a mix-up between the two shows.
pub(crate) const APPLICATION_ID: u64 = 1_300_000_000_000_000_002;
/// The application's owner (`/oauth2/applications/@me` `owner.id`; poise's "owner").
pub(crate) const OWNER_ID: u64 = 1_300_000_000_000_000_003;
/// The guild of [`GuildSpec::default_guild`].
pub(crate) const GUILD_ID: u64 = 1_300_000_000_000_000_100;
/// The text channel of the default guild.
pub(crate) const CHANNEL_ID: u64 = 1_300_000_000_000_000_200;
/// A role of the default guild ("coach"), held by [`USER_ID`].
pub(crate) const ROLE_ID: u64 = 1_300_000_000_000_000_300;
/// A member of the default guild (username "tester"), holding [`ROLE_ID`].
pub(crate) const USER_ID: u64 = 1_300_000_000_000_000_400;
/// Permissions of `@everyone` in the default guild: view channel, send messages, read history,
/// use application commands.
pub(crate) const EVERYONE_PERMISSIONS: u64 = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 31);
/// `attachment_size_limit` on interactions (10 MiB, Discord's default).
pub(crate) const ATTACHMENT_SIZE_LIMIT: u64 = 10 * 1024 * 1024;

const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// A fresh snowflake: rising across the whole test binary, shaped like Discord's (time << 22).
pub(crate) fn snowflake() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(DISCORD_EPOCH_MS, |d| d.as_millis() as u64)
        .saturating_sub(DISCORD_EPOCH_MS);
    let candidate = now_ms << 22;
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = candidate.max(last + 1);
        match LAST.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

/// The current time as Discord writes it (`2025-01-31T12:00:00.000+00:00`).
pub(crate) fn timestamp() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3f+00:00")
        .to_string()
}

/// A user object (`global_name`, `avatar` null; discriminator "0", as for migrated users).
pub(crate) fn user_json(id: u64, username: &str) -> Value {
    json!({
        "id": id.to_string(),
        "username": username,
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "bot": false,
        "public_flags": 0,
    })
}

/// The bot's own user object, as READY and `/users/@me` give it.
pub(crate) fn bot_user_json() -> Value {
    json!({
        "id": BOT_USER_ID.to_string(),
        "username": BOT_USERNAME,
        "discriminator": "0000",
        "global_name": null,
        "avatar": null,
        "bot": true,
        "verified": true,
        "mfa_enabled": false,
        "flags": 0,
        "public_flags": 0,
    })
}

/// A full guild member (as in `GUILD_CREATE`, `/guilds/{id}/members/{uid}` and interactions).
pub(crate) fn member_json(user_id: u64, username: &str, roles: &[u64]) -> Value {
    json!({
        "user": user_json(user_id, username),
        "nick": null,
        "avatar": null,
        "roles": ids(roles),
        "joined_at": timestamp(),
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
    })
}

/// A role. `colors` is required by serenity 0.12.5 next to `color`.
pub(crate) fn role_json(id: u64, name: &str, permissions: u64, position: u16) -> Value {
    json!({
        "id": id.to_string(),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": position,
        "permissions": permissions.to_string(),
        "managed": false,
        "mentionable": false,
        "flags": 0,
    })
}

/// A guild text channel (type 0).
pub(crate) fn text_channel_json(guild_id: u64, id: u64, name: &str, position: u16) -> Value {
    json!({
        "id": id.to_string(),
        "type": 0,
        "guild_id": guild_id.to_string(),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": false,
        "topic": null,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null,
        "flags": 0,
    })
}

/// A DM channel (type 1) with one recipient, as `POST /users/@me/channels` answers.
pub(crate) fn dm_channel_json(id: u64, recipient_id: u64, username: &str) -> Value {
    json!({
        "id": id.to_string(),
        "type": 1,
        "last_message_id": null,
        "recipients": [user_json(recipient_id, username)],
        "flags": 0,
    })
}

/// A public thread (type 11) in `parent_id`, as `POST /channels/{id}/threads` answers and
/// `THREAD_CREATE` sends it.
pub(crate) fn thread_channel_json(guild_id: u64, id: u64, parent_id: u64, name: &str) -> Value {
    json!({
        "id": id.to_string(),
        "type": 11,
        "guild_id": guild_id.to_string(),
        "parent_id": parent_id.to_string(),
        "owner_id": BOT_USER_ID.to_string(),
        "name": name,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": 10080,
            "archive_timestamp": timestamp(),
            "locked": false,
            "create_timestamp": timestamp(),
        },
    })
}

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

/// A complete message object. `author` is a user object; `guild_id` and `member` are only set
/// for guild messages arriving over the gateway (REST answers carry neither).
pub(crate) fn message_json(id: u64, channel_id: u64, author: Value, content: &str) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel_id.to_string(),
        "author": author,
        "content": content,
        "timestamp": timestamp(),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": false,
        "type": 0,
        "flags": 0,
    })
}

/// A message the bot sent in `channel_id`, e.g. to carry the button of
/// [`interaction_button`].
pub(crate) fn bot_message(channel_id: u64, content: &str, components: Value) -> Value {
    let mut message = message_json(snowflake(), channel_id, bot_user_json(), content);
    message["components"] = components;
    message
}

/// `MESSAGE_CREATE` `d`: `user_id` writes `content` in `channel_id` of `guild_id`.
pub(crate) fn message_create(
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    username: &str,
    content: &str,
) -> Value {
    let mut message = message_json(
        snowflake(),
        channel_id,
        user_json(user_id, username),
        content,
    );
    message["guild_id"] = json!(guild_id.to_string());
    message["member"] = json!({
        "roles": [],
        "joined_at": timestamp(),
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
    });
    message
}

/// Gives the author of a `MESSAGE_CREATE` `d` these roles (`member.roles`).
pub(crate) fn with_roles(mut message: Value, roles: &[u64]) -> Value {
    message["member"]["roles"] = json!(ids(roles));
    message
}

/// Makes a `MESSAGE_CREATE` `d` a reply to `referenced` (a message object, e.g. the bot's).
pub(crate) fn replying_to(mut message: Value, referenced: &Value) -> Value {
    message["type"] = json!(19);
    message["message_reference"] = json!({
        "message_id": referenced["id"],
        "channel_id": referenced["channel_id"],
    });
    message["referenced_message"] = referenced.clone();
    message
}

/// Makes a `MESSAGE_CREATE` `d` mention `user` (a user object), as Discord lists mentions.
pub(crate) fn mentioning(mut message: Value, user: Value) -> Value {
    message["mentions"] = json!([user]);
    message
}

/// `MESSAGE_CREATE` `d` for a direct message (no `guild_id`, no `member`).
pub(crate) fn dm_message_create(
    channel_id: u64,
    user_id: u64,
    username: &str,
    content: &str,
) -> Value {
    message_json(
        snowflake(),
        channel_id,
        user_json(user_id, username),
        content,
    )
}

/// The fields every interaction carries. `member` holds `roles` and `permissions`; the user is
/// called `user-{id}`.
fn interaction_base(
    kind: u8,
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    member_roles: &[u64],
    permissions: u64,
    data: Value,
) -> Value {
    let id = snowflake();
    let mut member = member_json(user_id, &format!("user-{user_id}"), member_roles);
    member["permissions"] = json!(permissions.to_string());
    json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "type": kind,
        "data": data,
        "guild_id": guild_id.to_string(),
        "channel": {"id": channel_id.to_string(), "type": 0, "name": "channel", "guild_id": guild_id.to_string(), "permissions": permissions.to_string()},
        "channel_id": channel_id.to_string(),
        "member": member,
        "token": format!("itoken-{id}"),
        "version": 1,
        "app_permissions": EVERYONE_PERMISSIONS.to_string(),
        "locale": "nl",
        "guild_locale": "nl",
        "entitlements": [],
        "authorizing_integration_owners": {"0": guild_id.to_string()},
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    })
}

/// `INTERACTION_CREATE` `d` for the slash command `/command_name` (type 2). `options` is the
/// `data.options` array, e.g. `json!([{"name": "team", "type": 3, "value": "Noord"}])`.
pub(crate) fn interaction_slash(
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    member_roles: &[u64],
    permissions: u64,
    command_name: &str,
    options: Value,
) -> Value {
    let data = json!({
        "id": command_id(command_name).to_string(),
        "name": command_name,
        "type": 1,
        "options": options,
        "guild_id": guild_id.to_string(),
    });
    interaction_base(
        2,
        guild_id,
        channel_id,
        user_id,
        member_roles,
        permissions,
        data,
    )
}

/// `INTERACTION_CREATE` `d` for a click on the button `custom_id` of `message` (a message object,
/// e.g. [`bot_message`] or `Recorded::response` of the bot's POST).
pub(crate) fn interaction_button(
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    custom_id: &str,
    message: Value,
) -> Value {
    let data = json!({"custom_id": custom_id, "component_type": 2});
    let mut interaction = interaction_base(
        3,
        guild_id,
        channel_id,
        user_id,
        &[],
        EVERYONE_PERMISSIONS,
        data,
    );
    interaction["message"] = message;
    interaction
}

/// `INTERACTION_CREATE` `d` for a choice in the string select `custom_id` of `message`.
pub(crate) fn interaction_select(
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    custom_id: &str,
    values: &[&str],
    message: Value,
) -> Value {
    let data = json!({"custom_id": custom_id, "component_type": 3, "values": values});
    let mut interaction = interaction_base(
        3,
        guild_id,
        channel_id,
        user_id,
        &[],
        EVERYONE_PERMISSIONS,
        data,
    );
    interaction["message"] = message;
    interaction
}

/// `INTERACTION_CREATE` `d` for the submit of modal `custom_id`: one action row with one text
/// input per `(custom_id, value)`.
pub(crate) fn interaction_modal_submit(
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    custom_id: &str,
    fields: &[(&str, &str)],
) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(id, value)| {
            json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]})
        })
        .collect();
    let data = json!({"custom_id": custom_id, "components": rows});
    interaction_base(
        5,
        guild_id,
        channel_id,
        user_id,
        &[],
        EVERYONE_PERMISSIONS,
        data,
    )
}

/// Sets `member.roles` and `member.permissions` of any interaction payload above.
pub(crate) fn with_member(mut interaction: Value, roles: &[u64], permissions: u64) -> Value {
    interaction["member"]["roles"] = json!(ids(roles));
    interaction["member"]["permissions"] = json!(permissions.to_string());
    interaction
}

/// The `token` of an interaction payload.
pub(crate) fn interaction_token(interaction: &Value) -> String {
    interaction["token"].as_str().unwrap_or_default().to_owned()
}

/// The `id` of any payload, as a number.
pub(crate) fn id_of(payload: &Value) -> u64 {
    payload["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .unwrap_or_default()
}

/// A stable id for a command name, so `data.id` is the same across payloads.
pub(crate) fn command_id(name: &str) -> u64 {
    let hash = name
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    1_300_000_000_000_000_000 + hash % 1_000_000_000
}

fn ids(ids: &[u64]) -> Vec<String> {
    ids.iter().map(u64::to_string).collect()
}
