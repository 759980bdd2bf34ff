//! The whole Dutch walk in one run: every step reported in order, the goal checked and
//! recorded, `/status`, `/doel` and `/export`, and everything stored.

use koers::prompts::Lang;

use super::{DEADLINE_QUESTION_NL, LEVEL_KEYS, assert_in_order, expected_walk_rows, stored_rows};
use crate::common::{
    Chat, FINISHED, GOAL_NL, GOAL_NL_DEADLINE, GoalRow, Sandbox, WALK, assert_walk_stored,
    export_answer_count, line_of, script, smart_check,
};

/// The question asking to sharpen a goal that is not specific or not measurable.
const SHARPEN_NL: &str = "Maak het doel nog iets scherper";

#[test]
fn full_dutch_walk_reports_every_step_and_exports_the_plan() {
    let sandbox = Sandbox::new();
    let input = format!("{}/status\n/doel\n/export\n", script(WALK));
    let run = sandbox.run(&Chat::new("team", "ann"), input);
    run.assert_success();
    assert_eq!(run.stderr.trim(), "", "a clean walk logs nothing on stderr");
    let out = &run.stdout;

    // The four steps, in order, each announced once.
    assert_in_order(
        out,
        &[
            "Hoi team! Ik ben koers.",
            "== Stap 1 — Vraagstuk ==",
            "== Stap 2 — Data ==",
            "== Stap 3 — Actie & evaluatie ==",
            "== Stap 4 — Implementatie ==",
            FINISHED,
        ],
    );
    for title in ["== Stap 1", "== Stap 2", "== Stap 3", "== Stap 4"] {
        assert_eq!(out.matches(title).count(), 1, "{title} is announced once");
    }
    // Every answer was understood: no refusal anywhere.
    for refusal in [
        "Dat kon ik niet lezen",
        "Ik weet niet welke optie",
        "leeg antwoord",
        "Dat lees ik niet als datum",
        "Daar zie ik geen getal in",
    ] {
        assert!(!out.contains(refusal), "unexpected refusal {refusal:?}");
    }

    // Step 1: the statement scores 5 of 5, every criterion passed.
    let score_at = assert_in_order(out, &["Jullie vraagstuk scoort 5 van de 5:"])[0];
    let score_block: Vec<&str> = out[score_at..].lines().skip(1).take(5).collect();
    assert_eq!(score_block.len(), 5);
    for line in &score_block {
        assert!(line.starts_with("✓ "), "criterion not passed: {line:?}");
    }
    assert!(score_block[3].contains("Marketingcommunicatie & verkoop"));

    // Step 2: the level follows from the seven answers (mostly "ja" is lerend).
    let yes = LEVEL_KEYS
        .iter()
        .map(|k| {
            WALK.iter()
                .find(|l| l.key == *k)
                .expect("level question in walk")
        })
        .filter(|l| l.stored == "yes")
        .count();
    let level = if yes * 2 > LEVEL_KEYS.len() {
        "Lerend"
    } else {
        "Startend"
    };
    assert_eq!(
        (yes, level),
        (5, "Lerend"),
        "the script answers ja five times"
    );
    assert!(out.contains(&format!(
        "Jullie zeiden {yes} van de 7 keer 'ja'. Overwegend 'ja' (meer dan de helft) betekent lerend; anders is het startend.\n\
         Jullie ervaringsniveau: {level}."
    )));
    assert!(out.contains("Omdat jullie lerend zijn, nog één vraag:"));
    assert!(out.contains("Dan blijft het lerend; het advies hierboven geldt."));

    // Step 2: each data source gets its summary with access and usability.
    assert!(out.contains(
        "Databron: Ticketingsysteem\nHerkomst: Intern\nToegang: Volledige toegang\n\
         Soort: Individueel gepersonaliseerd\nVolgens de tabel in het stappenplan is dit soort data:\n\
         • Strategie: weinig of niet bruikbaar\n• Programmeren: weinig of niet bruikbaar\n\
         • Marketingcommunicatie & verkoop: zeer bruikbaar\n• Publieks- en klantbeleving: zeer bruikbaar\n\
         Voor jullie focus, Marketingcommunicatie & verkoop, is deze bron dus zeer bruikbaar.\n\
         Let op, de hygiënecheck is niet in orde op: Bruikbaar."
    ));
    assert!(out.contains(
        "Databron: Google Analytics\nHerkomst: Intern\nToegang: Volledige toegang\nSoort: Anoniem\n\
         Volgens de tabel in het stappenplan is dit soort data:\n• Strategie: zeer bruikbaar\n\
         • Programmeren: zeer bruikbaar\n• Marketingcommunicatie & verkoop: zeer bruikbaar\n\
         • Publieks- en klantbeleving: weinig of niet bruikbaar\n\
         Voor jullie focus, Marketingcommunicatie & verkoop, is deze bron dus zeer bruikbaar.\n\
         De hygiënecheck is in orde: relevant, actueel en bruikbaar."
    ));

    // Step 3: the goal is checked the moment it is written. It is specific and measurable and
    // names its deadline, so there is nothing to sharpen and no deadline question: straight from
    // the check to the owner.
    let at = assert_in_order(
        out,
        &[
            "[Actie 1 · Doel 1] Welk doel hoort bij deze actie?",
            "SMART-check: 3 van de 5\n",
            "[Actie 1 · Doel 1] Wie is eigenaar van dit doel?",
        ],
    );
    let check = smart_check(&out[at[1]..], "SMART-check: ");
    assert_eq!(
        check.marks, "✓✓??✓",
        "S, M and T from the text alone: {check:?}"
    );
    assert_eq!(check.rest[0], "Deadline: 31-05-2027", "{check:?}");
    assert!(
        check.rest[1..].iter().all(|l| l.starts_with("→ ")),
        "only suggestions follow: {check:?}"
    );
    assert!(
        !out.contains(SHARPEN_NL),
        "a SMART enough goal is not sharpened"
    );
    assert!(
        !out.contains(DEADLINE_QUESTION_NL),
        "the deadline in the goal text is not asked again"
    );
    // Recorded with its number, the final score (owner, baseline and target now known) and
    // the reminders.
    let record = "Genoteerd als doel 1 bij de actie 'Instagram-campagne voor studenten'. \
                  Volg het met /doel; de eindscore:\nSMART-check: 5 van de 5\n";
    let at = assert_in_order(
        out,
        &[
            "[Actie 1 · Doel 1] Welke waarde willen jullie bereiken",
            "[Actie 1 · Doel 1] Is dit doel een experiment",
            record,
            "[Actie 1 · Doel 1] Hoort er nog een doel bij deze actie?",
        ],
    );
    let check = smart_check(&out[at[2]..], "SMART-check: ");
    assert_eq!(check.marks, "✓✓✓✓✓", "{check:?}");
    assert_eq!(
        check.rest.len(),
        2,
        "no warnings, no suggestions: {check:?}"
    );
    assert_eq!(check.rest[0], "Deadline: 31-05-2027");
    assert!(
        check.rest[1].starts_with("Herinneringen komen ")
            && check.rest[1].contains("voor de deadline"),
        "{check:?}"
    );
    assert_eq!(out.matches("Genoteerd als doel").count(), 1);

    // Step 4: the readiness overview lists the open items with their owners.
    let open_items = "• Duidelijk mandaat: nee — wie pakt het op: Anne\n\
                      • Uitkomsten delen: deels — wie pakt het op: Fatima\n\
                      • Verwerkingsregister en verwerkersovereenkomsten: nee — wie pakt het op: Piet\n\
                      • Ethische aspecten: weet ik niet — wie pakt het op: Jan";
    assert!(out.contains(&format!(
        "Overzicht randvoorwaarden: 8 van de 12 zijn geregeld.\nNog open:\n{open_items}\n\
         Kennis en vaardigheden: Gemengd\n"
    )));
    // "Gemengd" is not "intern": the advice on external expertise is given.
    assert!(
        out.contains("Actiepunt: lukt het niet, of niet genoeg, om de expertise intern te borgen?")
    );

    // /status sums it all up.
    let status_at = out
        .find("Status van team — ronde 1")
        .expect("/status header");
    let status = &out[status_at..out.find("# koers — ").expect("export after status")];
    for want in [
        "Alle stappen van deze ronde zijn doorlopen.",
        "Vraagstuk: 5/5",
        "Ervaringsniveau: Lerend",
        "Databronnen (2):\n• Ticketingsysteem: hygiëne let op: Bruikbaar\n• Google Analytics: hygiëne in orde",
        &format!(
            "Doelen (1):\n• 1. {GOAL_NL} — eigenaar: Sanne, deadline: 31-05-2027 \
             (nog 187 dag(en)) — loopt (SMART 5/5)\n"
        ),
        &format!("Open randvoorwaarden: 4\n{open_items}"),
    ] {
        assert!(status.contains(want), "/status lacks {want:?}:\n{status}");
    }
    // /doel lists the goal by its number.
    assert!(out.contains(&format!(
        "Jullie doelen:\n1. {GOAL_NL} — eigenaar: Sanne, deadline: 31-05-2027 (nog 187 dag(en)) \
         — loopt (SMART 5/5)\n"
    )));

    // /export: one round, every step heading, every answer with its user, the goal.
    let export = run.export();
    assert!(export.starts_with("# koers — team, ronde 1\n"), "{export}");
    assert_in_order(
        export,
        &[
            "## Stap 1 — Vraagstuk",
            "## Stap 2 — Data",
            "## Stap 3 — Actie & evaluatie",
            "## Stap 4 — Implementatie",
            &format!("## Doelen\n\n- 1. {GOAL_NL} — eigenaar: Sanne, deadline: "),
        ],
    );
    assert!(export.contains("> Jullie vraagstuk scoort 5 van de 5:"));
    assert!(export.contains("> Jullie ervaringsniveau: Lerend."));
    assert!(export.contains("> Overzicht randvoorwaarden: 8 van de 12 zijn geregeld."));
    assert_walk_stored(&sandbox, "team", "ann", WALK.len(), export);
    let listed = export.lines().filter(|l| l.starts_with("- **")).count();
    assert_eq!(
        listed,
        export_answer_count(WALK.len()),
        "one export line per answer, the deadline koers filled in included"
    );

    // The database: every answer and computed value, the goal, WAL mode, round finished.
    assert_eq!(stored_rows(&sandbox, "team"), expected_walk_rows());
    assert_eq!(sandbox.answers("team", 1).len(), 90);
    let deadline = sandbox
        .answer("team", 1, "action.action#1.goal#1.deadline")
        .expect("deadline filled in");
    assert!(
        deadline.computed && deadline.user == "koers",
        "{deadline:?}"
    );
    let goals = sandbox.goals("team");
    assert_eq!(goals.len(), 1, "{goals:#?}");
    let goal = &goals[0];
    assert_eq!(
        goal,
        &GoalRow {
            number: 1,
            key: "action.action#1.goal#1".to_string(),
            action_text: "Instagram-campagne voor studenten".to_string(),
            text: GOAL_NL.to_string(),
            owner: Some("Sanne".to_string()),
            deadline: Some(GOAL_NL_DEADLINE.to_string()),
            deadline_text: Some(GOAL_NL_DEADLINE.to_string()),
            baseline: Some(150.0),
            baseline_text: Some("150".to_string()),
            target: Some(180.0),
            target_text: Some("180".to_string()),
            unit: Some("percent".to_string()),
            smart_score: Some(5),
            smart_json: goal.smart_json.clone(),
            status: "open".to_string(),
            vraagstuk: Some(WALK[line_of("question.statement")].input.to_string()),
            created_by: "ann".to_string(),
        }
    );
    let smart: serde_json::Value =
        serde_json::from_str(goal.smart_json.as_deref().expect("smart_json")).expect("JSON");
    assert_eq!(
        smart,
        serde_json::json!({
            "specific": true, "measurable": true, "acceptable": true, "realistic": true,
            "time_bound": true, "deadline": GOAL_NL_DEADLINE, "score": 5,
            "warnings": [], "suggestions": [],
        })
    );
    // Reminders 7 and 1 days before the deadline, and the evaluation on the day itself.
    let planned: Vec<(String, i64, String)> = sandbox
        .reminders("team")
        .into_iter()
        .filter(|(n, kind, _, _, state)| *n == 1 && kind != "nudge" && state == "pending")
        .map(|(_, kind, days, at, _)| (kind, days, at[..10].to_string()))
        .collect();
    assert_eq!(
        planned,
        [
            ("before", 7, "2027-05-24"),
            ("before", 1, "2027-05-30"),
            ("deadline", 0, GOAL_NL_DEADLINE),
        ]
        .map(|(k, d, at)| (k.to_string(), d, at.to_string()))
    );
    assert_eq!(sandbox.database().journal_mode(), "wal");
    assert_eq!(sandbox.team("team").cursor, None, "round is finished");
    assert_eq!(sandbox.team("team").lang, Lang::Nl);
}
