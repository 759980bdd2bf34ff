//! The slash commands, built from the engine's one command table ([`crate::engine::COMMANDS`]):
//! Dutch names, English localisations, descriptions from `prompts/`. An invocation becomes the
//! engine's [`Command`] straight from its options ([`command_of`]), never a rebuilt text line.

use poise::serenity_prelude as serenity;

use super::events::slash_action;
use super::{Data, Error};
use crate::engine::{
    ArgKind, ArgValue, COMMANDS, Command, CommandSpec, Engine, UserError, build_command,
};
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
                type_setter: Some(match a.kind {
                    ArgKind::Integer => integer_option,
                    ArgKind::Text => string_option,
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

/// The poise commands built from the engine's table.
pub(super) fn commands(engine: &Engine) -> Vec<poise::Command<Data, Error>> {
    COMMANDS
        .iter()
        .map(|spec| build(engine.texts(), spec, None))
        .collect()
}

/// The option values of a command in the order of its table row.
fn values(spec: &CommandSpec, options: &[serenity::CommandDataOption]) -> Vec<Option<ArgValue>> {
    spec.args
        .iter()
        .map(|a| {
            options
                .iter()
                .find(|o| o.name == a.nl)
                .and_then(|o| match &o.value {
                    serenity::CommandDataOptionValue::Integer(n) => Some(ArgValue::Integer(*n)),
                    serenity::CommandDataOptionValue::String(s) => Some(ArgValue::Text(s.clone())),
                    _ => None,
                })
        })
        .collect()
}

/// The engine command a slash command stands for, built from its options.
pub(super) fn command_of(interaction: &serenity::CommandInteraction) -> Result<Command, UserError> {
    let data = &interaction.data;
    let unknown = || UserError::UnknownCommand(format!("/{}", data.name));
    let spec = COMMANDS
        .iter()
        .find(|s| s.nl == data.name)
        .ok_or_else(unknown)?;
    match data.options.first() {
        Some(serenity::CommandDataOption {
            name,
            value: serenity::CommandDataOptionValue::SubCommand(inner),
            ..
        }) => {
            let sub = spec
                .subs
                .iter()
                .find(|s| s.nl == name.as_str())
                .ok_or_else(unknown)?;
            build_command(sub, values(sub, inner))
        }
        _ => build_command(spec, values(spec, &data.options)),
    }
}
