//! Engine tests of step 1 and step 3 holding together: "Wat willen jullie bereiken?" starts the
//! 5x waarom, each "waarom?" quotes the answer before it, a repeated answer gets one nudge, a
//! goal that shares nothing with the vraagstuk is asked whether it serves it, and the
//! vraagstuk is shown back next to the actions and goals.

use super::tests::{Chat, WALK};
use crate::prompts::Lang;

/// Walk the conversation until the cursor is at `key` (which must be in [`WALK`]).
fn walk_to(key: &str) -> Chat {
    let mut chat = Chat::new();
    for (at, answer) in WALK {
        if *at == key {
            break;
        }
        chat.say(answer);
    }
    assert_eq!(chat.cursor().as_deref(), Some(key));
    chat
}

/// At the first "waarom?", after the team wants to achieve "Meer studenten in de zaal".
fn at_first_why() -> (Chat, String) {
    let mut chat = walk_to("question.why_offer");
    let out = chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#1.answer"));
    (chat, out)
}

#[test]
fn what_the_team_wants_to_achieve_is_asked_before_the_5x_waarom() {
    let mut chat = walk_to("question.unwanted");
    let out = chat.say("Korting");
    assert_eq!(chat.cursor().as_deref(), Some("question.achieve"));
    assert!(out.contains("Wat willen jullie bereiken?"), "{out}");
    let out = chat.say("Meer studenten in de zaal");
    assert_eq!(chat.cursor().as_deref(), Some("question.why_offer"));
    assert!(
        out.contains("Ik begin bij wat jullie willen bereiken"),
        "{out}"
    );
    assert_eq!(
        chat.value("question.achieve").as_deref(),
        Some("Meer studenten in de zaal")
    );
}

#[test]
fn each_waarom_quotes_the_answer_before_it() {
    let (mut chat, out) = at_first_why();
    assert!(
        out.contains("[Waarom 1] Jullie zeggen: “Meer studenten in de zaal”. Waarom? (1/5)"),
        "{out}"
    );
    let out = chat.say("Omdat het publiek vergrijst.");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#2.answer"));
    assert!(
        out.contains("[Waarom 2] Jullie zeggen: “Omdat het publiek vergrijst”. Waarom? (2/5)"),
        "{out}"
    );
    let out = chat.say("Omdat we anders over tien jaar leeg zitten");
    assert!(
        out.contains("“Omdat we anders over tien jaar leeg zitten”. Waarom? (3/5)"),
        "{out}"
    );
    // In English the same quote, in English words.
    let out = chat.say("/taal en");
    assert!(
        out.contains("You say: “Omdat we anders over tien jaar leeg zitten”. Why? (3/5)"),
        "{out}"
    );
}

#[test]
fn without_an_answer_to_quote_the_plain_waarom_is_asked() {
    let mut chat = walk_to("question.achieve");
    chat.say("/overslaan");
    let out = chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#1.answer"));
    let plain = chat.engine.texts.fmt(
        Lang::Nl,
        "question.why.answer.text_plain",
        &[("n", "1"), ("max", "5")],
    );
    assert!(out.contains(&plain), "{out}");
    assert!(!out.contains("Jullie zeggen"), "{out}");
}

#[test]
fn a_repeated_answer_gets_one_nudge_and_a_second_repeat_is_taken() {
    let (mut chat, _) = at_first_why();
    let out = chat.say("Omdat we meer studenten in de zaal willen");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#1.again"));
    assert!(
        out.contains("Dat lijkt veel op “Meer studenten in de zaal”."),
        "{out}"
    );
    assert_eq!(
        chat.value("question.why#1.repeat").as_deref(),
        Some("repeat")
    );
    // The same again: taken as it is, and the next round quotes it.
    let out = chat.say("meer studenten in de zaal");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#2.answer"));
    assert!(
        out.contains("Jullie zeggen: “meer studenten in de zaal”. Waarom? (2/5)"),
        "{out}"
    );
    assert_eq!(
        chat.value("question.why#1.again").as_deref(),
        Some("meer studenten in de zaal")
    );
    // A new answer goes straight on, without a nudge.
    let out = chat.say("Omdat jong publiek de toekomst is");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#3.answer"));
    assert!(!out.contains("Dat lijkt veel op"), "{out}");
    assert_eq!(chat.value("question.why#2.repeat").as_deref(), Some("new"));
    // "klaar" at a nudge ends the drill like at any waarom.
    chat.say("Omdat jong publiek de toekomst is!");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#3.again"));
    chat.say("klaar");
    assert_eq!(chat.cursor().as_deref(), Some("question.statement"));
}

/// At the first goal text of step 3, after the walk's step 1 and step 2.
fn at_first_goal() -> Chat {
    walk_to("action.action#1.goal#1.text")
}

const FAR_GOAL: &str = "Het aantal museumbezoekers uit Utrecht met 10% verhogen vóór 1 juli 2027";

#[test]
fn a_goal_that_shares_nothing_with_the_vraagstuk_is_asked_whether_it_serves_it() {
    let mut chat = at_first_goal();
    let out = chat.say(FAR_GOAL);
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.serves")
    );
    assert_eq!(
        chat.value("action.action#1.goal#1.overlap").as_deref(),
        Some("none")
    );
    assert!(
        out.contains(
            "Dient het jullie vraagstuk: “Hoeveel studenten kopen via de webshop een kaartje”?"
        ),
        "{out}"
    );
    // "ja" is kept, and nothing more is said about it.
    let out = chat.say("ja");
    assert_eq!(
        chat.value("action.action#1.goal#1.serves").as_deref(),
        Some("yes")
    );
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.owner")
    );
    let tip = chat
        .engine
        .texts
        .get(Lang::Nl, "action.action.goal.serves_tip.text");
    assert!(!out.contains(tip), "{out}");
}

#[test]
fn a_goal_that_does_not_serve_the_vraagstuk_gets_a_short_tip() {
    let mut chat = at_first_goal();
    chat.say(FAR_GOAL);
    let out = chat.say("nee");
    let tip = chat
        .engine
        .texts
        .get(Lang::Nl, "action.action.goal.serves_tip.text");
    assert!(out.contains(tip), "{out}");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.owner")
    );
}

#[test]
fn a_goal_sharing_an_inflected_word_is_not_asked_about() {
    let mut chat = at_first_goal();
    // "student" against "studenten" in the vraagstuk.
    let out = chat.say("Elke student krijgt vóór 1 juli 2027 een nieuwsbrief, 500 stuks");
    assert_eq!(
        chat.value("action.action#1.goal#1.overlap").as_deref(),
        Some("shared")
    );
    assert!(!out.contains("Dient het jullie vraagstuk"), "{out}");
    assert_ne!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.serves")
    );
    // "jongeren" against "Jong publiek" (what matters now): shared only through the stem.
    let mut chat = at_first_goal();
    let out =
        chat.say("Het aantal jongeren dat de nieuwsbrief opent met 10% verhogen vóór 1 juli 2027");
    assert_eq!(
        chat.value("action.action#1.goal#1.overlap").as_deref(),
        Some("shared")
    );
    assert!(!out.contains("Dient het jullie vraagstuk"), "{out}");
}

#[test]
fn a_changed_goal_text_is_judged_again() {
    let mut chat = at_first_goal();
    chat.say(FAR_GOAL);
    chat.say("nee");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.owner")
    );
    // Back to the goal text with /terug (serves, then the text), and a goal on the vraagstuk.
    chat.say("/terug");
    chat.say("/terug");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.text")
    );
    chat.say("Het aantal studenten dat een kaartje koopt met 20% verhogen vóór 1 juli 2027");
    assert_eq!(
        chat.value("action.action#1.goal#1.overlap").as_deref(),
        Some("shared")
    );
    assert_eq!(chat.value("action.action#1.goal#1.serves"), None);
}

#[test]
fn the_vraagstuk_is_shown_back_next_to_the_actions_and_goals() {
    let mut chat = walk_to("action.action#1");
    let out = chat.say("nee");
    let shown = [
        "Zo hangen jullie acties en doelen samen met het vraagstuk.",
        "Vraagstuk: “Hoeveel studenten kopen via de webshop een kaartje”",
        "Actie: Instagram-campagne",
        "  • Doel 1: Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór juni 2027",
        "Dienen deze doelen samen jullie vraagstuk?",
    ];
    let mut from = 0;
    for line in shown {
        let at = out[from..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} not (in order) in:\n{out}"));
        from += at + line.len();
    }
    // Before the advice on adjusting.
    let adjust = chat.engine.texts.get(Lang::Nl, "action.adjust.text");
    assert!(out[from..].contains(adjust), "{out}");
    assert_eq!(chat.value("action.plan").as_deref(), Some("1"));
}

#[test]
fn a_quote_of_a_later_item_or_on_an_info_is_refused_at_load() {
    use super::flow::{FLOW_TOML, Flow};
    let refused = |from: &str, to: &str| {
        assert!(FLOW_TOML.contains(from), "flow.toml lacks {from:?}");
        match Flow::parse(&FLOW_TOML.replacen(from, to, 1)) {
            Ok(_) => panic!("{to:?} was accepted"),
            Err(e) => format!("{e:#}"),
        }
    };
    let later = refused(
        "quote = [\"question.statement\"]",
        "quote = [\"implementation.system_use\"]",
    );
    assert!(
        later.contains("action.action.goal.serves") && later.contains("neither earlier"),
        "{later}"
    );
    let info = refused(
        "id = \"adjust\"\nkind = \"info\"\n",
        "id = \"adjust\"\nkind = \"info\"\nquote = [\"question.statement\"]\n",
    );
    assert!(info.contains("only questions quote"), "{info}");
    let unknown = refused(
        "quote = [\"question.statement\"]",
        "quote = [\"question.nothing\"]",
    );
    assert!(unknown.contains("no question"), "{unknown}");
}

#[test]
fn a_far_goal_entered_on_the_side_is_asked_about_and_the_team_returns() {
    let mut chat = walk_to("data.strategy");
    let out = chat.say(&format!("/doel nieuw {FAR_GOAL}"));
    assert!(out.contains("Dient het jullie vraagstuk: “"), "{out}");
    let serves = chat.cursor().expect("a question is open");
    assert!(serves.ends_with(".serves"), "{serves}");
    chat.say("ja");
    chat.say("Sanne");
    // Support, baseline and target are skipped; not an experiment.
    for answer in ["/overslaan", "/overslaan", "/overslaan"] {
        chat.say(answer);
    }
    let out = chat.say("nee");
    assert!(out.contains("Genoteerd als doel 1"), "{out}");
    assert_eq!(chat.cursor().as_deref(), Some("data.strategy"));
    assert_eq!(chat.value(&serves).as_deref(), Some("yes"));
}

#[test]
fn an_answer_that_says_nothing_gets_the_nudge_once() {
    let (mut chat, _) = at_first_why();
    let out = chat.say("omdat willen");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#1.again"));
    assert!(
        out.contains("Dat lijkt veel op “Meer studenten in de zaal”."),
        "{out}"
    );
    // Nothing again: taken as it is.
    chat.say("omdat we dat willen");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#2.answer"));
    chat.say("Omdat studenten de toekomst zijn");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#3.answer"));
    chat.say("omdat we willen");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#3.again"));
    chat.say("Omdat de zaal anders over tien jaar leeg is");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#4.answer"));
    // In English too.
    chat.say("/taal en");
    let out = chat.say("because we want to");
    assert_eq!(chat.cursor().as_deref(), Some("question.why#4.again"));
    assert!(out.contains("Try to go one layer deeper"), "{out}");
}
