//! The goal's deadline as the team sees it: dd-mm-yyyy in the export's goal list, and no
//! reminders promised for a deadline already passed.

use super::{AGREED_NL, BASELINE_NL, DEADLINE_NL, EXPERIMENT_NL, OWNER_NL, TARGET_NL, spawn_at};
use crate::common::{Chat, GOAL_NL, Sandbox, WALK, line_of, script};

/// The "## Doelen" list of the export shows the deadline like every other place does
/// (dd-mm-yyyy), not as the stored ISO date.
#[test]
fn export_goal_list_shows_the_deadline_as_dd_mm_yyyy() {
    let sandbox = Sandbox::new();
    let end = line_of("action.action#1.goal#1.experiment") + 1;
    let run = sandbox.run(
        &Chat::new("team", "ann"),
        format!("{}/export\n", script(&WALK[..end])),
    );
    run.assert_success();
    let export = run.export();
    let want = format!("## Doelen\n\n- 1. {GOAL_NL} — eigenaar: Sanne, deadline: 31-05-2027");
    assert!(export.contains(&want), "export lacks {want:?}:\n{export}");
}

/// A deadline already passed is refused (no reminders or evaluation could come of it), the
/// question stays open, and a goal left without a deadline is promised no reminders.
#[test]
fn a_passed_deadline_is_refused_and_no_reminders_are_promised() {
    let sandbox = Sandbox::new();
    let mut s = spawn_at(&sandbox, "action.action#1.goal#1.text");
    s.answer(
        "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen",
        OWNER_NL,
    );
    s.answer("Sanne", AGREED_NL);
    s.answer("ja", DEADLINE_NL);
    let refused = s.answer("1 januari 2026", DEADLINE_NL);
    assert!(refused.contains("ligt in het verleden"), "{refused}");
    s.answer("/overslaan", BASELINE_NL);
    s.answer("150", TARGET_NL);
    s.answer("180", EXPERIMENT_NL);
    let reply = s.answer("nee", "Hoort er nog een doel bij deze actie?");
    s.finish().assert_success();
    assert!(sandbox.reminders("team").is_empty(), "no reminders planned");
    assert!(!reply.contains("Herinneringen komen "), "{reply}");
}
