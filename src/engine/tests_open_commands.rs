//! Engine tests of commands given while an evaluation is open: a command that would take the
//! next answer elsewhere waits for the evaluation, a moved deadline closes it, and a goal that
//! is done with gets no reminders from a command.

use anyhow::Context;

use super::tests::{Chat, WALK};
use super::tests_open::{EFFECTS_1, MORE_GOALS, RESULT_1, evaluating};
use super::{Body, GoalDraft};
use crate::states::GoalStatus;
use crate::store::Evaluation;

const FIRST_NL: &str = "Eerst de evaluatie van doel 1: die staat nog open";

/// Goal 1's evaluation, finished or not.
fn evaluation(chat: &Chat) -> Option<Evaluation> {
    let id = chat.goal(1).id;
    chat.db
        .run(move |s| s.find_goal_evaluation(id))
        .expect("evaluation")
}

/// Goal 1's reminders still to come.
fn pending_reminders(chat: &Chat) -> i64 {
    let id = chat.goal(1).id;
    chat.db
        .run(move |s| s.count_goal_reminders(id).map(|(pending, _)| pending))
        .expect("reminders")
}

/// The plan's open question as `/status` names it after an open evaluation.
fn then_the_plan(chat: &mut Chat) -> bool {
    chat.say("/status").contains(&format!(
        "Daarna verder met: Actie 1 · Doel 1 · {MORE_GOALS}"
    ))
}

#[test]
fn asking_an_answer_again_or_a_step_or_a_new_goal_waits_for_the_open_evaluation() {
    let mut chat = evaluating();
    let cursor = chat.cursor();
    let focus = chat.value("question.focus");
    for cmd in [
        "/wijzig 1",
        "/stap 2",
        "/doel nieuw",
        "/doel nieuw Meer bezoekers",
    ] {
        let out = chat.say(cmd);
        assert!(out.contains(FIRST_NL), "{cmd}: {out}");
        assert!(
            out.contains(RESULT_1),
            "{cmd} asks the evaluation again: {out}"
        );
        assert!(!out.contains("Geef het nieuwe antwoord"), "{cmd}: {out}");
        assert_eq!(chat.cursor(), cursor, "{cmd} moved the plan");
        assert!(then_the_plan(&mut chat), "{cmd}");
    }
    // The next answer goes to the evaluation; the plan's answers stay as they were.
    assert!(chat.say("115").contains(EFFECTS_1));
    assert!(chat.say("Theaterkorting").contains("Wat moet er anders"));
    let ev = evaluation(&chat).context("evaluation").expect("open");
    assert_eq!(ev.result.as_deref(), Some("115"));
    assert_eq!(ev.effects.as_deref(), Some("Theaterkorting"));
    assert_eq!(chat.value("question.focus"), focus);
    assert_eq!(chat.cursor(), cursor);
    chat.say("/taal en");
    let out = chat.say("/change 1");
    assert!(
        out.contains("First the evaluation of goal 1: it is still open"),
        "{out}"
    );
}

/// Goal 1's answers of the plan as stored: what a goal entered on the side would change.
fn goal_answers(chat: &Chat) -> Vec<(String, Option<String>)> {
    chat.answers()
        .into_iter()
        .map(|a| (a.key, a.value))
        .collect()
}

#[test]
fn a_goal_form_waits_for_the_open_evaluation_as_the_typed_command_does() {
    let mut chat = evaluating();
    let cursor = chat.cursor();
    let answers = goal_answers(&chat);
    let takes_form = |chat: &Chat| {
        chat.engine
            .takes_goal_form(&chat.db, &chat.team)
            .expect("read")
    };
    assert!(
        !takes_form(&chat),
        "a platform is told not to open its form"
    );
    let typed = chat.say("/doel nieuw Meer bezoekers onder 25");
    let form = chat.send(Body::Goal(GoalDraft {
        text: "Meer bezoekers onder 25".into(),
        owner: "Marketing".into(),
        deadline: "30-06-2027".into(),
        baseline: "100".into(),
        target: "110".into(),
    }));
    assert_eq!(form, typed, "the form is answered as the typed command");
    assert!(form.contains(FIRST_NL), "{form}");
    assert!(
        form.contains(RESULT_1),
        "the evaluation is asked again: {form}"
    );
    assert_eq!(chat.cursor(), cursor, "the form moved the plan");
    assert_eq!(goal_answers(&chat), answers, "the form wrote answers");
    let list = chat.say("/doel");
    assert!(!list.contains("Meer bezoekers onder 25"), "{list}");
    assert!(then_the_plan(&mut chat));
    // The next answer still goes to the evaluation.
    assert!(chat.say("115").contains(EFFECTS_1));
    assert_eq!(
        evaluation(&chat).and_then(|e| e.result).as_deref(),
        Some("115")
    );
    for answer in ["Meer bereik", "Niets", "nee", "nee"] {
        chat.say(answer);
    }
    assert!(
        takes_form(&chat),
        "the evaluation is done: the form may open"
    );
}

#[test]
fn going_back_during_an_open_evaluation_leaves_the_plan_where_it_is() {
    let mut chat = evaluating();
    let cursor = chat.cursor();
    for _ in 0..3 {
        let out = chat.say("/terug");
        assert!(out.contains(FIRST_NL), "{out}");
        assert!(out.contains(RESULT_1), "{out}");
        assert_eq!(chat.cursor(), cursor, "/terug moved the plan back");
        assert!(then_the_plan(&mut chat));
    }
}

#[test]
fn moving_the_deadline_of_a_goal_under_evaluation_closes_the_evaluation() {
    let mut chat = evaluating();
    chat.say("115");
    let cursor = chat.cursor();
    let out = chat.say("/doel verzet 1 30-09-2027 omdat de campagne uitliep");
    assert!(
        out.contains("De deadline van doel 1 is nu 30-09-2027"),
        "{out}"
    );
    assert!(
        out.contains("De evaluatie van doel 1 die openstond is gesloten"),
        "{out}"
    );
    assert!(
        out.contains(MORE_GOALS),
        "the plan's question is asked: {out}"
    );
    assert!(!out.contains(EFFECTS_1), "{out}");
    assert_eq!(chat.goal(1).status, GoalStatus::Open);
    assert!(evaluation(&chat).is_none(), "the half evaluation is gone");
    assert!(
        pending_reminders(&chat) > 0,
        "reminders for the new deadline"
    );
    let status = chat.say("/status");
    assert!(status.contains("Huidige vraag: Actie 1"), "{status}");
    assert!(!status.contains("evaluatie van doel 1"), "{status}");
    // The next answer goes to the plan, not to an evaluation.
    chat.say("nee");
    assert_ne!(chat.cursor(), cursor);
    assert!(evaluation(&chat).is_none());
}

#[test]
fn an_evaluated_or_closed_goal_gets_no_reminders_from_a_command() {
    let mut chat = evaluating();
    for answer in ["125", "Meer bereik", "Niets", "nee", "nee"] {
        chat.say(answer);
    }
    assert_eq!(chat.goal(1).status, GoalStatus::Achieved);
    let deadline = chat.goal(1).deadline;
    for cmd in [
        "/doel verzet 1 30-06-2027 omdat we langer willen meten",
        "/sluimer 1 2",
    ] {
        let out = chat.say(cmd);
        assert!(out.contains("Doel 1 loopt niet meer (gehaald)"), "{out}");
        assert!(!out.contains("opnieuw gepland"), "{out}");
        assert!(!out.contains("komt terug op"), "{out}");
    }
    assert_eq!(chat.goal(1).deadline, deadline);
    assert_eq!(chat.goal(1).status, GoalStatus::Achieved);
    assert_eq!(pending_reminders(&chat), 0);
    chat.say("/doel sluit 1");
    chat.say("/taal en");
    let out = chat.say("/snooze 1 2");
    assert!(
        out.contains("Goal 1 is no longer running (closed)"),
        "{out}"
    );
    assert_eq!(pending_reminders(&chat), 0);
}

#[test]
fn a_skipped_result_asks_whether_the_goal_was_reached() {
    let mut chat = evaluating();
    let out = chat.say("/overslaan");
    assert!(
        out.contains("Is doel 1 gehaald? (ja / deels / nee)"),
        "{out}"
    );
    assert!(chat.say("deels").contains(EFFECTS_1));
    for answer in ["Effecten", "Anders", "nee"] {
        chat.say(answer);
    }
    let out = chat.say("nee");
    assert!(
        out.contains("Evaluatie van doel 1 vastgelegd: deels gehaald."),
        "{out}"
    );
    assert_eq!(chat.goal(1).status, GoalStatus::Partly);
}

#[test]
fn a_closed_step_4_action_gets_no_reminder_from_a_snooze() {
    let mut chat = Chat::new();
    for (_, answer) in WALK {
        chat.say(answer);
    }
    assert_eq!(chat.goal(2).text, "Duidelijk mandaat");
    chat.say("/doel sluit 2");
    let out = chat.say("/sluimer 2 3");
    assert!(
        out.contains("Actie 2 loopt niet meer (afgesloten)"),
        "{out}"
    );
    assert!(!out.contains("komt terug op"), "{out}");
    let id = chat.goal(2).id;
    let pending = chat
        .db
        .run(move |s| s.count_goal_reminders(id).map(|(pending, _)| pending))
        .expect("reminders");
    assert_eq!(pending, 0);
}

#[test]
fn an_over_long_goal_during_an_evaluation_is_refused_for_its_length_first() {
    let long = format!("/doel nieuw {}", "meer studenten ".repeat(200));
    let draft = |text: String| GoalDraft {
        text,
        owner: String::new(),
        deadline: String::new(),
        baseline: String::new(),
        target: String::new(),
    };
    for typed in [true, false] {
        let mut chat = evaluating();
        let out = if typed {
            chat.say(&long)
        } else {
            chat.send(Body::Goal(draft("meer studenten ".repeat(200))))
        };
        let too_long = out
            .find("te lang")
            .unwrap_or_else(|| panic!("typed: {typed}: {out}"));
        if let Some(first) = out.find("evaluatie") {
            assert!(too_long < first, "the length first: {out}");
        }
    }
}
