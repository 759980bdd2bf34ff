//! A real Matrix homeserver for the end-to-end tests, and the people and the bot that use it.
//!
//! [`homeserver`] starts one Synapse for the test crate through `tests/it/matrix/synapse.py` (which
//! installs it from `PyPI` into `.cache/synapse` once), with every test user registered. The
//! script stops Synapse when this process ends, however it ends: it watches its standard input.
//! [`Human`] is a person's Matrix client (`human.rs`); [`Bot`] is the real `koers run` binary,
//! killed with SIGKILL when dropped; [`Stored`] and [`plan_dump`] read its database through
//! koers' own store, read-only (`stored.rs`).

mod human;
mod stored;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde::Deserialize;

pub(crate) use human::{Event, Human};
pub(crate) use stored::{Stored, db_file, plan_dump, settled_plan_dump};

/// Every user the tests use; bots are one per test so their syncs never see each other's rooms.
const USERS: &[&str] = &[
    "anna",
    "ben",
    "carla",
    "dora",
    "bot-walk",
    "bot-crash",
    "bot-remind",
    "bot-rooms",
    "bot-first",
    "bot-mute",
    "bot-fail",
    "bot-power",
    "bot-private",
    "bot-prejoin",
    "bot-delete",
    "bot-listen",
    "bot-rounds",
    "bot-coach",
    "bot-policy",
    "bot-experiment",
    "bot-circle",
    "bot-picture",
    "bot-web",
    "bot-full",
    "bot-assess",
    "bot-smart",
];
/// Users whose messages the homeserver rate-limits tightly (`M_LIMIT_EXCEEDED`).
const SLOW_USERS: &[&str] = &["bot-burst"];

/// Longest wait for anything the bot should do.
pub(crate) const WAIT: Duration = Duration::from_mins(1);

/// The moment the bots' clocks start at (`koers run --now`).
pub(crate) const NOW: &str = "2026-11-25T10:00:00+01:00";

/// One registered account.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Account {
    pub user_id: String,
    pub password: String,
    pub access_token: String,
    /// Set at registration: the name capitalised (`Anna`).
    pub display_name: String,
}

#[derive(Debug, Deserialize)]
struct Started {
    url: String,
    users: HashMap<String, Account>,
    folder: String,
}

/// The running Synapse.
pub(crate) struct Homeserver {
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
    pub(crate) fn account(&self, name: &str) -> &Account {
        self.users
            .get(name)
            .unwrap_or_else(|| panic!("no test user {name}"))
    }

    /// Synapse's request log.
    pub(crate) fn access_log(&self) -> String {
        std::fs::read_to_string(self.folder.join("homeserver.log")).unwrap_or_default()
    }
}

/// The homeserver of this test binary, started on first use.
pub(crate) fn homeserver() -> &'static Homeserver {
    static HS: OnceLock<Homeserver> = OnceLock::new();
    HS.get_or_init(|| {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/matrix/synapse.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script);
        for u in SLOW_USERS {
            cmd.args(["--slow", u]);
        }
        cmd.args(USERS)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd
            .spawn()
            .expect("python3 runs tests/it/matrix/synapse.py");
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
            .recv_timeout(Duration::from_mins(10))
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

/// Ask `check` every 200 ms until it gives a value; `None` once [`WAIT`] has passed.
pub(crate) async fn poll<T>(mut check: impl AsyncFnMut() -> Option<T>) -> Option<T> {
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
pub(crate) fn count_containing(msgs: &[Event], text: &str) -> usize {
    msgs.iter().filter(|m| m.body().contains(text)).count()
}

/// The real `koers run` binary logged in as a test bot, on a database in `dir`.
pub(crate) struct Bot {
    child: Child,
    pub user_id: String,
    pub log: PathBuf,
}

impl Bot {
    /// Start `koers run` as bot `name` with its clock at `now`, extra environment `env`.
    pub(crate) fn start(name: &str, dir: &Path, now: &str, env: &[(&str, &str)]) -> Bot {
        let hs = homeserver();
        let account = hs.account(name);
        let n = std::fs::read_dir(dir).map_or(0, |d| d.count());
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
            // The web page is on by default; a free port each, so bots run side by side.
            .env("KOERS_WEB_ADDRESS", "127.0.0.1:0")
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
    pub(crate) fn kill(&mut self) {
        if let Err(e) = self.child.kill() {
            eprintln!("kill: {e}");
        }
        if let Err(e) = self.child.wait() {
            eprintln!("wait: {e}");
        }
    }

    /// What the bot logged so far.
    pub(crate) fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Wait until the bot has logged `text`.
    pub(crate) async fn wait_log(&self, text: &str) {
        let logged = poll(async || self.log_text().contains(text).then_some(())).await;
        assert!(
            logged.is_some(),
            "bot never logged {text:?}: {}",
            self.log_text()
        );
    }

    /// Whether the bot is still running.
    pub(crate) fn running(&mut self) -> bool {
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
