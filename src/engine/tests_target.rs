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

#[test]
fn a_start_and_end_in_the_text_are_filled_in_and_shown() {
    for (text, shown, baseline, target) in [
        (
            "Binnen drie maanden de open rate van de studentennieuwsbrief van 18% naar 30%, verantwoordelijke: Els",
            "Uit de tekst: nulmeting 18, streefwaarde 30.",
            18.0,
            30.0,
        ),
        (
            "Het aantal verkochte studentenkaarten van 120 naar 300 vóór eind maart 2027, eigenaar Sarah",
            "Uit de tekst: nulmeting 120, streefwaarde 300.",
            120.0,
            300.0,
        ),
    ] {
        let (mut chat, out) = goal(text);
        assert!(out.contains(shown), "{out}");
        for _ in 0..10 {
            let cursor = chat.cursor().unwrap_or_default();
            assert!(
                !cursor.ends_with(".baseline") && !cursor.ends_with(".target"),
                "asked again: {cursor}"
            );
            if cursor == "implementation.policy_what" {
                break;
            }
            chat.say(if cursor.ends_with(".agreed") {
                "ja"
            } else {
                "nee"
            });
        }
        assert_eq!(
            chat.value("action.action#1.goal#1.baseline"),
            Some(baseline.to_string())
        );
        let goal = chat.goal(1);
        assert_eq!((goal.baseline, goal.target), (Some(baseline), Some(target)));
    }
}

/// The outputs of answering from the cursor until the goal is recorded ("ja" to whether those
/// involved stand behind it, "nee" to the rest), joined.
fn to_recorded(chat: &mut Chat) -> String {
    let mut said = String::new();
    for _ in 0..10 {
        if chat.value("action.action#1.goal#1.record").is_some() {
            return said;
        }
        let cursor = chat.cursor().unwrap_or_default();
        said.push_str(&chat.say(if cursor.ends_with(".agreed") {
            "ja"
        } else {
            "nee"
        }));
    }
    panic!("never recorded: {:?}", chat.cursor());
}

#[test]
fn numbers_against_the_words_are_warned_about_from_the_text_and_from_the_team() {
    let warning = "De getallen gaan de andere kant op dan de woorden";
    // From the text: "verhogen van 400 naar 300".
    let (mut chat, out) = goal(
        "Het aantal studentenkaarten verhogen van 400 naar 300 voor eind februari 2027, eigenaar Jan",
    );
    assert!(out.contains(warning), "{out}");
    assert!(out.contains("✗ Realistisch"), "{out}");
    let recorded = to_recorded(&mut chat);
    assert!(recorded.contains(warning), "{recorded}");
    assert!(recorded.contains("✗ Realistisch"), "{recorded}");
    assert_eq!(chat.goal(1).smart_score, Some(4));
    // From the team: the text says "verhogen naar 300", the baseline typed is 400.
    let (mut chat, out) =
        goal("Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan");
    assert!(!out.contains(warning), "{out}");
    to_baseline(&mut chat);
    let mut said = chat.say("400");
    said.push_str(&to_recorded(&mut chat));
    assert!(said.contains(warning), "{said}");
    assert!(said.contains("✗ Realistisch"), "{said}");
    assert_eq!(chat.goal(1).smart_score, Some(4));
    // The same numbers the right way round are no contradiction.
    let (mut chat, _) =
        goal("Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan");
    to_baseline(&mut chat);
    let mut said = chat.say("200");
    said.push_str(&to_recorded(&mut chat));
    assert!(!said.contains(warning), "{said}");
    assert!(said.contains("✓ Realistisch"), "{said}");
}
