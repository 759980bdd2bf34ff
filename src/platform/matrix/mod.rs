//! The Matrix platform (feature `matrix`): matrix-sdk's client, login and HTTP layer with ruma's
//! types, over the same engine and store as the terminal. One team per room; any member may
//! answer; commands are `!koers <command>` or `/command` lines.
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

mod events;
mod render;
mod send;
mod session;
mod sync;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use matrix_sdk::Client;

use crate::engine::{Engine, Incoming, Reply};
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
            .finish()
    }
}

/// What the sync loop and the reminder delivery share.
pub(crate) struct Bot {
    client: Client,
    /// koers' own user id.
    me: String,
    engine: Arc<Engine>,
    db: Db,
    reminders: Handle,
    allowed_inviters: Vec<String>,
    /// Room names seen in invites and room state, for the team's name in the greeting.
    names: Mutex<HashMap<String, String>>,
}

impl Bot {
    /// Run a store transaction off the async threads.
    async fn store<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::store::Store<'_>) -> Result<T> + Send + 'static,
    {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || db.run(f))
            .await
            .context("the store task failed")?
    }

    /// Ask the engine, once per event id; `None` when the event was handled before.
    async fn ask(&self, msg: Incoming, event_id: &str) -> Option<Vec<Reply>> {
        let (engine, db, id) = (
            Arc::clone(&self.engine),
            self.db.clone(),
            event_id.to_string(),
        );
        let replies = tokio::task::spawn_blocking(move || engine.respond_once(&db, msg, &id)).await;
        self.reminders.wake();
        match replies {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "engine task failed");
                Some(vec![Reply::text(
                    self.engine
                        .texts()
                        .get(crate::prompts::Lang::Nl, "msg.error_internal"),
                )])
            }
        }
    }
}

/// Log in, start the reminder scheduler and serve rooms until the connection ends for good.
pub async fn run(engine: Arc<Engine>, db: Db, options: Options) -> Result<()> {
    let (client, me) = session::connect(&db, &options).await?;
    tracing::info!(user = %me, "logged in to Matrix");
    let delivery = Arc::new(send::MatrixDelivery {
        client: client.clone(),
        db: db.clone(),
        now: {
            let engine = Arc::clone(&engine);
            Box::new(move || engine.now().to_string())
        },
    });
    let (scheduler, reminders) = Scheduler::new(
        Arc::clone(&engine),
        db.clone(),
        delivery,
        Scope::Platform(PLATFORM.into()),
    );
    let bot = Arc::new(Bot {
        client,
        me,
        engine,
        db,
        reminders,
        allowed_inviters: options.allowed_inviters,
        names: Mutex::new(HashMap::new()),
    });
    // Reminders start only after the first sync: the bot must know its rooms' state first.
    sync::run(bot, scheduler).await
}
