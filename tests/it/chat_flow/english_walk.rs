//! The English walk: the same questions answered in English, the English export, and stored
//! values that do not depend on the language.

use koers::prompts::Lang;

use super::assert_in_order;
use crate::common::{Chat, Line, Sandbox, WALK, smart_check};

/// The goal of the English walk; "by June" is the end of June.
const GOAL_EN: &str =
    "Increase the number of students buying a ticket in the webshop by 20% by June 2027";

/// The English answers, line by line the same questions as [`WALK`].
const WALK_EN: [&str; 77] = [
    "marketing",
    "Attract more young people",
    "How many young people we reach",
    "Marketing and programming",
    "The marketing team and the programmer",
    "Young people between 18 and 30, because they are our future audience",
    "Small budget",
    "No discounts on everything",
    "More young people in the hall",
    "yes",
    "Because our audience is ageing",
    "Because otherwise our halls will be empty in ten years",
    "done",
    "How many young people under 30 buy a ticket for our shows through our webshop?",
    "yes",
    "yes",
    "no",
    "yes",
    "yes",
    "no",
    "yes",
    "no",
    "Newsletter and ticketing",
    "Keeping the CRM up to date",
    "Linking systems",
    "Ticketing system",
    "internal",
    "personal",
    "yes",
    "yes",
    "partly",
    "yes",
    "Google Analytics",
    "1",
    "anonymous",
    "yes",
    "yes",
    "yes",
    "no",
    "Instagram campaign for students",
    GOAL_EN,
    "Sanne",
    "yes",
    "about 150 a month",
    "180",
    "no",
    "no",
    "no",
    "In two years a quarter of our audience is under 30",
    "Every campaign starts from the webshop figures",
    "Marketing discusses the figures with programming every month",
    "A dashboard and four hours a week",
    "yes",
    "no",
    "Anne",
    "15-12-2026",
    "yes",
    "yes",
    "yes",
    "partly",
    "Fatima",
    "none",
    "yes",
    "yes",
    "yes",
    "no",
    "Piet",
    "31-03-2027",
    "yes",
    "don't know",
    "Jan",
    "not yet",
    "mixed",
    "Yes through the supplier",
    "Yes",
    "No",
    "Good",
];

/// A free-text line stores what was typed; yes/no and choices store a language-neutral id.
fn is_free_text(line: &Line) -> bool {
    line.stored == line.input
}

#[test]
fn english_walk_ends_with_the_english_export() {
    let sandbox = Sandbox::new();
    let input: String =
        WALK_EN.iter().map(|l| format!("{l}\n")).collect::<String>() + "/status\n/goal\n/export\n";
    let run = sandbox.run(&Chat::new("team", "ann").lang("en"), input);
    run.assert_success();
    assert_eq!(run.stderr.trim(), "");
    let out = &run.stdout;
    assert_in_order(
        out,
        &[
            "== Step 1 — The question ==",
            "Your question scores 5 out of 5:",
            "== Step 2 — Data ==",
            "You said 'yes' 5 out of 7 times.",
            "Your experience level: Learning.",
            "Data source: Ticketing system\nOrigin: Internal\nAccess: Full access\nKind: Individually personalised",
            "Data source: Google Analytics\nOrigin: Internal\nAccess: Full access\nKind: Anonymous",
            "== Step 3 — Action & evaluation ==",
            "[Action 1 · Goal 1] Which goal goes with this action?",
            "SMART check: 3 of 5\n",
            "[Action 1 · Goal 1] Who owns this goal?",
            "[Action 1 · Goal 1] What value do you want to reach",
            "Noted as goal 1 for the action 'Instagram campaign for students'. Follow it with \
             /goal; the final score:\nSMART check: 5 of 5\n",
            "== Step 4 — Implementation ==",
            "Conditions overview: 8 of 12 are in place.\nStill open:\n\
             • Clear mandate: no — picked up by: Anne\n\
             • Sharing results: partly — picked up by: Fatima\n\
             • Processing register and agreements: no — picked up by: Piet\n\
             • Ethical aspects: don't know — picked up by: Jan\n\
             Knowledge and skills: Mixed",
            "Open conditions: 4",
            &format!(
                "1. {GOAL_EN} — owner: Sanne, deadline: 30-06-2027 (217 day(s) left) — running \
                 (SMART 5/5)\n"
            ),
        ],
    );
    // The check of the goal text, then the final one: "by June 2027" is the end of June.
    let first = smart_check(out, "SMART check: ");
    assert_eq!(first.header, "SMART check: 3 of 5");
    assert_eq!(first.marks, "✓✓??✓", "{first:?}");
    assert_eq!(first.rest[0], "Deadline: 30-06-2027");
    let recorded = &out[out.find("Noted as goal 1").expect("recorded")..];
    let last = smart_check(recorded, "SMART check: ");
    assert_eq!(last.marks, "✓✓✓✓✓", "{last:?}");
    assert_eq!(last.rest[0], "Deadline: 30-06-2027");
    assert!(last.rest[1].starts_with("Reminders "), "{last:?}");
    for not_asked in [
        "When should the goal be reached?",
        "Make the goal a little sharper",
    ] {
        assert!(!out.contains(not_asked), "{not_asked:?} was asked");
    }
    for refusal in [
        "I couldn't read that",
        "I can't tell which option",
        "empty answer",
        "I don't see a number",
        "I can't read that as a date",
    ] {
        assert!(!out.contains(refusal), "unexpected refusal {refusal:?}");
    }
    assert!(
        !out.contains("Stap "),
        "no Dutch step titles in an English conversation"
    );

    let export = run.export();
    assert!(export.starts_with("# koers — team, round 1\n"), "{export}");
    assert_in_order(
        export,
        &[
            "## Step 1 — The question",
            "- **Focus area**: Marketing communication & sales (ann, ",
            "- **5x why**: yes (ann, ",
            "## Step 2 — Data",
            "- **Owner of audience data use**: no (ann, ",
            "- **Data source 1 · Kind of data**: Individually personalised (ann, ",
            "- **Data source 1 · Usable**: partly (ann, ",
            "- **Data source 2 · Kind of data**: Anonymous (ann, ",
            "## Step 3 — Action & evaluation",
            &format!("- **Action 1 · Goal 1 · Goal**: {GOAL_EN} (ann, "),
            "- **Action 1 · Goal 1 · Owner**: Sanne (ann, ",
            "- **Action 1 · Goal 1 · Deadline**: 30-06-2027 (koers, ",
            "- **Action 1 · Goal 1 · Baseline**: 150 (ann, ",
            "- **Action 1 · Goal 1 · Target**: 180 (ann, ",
            "## Step 4 — Implementation",
            "- **Ethical aspects**: don't know (ann, ",
            "- **Knowledge and skills**: Mixed (ann, ",
            &format!("## Goals\n\n- 1. {GOAL_EN} — owner: Sanne, deadline: "),
        ],
    );
    for dutch in ["ronde", "Stap ", "(overgeslagen)", ": ja (", ": nee ("] {
        assert!(
            !export.contains(dutch),
            "Dutch {dutch:?} in the English export"
        );
    }

    // Stored values do not depend on the language: ids for yes/no and choices, text as typed.
    let rows = sandbox.answers("team", 1);
    assert_eq!(rows.len(), 90);
    for (line, typed) in WALK.iter().zip(WALK_EN) {
        let row = rows
            .iter()
            .find(|r| r.key == line.key)
            .unwrap_or_else(|| panic!("{} not stored", line.key));
        let want = if is_free_text(line) {
            typed
        } else {
            line.stored
        };
        assert_eq!(row.value.as_deref(), Some(want), "{}", line.key);
    }
    let deadline = sandbox
        .answer("team", 1, "action.action#1.goal#1.deadline")
        .expect("deadline filled in");
    assert_eq!(deadline.value.as_deref(), Some("2027-06-30"));
    assert!(
        deadline.computed && deadline.user == "koers",
        "{deadline:?}"
    );
    let goals = sandbox.goals("team");
    assert_eq!(goals.len(), 1, "{goals:#?}");
    let goal = &goals[0];
    assert_eq!(
        (
            goal.number,
            goal.text.as_str(),
            goal.deadline.as_deref(),
            goal.baseline,
            goal.target,
            goal.smart_score,
        ),
        (
            1,
            GOAL_EN,
            Some("2027-06-30"),
            Some(150.0),
            Some(180.0),
            Some(5)
        )
    );
    // The final check is stored with the goal.
    let smart: serde_json::Value =
        serde_json::from_str(goal.smart_json.as_deref().expect("smart_json")).expect("JSON");
    assert_eq!(smart["score"], 5);
    assert_eq!(smart["deadline"], "2027-06-30");
    assert_eq!(sandbox.team("team").lang, Lang::En);
}
