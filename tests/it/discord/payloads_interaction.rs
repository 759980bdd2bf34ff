//! Interaction payloads (`INTERACTION_CREATE`): slash commands, button clicks, select choices
//! and modal submits, the member a test gives them, and their token and command ids.

use serde_json::{Value, json};

use super::{
    APPLICATION_ID, ATTACHMENT_SIZE_LIMIT, EVERYONE_PERMISSIONS, ids, member_json, snowflake,
};

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
/// e.g. [`bot_message`](super::bot_message) or `Recorded::response` of the bot's POST).
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

/// A stable id for a command name, so `data.id` is the same across payloads.
pub(crate) fn command_id(name: &str) -> u64 {
    let hash = name
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    1_300_000_000_000_000_000 + hash % 1_000_000_000
}
