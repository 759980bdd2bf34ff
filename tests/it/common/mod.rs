//! Shared helpers for the end-to-end tests: run the real `koers` binary in its own temporary
//! folder, either to completion with piped input or interactively (one line at a time, waiting
//! for the reply), and read what it stored with `rusqlite`.
//!
//! Every wait is bounded by [`TIMEOUT`]: a hanging program fails the test instead of blocking.

// Each test file is its own crate and uses a different part of this module.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};

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

    /// `koers chat …` for `chat`, not yet started.
    pub(crate) fn command(&self, chat: &Chat) -> Command {
        let mut cmd = Command::new(koers_bin());
        cmd.current_dir(self.dir.path());
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("KOERS_") {
                cmd.env_remove(&key);
            }
        }
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

    /// A connection to the sandbox's database, for checking what was stored.
    pub(crate) fn open_db(&self) -> Connection {
        Connection::open(self.db_path()).expect("open the database with rusqlite")
    }

    /// The stored answers of `team` in `round`, in key order.
    pub(crate) fn answers(&self, team: &str, round: u32) -> Vec<Row> {
        let conn = self.open_db();
        let mut stmt = conn
            .prepare(
                "SELECT a.key, a.value, a.skipped, a.computed, a.user_name
                 FROM answers a JOIN teams t ON t.id = a.team_id
                 WHERE t.platform = 'terminal' AND t.external_id = ?1 AND a.round = ?2
                 ORDER BY a.key",
            )
            .expect("prepare the answers query");
        stmt.query_map(rusqlite::params![team, round], |r| {
            Ok(Row {
                key: r.get(0)?,
                value: r.get(1)?,
                skipped: r.get::<_, i64>(2)? == 1,
                computed: r.get::<_, i64>(3)? == 1,
                user: r.get(4)?,
            })
        })
        .expect("query the answers")
        .collect::<Result<Vec<_>, _>>()
        .expect("read the answers")
    }

    /// The stored row of one answer key.
    pub(crate) fn answer(&self, team: &str, round: u32, key: &str) -> Option<Row> {
        self.answers(team, round).into_iter().find(|r| r.key == key)
    }

    /// The goals of `team` (all rounds), by number.
    pub(crate) fn goals(&self, team: &str) -> Vec<GoalRow> {
        let conn = self.open_db();
        let mut stmt = conn
            .prepare(
                "SELECT g.number, g.key, g.action_text, g.text, g.owner, g.deadline,
                        g.deadline_text, g.baseline, g.baseline_text, g.target, g.target_text,
                        g.unit, g.smart_score, g.smart_json, g.status, g.vraagstuk, g.created_by
                 FROM goals g JOIN teams t ON t.id = g.team_id
                 WHERE t.platform = 'terminal' AND t.external_id = ?1
                 ORDER BY g.number, g.id",
            )
            .expect("prepare the goals query");
        stmt.query_map([team], |r| {
            Ok(GoalRow {
                number: r.get(0)?,
                key: r.get(1)?,
                action_text: r.get(2)?,
                text: r.get(3)?,
                owner: r.get(4)?,
                deadline: r.get(5)?,
                deadline_text: r.get(6)?,
                baseline: r.get(7)?,
                baseline_text: r.get(8)?,
                target: r.get(9)?,
                target_text: r.get(10)?,
                unit: r.get(11)?,
                smart_score: r.get(12)?,
                smart_json: r.get(13)?,
                status: r.get(14)?,
                vraagstuk: r.get(15)?,
                created_by: r.get(16)?,
            })
        })
        .expect("query the goals")
        .collect::<Result<Vec<_>, _>>()
        .expect("read the goals")
    }

    /// The reminders of `team`'s goals, in the order they are due.
    pub(crate) fn reminders(&self, team: &str) -> Vec<ReminderRow> {
        let conn = self.open_db();
        let mut stmt = conn
            .prepare(
                "SELECT g.number, r.kind, r.days, r.local_at, r.state
                 FROM reminders r JOIN goals g ON g.id = r.goal_id
                 JOIN teams t ON t.id = r.team_id
                 WHERE t.platform = 'terminal' AND t.external_id = ?1
                 ORDER BY r.due_at, r.id",
            )
            .expect("prepare the reminders query");
        stmt.query_map([team], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("query the reminders")
        .collect::<Result<Vec<_>, _>>()
        .expect("read the reminders")
    }

    /// A column of the team's row (`lang`, `cursor`, `round` as text …).
    pub(crate) fn team_field(&self, team: &str, column: &str) -> Option<String> {
        let conn = self.open_db();
        conn.query_row(
            &format!(
                "SELECT CAST({column} AS TEXT) FROM teams \
                 WHERE platform = 'terminal' AND external_id = ?1"
            ),
            [team],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()
        .expect("query the team")
        .flatten()
    }
}

/// One row of the goals table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GoalRow {
    pub number: i64,
    pub key: String,
    pub action_text: String,
    pub text: String,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub deadline_text: Option<String>,
    pub baseline: Option<f64>,
    pub baseline_text: Option<String>,
    pub target: Option<f64>,
    pub target_text: Option<String>,
    pub unit: Option<String>,
    pub smart_score: Option<i64>,
    /// The final SMART check as `koers score --json` prints it.
    pub smart_json: Option<String>,
    pub status: String,
    pub vraagstuk: Option<String>,
    pub created_by: String,
}

/// One reminder: (goal number, kind, days before the deadline, local date-time, state).
pub(crate) type ReminderRow = (i64, String, i64, String, String);

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub key: String,
    pub value: Option<String>,
    pub skipped: bool,
    pub computed: bool,
    pub user: String,
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

/// One line of the Dutch walk through all four steps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    /// Answer key the line is stored under.
    pub key: &'static str,
    /// What the team types.
    pub input: &'static str,
    /// The stored value.
    pub stored: &'static str,
    /// The question's label in lists and the export ("" for the stop word, which the engine
    /// records itself and the export does not list).
    pub label: &'static str,
    /// How the export shows the value.
    pub shown: &'static str,
    /// A fragment of the question koers asks next: seeing it acknowledges this line.
    pub next: &'static str,
}

impl Line {
    /// Whether the engine records the line as its own (computed) value.
    pub(crate) fn computed(&self) -> bool {
        self.label.is_empty()
    }

    /// Key of the question this line is typed at (the team's cursor while it is open): the
    /// stop word is typed at the next "waarom" round's answer and recorded on the group.
    pub(crate) fn asked_key(&self) -> String {
        if self.computed() {
            format!("{}.answer", self.key)
        } else {
            self.key.to_string()
        }
    }

    /// The export line of this answer, up to the user: `- **label**: shown (user, `.
    pub(crate) fn export_line(&self, user: &str) -> String {
        format!("- **{}**: {} ({user}, ", self.label, self.shown)
    }
}

const fn l(
    key: &'static str,
    input: &'static str,
    stored: &'static str,
    label: &'static str,
    shown: &'static str,
    next: &'static str,
) -> Line {
    Line {
        key,
        input,
        stored,
        label,
        shown,
        next,
    }
}

/// A free-text line: stored and shown as typed.
const fn t(
    key: &'static str,
    input: &'static str,
    label: &'static str,
    next: &'static str,
) -> Line {
    l(key, input, input, label, input, next)
}

/// The question koers asks first (the focus area).
pub(crate) const FIRST_QUESTION: &str = "Met welke plek beginnen jullie?";

/// First and last line of the Dutch `/help` text.
pub(crate) const HELP_FIRST_LINE_NL: &str = "Zo werkt koers:";
pub(crate) const HELP_LAST_LINE_NL: &str = "/help — deze uitleg";

/// The closing message once the whole plan of a round is done.
pub(crate) const FINISHED: &str = "Daarmee is het hele stappenplan voor deze ronde doorlopen.";

/// The goal of the Dutch walk: specific, measurable and with a deadline (so the SMART check says
/// "ok", `sharpen` is not asked and the deadline is filled in from the text).
pub(crate) const GOAL_NL: &str =
    "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór juni 2027";

/// The deadline koers reads in [`GOAL_NL`]: "vóór juni" is the last day of May.
pub(crate) const GOAL_NL_DEADLINE: &str = "2027-05-31";

/// The complete Dutch walk through all four steps, with what each line stores and which
/// question follows it.
#[rustfmt::skip]
pub(crate) const WALK: &[Line] = &[
    l("question.focus", "3", "marketing", "Focusgebied", "Marketingcommunicatie & verkoop", "Wat is de komende periode belangrijk"),
    t("question.important", "Meer jong publiek trekken", "Belangrijk komende periode", "Is er een (probleem)vraagstuk"),
    t("question.measure", "Hoeveel jongeren we bereiken", "Vraagstuk om te meten", "Is dit een vraagstuk voor jullie eigen afdeling"),
    t("question.departments", "Marketing en programmering", "Betrokken afdelingen", "Welke personen willen jullie"),
    t("question.people", "Het marketingteam en de programmeur", "Betrokken personen", "Wie willen jullie bereiken?"),
    t("question.audience", "Jongeren tussen 18 en 30, want zij zijn ons toekomstige publiek", "Wie we willen bereiken", "Wat zijn jullie uitdagingen"),
    t("question.obstacles", "Weinig budget", "Uitdagingen en obstakels", "En wat willen jullie níet?"),
    t("question.unwanted", "Geen korting op alles", "Wat we niet willen", "Willen jullie dat nu doen?"),
    l("question.why_offer", "ja", "yes", "5x waarom", "ja", "[Waarom 1] Waarom? (1/5)"),
    t("question.why#1.answer", "Omdat het publiek vergrijst", "Waarom 1 · Waarom-antwoord", "[Waarom 2] Waarom? (2/5)"),
    t("question.why#2.answer", "Omdat we anders over tien jaar leeg zitten", "Waarom 2 · Waarom-antwoord", "[Waarom 3] Waarom? (3/5)"),
    l("question.why#3", "klaar", "stop", "", "", "Probeer het in één vraag te vangen."),
    t("question.statement", "Hoeveel jongeren onder de 30 kopen via onze webshop een kaartje voor onze voorstellingen?", "Vraagstuk", "(1/7) Is er een strategie"),
    l("data.strategy", "ja", "yes", "Strategie op publieksdata", "ja", "(2/7)"),
    l("data.vision", "ja", "yes", "Visie op publieksdata", "ja", "(3/7)"),
    l("data.owner", "nee", "no", "Eigenaar publieksdatagebruik", "nee", "(4/7)"),
    l("data.knowledge", "ja", "yes", "Kennis over publieksdata", "ja", "(5/7)"),
    l("data.customer_base", "ja", "yes", "Klantenbestand in gebruik", "ja", "(6/7)"),
    l("data.possibilities", "nee", "no", "Mogelijkheden duidelijk", "nee", "(7/7)"),
    l("data.systems", "klopt", "yes", "Systemen gekoppeld", "ja", "Is het benutten van publieksdata-inzichten"),
    l("data.embedded", "nee", "no", "Data-inzichten overal vanzelfsprekend", "nee", "Wat doen jullie nu al met publieksdata?"),
    t("data.doing", "Nieuwsbrief en ticketing", "Wat we al doen", "Wat gaat goed en willen jullie behouden?"),
    t("data.keep", "Het CRM bijhouden", "Wat we behouden", "Wat is jullie volgende stap?"),
    t("data.next", "Koppelen", "Volgende stap", "[Databron 1] Welke databron bekijken we?"),
    t("data.source#1.name", "Ticketingsysteem", "Databron 1 · Naam databron", "[Databron 1] Waar komt de data"),
    l("data.source#1.origin", "intern", "internal", "Databron 1 · Herkomst", "Intern", "[Databron 1] Om wat voor publieksdata"),
    l("data.source#1.kind", "gepersonaliseerd", "personal", "Databron 1 · Soort data", "Individueel gepersonaliseerd", "[Databron 1] Relevant:"),
    l("data.source#1.relevant", "ja", "yes", "Databron 1 · Relevant", "ja", "[Databron 1] Actualiteit:"),
    l("data.source#1.current", "ja", "yes", "Databron 1 · Actueel", "ja", "[Databron 1] Bruikbaarheid:"),
    l("data.source#1.usable", "deels", "partly", "Databron 1 · Bruikbaar", "deels", "[Databron 1] Is er nog een databron"),
    l("data.source#1", "ja", "yes", "Databron 1 · Is er nog een databron die jullie willen bekijken?", "ja", "[Databron 2] Welke databron bekijken we?"),
    t("data.source#2.name", "Google Analytics", "Databron 2 · Naam databron", "[Databron 2] Waar komt de data"),
    l("data.source#2.origin", "1", "internal", "Databron 2 · Herkomst", "Intern", "[Databron 2] Om wat voor publieksdata"),
    l("data.source#2.kind", "anoniem", "anonymous", "Databron 2 · Soort data", "Anoniem", "[Databron 2] Relevant:"),
    l("data.source#2.relevant", "ja", "yes", "Databron 2 · Relevant", "ja", "[Databron 2] Actualiteit:"),
    l("data.source#2.current", "ja", "yes", "Databron 2 · Actueel", "ja", "[Databron 2] Bruikbaarheid:"),
    l("data.source#2.usable", "ja", "yes", "Databron 2 · Bruikbaar", "ja", "[Databron 2] Is er nog een databron"),
    l("data.source#2", "nee", "no", "Databron 2 · Is er nog een databron die jullie willen bekijken?", "nee", "[Actie 1] Wat gaan jullie doen?"),
    t("action.action#1.what", "Instagram-campagne voor studenten", "Actie 1 · Actie", "[Actie 1 · Doel 1] Welk doel hoort bij deze actie?"),
    t("action.action#1.goal#1.text", GOAL_NL, "Actie 1 · Doel 1 · Doel", "[Actie 1 · Doel 1] Wie is eigenaar van dit doel?"),
    // The goal names its deadline, so koers fills it in and asks the baseline next.
    t("action.action#1.goal#1.owner", "Sanne", "Actie 1 · Doel 1 · Eigenaar", "[Actie 1 · Doel 1] Waar staan jullie nu"),
    l("action.action#1.goal#1.baseline", "ongeveer 150 per maand", "150", "Actie 1 · Doel 1 · Nulmeting", "150", "[Actie 1 · Doel 1] Welke waarde willen jullie bereiken"),
    t("action.action#1.goal#1.target", "180", "Actie 1 · Doel 1 · Streefwaarde", "[Actie 1 · Doel 1] Hoort er nog een doel bij deze actie?"),
    l("action.action#1.goal#1", "nee", "no", "Actie 1 · Doel 1 · Hoort er nog een doel bij deze actie?", "nee", "[Actie 1] Willen jullie nog een actie plannen?"),
    l("action.action#1", "nee", "no", "Actie 1 · Willen jullie nog een actie plannen?", "nee", "(1/8) Duidelijk eigenaarschap"),
    l("implementation.ownership", "ja", "yes", "Eigenaarschap project en deeltaken", "ja", "(2/8)"),
    l("implementation.mandate", "nee", "no", "Duidelijk mandaat", "nee", "Wie gaat 'Duidelijk mandaat' oppakken?"),
    t("implementation.mandate.owner", "Anne", "Duidelijk mandaat: wie pakt het op", "(3/8)"),
    l("implementation.agreements", "ja", "yes", "Afspraken samenwerking en rapportage", "ja", "(4/8)"),
    l("implementation.top_support", "ja", "yes", "Support vanuit de top", "ja", "(5/8)"),
    l("implementation.partners", "ja", "yes", "Samenwerking met externen", "ja", "(6/8)"),
    l("implementation.sharing", "deels", "partly", "Uitkomsten delen", "deels", "Wie gaat 'Uitkomsten delen' oppakken?"),
    t("implementation.sharing.owner", "niemand nog", "Uitkomsten delen: wie pakt het op", "(7/8)"),
    l("implementation.policy_current", "ja", "yes", "Beleidsaanpak actueel houden", "ja", "(8/8)"),
    l("implementation.output_reuse", "ja", "yes", "Output voor vervolgacties", "ja", "Staan er een privacyreglement en een cookieverklaring"),
    l("implementation.privacy_statement", "ja", "yes", "Privacyreglement en cookieverklaring", "ja", "Is er een verwerkingsregister"),
    l("implementation.processing_register", "nee", "no", "Verwerkingsregister en verwerkersovereenkomsten", "nee", "Wie gaat 'Verwerkingsregister en verwerkersovereenkomsten' oppakken?"),
    t("implementation.processing_register.owner", "Piet", "Verwerkingsregister en verwerkersovereenkomsten: wie pakt het op", "Is er een datalekprotocol?"),
    l("implementation.breach_protocol", "ja", "yes", "Datalekprotocol", "ja", "Hebben jullie nagedacht over de ethische aspecten?"),
    l("implementation.ethics", "weet ik niet", "unknown", "Ethische aspecten", "weet ik niet", "Wie gaat 'Ethische aspecten' oppakken?"),
    t("implementation.ethics.owner", "Jan", "Ethische aspecten: wie pakt het op", "Waar kiezen jullie voor?"),
    l("implementation.expertise", "gemengd", "mixed", "Kennis en vaardigheden", "Gemengd", "(1/4) Faciliteert het systeem"),
    t("implementation.system_links", "Ja via leverancier", "Koppelingen zonder techkennis", "(2/4) Levert de structuur"),
    t("implementation.system_structure", "Ja", "Flexibele datastructuur", "(3/4) Zitten er juridische beperkingen"),
    t("implementation.system_legal", "Nee", "Juridische beperkingen", "(4/4) Wat zijn de gebruiksmogelijkheden"),
    t("implementation.system_use", "Goed", "Gebruiksmogelijkheden", FINISHED),
];

/// A value koers records itself (user "koers") along the complete walk.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Computed {
    pub key: &'static str,
    pub value: &'static str,
    /// Key of the [`WALK`] line whose answer makes koers record it (in the same transaction).
    pub after: &'static str,
    /// For an answer koers fills in from the goal text instead of asking: its label and how the
    /// export shows it. `None` for scores and overviews (the export quotes those, unlisted).
    pub filled: Option<(&'static str, &'static str)>,
}

impl Computed {
    /// The export line of a filled-in answer, up to the user: `- **label**: shown (koers, `.
    pub(crate) fn export_line(&self) -> Option<String> {
        self.filled
            .map(|(label, shown)| format!("- **{label}**: {shown} (koers, "))
    }
}

const fn c(key: &'static str, value: &'static str, after: &'static str) -> Computed {
    Computed {
        key,
        value,
        after,
        filled: None,
    }
}

/// Values the engine computes along the complete walk, in walk order.
#[rustfmt::skip]
pub(crate) const WALK_COMPUTED: &[Computed] = &[
    c("question.why#3", "stop", "question.why#3"),
    c("question.statement_score", "5", "question.statement"),
    c("data.level", "lerend", "data.systems"),
    c("data.level_final", "lerend", "data.embedded"),
    c("data.source#1.summary", "usable", "data.source#1.usable"),
    c("data.source#2.summary", "ok", "data.source#2.usable"),
    // The SMART check of the goal text, and the deadline it names.
    c("action.action#1.goal#1.smart", "ok", "action.action#1.goal#1.text"),
    Computed {
        key: "action.action#1.goal#1.deadline",
        value: GOAL_NL_DEADLINE,
        after: "action.action#1.goal#1.text",
        filled: Some(("Actie 1 · Doel 1 · Deadline", "31-05-2027")),
    },
    c("action.action#1.goal#1.record", "recorded", "action.action#1.goal#1.target"),
    c("implementation.readiness", "8/12", "implementation.system_use"),
];

/// What koers has computed once the first `n` lines of [`WALK`] are answered.
pub(crate) fn computed_after(n: usize) -> Vec<&'static Computed> {
    WALK_COMPUTED
        .iter()
        .filter(|c| WALK[..n].iter().any(|l| l.key == c.after))
        .collect()
}

/// How many answers the export lists once the first `n` lines of [`WALK`] are answered: the
/// team's answers and the ones koers filled in.
pub(crate) fn export_answer_count(n: usize) -> usize {
    WALK[..n].iter().filter(|l| !l.computed()).count()
        + computed_after(n)
            .iter()
            .filter(|c| c.filled.is_some())
            .count()
}

/// Every row the first `n` lines of [`WALK`] leave in the answers table: (key, value, computed).
pub(crate) fn walk_rows(n: usize) -> std::collections::BTreeSet<(String, String, bool)> {
    WALK[..n]
        .iter()
        .filter(|l| !l.computed())
        .map(|l| (l.key.to_string(), l.stored.to_string(), false))
        .chain(
            computed_after(n)
                .into_iter()
                .map(|c| (c.key.to_string(), c.value.to_string(), true)),
        )
        .collect()
}

/// Index in [`WALK`] of the line stored under `key`.
pub(crate) fn line_of(key: &str) -> usize {
    WALK.iter()
        .position(|l| l.key == key)
        .unwrap_or_else(|| panic!("{key} is not in the walk"))
}

/// The lines of `walk` as piped input (one line each).
pub(crate) fn script(walk: &[Line]) -> String {
    walk.iter().map(|l| format!("{}\n", l.input)).collect()
}

/// The step title of an answer key (`data.source#1.name` → "Stap 2 — Data").
pub(crate) fn step_title_nl(key: &str) -> &'static str {
    match key.split(['.', '#']).next() {
        Some("question") => "Stap 1 — Vraagstuk",
        Some("data") => "Stap 2 — Data",
        Some("action") => "Stap 3 — Actie & evaluatie",
        Some("implementation") => "Stap 4 — Implementatie",
        other => panic!("no step for key {other:?}"),
    }
}

/// Assert that everything the first `n` lines of [`WALK`] stored is in the database (value,
/// user) and in the export (label, shown value, user).
pub(crate) fn assert_walk_stored(
    sandbox: &Sandbox,
    team: &str,
    user: &str,
    n: usize,
    export: &str,
) {
    let rows = sandbox.answers(team, 1);
    for line in &WALK[..n] {
        let row = rows.iter().find(|r| r.key == line.key).unwrap_or_else(|| {
            panic!(
                "answer {} ({:?}) is not stored; rows: {rows:#?}",
                line.key, line.input
            )
        });
        assert_eq!(
            row.value.as_deref(),
            Some(line.stored),
            "stored value of {}",
            line.key
        );
        assert!(!row.skipped, "{} is not skipped", line.key);
        assert_eq!(
            row.computed,
            line.computed(),
            "computed flag of {}",
            line.key
        );
        if line.computed() {
            assert_eq!(row.user, "koers", "the engine records {}", line.key);
        } else {
            assert_eq!(row.user, user, "user of {}", line.key);
            let want = line.export_line(user);
            assert!(export.contains(&want), "export lacks {want:?}:\n{export}");
        }
    }
    for computed in computed_after(n) {
        let row = rows
            .iter()
            .find(|r| r.key == computed.key)
            .unwrap_or_else(|| panic!("{} is not computed; rows: {rows:#?}", computed.key));
        assert_eq!(
            row.value.as_deref(),
            Some(computed.value),
            "computed value of {}",
            computed.key
        );
        assert!(row.computed && !row.skipped, "{row:?}");
        assert_eq!(row.user, "koers", "the engine records {}", computed.key);
        if let Some(want) = computed.export_line() {
            assert!(export.contains(&want), "export lacks {want:?}:\n{export}");
        }
    }
}

/// A SMART check as koers prints it.
#[derive(Debug)]
pub(crate) struct SmartCheck<'a> {
    /// "SMART-check: 3 van de 5".
    pub header: &'a str,
    /// The marks of the five letters in order (S, M, A, R, T): ✓, ✗ or ?.
    pub marks: String,
    /// The lines after the letters up to the next empty line: deadline, warnings, suggestions
    /// and (when the goal is recorded) the line about reminders.
    pub rest: Vec<&'a str>,
}

/// The first SMART check in `text` whose header starts with `prefix` ("SMART-check: ").
pub(crate) fn smart_check<'a>(text: &'a str, prefix: &str) -> SmartCheck<'a> {
    let at = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix:?} in:\n{}", tail(text, 3000)));
    let lines: Vec<&str> = text[at..]
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(
        lines.len() >= 6,
        "a SMART check has five letters: {lines:#?}"
    );
    let marks = lines[1..6]
        .iter()
        .map(|l| l.chars().next().unwrap_or(' '))
        .collect();
    SmartCheck {
        header: lines[0],
        marks,
        rest: lines[6..].to_vec(),
    }
}
