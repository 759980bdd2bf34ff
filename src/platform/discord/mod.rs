//! The Discord platform (feature `discord`): serenity for the gateway and REST, poise for the
//! slash commands. One team per channel; any member may answer.
//!
//! Slash commands are built from one table with Dutch names, English localisations and
//! descriptions from `prompts/`; each turns into the same command line the terminal takes, so
//! the engine parses every platform's commands alike. Questions with options get buttons whose
//! custom ids (`k|<question>|<choice>`) carry everything needed, so they keep working after a
//! restart. Reminders are posted with their idempotency key as message nonce (enforced).

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result, anyhow};
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, ChannelId, ComponentInteraction, CreateActionRow, CreateButton,
    CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage, FullEvent,
    GatewayIntents, Message, Nonce, Permissions,
};

mod commands;

use commands::{command_line, commands, is_managed};

use crate::engine::{Body, Engine, Incoming, Reply, TeamKey};
use crate::prompts::Lang;
use crate::reminders::scheduler::{Handle, Scheduler};
use crate::reminders::{Delivery, Sending};
use crate::store::{Db, Scope};

/// How to reach Discord.
#[derive(Clone)]
pub struct Options {
    /// The bot token (from `DISCORD_TOKEN`; never logged).
    pub token: String,
    /// Only for tests: a stand-in's base URL that replaces `https://discord.com`.
    pub api_base: Option<String>,
    /// Role id that may change goals and start a new round (besides Manage Channels).
    pub manager_role: Option<u64>,
    /// Register the commands in this guild (instant) instead of globally.
    pub guild: Option<u64>,
    /// Ask for the Message Content intent (free-text answers). Off when not granted.
    pub message_content: bool,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("token", &"<secret>")
            .field("api_base", &self.api_base)
            .field("manager_role", &self.manager_role)
            .field("guild", &self.guild)
            .field("message_content", &self.message_content)
            .finish()
    }
}

/// What every handler can reach.
pub struct Data {
    engine: Arc<Engine>,
    db: Db,
    reminders: Handle,
    manager_role: Option<u64>,
}

pub(crate) type Error = anyhow::Error;
type AppContext<'a> = poise::ApplicationContext<'a, Data, Error>;

/// May this member change goals and start rounds?
fn may_manage(member: Option<&serenity::Member>, manager_role: Option<u64>) -> bool {
    let Some(member) = member else { return false };
    member.permissions.is_some_and(|p| {
        p.contains(Permissions::MANAGE_CHANNELS) || p.contains(Permissions::ADMINISTRATOR)
    }) || manager_role.is_some_and(|r| member.roles.iter().any(|id| id.get() == r))
}

fn team_of(channel: ChannelId, name: Option<String>) -> TeamKey {
    TeamKey {
        platform: "discord".into(),
        id: channel.get().to_string(),
        name: name.unwrap_or_else(|| format!("#{}", channel.get())),
    }
}

/// Ask the engine on the blocking pool (it waits for a SQLite commit).
async fn ask(data: &Data, msg: Incoming) -> Vec<Reply> {
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

/// Choice ids that are yes/no answers or reminder actions: these get buttons; other choices
/// (focus area, origin, kind of data …) get a select menu.
const BUTTON_CHOICES: &[&str] = &[
    "yes", "no", "partly", "unknown", "snooze", "move", "evaluate",
];

/// Components for a reply's choices. Custom ids carry question and choice (`k|q|choice`,
/// select menus `s|q`), so they keep working after a restart.
fn buttons(reply: &Reply) -> Vec<CreateActionRow> {
    let Some(question) = &reply.question else {
        return Vec::new();
    };
    if !reply.choices.is_empty()
        && reply
            .choices
            .iter()
            .any(|c| !BUTTON_CHOICES.contains(&c.id.as_str()))
    {
        let id = format!("s|{question}");
        if id.len() > 100 {
            return Vec::new();
        }
        let options = reply
            .choices
            .iter()
            .take(25)
            .map(|c| {
                let label: String = c.label.chars().take(100).collect();
                serenity::CreateSelectMenuOption::new(label, c.id.clone())
            })
            .collect();
        return vec![CreateActionRow::SelectMenu(
            serenity::CreateSelectMenu::new(id, serenity::CreateSelectMenuKind::String { options }),
        )];
    }
    reply
        .choices
        .chunks(5)
        .take(5)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .filter_map(|c| {
                        let id = format!("k|{question}|{}", c.id);
                        (id.len() <= 100).then(|| {
                            let label: String = c.label.chars().take(80).collect();
                            CreateButton::new(id)
                                .label(label)
                                .style(ButtonStyle::Secondary)
                        })
                    })
                    .collect(),
            )
        })
        .collect()
}

/// Discord takes at most 2000 characters a message: split on line ends.
fn chunks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.split_inclusive('\n') {
        if cur.chars().count() + line.chars().count() > 1900 && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if line.chars().count() > 1900 {
            let mut buf = String::new();
            for ch in line.chars() {
                buf.push(ch);
                if buf.chars().count() >= 1900 {
                    out.push(std::mem::take(&mut buf));
                }
            }
            cur.push_str(&buf);
        } else {
            cur.push_str(line);
        }
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// Send replies into a channel, with retries on failure.
async fn post(http: &serenity::Http, channel: ChannelId, replies: &[Reply]) -> Result<()> {
    for reply in replies {
        let parts = chunks(&reply.text);
        let last = parts.len() - 1;
        for (i, part) in parts.into_iter().enumerate() {
            let mut msg = CreateMessage::new().content(part);
            if i == last {
                msg = msg.components(buttons(reply));
            }
            with_retry(|| channel.send_message(http, msg.clone())).await?;
        }
    }
    Ok(())
}

/// Retry a Discord call a few times with a growing pause (server errors, rate limits).
async fn with_retry<T, F, Fut>(mut call: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<T>>,
{
    let mut pause = Duration::from_millis(250);
    let mut last = None;
    for _ in 0..4 {
        match call().await {
            Ok(v) => return Ok(v),
            Err(e) => {
                tracing::warn!(error = %e, "Discord call failed; retrying");
                last = Some(e);
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
        }
    }
    Err(last.map_or_else(|| anyhow!("Discord call failed"), |e| anyhow!(e)))
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
    let line = command_line(interaction);
    let http = &ctx.serenity_context().http;
    if is_managed(&line) && !may_manage(interaction.member.as_deref(), data.manager_role) {
        let lang = data
            .engine
            .language_of(&data.db, &team_of(interaction.channel_id, None))
            .unwrap_or(Lang::Nl);
        let text = data
            .engine
            .texts()
            .get(lang, "msg.discord.denied")
            .to_string();
        interaction
            .create_response(
                http,
                CreateInteractionResponse::Message(
                    CreateInteractionResponseMessage::new()
                        .content(text)
                        .ephemeral(true),
                ),
            )
            .await
            .context("denial reply")?;
        return Ok(());
    }
    let user = interaction
        .user
        .global_name
        .clone()
        .unwrap_or_else(|| interaction.user.name.clone());
    // /start is how a team opens the conversation: greeted once, then the open question.
    if is_goal_form(&line) {
        return goal_modal(ctx, interaction).await;
    }
    let status = line == "/status";
    let body = if line == "/start" {
        Body::Start { lang: None }
    } else {
        Body::Text(line)
    };
    let msg = Incoming {
        team: team_of(interaction.channel_id, None),
        user,
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

/// `/doel nieuw` with nothing after it opens the goal form.
fn is_goal_form(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["/doel", "nieuw" | "new" | "add" | "toevoegen"]
    )
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
    let line = format!("/doel verzet {n} {} omdat {}", get("date"), get("reason"));
    if !may_manage(m.member.as_ref(), data.manager_role) {
        let lang = data
            .engine
            .language_of(&data.db, &team_of(m.channel_id, None))
            .unwrap_or(Lang::Nl);
        let text = data
            .engine
            .texts()
            .get(lang, "msg.discord.denied")
            .to_string();
        return m
            .create_response(
                &ctx.http,
                CreateInteractionResponse::Message(
                    CreateInteractionResponseMessage::new()
                        .content(text)
                        .ephemeral(true),
                ),
            )
            .await
            .context("denial reply");
    }
    let user = m
        .user
        .global_name
        .clone()
        .unwrap_or_else(|| m.user.name.clone());
    let msg = Incoming {
        team: team_of(m.channel_id, None),
        user,
        body: Body::Text(line),
    };
    let replies = ask(data, msg).await;
    let http = &ctx.http;
    respond(http, m.channel_id, &replies, |first| {
        m.create_response(http, CreateInteractionResponse::Message(first))
    })
    .await
}

async fn on_modal(
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
    let user = m
        .user
        .global_name
        .clone()
        .unwrap_or_else(|| m.user.name.clone());
    let msg = Incoming {
        team: team_of(m.channel_id, None),
        user,
        body: Body::Goal(draft),
    };
    let replies = ask(data, msg).await;
    let http = &ctx.http;
    respond(http, m.channel_id, &replies, |first| {
        m.create_response(http, CreateInteractionResponse::Message(first))
    })
    .await
}

/// Answer an interaction with the first reply, then post the rest in the channel.
async fn respond<'a, F, Fut>(
    http: &serenity::Http,
    channel: ChannelId,
    replies: &[Reply],
    first: F,
) -> Result<()>
where
    F: FnOnce(CreateInteractionResponseMessage) -> Fut,
    Fut: std::future::Future<Output = serenity::Result<()>> + 'a,
{
    let Some((head, rest)) = replies.split_first() else {
        return Ok(());
    };
    let parts = chunks(&head.text);
    let mut response = CreateInteractionResponseMessage::new().content(parts[0].clone());
    if parts.len() == 1 {
        response = response.components(buttons(head));
    }
    first(response).await.context("interaction reply")?;
    let mut tail: Vec<Reply> = parts[1..].iter().map(|p| Reply::text(p.clone())).collect();
    if parts.len() > 1
        && let Some(last) = tail.last_mut()
    {
        last.question.clone_from(&head.question);
        last.choices.clone_from(&head.choices);
    }
    tail.extend(rest.iter().cloned());
    post(http, channel, &tail).await
}

async fn on_component(
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
    let user = c
        .user
        .global_name
        .clone()
        .unwrap_or_else(|| c.user.name.clone());
    let msg = Incoming {
        team: team_of(c.channel_id, None),
        user,
        body: Body::Choice { question, value },
    };
    let replies = ask(data, msg).await;
    let http = &ctx.http;
    respond(http, c.channel_id, &replies, |first| {
        c.create_response(http, CreateInteractionResponse::Message(first))
    })
    .await
}

async fn on_message(ctx: &serenity::Context, data: &Data, m: &Message) -> Result<()> {
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
    let typed_command =
        m.content.trim_start().starts_with('/') || m.content.trim_start().starts_with("!koers");
    if !listening && !typed_command {
        return Ok(());
    }
    if typed_command && is_managed(m.content.trim().trim_start_matches("!koers").trim()) {
        let member = m.member(&ctx).await.ok();
        if !may_manage(member.as_ref(), data.manager_role) {
            let lang = data.engine.language_of(&data.db, &team).unwrap_or(Lang::Nl);
            let text = data
                .engine
                .texts()
                .get(lang, "msg.discord.denied")
                .to_string();
            return post(&ctx.http, m.channel_id, &[Reply::text(text)]).await;
        }
    }
    let user = m
        .author
        .global_name
        .clone()
        .unwrap_or_else(|| m.author.name.clone());
    let msg = Incoming {
        team,
        user,
        body: Body::Text(m.content.clone()),
    };
    let replies = ask(data, msg).await;
    post(&ctx.http, m.channel_id, &replies).await
}

fn event_handler<'a>(
    fw: poise::FrameworkContext<'a, Data, Error>,
    event: &'a FullEvent,
) -> poise::BoxFuture<'a, Result<(), Error>> {
    Box::pin(async move {
        let ctx = fw.serenity_context;
        let data = fw.user_data;
        let result = match event {
            FullEvent::Message { new_message } => on_message(ctx, data, new_message).await,
            FullEvent::InteractionCreate {
                interaction: serenity::Interaction::Component(c),
            } => on_component(ctx, data, c).await,
            FullEvent::InteractionCreate {
                interaction: serenity::Interaction::Modal(m),
            } => on_modal(ctx, data, m).await,
            _ => Ok(()),
        };
        if let Err(e) = &result {
            tracing::error!(error = format!("{e:#}"), "Discord event failed");
        }
        Ok(())
    })
}

/// Posts reminders in the team's channel with their key as an enforced nonce.
struct DiscordDelivery {
    http: Arc<serenity::Http>,
}

impl Delivery for DiscordDelivery {
    fn platform(&self) -> &str {
        "discord"
    }

    fn deliver<'a>(&'a self, team: &'a TeamKey, reply: &'a Reply, key: &'a str) -> Sending<'a> {
        Box::pin(async move {
            let channel: u64 = team
                .id
                .parse()
                .context("a Discord team id is a channel id")?;
            // Discord nonces are at most 25 characters.
            let nonce: String = key
                .chars()
                .rev()
                .take(25)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let msg = CreateMessage::new()
                .content(chunks(&reply.text).remove(0))
                .nonce(Nonce::String(nonce))
                .enforce_nonce(true)
                .components(buttons(reply));
            with_retry(|| ChannelId::new(channel).send_message(&self.http, msg.clone())).await?;
            Ok(())
        })
    }
}

/// One place for command errors: a polite ephemeral reply to the member and a log line.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(error = format!("{error:#}"), "Discord command failed");
            let lang = ctx
                .data()
                .engine
                .language_of(&ctx.data().db, &team_of(ctx.channel_id(), None))
                .unwrap_or(Lang::Nl);
            let text = ctx
                .data()
                .engine
                .texts()
                .get(lang, "msg.error_internal")
                .to_string();
            if let Err(e) = ctx
                .send(poise::CreateReply::default().content(text).ephemeral(true))
                .await
            {
                tracing::warn!(error = %e, "could not tell the member about the error");
            }
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::warn!(error = %e, "Discord error handling failed");
            }
        }
    }
}

/// Connect to Discord and serve until the connection ends.
pub async fn run(engine: Arc<Engine>, db: Db, options: Options) -> Result<()> {
    let mut intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES;
    // Discord refuses the connection when the privileged intent is asked for but not granted;
    // without it koers works by buttons, menus, forms and slash commands only.
    if options.message_content {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    let commands = commands(&engine);
    let (setup_engine, setup_db, guild, manager_role) = (
        Arc::clone(&engine),
        db.clone(),
        options.guild,
        options.manager_role,
    );
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands,
            event_handler,
            on_error: |error| Box::pin(on_error(error)),
            ..Default::default()
        })
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                match guild {
                    Some(g) => {
                        poise::builtins::register_in_guild(
                            ctx,
                            &framework.options().commands,
                            serenity::GuildId::new(g),
                        )
                        .await?
                    }
                    None => {
                        poise::builtins::register_globally(ctx, &framework.options().commands)
                            .await?
                    }
                }
                let delivery = Arc::new(DiscordDelivery {
                    http: Arc::clone(&ctx.http),
                });
                let (scheduler, reminders) = Scheduler::new(
                    Arc::clone(&setup_engine),
                    setup_db.clone(),
                    delivery,
                    Scope::Platform("discord".into()),
                );
                tokio::spawn(scheduler.run());
                Ok(Data {
                    engine: setup_engine,
                    db: setup_db,
                    reminders,
                    manager_role,
                })
            })
        })
        .build();
    let builder = match &options.api_base {
        Some(base) => serenity::ClientBuilder::new_with_http(
            serenity::HttpBuilder::new(&options.token)
                .proxy(base.clone())
                .ratelimiter_disabled(true)
                .build(),
            intents,
        ),
        None => serenity::ClientBuilder::new(&options.token, intents),
    };
    let mut client = builder
        .framework(framework)
        .await
        .context("cannot build the Discord client")?;
    client.start().await.context("the Discord connection ended")
}
