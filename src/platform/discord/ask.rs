//! Asking the engine from Discord: who a user is to the engine, what an interaction asks, and
//! the call itself, off the async threads.

use poise::serenity_prelude as serenity;

use super::Data;
use super::access::role_of;
use super::answer::Asked;
use super::threads::Place;
use crate::engine::{Body, Incoming, Person, Reply};
use crate::platform::kit;

/// A Discord user as the engine knows them: the user id, shown by the name they chose for
/// Discord, else their user name.
pub(super) fn person_of(user: &serenity::User) -> Person {
    kit::person(
        &user.id.get().to_string(),
        [user.global_name.as_deref(), Some(user.name.as_str())],
    )
}

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
        person: person_of(asked.user()),
        role: role_of(asked.member(), data.manager_role),
        body,
    }
}
