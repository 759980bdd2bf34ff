//! The process harness: run the real `koers` binary in its own temporary folder, either to
//! completion with piped input ([`Sandbox::run`]) or interactively, one line at a time, waiting
//! for the reply ([`Sandbox::spawn`], [`Session`]).
//!
//! Every wait is bounded by [`TIMEOUT`]: a hanging program fails the test instead of blocking.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::walk::{HELP_FIRST_LINE_NL, HELP_LAST_LINE_NL};

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

    /// Start `koers chat` for a conversation line by line.
    pub(crate) fn spawn(&self, chat: &Chat) -> Session {
        let mut child = self.command(chat).spawn().expect("start koers");
        let stdin = child.stdin.take();
        let (tx, rx) = mpsc::channel();
        let mut out = child.stdout.take().expect("stdout is piped");
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match out.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let stderr = drain(child.stderr.take().expect("stderr is piped"));
        Session {
            child,
            stdin,
            chunks: rx,
            reader: Some(reader),
            stderr,
            out: Vec::new(),
            seen: 0,
            eof: false,
        }
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
    fn new(status: ExitStatus, out: Vec<u8>, err: Vec<u8>) -> Finished {
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
fn drain(mut pipe: impl Read + Send + 'static) -> Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        // A read error ends the pipe like EOF; what was read so far is still reported.
        let _ = pipe.read_to_end(&mut buf);
        let _ = tx.send(buf);
    });
    rx
}

fn wait_drained(
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
fn wait_exit(child: &mut Child, deadline: Instant) -> ExitStatus {
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

/// A running `koers chat` driven one line at a time.
pub(crate) struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    chunks: Receiver<Vec<u8>>,
    reader: Option<JoinHandle<()>>,
    stderr: Receiver<Vec<u8>>,
    /// Everything read from stdout so far.
    out: Vec<u8>,
    /// How much of `out` earlier reads have consumed.
    seen: usize,
    eof: bool,
}

impl Session {
    /// Send one line (a newline is added).
    pub(crate) fn send_line(&mut self, line: impl AsRef<[u8]>) {
        let stdin = self.stdin.as_mut().expect("stdin is still open");
        let mut bytes = line.as_ref().to_vec();
        bytes.push(b'\n');
        stdin
            .write_all(&bytes)
            .and_then(|()| stdin.flush())
            .unwrap_or_else(|e| {
                panic!(
                    "cannot write to koers ({e}); output so far:\n{}",
                    tail(&String::from_utf8_lossy(&self.out), 3000)
                )
            });
    }

    /// Wait until stdout shows `pattern` after what earlier reads consumed; return the output
    /// from there up to and including the pattern.
    pub(crate) fn read_until(&mut self, pattern: &str) -> String {
        self.read_until_any(&[pattern]).1
    }

    /// Wait until one of `patterns` shows up; the one that comes first in the output wins.
    /// Returns its index and the output up to and including it.
    pub(crate) fn read_until_any(&mut self, patterns: &[&str]) -> (usize, String) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = patterns
                .iter()
                .enumerate()
                .filter_map(|(i, p)| find(&self.out[self.seen..], p.as_bytes()).map(|at| (at, i)))
                .min();
            if let Some((at, i)) = found {
                let end = self.seen + at + patterns[i].len();
                let text = String::from_utf8(self.out[self.seen..end].to_vec())
                    .expect("koers writes valid UTF-8 to stdout");
                self.seen = end;
                return (i, text);
            }
            if self.eof {
                let stderr = self.stderr_now();
                panic!(
                    "koers ended its output without printing any of {patterns:?}; output since \
                     the last match:\n{}\n--- stderr ---\n{stderr}",
                    String::from_utf8_lossy(&self.out[self.seen..]),
                );
            }
            match self
                .chunks
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(chunk) => self.out.extend_from_slice(&chunk),
                Err(RecvTimeoutError::Disconnected) => self.eof = true,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!(
                        "koers did not print any of {patterns:?} within {TIMEOUT:?}; output \
                         since the last match:\n{}",
                        String::from_utf8_lossy(&self.out[self.seen..])
                    );
                }
            }
        }
    }

    /// Send `line` and wait for `reply` (the acknowledgement: the engine only prints after
    /// its transaction committed).
    pub(crate) fn answer(&mut self, line: &str, reply: &str) -> String {
        self.send_line(line);
        self.read_until(reply)
    }

    /// Ask a running Dutch conversation for `/export` and return the Markdown. A `/help` sent
    /// right after it marks where the export reply ends.
    pub(crate) fn export_now(&mut self) -> String {
        self.send_line("/export");
        self.send_line("/help");
        let text = self.read_until(HELP_LAST_LINE_NL);
        let start = text
            .find("# koers — ")
            .unwrap_or_else(|| panic!("no export in the reply to /export:\n{text}"));
        let end = text
            .rfind(HELP_FIRST_LINE_NL)
            .expect("the help follows the export");
        text[start..end].to_string()
    }

    fn stderr_now(&mut self) -> String {
        match self.stderr.try_recv() {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => "(still open)".into(),
        }
    }

    /// Kill the program with SIGKILL (no chance to clean up) and reap it.
    pub(crate) fn kill(mut self) -> ExitStatus {
        self.child.kill().expect("send SIGKILL to koers");
        let status = wait_exit(&mut self.child, Instant::now() + TIMEOUT);
        self.stdin = None;
        status
    }

    /// Kill the program with SIGKILL and return everything it printed on stdout in this
    /// session (what a person would have seen), after the pipe closed.
    pub(crate) fn kill_with_output(mut self) -> (ExitStatus, String) {
        self.child.kill().expect("send SIGKILL to koers");
        let status = wait_exit(&mut self.child, Instant::now() + TIMEOUT);
        self.stdin = None;
        while let Ok(chunk) = self.chunks.recv_timeout(TIMEOUT) {
            self.out.extend_from_slice(&chunk);
        }
        (status, String::from_utf8_lossy(&self.out).into_owned())
    }

    /// Close stdin (end of input) and wait for the program to end.
    pub(crate) fn finish(mut self) -> Finished {
        self.stdin = None;
        let deadline = Instant::now() + TIMEOUT;
        while !self.eof {
            match self
                .chunks
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(chunk) => self.out.extend_from_slice(&chunk),
                Err(RecvTimeoutError::Disconnected) => self.eof = true,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!("koers did not end within {TIMEOUT:?} after end of input");
                }
            }
        }
        let err = wait_drained(&mut self.child, &self.stderr, deadline, "stderr");
        let status = wait_exit(&mut self.child, deadline);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("stdout reader thread");
        }
        Finished::new(status, std::mem::take(&mut self.out), err)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave a koers process behind.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A program's output as text (lossy: a test reads it, never trusts it).
pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
