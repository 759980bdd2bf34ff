//! Engine tests of what a goal keeps: a change to one answer of a goal (or of a step-4 action)
//! changes that field only, a deadline moved with `/doel verzet` stays.

use anyhow::Context;

use super::tests::{Chat, WALK};
use crate::store::TrackedGoal;

/// Walk the whole WALK: goal 1 (deadline 31-05-2027 from its text) and step-4 action 2.
fn walked() -> Chat {
    let mut chat = Chat::new();
    for (key, answer) in WALK {
        assert_eq!(chat.cursor().as_deref(), Some(*key), "before {answer:?}");
        chat.say(answer);
    }
    chat
}

fn goal(chat: &Chat, n: i64) -> TrackedGoal {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s.find_team(&team.platform, &team.id)?.context("team")?;
            s.find_goal_by_number(t.id, n)?.context("goal")
        })
        .expect("goal")
}

/// The number `/wijzig` gives the answer whose line contains `label`.
fn change_number(chat: &mut Chat, label: &str) -> usize {
    let list = chat.say("/wijzig");
    list.lines()
        .find(|l| l.contains(label))
        .and_then(|l| l.split('.').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or_else(|| panic!("{label} in {list}"))
}

fn deadline(g: &TrackedGoal) -> Option<String> {
    g.deadline.map(|d| d.to_string())
}

#[test]
fn changing_a_goal_answer_keeps_a_moved_deadline() {
    let mut chat = walked();
    assert_eq!(deadline(&goal(&chat, 1)).as_deref(), Some("2027-05-31"));
    chat.say("/doel verzet 1 30-09-2027 omdat de campagne later start");
    assert_eq!(deadline(&goal(&chat, 1)).as_deref(), Some("2027-09-30"));
    // The owner changed: only the owner changes.
    let n = change_number(&mut chat, "Doel 1 · Eigenaar:");
    chat.say(&format!("/wijzig {n}"));
    chat.say("Piet");
    let g = goal(&chat, 1);
    assert_eq!(g.owner.as_deref(), Some("Piet"));
    assert_eq!(
        deadline(&g).as_deref(),
        Some("2027-09-30"),
        "the move is kept"
    );
    // The baseline changed: the moved deadline still stands.
    let n = change_number(&mut chat, "Doel 1 · Nulmeting:");
    chat.say(&format!("/wijzig {n}"));
    chat.say("90");
    let g = goal(&chat, 1);
    assert_eq!(g.baseline, Some(90.0));
    assert_eq!(
        deadline(&g).as_deref(),
        Some("2027-09-30"),
        "the move is kept"
    );
    let out = chat.say("/doel");
    assert!(out.contains("30-09-2027"), "{out}");
    // A new deadline answer is a change of the deadline itself: it counts.
    let n = change_number(&mut chat, "Doel 1 · Deadline:");
    chat.say(&format!("/wijzig {n}"));
    chat.say("31-10-2027");
    assert_eq!(deadline(&goal(&chat, 1)).as_deref(), Some("2027-10-31"));
}

#[test]
fn changing_a_step_4_owner_keeps_a_moved_date() {
    let mut chat = walked();
    assert_eq!(deadline(&goal(&chat, 2)).as_deref(), Some("2027-03-31"));
    chat.say("/doel verzet 2 30-04-2027 omdat de directie pas in april vergadert");
    let n = change_number(&mut chat, "Duidelijk mandaat: wie");
    chat.say(&format!("/wijzig {n}"));
    chat.say("Klaas");
    let g = goal(&chat, 2);
    assert_eq!(g.owner.as_deref(), Some("Klaas"));
    assert_eq!(
        deadline(&g).as_deref(),
        Some("2027-04-30"),
        "the move is kept"
    );
    // A new date answer moves it.
    let n = change_number(&mut chat, "Duidelijk mandaat: geregeld op");
    chat.say(&format!("/wijzig {n}"));
    chat.say("31-05-2027");
    assert_eq!(deadline(&goal(&chat, 2)).as_deref(), Some("2027-05-31"));
}
