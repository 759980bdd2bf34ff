//! End-to-end: the teams' private web page. Two teams talk to the real `koers chat` and a
//! manager asks `/link`; the real `koers serve` serves their pages on a free port; Debian's
//! headless Chromium loads them (`--dump-dom`, `--screenshot`), and plain HTTP requests check
//! the status and headers of the 404s. Also `/link`, `/link nieuw` and `/link uit` in the
//! terminal, and `/export html` written next to the database.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use resvg::tiny_skia::Pixmap;

use crate::common::http_response::{self, assert_private_headers};
use crate::common::{Chat, GOAL_NL, Sandbox, WALK, koers_bin, script};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The link a `/link` reply printed (any host: `koers chat` names the configured address).
fn links_in(stdout: &str) -> Vec<String> {
    stdout
        .split_whitespace()
        .filter_map(|w| w.split_once("/t/").map(|(_, t)| t))
        .map(|t| t.trim_end_matches(['.', ')', ',']).to_string())
        .collect()
}

/// `koers chat` for `team` with `input`; what it printed.
fn chat(sandbox: &Sandbox, team: &str, input: &str) -> String {
    let done = sandbox.run(&Chat::new(team, "ann"), input);
    done.assert_success();
    done.stdout.clone()
}

/// The real `koers serve` on a free port of 127.0.0.1, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(sandbox: &Sandbox) -> Server {
        let mut cmd = Command::new(koers_bin());
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("KOERS_") {
                cmd.env_remove(&key);
            }
        }
        let dir = sandbox.db_path().parent().expect("a folder").to_path_buf();
        let mut child = cmd
            .current_dir(dir)
            .args(["serve", "--address", "127.0.0.1:0", "--db"])
            .arg(sandbox.db_path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start koers serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("koers serve says where it listens");
        let base = line
            .trim()
            .strip_prefix("koers serve: listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { child, base }
    }

    fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Err(e) = self.child.kill() {
            eprintln!("koers serve was already gone: {e}");
        }
        if let Err(e) = self.child.wait() {
            eprintln!("cannot reap koers serve: {e}");
        }
    }
}

/// A plain HTTP/1.1 GET: the status, the headers (names in lower case) and the body.
pub(crate) fn get(addr: &str, path: &str) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(addr).expect("connect to koers serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).expect("read the response");
    http_response::parse(&raw)
}

/// Debian's Chromium, installed by `tests/it/install-chromium.sh` when missing (once per test
/// run, as the Matrix tests install Synapse). Fails, never skips, when it cannot be had.
fn ensure_chromium() {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let installed = INSTALLED.get_or_init(|| {
        if Path::new(CHROMIUM).exists() {
            return Ok(());
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/install-chromium.sh");
        let out = Command::new("bash")
            .arg(script)
            .output()
            .map_err(|e| format!("cannot run {script}: {e}"))?;
        if out.status.success() && Path::new(CHROMIUM).exists() {
            Ok(())
        } else {
            Err(format!(
                "{script} did not install {CHROMIUM}: {}",
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    });
    if let Err(why) = installed {
        panic!("the web page's browser tests need Debian's Chromium: {why}");
    }
}

/// Headless Chromium with `args` and its own throw-away profile; its standard output.
fn chromium(profile: &Path, args: &[&str]) -> String {
    ensure_chromium();
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().expect("chromium's state").is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().expect("kill a hanging chromium");
            panic!("chromium did not finish within 90 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader
        .join()
        .expect("reader thread")
        .expect("chromium's output")
}

/// Two teams with their links: "museum" walked the whole plan, "theater" only began.
fn two_teams(sandbox: &Sandbox) -> (String, String) {
    let museum = chat(sandbox, "museum", &format!("{}/link\n", script(WALK)));
    let theater = chat(
        sandbox,
        "theater",
        "marketing\nTheater Zuid wil ouderen\n/link\n",
    );
    let (museum, theater) = (links_in(&museum), links_in(&theater));
    assert_eq!((museum.len(), theater.len()), (1, 1), "one link each");
    (museum[0].clone(), theater[0].clone())
}

#[test]
fn chromium_shows_each_team_its_own_plan_and_a_wrong_token_gets_a_404() {
    let sandbox = Sandbox::new();
    let (museum, theater) = two_teams(&sandbox);
    let server = Server::start(&sandbox);
    let profile = tempfile::tempdir().expect("a Chromium profile folder");

    let page = format!("{}/t/{museum}", server.base);
    let dom = chromium(profile.path(), &["--dump-dom", &page]);
    assert!(dom.contains("koers — museum"), "the title: {dom}");
    assert!(dom.contains(GOAL_NL), "the team's goal is on its page");
    assert!(
        dom.contains("<svg"),
        "the picture and the progress charts, inline"
    );
    assert!(!dom.contains("Theater Zuid"), "nothing of the other team");

    let dom = chromium(
        profile.path(),
        &["--dump-dom", &format!("{}/t/{theater}", server.base)],
    );
    assert!(
        dom.contains("Theater Zuid wil ouderen"),
        "the other team's page"
    );
    assert!(!dom.contains(GOAL_NL), "without the first team's goal");

    let shot: PathBuf = profile.path().join("page.png");
    chromium(
        profile.path(),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600",
            &page,
        ],
    );
    let pixmap = Pixmap::load_png(&shot).expect("Chromium wrote a PNG screenshot");
    assert_eq!((pixmap.width(), pixmap.height()), (1200, 1600));
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
        .count();
    assert!(
        inked > 20_000,
        "the screenshot is not blank: {inked} pixels that are not white"
    );

    let (status, headers, _) = get(server.addr(), &format!("/t/{museum}"));
    assert_eq!(status, 200);
    assert_private_headers(&headers, "the page");
    let (status, headers, unknown) = get(server.addr(), "/elsewhere");
    assert_eq!(status, 404);
    assert_private_headers(&headers, "an unknown path");
    let mut wrong = museum.clone();
    let last = wrong.pop().expect("a character");
    wrong.push(if last == 'x' { 'y' } else { 'x' });
    let (status, headers, body) = get(server.addr(), &format!("/t/{wrong}"));
    assert_eq!(status, 404, "a wrong token");
    assert_private_headers(&headers, "a wrong token");
    assert_eq!(body, unknown, "the same 404 as any unknown path");
    let dom = chromium(
        profile.path(),
        &["--dump-dom", &format!("{}/t/{wrong}", server.base)],
    );
    assert!(
        !dom.contains(GOAL_NL),
        "Chromium sees no plan behind a wrong token"
    );
}

#[test]
fn link_new_and_off_in_the_terminal_rotate_and_close_the_page() {
    let sandbox = Sandbox::new();
    let first = chat(
        &sandbox,
        "museum",
        "marketing\nHet museum wil jongeren\n/link\n/link\n",
    );
    let links = links_in(&first);
    assert_eq!(
        links.len(),
        1,
        "the second /link shows no link again:\n{first}"
    );
    assert!(
        first.contains("kan hem dus niet opnieuw laten zien"),
        "{first}"
    );
    let server = Server::start(&sandbox);
    assert_eq!(get(server.addr(), &format!("/t/{}", links[0])).0, 200);

    let renewed = links_in(&chat(&sandbox, "museum", "/link nieuw\n"));
    assert_eq!(renewed.len(), 1);
    assert_ne!(renewed[0], links[0]);
    assert_eq!(
        get(server.addr(), &format!("/t/{}", links[0])).0,
        404,
        "the old one"
    );
    let (status, _, body) = get(server.addr(), &format!("/t/{}", renewed[0]));
    assert_eq!(status, 200, "the new one");
    assert!(body.contains("Het museum wil jongeren"));

    let off = chat(&sandbox, "museum", "/link uit\n");
    assert!(links_in(&off).is_empty());
    assert_eq!(
        get(server.addr(), &format!("/t/{}", renewed[0])).0,
        404,
        "closed"
    );
    let english = links_in(&chat(&sandbox, "museum", "/link new\n"));
    assert_eq!(english.len(), 1, "/link new in English");
    assert_eq!(get(server.addr(), &format!("/t/{}", english[0])).0, 200);
    // The database keeps no token, only hashes.
    let mut db = std::fs::read(sandbox.db_path()).expect("the database file");
    // koers serve still holds the file: recent pages may be in the write-ahead log.
    let wal = PathBuf::from(format!("{}-wal", sandbox.db_path().display()));
    if let Ok(more) = std::fs::read(wal) {
        db.extend(more);
    }
    for token in [&links[0], &renewed[0], &english[0]] {
        assert!(
            !db.windows(token.len()).any(|w| w == token.as_bytes()),
            "a token is stored in the database"
        );
    }
}

#[test]
fn export_html_writes_the_report_next_to_the_database() {
    let sandbox = Sandbox::new();
    let out = chat(
        &sandbox,
        "Museum X",
        "marketing\nJong publiek\n/export html\n",
    );
    let path = sandbox
        .db_path()
        .parent()
        .expect("a folder")
        .join("koers-museum-x-plan.html");
    assert!(
        out.contains(&format!("Bestand opgeslagen: {}", path.display())),
        "{out}"
    );
    let html = std::fs::read_to_string(&path).expect("the report is written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Jong publiek"));
}
