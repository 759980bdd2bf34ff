//! End to end through the real binary (`koers chat`): step 4's policy questions make the policy
//! summary in /status and the export, and an open readiness item with an owner and a date is a
//! tracked action whose reminders arrive like a goal's, with a moved clock (`--now`), and whose
//! date asks whether it is in place.

use crate::common::{Chat, NOW, Sandbox, WALK, script};

/// `koers chat` for team `beleid` at `now`, the lines piped in.
fn chat_at(sandbox: &Sandbox, now: &str, input: String) -> String {
    let chat = Chat {
        now: Some(now.to_string()),
        ..Chat::new("beleid", "ann")
    };
    let run = sandbox.run(&chat, input);
    run.assert_success();
    run.stdout
}

/// The tracked actions as `number key owner deadline status`.
fn actions(sandbox: &Sandbox) -> Vec<String> {
    sandbox
        .readiness_actions("beleid")
        .into_iter()
        .map(|g| {
            format!(
                "{} {} {} {} {}",
                g.number,
                g.key,
                g.owner.unwrap_or_default(),
                g.deadline.unwrap_or_default(),
                g.status
            )
        })
        .collect()
}

#[test]
fn the_policy_summary_and_a_readiness_action_whose_reminder_asks_if_it_is_in_place() {
    let sandbox = Sandbox::new();
    let out = chat_at(
        &sandbox,
        NOW,
        format!("{}/status\n/doel\n/export\n", script(WALK)),
    );
    assert!(
        out.contains("Genoteerd als actie 2: 'Duidelijk mandaat', opgepakt door Anne, geregeld op 15-12-2026."),
        "{out}"
    );
    let status = &out[out.rfind("Status van beleid").expect("/status")..];
    for line in [
        "Beleid:",
        "• Het beleid: Elke campagne begint bij de cijfers uit de webshop",
        "• Hoe we het implementeren: Marketing bespreekt de cijfers elke maand met programmering",
        "• Wat we nodig hebben: Een dashboard en vier uur per week",
        "Acties uit stap 4 (2):",
        "• 2. Duidelijk mandaat — opgepakt door: Anne, geregeld op: 15-12-2026 (nog 20 dag(en)) — loopt",
        "• 3. Verwerkingsregister en verwerkersovereenkomsten — opgepakt door: Piet, geregeld op: 31-03-2027",
    ] {
        assert!(status.contains(line), "{line:?} not in:\n{status}");
    }
    let export = &out[out.rfind("# koers — beleid").expect("export")..];
    assert!(
        export.contains(
            "## Beleid\n\n- Het beleid: Elke campagne begint bij de cijfers uit de webshop\n"
        ),
        "{export}"
    );
    assert!(
        export.contains("## Acties uit stap 4\n\n- 2. Duidelijk mandaat — opgepakt door: Anne"),
        "{export}"
    );
    // "geen" and "nog niet" as a date track nothing.
    assert_eq!(
        actions(&sandbox),
        [
            "2 implementation.mandate Anne 2026-12-15 open",
            "3 implementation.processing_register Piet 2027-03-31 open"
        ]
    );
    let planned: Vec<String> = sandbox
        .reminders("beleid")
        .into_iter()
        .filter(|r| r.0 == 2)
        .map(|r| format!("{} {}", r.1, r.3))
        .collect();
    assert_eq!(
        planned,
        [
            "before 2026-12-08T09:00:00",
            "before 2026-12-14T09:00:00",
            "deadline 2026-12-15T09:00:00",
            "nudge 2026-12-18T09:00:00"
        ]
    );

    // 15 December, just after nine: the heads-ups (late) and the date's question, once; the
    // team says it is not in place and gives a new date.
    let out = chat_at(
        &sandbox,
        "2026-12-15T09:00:30+01:00",
        "nee\n15-01-2027\n".to_string(),
    );
    let asked = "Vandaag (15-12-2026) zou actie 2 'Duidelijk mandaat' geregeld zijn.";
    assert_eq!(out.matches(asked).count(), 1, "{out}");
    assert!(
        out.contains("Is 'Duidelijk mandaat' (actie 2, bij Anne) nu geregeld?"),
        "{out}"
    );
    assert!(
        out.contains("Wat wordt de nieuwe datum voor 'Duidelijk mandaat'?"),
        "{out}"
    );
    assert!(out.contains("krijgt een nieuwe datum: 15-01-2027"), "{out}");
    assert_eq!(
        actions(&sandbox)[0],
        "2 implementation.mandate Anne 2027-01-15 open"
    );

    // The same day again: nothing comes twice. On the new date it is in place.
    let out = chat_at(&sandbox, "2026-12-15T15:00:00+01:00", "/status\n".into());
    assert!(!out.contains(asked), "{out}");
    let out = chat_at(&sandbox, "2027-01-15T09:00:30+01:00", "ja\n".into());
    assert_eq!(
        out.matches("Vandaag (15-01-2027) zou actie 2 'Duidelijk mandaat' geregeld zijn.")
            .count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("Actie 2 'Duidelijk mandaat' is geregeld en afgesloten."),
        "{out}"
    );
    assert_eq!(
        actions(&sandbox)[0],
        "2 implementation.mandate Anne 2027-01-15 closed"
    );
    let sends: Vec<String> = sandbox
        .reminders("beleid")
        .into_iter()
        .filter(|r| r.0 == 2)
        .map(|r| format!("{} {} {}", r.1, r.3, r.4))
        .collect();
    assert!(
        sends.contains(&"nudge 2027-01-18T09:00:00 cancelled".to_string()),
        "no nudge once it is in place: {sends:?}"
    );
}
