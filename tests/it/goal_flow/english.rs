//! A goal in an English conversation: dates and numbers read the English way, and refused in
//! English.

use crate::common::{Chat, Sandbox, WALK, line_of, script};

/// In an English conversation dates and numbers are read the English way, and refused in
/// English.
#[test]
fn english_dates_and_numbers_are_read_and_refused_in_english() {
    let sandbox = Sandbox::new();
    let goal = "Increase the number of families at the family show by 10%";
    let input = format!(
        "{}{goal}\nyes\nthe marketing team\nyes\nsoon\n30 June 2027\ndon't know\n/skip\n1,100 families\nno\n",
        script(&WALK[..line_of("action.action#1.goal#1.text")])
    );
    let run = sandbox.run(&Chat::new("team", "ann").lang("en"), input);
    run.assert_success();
    let out = &run.stdout;
    assert_eq!(
        out.matches("I can't read that as a date.").count(),
        1,
        "{out}"
    );
    assert_eq!(
        out.matches("I don't see a number in that.").count(),
        1,
        "{out}"
    );
    assert!(out.contains("Noted as goal 1 for the action"), "{out}");
    assert!(!out.contains("Dat lees ik niet"), "{out}");
    // Families at the family show share no word with the (Dutch) vraagstuk: asked once.
    assert_eq!(
        out.matches("Does it serve your question: “").count(),
        1,
        "{out}"
    );
    let value = |key: &str| {
        sandbox
            .answer("team", 1, &format!("action.action#1.goal#1.{key}"))
            .unwrap_or_else(|| panic!("{key} not stored"))
    };
    assert_eq!(value("smart").value.as_deref(), Some("ok"));
    assert_eq!(value("owner").value.as_deref(), Some("the marketing team"));
    assert_eq!(value("deadline").value.as_deref(), Some("2027-06-30"));
    assert!(value("baseline").skipped);
    assert_eq!(value("target").value.as_deref(), Some("1100"));
    let goals = sandbox.goals("team");
    assert_eq!(
        (
            goals[0].deadline.as_deref(),
            goals[0].baseline,
            goals[0].target
        ),
        (Some("2027-06-30"), None, Some(1100.0))
    );
}
