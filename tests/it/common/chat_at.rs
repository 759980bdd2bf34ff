//! `koers chat` run to its end with a set clock, for the tests that move time between runs
//! (`goal_loop.rs`, `evaluation_resume.rs`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `koers chat` for team "lus" as "ann" at `now` on `db`, typing `lines`; its output.
/// It must exit cleanly.
pub(crate) fn chat_at(db: &Path, now: &str, lines: &[&str]) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_koers"))
        .args([
            "chat", "--team", "lus", "--user", "ann", "--now", now, "--db",
        ])
        .arg(db)
        .env_remove("KOERS_CONFIG")
        .current_dir(db.parent().expect("db folder"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("koers starts");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for line in lines {
            writeln!(stdin, "{line}").expect("write");
        }
    }
    let out = child.wait_with_output().expect("koers ends");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
