//! The Matrix platform (feature `matrix`): matrix-sdk's client, login and HTTP layer with ruma's
//! types, over the same engine and store as the terminal. One team per room; any member may
//! answer; commands are `!koers <command>` or `/command` lines; plan changes are for members
//! whose room power level makes them a manager (`access.rs`). What koers keeps about a person
//! is told in a direct room (`private.rs`).
//!
//! koers drives `/sync` itself instead of using the SDK's sync service, for three reasons: the
//! sync token has to be saved in koers' own database after the events it covers are handled
//! (so a restart resumes without gaps); a `limited` timeline has to be paged back before it is
//! handled (so no answer is missed); and reminders must reach rooms that the SDK's in-memory
//! store has not seen since a restart. Each handled event is marked in the same transaction as
//! its answer, so an event delivered twice changes nothing.
//!
//! End-to-end encrypted rooms are refused: koers says so in the room and leaves (it cannot
//! read what is said there, and keeping a crypto store is out of scope for now).

mod access;
mod address;
mod events;
#[cfg(test)]
mod fuzz_tests;
mod handle;
mod people;
mod private;
mod render;
mod rooms;
mod send;
mod session;
mod sync;
mod typed;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use matrix_sdk::Client;
use matrix_sdk::ruma::OwnedRoomId;
use matrix_sdk::ruma::api::client::membership::leave_room;
use matrix_sdk::ruma::api::error::ErrorKind;

use access::Managers;
use address::Me;
use rooms::Rooms;

use crate::engine::{Engine, Incoming, Reply};
use crate::platform::kit::{Link, display_name};
use crate::reminders::scheduler::{Handle, Scheduler};
use crate::store::{Db, Scope};

/// The platform name in the store (teams, reminders, handled events).
const PLATFORM: &str = "matrix";

/// How to reach the homeserver.
#[derive(Clone)]
pub struct Options {
    /// The homeserver's base URL.
    pub homeserver: String,
    /// The bot's user id or local part.
    pub user: String,
    /// From `MATRIX_PASSWORD` (never logged): log in, keeping the stored device.
    pub password: Option<String>,
    /// From `MATRIX_ACCESS_TOKEN` (never logged): use this session as is.
    pub access_token: Option<String>,
    /// Whose invitations are accepted (user ids or server names); empty: everyone's.
    pub allowed_inviters: Vec<String>,
    /// The room power level from which a member is a manager; `None`: the level the room asks
    /// to change its name.
    pub manager_level: Option<i64>,
    /// User ids that are managers in every room.
    pub managers: Vec<String>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = |s: &Option<String>| s.as_ref().map(|_| "<secret>");
        f.debug_struct("Options")
            .field("homeserver", &self.homeserver)
            .field("user", &self.user)
            .field("password", &secret(&self.password))
            .field("access_token", &secret(&self.access_token))
            .field("allowed_inviters", &self.allowed_inviters)
            .field("manager_level", &self.manager_level)
            .field("managers", &self.managers)
            .finish()
    }
}

/// What the sync loop and the reminder delivery share.
pub(crate) struct Bot {
    client: Client,
    /// koers' own user id and display name.
    me: Me,
    /// The way to the engine and the database.
    link: Link,
    reminders: Handle,
    allowed_inviters: Vec<String>,
    /// Who is a manager besides the rooms' own rights.
    managers: Managers,
    /// Room state seen in sync: names, power levels, display names.
    rooms: Rooms,
    /// koers' direct rooms with people (never a team's room).
    direct: Mutex<HashSet<String>>,
    /// Events refused for a full store whose refusal was said: said once, however often the
    /// sync is retried until there is room.
    told_full: Mutex<HashSet<String>>,
}

impl Bot {
    /// Ask the engine, once per event id; `Ok(None)` when the event was handled before, and
    /// `Err(refusal)` when the store had no room to keep it. Goals may have changed, so the
    /// reminders look again.
    async fn ask(&self, msg: Incoming, event_id: &str) -> Result<Option<Vec<Reply>>, Vec<Reply>> {
        let replies = self.link.ask_once_or_full(msg, event_id).await;
        self.reminders.wake();
        replies
    }

    /// Leave a room (or decline its invitation); `why` goes to the log.
    async fn leave(&self, room: &OwnedRoomId, why: &str) {
        if let Err(e) = self
            .client
            .send(leave_room::v3::Request::new(room.clone()))
            .await
        {
            tracing::warn!(%room, error = %e, why, "could not leave a room");
        }
    }
}

/// `@koers:example.org` → `koers`.
fn local_part(user: &str) -> &str {
    let user = user.strip_prefix('@').unwrap_or(user);
    user.split(':').next().unwrap_or(user)
}

/// Whether the homeserver answered with an error `matches` accepts, anywhere in the chain.
fn api_error_is(err: &anyhow::Error, matches: impl Fn(&ErrorKind) -> bool) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<matrix_sdk::HttpError>()
            .and_then(|h| h.client_api_error_kind())
            .is_some_and(&matches)
    })
}

/// Log in, start the reminder scheduler and serve rooms until the connection ends for good.
pub async fn run(engine: Arc<Engine>, db: Db, options: Options) -> Result<()> {
    let link = Link::new(engine, db);
    let (client, me) = session::connect(&link, &options).await?;
    tracing::info!(user = %me, "logged in to Matrix");
    // People mention koers by its display name; without one, by the id's local part.
    let name = match client.account().get_display_name().await {
        Ok(name) => display_name([name.as_deref()], local_part(&me)),
        Err(e) => {
            tracing::warn!(error = %e, "cannot read koers' display name");
            local_part(&me).to_string()
        }
    };
    let direct: HashSet<String> = link
        .store(|s| s.list_direct_rooms(PLATFORM))
        .await?
        .into_iter()
        .collect();
    let delivery = Arc::new(send::MatrixDelivery {
        client: client.clone(),
        link: link.clone(),
    });
    let (scheduler, reminders) = Scheduler::new(
        Arc::clone(link.engine()),
        link.db().clone(),
        delivery,
        Scope::Platform(PLATFORM.into()),
    );
    let bot = Arc::new(Bot {
        client,
        me: Me { id: me, name },
        link,
        reminders,
        allowed_inviters: options.allowed_inviters,
        managers: Managers {
            level: options.manager_level,
            users: options.managers,
        },
        rooms: Rooms::default(),
        direct: Mutex::new(direct),
        told_full: Mutex::new(HashSet::new()),
    });
    // Reminders start only after the first sync: the bot must know its rooms' state first.
    sync::run(bot, scheduler).await
}
