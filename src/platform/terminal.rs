//! The terminal platform (`koers chat`): one line in is one message, replies go to stdout.
//! Works interactively and with piped input, so a whole conversation can be scripted.
//! Reminders of the team are printed as they fall due; ones that fell due while koers was not
//! running are printed at start, marked late.

use std::io::{BufRead, Write};
use std::sync::Arc;

use anyhow::{Context, Result};
use tokio::sync::mpsc;

use crate::engine::{Body, Engine, Incoming, Person, Reply, Role, TeamKey};
use crate::prompts::Lang;
use crate::reminders::scheduler::Scheduler;
use crate::reminders::{Delivery, DeliveryError, Sending};
use crate::store::{Db, Scope};

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

/// Prints reminders in this terminal (through the main loop, so output never interleaves).
struct TerminalDelivery {
    printer: mpsc::UnboundedSender<Reply>,
}

impl Delivery for TerminalDelivery {
    fn platform(&self) -> &'static str {
        "terminal"
    }

    fn deliver<'a>(&'a self, _team: &'a TeamKey, reply: &'a Reply, _key: &'a str) -> Sending<'a> {
        // A terminal has no idempotency key to honour: the reply is printed once per send.
        // Buttons are for platforms that have them; the terminal says the commands instead.
        // A closed terminal is the session ending, not the team's fault: the reminder waits
        // for the next session (a failure that may pass).
        let sent = self
            .printer
            .send(Reply::text(reply.text.clone()))
            .map_err(|_| DeliveryError::Transient(anyhow::anyhow!("the terminal has closed")));
        Box::pin(async move { sent })
    }
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
    runtime.block_on(converse(engine, db, session, input, out, err))
}

async fn converse(
    engine: &Arc<Engine>,
    db: &Db,
    session: &Session,
    mut input: Box<dyn BufRead + Send>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let team = TeamKey {
        platform: "terminal".into(),
        id: session.team.clone(),
        name: session.team.clone(),
    };
    // In the terminal everyone may do everything: whoever has the shell has the database.
    let send = |body: Body| Incoming {
        team: team.clone(),
        person: Person::named(&session.user),
        role: Role::Manager,
        body,
    };
    let replies = engine.respond(db, send(Body::Start { lang: session.lang }));
    print_replies(out, &replies)?;

    let team_id = engine.team_id(db, &team)?;
    let (printer, mut printed) = mpsc::unbounded_channel();
    let delivery = Arc::new(TerminalDelivery { printer });
    let (scheduler, reminders) = Scheduler::new(
        Arc::clone(engine),
        db.clone(),
        delivery,
        Scope::Team(team_id),
    );
    let task = tokio::spawn(scheduler.run());

    // Reminders that fell due while koers was not running come first.
    reminders.flush().await?;
    while let Ok(reply) = printed.try_recv() {
        print_replies(out, &[reply])?;
    }

    let (lines_tx, mut lines) = mpsc::unbounded_channel();
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

    loop {
        if session.prompt {
            write!(out, "> ").context("cannot write to stdout")?;
            out.flush().context("cannot write to stdout")?;
        }
        tokio::select! {
            biased;
            Some(reply) = printed.recv() => {
                if session.prompt {
                    // The prompt is waiting on this line; start the reminder below it.
                    writeln!(out).context("cannot write to stdout")?;
                }
                print_replies(out, &[reply])?;
            }
            item = lines.recv() => match item {
                Some(Input::Line(mut bytes)) => {
                    while matches!(bytes.last(), Some(b'\n' | b'\r')) {
                        bytes.pop();
                    }
                    if let Ok(text) = String::from_utf8(bytes) {
                        let replies = engine.respond(db, send(Body::Text(text)));
                        print_replies(out, &replies)?;
                        // Goals may have changed: the next reminder may be another one.
                        reminders.wake();
                    } else {
                        let lang = engine
                            .language_of(db, &team)
                            .unwrap_or(session.lang.unwrap_or(engine.default_lang()));
                        writeln!(err, "koers: {}", engine.texts().get(lang, "msg.invalid_utf8"))
                            .context("cannot write to stderr")?;
                    }
                }
                Some(Input::Failed(e)) => return Err(e).context("cannot read standard input"),
                None => break,
            },
        }
    }
    // The input ended: send what has fallen due meanwhile, then stop.
    reminders.flush().await?;
    while let Ok(reply) = printed.try_recv() {
        print_replies(out, &[reply])?;
    }
    task.abort();
    Ok(())
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
