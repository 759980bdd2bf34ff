//! A thread per team: `/start` opens "Stappenplan — ronde N" in the team's channel and the
//! conversation runs there; `/nieuw` opens the next round's thread. The team stays keyed by its
//! channel (so teams from before threads keep working); the store knows which threads lead to
//! which channel.

use anyhow::Result;
use poise::serenity_prelude as serenity;
use serenity::{AutoArchiveDuration, ChannelId, ChannelType, CreateThread, GuildId};

use super::Data;
use super::answer::Route;
use super::names::{channel_name, rename_team, team_of};
use crate::engine::{Command, TeamKey};
use crate::platform::kit::Link;
use crate::prompts::Lang;
use crate::store::Team;

/// Where a Discord event happened, as koers sees it.
#[derive(Debug, Clone)]
pub(super) struct Place {
    /// The channel or thread it came from: where answers to it go.
    pub(super) here: ChannelId,
    /// The team's channel: the parent when `here` is one of koers' threads.
    pub(super) channel: ChannelId,
    /// The team's current thread and the round it was opened for, if koers opened one.
    pub(super) thread: Option<(ChannelId, u32)>,
    /// The team's round, if the team has started.
    pub(super) round: Option<u32>,
    /// The team's language (the default for a team not started).
    pub(super) lang: Lang,
    /// The name of the team's channel, when serenity's cache knows it.
    pub(super) name: Option<String>,
}

impl Place {
    /// The engine's key of the team.
    pub(super) fn team(&self) -> TeamKey {
        team_of(self.channel, self.name.as_deref())
    }

    /// Whether this is the thread the team's conversation runs in now.
    pub(super) fn in_conversation(&self) -> bool {
        self.thread.is_some_and(|(t, _)| t == self.here)
    }
}

fn id(value: &str) -> Result<ChannelId> {
    let n: u64 = value.parse()?;
    Ok(ChannelId::new(n))
}

/// Which team an event in `here` belongs to: its own, or the channel's whose thread it is.
/// A team whose channel was renamed while koers was away takes the new name here.
pub(super) async fn place_of(
    cache: &serenity::Cache,
    guild: Option<GuildId>,
    data: &Data,
    here: ChannelId,
) -> Result<Place> {
    let (mut place, stored) = data
        .link
        .blocking(move |engine, db| {
            let (channel, thread, team) = db.run(move |s| {
                let channel = match s.find_discord_thread(&here.get().to_string())? {
                    Some(found) => found.channel,
                    None => here.get().to_string(),
                };
                let thread = s.find_current_discord_thread(&channel)?;
                let team = s.find_team("discord", &channel)?;
                Ok((channel, thread, team))
            })?;
            let channel = id(&channel)?;
            let lang = team.as_ref().map_or(engine.default_lang(), |t| t.lang);
            let place = Place {
                here,
                channel,
                thread: thread
                    .map(|t| id(&t.thread).map(|thread| (thread, t.round)))
                    .transpose()?,
                round: team.as_ref().map(|t| t.round),
                lang,
                name: None,
            };
            Ok((place, team.map(|t| t.name)))
        })
        .await?;
    place.name = channel_name(cache, guild, place.channel);
    if stored.is_some_and(|stored| stored != place.team().name) {
        rename_team(&data.link, place.channel, place.name.as_deref()).await?;
    }
    Ok(place)
}

/// The thread a channel's team talks in now, else the channel itself: where reminders go.
pub(super) async fn conversation_of(link: &Link, channel: ChannelId) -> Result<ChannelId> {
    let found = link
        .store(move |s| s.find_current_discord_thread(&channel.get().to_string()))
        .await?;
    match found {
        Some(t) => id(&t.thread),
        None => Ok(channel),
    }
}

/// Where the replies to a command go. `/start` continues in the round's thread (opened when
/// there is none); a `/nieuw` that began a new round opens that round's thread. Everything
/// else, and a refused `/nieuw`, is answered where it was asked.
pub(super) async fn route_after(
    ctx: &serenity::Context,
    data: &Data,
    place: &Place,
    command: Option<&Command>,
) -> Route {
    let here = Route::here(place.here);
    let (start, new_round) = match command {
        Some(Command::Start) => (true, false),
        Some(Command::NewRound) => (false, true),
        _ => return here,
    };
    let channel = place.channel.get().to_string();
    let team = match data
        .link
        .store(move |s| s.find_team("discord", &channel))
        .await
    {
        Ok(Some(team)) => team,
        Ok(None) => return here,
        Err(e) => {
            tracing::error!(
                error = format!("{e:#}"),
                "could not read the team for its thread"
            );
            return here;
        }
    };
    if new_round && place.round == Some(team.round) {
        return here;
    }
    let thread = match place.thread {
        Some((thread, round)) if start && round == team.round => thread,
        _ => match open_thread(ctx, data, place.channel, &team).await {
            Some(thread) => thread,
            None => return here,
        },
    };
    if thread == place.here {
        return Route::here(thread);
    }
    let lang = team.lang;
    let note = data.link.engine().texts().fmt(
        lang,
        "msg.discord.thread_note",
        &[("thread", &format!("<#{}>", thread.get()))],
    );
    Route {
        target: thread,
        note: Some(note),
    }
}

/// Open the thread for a team's round and remember it. `None` (with a log line) when Discord
/// refuses, e.g. without Create Public Threads: then the conversation stays in the channel.
async fn open_thread(
    ctx: &serenity::Context,
    data: &Data,
    channel: ChannelId,
    team: &Team,
) -> Option<ChannelId> {
    let lang = team.lang;
    let name: String = data
        .link
        .engine()
        .texts()
        .fmt(
            lang,
            "msg.discord.thread_name",
            &[("round", &team.round.to_string())],
        )
        .chars()
        .take(100)
        .collect();
    let builder = CreateThread::new(name)
        .kind(ChannelType::PublicThread)
        .auto_archive_duration(AutoArchiveDuration::OneWeek);
    let thread = match channel.create_thread(&ctx.http, builder).await {
        Ok(thread) => thread.id,
        Err(e) => {
            tracing::warn!(
                error = %e,
                channel = channel.get(),
                "could not open a thread (koers needs Create Public Threads and Send Messages in Threads); the conversation stays in the channel"
            );
            return None;
        }
    };
    let (team_id, round) = (team.id, team.round);
    let now = jiff::Timestamp::now().to_string();
    let stored = data
        .link
        .store(move |s| s.insert_discord_thread(team_id, &thread.get().to_string(), round, &now))
        .await;
    match stored {
        Ok(()) => Some(thread),
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "could not remember a new thread");
            None
        }
    }
}
