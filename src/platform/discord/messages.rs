//! Typed messages: what koers reads, and what it leaves alone.
//!
//! Meant for koers (`Body::Text`): every line in the thread its team's conversation runs in; a
//! reply to a koers message or a line that mentions koers, anywhere; and commands (`/…`,
//! `!koers …`, `!<koers command>`), in the channel too. In a team's channel that has no koers
//! thread (a team from before threads, or Discord refused one) other lines are said beside koers
//! (`Body::Aside`): the team's `/luisteren` decides whether they answer an open question. Talk
//! in a channel beside its team's thread is not read at all, and not passed on.

use anyhow::Result;
use poise::serenity_prelude as serenity;
use serenity::{Message, UserId};

use super::Data;
use super::access::role_of_author;
use super::answer::answer_message;
use super::ask::ask;
use super::names::person_of;
use super::threads::{place_of, route_after};
use crate::engine::{Body, Command, Incoming, Role, UserError, parse_command};

/// A message event: handled after the earlier messages of its channel.
pub(super) async fn on_message(ctx: &serenity::Context, data: &Data, m: &Message) -> Result<()> {
    if m.author.bot || m.guild_id.is_none() {
        return Ok(());
    }
    data.lanes
        .in_order(&ctx.cache, m, |message| async move {
            handle(ctx, data, &message).await
        })
        .await;
    Ok(())
}

/// The line without mentions of koers (`<@id>`, `<@!id>`), which only say who it is for.
fn without_mention(text: &str, bot: UserId) -> String {
    let id = bot.get();
    text.replace(&format!("<@{id}>"), "")
        .replace(&format!("<@!{id}>"), "")
        .trim()
        .to_string()
}

/// A typed line as koers reads it, before it knows where it was said.
#[derive(Debug)]
pub(super) struct Line {
    /// The text without mentions of koers.
    pub text: String,
    /// Whether it is a koers command line (also one with wrong arguments).
    pub typed: bool,
    /// The command it is, when it is one and reads.
    pub command: Option<Command>,
}

/// Read a message's text once: `None` when there is nothing for koers (empty after the
/// mentions, or `!weer`, another bot's command: a `!` line is koers' only when it names a
/// koers command). Pure, and fuzzed.
pub(super) fn read_line(content: &str, bot: UserId) -> Option<Line> {
    let text = without_mention(content, bot);
    if text.is_empty() {
        return None;
    }
    let parsed = (text.starts_with('/') || text.starts_with('!')).then(|| parse_command(&text));
    let typed = match &parsed {
        Some(Err(UserError::UnknownCommand(_) | UserError::NoCommand)) if text.starts_with('!') => {
            return None;
        }
        Some(_) => true,
        None => false,
    };
    Some(Line {
        text,
        typed,
        command: parsed.and_then(Result::ok),
    })
}

impl Line {
    /// What the line says to the engine: read when it is a command or meant for koers (a
    /// mention, a reply to koers, the team's thread); said beside koers in a team's channel
    /// without a thread (`threadless`); else nothing.
    pub(super) fn body(&self, meant: bool, threadless: bool) -> Option<Body> {
        if self.typed || meant {
            Some(Body::Text(self.text.clone()))
        } else if threadless {
            Some(Body::Aside(self.text.clone()))
        } else {
            None
        }
    }
}

async fn handle(ctx: &serenity::Context, data: &Data, m: &Message) -> Result<()> {
    if m.author.bot || m.guild_id.is_none() {
        return Ok(());
    }
    let bot = ctx.cache.current_user().id;
    let addressed = m.mentions_user_id(bot)
        || m.referenced_message
            .as_ref()
            .is_some_and(|r| r.author.id == bot);
    let Some(read) = read_line(&m.content, bot) else {
        return Ok(());
    };
    let place = place_of(&ctx.cache, m.guild_id, data, m.channel_id).await?;
    let threadless = place.thread.is_none() && place.round.is_some();
    let Some(body) = read.body(addressed || place.in_conversation(), threadless) else {
        return Ok(());
    };
    let command = read.command;
    // Only a command that changes the plan needs a manager: only then are permissions worked out.
    let role = match &command {
        Some(c) if c.needs_manager() => {
            role_of_author(ctx, m, place.channel, data.manager_role).await
        }
        _ => Role::Member,
    };
    let msg = Incoming {
        team: place.team(),
        person: person_of(
            &m.author,
            m.member.as_ref().and_then(|member| member.nick.as_deref()),
        ),
        role,
        body,
    };
    let replies = ask(data, msg).await;
    let route = route_after(ctx, data, &place, command.as_ref()).await;
    let dm_refused = data
        .link
        .engine()
        .texts()
        .get(place.lang, "msg.discord.dm_refused");
    answer_message(
        &ctx.http,
        &m.author,
        m.channel_id,
        &replies,
        &route,
        dm_refused,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_of_koers_is_taken_off_the_line() {
        let bot = UserId::new(42);
        assert_eq!(without_mention("<@42> ja", bot), "ja");
        assert_eq!(without_mention("<@!42>   /status", bot), "/status");
        assert_eq!(without_mention("vraag <@7> eens", bot), "vraag <@7> eens");
        assert_eq!(without_mention("<@42>", bot), "");
    }
}
