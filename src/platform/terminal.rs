//! The terminal platform (`koers chat`): one line in is one message, replies go to stdout.
//! Works interactively and with piped input, so a whole conversation can be scripted.
//! Reminders of the team are printed as they fall due; ones that fell due while koers was not
//! running are printed at start, marked late (`terminal/reminders.rs`).

mod reminders;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use tokio::sync::mpsc;

use super::kit::Link;
use crate::engine::{Audience, Body, Engine, Incoming, Person, Reply, Role, TeamKey};
use crate::prompts::Lang;
use crate::store::Db;
use reminders::{Reminders, print_reminder};

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
    /// The folder `/plaatje` writes its picture to (the database's).
    pub pictures: PathBuf,
}

/// What the stdin thread hands the main loop.
enum Input {
    Line(Vec<u8>),
    Failed(std::io::Error),
}

/// Run the conversation until the input ends.
pub fn run(
    engine: &Arc<Engine>,
    db: &Db,
    session: &Session,
    input: Box<dyn BufRead + Send>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .context("cannot start the async runtime")?;
    let link = Link::new(Arc::clone(engine), db.clone());
    runtime.block_on(converse(&link, session, input, out, err))
}

async fn converse(
    link: &Link,
    session: &Session,
    input: Box<dyn BufRead + Send>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let team = TeamKey {
        platform: "terminal".into(),
        id: session.team.clone(),
        name: session.team.clone(),
    };
    let said = |body: Body| said(&team, session, body);
    retention_at_start(link, &team, out).await?;
    // Reminders that fell due while koers was not running come first, before the welcome back:
    // a deadline's prompt opens an evaluation, and the welcome then asks what the next answer
    // goes to. A team koers has not met yet has none.
    let key = team.clone();
    let known = link
        .blocking(move |engine, db| engine.known_team_id(db, &key))
        .await?;
    let early = match known {
        Some(id) => {
            let mut reminders = Reminders::start(link, id);
            reminders.catch_up(out).await?;
            Some(reminders)
        }
        None => None,
    };
    let replies = link.ask(said(Body::Start { lang: session.lang })).await;
    print_replies(out, &replies)?;
    let mut reminders = if let Some(reminders) = early {
        reminders
    } else {
        let key = team.clone();
        let id = link
            .blocking(move |engine, db| engine.team_id(db, &key))
            .await?;
        Reminders::start(link, id)
    };
    let mut lines = read_lines(input)?;
    loop {
        if session.prompt {
            write!(out, "> ").context("cannot write to stdout")?;
            out.flush().context("cannot write to stdout")?;
        }
        tokio::select! {
            biased;
            Some(printing) = reminders.printed.recv() => {
                if session.prompt {
                    // The prompt is waiting on this line; start the reminder below it.
                    writeln!(out).context("cannot write to stdout")?;
                }
                print_reminder(out, printing)?;
            }
            item = lines.recv() => match item {
                Some(Input::Line(bytes)) => {
                    if answer_line(link, &team, bytes, &said, &session.pictures, out, err).await? {
                        // The team is deleted: this chat ends; the next one starts afresh.
                        reminders.task.abort();
                        return Ok(());
                    }
                    // Goals may have changed: the next reminder may be another one.
                    reminders.handle.wake();
                }
                Some(Input::Failed(e)) => return Err(e).context("cannot read standard input"),
                None => break,
            },
        }
    }
    // The input ended: send what has fallen due meanwhile, then stop.
    reminders.catch_up(out).await?;
    reminders.task.abort();
    Ok(())
}

/// A message from the person at this terminal. In the terminal everyone may do everything:
/// whoever has the shell has the database.
fn said(team: &TeamKey, session: &Session, body: Body) -> Incoming {
    Incoming {
        team: team.clone(),
        person: Person::named(&session.user),
        role: Role::Manager,
        body,
    }
}

/// Read standard input on a thread of its own, line by line.
fn read_lines(mut input: Box<dyn BufRead + Send>) -> Result<mpsc::UnboundedReceiver<Input>> {
    let (lines_tx, lines) = mpsc::unbounded_channel();
    std::thread::Builder::new()
        .name("koers-stdin".into())
        .spawn(move || {
            let mut line = Vec::with_capacity(256);
            loop {
                line.clear();
                let item = match read_line(&mut *input, &mut line) {
                    Ok(true) => Input::Line(std::mem::take(&mut line)),
                    Ok(false) => return,
                    Err(e) => Input::Failed(e),
                };
                let failed = matches!(item, Input::Failed(_));
                if lines_tx.send(item).is_err() || failed {
                    return;
                }
            }
        })
        .context("cannot start the input thread")?;
    Ok(lines)
}

/// Retention for the terminal's teams, once at the start of a chat: old rounds and teams whose
/// time is up are removed, silent teams are marked warned (a terminal has no room to post in:
/// each sees its warning at its next start), and this team's warning is shown now, before its
/// start counts as a message that keeps it.
async fn retention_at_start(link: &Link, team: &TeamKey, out: &mut dyn Write) -> Result<()> {
    let key = team.clone();
    let notice = link
        .blocking(move |engine, db| {
            let sweep = engine.retention_sweep(db, "terminal")?;
            for warning in &sweep.warnings {
                engine.mark_warned(db, warning.team_id)?;
            }
            let mut shown: Vec<Reply> = sweep
                .deleted
                .into_iter()
                .filter(|d| d.team.id == key.id)
                .map(|d| Reply::text(d.reply.text))
                .collect();
            if let Some(text) = engine.retention_notice(db, &key)? {
                shown.push(Reply::text(text));
            }
            Ok(shown)
        })
        .await?;
    print_replies(out, &notice)
}

/// One typed line to the engine and its replies printed; a line that is not UTF-8 is refused
/// on stderr in the team's language. `true` when the team was deleted.
async fn answer_line(
    link: &Link,
    team: &TeamKey,
    mut bytes: Vec<u8>,
    said: &impl Fn(Body) -> Incoming,
    pictures: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool> {
    while matches!(bytes.last(), Some(b'\n' | b'\r')) {
        bytes.pop();
    }
    if let Ok(text) = String::from_utf8(bytes) {
        let replies = link.ask(said(Body::Text(text))).await;
        print_replies(out, &replies)?;
        if Reply::ends_team(&replies) {
            return Ok(true);
        }
        for image in replies.iter().filter_map(|r| r.image.as_ref()) {
            let path = pictures.join(&image.name);
            std::fs::write(&path, &image.png)
                .with_context(|| format!("cannot write the picture to {}", path.display()))?;
            let shown = path.display().to_string();
            let line = link
                .text(team, "msg.picture.saved", &[("path", &shown)])
                .await;
            writeln!(out, "{line}\n").context("cannot write to stdout")?;
        }
        for file in replies
            .iter()
            .filter(|r| !printed_whole(r))
            .filter_map(|r| r.file.as_ref())
        {
            let path = pictures.join(&file.name);
            std::fs::write(&path, &file.bytes)
                .with_context(|| format!("cannot write the file to {}", path.display()))?;
            let shown = path.display().to_string();
            let line = link
                .text(team, "msg.export_file.saved", &[("path", &shown)])
                .await;
            writeln!(out, "{line}\n").context("cannot write to stdout")?;
        }
        out.flush().context("cannot write to stdout")?;
    } else {
        let notice = link.text(team, "msg.invalid_utf8", &[]).await;
        writeln!(err, "koers: {notice}").context("cannot write to stderr")?;
    }
    Ok(false)
}

/// Read one line (up to [`LINE_CAP`] bytes kept); false at end of input.
fn read_line(input: &mut dyn BufRead, line: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut read_any = false;
    loop {
        let buf = input.fill_buf()?;
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

/// A personal file (`/mijndata`'s JSON) is for the one person at this keyboard, so it is
/// printed whole after the text; a team's file (`/export html`) is written next to the database,
/// to be passed on.
fn printed_whole(reply: &Reply) -> bool {
    reply.file.is_some() && reply.audience == Audience::Personal
}

fn print_replies(out: &mut dyn Write, replies: &[Reply]) -> Result<()> {
    for reply in replies {
        writeln!(out, "{}", reply.text).context("cannot write to stdout")?;
        if let Some(file) = reply.file.as_ref().filter(|_| printed_whole(reply)) {
            writeln!(out, "{}", String::from_utf8_lossy(&file.bytes))
                .context("cannot write to stdout")?;
        }
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
