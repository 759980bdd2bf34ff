//! Engine tests of answers koers must not guess at: an owner that names no one, a "nee" to
//! the request to sharpen a goal, and a number question answered with more than one number.

use super::tests::{Chat, WALK};
use crate::prompts::Lang;

/// Walk the WALK until the cursor is at `key`.
fn at(key: &str) -> Chat {
    let mut chat = Chat::new();
    for (at, answer) in WALK {
        if *at == key {
            assert_eq!(chat.cursor().as_deref(), Some(key));
            return chat;
        }
        chat.say(answer);
    }
    panic!("{key} is not in the walk");
}

fn text(chat: &Chat, key: &str) -> String {
    chat.engine.texts().get(Lang::Nl, key).to_string()
}

#[test]
fn a_number_question_answered_with_two_numbers_is_asked_again() {
    let baseline = "action.action#1.goal#1.baseline";
    let mut chat = at(baseline);
    for (answer, seen) in [
        ("tussen 200 en 250 denk ik, in 2026", "(200, 250, 2026)"),
        ("200 in 2026", "(200, 2026)"),
        ("150-180", "(150, 180)"),
    ] {
        let out = chat.say(answer);
        assert!(
            out.contains(&format!("Ik zie meer dan één getal {seen}")),
            "{answer}: {out}"
        );
        assert_eq!(chat.cursor().as_deref(), Some(baseline), "{answer}");
        assert_eq!(chat.value(baseline), None, "{answer}: nothing stored");
    }
    // The same number twice is one answer.
    chat.say("ongeveer 200, ja 200");
    assert_eq!(chat.value(baseline).as_deref(), Some("200"));
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.target")
    );
}

#[test]
fn goal_progress_with_two_numbers_is_refused() {
    let mut chat = Chat::new();
    for (_, answer) in WALK {
        chat.say(answer);
    }
    let out = chat.say("/doel voortgang 1 110 in week 3");
    assert!(out.contains("meer dan één getal (110, 3)"), "{out}");
    assert!(!out.contains("vastgelegd"), "{out}");
    let out = chat.say("/doel voortgang 1 110 in week drie");
    assert!(
        out.contains("Voortgang van doel 1 vastgelegd: nu 110"),
        "{out}"
    );
}

#[test]
fn an_owner_that_names_no_one_is_no_owner_and_no_date_is_asked() {
    for nobody in [
        "Nog niemand",
        "niemand",
        "nee",
        "weet ik niet",
        "nobody yet",
        "no one",
    ] {
        let mut chat = at("implementation.mandate.owner");
        chat.say(nobody);
        assert_eq!(
            chat.cursor().as_deref(),
            Some("implementation.agreements"),
            "{nobody}: no owner, no date question"
        );
        assert_eq!(chat.value("implementation.mandate.owner"), None, "{nobody}");
        // The overview of step 4 says no one is named.
        for (_, answer) in WALK
            .iter()
            .skip_while(|(k, _)| *k != "implementation.agreements")
        {
            chat.say(answer);
        }
        let status = chat.say("/status");
        for owned in ["wie pakt het op: ", "opgepakt door: "] {
            assert!(
                !status.contains(&format!("{owned}{nobody}")),
                "{nobody}: {status}"
            );
        }
        assert!(!status.contains("Acties uit stap 4"), "{nobody}: {status}");
        let list = chat.say("/wijzig");
        assert!(
            list.contains("Duidelijk mandaat: wie pakt het op: nog niemand"),
            "{nobody}: {list}"
        );
    }
}

#[test]
fn a_goal_owner_that_names_no_one_leaves_acceptable_open() {
    let owner = "action.action#1.goal#1.owner";
    for nobody in ["nee", "no", "nog niemand", "weet niet"] {
        let mut chat = at(owner);
        chat.say(nobody);
        assert_eq!(chat.value(owner), None, "{nobody}");
        assert_eq!(
            chat.cursor().as_deref(),
            Some("action.action#1.goal#1.agreed"),
            "{nobody}"
        );
        for answer in ["ja", "100", "120", "nee"] {
            chat.say(answer);
        }
        let goals = chat.say("/doel");
        assert!(!goals.contains(&format!("eigenaar: {nobody}")), "{goals}");
    }
    // A name is a name, also when it starts like a no.
    let mut chat = at(owner);
    chat.say("Noor");
    assert_eq!(chat.value(owner).as_deref(), Some("Noor"));
}

#[test]
fn a_yes_or_a_number_as_owner_is_no_owner_and_is_asked_again() {
    let owner = "action.action#1.goal#1.owner";
    for not_a_name in ["ja", "yes", "Ja hoor", "40", "40%"] {
        let mut chat = at(owner);
        let out = chat.say(not_a_name);
        assert!(
            out.contains(&format!("'{not_a_name}' lees ik niet als naam")),
            "{not_a_name}: {out}"
        );
        assert_eq!(chat.value(owner), None, "{not_a_name}");
        assert_eq!(chat.cursor().as_deref(), Some(owner), "{not_a_name}");
    }
    // The same for who picks up a step-4 item; a single letter is an initial.
    let mut chat = at("implementation.mandate.owner");
    chat.say("ja");
    assert_eq!(chat.value("implementation.mandate.owner"), None);
    assert_eq!(
        chat.cursor().as_deref(),
        Some("implementation.mandate.owner")
    );
    let mut chat = at(owner);
    chat.say("J");
    assert_eq!(chat.value(owner).as_deref(), Some("J"));
}

#[test]
fn no_to_sharpening_keeps_the_goal_with_its_deadline() {
    let goal = "Meer studenten via Instagram voor 1 maart 2027";
    let sharpen = "action.action#1.goal#1.sharpen";
    let mut chat = at("action.action#1.goal#1.text");
    chat.say(goal);
    assert_eq!(chat.cursor().as_deref(), Some(sharpen));
    let deadline = chat.value("action.action#1.goal#1.deadline");
    assert_eq!(
        deadline.as_deref(),
        Some("2027-02-28"),
        "read from the text"
    );
    // A yes, a don't-know or a lone word is no goal: asked again, nothing stored.
    for no_goal in ["ja", "weet ik niet", "prima"] {
        let out = chat.say(no_goal);
        assert!(
            out.contains(&text(&chat, "msg.not_a_goal")),
            "{no_goal}: {out}"
        );
        assert_eq!(chat.cursor().as_deref(), Some(sharpen), "{no_goal}");
        assert_eq!(chat.value(sharpen), None, "{no_goal}");
    }
    let out = chat.say("nee");
    assert!(
        out.contains(&format!("Het doel blijft zoals het was: “{goal}”.")),
        "{out}"
    );
    assert!(
        !out.contains("SMART-check: 0 van de 5"),
        "not checked twice: {out}"
    );
    assert_eq!(chat.value(sharpen), None);
    assert_eq!(chat.value("action.action#1.goal#1.deadline"), deadline);
    chat.answer_until("action.action#1.goal#1.experiment", "/overslaan");
    chat.say("nee");
    let goals = chat.say("/doel");
    assert!(
        goals.contains(&format!(
            "1. {goal} — eigenaar: (overgeslagen), deadline: 28-02-2027"
        )),
        "{goals}"
    );
}

#[test]
fn no_to_sharpening_again_keeps_the_sharpened_goal() {
    let mut chat = at("action.action#1.goal#1.text");
    chat.say("meer publiek");
    let sharp = "Het aantal studenten in de zaal met 20% verhogen vóór juni 2027";
    chat.say(sharp);
    let sharpen = "action.action#1.goal#1.sharpen";
    assert_eq!(chat.value(sharpen).as_deref(), Some(sharp));
    // Back to the question with /wijzig, and "nee": the sharpened text stays.
    let list = chat.say("/wijzig");
    let n = list
        .lines()
        .find(|l| l.contains("Aangescherpt doel: "))
        .and_then(|l| l.split('.').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or_else(|| panic!("the sharpened goal in {list}"));
    chat.say(&format!("/wijzig {n}"));
    chat.say("nee");
    assert_eq!(chat.value(sharpen).as_deref(), Some(sharp));
}
