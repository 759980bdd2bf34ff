//! Engine tests of closing the circle: `/stap n` and a new round that starts from the last one.

use super::tests::{Chat, WALK};
use super::*;

/// A chat that followed the walk up to the question `key` (to the end: `""`).
fn walked_to(key: &str) -> Chat {
    let mut chat = Chat::new();
    for (at, answer) in WALK {
        if *at == key {
            break;
        }
        chat.say(answer);
    }
    chat
}

fn walked() -> Chat {
    let chat = walked_to("");
    assert_eq!(chat.cursor(), None, "the walk finishes the round");
    chat
}

#[test]
fn going_back_to_step_two_asks_its_questions_again_with_the_answers_given() {
    let mut chat = walked();
    let out = chat.say("/stap 2");
    assert!(out.contains("Terug naar stap 2"), "{out}");
    assert_eq!(chat.cursor().as_deref(), Some("data.strategy"));
    assert!(
        out.contains("Eerder antwoord: ja"),
        "the given answer is shown: {out}"
    );
    // A new answer replaces the old one; /overslaan keeps it; the next question is asked
    // even though it was answered.
    chat.say("nee");
    assert_eq!(chat.value("data.strategy").as_deref(), Some("no"));
    assert_eq!(chat.cursor().as_deref(), Some("data.vision"));
    chat.say("/overslaan");
    assert_eq!(chat.value("data.vision").as_deref(), Some("yes"));
    assert_eq!(chat.cursor().as_deref(), Some("data.owner"));
    // Through to the sources: "another source?" asked again adds one.
    chat.answer_until("data.source#1", "/overslaan");
    chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("data.source#2.name"));
    for answer in ["Enquête", "intern", "anoniem", "ja", "ja", "ja"] {
        chat.say(answer);
    }
    assert_eq!(chat.cursor().as_deref(), Some("data.source#2"));
    let done = chat.say("nee");
    assert!(done.contains("Stap 2 is opnieuw doorlopen"), "{done}");
    assert_eq!(chat.cursor(), None, "the round was finished and is again");
    assert!(chat.say("/status").contains("Enquête"));
    // Step 3 is not asked again: the revisit ended with step 2.
    assert_eq!(
        chat.value("action.action#1.what").as_deref(),
        Some("Instagram-campagne")
    );
}

#[test]
fn going_back_mid_round_returns_to_the_open_question_afterwards() {
    let mut chat = walked_to("data.doing");
    chat.say("/stap 1");
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));
    chat.answer_until("data.doing", "/overslaan");
    assert_eq!(chat.cursor().as_deref(), Some("data.doing"));
    assert_eq!(
        chat.value("question.important").as_deref(),
        Some("Jong publiek"),
        "kept"
    );
    assert_eq!(chat.value("data.strategy").as_deref(), Some("yes"));
}

#[test]
fn a_step_that_does_not_exist_is_refused_with_the_range() {
    let mut chat = Chat::new();
    chat.say("marketing");
    for bad in ["/stap 5", "/stap 0", "/stap twee", "/stap"] {
        let out = chat.say(bad);
        assert!(
            out.contains("/stap 2"),
            "{bad}: the reply shows how it is used: {out}"
        );
        assert_eq!(
            chat.cursor().as_deref(),
            Some("question.important"),
            "{bad}"
        );
    }
    assert!(chat.say("/stap 9").contains("stap 1 tot en met 4"));
}
