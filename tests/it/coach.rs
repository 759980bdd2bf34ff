//! End-to-end through `koers chat`: coaching by experience level (a starting team walks to
//! step 3 and on), the guide's examples on request and where they fit, the colofon's contacts
//! at the end of the plan, and a goal whose people do not stand behind it.

use crate::common::{Chat, FINISHED, Sandbox, WALK, line_of};

/// The Dutch walk's input up to (not including) `stop`, as a starting team: every level
/// question answered "nee", so the lerend follow-up is not asked.
fn starting_script(stop: &str) -> String {
    WALK[..line_of(stop)]
        .iter()
        .filter(|l| l.key != "data.embedded")
        .map(|l| {
            let input = if l.key.starts_with("data.") && LEVEL.contains(&l.key) {
                "nee"
            } else {
                l.input
            };
            format!("{input}\n")
        })
        .collect()
}

const LEVEL: [&str; 7] = [
    "data.strategy",
    "data.vision",
    "data.owner",
    "data.knowledge",
    "data.customer_base",
    "data.possibilities",
    "data.systems",
];

/// One action with a goal that names its deadline (within the short term).
fn action(n: u32) -> String {
    format!(
        "Actie {n}\nHet aantal studenten dat via de webshop een kaartje koopt met 10% verhogen \
         vóór 1 februari 2027\nSanne\nja\n100\n110\nnee\nnee\n"
    )
}

#[test]
fn a_starting_team_is_coached_to_three_actions_and_the_examples_are_told() {
    let sandbox = Sandbox::new();
    let mut input = starting_script("action.action#1.what");
    // The first action's goal has no deadline: the question advises one three months on.
    input.push_str(
        "Actie 1\nHet aantal studenten dat via de webshop een kaartje koopt met 10% verhogen\n\
         Sanne\nnee\n",
    );
    input.push_str("/status\n");
    input.push_str("30-01-2027\n100\n110\nnee\nnee\nja\n");
    input.push_str(&action(2));
    input.push_str("ja\n");
    input.push_str(&action(3));
    // A fourth action: checked, and declined.
    input.push_str("ja\nnee\n");
    input.push_str("/voorbeeld\n/voorbeeld mariniers\n/example utrecht\n!koers voorbeeld schalm\n");
    input.push_str("/status\n/export\n");
    let run = sandbox.run(&Chat::new("team", "ann"), input);
    run.assert_success();
    assert_eq!(run.stderr.trim(), "");
    let out = &run.stdout;

    // Step 2 offers the Mariniersmuseum with the data sources; step 3 opens with the advice.
    let offered = out
        .find("Het hele verhaal: /voorbeeld mariniers")
        .expect("offered");
    let step3 = out
        .find("== Stap 3 — Actie & evaluatie ==")
        .expect("step 3");
    assert!(offered < step3, "the offer comes in step 2");
    assert!(
        out[step3..]
            .contains("Jullie zijn startend. Het stappenplan raadt dan aan klein te beginnen"),
        "{}",
        &out[step3..]
    );
    // Started on 25-11-2026: about three months on is 25-02-2027.
    assert!(
        out.contains("Tip voor startende teams: kies een deadline binnen ongeveer drie maanden, bijvoorbeeld 25-02-2027."),
        "{out}"
    );
    // The support of those involved was "nee": A is not met, with the tip, in the verdict.
    let recorded = &out[out.find("Genoteerd als doel 1").expect("goal 1")..];
    assert!(recorded.contains("✗ Acceptabel"), "{recorded}");
    assert!(recorded.contains("A nog niet gehaald"), "{recorded}");
    // The fourth action is checked once; "nee" ends the actions.
    let check = out
        .find(
            "[Actie 4] Het stappenplan raadt startende organisaties aan met hoogstens drie acties",
        )
        .expect("the check before a fourth action");
    assert!(out[check..].contains("== Stap 4 — Implementatie =="));
    assert_eq!(sandbox.answer("team", 1, "action.action#4.what"), None);
    assert_eq!(
        sandbox
            .answer("team", 1, "action.action#4.limit")
            .and_then(|r| r.value)
            .as_deref(),
        Some("no")
    );

    // The examples, on request, every way they are typed.
    assert!(out.contains("/voorbeeld utrecht — Innovation:Lab van Theater Utrecht"));
    assert!(out.contains("163%") && out.contains("Culturele Doelgroepenmodel"));
    assert!(out.contains("A/B-test") && out.contains("bestaand publiek en nieuw publiek"));
    assert!(out.contains("Facebook") && out.contains("tijd en budget vrij"));

    // /status and the export carry the level's consequences and the goal's missing support.
    let status = &out[out.rfind("Status van team").expect("status")..];
    assert!(status.contains("Ervaringsniveau: Startend"), "{status}");
    assert!(
        status.contains("Acties deze ronde: 3 (advies: hoogstens 3)"),
        "{status}"
    );
    assert!(status.contains("A nog niet gehaald"), "{status}");
    let export = run.export();
    assert!(export.contains("## Ervaringsniveau en advies"), "{export}");
    assert!(export.contains("Acties deze ronde: 3"), "{export}");
    assert!(export.contains("publieksdata@den.nl"), "{export}");
}

#[test]
fn the_end_of_the_plan_and_help_give_the_guide_s_contacts() {
    let sandbox = Sandbox::new();
    let input: String = WALK
        .iter()
        .map(|l| format!("{}\n", l.input))
        .collect::<String>()
        + "/help\n";
    let run = sandbox.run(&Chat::new("team", "ann"), input);
    run.assert_success();
    let out = &run.stdout;
    let end = out.find(FINISHED).expect("finished");
    let after = &out[end..];
    assert!(after.contains("publieksdata@den.nl"), "{after}");
    assert!(after.contains("www.publieksdata.nl"), "{after}");
    let help = &out[out.rfind("Zo werkt koers:").expect("help")..];
    assert!(help.contains("/voorbeeld [utrecht|mariniers|schalm] (/example)"));
    assert!(help.contains("publieksdata@den.nl"));
    // The walk's team is lerend: its long-term goal is in the plan.
    assert!(out.contains("Jullie zijn lerend."));
    assert!(out.contains("Het hele verhaal: /voorbeeld schalm"));
}
