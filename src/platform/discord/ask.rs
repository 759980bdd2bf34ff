//! Asking the engine from Discord: what an interaction asks, and the call itself, off the async
//! threads.

use super::Data;
use super::access::role_of;
use super::answer::Asked;
use super::names::person_of;
use super::threads::Place;
use crate::engine::{Body, Incoming, Reply};

/// Ask the engine (off the async threads); goals may have changed, so the reminders look again.
pub(super) async fn ask(data: &Data, msg: Incoming) -> Vec<Reply> {
    let replies = data.link.ask(msg).await;
    data.reminders.wake();
    replies
}

/// What an interaction asks of the engine, from whom, in which team.
pub(super) fn incoming(data: &Data, asked: Asked<'_>, place: &Place, body: Body) -> Incoming {
    Incoming {
        team: place.team(),
        person: person_of(asked.user(), asked.member().and_then(|m| m.nick.as_deref())),
        role: role_of(asked.member(), data.manager_role),
        body,
    }
}
