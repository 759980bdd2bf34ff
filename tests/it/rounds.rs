//! Closing the circle through the real `koers chat`: a finished round, `/nieuw` from the last
//! one (what came along, what changed, a vraagstuk that no longer fits), `/stap 2` to add a
//! source, an evaluation that missed data, and the export with the rounds side by side.

use crate::common::*;

fn given(key: &str) -> &'static str {
    WALK.iter()
        .find(|l| l.key == key)
        .map_or_else(|| panic!("{key} is in the walk"), |l| l.input)
}

/// How many data sources the walk names.
fn source_count() -> usize {
    WALK.iter()
        .filter(|l| l.key.starts_with("data.source#") && l.key.split('.').nth(2) == Some("name"))
        .count()
}

#[test]
fn the_next_round_starts_from_the_last_one_and_the_export_compares_them() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("alfa", "ann");
    sandbox.run(&chat, script(WALK)).assert_success();

    let mut session = sandbox.spawn(&chat);
    session.send_line("/nieuw");
    let carried = session.read_until("Wat is er veranderd sinds de vorige ronde?");
    assert!(
        carried.contains("Ronde 2 begint waar ronde 1 ophield"),
        "{carried}"
    );
    assert!(carried.contains(given("question.statement")), "{carried}");
    assert!(carried.contains(given("data.source#1.name")), "{carried}");
    session.answer("Nieuwe directie | nieuwe koers", "Past het vraagstuk");
    session.answer("nee", "/stap 1");
    session.answer(
        "Hoeveel jongeren onder de 25 komen vaker dan één keer per seizoen?",
        "Stap 2",
    );
    // Step 2 again: every answer kept (the level questions were open in round 2 and are
    // skipped), until "another source?" after the last carried one, which adds a third.
    session.send_line("/stap 2");
    session.read_until("Terug naar stap 2");
    let sources = source_count();
    let last_more = format!("data.source#{sources}");
    for _ in 0..100 {
        if sandbox.team("alfa").cursor.as_deref() == Some(last_more.as_str()) {
            break;
        }
        session.send_line("/overslaan");
        session.read_until_any(&["Het eerdere antwoord blijft staan.", "Vraag overgeslagen."]);
    }
    assert_eq!(sandbox.team("alfa").cursor, Some(last_more));
    let third = sources + 1;
    for line in ["ja", "Enquête", "intern", "anoniem", "ja", "ja", "ja"] {
        session.send_line(line);
    }
    session.answer("nee", "Stap 2 is opnieuw doorlopen");
    let export = session.export_now();
    session.finish().assert_success();

    let value = |round: u32, key: &str| sandbox.answer("alfa", round, key).and_then(|r| r.value);
    assert_eq!(
        value(2, "question.changed").as_deref(),
        Some("Nieuwe directie | nieuwe koers")
    );
    assert_eq!(
        value(2, "question.statement").as_deref(),
        Some("Hoeveel jongeren onder de 25 komen vaker dan één keer per seizoen?")
    );
    assert_eq!(
        value(2, &format!("data.source#{third}.name")).as_deref(),
        Some("Enquête")
    );
    assert_eq!(
        value(1, "question.statement").as_deref(),
        Some(given("question.statement")),
        "round 1 keeps its vraagstuk"
    );

    assert!(export.contains("| | Ronde 1 | Ronde 2 |"), "{export}");
    assert!(
        export.contains("| **Wat veranderde** | — | Nieuwe directie \\| nieuwe koers |"),
        "{export}"
    );
    let names: Vec<&str> = (1..=sources)
        .map(|n| given(&format!("data.source#{n}.name")))
        .collect();
    let row = format!("| **Databronnen** | {0} | {0}, Enquête |", names.join(", "));
    assert!(export.contains(&row), "{row} in {export}");
}

#[test]
fn an_evaluation_that_missed_data_names_the_need_on_the_way_back_to_step_two() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("beta", "bo");
    let mut input = script(WALK);
    for line in [
        "/evalueer 1",
        "geen idee",
        "nee",
        "weinig",
        "eerder meten",
        "ja",
        "postcodes van bezoekers",
    ] {
        input.push_str(line);
        input.push('\n');
    }
    let run = sandbox.run(&chat, input);
    run.assert_success();
    let out = &run.stdout;
    let which = out
        .find("Welke data ontbrak er bij doel 1?")
        .unwrap_or_else(|| panic!("the need is asked: {}", tail(out, 2000)));
    let back = out[which..]
        .find("Er ontbrak data: postcodes van bezoekers.")
        .unwrap_or_else(|| panic!("the need is named: {}", tail(out, 2000)));
    let sources = source_count();
    assert_eq!(
        sandbox.team("beta").cursor,
        Some(format!("data.source#{}.name", sources + 1)),
        "step 2 opened a new source: {}",
        &out[which + back..]
    );
    let evaluations = sandbox.database().evaluations("terminal", "beta");
    assert_eq!(
        evaluations[0].1.data_need.as_deref(),
        Some("postcodes van bezoekers")
    );
}
