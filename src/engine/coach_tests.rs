//! Engine tests of coaching by level, `/voorbeeld`, the colofon's contacts and "Acceptabel".

use super::super::tests::{Chat, LEVEL_KEYS, WALK};
use super::super::*;

/// Walk [`WALK`] up to (not including) the line at `stop`, with `yes` of the seven level
/// questions answered yes and `embedded` for the lerend follow-up; returns what koers said.
fn walk_to(chat: &mut Chat, stop: &str, yes: usize, embedded: &str) -> String {
    let mut said = String::new();
    for (key, answer) in WALK {
        if chat.cursor().as_deref() == Some("data.embedded") {
            said.push_str(&chat.say(embedded));
        }
        if *key == stop {
            break;
        }
        assert_eq!(chat.cursor().as_deref(), Some(*key), "walking to {stop}");
        let answer = match LEVEL_KEYS.iter().position(|k| k == key) {
            Some(i) if i < yes => "ja",
            Some(_) => "nee",
            None => answer,
        };
        said.push_str(&chat.say(answer));
    }
    said
}

fn text(chat: &Chat, key: &str) -> String {
    chat.engine.texts.get(Lang::Nl, key).to_string()
}

/// Plan one action with a SMART goal; koers is then at "another action?".
fn plan_action(chat: &mut Chat, n: u32) {
    assert_eq!(chat.cursor(), Some(format!("action.action#{n}.what")));
    chat.say(&format!("Actie {n}"));
    chat.say(
        "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór 1 februari 2027",
    );
    for answer in ["Sanne", "ja", "100", "120", "nee", "nee"] {
        chat.say(answer);
    }
    assert_eq!(chat.cursor(), Some(format!("action.action#{n}")));
}

#[test]
fn a_starting_team_hears_the_advice_and_is_advised_a_deadline_three_months_ahead() {
    let mut chat = Chat::new();
    let said = walk_to(&mut chat, "action.action#1.what", 3, "");
    assert_eq!(chat.value("data.level_final").as_deref(), Some("startend"));
    assert!(said.contains(&text(&chat, "action.level_startend.text")));
    assert!(!said.contains(&text(&chat, "action.level_lerend.text")));
    chat.say("Instagram");
    // A goal without a deadline: the deadline question names a date about three months on.
    chat.say("Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.owner")
    );
    chat.say("Sanne");
    chat.say("ja");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.deadline")
    );
    let asked = chat.say("/start");
    assert!(asked.contains("25-02-2027"), "today is 25-11-2026: {asked}");
    assert!(asked.contains(&text(&chat, "action.action.goal.deadline.text")));
    // /status and the export carry the level's consequences.
    let status = chat.say("/status");
    assert!(
        status.contains("Startend: het stappenplan raadt 1 tot 3"),
        "{status}"
    );
    assert!(
        status.contains("Acties deze ronde: 1 (advies: hoogstens 3)"),
        "{status}"
    );
    let export = chat.say("/export");
    assert!(export.contains(&format!("## {}", text(&chat, "msg.coach.heading"))));
    assert!(export.contains("Acties deze ronde: 1"), "{export}");
}

#[test]
fn a_learning_or_executing_team_gets_no_deadline_hint() {
    let mut chat = Chat::new();
    walk_to(&mut chat, "action.action#1.what", 4, "nee");
    chat.say("Instagram");
    chat.say("Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen");
    chat.say("Sanne");
    chat.say("ja");
    let asked = chat.say("/start");
    assert!(asked.contains(&text(&chat, "action.action.goal.deadline.text")));
    assert!(!asked.contains("25-02-2027"), "{asked}");
}

#[test]
fn a_fourth_action_is_checked_once_for_a_starting_team() {
    let mut chat = Chat::new();
    walk_to(&mut chat, "action.action#1.what", 0, "");
    for n in 1..=3 {
        plan_action(&mut chat, n);
        let next = chat.say("ja");
        if n < 3 {
            // No check before the second and third action.
            assert_eq!(chat.cursor(), Some(format!("action.action#{}.what", n + 1)));
        } else {
            assert_eq!(chat.cursor().as_deref(), Some("action.action#4.limit"));
            assert!(next.contains(&text(&chat, "action.action.limit.text")));
        }
    }
    // "nee" ends the actions: on to the rest of the plan.
    chat.say("nee");
    assert_eq!(chat.cursor().as_deref(), Some("implementation.policy_what"));
    assert_eq!(chat.value("action.action#4.what"), None);
    // Going back and saying "ja" adds the fourth action, and there is no check for a fifth.
    chat.say("/terug");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#4.limit"));
    chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#4.what"));
    plan_action(&mut chat, 4);
    chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#5.what"));
    let status = chat.say("/status");
    assert!(status.contains("Acties deze ronde: 4"), "{status}");
}

#[test]
fn a_learning_team_is_asked_for_a_long_term_goal_shown_in_status_and_export() {
    let mut chat = Chat::new();
    let said = walk_to(&mut chat, "action.action#1.what", 4, "nee");
    assert_eq!(chat.value("data.level_final").as_deref(), Some("lerend"));
    assert!(said.contains(&text(&chat, "action.level_lerend.text")));
    plan_action(&mut chat, 1);
    let asked = chat.say("nee");
    assert_eq!(chat.cursor().as_deref(), Some("action.long_term"));
    assert!(asked.contains(&text(&chat, "action.long_term.text")));
    assert!(
        chat.say("/status")
            .contains(&text(&chat, "msg.coach.long_term_missing"))
    );
    chat.say("In 2029 is een kwart van ons publiek jonger dan 30");
    assert_eq!(chat.cursor().as_deref(), Some("implementation.policy_what"));
    let want = "Doel voor de lange termijn: In 2029 is een kwart van ons publiek jonger dan 30";
    let status = chat.say("/status");
    assert!(status.contains(want), "{status}");
    assert!(
        status.contains(&text(&chat, "msg.coach.lerend")),
        "{status}"
    );
    let export = chat.say("/export");
    assert!(export.contains(want), "{export}");
}

#[test]
fn an_executing_team_hears_the_guide_ends_here_and_the_plan_goes_on() {
    let mut chat = Chat::new();
    let said = walk_to(&mut chat, "action.action#1.what", 4, "ja");
    assert_eq!(
        chat.value("data.level_final").as_deref(),
        Some("uitvoerend")
    );
    assert!(said.contains(&text(&chat, "action.level_uitvoerend.text")));
    for n in 1..=3 {
        plan_action(&mut chat, n);
        chat.say("ja");
    }
    // No check before a fourth action, and no long-term question.
    assert_eq!(chat.cursor().as_deref(), Some("action.action#4.what"));
    plan_action(&mut chat, 4);
    chat.say("nee");
    assert_eq!(chat.cursor().as_deref(), Some("implementation.policy_what"));
    let status = chat.say("/status");
    assert!(
        status.contains(&text(&chat, "msg.coach.uitvoerend")),
        "{status}"
    );
    assert!(
        chat.say("/export")
            .contains(&text(&chat, "msg.coach.uitvoerend"))
    );
}

#[test]
fn the_examples_are_told_on_request_and_offered_along_the_walk() {
    let mut chat = Chat::new();
    chat.role = Role::Member;
    let list = chat.say("/voorbeeld");
    for id in ["utrecht", "mariniers", "schalm"] {
        assert!(list.contains(&format!("/voorbeeld {id}")), "{list}");
    }
    for (typed, key, fact) in [
        ("/voorbeeld utrecht", "msg.example.utrecht", "A/B-test"),
        (
            "!koers voorbeeld Mariniers",
            "msg.example.mariniers",
            "163%",
        ),
        ("/example schalm", "msg.example.schalm", "Facebook"),
        (
            "!voorbeeld theater de schalm",
            "msg.example.schalm",
            "klantreis",
        ),
    ] {
        let told = chat.say(typed);
        assert_eq!(told, text(&chat, key), "{typed}");
        assert!(told.contains(fact), "{typed}: {told}");
    }
    assert!(text(&chat, "msg.example.mariniers").contains("400%"));
    assert!(
        chat.say("/voorbeeld rijksmuseum")
            .contains("/voorbeeld mariniers")
    );
    // Nothing was answered or stored by asking.
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));
    assert_eq!(chat.value("question.focus"), None);

    // The walk offers the Mariniersmuseum with the data sources and De Schalm with readiness.
    chat.role = Role::Manager;
    let mut said = String::new();
    for (_, answer) in WALK {
        said.push_str(&chat.say(answer));
        said.push('\n');
    }
    let sources = said
        .find("We lopen jullie bronnen nu")
        .expect("sources intro");
    let mariniers = said.find("/voorbeeld mariniers").expect("offered");
    assert!(mariniers > sources && mariniers < said.find("Welke databron").expect("asked"));
    assert!(said.contains(&text(&chat, "implementation.readiness_example.text")));
}

#[test]
fn help_and_the_end_of_the_plan_give_the_guide_s_contacts() {
    let mut chat = Chat::new();
    let help = chat.say("/help");
    assert!(help.contains("publieksdata@den.nl") && help.contains("www.publieksdata.nl"));
    assert!(help.contains("/voorbeeld [utrecht|mariniers|schalm]"));
    let mut last = String::new();
    for (_, answer) in WALK {
        last = chat.say(answer);
    }
    assert_eq!(chat.cursor(), None);
    assert!(last.contains(&text(&chat, "msg.finished")));
    assert!(last.contains(&text(&chat, "msg.coach.contact")), "{last}");
    let export = chat.say("/export");
    assert!(
        export
            .trim_end()
            .ends_with(&text(&chat, "msg.coach.contact"))
    );
    // The walk's goal is due in June 2027, beyond a starting team's short term.
    let status = chat.say("/status");
    assert!(
        status.contains("verder dan drie maanden weg: 1"),
        "{status}"
    );
    chat.say("/taal en");
    assert!(chat.say("/help").contains("publieksdata@den.nl"));
}

#[test]
fn acceptable_needs_the_support_of_those_involved() {
    let mut chat = Chat::new();
    walk_to(&mut chat, "action.action#1.goal#1.agreed", 3, "");
    let asked = chat.say("/start");
    assert!(
        asked.contains("Staan de betrokkenen achter dit doel?"),
        "{asked}"
    );
    chat.say("nee");
    chat.say("100");
    chat.say("120");
    let recorded = chat.say("nee");
    assert!(recorded.contains("✗ Acceptabel"), "{recorded}");
    assert!(recorded.contains(&text(&chat, "msg.coach.support_missing")));
    let note = text(&chat, "msg.coach.support_missing");
    assert!(chat.say("/status").contains(&note));
    assert!(chat.say("/doel").contains(&note));
    // Changed to "ja" (back past the experiment question, target and baseline; the deadline
    // was read from the goal's text, not asked), the goal is acceptable again and the note is
    // gone.
    assert!(chat.value("action.action#1.goal#1.deadline").is_some());
    for _ in 0..4 {
        chat.say("/terug");
    }
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.agreed")
    );
    chat.say("ja");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1.goal#1"));
    let list = chat.say("/doel");
    assert!(!list.contains(&note), "{list}");
    let status = chat.say("/status");
    assert!(!status.contains(&note), "{status}");
}

#[test]
fn the_fourth_action_check_must_open_the_action_group() {
    let moved = super::super::flow::FLOW_TOML.replacen(
        "id = \"limit\"\nkind = \"yesno\"\nrole = \"action_limit\"",
        "id = \"limit\"\nkind = \"yesno\"",
        1,
    );
    let moved = moved.replacen(
        "id = \"what\"\nkind = \"text\"\nrole = \"action_text\"",
        "id = \"what\"\nkind = \"text\"\nrole = \"action_text\"\n\n[[step.item.item]]\nid = \"limit_late\"\nkind = \"yesno\"\nrole = \"action_limit\"",
        1,
    );
    assert_ne!(moved, super::super::flow::FLOW_TOML);
    let err = flow::Flow::parse(&moved).expect_err("a misplaced check is refused");
    assert!(
        format!("{err:#}").contains("the first item of the group that holds the goal_group"),
        "{err:#}"
    );
}

/// The score in a SMART check's header and the number of letters it marks met, which must
/// agree.
fn header_and_marks(check: &str) -> (u8, u8) {
    let header = check
        .lines()
        .find_map(|line| line.strip_prefix("SMART-check: "))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no SMART header in {check}"));
    let marks = check.lines().filter(|line| line.starts_with("✓ ")).count();
    (header, u8::try_from(marks).unwrap_or(u8::MAX))
}

#[test]
fn acceptable_is_not_known_until_support_is_answered() {
    let mut chat = Chat::walked_to("action.action#1.goal#1.text");
    let pending = text(&chat, "msg.smart.suggestion.ask_support");
    // An owner in the text, support not yet asked: A is not yet known, and not counted.
    let check = chat
        .say("Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan");
    assert!(check.contains("? Acceptabel"), "{check}");
    assert!(!check.contains("✓ Acceptabel"), "{check}");
    assert!(check.contains(&pending), "{check}");
    let (header, marks) = header_and_marks(&check);
    assert_eq!(header, marks, "{check}");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.agreed")
    );
    // Support given: A is met, counted, and the line is gone.
    chat.say("ja");
    chat.say("200");
    let recorded = chat.say("nee");
    assert!(recorded.contains("✓ Acceptabel"), "{recorded}");
    assert!(!recorded.contains(&pending), "{recorded}");
    assert!(recorded.contains("SMART-check: 5 van de 5"), "{recorded}");
    assert_eq!(header_and_marks(&recorded), (5, 5), "{recorded}");
    assert_eq!(chat.goal(1).smart_score, Some(5));
    assert!(chat.say("/status").contains("SMART 5/5"));
    assert!(chat.say("/export").contains("SMART 5/5"));
}
