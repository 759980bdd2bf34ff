//! End-to-end: `koers chat` killed with SIGKILL mid-conversation loses nothing it acknowledged.
//!
//! An answer is acknowledged when koers prints the next question: the engine prints a reply only
//! after the transaction that stored the answer committed. After `n` acknowledged answers one
//! more answer is sent and the process is killed at once, so that answer may or may not have
//! made it; either way the database must be consistent (the answer is stored exactly when the
//! conversation resumes after it). Then the walk is finished in the new process and must end
//! exactly as an uninterrupted one.

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;

use crate::common::{
    Chat, FINISHED, FIRST_QUESTION, Sandbox, WALK, assert_walk_stored, computed_after,
    export_answer_count, line_of, step_title_nl, walk_rows,
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
    // What koers works out from an answer (scores, the SMART check, the deadline it reads in
    // the goal text) is committed with that answer: all of it or none of it.
    let computed: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.computed)
        .map(|r| r.key.as_str())
        .collect();
    let expected: BTreeSet<&str> = computed_after(resumed_at).iter().map(|c| c.key).collect();
    assert_eq!(computed, expected, "computed rows after {resumed_at} lines");
    assert_eq!(
        export.lines().filter(|l| l.starts_with("- **")).count(),
        export_answer_count(resumed_at)
    );
    // The goal row and its reminders exist exactly when the goal was recorded.
    let recorded = expected.contains("action.action#1.goal#1.record");
    let goals = sandbox.goals("team");
    assert_eq!(goals.len(), usize::from(recorded), "{goals:#?}");
    assert_eq!(
        !sandbox.reminders("team").is_empty(),
        recorded,
        "reminders are planned with the goal"
    );
    assert_eq!(
        sandbox.team("team").cursor.as_deref(),
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
    let stored: BTreeSet<(String, String, bool)> = sandbox
        .answers("team", 1)
        .into_iter()
        .map(|r| {
            let value = r.value.unwrap_or_else(|| panic!("{} has no value", r.key));
            (r.key, value, r.computed)
        })
        .collect();
    assert_eq!(stored, walk_rows(WALK.len()));
    let goals = sandbox.goals("team");
    assert_eq!(goals.len(), 1, "{goals:#?}");
    assert_eq!(
        (goals[0].number, goals[0].deadline.as_deref()),
        (1, Some(crate::common::GOAL_NL_DEADLINE)),
        "one goal, numbered once"
    );
    assert_eq!(sandbox.database().integrity(), ["ok"]);
}

/// Killed after three answers of step 1.
#[test]
fn sigkill_mid_step_one() {
    kill_after(3);
}

/// Killed while "klaar" ends the "5x waarom" group (a value the engine records itself).
#[test]
fn sigkill_at_the_why_stop_word() {
    kill_after(line_of("question.why#3"));
}

/// Killed inside the first data source, between its hygiene questions.
#[test]
fn sigkill_inside_a_data_source_group() {
    kill_after(line_of("data.source#1.current"));
}

/// Killed while answering "another data source?" (the end of a repeating group).
#[test]
fn sigkill_at_the_end_of_a_data_source_round() {
    kill_after(line_of("data.source#1"));
}

/// Killed while the goal text is handled: its answer, its SMART check and the deadline koers
/// reads in it are one transaction. Resumed before it, the goal is asked again; after it, the
/// owner is asked and the deadline is not.
#[test]
fn sigkill_at_the_goal_text_of_step_three() {
    kill_after(line_of("action.action#1.goal#1.text"));
}

/// Killed while the target is handled: the goal row, its number and its reminders are written
/// with that answer.
#[test]
fn sigkill_at_the_target_that_records_the_goal() {
    kill_after(line_of("action.action#1.goal#1.target"));
}

/// Killed in step 4, between a condition and the question who picks it up.
#[test]
fn sigkill_in_step_four_before_an_owner_answer() {
    kill_after(line_of("implementation.sharing.owner"));
}
