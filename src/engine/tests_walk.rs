//! Engine tests of the walk: every step, what is asked again, repeating groups, and teams kept
//! apart.

use super::tests::{Chat, WALK, engine};
use super::*;

#[test]
fn a_team_walks_all_four_steps() {
    let mut chat = Chat::new();
    let mut said = String::new();
    for (key, answer) in WALK {
        assert_eq!(
            chat.cursor().as_deref(),
            Some(*key),
            "before answering {answer:?}"
        );
        said.push_str(&chat.say(answer));
    }
    assert_eq!(chat.cursor(), None, "the round is finished");
    // Step 1: the statement is scored against the five-point rubric.
    assert!(chat.value("question.statement_score").is_some());
    // Step 2: 3 of 7 yes (ja, klopt, jazeker) is not "mostly yes": startend, no follow-up.
    assert_eq!(chat.value("data.level").as_deref(), Some("startend"));
    assert_eq!(chat.value("data.embedded"), None);
    assert_eq!(chat.value("data.knowledge").as_deref(), Some("no"));
    assert_eq!(chat.value("data.systems").as_deref(), Some("partly"));
    assert_eq!(
        chat.value("data.source#1.origin").as_deref(),
        Some("internal")
    );
    assert_eq!(chat.value("data.source#1.summary").as_deref(), Some("ok"));
    // Step 3: the goal has its own row.
    let goals = chat
        .db
        .run(|s| {
            let t = s.find_team("test", "t")?.context("team")?;
            s.list_goals(t.id, 1)
        })
        .expect("goals");
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].owner.as_deref(), Some("Sanne"));
    assert_eq!(goals[0].action_text, "Instagram-campagne");
    assert_eq!(goals[0].deadline_text.as_deref(), Some("2027-05-31"));
    // Step 4: two open items, with their owners, in the readiness overview.
    assert_eq!(
        chat.value("implementation.readiness").as_deref(),
        Some("10/12")
    );
    assert!(said.contains("Directie") && said.contains("Fatima"));
    assert!(
        said.contains(
            chat.engine
                .texts
                .get(Lang::Nl, "data.level.advice.startend")
        )
    );
    assert!(
        said.contains(
            chat.engine
                .texts
                .get(Lang::Nl, "implementation.expertise_advice.text")
        )
    );
    assert!(
        chat.say("nog iets")
            .contains(chat.engine.texts.get(Lang::Nl, "msg.finished"))
    );
}

#[test]
fn mostly_yes_is_lerend_and_the_follow_up_can_make_it_uitvoerend() {
    let mut chat = Chat::new();
    chat.answer_until("data.strategy", "1");
    for _ in 0..4 {
        chat.say("ja");
    }
    for _ in 0..3 {
        chat.say("nee");
    }
    assert_eq!(chat.value("data.level").as_deref(), Some("lerend"));
    assert_eq!(chat.cursor().as_deref(), Some("data.embedded"));
    let out = chat.say("ja");
    assert_eq!(
        chat.value("data.level_final").as_deref(),
        Some("uitvoerend")
    );
    assert!(
        out.contains(
            chat.engine
                .texts
                .get(Lang::Nl, "data.level_final.uitvoerend")
        )
    );
}

#[test]
fn unreadable_answers_are_asked_again_and_not_stored() {
    let mut chat = Chat::new();
    let out = chat.say("banaan");
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "msg.unreadable_choice")));
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));
    assert!(
        chat.say("9")
            .contains(chat.engine.texts.get(Lang::Nl, "msg.unreadable_choice"))
    );
    assert_eq!(chat.value("question.focus"), None);
    chat.answer_until("question.why_offer", "1");
    let out = chat.say("de lucht is blauw");
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "msg.unreadable_yesno")));
    assert_eq!(chat.value("question.why_offer"), None);
    assert_eq!(chat.cursor().as_deref(), Some("question.why_offer"));
}

#[test]
fn the_why_drill_stops_on_request_and_after_five_rounds() {
    let mut chat = Chat::new();
    chat.answer_until("question.why_offer", "1");
    chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#1.answer"));
    chat.say("omdat");
    chat.say("klaar");
    assert_eq!(chat.cursor().as_deref(), Some("question.statement"));
    assert_eq!(
        chat.value("question.why#1.answer").as_deref(),
        Some("omdat")
    );

    let mut chat = Chat::new();
    chat.answer_until("question.why_offer", "1");
    chat.say("ja");
    // Five answers that each say something new (one that says nothing gets a nudge first).
    let reasons = ["publiek", "toekomst", "cultuur", "bereik", "subsidie"];
    for (i, reason) in (1..=5).zip(reasons) {
        assert_eq!(chat.cursor(), Some(format!("question.why#{i}.answer")));
        chat.say(&format!("omdat {reason}"));
    }
    assert_eq!(chat.cursor().as_deref(), Some("question.statement"));
}

#[test]
fn teams_never_see_each_other() {
    let engine = engine();
    let db = Db::open_in_memory().expect("db");
    let mut a = Chat::on(Arc::clone(&engine), db.clone(), "a");
    let mut b = Chat::on(engine, db, "b");
    a.say("1");
    b.say("2");
    a.say("geheim van A");
    b.say("geheim van B");
    let export_a = a.say("/export");
    let export_b = b.say("/export");
    assert!(export_a.contains("geheim van A") && !export_a.contains("geheim van B"));
    assert!(export_b.contains("geheim van B") && !export_b.contains("geheim van A"));
    assert_eq!(a.value("question.focus").as_deref(), Some("strategy"));
    assert_eq!(b.value("question.focus").as_deref(), Some("programming"));
}

#[test]
fn buttons_for_answered_questions_say_who_answered() {
    let mut chat = Chat::new();
    chat.say("3");
    chat.user = "bob".into();
    let out = chat.send(Body::Choice {
        about: About::Question("question.focus".into()),
        value: "strategy".into(),
    });
    assert!(out.contains("ann"), "{out}");
    assert_eq!(chat.value("question.focus").as_deref(), Some("marketing"));
    chat.answer_until("question.why_offer", "1");
    chat.send(Body::Choice {
        about: About::Question("question.why_offer".into()),
        value: "no".into(),
    });
    assert_eq!(chat.value("question.why_offer").as_deref(), Some("no"));
}

#[test]
fn bad_input_gets_a_reply_and_changes_nothing() {
    let mut chat = Chat::new();
    chat.say("1");
    let texts = &chat.engine.texts;
    let empty = texts.get(Lang::Nl, "msg.empty").to_string();
    let control = texts.get(Lang::Nl, "msg.control_chars").to_string();
    assert!(chat.say("   ").contains(&empty));
    assert!(chat.say("").contains(&empty));
    assert!(chat.say("a\u{1b}[2Jb").contains(&control));
    assert!(chat.say(&"x".repeat(1 << 20)).contains("2000"));
    assert!(chat.say("/status nu").contains("/status"));
    assert_eq!(chat.cursor().as_deref(), Some("question.important"));
    chat.say("'; DROP TABLE answers; -- 🎭 مرحبا");
    assert_eq!(
        chat.value("question.important").as_deref(),
        Some("'; DROP TABLE answers; -- 🎭 مرحبا")
    );
    assert_eq!(chat.value("question.focus").as_deref(), Some("strategy"));
}

#[test]
fn more_groups_stop_at_their_maximum() {
    let mut chat = Chat::new();
    chat.answer_until("data.source#1.name", "1");
    for i in 1..=20 {
        assert_eq!(chat.cursor(), Some(format!("data.source#{i}.name")));
        for a in [&format!("bron {i}"), "1", "1", "ja", "ja", "ja"] {
            chat.say(a);
        }
        if i < 20 {
            chat.say("ja");
        }
    }
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1.what"));
}

#[test]
fn a_cursor_the_flow_no_longer_knows_is_re_placed_at_the_first_open_question() {
    let mut chat = Chat::new();
    chat.say("1");
    chat.say("antwoord");
    chat.db
        .run(|s| {
            let t = s.find_team("test", "t")?.context("team")?;
            s.update_cursor(t.id, Some("question.removed_in_a_newer_version"), "now")
        })
        .expect("corrupt cursor");
    let out = chat.say("/start");
    assert_eq!(chat.cursor().as_deref(), Some("question.measure"));
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "question.measure.text")));
}
