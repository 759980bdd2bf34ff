//! Engine tests of the detour to step 2 when an evaluation found data missing: after the new
//! source the team goes back to where it was, in round 1 as in a fresh next round.

use super::tests::{Chat, WALK};

/// Evaluate goal 1 with data missing, then name and check a new source; all that was said.
fn evaluate_missing_data_and_add_a_source(chat: &mut Chat) -> String {
    let mut out = String::new();
    for line in [
        "/evalueer 1",
        "geen idee",
        "nee",
        "weinig",
        "meten",
        "ja",
        "postcodes van bezoekers",
    ] {
        out.push_str(&chat.say(line));
    }
    assert_eq!(
        chat.cursor().as_deref(),
        Some("data.source#2.name"),
        "{out}"
    );
    for line in ["Postcodes", "intern", "anoniem", "ja", "ja", "ja", "nee"] {
        out.push_str(&chat.say(line));
    }
    out
}

#[test]
fn after_the_new_source_the_team_goes_back_to_its_question_without_a_new_announcement() {
    let mut chat = Chat::walked_to("action.action#1.goal#1");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1.goal#1"));
    let before = evaluate_missing_data_and_add_a_source(&mut chat);
    let back = before
        .rsplit("[Databron 2] Is er nog een databron")
        .next()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1"),
        "{back}"
    );
    assert!(!back.contains("Genoteerd als doel"), "{back}");
    assert!(!back.contains("geen herinneringen"), "{back}");
    assert!(
        back.contains("Hoort er nog een doel bij deze actie?"),
        "{back}"
    );
    // The walk goes on from there as before.
    chat.say("nee");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1"));
}

#[test]
fn a_detour_in_a_fresh_round_returns_to_the_start_of_that_round() {
    let mut chat = Chat::walked_to("");
    assert_eq!(chat.cursor(), None);
    chat.say("/nieuw");
    assert_eq!(chat.cursor().as_deref(), Some("question.changed"));
    evaluate_missing_data_and_add_a_source(&mut chat);
    assert_eq!(chat.cursor().as_deref(), Some("question.changed"));
    chat.say("De campagne liep goed");
    chat.say("ja");
    // The level questions of the round are asked, not skipped.
    assert_eq!(chat.cursor().as_deref(), Some("data.strategy"));
    for (at, answer) in WALK.iter().skip_while(|(k, _)| *k != "data.strategy") {
        if at.starts_with("data.source") {
            break;
        }
        chat.say(answer);
    }
    // Both sources are there already: the walk goes on to the actions.
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1.what"));
}

#[test]
fn a_detour_from_a_finished_round_ends_it_again() {
    let mut chat = Chat::walked_to("");
    let out = evaluate_missing_data_and_add_a_source(&mut chat);
    assert_eq!(chat.cursor(), None, "{out}");
    let after = out
        .rsplit("[Databron 2] Is er nog een databron")
        .next()
        .unwrap_or_default();
    assert!(!after.contains("Genoteerd als doel"), "{after}");
}
