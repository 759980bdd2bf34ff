//! The Discord platform (feature `discord`): serenity for the gateway and REST, poise for the
//! slash commands. One team per channel, its conversation in a thread koers opens for each
//! round; any member may answer, managers change the plan.
//!
//! Slash commands are built from one table with Dutch names, English localisations and
//! descriptions from `prompts/`; each becomes the same engine command a typed line does.
//! Questions and reminders with options get buttons whose custom ids are the engine's
//! `QuickChoice` ids (`k|<about>|<choice>`): they carry everything needed, so they keep working
//! after a restart. Reminders are posted in the team's
//! thread with their idempotency key as message nonce (enforced). Nothing koers posts pings
//! anyone.

use std::sync::Arc;

use anyhow::{Context as _, Result};
use poise::serenity_prelude as serenity;
use serenity::{FullEvent, GatewayIntents};

mod access;
mod answer;
mod ask;
mod commands;
mod delivery;
mod events;
mod forms;
#[cfg(test)]
mod fuzz_tests;
mod messages;
mod names;
mod order;
mod replies;
mod threads;

use commands::commands;
use delivery::DiscordDelivery;
use events::on_component;
use forms::on_modal;
use messages::on_message;
use names::on_channel_update;
use replies::no_pings;
use threads::place_of;

use crate::engine::Engine;
use crate::platform::kit::Link;
use crate::reminders::scheduler::{Handle, Scheduler};
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
    /// The way to the engine and the database.
    link: Link,
    reminders: Handle,
    manager_role: Option<u64>,
    /// Keeps each channel's messages in arrival order.
    lanes: order::Lanes,
}

pub(crate) type Error = anyhow::Error;
type AppContext<'a> = poise::ApplicationContext<'a, Data, Error>;

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
            FullEvent::ChannelUpdate { new, .. } => on_channel_update(data, new).await,
            _ => Ok(()),
        };
        if let Err(e) = &result {
            tracing::error!(error = format!("{e:#}"), "Discord event failed");
        }
        Ok(())
    })
}

/// One place for command errors: a polite ephemeral reply to the member and a log line.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(error = format!("{error:#}"), "Discord command failed");
            let engine = ctx.data().link.engine();
            let cache = &ctx.serenity_context().cache;
            let lang = place_of(cache, ctx.guild_id(), ctx.data(), ctx.channel_id())
                .await
                .map_or(engine.default_lang(), |p| p.lang);
            let text = engine.texts().get(lang, "msg.error_internal").to_string();
            if let Err(e) = ctx
                .send(
                    poise::CreateReply::default()
                        .content(text)
                        .ephemeral(true)
                        .allowed_mentions(no_pings()),
                )
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
    let commands = commands(&engine);
    let link = Link::new(engine, db);
    let (guild, manager_role) = (options.guild, options.manager_role);
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands,
            event_handler,
            on_error: |error| Box::pin(on_error(error)),
            allowed_mentions: Some(no_pings()),
            ..Default::default()
        })
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                register(ctx, &framework.options().commands, guild).await?;
                Ok(start(ctx, link, manager_role))
            })
        })
        .build();
    // serenity keeps recent messages per channel in arrival order: `order.rs` reads them.
    let mut cache = serenity::cache::Settings::default();
    cache.max_messages = order::MESSAGES_KEPT;
    let mut client = client_builder(&options)
        .cache_settings(cache)
        .framework(framework)
        .await
        .context("cannot build the Discord client")?;
    client.start().await.context("the Discord connection ended")
}

/// The gateway events koers listens to.
fn intents(options: &Options) -> GatewayIntents {
    let mut intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES;
    // Discord refuses the connection when the privileged intent is asked for but not granted;
    // without it koers works by buttons, menus, forms and slash commands only.
    if options.message_content {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    intents
}

/// The client for Discord itself, or, in tests, for a stand-in at `api_base`.
fn client_builder(options: &Options) -> serenity::ClientBuilder {
    match &options.api_base {
        Some(base) => serenity::ClientBuilder::new_with_http(
            serenity::HttpBuilder::new(&options.token)
                .proxy(base.clone())
                .ratelimiter_disabled(true)
                .build(),
            intents(options),
        ),
        None => serenity::ClientBuilder::new(&options.token, intents(options)),
    }
}

/// Register the slash commands in one guild (instant) or globally.
async fn register(
    ctx: &serenity::Context,
    commands: &[poise::Command<Data, Error>],
    guild: Option<u64>,
) -> Result<()> {
    match guild {
        Some(g) => {
            poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(g)).await?;
        }
        None => poise::builtins::register_globally(ctx, commands).await?,
    }
    Ok(())
}

/// Once connected: start the reminder scheduler, and the handlers' shared data.
fn start(ctx: &serenity::Context, link: Link, manager_role: Option<u64>) -> Data {
    let delivery = Arc::new(DiscordDelivery {
        http: Arc::clone(&ctx.http),
        link: link.clone(),
    });
    let (scheduler, reminders) = Scheduler::new(
        Arc::clone(link.engine()),
        link.db().clone(),
        delivery,
        Scope::Platform("discord".into()),
    );
    tokio::spawn(scheduler.run());
    Data {
        link,
        reminders,
        manager_role,
        lanes: order::Lanes::default(),
    }
}
