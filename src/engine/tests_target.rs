//! A goal's baseline and target in the conversation: a target answered as a change, the
//! direction the goal states, and a start and end read from its text.

use super::tests::Chat;

/// A chat at the first goal's text, which it is then given.
fn goal(text: &str) -> (Chat, String) {
    let mut chat = Chat::walked_to("action.action#1.goal#1.text");
    let out = chat.say(text);
    (chat, out)
}

#[test]
fn a_negative_baseline_is_asked_again() {
    let (mut chat, _) = goal(
        "Het aantal studentenkaarten via de hogeschool verhogen naar 100 voor eind maart, eigenaar Ali",
    );
    to_baseline(&mut chat);
    let out = chat.say("-200");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.baseline"),
        "{out}"
    );
    assert!(out.contains("0 of meer"), "{out}");
    chat.say("200");
    assert_eq!(
        chat.value("action.action#1.goal#1.baseline").as_deref(),
        Some("200")
    );
}

/// Answer up to the baseline question: a goal without a number is kept as it is.
fn to_baseline(chat: &mut Chat) {
    for _ in 0..10 {
        match chat.cursor().as_deref() {
            Some("action.action#1.goal#1.baseline") => return,
            Some("action.action#1.goal#1.sharpen") => chat.say("nee"),
            _ => chat.say("ja"),
        };
    }
    panic!("never reached the baseline: {:?}", chat.cursor());
}

#[test]
fn a_target_answered_as_a_change_stores_the_value_it_comes_to() {
    for (text, baseline, answer, stored) in [
        (
            "Eind dit seizoen 25% meer studentenabonnementen verkocht dan vorig seizoen, eigenaar Marieke",
            "400",
            "25%",
            "500",
        ),
        (
            "Aantal nieuwsbriefinschrijvingen van studenten x3 voor de zomer van 2027, eigenaar Fatima",
            "150",
            "x3",
            "450",
        ),
        (
            "Het aantal studentenkaarten via de hogeschool verhogen voor eind maart, eigenaar Ali",
            "300",
            "100 meer",
            "400",
        ),
    ] {
        let (mut chat, _) = goal(text);
        to_baseline(&mut chat);
        chat.say(baseline);
        assert_eq!(
            chat.cursor().as_deref(),
            Some("action.action#1.goal#1.target"),
            "{text}"
        );
        let out = chat.say(answer);
        assert_eq!(
            chat.value("action.action#1.goal#1.target").as_deref(),
            Some(stored),
            "{answer} on {baseline}"
        );
        assert!(out.contains(stored) && out.contains(baseline), "{out}");
    }
}
