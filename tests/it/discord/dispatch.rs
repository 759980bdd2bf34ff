//! Pushing gateway events to the connected sessions: dispatches (checked with serenity's own
//! parser first), RECONNECT and closing the sessions.

use serde_json::{Value, json};
use serenity::model::event::{Event, GatewayEvent};

use super::{Outgoing, StandIn, interaction_token};

impl StandIn {
    /// Pushes `{"op":0,"t":event,"s":next,"d":data}` to every identified session; with none
    /// connected yet, the event waits and goes out after the next READY and `GUILD_CREATEs`.
    /// Returns how many sessions it went to now.
    ///
    /// Panics when serenity could not read the event ([`check_dispatch`]): serenity itself
    /// would drop it silently and the test would wait in vain.
    pub(crate) fn dispatch(&self, event: &str, data: Value) -> usize {
        if let Err(why) = check_dispatch(event, &data) {
            panic!("serenity would drop this dispatch: {why}\n{data:#}");
        }
        self.dispatch_unchecked(event, data)
    }

    /// [`StandIn::dispatch`] without the check, for deliberately malformed events.
    pub(crate) fn dispatch_unchecked(&self, event: &str, data: Value) -> usize {
        let mut state = self.inner.state();
        if event == "INTERACTION_CREATE" {
            state
                .interactions
                .insert(interaction_token(&data), data.clone());
        }
        if state.sessions.is_empty() {
            state.pending.push((event.to_owned(), data));
            return 0;
        }
        let mut sent = 0;
        for session in &state.sessions {
            if session
                .tx
                .send(Outgoing::Dispatch(event.to_owned(), data.clone()))
                .is_ok()
            {
                sent += 1;
            }
        }
        sent
    }

    /// Sends RECONNECT (op 7) to every session; serenity reconnects and RESUMEs.
    pub(crate) fn request_reconnect(&self) {
        for session in &self.inner.state().sessions {
            if session
                .tx
                .send(Outgoing::Raw(json!({"op": 7, "d": null})))
                .is_err()
            {
                // The session is closing; it unregisters itself.
            }
        }
    }

    /// Closes every session with `code` (e.g. 4000 to make serenity reconnect).
    pub(crate) fn close_sessions(&self, code: u16) {
        for session in &self.inner.state().sessions {
            if session
                .tx
                .send(Outgoing::Close(code, "closed by the stand-in".into()))
                .is_err()
            {
                // Already gone.
            }
        }
    }
}

/// Reads `{"op":0,"t":event,"s":1,"d":data}` with serenity's own gateway parser. serenity
/// turns a dispatch it cannot read into `Event::Unknown` (logged at DEBUG only); that is an
/// `Err` here, with serde's reason for the events the stand-in builds.
pub(crate) fn check_dispatch(event: &str, data: &Value) -> Result<Event, String> {
    let frame = json!({"op": 0, "t": event, "s": 1, "d": data});
    match serde_json::from_value::<GatewayEvent>(frame) {
        Ok(GatewayEvent::Dispatch(_, Event::Unknown(_))) => {
            let reason = match event {
                "READY" => reason::<serenity::model::gateway::Ready>(data),
                "GUILD_CREATE" => reason::<serenity::model::guild::Guild>(data),
                "MESSAGE_CREATE" => reason::<serenity::model::channel::Message>(data),
                "INTERACTION_CREATE" => reason::<serenity::model::application::Interaction>(data),
                "GUILD_MEMBER_ADD" => reason::<serenity::model::guild::Member>(data),
                "THREAD_CREATE" => reason::<serenity::model::channel::GuildChannel>(data),
                "CHANNEL_CREATE" | "CHANNEL_UPDATE" => {
                    reason::<serenity::model::channel::Channel>(data)
                }
                _ => None,
            };
            Err(format!(
                "{event} reads as an unknown event: {}",
                reason.unwrap_or_else(|| "unknown name, or a field missing".into())
            ))
        }
        Ok(GatewayEvent::Dispatch(_, parsed)) => Ok(parsed),
        Ok(other) => Err(format!("{event} is not a dispatch: {other:?}")),
        Err(e) => Err(format!("{event}: {e}")),
    }
}

fn reason<T: serde::de::DeserializeOwned>(data: &Value) -> Option<String> {
    serde_json::from_value::<T>(data.clone())
        .err()
        .map(|e| e.to_string())
}
