//! What one room event does: it becomes an engine message (a command with the sender's role, an
//! answer, talk not meant for koers, a reaction), and the engine's replies go back to the room,
//! or, for what concerns one person alone, to a direct room.

use std::collections::HashSet;

use matrix_sdk::ruma::OwnedRoomId;

use super::events::{Action, RawEvent, classify};
use super::render::{choice_for, merge};
use super::send::{fresh_txn, post, post_file, post_image};
use super::{Bot, PLATFORM};
use crate::engine::{About, Audience, Body, Incoming, Person, Reply, Role, TeamKey};

/// The team of a room.
pub(super) fn team_key(bot: &Bot, room: &str) -> TeamKey {
    TeamKey {
        platform: PLATFORM.into(),
        id: room.to_string(),
        name: bot.rooms.name(room).unwrap_or_else(|| "team".to_string()),
    }
}

/// The store had no room for an event: nothing of it was kept, so the sync position must not
/// pass it (it is handled when the sync is tried again and there is room).
#[derive(Debug, thiserror::Error)]
#[error("the store is full: event {0} was not kept")]
pub(super) struct StoreFull(pub String);

/// Handle one event of a team's room; `Err` when the store had no room to keep it.
pub(super) async fn handle_event(
    bot: &Bot,
    room: &OwnedRoomId,
    ev: &RawEvent,
    refused: &mut HashSet<OwnedRoomId>,
) -> Result<(), StoreFull> {
    let action = classify(ev, &bot.me);
    if action == Action::Encrypted {
        refused.insert(room.clone());
        refuse_encrypted(bot, room).await;
        return Ok(());
    }
    let Some(event_id) = ev.event_id.as_deref() else {
        return Ok(());
    };
    let Some((body, role)) = body_of(bot, room, ev, action).await else {
        return Ok(());
    };
    let team = team_key(bot, room.as_str());
    let start = matches!(body, Body::Start { .. });
    let person = if start {
        Person::named(&ev.sender)
    } else {
        bot.person(room, &ev.sender).await
    };
    // Matrix members type `!koers help`, not `/help`: the greeting and the help say so.
    let hint = start || matches!(&body, Body::Text(line) if line == "/help");
    let msg = Incoming {
        team: team.clone(),
        person: person.clone(),
        role,
        body,
    };
    let mut replies = match bot.ask(msg, event_id).await {
        Ok(Some(replies)) => {
            forget_told_full(bot, event_id);
            replies
        }
        Ok(None) => {
            forget_told_full(bot, event_id);
            return Ok(());
        }
        Err(refusal) => {
            // Said once per event, however often the sync is tried again until there is room.
            let first = bot
                .told_full
                .lock()
                .map_or(true, |mut told| told.insert(event_id.to_string()));
            if first {
                post_all(bot, room.as_str(), refusal).await;
            }
            return Err(StoreFull(event_id.to_string()));
        }
    };
    if hint {
        let text = bot.link.text(&team, "msg.matrix.commands", &[]).await;
        replies.insert(1.min(replies.len()), Reply::text(text));
    }
    if start {
        // The greeting says what koers reads here.
        let text = bot
            .link
            .text(&team, listen_key(bot, &team).await, &[])
            .await;
        replies.insert(2.min(replies.len()), Reply::text(text));
    }
    let deleted = Reply::ends_team(&replies);
    say(bot, room, &team, &person, replies).await;
    if deleted {
        // The team is gone: koers stops reading here. A new invitation starts a new team.
        bot.leave(room, "the team was deleted").await;
    }
    Ok(())
}

/// The event went through: the "store full" note said for it is done with, so the set of
/// them holds only events still waiting for room.
fn forget_told_full(bot: &Bot, event_id: &str) {
    if let Ok(mut told) = bot.told_full.lock()
        && !told.is_empty()
    {
        told.remove(event_id);
    }
}

/// What an event says to the engine, and with what role; `None` when it says nothing.
async fn body_of(
    bot: &Bot,
    room: &OwnedRoomId,
    ev: &RawEvent,
    action: Action,
) -> Option<(Body, Role)> {
    // Only a command may need a manager; answers never do.
    let role = match &action {
        Action::Command(_) => bot.role(room, &ev.sender).await,
        _ => Role::Member,
    };
    let addressed = match &action {
        Action::Text(said) => bot.addressed(room, said).await,
        _ => false,
    };
    let body = match action {
        Action::Reaction { target, key } => reaction(bot, target, &key).await?,
        other => plain_body(other, addressed)?,
    };
    Some((body, role))
}

/// The body of an action that needs nothing looked up (all but a reaction); `addressed` says
/// whether free text is meant for koers (a reply to it, a mention). Pure, and fuzzed.
pub(super) fn plain_body(action: Action, addressed: bool) -> Option<Body> {
    match action {
        Action::Joined => Some(Body::Start { lang: None }),
        Action::Command(line) => Some(Body::Text(line)),
        // Meant for koers it is read; other talk only while the team has koers read every
        // line, which the engine decides.
        Action::Text(said) if addressed => Some(Body::Text(said.text)),
        Action::Text(said) => Some(Body::Aside(said.text)),
        Action::Reaction { .. } | Action::Encrypted | Action::Ignore => None,
    }
}

/// A reaction to a message koers posted with choices: the choice it stands for, about what
/// that message asked.
async fn reaction(bot: &Bot, target: String, key: &str) -> Option<Body> {
    let value = choice_for(key)?;
    let found = bot
        .link
        .store(move |s| s.find_sent_question(PLATFORM, &target))
        .await;
    let stored = match found {
        Ok(stored) => stored?,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "cannot read posted questions");
            return None;
        }
    };
    match About::decode(&stored) {
        Ok(about) => Some(Body::Choice {
            about,
            value: value.to_string(),
        }),
        Err(e) => {
            tracing::warn!(stored, error = %e, "a posted question koers cannot read");
            None
        }
    }
}

/// The text naming the team's listening mode.
async fn listen_key(bot: &Bot, team: &TeamKey) -> &'static str {
    let id = team.id.clone();
    match bot.link.store(move |s| s.find_team(PLATFORM, &id)).await {
        Ok(Some(t)) if t.listen == crate::states::Listen::Replies => "msg.matrix.listen_replies",
        Ok(_) => "msg.matrix.listen_all",
        Err(e) => {
            tracing::warn!(
                error = format!("{e:#}"),
                "cannot read the team's listening mode"
            );
            "msg.matrix.listen_all"
        }
    }
}

/// Post a turn's replies: what concerns `person` alone by direct message (the room hears where
/// it went), the rest in the room.
async fn say(bot: &Bot, room: &OwnedRoomId, team: &TeamKey, person: &Person, replies: Vec<Reply>) {
    let (personal, mut public): (Vec<Reply>, Vec<Reply>) = replies
        .into_iter()
        .partition(|r| r.audience == Audience::Personal);
    if !personal.is_empty() {
        let key = match bot.send_personal(person, personal).await {
            Ok(()) => "msg.matrix.sent_privately",
            Err(e) => {
                tracing::error!(%room, error = format!("{e:#}"), "could not send a direct message");
                "msg.matrix.private_failed"
            }
        };
        let note = bot.link.text(team, key, &[("user", &person.name)]).await;
        public.insert(0, Reply::text(note));
    }
    post_all(bot, room.as_str(), public).await;
}

/// Post replies in a room; a failed send is logged (the answer is already stored, nothing is
/// lost).
pub(super) async fn post_all(bot: &Bot, room: &str, mut replies: Vec<Reply>) {
    // The pictures follow the turn's text as `m.image` events (merging joins only texts).
    let images: Vec<_> = replies.iter_mut().filter_map(|r| r.image.take()).collect();
    let files: Vec<_> = replies.iter_mut().filter_map(|r| r.file.take()).collect();
    for reply in merge(replies) {
        let now = bot.link.engine().now().to_string();
        if let Err(e) = post(&bot.client, &bot.link, room, &reply, &fresh_txn(), now).await {
            tracing::error!(%room, error = format!("{e:#}"), "could not post a reply");
        }
    }
    for image in &images {
        if let Err(e) = post_image(&bot.client, room, image, &fresh_txn()).await {
            tracing::error!(%room, error = format!("{e:#}"), "could not post a picture");
        }
    }
    for file in &files {
        if let Err(e) = post_file(&bot.client, room, file, &fresh_txn()).await {
            tracing::error!(%room, error = format!("{e:#}"), "could not post a file");
        }
    }
}

async fn refuse_encrypted(bot: &Bot, room: &OwnedRoomId) {
    let text = bot
        .link
        .text(&team_key(bot, room.as_str()), "msg.matrix.encrypted", &[])
        .await;
    tracing::info!(%room, "refusing an encrypted room");
    post_all(bot, room.as_str(), vec![Reply::text(text)]).await;
    bot.leave(room, "refusing an encrypted room").await;
}
