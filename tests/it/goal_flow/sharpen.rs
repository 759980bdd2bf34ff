//! A weak goal is sharpened; what the sharpened text says is filled in and not asked; dates and
//! numbers koers cannot read are refused and asked again; a second goal gets the next number.

use super::{
    AGREED_NL, BASELINE_NL, DEADLINE_NL, EXPERIMENT_NL, OWNER_NL, SHARPEN_NL, SHARPENED, TARGET_NL,
    WEAK, spawn_at,
};
use crate::common::{GoalRow, Row, Sandbox, smart_check};

const UNREADABLE_DATE: &str = "Dat lees ik niet als datum.";
const UNREADABLE_NUMBER: &str = "Daar zie ik geen getal in.";

/// A second goal for the same action, with a deadline in it.
const SECOND: &str =
    "Het aantal gezinnen bij de familievoorstelling met 10% verhogen uiterlijk 30-09-2027";

/// The stored answers under `prefix`, in key order.
fn rows_under(sandbox: &Sandbox, prefix: &str) -> Vec<Row> {
    sandbox
        .answers("team", 1)
        .into_iter()
        .filter(|r| r.key.starts_with(prefix))
        .collect()
}

/// An answer row: the team's (user "ann", skipped when there is no value) or koers's own.
fn row(key: &str, value: Option<&str>, computed: bool) -> Row {
    Row {
        key: key.to_string(),
        value: value.map(str::to_string),
        skipped: value.is_none(),
        computed,
        user: if computed { "koers" } else { "ann" }.to_string(),
    }
}

#[test]
fn weak_goal_is_sharpened_and_unreadable_dates_and_numbers_are_asked_again() {
    let sandbox = Sandbox::new();
    let mut s = spawn_at(&sandbox, "action.action#1.goal#1.text");

    // A weak goal: the check says what is missing, then asks to sharpen it.
    let reply = s.answer(
        WEAK,
        "(Met 'nee' of /overslaan houden jullie het zoals het is.)",
    );
    let check = smart_check(&reply, "SMART-check: ");
    assert_eq!(check.header, "SMART-check: 0 van de 5", "{reply}");
    assert_eq!(check.marks, "✗✗??✗", "{check:?}");
    assert!(
        check.rest.iter().all(|l| l.starts_with("→ ")),
        "suggestions what to add: {check:?}"
    );
    assert!(reply.contains(SHARPEN_NL), "{reply}");

    // The sharpened goal is checked again. It names its owner and its target, so neither is
    // asked; the support of those involved and the deadline are missing and asked next. A
    // is not met before support is answered.
    let reply = s.answer(SHARPENED, AGREED_NL);
    s.answer("ja", DEADLINE_NL);
    let check = smart_check(&reply, "SMART-check: ");
    assert_eq!(check.header, "SMART-check: 2 van de 5", "{reply}");
    assert_eq!(check.marks, "✓✓??✗", "{check:?}");
    for not_asked in [SHARPEN_NL, OWNER_NL, TARGET_NL] {
        assert!(!reply.contains(not_asked), "{not_asked:?} asked:\n{reply}");
    }

    // Dates koers cannot read are refused, the question stays open, nothing is stored.
    for unreadable in ["binnenkort", "32-13-2027"] {
        let reply = s.answer(unreadable, UNREADABLE_DATE);
        assert!(!reply.contains(BASELINE_NL), "{unreadable:?} was taken");
        s.read_until(DEADLINE_NL);
        assert_eq!(
            sandbox.answer("team", 1, "action.action#1.goal#1.deadline"),
            None,
            "{unreadable:?} was stored"
        );
    }
    // A relative date counts from today (the pinned start of the conversation, 25-11-2026).
    s.answer("binnen drie maanden", BASELINE_NL);

    // A baseline without a number is refused; skipping it is fine.
    for unreadable in ["weet ik niet", "veel"] {
        s.answer(unreadable, UNREADABLE_NUMBER);
        s.read_until(BASELINE_NL);
        assert_eq!(
            sandbox.answer("team", 1, "action.action#1.goal#1.baseline"),
            None,
            "{unreadable:?} was stored"
        );
    }
    let reply = s.answer("/overslaan", EXPERIMENT_NL);
    assert!(reply.contains("Vraag overgeslagen."), "{reply}");
    assert!(
        !reply.contains(TARGET_NL),
        "the target is in the goal text:\n{reply}"
    );
    let reply = s.answer(
        "nee",
        "[Actie 1 · Doel 1] Hoort er nog een doel bij deze actie?",
    );
    let recorded = &reply[reply
        .find("Genoteerd als doel 1 bij de actie 'Instagram-campagne voor studenten'. ")
        .unwrap_or_else(|| panic!("goal 1 not recorded:\n{reply}"))..];
    let check = smart_check(recorded, "SMART-check: ");
    assert_eq!(check.header, "SMART-check: 4 van de 5");
    // Without a baseline koers cannot judge whether it is realistic, and says so.
    assert_eq!(check.marks, "✓✓✓?✓", "{check:?}");
    assert_eq!(check.rest[0], "Deadline: 25-02-2027");
    assert!(
        check.rest[1..].iter().any(|l| l.starts_with("→ ")),
        "{check:?}"
    );
    assert!(
        check
            .rest
            .last()
            .is_some_and(|l| l.starts_with("Herinneringen komen ")),
        "{check:?}"
    );

    // A second goal for the same action gets the next number; its baseline and target are
    // numbers written the Dutch way.
    s.answer("ja", "[Actie 1 · Doel 2] Welk doel hoort bij deze actie?");
    let reply = s.answer(SECOND, "[Actie 1 · Doel 2] Wie is eigenaar van dit doel?");
    let check = smart_check(&reply, "SMART-check: ");
    assert_eq!(
        (check.header, check.marks.as_str()),
        ("SMART-check: 3 van de 5", "✓✓??✓")
    );
    assert_eq!(check.rest[0], "Deadline: 30-09-2027");
    assert!(
        !reply.contains("Maak het doel nog iets scherper"),
        "{reply}"
    );
    s.answer("Piet", AGREED_NL);
    s.answer("ja", "[Actie 1 · Doel 2] Waar staan jullie nu");
    s.answer(
        "1.000",
        "[Actie 1 · Doel 2] Welke waarde willen jullie bereiken",
    );
    s.answer("1.100 gezinnen", EXPERIMENT_NL);
    let reply = s.answer(
        "nee",
        "[Actie 1 · Doel 2] Hoort er nog een doel bij deze actie?",
    );
    let recorded = &reply[reply
        .find("Genoteerd als doel 2 bij de actie 'Instagram-campagne voor studenten'. ")
        .unwrap_or_else(|| panic!("goal 2 not recorded:\n{reply}"))..];
    let check = smart_check(recorded, "SMART-check: ");
    assert_eq!(
        (check.header, check.marks.as_str()),
        ("SMART-check: 5 van de 5", "✓✓✓✓✓")
    );
    s.answer("nee", "[Actie 1] Willen jullie nog een actie plannen?");
    s.send_line("/doel");
    let list = s.read_until("(SMART 5/5)\n");
    assert!(
        list.ends_with(&format!(
            "Jullie doelen:\n\
             1. {SHARPENED} — eigenaar: Sanne, deadline: 25-02-2027 (nog 92 dag(en)) — loopt (SMART 4/5)\n\
             2. {SECOND} — eigenaar: Piet, deadline: 30-09-2027 (nog 309 dag(en)) — loopt (SMART 5/5)\n"
        )),
        "{list}"
    );
    let export = s.export_now();
    let done = s.finish();
    done.assert_success();
    assert_eq!(done.stderr.trim(), "");

    // What the team typed, what koers filled in (user "koers"), the skip; no refused input.
    assert_eq!(
        rows_under(&sandbox, "action.action#1.goal#1."),
        vec![
            row("action.action#1.goal#1.agreed", Some("yes"), false),
            row("action.action#1.goal#1.baseline", None, false),
            row("action.action#1.goal#1.deadline", Some("2027-02-25"), false),
            row("action.action#1.goal#1.experiment", Some("no"), false),
            row("action.action#1.goal#1.overlap", Some("shared"), true),
            row("action.action#1.goal#1.owner", Some("Sanne"), true),
            row("action.action#1.goal#1.record", Some("recorded"), true),
            row("action.action#1.goal#1.resmart", Some("ok"), true),
            row("action.action#1.goal#1.sharpen", Some(SHARPENED), false),
            row("action.action#1.goal#1.smart", Some("weak"), true),
            row("action.action#1.goal#1.target", Some("1500"), true),
            row("action.action#1.goal#1.text", Some(WEAK), false),
        ]
    );
    assert_eq!(
        rows_under(&sandbox, "action.action#1.goal#2."),
        vec![
            row("action.action#1.goal#2.agreed", Some("yes"), false),
            row("action.action#1.goal#2.baseline", Some("1000"), false),
            row("action.action#1.goal#2.deadline", Some("2027-09-30"), true),
            row("action.action#1.goal#2.experiment", Some("no"), false),
            row("action.action#1.goal#2.overlap", Some("shared"), true),
            row("action.action#1.goal#2.owner", Some("Piet"), false),
            row("action.action#1.goal#2.record", Some("recorded"), true),
            row("action.action#1.goal#2.smart", Some("ok"), true),
            row("action.action#1.goal#2.target", Some("1100"), false),
            row("action.action#1.goal#2.text", Some(SECOND), false),
        ]
    );
    let replaced = sandbox.database().history();
    assert!(
        replaced.is_empty(),
        "no answer was stored and then replaced: {replaced:#?}"
    );

    // The goals: the sharpened text is the goal, with numbers where numbers were given.
    let goals = sandbox.goals("team");
    let summary: Vec<_> = goals
        .iter()
        .map(|g: &GoalRow| {
            (
                g.number,
                g.key.as_str(),
                g.text.as_str(),
                g.owner.as_deref(),
                g.deadline.as_deref(),
                g.baseline,
                g.target,
                g.unit.as_deref(),
                g.smart_score,
                g.status.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                1,
                "action.action#1.goal#1",
                SHARPENED,
                Some("Sanne"),
                Some("2027-02-25"),
                None,
                Some(1500.0),
                Some("absolute"),
                Some(4),
                "open",
            ),
            (
                2,
                "action.action#1.goal#2",
                SECOND,
                Some("Piet"),
                Some("2027-09-30"),
                Some(1000.0),
                Some(1100.0),
                Some("percent"),
                Some(5),
                "open",
            ),
        ]
    );
    let smart: serde_json::Value =
        serde_json::from_str(goals[0].smart_json.as_deref().expect("smart_json")).expect("JSON");
    assert_eq!(smart["realistic"], serde_json::Value::Null, "{smart}");
    assert_eq!(smart["score"], 4);
    // Both goals have reminders for their own deadline.
    let deadlines: Vec<(i64, String)> = sandbox
        .reminders("team")
        .into_iter()
        .filter(|(_, kind, _, _, _)| kind == "deadline")
        .map(|(n, _, _, at, _)| (n, at[..10].to_string()))
        .collect();
    assert_eq!(
        deadlines,
        vec![(1, "2027-02-25".to_string()), (2, "2027-09-30".to_string())]
    );

    for want in [
        format!("- **Actie 1 · Doel 1 · Doel**: {WEAK} (ann, "),
        format!("- **Actie 1 · Doel 1 · Aangescherpt doel**: {SHARPENED} (ann, "),
        "- **Actie 1 · Doel 1 · Eigenaar**: Sanne (koers, ".to_string(),
        "- **Actie 1 · Doel 1 · Deadline**: 25-02-2027 (ann, ".to_string(),
        "- **Actie 1 · Doel 1 · Nulmeting**: (overgeslagen) (ann, ".to_string(),
        "- **Actie 1 · Doel 1 · Streefwaarde**: 1500 (koers, ".to_string(),
        "- **Actie 1 · Doel 2 · Deadline**: 30-09-2027 (koers, ".to_string(),
        "- **Actie 1 · Doel 2 · Nulmeting**: 1000 (ann, ".to_string(),
        "- **Actie 1 · Doel 2 · Streefwaarde**: 1100 (ann, ".to_string(),
    ] {
        assert!(export.contains(&want), "export lacks {want:?}:\n{export}");
    }
    for refused in ["binnenkort", "32-13-2027", "weet ik niet", "veel"] {
        assert!(
            !export.contains(&format!("**: {refused} (")),
            "{refused:?} in the export"
        );
    }
}
