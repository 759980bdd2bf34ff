//! Engine tests of an evaluation that ends without an outcome: a team that skips "is the goal
//! achieved?" (or does not know) has not said "no", so the goal is not assessed, never "not
//! achieved", wherever its outcome shows.

use super::tests::Chat;
use crate::states::{EvaluationStep, GoalStatus};
use crate::store::Evaluation;

const GOAL: &str =
    "Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan";

fn evaluation(chat: &Chat) -> Evaluation {
    let id = chat.goal(1).id;
    chat.db
        .run(move |s| s.find_goal_evaluation(id))
        .expect("evaluation")
        .expect("one")
}

/// The line of goal 1 in `text` (`/doel`, `/status`, the export).
fn goal_line(text: &str) -> &str {
    text.lines()
        .find(|l| l.contains("studentenkaarten verhogen naar 300") && l.contains("SMART"))
        .unwrap_or_else(|| panic!("goal 1 in {text}"))
}

/// Evaluate goal 1, answering the result with `result` and "is it achieved?" with `outcome`,
/// then the other questions, up to the next goal; returns what koers said to that last answer.
fn evaluate(chat: &mut Chat, result: &str, outcome: &str) -> String {
    chat.say("/evalueer 1");
    let asked = chat.say(result);
    assert!(asked.contains("Is doel 1 gehaald?"), "{asked}");
    assert_eq!(evaluation(chat).step, EvaluationStep::Outcome);
    chat.say(outcome);
    assert_eq!(
        evaluation(chat).step,
        EvaluationStep::Effects,
        "the evaluation goes on"
    );
    chat.say("Meer aanmeldingen via school");
    chat.say("Eerder beginnen");
    chat.say("nee")
}

#[test]
fn a_skipped_outcome_is_recorded_as_not_assessed_and_shown_so() {
    let mut chat = Chat::with_goal(GOAL);
    let next = evaluate(&mut chat, "/overslaan", "/overslaan");
    assert!(next.contains("volgende doel"), "{next}");
    let done = chat.say("nee");
    assert!(done.contains("niet beoordeeld"), "{done}");
    assert!(!done.contains("niet gehaald"), "{done}");

    assert_eq!(chat.goal(1).status, GoalStatus::NotAssessed);
    let ev = evaluation(&chat);
    assert_eq!(ev.step, EvaluationStep::Done);
    assert_eq!(
        ev.outcome, None,
        "no outcome is stored that the team did not give"
    );

    for command in ["/doel", "/status", "/export"] {
        let out = chat.say(command);
        let line = goal_line(&out);
        assert!(line.contains("niet beoordeeld"), "{command}: {line}");
        assert!(!line.contains("niet gehaald"), "{command}: {line}");
    }
}

#[test]
fn not_knowing_whether_the_goal_was_achieved_is_not_assessed_and_no_is_not_achieved() {
    let mut chat = Chat::with_goal(GOAL);
    evaluate(&mut chat, "/overslaan", "weet ik niet");
    chat.say("nee");
    assert_eq!(chat.goal(1).status, GoalStatus::NotAssessed);
    assert_eq!(evaluation(&chat).outcome, None);

    // The team's own "nee" still is "not achieved".
    let mut chat = Chat::with_goal(GOAL);
    evaluate(&mut chat, "/overslaan", "nee");
    let done = chat.say("nee");
    assert!(done.contains("niet gehaald"), "{done}");
    assert_eq!(chat.goal(1).status, GoalStatus::NotAchieved);
}

#[test]
fn a_result_in_words_then_a_skipped_outcome_keeps_the_words_and_proposes_the_same_target() {
    let mut chat = Chat::with_goal(GOAL);
    chat.say("/doel voortgang 1 250");
    let next = evaluate(&mut chat, "ongeveer zoals vorig jaar", "/overslaan");
    // Not known to be reached: the proposal starts where the team stands and keeps the target,
    // as it would for a goal not reached, without saying it was not reached.
    assert!(next.contains("van 250 naar 300"), "{next}");
    assert!(!next.contains("niet gehaald"), "{next}");
    chat.say("nee");
    let ev = evaluation(&chat);
    assert_eq!(ev.result.as_deref(), Some("ongeveer zoals vorig jaar"));
    assert_eq!((ev.value, ev.outcome), (None, None));
    assert_eq!(chat.goal(1).status, GoalStatus::NotAssessed);
}
