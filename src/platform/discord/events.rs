//! What happens on each interaction: slash commands, buttons and menus. Forms are in
//! `forms.rs`, typed messages in `messages.rs`.

use anyhow::{Context as _, Result};
use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, CreateInteractionResponse, CreateInteractionResponseMessage};

use super::answer::{Asked, Route, answer_interaction};
use super::ask::{ask, incoming};
use super::forms::{goal_modal, move_modal};
use super::replies::{attachment, no_pings};
use super::threads::{Place, place_of, route_after};
use super::{AppContext, Data, Error};
use crate::engine::{
    About, ArgValue, Body, COMMANDS, Command, CommandSpec, GoalCommand, QuickChoice, UserError,
    build_command,
};

pub(super) fn slash_action(
    ctx: AppContext<'_>,
) -> poise::BoxFuture<'_, Result<(), poise::FrameworkError<'_, Data, Error>>> {
    Box::pin(async move {
        on_slash(ctx)
            .await
            .map_err(|error| poise::FrameworkError::new_command(ctx.into(), error))
    })
}

async fn on_slash(ctx: AppContext<'_>) -> Result<()> {
    let data = ctx.data();
    let interaction = ctx.interaction;
    let http = &ctx.serenity_context().http;
    let command = command_of(interaction);
    let place = place_of(
        &ctx.serenity_context().cache,
        interaction.guild_id,
        data,
        interaction.channel_id,
    )
    .await?;
    let body = match &command {
        // /start is how a team opens the conversation: greeted once, then the open question.
        Ok(Command::Start) => Body::Start { lang: None },
        // `/doel nieuw` with nothing after it opens the goal form, when the engine would take
        // it now; while an evaluation keeps the next answer, the command goes to the engine
        // as typed, which says the evaluation comes first and asks it again.
        Ok(cmd @ Command::Goal(GoalCommand::Add(None))) => {
            if takes_goal_form(data, &place).await {
                return goal_modal(data, http, interaction, place.lang).await;
            }
            Body::Command(cmd.clone())
        }
        Ok(cmd) => Body::Command(cmd.clone()),
        Err(e) => Body::BadCommand(e.clone()),
    };
    let asked = Asked::Command(interaction);
    let replies = ask(data, incoming(data, asked, &place, body)).await;
    let route = route_after(ctx.serenity_context(), data, &place, command.as_ref().ok()).await;
    // Status reads best as an embed: its first line as title, the overview below; as plain
    // text, split like any turn, when it is longer than an embed holds.
    if command == Ok(Command::Status)
        && route.note.is_none()
        && let [reply] = replies.as_slice()
        && !reply.is_private()
        && let Some(mut embed) = status_embed(&reply.text)
    {
        let mut message = CreateInteractionResponseMessage::new().allowed_mentions(no_pings());
        // The plan's picture is attached to the message and shown in the embed.
        if let Some(image) = &reply.image {
            embed = embed.image(format!("attachment://{}", image.name));
            message = message.add_file(attachment(image));
        }
        return asked
            .create_response(
                http,
                CreateInteractionResponse::Message(message.embed(embed)),
            )
            .await
            .context("status reply");
    }
    answer_interaction(http, asked, &replies, &route).await
}

/// Whether the engine would enter a goal form for the team now. When that cannot be read, the
/// form opens: its submit is decided in its own turn all the same.
async fn takes_goal_form(data: &Data, place: &Place) -> bool {
    let team = place.team();
    data.link
        .blocking(move |engine, db| engine.takes_goal_form(db, &team))
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(
                error = format!("{e:#}"),
                "cannot tell whether a goal form may open"
            );
            true
        })
}

/// Discord's longest embed title and description, in characters.
const EMBED_TITLE: usize = 256;
const EMBED_DESCRIPTION: usize = 4096;

/// The status as an embed, when it fits one whole.
fn status_embed(text: &str) -> Option<serenity::CreateEmbed> {
    let (title, body) = text.split_once('\n').unwrap_or((text, ""));
    (title.chars().count() <= EMBED_TITLE && body.chars().count() <= EMBED_DESCRIPTION)
        .then(|| serenity::CreateEmbed::new().title(title).description(body))
}

pub(super) async fn on_component(
    ctx: &serenity::Context,
    data: &Data,
    c: &ComponentInteraction,
) -> Result<()> {
    let picked = match &c.data.kind {
        serenity::ComponentInteractionDataKind::StringSelect { values } => values.first(),
        _ => None,
    };
    let chosen = match QuickChoice::decode(&c.data.custom_id, picked.map(String::as_str)) {
        Ok(chosen) => chosen,
        Err(e) => {
            tracing::info!(id = c.data.custom_id, error = %e, "a component koers cannot read");
            let asked = Asked::Component(c);
            return answer_interaction(&ctx.http, asked, &[], &Route::here(c.channel_id)).await;
        }
    };
    let place = place_of(&ctx.cache, c.guild_id, data, c.channel_id).await?;
    // Moving a deadline needs a date and a reason: ask for them in a form.
    if let About::Reminder { goal } = chosen.about
        && chosen.choice == "move"
    {
        return move_modal(data, &ctx.http, c, goal, place.lang).await;
    }
    let asked = Asked::Component(c);
    let replies = ask(data, incoming(data, asked, &place, chosen.into())).await;
    answer_interaction(&ctx.http, asked, &replies, &Route::here(c.channel_id)).await
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
                    // A choice arrives as its number in the row's list of values.
                    serenity::CommandDataOptionValue::Integer(n) if !a.choices.is_empty() => {
                        usize::try_from(*n)
                            .ok()
                            .and_then(|i| a.choices.get(i))
                            .map(|c| ArgValue::Text((*c).to_string()))
                    }
                    serenity::CommandDataOptionValue::Integer(n) => Some(ArgValue::Integer(*n)),
                    serenity::CommandDataOptionValue::String(s) => Some(ArgValue::Text(s.clone())),
                    _ => None,
                })
        })
        .collect()
}

/// The engine command a slash command stands for, built from its options.
pub(super) fn command_of(interaction: &serenity::CommandInteraction) -> Result<Command, UserError> {
    command_from(&interaction.data.name, &interaction.data.options)
}

/// The engine command of a slash command's name and options. Pure, and fuzzed.
pub(super) fn command_from(
    name: &str,
    options: &[serenity::CommandDataOption],
) -> Result<Command, UserError> {
    let unknown = || UserError::UnknownCommand(format!("/{name}"));
    let spec = COMMANDS.iter().find(|s| s.nl == name).ok_or_else(unknown)?;
    match options.first() {
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
        _ => build_command(spec, values(spec, options)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_is_an_embed_only_when_it_fits_one_whole() {
        let embed = status_embed("Status van #marketing\nStap 1: klaar").expect("fits");
        let json = serde_json::to_value(&embed).expect("embed");
        assert_eq!(json["title"], "Status van #marketing");
        assert_eq!(json["description"], "Stap 1: klaar");
        let long = format!("Status\n{}", "x".repeat(EMBED_DESCRIPTION + 1));
        assert!(
            status_embed(&long).is_none(),
            "too long for an embed: sent as text"
        );
        let long_title = "t".repeat(EMBED_TITLE + 1);
        assert!(status_embed(&long_title).is_none());
        assert!(status_embed(&format!("Status\n{}", "x".repeat(EMBED_DESCRIPTION))).is_some());
    }
}
