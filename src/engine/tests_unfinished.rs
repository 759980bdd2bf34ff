//! Engine tests of a goal left unfinished: answers of a goal without its goal row, as an older
//! koers could leave them behind, and what `/doel nieuw` does about them.

use super::tests::{Chat, WALK};
use crate::store::{Answer, TrackedGoal};

const LEFT: &str = "Het aantal studenten dat op zondag via de webshop een kaartje koopt verhogen naar 300 vóór 31-12-2027";

/// An older koers's leftovers: goal 2's text and owner stored under action 1, with no goal
/// row, no question of it open, and goal 1's "another goal?" still no (so no walk, not even
/// `/stap 3`, passes it).
fn with_orphan_goal(chat: Chat) -> Chat {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s.find_team(&team.platform, &team.id)?.expect("team");
            for (key, value) in [
                ("action.action#1.goal#2.text", LEFT),
                ("action.action#1.goal#2.owner", "Jan"),
            ] {
                let answer = Answer {
                    key: key.into(),
                    value: Some(value.into()),
                    skipped: false,
                    computed: false,
                    user: "ann".into(),
                    user_id: Some("ann".into()),
                    at: "2025-01-01T00:00:00Z".into(),
                };
                s.upsert_answer(t.id, 1, &answer)?;
            }
            Ok(())
        })
        .expect("old rows");
    chat
}

/// Goal 2 of action 1, once it is recorded.
fn left_goal(chat: &Chat) -> Option<TrackedGoal> {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s.find_team(&team.platform, &team.id)?.expect("team");
            s.find_goal_by_key(t.id, 1, "action.action#1.goal#2")
        })
        .expect("read")
}

/// `/doel nieuw` meets the goal left behind: the team is taken to it and asked its open
/// questions (its support, its baseline, whether it is an experiment); what was said.
fn finish_the_left_goal(chat: &mut Chat) -> String {
    let out = chat.say("/doel nieuw Meer studenten in de zaal");
    assert!(
        out.contains(&format!("Eerst het doel dat nog niet af is: “{LEFT}”")),
        "{out}"
    );
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#2.agreed"),
        "its next open question is asked: {out}"
    );
    ["ja", "200", "nee"]
        .iter()
        .map(|a| chat.say(a))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_goal_an_older_koers_left_unfinished_is_finished_when_a_new_goal_is_asked_for() {
    let mut chat = with_orphan_goal(Chat::walked_to(""));
    assert_eq!(chat.cursor(), None);
    let out = finish_the_left_goal(&mut chat);
    assert!(out.contains("Genoteerd als doel 3"), "{out}");
    let goal = left_goal(&chat).expect("recorded");
    assert_eq!(goal.text, LEFT);
    assert_eq!(goal.owner.as_deref(), Some("Jan"), "what was given is kept");
    assert_eq!((goal.baseline, goal.target), (Some(200.0), Some(300.0)));
    chat.say("nee");
    // Now a new goal can be added, and one no longer wanted dropped.
    let out = chat.say("/doel nieuw Meer studenten in de zaal");
    assert!(!out.contains("nog niet af"), "{out}");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#3.sharpen"),
        "{out}"
    );
    assert!(
        chat.say("/doel schrap 3 hoort niet meer bij het plan")
            .contains("geschrapt")
    );
}

#[test]
fn after_the_goal_left_unfinished_the_team_is_back_at_its_question() {
    let mut chat = with_orphan_goal(Chat::walked_to("implementation.ownership"));
    finish_the_left_goal(&mut chat);
    assert!(left_goal(&chat).is_some());
    let out = chat.say("nee");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("implementation.ownership"),
        "{out}"
    );
}

#[test]
fn the_goal_list_shows_a_goal_being_entered() {
    // The goal's text is given; its owner is asked next.
    let mut chat = Chat::walked_to("action.action#1.goal#1.owner");
    let text = chat
        .value("action.action#1.goal#1.text")
        .expect("goal text");
    let out = chat.say("/doel");
    assert!(!out.contains("Er zijn nog geen doelen"), "{out}");
    assert!(
        out.contains(&format!("Doel in wording: “{text}”"))
            && out.contains("zodra de vragen erover beantwoord zijn"),
        "{out}"
    );
    // Once it is recorded it is listed as a goal, and nothing is being entered.
    for (_, answer) in WALK
        .iter()
        .skip_while(|(key, _)| *key != "action.action#1.goal#1.owner")
        .take_while(|(key, _)| *key != "action.action#1.goal#1")
    {
        chat.say(answer);
    }
    let out = chat.say("/doel");
    assert!(
        out.contains("1. ") && !out.contains("Doel in wording"),
        "{out}"
    );
}
