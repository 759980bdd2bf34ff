//! A real Matrix homeserver for the end-to-end tests, and the people and the bot that use it.
//!
//! [`homeserver`] starts one Synapse per test binary through `tests/matrix/synapse.py` (which
//! installs it from PyPI into `.cache/synapse` once), with every test user registered. The
//! script stops Synapse when this process ends, however it ends: it watches its standard input.
//! [`Human`] is a person's Matrix client (matrix-sdk, plain client-server API calls); [`Bot`] is
//! the real `koers run` binary, killed with SIGKILL when dropped.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use matrix_sdk::Client;
use matrix_sdk::ruma::api::Direction;
use matrix_sdk::ruma::api::client::membership::{invite_user, join_room_by_id, kick_user};
use matrix_sdk::ruma::api::client::message::{get_message_events, send_message_event};
use matrix_sdk::ruma::api::client::room::create_room;
use matrix_sdk::ruma::api::client::state::send_state_event;
use matrix_sdk::ruma::events::StateEventType;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedUserId, TransactionId};
use serde::Deserialize;
use serde_json::{Value, json};

/// Every user the tests use; bots are one per test so their syncs never see each other's rooms.
const USERS: &[&str] = &[
    "anna",
    "ben",
    "carla",
    "bot-walk",
    "bot-crash",
    "bot-remind",
    "bot-rooms",
    "bot-first",
    "bot-mute",
    "bot-fail",
];
/// Users whose messages the homeserver rate-limits tightly (M_LIMIT_EXCEEDED).
const SLOW_USERS: &[&str] = &["bot-burst"];

/// Longest wait for anything the bot should do.
pub const WAIT: Duration = Duration::from_secs(60);

/// The moment the bots' clocks start at (`koers run --now`).
pub const NOW: &str = "2026-11-25T10:00:00+01:00";

/// One registered account.
#[derive(Debug, Clone, Deserialize)]
pub struct Account {
    pub user_id: String,
    pub password: String,
    pub access_token: String,
}

#[derive(Debug, Deserialize)]
struct Started {
    url: String,
    users: HashMap<String, Account>,
    folder: String,
}

/// The running Synapse.
pub struct Homeserver {
    pub url: String,
    pub users: HashMap<String, Account>,
    /// Synapse's folder (config, database, `homeserver.log`).
    pub folder: PathBuf,
    // Kept open: when this process ends the pipe closes and the script stops Synapse.
    _stdin: Mutex<ChildStdin>,
    _script: Mutex<Child>,
}

impl Homeserver {
    /// An account by name.
    pub fn account(&self, name: &str) -> &Account {
        self.users
            .get(name)
            .unwrap_or_else(|| panic!("no test user {name}"))
    }

    /// Synapse's request log.
    pub fn access_log(&self) -> String {
        std::fs::read_to_string(self.folder.join("homeserver.log")).unwrap_or_default()
    }
}

/// The homeserver of this test binary, started on first use.
pub fn homeserver() -> &'static Homeserver {
    static HS: OnceLock<Homeserver> = OnceLock::new();
    HS.get_or_init(|| {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/matrix/synapse.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script);
        for u in SLOW_USERS {
            cmd.args(["--slow", u]);
        }
        cmd.args(USERS)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd.spawn().expect("python3 runs tests/matrix/synapse.py");
        let stdout = child.stdout.take().expect("script stdout");
        let stdin = child.stdin.take().expect("script stdin");
        // Installing Synapse the first time takes about half a minute; starting it, seconds.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let read = BufReader::new(stdout).read_line(&mut line);
            if tx.send(read.map(|_| line)).is_err() {
                eprintln!("the homeserver start was abandoned");
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(600))
            .expect("Synapse started within 10 minutes")
            .expect("read the script's output");
        let started: Started = serde_json::from_str(line.trim())
            .unwrap_or_else(|e| panic!("synapse.py printed {line:?}: {e}"));
        Homeserver {
            url: started.url,
            users: started.users,
            folder: PathBuf::from(started.folder),
            _stdin: Mutex::new(stdin),
            _script: Mutex::new(child),
        }
    })
}

/// One message (or other event) in a room, as the server returns it.
#[derive(Debug, Clone)]
pub struct Event {
    pub event_id: String,
    pub sender: String,
    pub kind: String,
    pub json: Value,
}

impl Event {
    /// The plain body of a message.
    pub fn body(&self) -> &str {
        self.json["content"]["body"].as_str().unwrap_or("")
    }
}

/// A person with a Matrix client.
pub struct Human {
    pub id: String,
    client: Client,
}

impl Human {
    /// Log in as test user `name`.
    pub async fn login(name: &str) -> Human {
        let hs = homeserver();
        let account = hs.account(name);
        let client = Client::builder()
            .homeserver_url(&hs.url)
            .build()
            .await
            .expect("client");
        client
            .matrix_auth()
            .login_username(name, &account.password)
            .send()
            .await
            .expect("login");
        Human {
            id: account.user_id.clone(),
            client,
        }
    }

    /// Create a room (optionally end-to-end encrypted) and invite `invite`.
    pub async fn create_room(&self, name: &str, encrypted: bool, invite: &[&str]) -> OwnedRoomId {
        let mut request = create_room::v3::Request::new();
        request.name = Some(name.to_string());
        request.invite = invite
            .iter()
            .map(|u| OwnedUserId::try_from(*u).expect("user id"))
            .collect();
        if encrypted {
            request.initial_state = vec![
                Raw::from_json_string(
                    json!({"type": "m.room.encryption", "state_key": "",
                           "content": {"algorithm": "m.megolm.v1.aes-sha2"}})
                    .to_string(),
                )
                .expect("raw"),
            ];
        }
        self.client
            .send(request)
            .await
            .expect("create room")
            .room_id
    }

    /// Invite someone to a room.
    pub async fn invite(&self, room: &OwnedRoomId, user: &str) {
        let recipient = invite_user::v3::InviteUserId::new(user.try_into().expect("user id"));
        self.client
            .send(invite_user::v3::Request::new(
                room.clone(),
                recipient.into(),
            ))
            .await
            .expect("invite");
    }

    /// Remove someone from a room (the room's creator may).
    pub async fn kick(&self, room: &OwnedRoomId, user: &str) {
        self.client
            .send(kick_user::v3::Request::new(
                room.clone(),
                user.try_into().expect("user id"),
            ))
            .await
            .expect("kick");
    }

    /// Join a room one was invited to.
    pub async fn join(&self, room: &OwnedRoomId) {
        self.client
            .send(join_room_by_id::v3::Request::new(room.clone()))
            .await
            .expect("join");
    }

    /// Set a room state event (power levels, say).
    pub async fn set_state(&self, room: &OwnedRoomId, kind: &str, content: Value) {
        let request = send_state_event::v3::Request::new_raw(
            room.clone(),
            StateEventType::from(kind),
            String::new(),
            Raw::from_json_string(content.to_string()).expect("raw"),
        );
        self.client.send(request).await.expect("state event");
    }

    /// Say something in a room.
    pub async fn say(&self, room: &OwnedRoomId, text: &str) -> OwnedEventId {
        let content = RoomMessageEventContent::text_plain(text);
        let request =
            send_message_event::v3::Request::new(room.clone(), TransactionId::new(), &content)
                .expect("request");
        self.client.send(request).await.expect("send").event_id
    }

    /// React to a message.
    pub async fn react(&self, room: &OwnedRoomId, event_id: &str, key: &str) {
        let content = ReactionEventContent::new(Annotation::new(
            event_id.try_into().expect("event id"),
            key.to_string(),
        ));
        let request =
            send_message_event::v3::Request::new(room.clone(), TransactionId::new(), &content)
                .expect("request");
        self.client.send(request).await.expect("react");
    }

    /// Every event in the room the server will show, oldest first.
    pub async fn events(&self, room: &OwnedRoomId) -> Vec<Event> {
        let mut out = Vec::new();
        let mut from: Option<String> = None;
        for _ in 0..50 {
            let mut request =
                get_message_events::v3::Request::new(room.clone(), Direction::Backward);
            request.from = from.clone();
            request.limit = 500u32.into();
            let page = self.client.send(request).await.expect("messages");
            for raw in &page.chunk {
                let json: Value = serde_json::from_str(raw.json().get()).expect("event json");
                out.push(Event {
                    event_id: json["event_id"].as_str().unwrap_or("").to_string(),
                    sender: json["sender"].as_str().unwrap_or("").to_string(),
                    kind: json["type"].as_str().unwrap_or("").to_string(),
                    json,
                });
            }
            match page.end {
                Some(end) if !page.chunk.is_empty() => from = Some(end),
                _ => break,
            }
        }
        out.reverse();
        out
    }

    /// The messages `sender` posted in the room, oldest first.
    pub async fn messages_from(&self, room: &OwnedRoomId, sender: &str) -> Vec<Event> {
        self.events(room)
            .await
            .into_iter()
            .filter(|e| e.sender == sender && e.kind == "m.room.message")
            .collect()
    }

    /// Wait until `sender`'s messages in the room satisfy `done`; they are returned.
    pub async fn wait_for(
        &self,
        room: &OwnedRoomId,
        sender: &str,
        what: &str,
        done: impl Fn(&[Event]) -> bool,
    ) -> Vec<Event> {
        let found = poll(async || {
            let msgs = self.messages_from(room, sender).await;
            done(&msgs).then_some(msgs)
        })
        .await;
        if let Some(msgs) = found {
            return msgs;
        }
        let tail: Vec<String> = self
            .messages_from(room, sender)
            .await
            .iter()
            .rev()
            .take(5)
            .map(|m| m.body().chars().take(120).collect())
            .collect();
        panic!("waited {WAIT:?} for {what}; last messages (newest first): {tail:#?}");
    }

    /// Wait until `sender` has posted a message containing `text` (counting from message
    /// `after` on); returns that message.
    pub async fn wait_text(
        &self,
        room: &OwnedRoomId,
        sender: &str,
        after: usize,
        text: &str,
    ) -> Event {
        let msgs = self
            .wait_for(room, sender, text, |m| {
                m.iter().skip(after).any(|e| e.body().contains(text))
            })
            .await;
        msgs.into_iter()
            .skip(after)
            .find(|e| e.body().contains(text))
            .expect("found")
    }
}

/// Ask `check` every 200 ms until it gives a value; `None` once [`WAIT`] has passed.
pub async fn poll<T>(mut check: impl AsyncFnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = check().await {
            return Some(value);
        }
        if start.elapsed() > WAIT {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// How many of `msgs` contain `text`.
pub fn count_containing(msgs: &[Event], text: &str) -> usize {
    msgs.iter().filter(|m| m.body().contains(text)).count()
}

/// The real `koers run` binary logged in as a test bot, on a database in `dir`.
pub struct Bot {
    child: Child,
    pub user_id: String,
    pub log: PathBuf,
}

impl Bot {
    /// Start `koers run` as bot `name` with its clock at `now`, extra environment `env`.
    pub fn start(name: &str, dir: &Path, now: &str, env: &[(&str, &str)]) -> Bot {
        let hs = homeserver();
        let account = hs.account(name);
        let n = std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
        let log = dir.join(format!("bot-{n}.log"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_koers"));
        cmd.current_dir(dir)
            .args(["run", "--db"])
            .arg(dir.join("koers.sqlite"))
            .args(["--now", now])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("KOERS_MATRIX_HOMESERVER", &hs.url)
            .env("KOERS_MATRIX_USER", name)
            .env("KOERS_LOG", "koers=info,warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"));
        if !env.iter().any(|(k, _)| *k == "MATRIX_ACCESS_TOKEN") {
            cmd.env("MATRIX_PASSWORD", &account.password);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        Bot {
            child: cmd.spawn().expect("start koers run"),
            user_id: account.user_id.clone(),
            log,
        }
    }

    /// Kill the bot at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Err(e) = self.child.kill() {
            eprintln!("kill: {e}");
        }
        if let Err(e) = self.child.wait() {
            eprintln!("wait: {e}");
        }
    }

    /// What the bot logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Wait until the bot has logged `text`.
    pub async fn wait_log(&self, text: &str) {
        let logged = poll(async || self.log_text().contains(text).then_some(())).await;
        assert!(
            logged.is_some(),
            "bot never logged {text:?}: {}",
            self.log_text()
        );
    }

    /// Whether the bot is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if self.running() {
            self.kill();
        }
    }
}

/// Read-only checks on a bot's database.
pub struct Stored {
    conn: rusqlite::Connection,
}

impl Stored {
    /// Open the bot's database in `dir`.
    pub fn open(dir: &Path) -> Stored {
        Stored {
            conn: rusqlite::Connection::open(dir.join("koers.sqlite")).expect("open db"),
        }
    }

    /// The answers of the room's team in round 1: key → (value, user).
    pub fn answers(&self, room: &OwnedRoomId) -> HashMap<String, (Option<String>, String)> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.key, a.value, a.user_name FROM answers a JOIN teams t ON t.id = a.team_id
                 WHERE t.platform = 'matrix' AND t.external_id = ?1 AND a.round = 1",
            )
            .expect("prepare");
        stmt.query_map([room.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    }

    /// How many teams the bot has.
    pub fn teams(&self) -> i64 {
        self.conn
            .query_row(
                "SELECT count(*) FROM teams WHERE platform = 'matrix'",
                [],
                |r| r.get(0),
            )
            .expect("count")
    }

    /// Run a statement (to stage a crash's aftermath).
    pub fn execute(&self, sql: &str) {
        self.conn.execute_batch(sql).expect("execute");
    }

    /// One value.
    pub fn value(&self, sql: &str) -> Option<String> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, Option<String>>(0))
            .ok()
            .flatten()
    }
}
