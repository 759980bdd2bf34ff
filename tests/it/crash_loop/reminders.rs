//! The reminder phase of the crash loop: starts killed while they deliver the due reminders,
//! and each session's printed reminders sorted against the database (sent, resent after a kill,
//! duplicated, lost, flagged as a possible repeat).

use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

use super::{KILLS, LATER, Rng, Tally};
use crate::common::{Chat, Sandbox};

/// The line koers prints above a reminder it may have shown before
/// (`msg.reminder.possible_repeat`).
const POSSIBLE_REPEAT: &str = "(Mogelijk een herhaling:";
/// Put in front of a reminder line printed under [`POSSIBLE_REPEAT`].
const FLAGGED: &str = "[flagged] ";

/// The reminder lines in a session's output, flagged when the possible-repeat line is above
/// them (right above, or above the late line).
fn reminder_lines(out: &str) -> Vec<String> {
    let lines: Vec<&str> = out.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains('⏰'))
        .map(|(i, l)| {
            let above = &lines[i.saturating_sub(2)..i];
            if above.iter().any(|a| a.contains(POSSIBLE_REPEAT)) {
                format!("{FLAGGED}{l}")
            } else {
                (*l).to_string()
            }
        })
        .collect()
}

/// Which stored reminder a printed line is: (goal or action number, kind, days before). The
/// wording differs when it is late, so the line itself is no identity.
fn identity(line: &str) -> (i64, &'static str, i64) {
    let lower = line.to_lowercase();
    let number_after = |word: &str| -> Option<i64> {
        let at = lower.find(word)? + word.len();
        let digits: String = lower[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let n = number_after("doel ")
        .or_else(|| number_after("actie "))
        .unwrap_or_else(|| panic!("no goal or action number in {line:?}"));
    let kind = if line.contains("De deadline van") || line.contains("Vandaag (") {
        "deadline"
    } else if line.contains("staat nog open") || line.contains("wacht nog op antwoord") {
        "nudge"
    } else {
        "before"
    };
    // A deadline one day away is "morgen", not "nog 1 dag(en)".
    let days = if kind == "before" && line.contains("(morgen)") {
        1
    } else if kind == "before" {
        let end = line.find(" dag(en)").expect("days in a heads-up");
        let digits: String = line[..end]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .chars()
            .rev()
            .collect::<String>()
            .parse()
            .expect("days")
    } else {
        0
    };
    (n, kind, days)
}

/// The index of the stored reminder a printed line is.
pub(super) fn row_of(rows: &[crate::common::ReminderRow], line: &str) -> usize {
    let (n, kind, days) = identity(line);
    rows.iter()
        .position(|r| r.0 == n && r.1 == kind && (kind != "before" || r.2 == days))
        .unwrap_or_else(|| panic!("no stored reminder for {line:?}: {rows:#?}"))
}

/// Restart later, when every reminder is due, and kill each start at a random moment while
/// it delivers; then one start that runs to the end. Returns every reminder line printed.
pub(super) fn reminders_with_kills(
    sandbox: &Sandbox,
    rng: &mut Rng,
    tally: &mut Tally,
) -> Vec<String> {
    let mut later = Chat::new("team", "ann");
    later.now = Some(LATER.to_string());
    // Each start half a minute after the next reminder's time (on time, so a heads-up says
    // the days it was planned for), then every start after all of them.
    let mut moments: Vec<(String, String)> = sandbox
        .reminders("team")
        .iter()
        .filter(|r| r.3.as_str() < LATER)
        .map(|r| {
            let local: jiff::civil::DateTime = r.3.parse().expect("local time");
            let at = local
                .in_tz("Europe/Amsterdam")
                .expect("zone")
                .timestamp()
                .checked_add(jiff::SignedDuration::from_secs(30))
                .expect("instant");
            (r.3.clone(), at.to_string())
        })
        .collect();
    moments.dedup();
    let mut moments = moments.into_iter().peekable();
    let mut printed = Vec::new();
    while tally.kills < KILLS {
        // The next moment only once everything due by this one is out: a heads-up sent on
        // its own day says "nog <days>", its planned days, which tells the heads-ups apart.
        let rows = sandbox.reminders("team");
        while moments
            .peek()
            .is_some_and(|(local, _)| !rows.iter().any(|r| r.4 == "pending" && r.3 <= *local))
        {
            moments.next();
        }
        let mut chat = later.clone();
        if let Some((_, at)) = moments.peek() {
            chat.now = Some(at.clone());
        }
        let before = sandbox.reminders("team");
        let mut session = sandbox.spawn(&chat);
        if rng.below(2) == 0 {
            // Killed at a random moment of the start.
            std::thread::sleep(Duration::from_micros(rng.below(30_000)));
        } else {
            // Killed a moment after the first reminder line, as the due reminders go out (they
            // come before the welcome back; the welcome when none is due).
            session.read_until_any(&["⏰", "Welkom terug, team!"]);
            std::thread::sleep(Duration::from_micros(rng.below(3_000)));
        }
        let (status, out) = session.kill_with_output();
        assert_eq!(status.signal(), Some(9), "killed, not ended: {status}");
        tally.kills += 1;
        let lines = reminder_lines(&out);
        let after = sandbox.reminders("team");
        account(&before, &after, &lines, tally);
        if !lines.is_empty() || sent_in(&after) > sent_in(&before) {
            tally.kills_while_delivering += 1;
        }
        printed.extend(lines);
    }
    let before = sandbox.reminders("team");
    let mut last = sandbox.spawn(&later);
    let export = last.export_now();
    assert!(export.contains("# koers — "), "{export}");
    let done = last.finish();
    done.assert_success();
    let lines = reminder_lines(&done.stdout);
    let after = sandbox.reminders("team");
    account(&before, &after, &lines, tally);
    printed.extend(lines);
    printed
}

pub(super) fn sent_in(rows: &[crate::common::ReminderRow]) -> usize {
    rows.iter().filter(|r| r.4 == "sent").count()
}

/// Sort one session's printed reminders against the database before and after it: a print
/// of one already sent before is a duplicate; one still pending afterwards was cut off
/// between print and record (it goes out again); one recorded but not printed is lost.
fn account(
    before: &[crate::common::ReminderRow],
    after: &[crate::common::ReminderRow],
    lines: &[String],
    tally: &mut Tally,
) {
    let mut printed = vec![0usize; after.len()];
    let mut seen_now = Vec::new();
    for line in lines {
        let at = row_of(after, line);
        printed[at] += 1;
        let row = &after[at];
        let id = (row.0, row.1.clone(), row.2, row.3.clone());
        let flagged = line.starts_with(FLAGGED);
        if tally.shown.contains(&id) {
            tally.repeats += 1;
            if !flagged {
                tally.unflagged_repeats += 1;
            }
        } else if flagged {
            tally.flagged_first_prints += 1;
        }
        seen_now.push(id);
    }
    tally.shown.extend(seen_now);
    for (now, times) in after.iter().zip(printed) {
        let was = before
            .iter()
            .find(|b| (b.0, &b.1, b.2, &b.3) == (now.0, &now.1, now.2, &now.3))
            .map_or("new", |b| b.4.as_str());
        match (was, now.4.as_str(), times) {
            ("pending", "sent", 0) => tally.lost_reminders += 1,
            (_, _, 0) => {}
            ("sent", _, n) => tally.duplicated += n,
            (_, "pending", n) => tally.resent_after_kill += n,
            (_, _, n) => tally.duplicated += n - 1,
        }
    }
}
