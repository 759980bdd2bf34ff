//! End-to-end: whole conversations through `koers chat`, in Dutch and English, across several
//! runs, and with two teams in one database.

use std::collections::BTreeSet;

use koers::prompts::Lang;

use crate::common::{
    Chat, FINISHED, FIRST_QUESTION, GOAL_NL, GOAL_NL_DEADLINE, GoalRow, Line, Sandbox, WALK,
    assert_walk_stored, export_answer_count, export_in, line_of, script, smart_check,
    step_title_nl, walk_rows,
};

/// The question koers asks for a deadline the goal text does not name.
const DEADLINE_QUESTION_NL: &str = "Wanneer moet het doel gehaald zijn?";
/// The question asking to sharpen a goal that is not specific or not measurable.
const SHARPEN_NL: &str = "Maak het doel nog iets scherper";

/// The goal of the English walk; "by June" is the end of June.
const GOAL_EN: &str =
    "Increase the number of students buying a ticket in the webshop by 20% by June 2027";

/// The seven experience questions of step 2, in order.
const LEVEL_KEYS: [&str; 7] = [
    "data.strategy",
    "data.vision",
    "data.owner",
    "data.knowledge",
    "data.customer_base",
    "data.possibilities",
    "data.systems",
];

/// `needles` occur in `haystack` in this order; returns their positions.
fn assert_in_order(haystack: &str, needles: &[&str]) -> Vec<usize> {
    let mut from = 0;
    let mut positions = Vec::new();
    for needle in needles {
        let at = haystack[from..].find(needle).unwrap_or_else(|| {
            panic!("{needle:?} is missing (or out of order) after byte {from} in:\n{haystack}")
        });
        positions.push(from + at);
        from += at + needle.len();
    }
    positions
}

/// Every row the complete Dutch walk leaves in the answers table: (key, value, computed).
fn expected_walk_rows() -> BTreeSet<(String, String, bool)> {
    walk_rows(WALK.len())
}

fn stored_rows(sandbox: &Sandbox, team: &str) -> BTreeSet<(String, String, bool)> {
    sandbox
        .answers(team, 1)
        .into_iter()
        .map(|r| {
            assert!(!r.skipped, "nothing was skipped, but {} is", r.key);
            let value = r.value.unwrap_or_else(|| panic!("{} has no value", r.key));
            (r.key, value, r.computed)
        })
        .collect()
}

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

#[test]
fn resume_across_runs_welcomes_back_at_the_open_question() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("alfa", "ann");
    // Five runs, each ended by end of input: inside step 1, inside a data source, right after
    // the goal text (its SMART check and the deadline it names are in), in the middle of step
    // 4's conditions, and to the end.
    let cuts = [
        0,
        5,
        27,
        line_of("action.action#1.goal#1.text") + 1,
        50,
        WALK.len(),
    ];
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let input = format!("{}/export\n", script(&WALK[from..to]));
        let run = sandbox.run(&chat, input);
        run.assert_success();
        let out = &run.stdout;
        if from == 0 {
            assert!(out.starts_with("Hoi alfa! Ik ben koers."), "{out}");
            assert!(!out.contains("Welkom terug"));
        } else {
            assert!(
                !out.contains("Hoi alfa!"),
                "a returning team is not greeted as new"
            );
            let open = &WALK[from];
            let welcome = format!(
                "Welkom terug, alfa! We gaan verder bij {}.",
                step_title_nl(open.key)
            );
            // The welcome back, then straight away the question that was open.
            assert!(
                out.starts_with(&welcome),
                "run from line {from} starts with:\n{}",
                &out[..out.len().min(600)]
            );
            let after = &out[welcome.len()..];
            let asked = after.find(WALK[from - 1].next).unwrap_or_else(|| {
                panic!(
                    "open question {:?} not asked again:\n{after}",
                    WALK[from - 1].next
                )
            });
            assert_eq!(
                &after[..asked],
                "\n\n",
                "the open question follows the welcome back directly"
            );
            assert!(
                !out.contains(FIRST_QUESTION),
                "answered questions are not asked again"
            );
        }
        // The deadline the goal names is never asked, neither before nor after a restart.
        assert!(!out.contains(DEADLINE_QUESTION_NL), "run from line {from}");
        // Everything answered so far, in this run and the earlier ones, is in the export.
        assert_walk_stored(&sandbox, "alfa", "ann", to, run.export());
        assert_eq!(stored_rows(&sandbox, "alfa"), walk_rows(to));
    }
    assert_eq!(stored_rows(&sandbox, "alfa"), expected_walk_rows());

    // A finished plan, opened again, says so and keeps everything.
    let run = sandbox.run(&chat, "/export\n");
    run.assert_success();
    assert!(run.stdout.contains(FINISHED), "{}", run.stdout);
    assert_walk_stored(&sandbox, "alfa", "ann", WALK.len(), run.export());
}

#[test]
fn two_teams_share_a_database_but_not_their_answers() {
    let sandbox = Sandbox::new();
    let alfa = Chat::new("alfa", "ann");
    let beta = Chat::new("beta", "bob");
    // Runs one after the other, interleaved.
    sandbox.run(&alfa, "3\nAlfa belangrijk\n").assert_success();
    sandbox
        .run(&beta, "1\nBeta belangrijk\nBeta meten\n")
        .assert_success();
    sandbox.run(&alfa, "Alfa meten\n").assert_success();
    // Then both at the same time, on the same file, taking turns.
    let mut a = sandbox.spawn(&alfa);
    let mut b = sandbox.spawn(&beta);
    a.read_until("Welkom terug, alfa!");
    b.read_until("Welkom terug, beta!");
    a.read_until("Is dit een vraagstuk voor jullie eigen afdeling");
    b.read_until("Is dit een vraagstuk voor jullie eigen afdeling");
    a.answer("Alfa afdelingen", "Welke personen willen jullie");
    b.answer("Beta afdelingen", "Welke personen willen jullie");
    b.answer("Beta personen", "Wie willen jullie bereiken?");
    for s in [&mut a, &mut b] {
        s.send_line("/status");
        s.send_line("/wijzig");
        s.send_line("/export");
    }
    let a = a.finish();
    let b = b.finish();
    a.assert_success();
    b.assert_success();

    let a_out = &a.stdout;
    assert_in_order(
        a_out,
        &[
            "Status van alfa — ronde 1\nStap: Stap 1 — Vraagstuk\nHuidige vraag: Betrokken personen",
            "Jullie antwoorden tot nu toe. Typ /wijzig met een nummer om er één opnieuw te beantwoorden:\n\
             1. Focusgebied: Marketingcommunicatie & verkoop\n\
             2. Belangrijk komende periode: Alfa belangrijk\n\
             3. Vraagstuk om te meten: Alfa meten\n\
             4. Betrokken afdelingen: Alfa afdelingen\n\n",
            "# koers — alfa, ronde 1",
        ],
    );
    let b_out = &b.stdout;
    assert_in_order(
        b_out,
        &[
            "Status van beta — ronde 1\nStap: Stap 1 — Vraagstuk\nHuidige vraag: Wie we willen bereiken",
            "Jullie antwoorden tot nu toe. Typ /wijzig met een nummer om er één opnieuw te beantwoorden:\n\
             1. Focusgebied: Strategie\n\
             2. Belangrijk komende periode: Beta belangrijk\n\
             3. Vraagstuk om te meten: Beta meten\n\
             4. Betrokken afdelingen: Beta afdelingen\n\
             5. Betrokken personen: Beta personen\n\n",
            "# koers — beta, ronde 1",
        ],
    );
    // Nothing of one team shows up in the other's conversation, list or export.
    for (out, other, other_user) in [(a_out, "Beta", "bob"), (b_out, "Alfa", "ann")] {
        assert!(!out.contains(other), "{other} leaks into:\n{out}");
        assert!(!export_in(out).contains(&format!("({other_user}, ")));
    }
    let a_export = export_in(a_out);
    assert_eq!(
        a_export.lines().filter(|l| l.starts_with("- **")).count(),
        4
    );
    assert!(a_export.contains("- **Belangrijk komende periode**: Alfa belangrijk (ann, "));
    let b_export = export_in(b_out);
    assert_eq!(
        b_export.lines().filter(|l| l.starts_with("- **")).count(),
        5
    );
    assert!(b_export.contains("- **Focusgebied**: Strategie (bob, "));

    let a_rows = sandbox.answers("alfa", 1);
    let b_rows = sandbox.answers("beta", 1);
    assert_eq!(a_rows.len(), 4);
    assert_eq!(b_rows.len(), 5);
    assert!(a_rows.iter().all(|r| r.user == "ann"));
    assert!(b_rows.iter().all(|r| r.user == "bob"));
    assert_eq!(
        sandbox.team("alfa").cursor.as_deref(),
        Some("question.people")
    );
    assert_eq!(
        sandbox.team("beta").cursor.as_deref(),
        Some("question.audience")
    );
}

/// Two people of different teams open koers for the first time at the same moment, on a
/// database file that does not exist yet. Both must get their conversation.
#[test]
fn first_start_of_two_processes_on_a_fresh_database_both_succeed() {
    let teams = ["alfa", "beta", "gamma"];
    for attempt in 0..5 {
        let sandbox = Sandbox::new();
        let runs: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = teams
                .iter()
                .map(|team| {
                    let sandbox = &sandbox;
                    scope.spawn(move || sandbox.run(&Chat::new(team, "ann"), ""))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("run thread"))
                .collect()
        });
        for (team, run) in teams.iter().zip(&runs) {
            assert!(
                run.status.success(),
                "attempt {attempt}: the first start of team {team} failed with {}:\n{}",
                run.status,
                crate::common::tail(&run.stderr, 600)
            );
            assert!(run.stdout.contains(FIRST_QUESTION));
            assert_eq!(
                sandbox.team(team).cursor.as_deref(),
                Some("question.focus"),
                "team {team} was created"
            );
        }
    }
}

/// A yes/no answer: as typed, as stored, as the export shows it.
type Typed = (&'static str, &'static str, &'static str);

#[test]
fn yes_no_free_text_is_read_in_dutch_and_english() {
    // Step 1 answered plainly (no "5x waarom"), to reach the seven yes/no questions.
    let step1: String = WALK[..line_of("question.why_offer")]
        .iter()
        .map(|l| format!("{}\n", l.input))
        .collect::<String>()
        + "nee\n"
        + WALK[line_of("question.statement")].input
        + "\n";
    let labels = [
        "Strategie op publieksdata",
        "Visie op publieksdata",
        "Eigenaar publieksdatagebruik",
        "Kennis over publieksdata",
        "Klantenbestand in gebruik",
        "Mogelijkheden duidelijk",
        "Systemen gekoppeld",
    ];
    let tables: [(&str, [Typed; 7], usize, &str); 2] = [
        (
            "een",
            [
                ("ja", "yes", "ja"),
                ("klopt", "yes", "ja"),
                ("jazeker", "yes", "ja"),
                ("nee", "no", "nee"),
                ("nog niet", "no", "nee"),
                ("niet echt", "no", "nee"),
                ("deels", "partly", "deels"),
            ],
            3,
            "Startend",
        ),
        (
            "twee",
            [
                ("weet ik niet", "unknown", "weet ik niet"),
                ("yes", "yes", "ja"),
                ("nope", "no", "nee"),
                ("Ja!", "yes", "ja"),
                ("  klopt  ", "yes", "ja"),
                ("JAZEKER", "yes", "ja"),
                ("yes", "yes", "ja"),
            ],
            5,
            "Lerend",
        ),
    ];
    let sandbox = Sandbox::new();
    for (team, answers, yes, level) in tables {
        let typed: String = answers
            .iter()
            .map(|(typed, _, _)| format!("{typed}\n"))
            .collect();
        let input = format!("{step1}{typed}/export\n");
        let run = sandbox.run(&Chat::new(team, "ann"), input);
        run.assert_success();
        assert!(
            !run.stdout.contains("Dat kon ik niet lezen als ja of nee"),
            "every answer of team {team} was read"
        );
        assert!(run.stdout.contains(&format!(
            "Jullie zeiden {yes} van de 7 keer 'ja'. Overwegend 'ja' (meer dan de helft) betekent lerend; anders is het startend.\n\
             Jullie ervaringsniveau: {level}."
        )));
        // Only a lerend team gets the extra question.
        assert_eq!(
            run.stdout
                .contains("Omdat jullie lerend zijn, nog één vraag:"),
            level == "Lerend"
        );
        let export = run.export();
        for ((key, label), (typed, stored, shown)) in LEVEL_KEYS.iter().zip(labels).zip(answers) {
            let want = format!("- **{label}**: {shown} (ann, ");
            assert!(
                export.contains(&want),
                "{typed:?}: export lacks {want:?}:\n{export}"
            );
            let row = sandbox
                .answer(team, 1, key)
                .unwrap_or_else(|| panic!("{typed:?} for {key} not stored"));
            assert_eq!(row.value.as_deref(), Some(stored), "{typed:?} for {key}");
        }
        assert_eq!(
            sandbox
                .answer(team, 1, "data.level")
                .and_then(|r| r.value)
                .as_deref(),
            Some(level.to_lowercase().as_str())
        );
    }
}
