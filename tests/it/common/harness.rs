//! The process harness: run the real `koers` binary in its own temporary folder to completion
//! with piped input ([`Sandbox::run`]), and read what it printed. Driving it one line at a time
//! is `session.rs` (`Sandbox::spawn`, `Session`).
//!
//! Every wait is bounded by [`TIMEOUT`]: a hanging program fails the test instead of blocking.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

/// Longest a single wait may take before the test fails (generous: CI boxes are busy).
pub(crate) const TIMEOUT: Duration = Duration::from_secs(20);

/// The binary under test.
pub(crate) fn koers_bin() -> &'static str {
    env!("CARGO_BIN_EXE_koers")
}

/// The moment every conversation starts at (`koers chat --now`; the clock runs on from there).
/// Deadlines, "binnen drie maanden", days left and the realism check depend on the day, so the
/// tests pin it: "vóór juni 2027" must not turn into a passed deadline in June 2027.
pub(crate) const NOW: &str = "2026-11-25T10:00:00+01:00";

/// Who is talking: the `--team`, `--user`, `--lang` and `--now` arguments of `koers chat`.
#[derive(Debug, Clone)]
pub(crate) struct Chat {
    pub team: String,
    pub user: String,
    pub lang: Option<String>,
    pub now: Option<String>,
}

impl Chat {
    /// Team `team`, user `user`, no `--lang`, starting at [`NOW`].
    pub(crate) fn new(team: &str, user: &str) -> Chat {
        Chat {
            team: team.to_string(),
            user: user.to_string(),
            lang: None,
            now: Some(NOW.to_string()),
        }
    }

    /// The same, with `--lang lang`.
    pub(crate) fn lang(mut self, lang: &str) -> Chat {
        self.lang = Some(lang.to_string());
        self
    }
}

/// A temporary folder with one database; the program runs with the folder as its working
/// directory and without any `KOERS_*` variables, so no config of the machine leaks in.
pub(crate) struct Sandbox {
    dir: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    /// A fresh folder.
    pub(crate) fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::Builder::new()
                .prefix("koers-e2e-")
                .tempdir()
                .expect("create a temporary folder"),
        }
    }

    /// The `SQLite` file every run in this sandbox uses.
    pub(crate) fn db_path(&self) -> PathBuf {
        self.dir.path().join("koers.sqlite")
    }

    /// The binary in this folder, without the caller's `KOERS_*` variables: only what a test
    /// gives reaches it.
    fn koers_command(&self) -> Command {
        let mut cmd = Command::new(koers_bin());
        cmd.current_dir(self.dir.path());
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("KOERS_") {
                cmd.env_remove(&key);
            }
        }
        cmd
    }

    /// `koers` with `args` (`export …`, `admin …`) in this folder, run to its end.
    pub(crate) fn koers(&self, args: &[&str]) -> Output {
        self.koers_command()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run koers")
    }

    /// `koers chat …` for `chat`, not yet started.
    pub(crate) fn command(&self, chat: &Chat) -> Command {
        let mut cmd = self.koers_command();
        cmd.args(["chat", "--db"])
            .arg(self.db_path())
            .args(["--team", &chat.team, "--user", &chat.user]);
        if let Some(lang) = &chat.lang {
            cmd.args(["--lang", lang]);
        }
        if let Some(now) = &chat.now {
            cmd.args(["--now", now]);
        }
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Run `koers chat` with `input` on stdin (then end of input) until it exits.
    pub(crate) fn run(&self, chat: &Chat, input: impl Into<Vec<u8>>) -> Finished {
        let mut child = self.command(chat).spawn().expect("start koers");
        let input = input.into();
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // A separate writer: a big input and a big output must not wait on each other.
        let writer = thread::spawn(move || match stdin.write_all(&input) {
            // The program may end (or crash) before reading everything; the exit status and
            // output tell that story better than the write error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        });
        let stdout = drain(child.stdout.take().expect("stdout is piped"));
        let stderr = drain(child.stderr.take().expect("stderr is piped"));
        let deadline = Instant::now() + TIMEOUT;
        let out = wait_drained(&mut child, &stdout, deadline, "stdout");
        let err = wait_drained(&mut child, &stderr, deadline, "stderr");
        let status = wait_exit(&mut child, deadline);
        writer
            .join()
            .expect("stdin writer thread")
            .expect("write the input to koers");
        Finished::new(status, out, err)
    }
}

/// A program that ran to its end.
#[derive(Debug)]
pub(crate) struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Finished {
    pub(super) fn new(status: ExitStatus, out: Vec<u8>, err: Vec<u8>) -> Finished {
        Finished {
            status,
            stdout: String::from_utf8(out).expect("koers writes valid UTF-8 to stdout"),
            stderr: String::from_utf8_lossy(&err).into_owned(),
        }
    }

    /// Assert a clean exit (code 0), showing the output when it was not.
    pub(crate) fn assert_success(&self) -> &Self {
        assert!(
            self.status.success(),
            "koers exited with {}\n--- stderr ---\n{}\n--- stdout (end) ---\n{}",
            self.status,
            self.stderr,
            tail(&self.stdout, 3000)
        );
        self
    }

    /// The `/export` Markdown: from the first export title to the end of the output (send
    /// `/export` last).
    pub(crate) fn export(&self) -> &str {
        export_in(&self.stdout)
    }
}

/// The Markdown export inside a transcript: from the first `# koers — ` title to the end.
pub(crate) fn export_in(transcript: &str) -> &str {
    let start = transcript
        .find("# koers — ")
        .unwrap_or_else(|| panic!("no /export in the output:\n{}", tail(transcript, 3000)));
    &transcript[start..]
}

/// The last `n` bytes (at a character boundary) of a long text, for failure messages.
pub(crate) fn tail(text: &str, n: usize) -> &str {
    if text.len() <= n {
        return text;
    }
    let mut at = text.len() - n;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

/// Read a pipe to its end on a thread; the whole content arrives on the channel.
pub(super) fn drain(mut pipe: impl Read + Send + 'static) -> Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        // A read error ends the pipe like EOF; what was read so far is still reported.
        let _ = pipe.read_to_end(&mut buf);
        let _ = tx.send(buf);
    });
    rx
}

pub(super) fn wait_drained(
    child: &mut Child,
    rx: &Receiver<Vec<u8>>,
    deadline: Instant,
    what: &str,
) -> Vec<u8> {
    match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("koers did not close its {what} within {TIMEOUT:?} ({e}); killed it");
        }
    }
}

/// Wait for the exit, at most until `deadline` (then kill and fail).
pub(super) fn wait_exit(child: &mut Child, deadline: Instant) -> ExitStatus {
    loop {
        if let Some(status) = child.try_wait().expect("poll koers") {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("koers did not exit within {TIMEOUT:?}; killed it");
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// A program's output as text (lossy: a test reads it, never trusts it).
pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
