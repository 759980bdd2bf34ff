//! Fuzzing the way a Matrix event becomes an engine message: the event's JSON as bytes (invalid
//! UTF-8, broken JSON, the seed corpus) and as structured events with random fields are read
//! ([`RawEvent`]), classified ([`classify`]) and turned into a [`Body`] ([`plain_body`]),
//! which the engine then answers; nothing panics and the engine always has something to say.

use std::sync::{Arc, LazyLock};

use proptest::prelude::*;
use serde_json::{Value, json};

use super::address::Me;
use super::events::{Action, RawEvent, classify, first_after_join, is_own_join, may_invite};
use super::handle::plain_body;
use super::render::choice_for;
use crate::engine::{Body, Engine, FixedClock, Incoming, Person, Role, Settings, TeamKey};
use crate::fuzz::{any_text, fuzz, nasty_bytes, nasty_texts};
use crate::store::Db;

const ME: &str = "@koers:localhost";

fn me() -> Me {
    Me {
        id: ME.into(),
        name: "Koers".into(),
    }
}

/// One engine and database for every case (building an engine reads the whole flow).
static ENGINE: LazyLock<(Arc<Engine>, Db)> = LazyLock::new(|| {
    let now = "2026-11-25T10:00:00Z".parse().expect("timestamp");
    let engine = Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine");
    (Arc::new(engine), Db::open_in_memory().expect("db"))
});

/// Read, classify and hand on one event as the adapter does (a reaction needs the store of
/// posted questions and is checked up to its emoji).
fn handle(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(ev) = serde_json::from_slice::<RawEvent>(bytes) else {
        return Ok(());
    };
    let action = classify(&ev, &me());
    match &action {
        Action::Command(line) => {
            prop_assert!(line.starts_with('/') && line.len() > 1, "{:?}", line);
        }
        Action::Joined => prop_assert!(is_own_join(&ev, ME)),
        Action::Reaction { key, .. } => {
            let _ = choice_for(key);
        }
        Action::Text(_) | Action::Encrypted | Action::Ignore => {}
    }
    if ev.sender == ME && ev.kind == "m.room.message" {
        prop_assert_eq!(&action, &Action::Ignore, "koers answered itself");
    }
    let _ = first_after_join(std::slice::from_ref(&ev), ME);
    let _ = may_invite(&ev.sender, &["localhost".into(), ev.sender.clone()]);
    for addressed in [false, true] {
        let Some(body) = plain_body(action.clone(), addressed) else {
            continue;
        };
        let aside = matches!(body, Body::Aside(_));
        let (engine, db) = &*ENGINE;
        let replies = engine.respond(
            db,
            Incoming {
                team: TeamKey {
                    platform: "matrix".into(),
                    id: "!room:localhost".into(),
                    name: "team".into(),
                },
                person: Person::named(&ev.sender),
                role: Role::Member,
                body,
            },
        );
        prop_assert!(aside || !replies.is_empty(), "no reply");
        prop_assert!(replies.iter().all(|r| !r.text.trim().is_empty()));
    }
    Ok(())
}

/// A room event with random fields where koers reads them.
fn events() -> BoxedStrategy<Value> {
    let text = || any_text().prop_map(Value::String);
    let anything = || {
        prop_oneof![
            text(),
            Just(Value::Null),
            any::<i64>().prop_map(Value::from),
            Just(json!([])),
            Just(json!({})),
        ]
    };
    let kind = prop_oneof![
        Just("m.room.message".to_string()),
        Just("m.reaction".to_string()),
        Just("m.room.member".to_string()),
        Just("m.room.encryption".to_string()),
        any_text(),
    ];
    let sender = prop_oneof![
        Just(ME.to_string()),
        Just("@anna:localhost".to_string()),
        any_text()
    ];
    let body = prop_oneof![
        any_text(),
        any_text().prop_map(|t| format!("!koers {t}")),
        any_text().prop_map(|t| format!("/{t}")),
        any_text().prop_map(|t| format!("!{t}")),
        (any_text(), any_text()).prop_map(|(q, t)| format!("> {q}\n\n{t}")),
        any_text().prop_map(|t| format!("{ME}: {t}")),
    ];
    let relates = prop_oneof![
        Just(Value::Null),
        (
            prop::sample::select(vec!["m.replace", "m.annotation", "m.thread", ""]),
            anything(),
            anything()
        )
            .prop_map(|(rel, id, key)| json!({"rel_type": rel, "event_id": id, "key": key})),
        anything().prop_map(|id| json!({"m.in_reply_to": {"event_id": id}})),
    ];
    let membership = prop::sample::select(vec!["join", "leave", "invite", ""]);
    (
        kind,
        sender,
        prop::option::of(any_text()),
        prop_oneof![Just("m.text"), Just("m.emote"), Just("m.notice"), Just("")],
        body,
        relates,
        (membership.clone(), membership, anything()),
    )
        .prop_map(
            |(kind, sender, state_key, msgtype, body, relates, (now, before, mentions))| {
                json!({
                    "type": kind, "event_id": "$e", "sender": sender.clone(),
                    "state_key": state_key.unwrap_or(sender),
                    "content": {"msgtype": msgtype, "body": body, "m.relates_to": relates,
                                "membership": now, "m.mentions": {"user_ids": mentions}},
                    "unsigned": {"prev_content": {"membership": before}},
                })
            },
        )
        .boxed()
}

#[test]
fn fuzz_matrix_events_take_the_seed_corpus() {
    for bytes in nasty_bytes() {
        handle(&bytes).unwrap_or_else(|e| panic!("{e} on {:?}", short(&bytes)));
    }
    for text in nasty_texts() {
        let ev = json!({"type": "m.room.message", "event_id": "$1", "sender": "@anna:localhost",
                        "content": {"msgtype": "m.text", "body": text}});
        let bytes = serde_json::to_vec(&ev).expect("json");
        handle(&bytes).unwrap_or_else(|e| panic!("{e} on {:?}", short(&bytes)));
    }
}

#[test]
fn fuzz_matrix_events_any_bytes() {
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        events().prop_map(|ev| serde_json::to_vec(&ev).unwrap_or_default()),
        // A valid event with some of its bytes changed.
        (
            events(),
            prop::collection::vec((any::<usize>(), any::<u8>()), 1..4)
        )
            .prop_map(|(ev, flips)| {
                let mut bytes = serde_json::to_vec(&ev).unwrap_or_default();
                for (at, byte) in flips {
                    if !bytes.is_empty() {
                        let at = at % bytes.len();
                        bytes[at] = byte;
                    }
                }
                bytes
            }),
    ];
    fuzz(file!(), 256, bytes, |bytes| handle(&bytes));
}

fn short(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(80)]).into_owned()
}
