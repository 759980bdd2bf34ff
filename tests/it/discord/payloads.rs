//! JSON payloads in the shape Discord sends them, complete enough for serenity 0.12.5.
//!
//! serenity drops a gateway dispatch it cannot deserialise (logged at DEBUG only), so a missing
//! field makes a test hang instead of fail. Every builder here is checked against serenity's own
//! types in `discord/standin_payloads.rs`; keep those tests in step when a builder changes.
//!
//! Ids are `u64` in the API and strings in the JSON, as Discord sends them. The users, members,
//! roles and channels are here; guilds and READY in `payloads_guild.rs`, messages in
//! `payloads_message.rs`, interactions in `payloads_interaction.rs`.

#[path = "payloads_guild.rs"]
mod guild;
#[path = "payloads_interaction.rs"]
mod interaction;
#[path = "payloads_message.rs"]
mod message;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

pub(crate) use guild::*;
pub(crate) use interaction::*;
pub(crate) use message::*;

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

/// The `id` of any payload, as a number.
pub(crate) fn id_of(payload: &Value) -> u64 {
    payload["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .unwrap_or_default()
}

fn ids(ids: &[u64]) -> Vec<String> {
    ids.iter().map(u64::to_string).collect()
}
