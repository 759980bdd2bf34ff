//! Message payloads: a complete message object, the bot's own, `MESSAGE_CREATE` in a guild or a
//! DM, and the roles, reply and mention a test adds to it.

use serde_json::{Value, json};

use super::{bot_user_json, ids, snowflake, timestamp, user_json};

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
/// [`interaction_button`](super::interaction_button).
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
