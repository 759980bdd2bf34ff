//! Engine tests of "the question the next answer goes to" ([`super::open`]): an open evaluation
//! is the question shown by `/start`, the welcome back, `/status` and wherever the walk stops,
//! in both languages, and the answer that follows goes to it.

use std::sync::Arc;

use super::tests::{Chat, WALK};
use super::{Body, Engine, FixedClock, Settings};
use crate::prompts::Lang;
use crate::states::GoalStatus;
use crate::store::Scope;

/// The first goal's flow question right after it is recorded: "another goal for this action?".
pub(super) const MORE_GOALS: &str = "Hoort er nog een doel bij deze actie?";
pub(super) const RESULT_1: &str = "Wat is het resultaat van doel 1?";
pub(super) const EFFECTS_1: &str = "Wat waren de effecten van de actie bij doel 1";

fn text(chat: &Chat, lang: Lang, key: &str) -> String {
    chat.engine.texts().get(lang, key).into()
}

/// Walk the WALK until the cursor is at `key`.
fn walk_to(chat: &mut Chat, key: &str) {
    for (at, answer) in WALK {
        if *at == key {
            return;
        }
        chat.say(answer);
    }
    panic!("{key} is not in the walk");
}

/// Goal 1 recorded (with baseline 100 and target 120), the cursor on "another goal?", and
/// its evaluation opened with `/evalueer 1`.
pub(super) fn evaluating() -> Chat {
    let mut chat = Chat::new();
    walk_to(&mut chat, "action.action#1.goal#1");
    assert!(chat.say("/evalueer 1").contains(RESULT_1));
    chat
}

#[test]
fn a_restart_shows_the_open_evaluation_and_the_next_answer_goes_to_it() {
    let mut chat = evaluating();
    // A new start of koers: the welcome back names the evaluation and asks its question.
    let welcome = chat.send(Body::Start { lang: None });
    assert!(
        welcome.contains(&text(&chat, Lang::Nl, "msg.welcome_back_open").replace("{team}", "t")),
        "{welcome}"
    );
    assert!(welcome.contains(RESULT_1), "{welcome}");
    assert!(!welcome.contains(MORE_GOALS), "{welcome}");
    let start = chat.say("/start");
    assert!(
        start.contains(RESULT_1) && !start.contains(MORE_GOALS),
        "{start}"
    );
    let status = chat.say("/status");
    assert!(
        status.contains("Huidige vraag (evaluatie van doel 1): Wat is het resultaat van doel 1?"),
        "{status}"
    );
    assert!(
        status.contains(&format!(
            "Daarna verder met: Actie 1 · Doel 1 · {MORE_GOALS}"
        )),
        "the plan's question comes after it: {status}"
    );
    assert!(!status.contains("Huidige vraag: "), "{status}");
    // The answer goes where the question said, and the next one is asked.
    let next = chat.say("geen idee");
    assert!(next.contains("Is doel 1 gehaald?"), "{next}");
    // Halfway, a restart asks the evaluation's question at its step.
    let welcome = chat.send(Body::Start { lang: None });
    assert!(welcome.contains("Is doel 1 gehaald?"), "{welcome}");
    // The same in English.
    chat.say("/taal en");
    let start = chat.say("/start");
    assert!(
        start.contains("Welcome back, t! First the question that is still open"),
        "{start}"
    );
    assert!(start.contains("Was goal 1 achieved?"), "{start}");
    let status = chat.say("/status");
    assert!(
        status.contains("Current question (evaluation of goal 1): Was goal 1 achieved?"),
        "{status}"
    );
    assert!(
        status.contains("After that: Action 1 · Goal 1 · "),
        "{status}"
    );
}

#[test]
fn the_proposal_for_the_next_goal_is_asked_again_as_it_was_made() {
    let mut chat = evaluating();
    for answer in ["115", "Meer bereik", "Eerder beginnen"] {
        chat.say(answer);
    }
    let proposal = chat.say("nee");
    assert!(proposal.contains("van 115 naar 120"), "{proposal}");
    let start = chat.say("/start");
    assert!(start.contains("van 115 naar 120"), "{start}");
    // Once the evaluation is done, the plan's question is the current one again.
    chat.say("nee");
    assert_eq!(chat.goal(1).status, GoalStatus::Partly);
    let start = chat.say("/start");
    assert!(start.contains(MORE_GOALS), "{start}");
    assert!(chat.say("/status").contains("Huidige vraag: Actie 1"));
}

#[test]
fn a_walk_that_stops_while_an_evaluation_is_open_asks_the_evaluation() {
    let mut chat = evaluating();
    // A new round walks the plan from its start; the next answer still goes to the evaluation.
    let out = chat.say("/nieuw");
    assert!(out.contains(RESULT_1), "{out}");
    assert!(chat.say("115").contains(EFFECTS_1));
    assert!(
        chat.say("/overslaan")
            .contains("Wat moet er anders bij doel 1?"),
        "skipping skips the evaluation's question"
    );
}

#[test]
fn a_deadline_prompt_before_the_start_makes_the_welcome_ask_the_evaluation() {
    let mut chat = Chat::new();
    walk_to(&mut chat, "action.action#1.goal#1");
    let deadline = chat
        .goal(1)
        .deadline
        .expect("a deadline in the walk's goal");
    let later: jiff::Timestamp = format!("{deadline}T12:00:00Z").parse().expect("time");
    chat.engine =
        Arc::new(Engine::new(Box::new(FixedClock(later)), Settings::default()).expect("engine"));
    // The scheduler delivers what is due, as at a start of koers after the deadline.
    loop {
        let next = chat
            .db
            .run(|s| s.next_pending_reminder(&Scope::Platform("test".into())))
            .expect("next");
        let Some((id, due)) = next.filter(|(_, due)| *due <= later.as_second()) else {
            break;
        };
        assert!(due <= later.as_second());
        if let Some(out) = chat.engine.prepare_reminder(&chat.db, id).expect("prepare") {
            chat.engine
                .confirm_reminder(&chat.db, &out, "test")
                .expect("confirm");
        }
    }
    assert_eq!(chat.goal(1).status, GoalStatus::Evaluating);
    let welcome = chat.send(Body::Start { lang: None });
    assert!(welcome.contains(RESULT_1), "{welcome}");
    assert!(!welcome.contains(MORE_GOALS), "{welcome}");
    assert!(chat.say("110").contains(EFFECTS_1));
}

#[test]
fn an_open_action_check_after_the_plan_is_the_question_not_the_end_of_the_plan() {
    let mut chat = Chat::new();
    for (_, answer) in WALK {
        chat.say(answer);
    }
    assert_eq!(chat.cursor(), None);
    let action = chat.goal(2);
    assert_eq!(action.text, "Duidelijk mandaat");
    chat.say("/evalueer 2");
    let finished = text(&chat, Lang::Nl, "msg.finished");
    let check = "Is 'Duidelijk mandaat' (actie 2, bij Directie) nu geregeld?";
    for start in [chat.send(Body::Start { lang: None }), chat.say("/start")] {
        assert!(start.contains(check), "{start}");
        assert!(!start.contains(&finished), "{start}");
    }
    let status = chat.say("/status");
    assert!(
        status.contains(&format!("Huidige vraag (actie 2 uit stap 4): {check}")),
        "{status}"
    );
    chat.say("ja");
    assert_eq!(chat.goal(2).status, GoalStatus::Closed);
    let start = chat.say("/start");
    assert!(start.contains(&finished), "{start}");
}

#[test]
fn evaluating_a_goal_again_takes_the_answers_that_follow() {
    let mut chat = evaluating();
    for answer in ["125", "Meer bereik", "Niets", "nee", "nee"] {
        chat.say(answer);
    }
    assert_eq!(chat.goal(1).status, GoalStatus::Achieved);
    let cursor = chat.cursor();
    assert!(chat.say("/evalueer 1").contains(RESULT_1));
    let next = chat.say("105");
    assert!(next.contains(EFFECTS_1), "{next}");
    assert_eq!(
        chat.cursor(),
        cursor,
        "the plan's question was not answered"
    );
}

#[test]
fn a_second_evaluation_waits_for_the_open_one_and_says_so() {
    let mut chat = Chat::new();
    for (_, answer) in WALK {
        chat.say(answer);
    }
    chat.say("/evalueer 1");
    let out = chat.say("/evalueer 2");
    assert!(out.contains("Doel 2 komt daarna"), "{out}");
    assert!(out.contains(RESULT_1), "the open one is asked: {out}");
    assert!(chat.say("110").contains(EFFECTS_1));
}
