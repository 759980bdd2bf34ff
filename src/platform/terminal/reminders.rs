//! The reminders of the terminal's team: its scheduler, delivering by handing each reminder to
//! the main loop, which prints it between conversation lines.

use std::io::Write;
use std::sync::Arc;

use anyhow::Result;
use tokio::sync::{mpsc, oneshot};

use super::print_replies;
use crate::engine::{Reply, TeamKey};
use crate::platform::kit::Link;
use crate::reminders::scheduler::{Handle, Scheduler};
use crate::reminders::{Delivery, DeliveryError, Sending};
use crate::store::Scope;

/// A reminder for the main loop to print, and who to tell once it is on the screen.
pub(super) type Printing = (Reply, oneshot::Sender<()>);

/// Prints reminders in this terminal (through the main loop, so output never interleaves).
struct TerminalDelivery {
    printer: mpsc::UnboundedSender<Printing>,
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
        // The send counts as done only once the line is printed and flushed, so it is recorded
        // after it is on the screen: a crash in between prints it again at the next start
        // (the terminal cannot drop a resend), but never records a reminder nobody saw.
        let (done, printed) = oneshot::channel();
        let queued = self.printer.send((Reply::text(reply.text.clone()), done));
        Box::pin(async move {
            let closed = || DeliveryError::Transient(anyhow::anyhow!("the terminal has closed"));
            queued.map_err(|_| closed())?;
            printed.await.map_err(|_| closed())
        })
    }
}

/// Print a reminder and tell its delivery it is out.
pub(super) fn print_reminder(out: &mut dyn Write, (reply, done): Printing) -> Result<()> {
    print_replies(out, &[reply])?;
    if done.send(()).is_err() {
        // The delivery timed out and gave up; it is tried again and printed again then.
        tracing::debug!("a printed reminder's delivery had stopped waiting");
    }
    Ok(())
}

/// The team's reminder scheduler, printing through the main loop.
pub(super) struct Reminders {
    /// Wakes the scheduler when goals may have changed.
    pub(super) handle: Handle,
    /// The reminders to print, each with who to tell once it is out.
    pub(super) printed: mpsc::UnboundedReceiver<Printing>,
    /// The scheduler's task, aborted when the chat ends.
    pub(super) task: tokio::task::JoinHandle<()>,
}

impl Reminders {
    /// Start the scheduler for this terminal's team (its store id).
    pub(super) fn start(link: &Link, team_id: i64) -> Reminders {
        let (printer, printed) = mpsc::unbounded_channel();
        let (scheduler, handle) = Scheduler::new(
            Arc::clone(link.engine()),
            link.db().clone(),
            Arc::new(TerminalDelivery { printer }),
            Scope::Team(team_id),
        );
        let task = tokio::spawn(scheduler.run());
        Reminders {
            handle,
            printed,
            task,
        }
    }

    /// Send what has fallen due and print it.
    pub(super) async fn catch_up(&mut self, out: &mut dyn Write) -> Result<()> {
        // Each delivery waits for its line to be printed: print while the flush runs.
        let flush = self.handle.flush();
        tokio::pin!(flush);
        loop {
            tokio::select! {
                biased;
                Some(printing) = self.printed.recv() => print_reminder(out, printing)?,
                done = &mut flush => {
                    done?;
                    break;
                }
            }
        }
        while let Ok(printing) = self.printed.try_recv() {
            print_reminder(out, printing)?;
        }
        Ok(())
    }
}
