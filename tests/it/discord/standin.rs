//! An offline Discord stand-in for tests: REST on one loopback port, the gateway on another.
//!
//! Include it with `#[path = "discord/standin.rs"] mod standin;` from a test file built with
//! `--features discord`. Each test starts its own `StandIn` (ports are picked by the system), so
//! tests run in parallel. Point serenity at it with [`StandIn::http`] (or
//! `HttpBuilder::new(token).proxy(standin.rest_base()).ratelimiter_disabled(true)`) and
//! `ClientBuilder::new_with_http`; `Client::start()` then asks `GET /api/v10/gateway` for the
//! gateway url. Start the stand-in before building the client: when `/gateway` fails, serenity
//! falls back to the real gateway.
//!
//! Every REST request is recorded ([`StandIn::requests`], [`StandIn::wait_for`]; `recorded.rs`);
//! gateway events are pushed with [`StandIn::dispatch`] (`dispatch.rs`) and the payload builders
//! in `payloads.rs`.

#[path = "dispatch.rs"]
mod dispatch;
#[path = "gateway.rs"]
mod gateway;
#[path = "payloads.rs"]
pub(crate) mod payloads;
#[path = "recorded.rs"]
mod recorded;
#[path = "rest.rs"]
mod rest;
#[path = "routes.rs"]
mod routes;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::AbortHandle;

pub(crate) use dispatch::check_dispatch;
pub(crate) use payloads::*;
pub(crate) use recorded::{Recorded, RecordedFile};
#[allow(unused_imports)]
pub(crate) use routes::{application_json, message_from_request};

/// Heartbeat interval sent in HELLO, in milliseconds.
pub(crate) const HEARTBEAT_INTERVAL_MS: u64 = 45_000;

/// A canned answer that replaces the normal one for matching requests.
#[derive(Clone, Debug)]
struct Override {
    method: String,
    path_prefix: String,
    status: u16,
    body: Value,
    remaining: Option<usize>,
}

enum Outgoing {
    Dispatch(String, Value),
    Raw(Value),
    Close(u16, String),
}

struct Session {
    conn: u64,
    tx: mpsc::UnboundedSender<Outgoing>,
}

#[derive(Default)]
pub(crate) struct State {
    requests: Vec<Recorded>,
    gateway_received: Vec<Value>,
    sessions: Vec<Session>,
    known_sessions: Vec<String>,
    pending: Vec<(String, Value)>,
    identified: usize,
    overrides: Vec<Override>,
    /// Messages the bot created, by id (channel messages, `@original`s and followups).
    messages: HashMap<u64, Value>,
    /// Interaction token → id of its `@original` message.
    originals: HashMap<String, u64>,
    /// Registered commands: `None` global, `Some(guild)` per guild.
    commands: HashMap<Option<u64>, Vec<Value>>,
    /// Recipient → DM channel id.
    dm_channels: HashMap<u64, u64>,
    /// Dispatched `INTERACTION_CREATE` payloads by token (for the channel and message).
    interactions: HashMap<String, Value>,
    /// Threads the bot opened (`POST /channels/{id}/threads`), in order.
    threads: Vec<Value>,
}

pub(crate) struct Inner {
    token: String,
    guilds: Vec<GuildSpec>,
    heartbeat_interval: u64,
    rest_base: String,
    gateway_url: String,
    state: Mutex<State>,
    changed: watch::Sender<u64>,
    next_conn: AtomicU64,
}

impl Inner {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n += 1);
    }

    fn token_ok(&self, given: &str) -> bool {
        strip_bot(given) == strip_bot(&self.token)
    }
}

fn strip_bot(token: &str) -> &str {
    token.strip_prefix("Bot ").unwrap_or(token).trim()
}

/// Options for [`StandIn::start_with`].
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub guilds: Vec<GuildSpec>,
    /// HELLO `heartbeat_interval` in milliseconds.
    pub heartbeat_interval: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            guilds: vec![GuildSpec::default_guild()],
            heartbeat_interval: HEARTBEAT_INTERVAL_MS,
        }
    }
}

/// The running stand-in. Dropping it stops its listeners and connections.
pub(crate) struct StandIn {
    inner: Arc<Inner>,
    rest_addr: SocketAddr,
    tasks: Vec<AbortHandle>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl StandIn {
    /// Starts a stand-in that accepts `token` (with or without `Bot `) and serves
    /// [`GuildSpec::default_guild`]. Must be called inside a tokio runtime.
    pub(crate) fn start(token: &str) -> StandIn {
        Self::start_with(token, Options::default())
    }

    /// Starts a stand-in with other guilds or heartbeat interval.
    pub(crate) fn start_with(token: &str, options: Options) -> StandIn {
        let rest = bind();
        let gateway = bind();
        let rest_addr = rest.local_addr().expect("REST listener address");
        let gateway_addr = gateway.local_addr().expect("gateway listener address");
        let (changed, _) = watch::channel(0);
        let inner = Arc::new(Inner {
            token: token.to_owned(),
            guilds: options.guilds,
            heartbeat_interval: options.heartbeat_interval,
            rest_base: format!("http://{rest_addr}"),
            gateway_url: format!("ws://{gateway_addr}/gw"),
            state: Mutex::new(State::default()),
            changed,
            next_conn: AtomicU64::new(1),
        });
        let rest_task = tokio::spawn(accept_loop(rest, Arc::clone(&inner), Kind::Rest));
        let gateway_task = tokio::spawn(accept_loop(gateway, Arc::clone(&inner), Kind::Gateway));
        StandIn {
            inner,
            rest_addr,
            tasks: vec![rest_task.abort_handle(), gateway_task.abort_handle()],
        }
    }

    /// The real binary's `koers run` on `db` against this stand-in, its standard error in
    /// `log`, ready to spawn (a test adds what it needs, such as a failpoint).
    pub(crate) fn koers_run(
        &self,
        db: &std::path::Path,
        log: &std::path::Path,
    ) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_koers"));
        cmd.current_dir(db.parent().expect("db folder"))
            .args(["run", "--db"])
            .arg(db)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DISCORD_TOKEN", &self.inner.token)
            .env("KOERS_DISCORD_API_BASE", self.rest_base())
            .env("KOERS_LOG", "koers=info,warn")
            // The web page is on by default; a free port each, so bots run side by side.
            .env("KOERS_WEB_ADDRESS", "127.0.0.1:0")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(log).expect("log file"));
        cmd
    }

    /// `http://127.0.0.1:PORT`: the value for serenity's `HttpBuilder::proxy`.
    pub(crate) fn rest_base(&self) -> String {
        self.inner.rest_base.clone()
    }

    /// `ws://127.0.0.1:PORT/gw`: what `GET /api/v10/gateway` answers.
    pub(crate) fn gateway_url(&self) -> String {
        self.inner.gateway_url.clone()
    }

    /// A serenity `Http` for this stand-in (proxy set, rate limiter off: the rate limiter
    /// ignores the proxy and would go to the real Discord).
    pub(crate) fn http(&self) -> serenity::http::Http {
        serenity::http::HttpBuilder::new(&self.inner.token)
            .proxy(self.rest_base())
            .ratelimiter_disabled(true)
            .build()
    }

    /// Answers `status` with `body` to requests with `method` whose path (below `/api/v10`)
    /// starts with `path_prefix`, for the next `times` requests (`None`: until cleared). The
    /// request is still recorded. Use it for failures: e.g. 403 `{"message": "Missing
    /// Permissions", "code": 50013}`.
    pub(crate) fn override_route(
        &self,
        method: &str,
        path_prefix: &str,
        status: u16,
        body: Value,
        times: Option<usize>,
    ) {
        self.inner.state().overrides.push(Override {
            method: method.to_ascii_uppercase(),
            path_prefix: path_prefix.to_owned(),
            status,
            body,
            remaining: times,
        });
    }

    /// A message the bot created through REST, as the stand-in keeps it (edits applied).
    pub(crate) fn message(&self, id: u64) -> Option<Value> {
        self.inner.state().messages.get(&id).cloned()
    }

    /// Threads the bot opened with `POST /channels/{id}/threads`, as answered, in order.
    pub(crate) fn threads(&self) -> Vec<Value> {
        self.inner.state().threads.clone()
    }

    /// The DM channel the bot opened with `user` (`POST /users/@me/channels`), if any.
    pub(crate) fn dm_channel(&self, user: u64) -> Option<u64> {
        self.inner.state().dm_channels.get(&user).copied()
    }

    /// Commands registered with `PUT .../commands`: `None` global, `Some(guild)` per guild.
    pub(crate) fn commands(&self, guild: Option<u64>) -> Vec<Value> {
        self.inner
            .state()
            .commands
            .get(&guild)
            .cloned()
            .unwrap_or_default()
    }

    pub(crate) fn rest_addr(&self) -> SocketAddr {
        self.rest_addr
    }
}

fn bind() -> TcpListener {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    TcpListener::from_std(listener).expect("a tokio runtime to run the stand-in")
}

#[derive(Clone, Copy)]
enum Kind {
    Rest,
    Gateway,
}

async fn accept_loop(listener: TcpListener, inner: Arc<Inner>, kind: Kind) {
    while let Ok((stream, _)) = listener.accept().await {
        let inner = Arc::clone(&inner);
        match kind {
            Kind::Rest => tokio::spawn(rest::serve(stream, inner)),
            Kind::Gateway => tokio::spawn(gateway::serve(stream, inner)),
        };
    }
}
