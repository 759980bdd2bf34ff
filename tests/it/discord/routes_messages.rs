//! The messages the bot creates and edits through the stand-in: a complete message for what it
//! sent, edits applied to a kept message, `@original`s, follow-ups and interaction callbacks.

use serde_json::{Value, json};

use super::{
    APPLICATION_ID, CHANNEL_ID, Call, RecordedFile, State, bot_user_json, id_of, message_json,
    snowflake, timestamp,
};

/// A complete Message JSON for what the bot sent: content, embeds, components, nonce, flags
/// and `message_reference` from `body`; one attachment per uploaded file.
pub(crate) fn message_from_request(
    id: u64,
    channel_id: u64,
    body: &Value,
    files: &[RecordedFile],
) -> Value {
    let content = body["content"].as_str().unwrap_or_default();
    let mut message = message_json(id, channel_id, bot_user_json(), content);
    apply_edit(&mut message, body);
    if !body["nonce"].is_null() {
        message["nonce"] = body["nonce"].clone();
    }
    if let Some(reference) = body.get("message_reference").filter(|r| !r.is_null()) {
        let mut reference = reference.clone();
        if reference["channel_id"].is_null() {
            reference["channel_id"] = json!(channel_id.to_string());
        }
        message["message_reference"] = reference;
        message["type"] = json!(19);
    }
    let attachments: Vec<Value> = files
        .iter()
        .map(|file| {
            let attachment_id = snowflake();
            let filename = file.filename.clone().unwrap_or_else(|| file.field.clone());
            let url = format!(
                "https://cdn.discordapp.com/attachments/{channel_id}/{attachment_id}/{filename}"
            );
            json!({
                "id": attachment_id.to_string(),
                "filename": filename,
                "size": file.bytes.len(),
                "url": url,
                "proxy_url": url,
                "content_type": file.content_type,
            })
        })
        .collect();
    message["attachments"] = json!(attachments);
    message
}

/// Applies the editable fields of `body` to a stored message.
pub(super) fn apply_edit(message: &mut Value, body: &Value) {
    for key in ["content", "embeds", "components", "flags"] {
        if let Some(value) = body.get(key).filter(|v| !v.is_null()) {
            message[key] = value.clone();
        }
    }
}

impl Call<'_> {
    #[allow(clippy::unused_self)] // One signature for every route handler.
    pub(super) fn stored(
        &self,
        state: &mut State,
        id: Option<u64>,
        change: impl FnOnce(&mut Value),
    ) -> (u16, Option<Value>) {
        match id.and_then(|id| state.messages.get_mut(&id)) {
            Some(message) => {
                change(message);
                (200, Some(message.clone()))
            }
            None => (
                404,
                Some(json!({"message": "Unknown Message", "code": 10008})),
            ),
        }
    }

    /// The channel of the dispatched interaction with this token (else the first channel).
    pub(super) fn interaction_channel(&self, state: &State, token: &str) -> u64 {
        state
            .interactions
            .get(token)
            .and_then(|i| i["channel_id"].as_str())
            .and_then(|c| c.parse().ok())
            .or_else(|| {
                self.inner
                    .guilds
                    .iter()
                    .find_map(|g| g.channels.first().map(|c| c.0))
            })
            .unwrap_or(CHANNEL_ID)
    }

    pub(super) fn webhook_message(&self, id: u64, channel: u64, body: &Value) -> Value {
        let mut message = message_from_request(id, channel, body, self.files);
        message["webhook_id"] = json!(APPLICATION_ID.to_string());
        message["application_id"] = json!(APPLICATION_ID.to_string());
        message
    }

    /// Type 4 (message) creates the `@original`; type 7 (update) edits the message the
    /// component was on.
    pub(super) fn interaction_callback(&self, state: &mut State, token: &str) {
        let data = &self.body["data"];
        match self.body["type"].as_u64() {
            Some(4) => {
                let channel = self.interaction_channel(state, token);
                let message = self.webhook_message(snowflake(), channel, data);
                let id = id_of(&message);
                state.messages.insert(id, message);
                state.originals.insert(token.to_owned(), id);
            }
            Some(7) => {
                let Some(original) = state
                    .interactions
                    .get(token)
                    .map(|i| i["message"].clone())
                    .filter(|m| !m.is_null())
                else {
                    return;
                };
                let id = id_of(&original);
                let message = state.messages.entry(id).or_insert(original);
                apply_edit(message, data);
                message["edited_timestamp"] = json!(timestamp());
            }
            _ => {}
        }
    }
}
