//! Fuzzing the way Discord input becomes an engine message: a typed message's text
//! ([`read_line`], [`Line::body`]), a slash command's name and options as Discord sends them
//! (JSON, [`command_from`]) and a button's or menu's id; then the engine answers what they
//! became, and always has something to say.

use std::sync::{Arc, LazyLock};

use poise::serenity_prelude as serenity;
use proptest::prelude::*;
use serde_json::{Value, json};

use super::events::command_from;
use super::messages::{Line, read_line};
use crate::engine::{
    Body, COMMANDS, Engine, FixedClock, Incoming, Person, QuickChoice, Role, Settings, TeamKey,
};
use crate::fuzz::{any_text, fuzz, nasty_texts};
use crate::prompts::Lang;
use crate::store::Db;

const BOT: u64 = 123;

/// One engine and database for every case.
static ENGINE: LazyLock<(Arc<Engine>, Db)> = LazyLock::new(|| {
    let now = "2026-11-25T10:00:00Z".parse().expect("timestamp");
    let engine = Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine");
    (Arc::new(engine), Db::open_in_memory().expect("db"))
});

/// The engine answers `body`, with something to say unless it was said beside koers.
fn answered(body: Body, role: Role) -> Result<(), TestCaseError> {
    let aside = matches!(body, Body::Aside(_));
    let (engine, db) = &*ENGINE;
    let replies = engine.respond(
        db,
        Incoming {
            // As a terminal team: `/status` there comes without the plan's picture, whose PNG
            // takes seconds in a debug build; what is fuzzed here is the way in, not the picture.
            team: TeamKey {
                platform: "terminal".into(),
                id: "1".into(),
                name: "team".into(),
            },
            person: Person::named("anna"),
            role,
            body,
        },
    );
    prop_assert!(aside || !replies.is_empty(), "no reply");
    prop_assert!(replies.iter().all(|r| !r.text.trim().is_empty()));
    Ok(())
}

/// A typed message, in every kind of place.
fn message(content: &str) -> Result<(), TestCaseError> {
    let Some(line) = read_line(content, serenity::UserId::new(BOT)) else {
        return Ok(());
    };
    check_line(&line)?;
    for (meant, threadless) in [(false, false), (true, false), (false, true)] {
        if let Some(body) = line.body(meant, threadless) {
            answered(body, Role::Member)?;
        }
    }
    Ok(())
}

fn check_line(line: &Line) -> Result<(), TestCaseError> {
    prop_assert!(!line.text.is_empty());
    prop_assert!(!line.text.contains(&format!("<@{BOT}>")), "mention kept");
    prop_assert!(line.command.is_none() || line.typed);
    Ok(())
}

#[test]
fn fuzz_discord_input_takes_the_seed_corpus() {
    for text in nasty_texts() {
        for content in [text.clone(), format!("<@{BOT}> {text}"), format!("!{text}")] {
            message(&content).unwrap_or_else(|e| panic!("{e} on {:?}", short(&content)));
        }
        if let Err(e) = QuickChoice::decode(&text, Some(&text)) {
            answered(Body::BadCommand(e), Role::Member).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn fuzz_discord_messages() {
    let content = prop_oneof![
        any_text(),
        any_text().prop_map(|t| format!("<@{BOT}> {t}")),
        any_text().prop_map(|t| format!("<@!{BOT}>{t}<@{BOT}>")),
        any_text().prop_map(|t| format!("/{t}")),
        any_text().prop_map(|t| format!("!{t}")),
    ];
    fuzz(file!(), 128, content, |content| message(&content));
}

/// An option as Discord sends it, named after an argument of the table or anything.
fn option(names: Vec<String>, depth: u32) -> BoxedStrategy<Value> {
    let name = prop_oneof![prop::sample::select(names.clone()), any_text()];
    let leaf = prop_oneof![
        any_text().prop_map(|v| (3, json!(v))),
        any::<i64>().prop_map(|v| (4, json!(v))),
        any::<bool>().prop_map(|v| (5, json!(v))),
        any::<f64>().prop_map(|v| (10, json!(v))),
    ];
    let leaf = (name.clone(), leaf)
        .prop_map(|(name, (kind, value))| json!({"name": name, "type": kind, "value": value}));
    if depth == 0 {
        return leaf.boxed();
    }
    let sub = (name, prop::collection::vec(option(names, depth - 1), 0..4))
        .prop_map(|(name, options)| json!({"name": name, "type": 1, "options": options}));
    prop_oneof![3 => leaf, 1 => sub].boxed()
}

#[test]
fn fuzz_discord_slash_commands() {
    let mut names = Vec::new();
    let mut commands = Vec::new();
    for spec in COMMANDS {
        commands.push(spec.nl.to_string());
        for sub in spec.subs {
            names.push(sub.nl.to_string());
            names.extend(sub.args.iter().map(|a| a.nl.to_string()));
        }
        names.extend(spec.args.iter().map(|a| a.nl.to_string()));
    }
    let command = prop_oneof![prop::sample::select(commands), any_text()];
    let options = prop::collection::vec(option(names, 1), 0..4);
    fuzz(file!(), 256, (command, options), |(name, options)| {
        let Ok(options) =
            serde_json::from_value::<Vec<serenity::CommandDataOption>>(json!(options))
        else {
            return Ok(());
        };
        // The commands themselves are fuzzed through the engine (`engine/fuzz_engine_tests.rs`);
        // here: every name and options read into a command, or a refusal with words.
        match command_from(&name, &options) {
            Ok(cmd) => {
                let _ = cmd.check_input(2000);
            }
            Err(e) => {
                let (engine, _) = &*ENGINE;
                for lang in Lang::ALL {
                    prop_assert!(!e.render(engine.texts(), lang).trim().is_empty());
                }
            }
        }
        Ok(())
    });
}

#[test]
fn fuzz_discord_components() {
    let id = prop_oneof![
        any_text(),
        ("(k|s)\\|", any_text(), "\\|?", any_text())
            .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
        ("[a-z_.#0-9]{1,30}", "[a-z_0-9]{1,12}").prop_map(|(q, c)| format!("k|{q}|{c}")),
    ];
    fuzz(
        file!(),
        128,
        (id, prop::option::of(any_text())),
        |(id, picked)| {
            let body = match QuickChoice::decode(&id, picked.as_deref()) {
                Ok(chosen) => chosen.into(),
                Err(e) => Body::BadCommand(e),
            };
            answered(body, Role::Member)
        },
    );
}

fn short(text: &str) -> String {
    text.chars().take(60).collect()
}
