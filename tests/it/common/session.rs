//! The line-by-line harness: `koers chat` started with [`Sandbox::spawn`] and driven one line
//! at a time as a [`Session`], each line sent and its reply waited for (at most [`TIMEOUT`]).

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, ExitStatus};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Instant;

use super::harness::{Chat, Finished, Sandbox, TIMEOUT, drain, tail, wait_drained, wait_exit};
use super::walk::{HELP_FIRST_LINE_NL, HELP_LAST_LINE_NL};

impl Sandbox {
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
