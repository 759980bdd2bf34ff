//! The slash commands: one table with Dutch names, English localisations and descriptions from
//! `prompts/`. Each invocation turns into the command line the terminal takes (`/doel verzet 2
//! 30-06-2027 omdat …`), so the engine parses every platform's commands alike.

use poise::serenity_prelude as serenity;

use super::events::slash_action;
use super::{Data, Error};
use crate::engine::Engine;
use crate::prompts::{Catalog, Lang};

/// One slash command (or sub-command). Descriptions come from `msg.discord.<key>`.
pub(super) struct Spec {
    nl: &'static str,
    en: &'static str,
    key: &'static str,
    args: &'static [ArgSpec],
    subs: &'static [Spec],
    /// Needs the manager role or Manage Channels.
    pub(super) managed: bool,
}

/// One string or integer argument.
struct ArgSpec {
    nl: &'static str,
    en: &'static str,
    integer: bool,
    required: bool,
}

const fn arg(nl: &'static str, en: &'static str, integer: bool, required: bool) -> ArgSpec {
    ArgSpec {
        nl,
        en,
        integer,
        required,
    }
}

const fn cmd(nl: &'static str, en: &'static str, args: &'static [ArgSpec], managed: bool) -> Spec {
    Spec {
        nl,
        en,
        key: nl,
        args,
        subs: &[],
        managed,
    }
}

const fn sub(nl: &'static str, en: &'static str, args: &'static [ArgSpec], managed: bool) -> Spec {
    Spec {
        nl,
        en,
        key: en,
        args,
        subs: &[],
        managed,
    }
}

const NUMBER: ArgSpec = arg("nummer", "number", true, true);

/// The goal sub-commands; their descriptions are `msg.discord.goal_<english name>`.
const GOAL_SUBS: &[Spec] = &[
    sub("lijst", "list", &[], false),
    sub("nieuw", "add", &[arg("tekst", "text", false, false)], false),
    sub(
        "voortgang",
        "progress",
        &[NUMBER, arg("waarde", "value", false, true)],
        false,
    ),
    sub(
        "verzet",
        "move",
        &[
            NUMBER,
            arg("datum", "date", false, true),
            arg("reden", "reason", false, true),
        ],
        true,
    ),
    sub(
        "sluit",
        "close",
        &[NUMBER, arg("reden", "reason", false, false)],
        true,
    ),
    sub(
        "schrap",
        "drop",
        &[NUMBER, arg("reden", "reason", false, false)],
        true,
    ),
];

/// The commands, the same words as the terminal.
pub(super) const SPECS: &[Spec] = &[
    cmd("start", "start", &[], false),
    cmd("status", "status", &[], false),
    cmd("overslaan", "skip", &[], false),
    cmd("terug", "back", &[], false),
    cmd(
        "wijzig",
        "change",
        &[arg("nummer", "number", true, false)],
        false,
    ),
    cmd(
        "taal",
        "language",
        &[arg("taal", "language", false, true)],
        false,
    ),
    cmd("export", "export", &[], false),
    cmd("nieuw", "new", &[], true),
    cmd("help", "help", &[], false),
    cmd("privacy", "privacy", &[], false),
    cmd(
        "vergeetmij",
        "forget-me",
        &[arg("bevestig", "confirm", false, false)],
        false,
    ),
    Spec {
        nl: "doel",
        en: "goal",
        key: "doel",
        args: &[],
        subs: GOAL_SUBS,
        managed: false,
    },
    cmd("evalueer", "evaluate", &[NUMBER], false),
    cmd(
        "sluimer",
        "snooze",
        &[NUMBER, arg("dagen", "days", true, false)],
        false,
    ),
    cmd(
        "tijdzone",
        "timezone",
        &[arg("zone", "zone", false, false)],
        true,
    ),
    cmd(
        "herinneringen",
        "reminders",
        &[arg("dagen", "days", false, false)],
        true,
    ),
];

/// Localisations in the form poise keeps them: (locale, text).
type Localized = std::borrow::Cow<
    'static,
    [(
        std::borrow::Cow<'static, str>,
        std::borrow::Cow<'static, str>,
    )],
>;

/// The English text for both English locales Discord knows.
fn english(text: impl Into<String>) -> Localized {
    let text = text.into();
    vec![
        ("en-US".into(), text.clone().into()),
        ("en-GB".into(), text.into()),
    ]
    .into()
}

/// A prompt text in Dutch, and its English localisations.
fn localized(texts: &Catalog, key: &str) -> (String, Localized) {
    (
        texts.get(Lang::Nl, key).to_string(),
        english(texts.get(Lang::En, key)),
    )
}

fn integer_option(o: serenity::CreateCommandOption) -> serenity::CreateCommandOption {
    o.kind(serenity::CommandOptionType::Integer)
}

fn string_option(o: serenity::CreateCommandOption) -> serenity::CreateCommandOption {
    o.kind(serenity::CommandOptionType::String)
}

fn build(texts: &Catalog, spec: &Spec, parent: Option<&str>) -> poise::Command<Data, Error> {
    let key = match parent {
        Some(_) => format!("msg.discord.goal_{}", spec.key),
        None => format!("msg.discord.{}", spec.key),
    };
    let (description, description_localizations) = localized(texts, &key);
    let qualified = match parent {
        Some(p) => format!("{p} {}", spec.nl),
        None => spec.nl.to_string(),
    };
    let parameters = spec
        .args
        .iter()
        .map(|a| {
            let (description, description_localizations) =
                localized(texts, &format!("msg.discord.arg_{}", a.nl));
            poise::CommandParameter {
                name: a.nl.into(),
                name_localizations: english(a.en),
                description: Some(description.into()),
                description_localizations,
                required: a.required,
                type_setter: Some(if a.integer {
                    integer_option
                } else {
                    string_option
                }),
                channel_types: None,
                choices: Vec::new().into(),
                autocomplete_callback: None,
                __non_exhaustive: (),
            }
        })
        .collect();
    poise::Command {
        name: spec.nl.into(),
        qualified_name: qualified.clone().into(),
        identifying_name: qualified.into(),
        source_code_name: spec.nl.into(),
        name_localizations: english(spec.en),
        description: Some(description.into()),
        description_localizations,
        guild_only: true,
        // poise only registers commands with an action; a parent is never invoked itself.
        slash_action: Some(slash_action),
        subcommands: spec
            .subs
            .iter()
            .map(|s| build(texts, s, Some(spec.nl)))
            .collect(),
        subcommand_required: !spec.subs.is_empty(),
        parameters,
        ..Default::default()
    }
}

/// The poise commands built from [`SPECS`].
pub(super) fn commands(engine: &Engine) -> Vec<poise::Command<Data, Error>> {
    SPECS
        .iter()
        .map(|spec| build(engine.texts(), spec, None))
        .collect()
}

fn push_options(line: &mut String, options: &[serenity::CommandDataOption]) {
    for option in options {
        match &option.value {
            serenity::CommandDataOptionValue::String(s) => {
                line.push(' ');
                line.push_str(s);
            }
            serenity::CommandDataOptionValue::Integer(n) => line.push_str(&format!(" {n}")),
            serenity::CommandDataOptionValue::SubCommand(inner) => {
                line.push(' ');
                line.push_str(&option.name);
                push_options(line, inner);
            }
            _ => {}
        }
    }
}

/// The command line a slash command stands for (`/wijzig 3`, `/doel verzet 2 … omdat …`).
pub(super) fn command_line(interaction: &serenity::CommandInteraction) -> String {
    let mut line = format!("/{}", interaction.data.name);
    // A move's reason follows "omdat", the word the terminal's command splits on.
    let options = &interaction.data.options;
    push_options(&mut line, options);
    if let Some(serenity::CommandDataOption {
        name,
        value: serenity::CommandDataOptionValue::SubCommand(inner),
        ..
    }) = options.first()
        && name == "verzet"
        && inner.len() == 3
        && let (Some(date), Some(reason)) = (inner[1].value.as_str(), inner[2].value.as_str())
    {
        line = format!(
            "/doel verzet {} {date} omdat {reason}",
            inner[0].value.as_i64().unwrap_or(0)
        );
    }
    line
}

/// Whether a command line (slash or typed) changes goals or rounds.
pub(super) fn is_managed(line: &str) -> bool {
    let mut words = line.trim_start_matches('/').split_whitespace();
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    // "verplaats" is the terminal's other word for moving a deadline.
    SPECS.iter().any(|s| {
        (s.nl == first || s.en == first)
            && (s.managed
                || second == "verplaats"
                || s.subs
                    .iter()
                    .any(|sub| sub.managed && (sub.nl == second || sub.en == second)))
    }) && !(first == "doel" && second.is_empty())
}
