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
//! Every REST request is recorded ([`StandIn::requests`], [`StandIn::wait_for`]); gateway
//! events are pushed with [`StandIn::dispatch`] and the payload builders in `payloads.rs`.

#[path = "gateway.rs"]
mod gateway;
#[path = "payloads.rs"]
pub(crate) mod payloads;
#[path = "rest.rs"]
mod rest;
#[path = "routes.rs"]
mod routes;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use serenity::model::event::{Event, GatewayEvent};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::AbortHandle;

pub(crate) use payloads::*;
#[allow(unused_imports)]
pub(crate) use routes::{application_json, message_from_request};

/// Heartbeat interval sent in HELLO, in milliseconds.
pub(crate) const HEARTBEAT_INTERVAL_MS: u64 = 45_000;

/// One REST request as the stand-in received it, with what it answered.
#[derive(Clone, Debug)]
pub(crate) struct Recorded {
    pub method: String,
    /// The path without query, e.g. `/api/v10/channels/1/messages`.
    pub path: String,
    /// The query string without `?` (serenity writes `?&key=value`), or empty.
    pub query: String,
    /// The `Authorization` header, e.g. `Bot TOKEN`.
    pub authorization: Option<String>,
    /// The JSON body; for multipart/form-data the `payload_json` part.
    pub body: Option<Value>,
    /// Files of a multipart body (every part but `payload_json`).
    pub files: Vec<RecordedFile>,
    /// The status the stand-in answered with.
    pub status: u16,
    /// The JSON the stand-in answered with (none for 204).
    pub response: Option<Value>,
}

/// One file part of a multipart/form-data request.
#[derive(Clone, Debug)]
pub(crate) struct RecordedFile {
    /// The form field name, e.g. `files[0]`.
    pub field: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Recorded {
    /// Whether this is `method` on `path` (exact, with or without the `/api/v10` prefix).
    pub(crate) fn is(&self, method: &str, path: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
            && (self.path == path || self.path.strip_prefix("/api/v10") == Some(path))
    }

    /// The path below `/api/v10`.
    pub(crate) fn route(&self) -> &str {
        self.path.strip_prefix("/api/v10").unwrap_or(&self.path)
    }

    /// `content` of the body, or `data.content` for an interaction callback.
    pub(crate) fn content(&self) -> Option<&str> {
        let body = self.body.as_ref()?;
        body["content"]
            .as_str()
            .or_else(|| body["data"]["content"].as_str())
    }
}

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

    /// Every REST request so far, in order.
    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.inner.state().requests.clone()
    }

    /// Every frame the clients sent on the gateway so far (IDENTIFY, heartbeats, ...).
    pub(crate) fn gateway_received(&self) -> Vec<Value> {
        self.inner.state().gateway_received.clone()
    }

    /// How many IDENTIFYs were answered with READY.
    pub(crate) fn identified(&self) -> usize {
        self.inner.state().identified
    }

    /// The first recorded request (earlier ones included) for which `pred` holds. Panics with
    /// the list of recorded requests after `timeout`.
    pub(crate) async fn wait_for(
        &self,
        pred: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        let found = self
            .wait_until(timeout, |state| {
                state.requests.iter().find(|r| pred(r)).cloned()
            })
            .await;
        match found {
            Some(recorded) => recorded,
            None => panic!(
                "no matching request within {timeout:?}; recorded:\n{}",
                self.describe_requests()
            ),
        }
    }

    /// The first frame a client sent on the gateway (earlier ones included) for which `pred`
    /// holds, e.g. `|f| f["op"] == 6` for a RESUME. Panics after `timeout`.
    pub(crate) async fn wait_for_gateway(
        &self,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Value {
        let found = self
            .wait_until(timeout, |state| {
                state.gateway_received.iter().find(|f| pred(f)).cloned()
            })
            .await;
        match found {
            Some(frame) => frame,
            None => panic!(
                "no matching gateway frame within {timeout:?}; received:\n{:#?}",
                self.gateway_received()
            ),
        }
    }

    /// Waits until `count` frames for which `pred` holds have come in on the gateway. Panics
    /// after `timeout`.
    pub(crate) async fn wait_for_gateway_count(
        &self,
        pred: impl Fn(&Value) -> bool,
        count: usize,
        timeout: Duration,
    ) {
        let found = self
            .wait_until(timeout, |state| {
                (state.gateway_received.iter().filter(|f| pred(f)).count() >= count).then_some(())
            })
            .await;
        assert!(
            found.is_some(),
            "fewer than {count} matching gateway frames within {timeout:?}; received:\n{:#?}",
            self.gateway_received()
        );
    }

    /// Waits until `count` sessions have been identified (READY sent). Panics after `timeout`.
    pub(crate) async fn wait_identified(&self, count: usize, timeout: Duration) {
        let done = self
            .wait_until(timeout, |state| (state.identified >= count).then_some(()))
            .await;
        assert!(
            done.is_some(),
            "{count} gateway session(s) not identified within {timeout:?}; gateway received:\n{:#?}\nrequests:\n{}",
            self.gateway_received(),
            self.describe_requests()
        );
    }

    /// Pushes `{"op":0,"t":event,"s":next,"d":data}` to every identified session; with none
    /// connected yet, the event waits and goes out after the next READY and `GUILD_CREATEs`.
    /// Returns how many sessions it went to now.
    ///
    /// Panics when serenity could not read the event ([`check_dispatch`]): serenity itself
    /// would drop it silently and the test would wait in vain.
    pub(crate) fn dispatch(&self, event: &str, data: Value) -> usize {
        if let Err(why) = check_dispatch(event, &data) {
            panic!("serenity would drop this dispatch: {why}\n{data:#}");
        }
        self.dispatch_unchecked(event, data)
    }

    /// [`StandIn::dispatch`] without the check, for deliberately malformed events.
    pub(crate) fn dispatch_unchecked(&self, event: &str, data: Value) -> usize {
        let mut state = self.inner.state();
        if event == "INTERACTION_CREATE" {
            state
                .interactions
                .insert(interaction_token(&data), data.clone());
        }
        if state.sessions.is_empty() {
            state.pending.push((event.to_owned(), data));
            return 0;
        }
        let mut sent = 0;
        for session in &state.sessions {
            if session
                .tx
                .send(Outgoing::Dispatch(event.to_owned(), data.clone()))
                .is_ok()
            {
                sent += 1;
            }
        }
        sent
    }

    /// Sends RECONNECT (op 7) to every session; serenity reconnects and RESUMEs.
    pub(crate) fn request_reconnect(&self) {
        for session in &self.inner.state().sessions {
            if session
                .tx
                .send(Outgoing::Raw(json!({"op": 7, "d": null})))
                .is_err()
            {
                // The session is closing; it unregisters itself.
            }
        }
    }

    /// Closes every session with `code` (e.g. 4000 to make serenity reconnect).
    pub(crate) fn close_sessions(&self, code: u16) {
        for session in &self.inner.state().sessions {
            if session
                .tx
                .send(Outgoing::Close(code, "closed by the stand-in".into()))
                .is_err()
            {
                // Already gone.
            }
        }
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

    fn describe_requests(&self) -> String {
        let requests = self.requests();
        if requests.is_empty() {
            return "  (none)".into();
        }
        requests
            .iter()
            .map(|r| {
                let body = r.body.as_ref().map(Value::to_string).unwrap_or_default();
                format!("  {} {} -> {} {}", r.method, r.path, r.status, body)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    async fn wait_until<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changed = self.inner.changed.subscribe();
        loop {
            if let Some(found) = check(&self.inner.state()) {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) | Err(_) => return check(&self.inner.state()),
            }
        }
    }
}

/// Reads `{"op":0,"t":event,"s":1,"d":data}` with serenity's own gateway parser. serenity
/// turns a dispatch it cannot read into `Event::Unknown` (logged at DEBUG only); that is an
/// `Err` here, with serde's reason for the events the stand-in builds.
pub(crate) fn check_dispatch(event: &str, data: &Value) -> Result<Event, String> {
    let frame = json!({"op": 0, "t": event, "s": 1, "d": data});
    match serde_json::from_value::<GatewayEvent>(frame) {
        Ok(GatewayEvent::Dispatch(_, Event::Unknown(_))) => {
            let reason = match event {
                "READY" => reason::<serenity::model::gateway::Ready>(data),
                "GUILD_CREATE" => reason::<serenity::model::guild::Guild>(data),
                "MESSAGE_CREATE" => reason::<serenity::model::channel::Message>(data),
                "INTERACTION_CREATE" => reason::<serenity::model::application::Interaction>(data),
                "GUILD_MEMBER_ADD" => reason::<serenity::model::guild::Member>(data),
                "THREAD_CREATE" => reason::<serenity::model::channel::GuildChannel>(data),
                "CHANNEL_CREATE" | "CHANNEL_UPDATE" => {
                    reason::<serenity::model::channel::Channel>(data)
                }
                _ => None,
            };
            Err(format!(
                "{event} reads as an unknown event: {}",
                reason.unwrap_or_else(|| "unknown name, or a field missing".into())
            ))
        }
        Ok(GatewayEvent::Dispatch(_, parsed)) => Ok(parsed),
        Ok(other) => Err(format!("{event} is not a dispatch: {other:?}")),
        Err(e) => Err(format!("{event}: {e}")),
    }
}

fn reason<T: serde::de::DeserializeOwned>(data: &Value) -> Option<String> {
    serde_json::from_value::<T>(data.clone())
        .err()
        .map(|e| e.to_string())
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
