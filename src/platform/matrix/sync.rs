//! The sync loop: a first sync that only takes the position (old messages are not answered),
//! then long-polling `/sync`; a `limited` timeline is paged back to the last position before its
//! events are handled, and the new position is saved only after they are.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result};
use matrix_sdk::config::RequestConfig;
use matrix_sdk::ruma::OwnedRoomId;
use matrix_sdk::ruma::api::Direction;
use matrix_sdk::ruma::api::client::membership::join_room_by_id;
use matrix_sdk::ruma::api::client::message::get_message_events;
use matrix_sdk::ruma::api::client::sync::sync_events::v3 as sync_events;
use matrix_sdk::ruma::api::error::ErrorKind;
use serde_json::Value;

use super::events::{RawEvent, first_after_join, may_invite};
use super::handle::{StoreFull, handle_event};
use super::{Bot, PLATFORM, api_error_is};
use crate::reminders::scheduler::Scheduler;

/// How long the server may hold a `/sync` open when nothing happens.
const POLL: Duration = Duration::from_secs(30);
/// At most this many `/messages` pages per gap (100 events each).
const MAX_PAGES: usize = 50;
/// How often a sync whose gap cannot be paged back is tried again before the gap is given up.
const GAP_TRIES: u32 = 5;
/// Handled-event marks older than this are forgotten.
const KEEP_HANDLED_DAYS: i64 = 30;

/// Serve until the session is revoked; network trouble is waited out.
pub(super) async fn run(bot: Arc<Bot>, scheduler: Scheduler) -> Result<()> {
    let saved = bot
        .link
        .store(|s| s.get_platform_state(PLATFORM, "next_batch"))
        .await?;
    let mut since = if let Some(token) = saved {
        token
    } else {
        // The very first start: take the position without answering what was said before.
        let first = sync_once(&bot, None, Duration::ZERO).await?;
        for (room, invited) in &first.rooms.invite {
            handle_invite(&bot, room, invited).await;
        }
        save_position(&bot, &first.next_batch).await?;
        tracing::info!("first Matrix sync done");
        first.next_batch
    };
    forget_old_events(&bot).await?;
    let mut last_forget = std::time::Instant::now();
    tokio::spawn(scheduler.run());
    let mut failures: u32 = 0;
    let mut full_waits: u32 = 0;
    loop {
        // A gap that cannot be paged back is retried with the same position (handled events
        // are recognised); only after several tries is it given up, so one broken room cannot
        // stop every other room.
        let give_up_gaps = failures >= GAP_TRIES;
        let step = sync_step(&bot, &since, give_up_gaps).await?;
        if let Err(e) = &step
            && is_full(e)
        {
            wait_for_room(e, &mut full_waits).await;
            continue;
        }
        full_waits = 0;
        match step {
            Ok(next) => {
                failures = 0;
                since = next;
                if last_forget.elapsed() > Duration::from_hours(24) {
                    forget_old_events(&bot).await?;
                    last_forget = std::time::Instant::now();
                }
            }
            Err(e) => {
                if is_session_gone(&e) {
                    return Err(e).context("the homeserver ended koers' session");
                }
                failures += 1;
                let wait = Duration::from_secs(2u64.saturating_pow(failures.min(6)));
                tracing::warn!(
                    error = format!("{e:#}"),
                    ?wait,
                    "Matrix sync failed; retrying"
                );
                tokio::time::sleep(wait).await;
            }
        }
    }
}

/// One sync, its events handled and the new position saved: `Ok(Ok(next))`, or `Ok(Err)` for a
/// step to try again from the same position. `Err` ends the bot: the position could not be
/// saved, for another reason than a full store.
async fn sync_step(bot: &Bot, since: &str, give_up_gaps: bool) -> Result<Result<String>> {
    let handled = match sync_once(bot, Some(since), POLL).await {
        Ok(response) => handle_response(bot, &response, since, give_up_gaps)
            .await
            .map(|()| response.next_batch),
        Err(e) => Err(e),
    };
    let Ok(next) = handled else {
        return Ok(handled);
    };
    match save_position(bot, &next).await {
        Ok(()) => Ok(Ok(next)),
        // Events handled before a full store stay marked handled; the position is kept back,
        // so the sync is tried again from it once there is room.
        Err(e) if crate::store::is_full(&e) => Ok(Err(e)),
        Err(e) => Err(e),
    }
}

/// Wait before trying again a sync that stopped at a full store (2 s, 4 s … 16 s).
async fn wait_for_room(err: &anyhow::Error, waits: &mut u32) {
    *waits = waits.saturating_add(1);
    let wait = Duration::from_secs(2u64.saturating_pow((*waits).min(4)));
    tracing::error!(
        error = format!("{err:#}"),
        ?wait,
        "the store is full; the sync position stays until there is room"
    );
    tokio::time::sleep(wait).await;
}

/// Forget handled-event marks older than [`KEEP_HANDLED_DAYS`] (at start, then daily).
async fn forget_old_events(bot: &Bot) -> Result<()> {
    let before = (bot.link.engine().now()
        - jiff::SignedDuration::from_hours(24 * KEEP_HANDLED_DAYS))
    .to_string();
    let forgotten = bot
        .link
        .store(move |s| s.delete_handled_events_before(PLATFORM, &before))
        .await?;
    tracing::debug!(forgotten, "old handled-event marks removed");
    Ok(())
}

async fn sync_once(
    bot: &Bot,
    since: Option<&str>,
    timeout: Duration,
) -> Result<sync_events::Response> {
    let mut request = sync_events::Request::new();
    request.since = since.map(String::from);
    request.timeout = Some(timeout);
    bot.client
        .send(request)
        .with_request_config(RequestConfig::new().timeout(timeout + Duration::from_secs(30)))
        .await
        .context("/sync failed")
}

/// Whether a sync step stopped for a store without room (an event not kept, or the position
/// not saved).
fn is_full(err: &anyhow::Error) -> bool {
    err.downcast_ref::<StoreFull>().is_some() || crate::store::is_full(err)
}

fn is_session_gone(err: &anyhow::Error) -> bool {
    api_error_is(err, |k| matches!(k, ErrorKind::UnknownToken(_)))
}

async fn save_position(bot: &Bot, token: &str) -> Result<()> {
    let token = token.to_string();
    bot.link
        .store(move |s| s.set_platform_state(PLATFORM, "next_batch", &token))
        .await
}

async fn handle_response(
    bot: &Bot,
    response: &sync_events::Response,
    since: &str,
    give_up_gaps: bool,
) -> Result<()> {
    let mut refused = HashSet::new();
    for (room, joined) in &response.rooms.join {
        let state = state_of(joined);
        let timeline = timeline_of(bot, room, joined, since, give_up_gaps).await?;
        // Who created the room tells a direct room koers opened itself.
        for ev in state.iter().chain(&timeline) {
            if ev.kind == "m.room.create" {
                bot.rooms.observe(room.as_str(), ev);
            }
        }
        for ev in &state {
            bot.rooms.observe(room.as_str(), ev);
        }
        if bot.is_direct(room.as_str()) {
            for ev in &timeline {
                bot.rooms.observe(room.as_str(), ev);
            }
            bot.direct_room_events(room, &timeline).await;
            continue;
        }
        // A store without room: the position stays before this event (and the rest).
        handle_team_room(bot, room, &state, &timeline, &mut refused).await?;
    }
    for (room, invited) in &response.rooms.invite {
        handle_invite(bot, room, invited).await;
    }
    Ok(())
}

/// The state events of a joined room in this sync.
fn state_of(joined: &sync_events::JoinedRoom) -> Vec<RawEvent> {
    let events = match &joined.state {
        sync_events::State::Before(s) | sync_events::State::After(s) => &s.events[..],
        _ => &[],
    };
    events
        .iter()
        .filter_map(|raw| match raw.deserialize_as_unchecked::<RawEvent>() {
            Ok(ev) => Some(ev),
            Err(e) => {
                tracing::debug!(error = %e, "unreadable state event");
                None
            }
        })
        .collect()
}

/// The timeline of a joined room in this sync, with a gap before it paged back. A gap that
/// cannot be paged back fails the sync, unless gaps are being given up.
async fn timeline_of(
    bot: &Bot,
    room: &OwnedRoomId,
    joined: &sync_events::JoinedRoom,
    since: &str,
    give_up_gaps: bool,
) -> Result<Vec<RawEvent>> {
    let mut timeline = Vec::new();
    if joined.timeline.limited
        && let Some(prev) = &joined.timeline.prev_batch
    {
        match page_back(bot, room, prev, since).await {
            Ok(earlier) => timeline = earlier,
            Err(e) if give_up_gaps => tracing::error!(%room, error = format!("{e:#}"),
                "could not page back over a gap, again; going on without it"),
            Err(e) => return Err(e).context("cannot page back over a gap"),
        }
    }
    for raw in &joined.timeline.events {
        match raw.deserialize_as_unchecked::<RawEvent>() {
            Ok(ev) => timeline.push(ev),
            // Only the kind of fault: serde's message may quote a value from the event.
            Err(e) => tracing::debug!(fault = ?e.classify(), "unreadable timeline event"),
        }
    }
    Ok(timeline)
}

/// The events of a team's room, in order.
async fn handle_team_room(
    bot: &Bot,
    room: &OwnedRoomId,
    state: &[RawEvent],
    timeline: &[RawEvent],
    refused: &mut HashSet<OwnedRoomId>,
) -> Result<(), StoreFull> {
    // On the sync where koers joins, the timeline also holds what was said before: that
    // is history, not for koers (its greeting comes first). Its state still counts.
    let first = first_after_join(timeline, &bot.me.id);
    if first > 0 {
        tracing::info!(%room, events = first, "leaving alone what was said before koers joined");
    }
    for ev in &timeline[..first] {
        bot.rooms.observe(room.as_str(), ev);
    }
    // Encryption switched on before koers came still rules the room out.
    let before_join = timeline[..first]
        .iter()
        .filter(|ev| ev.kind == "m.room.encryption");
    for ev in before_join.chain(state).chain(&timeline[first..]) {
        if refused.contains(room) {
            break;
        }
        // In order, so a message is judged by the power levels of its moment.
        bot.rooms.observe(room.as_str(), ev);
        handle_event(bot, room, ev, refused).await?;
    }
    Ok(())
}

/// The events between the last position and the start of a limited timeline, oldest first.
async fn page_back(bot: &Bot, room: &OwnedRoomId, from: &str, to: &str) -> Result<Vec<RawEvent>> {
    let mut out = Vec::new();
    let mut from = from.to_string();
    for _ in 0..MAX_PAGES {
        let mut request = get_message_events::v3::Request::new(room.clone(), Direction::Backward);
        request.from = Some(from.clone());
        request.to = Some(to.to_string());
        request.limit = 100u32.into();
        let page = bot.client.send(request).await.context("/messages failed")?;
        for raw in &page.chunk {
            if let Ok(ev) = raw.deserialize_as_unchecked::<RawEvent>() {
                out.push(ev);
            }
        }
        match page.end {
            Some(end) if !page.chunk.is_empty() => from = end,
            _ => break,
        }
    }
    if out.is_empty() {
        tracing::debug!(%room, "a limited sync had no gap");
    } else {
        tracing::info!(%room, events = out.len(), "paged back over a limited sync");
    }
    out.reverse();
    Ok(out)
}

async fn handle_invite(bot: &Bot, room: &OwnedRoomId, invited: &sync_events::InvitedRoom) {
    let mut inviter = None;
    for raw in &invited.invite_state.events {
        let Ok(ev) = raw.deserialize_as_unchecked::<RawEvent>() else {
            continue;
        };
        bot.rooms.observe(room.as_str(), &ev);
        if ev.kind == "m.room.member"
            && ev.state_key.as_deref() == Some(bot.me.id.as_str())
            && ev.content.get("membership").and_then(Value::as_str) == Some("invite")
        {
            inviter = Some(ev.sender);
        }
    }
    let inviter = inviter.unwrap_or_default();
    if !may_invite(&inviter, &bot.allowed_inviters) {
        tracing::info!(%room, %inviter, "declining an invitation from outside matrix_allowed_inviters");
        bot.leave(room, "declining an invitation").await;
        return;
    }
    tracing::info!(%room, %inviter, "joining on invitation");
    // The join itself shows up in the next sync as koers' own membership event, which opens
    // the conversation; so a crash between joining and greeting still greets.
    if let Err(e) = bot
        .client
        .send(join_room_by_id::v3::Request::new(room.clone()))
        .await
    {
        tracing::warn!(%room, error = %e, "could not join a room koers was invited to");
    }
}
