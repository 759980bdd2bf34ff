//! End-to-end: `koers chat` killed with SIGKILL mid-conversation loses nothing it acknowledged.
//!
//! An answer is acknowledged when koers prints the next question: the engine prints a reply only
//! after the transaction that stored the answer committed. After `n` acknowledged answers one
//! more answer is sent and the process is killed at once, so that answer may or may not have
//! made it; either way the database must be consistent (the answer is stored exactly when the
//! conversation resumes after it). Then the walk is finished in the new process and must end
//! exactly as an uninterrupted one.

mod common;

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;

use common::{
    Chat, FINISHED, FIRST_QUESTION, Sandbox, WALK, WALK_COMPUTED, assert_walk_stored, step_title_nl,
};

fn kill_after(acknowledged: usize) {
    assert!(acknowledged >= 1 && acknowledged + 1 < WALK.len());
    let sandbox = Sandbox::new();
    let chat = Chat::new("team", "ann");

    let mut first = sandbox.spawn(&chat);
    first.read_until(FIRST_QUESTION);
    for line in &WALK[..acknowledged] {
        first.answer(line.input, line.next);
    }
    // One more, not waited for: killed while (or before, or after) handling it.
    let in_flight = &WALK[acknowledged];
    first.send_line(in_flight.input);
    let status = first.kill();
    assert_eq!(
        status.signal(),
        Some(9),
        "koers was killed by SIGKILL, not ended: {status}"
    );

    // Start again on the same database.
    let mut second = sandbox.spawn(&chat);
    second.read_until("Welkom terug, team! We gaan verder bij ");
    let (which, between) = second.read_until_any(&[WALK[acknowledged - 1].next, in_flight.next]);
    let resumed_at = acknowledged + which;
    let step = step_title_nl(WALK[resumed_at].key);
    assert!(
        between.starts_with(&format!("{step}.\n\n")),
        "welcome back names {step}, then asks the open question; got:\n{between}"
    );

    // Every acknowledged answer (and the in-flight one exactly when koers moved past it) is
    // in the export and in the answers table, and nothing else is.
    let export = second.export_now();
    assert_walk_stored(&sandbox, "team", "ann", resumed_at, &export);
    let rows = sandbox.answers("team", 1);
    assert_eq!(
        rows.iter().any(|r| r.key == in_flight.key),
        which == 1,
        "the in-flight answer {:?} is stored exactly when the conversation moved past it",
        in_flight.input
    );
    let given = WALK[..resumed_at].iter().filter(|l| !l.computed()).count();
    assert_eq!(
        rows.iter().filter(|r| !r.computed).count(),
        given,
        "only the answers given are stored: {rows:#?}"
    );
    assert_eq!(
        export.lines().filter(|l| l.starts_with("- **")).count(),
        given
    );
    assert_eq!(
        sandbox.team_field("team", "cursor").as_deref(),
        Some(WALK[resumed_at].asked_key().as_str()),
        "the stored cursor is the question asked"
    );

    // Finish the walk in the new process: the result is that of an uninterrupted walk.
    for line in &WALK[resumed_at..] {
        second.answer(line.input, line.next);
    }
    let done = second.finish();
    done.assert_success();
    assert!(done.stdout.contains(FINISHED));
    let stored: BTreeSet<(String, Option<String>, bool)> = sandbox
        .answers("team", 1)
        .into_iter()
        .map(|r| (r.key, r.value, r.computed))
        .collect();
    let expected: BTreeSet<(String, Option<String>, bool)> = WALK
        .iter()
        .filter(|l| !l.computed())
        .map(|l| (l.key.to_string(), Some(l.stored.to_string()), false))
        .chain(
            WALK_COMPUTED
                .iter()
                .map(|(k, v)| (k.to_string(), Some(v.to_string()), true)),
        )
        .collect();
    assert_eq!(stored, expected);
    let conn = sandbox.open_db();
    let goals: i64 = conn
        .query_row("SELECT count(*) FROM goals", [], |r| r.get(0))
        .expect("count goals");
    assert_eq!(goals, 1);
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok");
}

/// Killed after three answers of step 1.
#[test]
fn sigkill_mid_step_one() {
    kill_after(3);
}

/// Killed while "klaar" ends the "5x waarom" group (a value the engine records itself).
#[test]
fn sigkill_at_the_why_stop_word() {
    kill_after(11);
}

/// Killed inside the first data source, between its hygiene questions.
#[test]
fn sigkill_inside_a_data_source_group() {
    kill_after(28);
}

/// Killed while answering "another data source?" (the end of a repeating group).
#[test]
fn sigkill_at_the_end_of_a_data_source_round() {
    kill_after(30);
}

/// Killed in step 4, between a condition and the question who picks it up.
#[test]
fn sigkill_in_step_four_before_an_owner_answer() {
    kill_after(53);
}
