//! Engine tests of a goal's recorded progress (`/doel voortgang`) shown back: with the goal in
//! `/doel`, `/status` and the Markdown export, and in the evaluation's result question.

use super::tests::Chat;

const GOAL: &str =
    "Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan";

/// The line of goal 1 in a list of goals (not the answers, which say the text too).
fn line_of_goal_1(text: &str) -> &str {
    text.lines()
        .find(|l| l.contains("1. Het aantal studentenkaarten") && l.contains("deadline"))
        .unwrap_or_else(|| panic!("no goal 1 in {text}"))
}

#[test]
fn recorded_progress_is_shown_with_the_goal_and_in_the_result_question() {
    let mut chat = Chat::with_goal(GOAL);
    assert!(
        !line_of_goal_1(&chat.say("/doel")).contains("nu "),
        "no progress yet"
    );
    chat.say("/doel voortgang 1 250");
    let list = chat.say("/doel");
    assert!(line_of_goal_1(&list).contains("nu 250"), "{list}");
    let status = chat.say("/status");
    assert!(line_of_goal_1(&status).contains("nu 250"), "{status}");
    let md = chat
        .engine
        .export(&chat.db, chat.team.clone())
        .expect("export")
        .expect("a plan");
    assert!(line_of_goal_1(&md).contains("nu 250"), "{md}");
    let json = chat.say("/exporteer json");
    assert!(json.contains("\"current\": 250"), "{json}");
    let question = chat.say("/evalueer 1");
    assert!(
        question.contains("(nulmeting 200, nu 250, doel 300)"),
        "{question}"
    );
    chat.say("/taal en");
    assert!(
        line_of_goal_1(&chat.say("/goal")).contains("now 250"),
        "in English"
    );
}

#[test]
fn without_progress_the_result_question_has_baseline_and_target_only() {
    let mut chat = Chat::with_goal(GOAL);
    let question = chat.say("/evalueer 1");
    assert!(question.contains("(nulmeting 200, doel 300)"), "{question}");
}
