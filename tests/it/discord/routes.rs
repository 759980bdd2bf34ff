//! The Discord routes the stand-in answers, and the JSON it answers with. The messages the bot
//! creates and edits (channel posts, `@original`s, follow-ups, interaction callbacks) are
//! `routes_messages.rs`.

#[path = "routes_messages.rs"]
mod messages;

use serde_json::{Value, json};

use super::payloads::*;
use super::rest::not_found;
use super::{Inner, Outgoing, RecordedFile, State};
use messages::apply_edit;
pub(crate) use messages::message_from_request;

fn parse_id(segment: Option<&&str>) -> Option<u64> {
    segment.and_then(|s| s.parse().ok())
}

pub(super) struct Call<'a> {
    pub(super) inner: &'a Inner,
    pub(super) method: &'a str,
    pub(super) segments: &'a [&'a str],
    pub(super) body: &'a Value,
    pub(super) files: &'a [RecordedFile],
}

impl Call<'_> {
    pub(super) fn answer(&self, state: &mut State) -> (u16, Option<Value>) {
        let ok = |value: Value| (200, Some(value));
        let no_content = (204, None);
        let s = self.segments;
        match (self.method, s) {
            ("GET", ["gateway"]) => ok(json!({"url": self.inner.gateway_url})),
            ("GET", ["gateway", "bot"]) => ok(json!({
                "url": self.inner.gateway_url,
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
            })),
            ("GET", ["users", "@me"]) => ok(bot_user_json()),
            ("POST", ["users", "@me", "channels"]) => {
                let Some(recipient) = self.body["recipient_id"]
                    .as_str()
                    .and_then(|s| s.parse::<u64>().ok())
                    .or_else(|| self.body["recipient_id"].as_u64())
                else {
                    return (
                        400,
                        Some(json!({"message": "Invalid Form Body", "code": 50035})),
                    );
                };
                let channel = *state.dm_channels.entry(recipient).or_insert_with(snowflake);
                ok(dm_channel_json(
                    channel,
                    recipient,
                    &format!("user-{recipient}"),
                ))
            }
            ("GET", ["oauth2", "applications", "@me"]) => ok(application_json()),
            ("GET", ["applications", _, "commands"]) => ok(json!(
                state.commands.get(&None).cloned().unwrap_or_default()
            )),
            ("PUT", ["applications", _, "commands"]) => {
                let commands = self.echo_commands(None);
                state.commands.insert(None, commands.clone());
                ok(json!(commands))
            }
            ("GET", ["applications", _, "guilds", guild, "commands"]) => {
                let guild = guild.parse().ok();
                ok(json!(
                    state.commands.get(&guild).cloned().unwrap_or_default()
                ))
            }
            ("PUT", ["applications", _, "guilds", guild, "commands"]) => {
                let guild: Option<u64> = guild.parse().ok();
                let commands = self.echo_commands(guild);
                state.commands.insert(guild, commands.clone());
                ok(json!(commands))
            }
            ("GET", ["channels", channel]) => match channel.parse::<u64>() {
                Ok(channel) => match state.threads.iter().find(|t| id_of(t) == channel) {
                    Some(thread) => ok(thread.clone()),
                    None => ok(self.channel_json(channel)),
                },
                Err(_) => not_found(),
            },
            ("POST", ["channels", channel, "threads"]) => match channel.parse::<u64>() {
                Ok(parent) => (201, Some(self.open_thread(state, parent))),
                Err(_) => not_found(),
            },
            ("POST", ["channels", channel, "typing"]) if channel.parse::<u64>().is_ok() => {
                no_content
            }
            ("POST", ["channels", channel, "messages"]) => {
                let Ok(channel) = channel.parse::<u64>() else {
                    return not_found();
                };
                let message = message_from_request(snowflake(), channel, self.body, self.files);
                state.messages.insert(id_of(&message), message.clone());
                ok(message)
            }
            ("GET" | "PATCH", ["webhooks", _, token, "messages", "@original"]) => {
                let id = match state.originals.get(*token) {
                    Some(id) => *id,
                    None if self.method == "PATCH" => {
                        // After a deferred answer (type 5), the first edit creates it.
                        let channel = self.interaction_channel(state, token);
                        let message = self.webhook_message(snowflake(), channel, &json!({}));
                        let id = id_of(&message);
                        state.messages.insert(id, message);
                        state.originals.insert((*token).to_owned(), id);
                        id
                    }
                    None => {
                        return (
                            404,
                            Some(json!({"message": "Unknown Message", "code": 10008})),
                        );
                    }
                };
                let body = self.body;
                let edit = self.method == "PATCH";
                self.stored(state, Some(id), |m| {
                    if edit {
                        apply_edit(m, body);
                        m["edited_timestamp"] = json!(timestamp());
                    }
                })
            }
            ("DELETE", ["webhooks", _, token, "messages", "@original"]) => {
                match state.originals.remove(*token) {
                    Some(id) => {
                        state.messages.remove(&id);
                        no_content
                    }
                    None => (
                        404,
                        Some(json!({"message": "Unknown Message", "code": 10008})),
                    ),
                }
            }
            ("GET", ["channels", _, "messages", id] | ["webhooks", _, _, "messages", id]) => {
                self.stored(state, parse_id(Some(id)), |_| {})
            }
            ("PATCH", ["channels", _, "messages", id] | ["webhooks", _, _, "messages", id]) => {
                let body = self.body;
                self.stored(state, parse_id(Some(id)), |m| {
                    apply_edit(m, body);
                    m["edited_timestamp"] = json!(timestamp());
                })
            }
            ("DELETE", ["channels", _, "messages", id] | ["webhooks", _, _, "messages", id]) => {
                match parse_id(Some(id)).and_then(|id| state.messages.remove(&id)) {
                    Some(_) => no_content,
                    None => (
                        404,
                        Some(json!({"message": "Unknown Message", "code": 10008})),
                    ),
                }
            }
            ("POST", ["interactions", _, token, "callback"]) => {
                self.interaction_callback(state, token);
                no_content
            }
            ("POST", ["webhooks", _, token]) => {
                let channel = self.interaction_channel(state, token);
                let message = self.webhook_message(snowflake(), channel, self.body);
                state.messages.insert(id_of(&message), message.clone());
                ok(message)
            }
            ("GET", ["guilds", guild, "members", user]) => {
                let member = self
                    .guild(guild)
                    .zip(user.parse::<u64>().ok())
                    .and_then(|(g, user)| g.member_json(user));
                match member {
                    Some(member) => ok(member),
                    None => (
                        404,
                        Some(json!({"message": "Unknown Member", "code": 10007})),
                    ),
                }
            }
            ("GET", ["guilds", guild]) => match self.guild(guild) {
                Some(g) => ok(g.guild_json()),
                None => (
                    404,
                    Some(json!({"message": "Unknown Guild", "code": 10004})),
                ),
            },
            ("GET", ["guilds", guild, "roles"]) => match self.guild(guild) {
                Some(g) => ok(json!(g.roles_json())),
                None => (
                    404,
                    Some(json!({"message": "Unknown Guild", "code": 10004})),
                ),
            },
            ("GET", ["guilds", guild, "channels"]) => match self.guild(guild) {
                Some(g) => ok(json!(g.channels_json())),
                None => (
                    404,
                    Some(json!({"message": "Unknown Guild", "code": 10004})),
                ),
            },
            _ => not_found(),
        }
    }

    fn guild(&self, id: &str) -> Option<&GuildSpec> {
        let id: u64 = id.parse().ok()?;
        self.inner.guilds.iter().find(|g| g.id == id)
    }

    /// A public thread in `parent` named as the body asks; `THREAD_CREATE` goes to every session,
    /// as Discord sends it to the bot that opened it.
    fn open_thread(&self, state: &mut State, parent: u64) -> Value {
        let guild = self
            .inner
            .guilds
            .iter()
            .find(|g| g.channels.iter().any(|c| c.0 == parent))
            .or_else(|| self.inner.guilds.first())
            .map_or(GUILD_ID, |g| g.id);
        let name = self.body["name"].as_str().unwrap_or("thread");
        let mut thread = thread_channel_json(guild, snowflake(), parent, name);
        if let Some(kind) = self.body["type"].as_u64() {
            thread["type"] = json!(kind);
        }
        state.threads.push(thread.clone());
        let mut event = thread.clone();
        event["newly_created"] = json!(true);
        for session in &state.sessions {
            if session
                .tx
                .send(Outgoing::Dispatch("THREAD_CREATE".into(), event.clone()))
                .is_err()
            {
                // The session is closing; it unregisters itself.
            }
        }
        thread
    }

    /// A configured channel; any other id answers as a text channel of the first guild.
    fn channel_json(&self, channel: u64) -> Value {
        for guild in &self.inner.guilds {
            if let Some(found) = guild
                .channels_json()
                .into_iter()
                .find(|c| id_of(c) == channel)
            {
                return found;
            }
        }
        let guild = self.inner.guilds.first().map_or(GUILD_ID, |g| g.id);
        text_channel_json(guild, channel, &format!("channel-{channel}"), 0)
    }

    /// The registered commands as Discord answers them: the body with `id`, `application_id`,
    /// `version` (and `guild_id`) added.
    fn echo_commands(&self, guild: Option<u64>) -> Vec<Value> {
        let Some(commands) = self.body.as_array() else {
            return Vec::new();
        };
        commands
            .iter()
            .map(|command| {
                let mut command = command.clone();
                let name = command["name"].as_str().unwrap_or_default().to_owned();
                command["id"] = json!(command_id(&name).to_string());
                command["application_id"] = json!(APPLICATION_ID.to_string());
                command["version"] = json!(snowflake().to_string());
                if command["type"].is_null() {
                    command["type"] = json!(1);
                }
                if command["description"].is_null() {
                    command["description"] = json!("");
                }
                if let Some(guild) = guild {
                    command["guild_id"] = json!(guild.to_string());
                }
                command
            })
            .collect()
    }
}

/// `GET /oauth2/applications/@me`.
pub(crate) fn application_json() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": BOT_USERNAME,
        "icon": null,
        "description": "",
        "rpc_origins": [],
        "bot_public": false,
        "bot_require_code_grant": false,
        "owner": user_json(OWNER_ID, "owner"),
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "team": null,
        "flags": 0,
        "bot": bot_user_json(),
    })
}
