//! What a Matrix event means to koers, decided from its JSON alone (no network, no store), so
//! every rule here is unit-tested.

use serde::Deserialize;
use serde_json::Value;

use super::address::{Me, Said, said};

/// The fields of a room event koers reads; everything else is ignored.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct RawEvent {
    /// `m.room.message`, `m.reaction`, `m.room.member` …
    #[serde(rename = "type")]
    pub kind: String,
    /// Missing only in stripped (invite) state.
    #[serde(default)]
    pub event_id: Option<String>,
    /// Who sent it.
    pub sender: String,
    /// Set on state events.
    #[serde(default)]
    pub state_key: Option<String>,
    /// The event content, read per type.
    #[serde(default)]
    pub content: Value,
    /// What the homeserver adds (a state event's `prev_content`).
    #[serde(default)]
    pub unsigned: Value,
}

/// What koers does with an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Action {
    /// koers itself joined the room: open the conversation there.
    Joined,
    /// A line of free text from a member.
    Text(Said),
    /// A command line (`/status`), from `!koers status` or `/status`.
    Command(String),
    /// A member reacted to message `target` with `key`.
    Reaction {
        /// The event reacted to.
        target: String,
        /// The emoji.
        key: String,
    },
    /// The room is (or became) end-to-end encrypted, which koers does not support.
    Encrypted,
    /// Nothing for koers.
    Ignore,
}

/// The prefix for commands in a room shared with other bots.
const PREFIX: &str = "!koers";

/// Decide what an event means to koers (`me`).
pub(super) fn classify(ev: &RawEvent, me: &Me) -> Action {
    match ev.kind.as_str() {
        "m.room.encryption" | "m.room.encrypted" => Action::Encrypted,
        "m.room.member" if is_own_join(ev, &me.id) => Action::Joined,
        "m.room.member" => Action::Ignore,
        _ if ev.sender == me.id => Action::Ignore,
        "m.room.message" => message(&ev.content, me),
        "m.reaction" => {
            let rel = &ev.content["m.relates_to"];
            match (
                rel["rel_type"].as_str(),
                rel["event_id"].as_str(),
                rel["key"].as_str(),
            ) {
                (Some("m.annotation"), Some(target), Some(key)) => Action::Reaction {
                    target: target.to_string(),
                    key: key.to_string(),
                },
                _ => Action::Ignore,
            }
        }
        _ => Action::Ignore,
    }
}

/// koers' own arrival in a room: its membership became `join` (a changed display name is a
/// join after a join, not an arrival).
pub(super) fn is_own_join(ev: &RawEvent, me: &str) -> bool {
    let membership = |c: &Value| {
        c.get("membership")
            .and_then(Value::as_str)
            .map(String::from)
    };
    ev.kind == "m.room.member"
        && ev.sender == me
        && ev.state_key.as_deref() == Some(me)
        && membership(&ev.content).as_deref() == Some("join")
        && membership(&ev.unsigned["prev_content"]).as_deref() != Some("join")
}

/// Where to start handling a room's events: at koers' own arrival when it is among them, so
/// nothing said before koers joined (a command, chatter) is answered; else at the first.
pub(super) fn first_after_join(events: &[RawEvent], me: &str) -> usize {
    events
        .iter()
        .rposition(|ev| is_own_join(ev, me))
        .unwrap_or(0)
}

fn message(content: &Value, me: &Me) -> Action {
    // Edits repeat the message with a "* " prefix; the original was already answered.
    if content["m.relates_to"]["rel_type"].as_str() == Some("m.replace") {
        return Action::Ignore;
    }
    // Notices are what bots send: never answer another bot.
    if !matches!(content["msgtype"].as_str(), Some("m.text" | "m.emote")) {
        return Action::Ignore;
    }
    let Some(body) = content["body"].as_str() else {
        return Action::Ignore;
    };
    let rel = &content["m.relates_to"];
    let body = if rel["m.in_reply_to"].is_object() {
        strip_reply_fallback(body)
    } else {
        body
    };
    match command_or_text(body) {
        Line::Command(line) => Action::Command(line),
        Line::NotOurs => Action::Ignore,
        Line::Text(line) => Action::Text(said(line, content, me)),
    }
}

/// Older clients quote the message replied to as `> ` lines and a blank line before the reply.
fn strip_reply_fallback(body: &str) -> &str {
    if !body.starts_with("> ") {
        return body;
    }
    match body.find("\n\n") {
        Some(i) if body[..i].lines().all(|l| l.starts_with('>')) => &body[i + 2..],
        _ => body,
    }
}

/// A message's line as koers reads it.
enum Line<'a> {
    /// A koers command, as a `/` line.
    Command(String),
    /// Free text.
    Text(&'a str),
    /// Another bot's command.
    NotOurs,
}

fn command_or_text(body: &str) -> Line<'_> {
    let trimmed = body.trim();
    if let Some(rest) = strip_prefix_ci(trimmed, PREFIX) {
        // `!koersje` is not our prefix, but another bot's command.
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            return Line::NotOurs;
        }
        let rest = rest.trim().trim_start_matches('/');
        return Line::Command(if rest.is_empty() {
            "/help".to_string()
        } else {
            format!("/{rest}")
        });
    }
    if trimmed.starts_with('/') && trimmed.len() > 1 {
        return Line::Command(trimmed.to_string());
    }
    // `!status` is koers' when it names a koers command; `!weer` belongs to another bot and is
    // not an answer either.
    if let Some(rest) = trimmed.strip_prefix('!') {
        return if crate::engine::is_command(trimmed) {
            Line::Command(format!("/{rest}"))
        } else {
            Line::NotOurs
        };
    }
    Line::Text(body)
}

pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Whether an inviter may invite koers: `allowed` lists user ids (`@anna:example.org`) and
/// server names (`example.org`); an empty list allows everyone.
pub(super) fn may_invite(inviter: &str, allowed: &[String]) -> bool {
    if allowed.is_empty() {
        return true;
    }
    let server = inviter.split_once(':').map_or("", |(_, s)| s);
    allowed
        .iter()
        .any(|a| a == inviter || (!a.starts_with('@') && a.eq_ignore_ascii_case(server)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ME: &str = "@koers:localhost";

    fn me() -> Me {
        Me {
            id: ME.into(),
            name: "Koers".into(),
        }
    }

    fn plain(text: &str) -> Action {
        Action::Text(Said {
            text: text.into(),
            replies_to: Vec::new(),
            mentions_me: false,
        })
    }

    fn ev(v: Value) -> RawEvent {
        serde_json::from_value(v).expect("event")
    }

    fn text(body: &str) -> RawEvent {
        ev(
            json!({"type": "m.room.message", "event_id": "$1", "sender": "@anna:localhost",
                  "content": {"msgtype": "m.text", "body": body}}),
        )
    }

    #[test]
    fn commands_come_as_bang_koers_or_slash_lines() {
        assert_eq!(
            classify(&text("!koers status"), &me()),
            Action::Command("/status".into())
        );
        assert_eq!(
            classify(&text("  !KOERS  doel lijst "), &me()),
            Action::Command("/doel lijst".into())
        );
        assert_eq!(
            classify(&text("!koers /status"), &me()),
            Action::Command("/status".into())
        );
        assert_eq!(
            classify(&text("!koers"), &me()),
            Action::Command("/help".into())
        );
        assert_eq!(
            classify(&text("/status"), &me()),
            Action::Command("/status".into())
        );
        assert_eq!(classify(&text("!koersje"), &me()), Action::Ignore);
        assert_eq!(classify(&text("/"), &me()), plain("/"));
        assert_eq!(
            classify(&text("Meer jong publiek"), &me()),
            plain("Meer jong publiek")
        );
    }

    #[test]
    fn own_messages_notices_and_edits_are_ignored() {
        let own = ev(
            json!({"type": "m.room.message", "event_id": "$1", "sender": ME,
                            "content": {"msgtype": "m.text", "body": "ja"}}),
        );
        assert_eq!(classify(&own, &me()), Action::Ignore);
        let notice = ev(
            json!({"type": "m.room.message", "event_id": "$1", "sender": "@bot:x",
                               "content": {"msgtype": "m.notice", "body": "ja"}}),
        );
        assert_eq!(classify(&notice, &me()), Action::Ignore);
        let edit = ev(
            json!({"type": "m.room.message", "event_id": "$1", "sender": "@a:x",
                             "content": {"msgtype": "m.text", "body": "* nee",
                                         "m.relates_to": {"rel_type": "m.replace", "event_id": "$0"}}}),
        );
        assert_eq!(classify(&edit, &me()), Action::Ignore);
        let no_body = ev(
            json!({"type": "m.room.message", "event_id": "$1", "sender": "@a:x",
                                "content": {"msgtype": "m.text"}}),
        );
        assert_eq!(classify(&no_body, &me()), Action::Ignore);
    }

    #[test]
    fn a_reply_is_read_without_the_quoted_message() {
        let reply = ev(
            json!({"type": "m.room.message", "event_id": "$1", "sender": "@a:x",
                              "content": {"msgtype": "m.text",
                                          "body": "> <@koers:localhost> Is er een CRM?\n> nog iets\n\nja",
                                          "m.relates_to": {"m.in_reply_to": {"event_id": "$0"}}}}),
        );
        assert_eq!(
            classify(&reply, &me()),
            Action::Text(Said {
                text: "ja".into(),
                replies_to: vec!["$0".into()],
                mentions_me: false
            })
        );
    }

    #[test]
    fn only_what_follows_koers_own_arrival_is_handled() {
        let join = |prev: Option<&str>| {
            let mut v = json!({"type": "m.room.member", "event_id": "$j", "sender": ME,
                               "state_key": ME, "content": {"membership": "join"}});
            if let Some(p) = prev {
                v["unsigned"] = json!({"prev_content": {"membership": p}});
            }
            ev(v)
        };
        let events = vec![
            text("!koers status"),
            join(Some("invite")),
            text("ja"),
            join(Some("join")),
        ];
        assert_eq!(first_after_join(&events, ME), 1);
        assert_eq!(
            classify(&events[3], &me()),
            Action::Ignore,
            "a new display name"
        );
        assert_eq!(classify(&events[1], &me()), Action::Joined);
        assert_eq!(first_after_join(&[text("a"), text("b")], ME), 0);
    }

    #[test]
    fn own_join_encryption_and_reactions_are_recognised() {
        let join = ev(
            json!({"type": "m.room.member", "event_id": "$j", "sender": ME,
                             "state_key": ME, "content": {"membership": "join"}}),
        );
        assert_eq!(classify(&join, &me()), Action::Joined);
        let other_join = ev(
            json!({"type": "m.room.member", "event_id": "$j", "sender": "@a:x",
                                   "state_key": "@a:x", "content": {"membership": "join"}}),
        );
        assert_eq!(classify(&other_join, &me()), Action::Ignore);
        let enc = ev(
            json!({"type": "m.room.encryption", "event_id": "$e", "sender": "@a:x",
                            "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}),
        );
        assert_eq!(classify(&enc, &me()), Action::Encrypted);
        let reaction = ev(
            json!({"type": "m.reaction", "event_id": "$r", "sender": "@a:x",
                                 "content": {"m.relates_to": {"rel_type": "m.annotation",
                                                              "event_id": "$q", "key": "👍"}}}),
        );
        assert_eq!(
            classify(&reaction, &me()),
            Action::Reaction {
                target: "$q".into(),
                key: "👍".into()
            }
        );
        let own_reaction = ev(json!({"type": "m.reaction", "event_id": "$r", "sender": ME,
                                     "content": {"m.relates_to": {"rel_type": "m.annotation",
                                                                  "event_id": "$q", "key": "👍"}}}));
        assert_eq!(classify(&own_reaction, &me()), Action::Ignore);
    }

    #[test]
    fn invitations_follow_the_allow_list() {
        let allowed = vec!["example.org".to_string(), "@anna:other.org".to_string()];
        assert!(may_invite("@bob:example.org", &allowed));
        assert!(may_invite("@anna:other.org", &allowed));
        assert!(!may_invite("@eve:other.org", &allowed));
        assert!(!may_invite("@eve:evil.example.org", &allowed));
        assert!(may_invite("@eve:anywhere", &[]));
    }
}
