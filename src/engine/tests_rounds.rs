//! Engine tests of closing the circle: `/stap n` and a new round that starts from the last one.

use super::tests::Chat;
use super::*;

fn walked() -> Chat {
    let chat = Chat::walked_to("");
    assert_eq!(chat.cursor(), None, "the walk finishes the round");
    chat
}

#[test]
fn going_back_to_step_two_asks_its_questions_again_with_the_answers_given() {
    let mut chat = walked();
    let out = chat.say("/stap 2");
    assert!(out.contains("Terug naar stap 2"), "{out}");
    assert_eq!(chat.cursor().as_deref(), Some("data.strategy"));
    assert!(
        out.contains("Eerder antwoord: ja"),
        "the given answer is shown: {out}"
    );
    // A new answer replaces the old one; /overslaan keeps it; the next question is asked
    // even though it was answered.
    chat.say("nee");
    assert_eq!(chat.value("data.strategy").as_deref(), Some("no"));
    assert_eq!(chat.cursor().as_deref(), Some("data.vision"));
    chat.say("/overslaan");
    assert_eq!(chat.value("data.vision").as_deref(), Some("yes"));
    assert_eq!(chat.cursor().as_deref(), Some("data.owner"));
    // Through to the sources: "another source?" asked again adds one.
    chat.answer_until("data.source#1", "/overslaan");
    chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("data.source#2.name"));
    for answer in ["Enquête", "intern", "anoniem", "ja", "ja", "ja"] {
        chat.say(answer);
    }
    assert_eq!(chat.cursor().as_deref(), Some("data.source#2"));
    let done = chat.say("nee");
    assert!(done.contains("Stap 2 is opnieuw doorlopen"), "{done}");
    assert_eq!(chat.cursor(), None, "the round was finished and is again");
    assert!(chat.say("/status").contains("Enquête"));
    // Step 3 is not asked again: the revisit ended with step 2.
    assert_eq!(
        chat.value("action.action#1.what").as_deref(),
        Some("Instagram-campagne")
    );
}

#[test]
fn going_back_mid_round_returns_to_the_open_question_afterwards() {
    let mut chat = Chat::walked_to("data.doing");
    chat.say("/stap 1");
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));
    chat.answer_until("data.doing", "/overslaan");
    assert_eq!(chat.cursor().as_deref(), Some("data.doing"));
    assert_eq!(
        chat.value("question.important").as_deref(),
        Some("Jong publiek"),
        "kept"
    );
    assert_eq!(chat.value("data.strategy").as_deref(), Some("yes"));
}

#[test]
fn a_step_that_does_not_exist_is_refused_with_the_range() {
    let mut chat = Chat::new();
    chat.say("marketing");
    for bad in ["/stap 5", "/stap 0", "/stap twee", "/stap"] {
        let out = chat.say(bad);
        assert!(
            out.contains("/stap 2"),
            "{bad}: the reply shows how it is used: {out}"
        );
        assert_eq!(
            chat.cursor().as_deref(),
            Some("question.important"),
            "{bad}"
        );
    }
    assert!(chat.say("/stap 9").contains("stap 1 tot en met 4"));
}

#[test]
fn a_new_round_starts_from_the_last_one_and_asks_what_changed() {
    let mut chat = walked();
    let out = chat.say("/nieuw");
    for carried in [
        "Ronde 2 begint waar ronde 1 ophield",
        "Hoeveel studenten kopen via de webshop een kaartje?",
        "Ticketing",
        "1. Het aantal studenten",
        // The walk left two readiness items open, with and without an owner.
        "(Directie)",
        "/stap 1",
    ] {
        assert!(out.contains(carried), "{carried:?} in {out}");
    }
    assert_eq!(chat.cursor().as_deref(), Some("question.changed"));
    // Step 1, the sources and the readiness items are in round 2; the level questions and
    // the actions are asked again.
    for (key, kept) in [
        ("question.focus", true),
        ("question.statement", true),
        ("data.source#1.name", true),
        ("data.source#1", false),
        ("data.strategy", false),
        ("action.action#1.what", false),
        ("implementation.ownership", true),
        ("implementation.mandate", true),
        ("implementation.expertise", false),
        ("implementation.mandate.owner", true),
    ] {
        assert_eq!(chat.value(key).is_some(), kept, "{key}");
    }
    chat.say("De campagne liep goed, we hebben nu ook enquêtedata");
    assert_eq!(chat.cursor().as_deref(), Some("question.keep_statement"));
    chat.say("ja");
    // Step 1 is carried and the vraagstuk kept: the walk goes on in step 2.
    assert_eq!(chat.cursor().as_deref(), Some("data.strategy"));
    let status = chat.say("/status");
    assert!(status.contains("Ticketing: hygiëne in orde"), "{status}");
    assert!(
        status.contains("Directie"),
        "open items stay open: {status}"
    );
    // Round 1 is untouched.
    let round1 = chat
        .db
        .run({
            let team = chat.team.clone();
            move |s| {
                let t = s.find_team(&team.platform, &team.id)?.context("team")?;
                s.list_answers(t.id, 1)
            }
        })
        .expect("round 1");
    assert!(round1.iter().any(|a| a.key == "action.action#1.what"));
    assert!(!round1.iter().any(|a| a.key == "question.changed"));
}

#[test]
fn a_vraagstuk_that_no_longer_fits_is_asked_again_once() {
    let mut chat = walked();
    chat.say("/nieuw");
    chat.say("Nieuwe directie");
    let out = chat.say("nee");
    assert!(out.contains("/stap 1"), "{out}");
    assert_eq!(chat.cursor().as_deref(), Some("question.statement"));
    chat.say("Hoeveel jongeren onder de 25 komen vaker dan één keer per seizoen?");
    assert_eq!(chat.cursor().as_deref(), Some("data.strategy"));
    // Going through step 1 again passes the reopen item: the new vraagstuk stays.
    chat.say("/stap 1");
    chat.answer_until("data.strategy", "/overslaan");
    assert_eq!(
        chat.value("question.statement").as_deref(),
        Some("Hoeveel jongeren onder de 25 komen vaker dan één keer per seizoen?")
    );
}

#[test]
fn a_third_round_asks_what_changed_again() {
    let mut chat = walked();
    chat.say("/nieuw");
    chat.say("eerste verandering");
    chat.say("ja");
    let out = chat.say("/nieuw");
    assert!(out.contains("Ronde 3 begint waar ronde 2 ophield"), "{out}");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("question.changed"),
        "what changed belongs to its own round and is not carried"
    );
}

#[test]
fn a_member_may_not_start_a_new_round() {
    let mut chat = walked();
    chat.role = Role::Member;
    let out = chat.say("/nieuw");
    assert!(out.contains("beheerder"), "{out}");
    assert_eq!(chat.cursor(), None);
}

#[test]
fn the_export_shows_the_rounds_side_by_side() {
    let mut chat = walked();
    assert!(
        !chat.say("/export").contains("Rondes naast elkaar"),
        "one round has nothing to compare"
    );
    chat.say("/nieuw");
    chat.say("Nieuwe directie | nieuwe koers");
    chat.say("nee");
    chat.say("Hoeveel jongeren onder de 25 komen vaker dan één keer?");
    let export = chat.say("/export");
    let table: Vec<&str> = export
        .lines()
        .skip_while(|l| !l.contains("Rondes naast elkaar"))
        .take_while(|l| !l.starts_with("# "))
        .filter(|l| l.starts_with('|'))
        .collect();
    assert_eq!(table[0], "| | Ronde 1 | Ronde 2 |", "{export}");
    let row = |label: &str| {
        table
            .iter()
            .find(|l| l.starts_with(&format!("| **{label}**")))
            .map_or_else(|| panic!("row {label} in {table:?}"), |l| l.to_string())
    };
    assert_eq!(
        row("Vraagstuk"),
        "| **Vraagstuk** | Hoeveel studenten kopen via de webshop een kaartje? | \
         Hoeveel jongeren onder de 25 komen vaker dan één keer? |"
    );
    assert_eq!(
        row("Wat veranderde"),
        "| **Wat veranderde** | — | Nieuwe directie \\| nieuwe koers |",
        "a bar in an answer does not break the table"
    );
    assert_eq!(
        row("Databronnen"),
        "| **Databronnen** | Ticketing | Ticketing |"
    );
    assert_eq!(
        row("Doelen (gehaald)"),
        "| **Doelen (gehaald)** | 1 (0) | 0 (0) |"
    );
    assert!(row("Open randvoorwaarden").contains("Directie"));
    // Each round follows in full.
    assert!(
        export.contains("ronde 1") && export.contains("ronde 2"),
        "{export}"
    );
}

#[test]
fn a_readiness_action_comes_along_once_and_is_not_asked_again() {
    let mut chat = walked();
    let actions = |chat: &Chat| -> Vec<(u32, String, crate::states::GoalStatus)> {
        chat.db
            .run(|s| s.list_team_goals(1))
            .expect("goals")
            .into_iter()
            .filter(|g| g.kind == crate::states::GoalKind::Readiness)
            .map(|g| (g.round, g.text, g.status))
            .collect()
    };
    let before = actions(&chat);
    assert_eq!(
        before.len(),
        1,
        "the mandate has an owner and a date: {before:?}"
    );
    chat.say("/nieuw");
    chat.say("niets bijzonders");
    chat.say("ja");
    let after = actions(&chat);
    assert_eq!(
        after.len(),
        1,
        "no second action for the same item: {after:?}"
    );
    assert_eq!(after[0].0, 2, "the action moved into round 2");
    assert_eq!(after[0].2, crate::states::GoalStatus::Open);
    assert_eq!(
        chat.value("implementation.mandate.date").as_deref(),
        Some("2027-03-31"),
        "its date came along"
    );
    // Settling the item in round 2 closes the one action.
    chat.say("/stap 4");
    chat.answer_until("implementation.mandate", "/overslaan");
    chat.say("ja");
    assert_eq!(actions(&chat)[0].2, crate::states::GoalStatus::Closed);
}
