//! The slash commands, built from the engine's one command table ([`crate::engine::COMMANDS`]):
//! Dutch names, English localisations, descriptions from `prompts/`. An invocation becomes the
//! engine's [`Command`] straight from its options ([`command_of`]), never a rebuilt text line.

use poise::serenity_prelude as serenity;

use super::events::slash_action;
use super::{Data, Error};
use crate::engine::{ArgKind, COMMANDS, CommandSpec, Engine};
use crate::prompts::{Catalog, Lang};

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

fn build(texts: &Catalog, spec: &CommandSpec, parent: Option<&str>) -> poise::Command<Data, Error> {
    let (description, description_localizations) = localized(texts, spec.help);
    let qualified = match parent {
        Some(p) => format!("{p} {}", spec.nl),
        None => spec.nl.to_string(),
    };
    let parameters = spec
        .args
        .iter()
        .map(|a| {
            let (description, description_localizations) = localized(texts, a.help);
            poise::CommandParameter {
                name: a.nl.into(),
                name_localizations: english(a.en),
                description: Some(description.into()),
                description_localizations,
                required: a.required,
                // poise sends a choice as its number; `events::values` turns it back into the
                // value, so the engine reads it as if typed.
                type_setter: Some(match a.kind {
                    _ if !a.choices.is_empty() => integer_option,
                    ArgKind::Integer => integer_option,
                    ArgKind::Text => string_option,
                }),
                channel_types: None,
                choices: a
                    .choices
                    .iter()
                    .map(|c| {
                        let (name, localizations) =
                            localized(texts, &format!("msg.discord.choice.{}.{c}", a.nl));
                        poise::CommandParameterChoice {
                            name: name.into(),
                            localizations,
                            __non_exhaustive: (),
                        }
                    })
                    .collect::<Vec<_>>()
                    .into(),
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

/// The poise commands built from the engine's table.
pub(super) fn commands(engine: &Engine) -> Vec<poise::Command<Data, Error>> {
    COMMANDS
        .iter()
        .map(|spec| build(engine.texts(), spec, None))
        .collect()
}
