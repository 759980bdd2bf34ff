//! The terminal platform (`koers chat`): one line in is one message, replies go to stdout.
//! Works interactively and with piped input, so a whole conversation can be scripted.

use std::io::{BufRead, Write};
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::engine::{Body, Engine, Incoming, Reply, TeamKey};
use crate::prompts::Lang;
use crate::store::Db;

/// Longest line read into memory; the rest of a longer line is read and dropped. Far above any
/// accepted answer, so the engine still sees "too long" and says so.
const LINE_CAP: usize = 1 << 22;

/// Who is talking in this terminal session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Team name (the terminal's "chat space").
    pub team: String,
    /// Speaker recorded with every answer.
    pub user: String,
    /// Language asked for on the command line.
    pub lang: Option<Lang>,
    /// Show a `> ` prompt (interactive use).
    pub prompt: bool,
}

/// Run the conversation until the input ends.
pub fn run(
    engine: &Arc<Engine>,
    db: &Db,
    session: &Session,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let team = TeamKey {
        platform: "terminal".into(),
        id: session.team.clone(),
        name: session.team.clone(),
    };
    let send = |body: Body| Incoming {
        team: team.clone(),
        user: session.user.clone(),
        body,
    };
    let replies = engine.respond(db, send(Body::Start { lang: session.lang }));
    print_replies(out, &replies)?;
    let mut line = Vec::with_capacity(256);
    loop {
        if session.prompt {
            write!(out, "> ").context("cannot write to stdout")?;
            out.flush().context("cannot write to stdout")?;
        }
        line.clear();
        if !read_line(input, &mut line)? {
            return Ok(());
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t.to_string(),
            Err(_) => {
                let lang = engine
                    .language_of(db, &team)
                    .unwrap_or(session.lang.unwrap_or(Lang::Nl));
                writeln!(
                    err,
                    "koers: {}",
                    engine.texts().get(lang, "msg.invalid_utf8")
                )
                .context("cannot write to stderr")?;
                continue;
            }
        };
        let replies = engine.respond(db, send(Body::Text(text)));
        print_replies(out, &replies)?;
    }
}

/// Read one line (up to [`LINE_CAP`] bytes kept); false at end of input.
fn read_line(input: &mut dyn BufRead, line: &mut Vec<u8>) -> Result<bool> {
    let mut read_any = false;
    loop {
        let buf = input.fill_buf().context("cannot read standard input")?;
        if buf.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let room = LINE_CAP.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        input.consume(used);
        if done {
            return Ok(true);
        }
    }
}

fn print_replies(out: &mut dyn Write, replies: &[Reply]) -> Result<()> {
    for reply in replies {
        writeln!(out, "{}", reply.text).context("cannot write to stdout")?;
        for (i, choice) in reply.choices.iter().enumerate() {
            writeln!(out, "  {}) {}", i + 1, choice.label).context("cannot write to stdout")?;
        }
        writeln!(out).context("cannot write to stdout")?;
    }
    out.flush().context("cannot write to stdout")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_line_caps_huge_lines_and_keeps_the_next_one() {
        let mut data = vec![b'a'; LINE_CAP + 100];
        data.extend_from_slice(b"\nja\n");
        let mut input = std::io::BufReader::with_capacity(1024, &data[..]);
        let mut line = Vec::new();
        assert!(read_line(&mut input, &mut line).expect("read"));
        assert_eq!(line.len(), LINE_CAP);
        line.clear();
        assert!(read_line(&mut input, &mut line).expect("read"));
        assert_eq!(line, b"ja\n");
        line.clear();
        assert!(!read_line(&mut input, &mut line).expect("read"));
    }
}
