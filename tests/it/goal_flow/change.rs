//! `/wijzig` on the goal text: what koers read in the old text (deadline, owner) goes with it,
//! and the team's new text is the goal.

use super::{
    AGREED_NL, BASELINE_NL, DEADLINE_NL, EXPERIMENT_NL, OWNER_NL, SHARPEN_NL, SHARPENED, TARGET_NL,
    WEAK, spawn_at,
};
use crate::common::{GOAL_NL, Sandbox, Session};

/// /wijzig on the goal text: what koers read in the old text must not outlive it.
#[test]
fn changing_the_goal_text_changes_the_deadline_koers_read_in_it() {
    let sandbox = Sandbox::new();
    let mut s = spawn_at(&sandbox, "action.action#1.goal#1.text");
    s.answer(GOAL_NL, "[Actie 1 · Doel 1] Wie is eigenaar van dit doel?");
    s.answer("Sanne", AGREED_NL);
    s.answer("ja", BASELINE_NL);
    let number = change_number(&mut s, "Actie 1 · Doel 1 · Doel");
    s.answer(
        &format!("/wijzig {number}"),
        "Met /overslaan houden jullie dit antwoord.",
    );
    let later = GOAL_NL.replace("juni 2027", "juni 2028");
    s.answer(&later, BASELINE_NL);
    s.answer("150", TARGET_NL);
    s.answer("180", EXPERIMENT_NL);
    s.answer("nee", "Hoort er nog een doel bij deze actie?");
    s.finish().assert_success();
    let deadline = sandbox
        .answer("team", 1, "action.action#1.goal#1.deadline")
        .and_then(|r| r.value);
    assert_eq!(deadline.as_deref(), Some("2028-05-31"));
    let goals = sandbox.goals("team");
    assert_eq!(
        (goals[0].text.as_str(), goals[0].deadline.as_deref()),
        (later.as_str(), Some("2028-05-31"))
    );
}

/// /wijzig on a goal text that had been sharpened: the team's new text is the goal.
#[test]
fn changing_a_sharpened_goal_text_records_the_new_text() {
    let sandbox = Sandbox::new();
    let mut s = spawn_at(&sandbox, "action.action#1.goal#1.text");
    s.answer(WEAK, SHARPEN_NL);
    s.answer(SHARPENED, AGREED_NL);
    s.answer("ja", DEADLINE_NL);
    s.answer("30-06-2027", BASELINE_NL);
    let number = change_number(&mut s, "Actie 1 · Doel 1 · Doel");
    s.answer(
        &format!("/wijzig {number}"),
        "Met /overslaan houden jullie dit antwoord.",
    );
    // The owner koers read from the sharpened text went with it: it is asked now.
    s.answer(GOAL_NL, OWNER_NL);
    s.answer("Sanne", BASELINE_NL);
    s.send_line("150");
    // The target is asked unless koers (still) has one from a goal text.
    let (which, _) = s.read_until_any(&[TARGET_NL, EXPERIMENT_NL]);
    if which == 0 {
        s.answer("180", EXPERIMENT_NL);
    }
    s.answer("nee", "Hoort er nog een doel bij deze actie?");
    s.finish().assert_success();
    let goals = sandbox.goals("team");
    assert_eq!(goals[0].text, GOAL_NL, "{goals:#?}");
    assert_eq!(
        goals[0].deadline.as_deref(),
        Some("2027-06-30"),
        "the team's own deadline stays"
    );
    assert_eq!(goals[0].owner.as_deref(), Some("Sanne"));
}

/// The number `/wijzig` gives the answer labelled `label`.
fn change_number(s: &mut Session, label: &str) -> usize {
    s.send_line("/wijzig");
    let list = s.read_until(&format!(". {label}: "));
    let line = list.lines().last().expect("a line");
    line.split('.')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no number in {line:?}"))
}
