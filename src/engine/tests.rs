//! Engine tests on in-memory `SQLite`: every step, every command, the edge cases of the walk.

use std::sync::Arc;

use super::*;
use crate::store::Db;

pub(super) fn engine() -> Arc<Engine> {
    let now: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().expect("timestamp");
    Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"))
}

fn team(id: &str) -> TeamKey {
    TeamKey {
        platform: "test".into(),
        id: id.into(),
        name: id.into(),
    }
}

pub(super) struct Chat {
    pub(super) engine: Arc<Engine>,
    pub(super) db: Db,
    pub(super) team: TeamKey,
    pub(super) user: String,
    /// What the person sending may do (a manager unless a test says otherwise).
    pub(super) role: Role,
}

impl Chat {
    pub(super) fn new() -> Chat {
        Self::on(engine(), Db::open_in_memory().expect("db"), "t")
    }

    pub(super) fn on(engine: Arc<Engine>, db: Db, id: &str) -> Chat {
        let mut chat = Chat {
            engine,
            db,
            team: team(id),
            user: "ann".into(),
            role: Role::Manager,
        };
        chat.send(Body::Start { lang: None });
        chat
    }

    pub(super) fn send(&mut self, body: Body) -> String {
        let replies = self
            .engine
            .handle(
                &self.db,
                Incoming {
                    team: self.team.clone(),
                    person: Person::named(&self.user),
                    role: self.role,
                    body,
                },
            )
            .expect("handled");
        assert!(!replies.is_empty(), "every message gets a reply");
        replies
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    pub(super) fn say(&mut self, text: &str) -> String {
        self.send(Body::Text(text.into()))
    }

    pub(super) fn cursor(&self) -> Option<String> {
        let team = self.team.clone();
        self.db
            .run(move |s| {
                Ok(s.find_team(&team.platform, &team.id)?
                    .and_then(|t| t.cursor))
            })
            .expect("cursor")
    }

    pub(super) fn value(&self, key: &str) -> Option<String> {
        let team = self.team.clone();
        let key = key.to_string();
        self.db
            .run(move |s| {
                let t = s.find_team(&team.platform, &team.id)?.context("team")?;
                Ok(s.get_answer(t.id, t.round, &key)?.and_then(|a| a.value))
            })
            .expect("value")
    }

    /// Answer until the cursor is at `key`.
    pub(super) fn answer_until(&mut self, key: &str, answer: &str) {
        for _ in 0..200 {
            if self.cursor().as_deref() == Some(key) {
                return;
            }
            let before = self.cursor();
            self.say(answer);
            assert_ne!(
                before,
                self.cursor(),
                "stuck at {before:?} answering {answer:?}"
            );
        }
        panic!("never reached {key}");
    }
}

/// A complete Dutch walk: (expected cursor before the answer, answer).
pub(super) const WALK: &[(&str, &str)] = &[
    ("question.focus", "marketing"),
    ("question.important", "Jong publiek"),
    ("question.measure", "Bereik onder jongeren"),
    ("question.departments", "Marketing"),
    ("question.people", "Sanne en Piet"),
    ("question.audience", "Studenten"),
    ("question.obstacles", "Budget"),
    ("question.unwanted", "Korting"),
    ("question.why_offer", "nee"),
    (
        "question.statement",
        "Hoeveel studenten kopen via de webshop een kaartje?",
    ),
    ("data.strategy", "ja"),
    ("data.vision", "klopt"),
    ("data.owner", "nee"),
    ("data.knowledge", "nog niet"),
    ("data.customer_base", "jazeker"),
    ("data.possibilities", "niet echt"),
    ("data.systems", "deels"),
    ("data.doing", "Nieuwsbrief"),
    ("data.keep", "Het CRM"),
    ("data.next", "Koppelen"),
    ("data.source#1.name", "Ticketing"),
    ("data.source#1.origin", "intern"),
    ("data.source#1.kind", "anoniem"),
    ("data.source#1.relevant", "ja"),
    ("data.source#1.current", "ja"),
    ("data.source#1.usable", "ja"),
    ("data.source#1", "nee"),
    ("action.action#1.what", "Instagram-campagne"),
    (
        "action.action#1.goal#1.text",
        "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór juni 2027",
    ),
    // The deadline is in the text, so only the owner, baseline and target are asked.
    ("action.action#1.goal#1.owner", "Sanne"),
    ("action.action#1.goal#1.baseline", "100"),
    ("action.action#1.goal#1.target", "120"),
    ("action.action#1.goal#1", "nee"),
    ("action.action#1", "nee"),
    ("implementation.ownership", "ja"),
    ("implementation.mandate", "nee"),
    ("implementation.mandate.owner", "Directie"),
    ("implementation.agreements", "ja"),
    ("implementation.top_support", "ja"),
    ("implementation.partners", "ja"),
    ("implementation.sharing", "ja"),
    ("implementation.policy_current", "ja"),
    ("implementation.output_reuse", "ja"),
    ("implementation.privacy_statement", "ja"),
    ("implementation.processing_register", "ja"),
    ("implementation.breach_protocol", "weet ik niet"),
    ("implementation.breach_protocol.owner", "nog niemand"),
    ("implementation.ethics", "ja"),
    ("implementation.expertise", "extern"),
    ("implementation.system_links", "Ja"),
    ("implementation.system_structure", "Ja"),
    ("implementation.system_legal", "Nee"),
    ("implementation.system_use", "Goed"),
];

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
    assert!(said.contains("Directie") && said.contains("nog niemand"));
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
    for i in 1..=5 {
        assert_eq!(chat.cursor(), Some(format!("question.why#{i}.answer")));
        chat.say(&format!("waarom {i}"));
    }
    assert_eq!(chat.cursor().as_deref(), Some("question.statement"));
}

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
    assert!(out.contains(chat.engine.texts.get(Lang::Nl, "question.focus.text")));
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));
    assert_eq!(
        chat.value("question.important"),
        None,
        "round 2 starts empty"
    );
    let export = chat.say("/export");
    assert!(export.contains("ronde een"), "round 1 stays in the export");
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
fn status_reports_scores_and_open_items() {
    let mut chat = Chat::new();
    for (_, answer) in WALK {
        chat.say(answer);
    }
    let status = chat.say("/status");
    assert!(status.contains("Ticketing"));
    assert!(status.contains("via de webshop een kaartje"), "{status}");
    assert!(status.contains("Directie"));
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
