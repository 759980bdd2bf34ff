//! Asking the engine from Discord: who a user is to the engine, what an interaction asks, and
//! the call itself, off the async threads.

use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::Data;
use super::access::role_of;
use super::answer::Asked;
use super::threads::Place;
use crate::engine::{Body, Incoming, Person, Reply};

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

/// Ask the engine on the blocking pool (it waits for a `SQLite` commit).
pub(super) async fn ask(data: &Data, msg: Incoming) -> Vec<Reply> {
    let (engine, db) = (Arc::clone(&data.engine), data.db.clone());
    let replies = tokio::task::spawn_blocking(move || engine.respond(&db, msg)).await;
    data.reminders.wake();
    match replies {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "engine task failed");
            vec![Reply::text(
                data.engine
                    .texts()
                    .get(data.engine.default_lang(), "msg.error_internal"),
            )]
        }
    }
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
