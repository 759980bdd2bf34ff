//! Engine tests of an evaluation's result: what cannot be a goal's result is asked again.

use super::tests::{Chat, WALK};
use crate::states::EvaluationStep;

/// Enter goal 1 as `text`, answering its questions (baseline 18, target 30) until step 4.
fn goal(text: &str) -> Chat {
    let mut chat = Chat::new();
    for (key, answer) in WALK {
        if *key == "action.action#1.goal#1.text" {
            break;
        }
        chat.say(answer);
    }
    chat.say(text);
    for _ in 0..10 {
        let cursor = chat.cursor().unwrap_or_default();
        let answer = match cursor.rsplit('.').next().unwrap_or_default() {
            "agreed" => "ja",
            "baseline" => "18",
            "target" => "30",
            "policy_what" => break,
            _ => "nee",
        };
        chat.say(answer);
    }
    assert_eq!(chat.cursor().as_deref(), Some("implementation.policy_what"));
    chat
}

fn step(chat: &Chat) -> EvaluationStep {
    let id = chat.goal(1).id;
    chat.db
        .run(move |s| s.find_goal_evaluation(id))
        .expect("evaluation")
        .expect("one open")
        .step
}

#[test]
fn an_impossible_result_is_asked_again() {
    let mut chat = goal(
        "Binnen drie maanden de open rate van de studentennieuwsbrief van 18% naar 30%, verantwoordelijke: Els",
    );
    chat.say("/evalueer 1");
    for (answer, said) in [
        ("🎉🎉", "geen woord of getal"),
        ("150", "hoogstens 100"),
        ("-5", "0 of meer"),
    ] {
        let out = chat.say(answer);
        assert!(out.contains(said), "{answer}: {out}");
        assert!(out.contains("Wat is het resultaat van doel 1"), "{out}");
        assert_eq!(step(&chat), EvaluationStep::Result, "{answer}");
    }
    chat.say("27%");
    assert_ne!(step(&chat), EvaluationStep::Result);
}

#[test]
fn a_count_above_100_and_a_result_in_words_are_kept() {
    let mut chat =
        goal("Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan");
    chat.say("/evalueer 1");
    chat.say("250");
    assert_eq!(chat.goal(1).target, Some(300.0));
    assert_ne!(step(&chat), EvaluationStep::Result, "250 of 300 is kept");
    let mut chat =
        goal("Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan");
    chat.say("/evalueer 1");
    assert!(chat.say("-5").contains("0 of meer"));
    chat.say("geen idee, de telling liep mis");
    assert_eq!(step(&chat), EvaluationStep::Outcome);
}
