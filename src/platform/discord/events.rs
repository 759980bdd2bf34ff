//! What happens on each Discord event: slash commands, buttons and menus, forms, and free
//! text in a channel with an open question.

use std::sync::Arc;

use anyhow::{Context as _, Result, anyhow};
use poise::serenity_prelude as serenity;
use serenity::{
    ChannelId, ComponentInteraction, CreateActionRow, CreateInteractionResponse,
    CreateInteractionResponseMessage, Message, Permissions,
};

use super::commands::command_of;
use super::replies::{post, respond};
use super::{AppContext, Data, Error};
use crate::engine::{
    Body, Command, GoalCommand, Incoming, Person, Reply, Role, TeamKey, is_command,
};
use crate::prompts::Lang;

/// What a member may do: a manager has the configured role, Manage Channels or Administrator.
/// `member.permissions` is what Discord computed for the channel (overwrites included).
pub(super) fn role_of(member: Option<&serenity::Member>, manager_role: Option<u64>) -> Role {
    let Some(member) = member else {
        return Role::Member;
    };
    let manager = member.permissions.is_some_and(|p| {
        p.contains(Permissions::MANAGE_CHANNELS) || p.contains(Permissions::ADMINISTRATOR)
    }) || manager_role.is_some_and(|r| member.roles.iter().any(|id| id.get() == r));
    if manager { Role::Manager } else { Role::Member }
}

/// A Discord user as the engine knows them: the user id, and the name people see.
pub(super) fn person_of(user: &serenity::User) -> Person {
    Person {
        id: user.id.get().to_string(),
        name: user
            .global_name
            .clone()
            .unwrap_or_else(|| user.name.clone()),
    }
}

pub(super) fn team_of(channel: ChannelId, name: Option<String>) -> TeamKey {
    TeamKey {
        platform: "discord".into(),
        id: channel.get().to_string(),
        name: name.unwrap_or_else(|| format!("#{}", channel.get())),
    }
}

/// Ask the engine on the blocking pool (it waits for a SQLite commit).
pub(super) async fn ask(data: &Data, msg: Incoming) -> Vec<Reply> {
    let (engine, db) = (Arc::clone(&data.engine), data.db.clone());
    let replies = tokio::task::spawn_blocking(move || engine.respond(&db, msg)).await;
    data.reminders.wake();
    match replies {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "engine task failed");
            vec![Reply::text(
                data.engine.texts().get(Lang::Nl, "msg.error_internal"),
            )]
        }
    }
}

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
    let status = command == Ok(Command::Status);
    let body = match command {
        // /start is how a team opens the conversation: greeted once, then the open question.
        Ok(Command::Start) => Body::Start { lang: None },
        // `/doel nieuw` with nothing after it opens the goal form.
        Ok(Command::Goal(GoalCommand::Add(None))) => {
            return goal_modal(ctx, interaction).await;
        }
        Ok(cmd) => Body::Command(cmd),
        Err(e) => Body::BadCommand(e),
    };
    let msg = Incoming {
        team: team_of(interaction.channel_id, None),
        person: person_of(&interaction.user),
        role: role_of(interaction.member.as_deref(), data.manager_role),
        body,
    };
    let replies = ask(data, msg).await;
    // Status reads best as an embed: its first line as title, the overview below.
    if status && let [reply] = replies.as_slice() {
        let (title, body) = reply.text.split_once('\n').unwrap_or((&reply.text, ""));
        let embed = serenity::CreateEmbed::new()
            .title(title.chars().take(256).collect::<String>())
            .description(body.chars().take(4000).collect::<String>());
        return interaction
            .create_response(
                http,
                CreateInteractionResponse::Message(
                    CreateInteractionResponseMessage::new().embed(embed),
                ),
            )
            .await
            .context("status reply");
    }
    respond(http, interaction.channel_id, &replies, |first| {
        interaction.create_response(http, CreateInteractionResponse::Message(first))
    })
    .await
}

/// The five goal fields of the form: (custom id, prompt key, paragraph, required).
const GOAL_FIELDS: [(&str, &str, bool, bool); 5] = [
    ("text", "msg.discord.modal_text", true, true),
    ("deadline", "msg.discord.modal_deadline", false, false),
    ("owner", "msg.discord.modal_owner", false, false),
    ("baseline", "msg.discord.modal_baseline", false, false),
    ("target", "msg.discord.modal_target", false, false),
];

async fn goal_modal(ctx: AppContext<'_>, interaction: &serenity::CommandInteraction) -> Result<()> {
    let data = ctx.data();
    let lang = data
        .engine
        .language_of(&data.db, &team_of(interaction.channel_id, None))
        .unwrap_or(Lang::Nl);
    let texts = data.engine.texts();
    let rows = GOAL_FIELDS
        .iter()
        .map(|(id, key, paragraph, required)| {
            let style = if *paragraph {
                serenity::InputTextStyle::Paragraph
            } else {
                serenity::InputTextStyle::Short
            };
            let label: String = texts.get(lang, key).chars().take(45).collect();
            CreateActionRow::InputText(
                serenity::CreateInputText::new(style, label, *id).required(*required),
            )
        })
        .collect();
    let title: String = texts
        .get(lang, "msg.discord.modal_title")
        .chars()
        .take(45)
        .collect();
    interaction
        .create_response(
            &ctx.serenity_context().http,
            CreateInteractionResponse::Modal(
                serenity::CreateModal::new("goal-form", title).components(rows),
            ),
        )
        .await
        .context("goal form")
}

async fn move_modal(
    ctx: &serenity::Context,
    data: &Data,
    c: &ComponentInteraction,
    n: &str,
) -> Result<()> {
    let lang = data
        .engine
        .language_of(&data.db, &team_of(c.channel_id, None))
        .unwrap_or(Lang::Nl);
    let texts = data.engine.texts();
    let field = |id: &str, key: &str| {
        let label: String = texts.get(lang, key).chars().take(45).collect();
        CreateActionRow::InputText(serenity::CreateInputText::new(
            serenity::InputTextStyle::Short,
            label,
            id,
        ))
    };
    let title: String = texts
        .get(lang, "msg.discord.move_title")
        .chars()
        .take(45)
        .collect();
    let modal = serenity::CreateModal::new(format!("move-form|{n}"), title).components(vec![
        field("date", "msg.discord.arg_datum"),
        field("reason", "msg.discord.arg_reden"),
    ]);
    c.create_response(&ctx.http, CreateInteractionResponse::Modal(modal))
        .await
        .context("move form")
}

/// The text fields of a submitted form, by custom id.
fn form_values(m: &serenity::ModalInteraction) -> Vec<(String, String)> {
    m.data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .filter_map(|c| match c {
            serenity::ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

/// The move-deadline form from a reminder: the terminal's move command, if the member may.
async fn on_move_form(
    ctx: &serenity::Context,
    data: &Data,
    m: &serenity::ModalInteraction,
    n: &str,
) -> Result<()> {
    let values = form_values(m);
    let get = |id: &str| {
        values
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let body = match n.parse::<i64>() {
        Ok(n) => {
            let reason = Some(get("reason")).filter(|r| !r.is_empty());
            Body::Command(Command::Goal(GoalCommand::Move(n, get("date"), reason)))
        }
        Err(_) => return Ok(()),
    };
    answer_modal(ctx, data, m, body).await
}

pub(super) async fn on_modal(
    ctx: &serenity::Context,
    data: &Data,
    m: &serenity::ModalInteraction,
) -> Result<()> {
    if let Some(n) = m.data.custom_id.strip_prefix("move-form|") {
        return on_move_form(ctx, data, m, n).await;
    }
    if m.data.custom_id != "goal-form" {
        return Ok(());
    }
    let mut draft = crate::engine::GoalDraft::default();
    for (id, value) in form_values(m) {
        match id.as_str() {
            "text" => draft.text = value,
            "deadline" => draft.deadline = value,
            "owner" => draft.owner = value,
            "baseline" => draft.baseline = value,
            "target" => draft.target = value,
            _ => {}
        }
    }
    answer_modal(ctx, data, m, Body::Goal(draft)).await
}

/// Hand a submitted form to the engine and answer it.
async fn answer_modal(
    ctx: &serenity::Context,
    data: &Data,
    m: &serenity::ModalInteraction,
    body: Body,
) -> Result<()> {
    let msg = Incoming {
        team: team_of(m.channel_id, None),
        person: person_of(&m.user),
        role: role_of(m.member.as_ref(), data.manager_role),
        body,
    };
    let replies = ask(data, msg).await;
    let http = &ctx.http;
    respond(http, m.channel_id, &replies, |first| {
        m.create_response(http, CreateInteractionResponse::Message(first))
    })
    .await
}

pub(super) async fn on_component(
    ctx: &serenity::Context,
    data: &Data,
    c: &ComponentInteraction,
) -> Result<()> {
    let (question, value) = if let Some(rest) = c.data.custom_id.strip_prefix("k|") {
        match rest.rsplit_once('|') {
            Some((q, v)) => (q.to_string(), v.to_string()),
            None => return Ok(()),
        }
    } else if let Some(q) = c.data.custom_id.strip_prefix("s|") {
        match &c.data.kind {
            serenity::ComponentInteractionDataKind::StringSelect { values }
                if !values.is_empty() =>
            {
                (q.to_string(), values[0].clone())
            }
            _ => return Ok(()),
        }
    } else {
        return Ok(());
    };
    // Moving a deadline needs a date and a reason: ask for them in a form.
    if value == "move"
        && let Some(n) = question.strip_prefix("goal#")
    {
        return move_modal(ctx, data, c, n).await;
    }
    let msg = Incoming {
        team: team_of(c.channel_id, None),
        person: person_of(&c.user),
        role: role_of(c.member.as_ref(), data.manager_role),
        body: Body::Choice { question, value },
    };
    let replies = ask(data, msg).await;
    let http = &ctx.http;
    respond(http, c.channel_id, &replies, |first| {
        c.create_response(http, CreateInteractionResponse::Message(first))
    })
    .await
}

pub(super) async fn on_message(ctx: &serenity::Context, data: &Data, m: &Message) -> Result<()> {
    if m.author.bot || m.guild_id.is_none() || m.content.trim().is_empty() {
        return Ok(());
    }
    let team = team_of(m.channel_id, None);
    // Only a channel with an open question or evaluation listens to free text; elsewhere the
    // bot stays quiet (it is one member of a busy channel).
    let (engine, db, probe) = (Arc::clone(&data.engine), data.db.clone(), team.clone());
    let listening = tokio::task::spawn_blocking(move || engine.is_listening(&db, &probe))
        .await
        .map_err(|e| anyhow!(e))??;
    let line = m.content.trim_start();
    // A `!` line is koers' only when it names a koers command; `!weer` belongs to another bot.
    let typed_command = line.starts_with('/') || (line.starts_with('!') && is_command(line));
    if line.starts_with('!') && !typed_command {
        return Ok(());
    }
    if !listening && !typed_command {
        return Ok(());
    }
    // Only a command can need a manager; an answer never does, so only then is the member
    // looked up.
    let role = if typed_command {
        let member = m.member(&ctx).await.ok();
        role_of(member.as_ref(), data.manager_role)
    } else {
        Role::Member
    };
    let msg = Incoming {
        team,
        person: person_of(&m.author),
        role,
        body: Body::Text(m.content.clone()),
    };
    let replies = ask(data, msg).await;
    post(&ctx.http, m.channel_id, &replies).await
}
