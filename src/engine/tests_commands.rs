//! Engine tests of the commands that move through the plan: skip, back, change, language, a
//! new round and `/status`.

use super::tests::{Chat, WALK};
use super::*;
use std::sync::Arc;

#[test]
fn skip_back_and_change() {
    let mut chat = Chat::new();
    chat.say("1");
    chat.say("eerste");
    chat.say("/overslaan");
    assert_eq!(chat.cursor().as_deref(), Some("question.departments"));
    let skipped = chat.db.run(|s| {
        let t = s.find_team("test", "t")?.context("team")?;
        s.get_answer(t.id, 1, "question.measure")
    });
    assert!(
        skipped
            .expect("read")
            .is_some_and(|a| a.skipped && a.value.is_none())
    );

    // Back re-asks the previous question (the skipped one) and then returns here.
    let out = chat.say("/terug");
    assert_eq!(chat.cursor().as_deref(), Some("question.measure"));
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "question.measure.text")));
    chat.say("toch beantwoord");
    assert_eq!(chat.cursor().as_deref(), Some("question.departments"));

    // Change lists answers by number; changing one returns to the open question.
    let list = chat.say("/wijzig");
    assert!(list.contains("eerste") && list.contains("toch beantwoord"));
    let out = chat.say("/wijzig 2");
    assert_eq!(chat.cursor().as_deref(), Some("question.important"));
    assert!(out.contains("eerste"), "the earlier answer is shown");
    chat.say("gewijzigd");
    assert_eq!(
        chat.value("question.important").as_deref(),
        Some("gewijzigd")
    );
    assert_eq!(chat.cursor().as_deref(), Some("question.departments"));
    let out = chat.say("/wijzig 99");
    assert!(out.contains("99"));
    // Back at the very first question says so.
    let mut fresh = Chat::new();
    let out = fresh.say("/terug");
    assert!(out.contains(fresh.engine.texts.get(Lang::Nl, "msg.back_at_start")));
}

#[test]
fn changing_a_level_answer_recomputes_the_level() {
    let mut chat = Chat::new();
    chat.answer_until("data.strategy", "1");
    for a in ["ja", "ja", "ja", "nee", "nee", "nee", "nee"] {
        chat.say(a);
    }
    assert_eq!(chat.value("data.level").as_deref(), Some("startend"));
    let list = chat.say("/wijzig");
    let n = list
        .lines()
        .position(|l| l.contains(chat.engine.texts.get(Lang::Nl, "data.knowledge.label")))
        .expect("knowledge listed");
    let out = chat.say(&format!("/wijzig {n}"));
    assert_eq!(chat.cursor().as_deref(), Some("data.knowledge"), "{out}");
    let out = chat.say("ja");
    assert_eq!(chat.value("data.level").as_deref(), Some("lerend"));
    // The new level is announced and its follow-up question asked.
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "data.level.advice.lerend")));
    assert_eq!(chat.cursor().as_deref(), Some("data.embedded"));
}

#[test]
fn language_switch_and_new_round() {
    let mut chat = Chat::new();
    chat.say("1");
    let out = chat.say("/taal en");
    assert!(out.contains(chat.engine.texts.get(Lang::En, "question.important.text")));
    let out = chat.say("/language nl");
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "question.important.text")));
    chat.say("ronde een");
    let out = chat.say("/nieuw");
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "question.changed.text")));
    assert_eq!(chat.cursor().as_deref(), Some("question.changed"));
    let export = chat.say("/export");
    assert!(export.contains("ronde een"), "round 1 stays in the export");
}

#[test]
fn status_reports_scores_and_open_items() {
    let mut chat = Chat::new();
    for (_, answer) in WALK {
        chat.say(answer);
    }
    let status = chat.say("/status");
    assert!(status.contains("Ticketing"));
    assert!(status.contains("via de webshop een kaartje"), "{status}");
    assert!(status.contains("Directie"));
    let heading = chat.engine.texts.get(Lang::Nl, "msg.status.scores");
    assert!(status.lines().any(|l| l == heading), "{status}");
}

#[test]
fn status_has_no_scores_heading_before_anything_is_scored() {
    let mut chat = Chat::new();
    chat.say("1");
    chat.say("bewaren");
    let status = chat.say("/status");
    let heading = chat.engine.texts.get(Lang::Nl, "msg.status.scores");
    assert!(!status.lines().any(|l| l == heading), "{status}");
    assert!(!status.contains("\n\n\n"), "no empty section: {status:?}");
}

#[test]
fn skipping_a_re_asked_question_keeps_the_earlier_answer() {
    let mut chat = Chat::new();
    chat.say("1");
    chat.say("bewaren");
    chat.say("/terug");
    assert_eq!(chat.cursor().as_deref(), Some("question.important"));
    let out = chat.say("/overslaan");
    assert!(
        out.contains(chat.engine.texts.get(Lang::Nl, "msg.kept")),
        "{out}"
    );
    assert_eq!(chat.value("question.important").as_deref(), Some("bewaren"));
    assert_eq!(chat.cursor().as_deref(), Some("question.measure"));
}

#[test]
fn status_lists_no_open_items_before_step_four() {
    let mut chat = Chat::new();
    chat.say("1");
    let status = chat.say("/status");
    let open = chat
        .engine
        .texts
        .get(Lang::Nl, "implementation.mandate.label");
    assert!(!status.contains(open), "{status}");
}

#[test]
fn a_change_after_step_3_does_not_repeat_its_closing_texts() {
    let mut chat = Chat::with_goal(
        "Het aantal studenten dat via de webshop een kaartje koopt verhogen naar 300 vóór 31-05-2027, eigenaar Sanne",
    );
    let engine = Arc::clone(&chat.engine);
    let nl = |key: &str| engine.texts.get(Lang::Nl, key).to_string();
    let list = chat.say("/wijzig");
    for (listed, answer) in [
        (
            format!("{}:", nl("question.people.label")),
            "Sanne, Piet en Fatima",
        ),
        (format!("{}:", nl("action.action.more")), "nee"),
        (
            format!("· {}:", nl("action.action.goal.baseline.label")),
            "150",
        ),
        (
            format!("· {}:", nl("action.action.goal.text.label")),
            "Het aantal studenten dat via de webshop een kaartje koopt verhogen naar 320 vóór 31-05-2027, eigenaar Sanne",
        ),
    ] {
        let n = list
            .lines()
            .position(|l| l.contains(&listed))
            .unwrap_or_else(|| panic!("{listed} listed: {list}"));
        chat.say(&format!("/wijzig {n}"));
        let out = chat.say(answer);
        assert_eq!(
            chat.cursor().as_deref(),
            Some("implementation.policy_what"),
            "{listed}: {out}"
        );
        assert!(
            out.contains(&nl("implementation.policy_what.text")),
            "{listed}: the team's question again: {out}"
        );
        for closing in [
            "action.plan.check",
            "action.adjust.text",
            "implementation.intro.text",
        ] {
            assert!(
                !out.contains(&nl(closing)),
                "{listed}: {closing} repeated: {out}"
            );
        }
    }
    assert_eq!(
        chat.value("action.action#1.goal#1.baseline").as_deref(),
        Some("150")
    );
}

#[test]
fn back_goes_to_the_question_asked_not_to_a_deadline_read_from_the_goal() {
    // WALK's goal names its deadline ("vóór juni 2027"): its question was never asked.
    let mut chat = Chat::walked_to("action.action#1.goal#1.baseline");
    assert!(chat.value("action.action#1.goal#1.deadline").is_some());
    chat.say("/terug");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.agreed")
    );
    chat.say("ja");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.baseline"),
        "back where the team was"
    );
}
