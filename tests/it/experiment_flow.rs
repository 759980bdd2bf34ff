//! End to end with the real binary and a moved clock (`koers chat --now`): a goal set up as an
//! A/B experiment gets its sample size (and a list too small is said plainly), interim counts
//! show counts only, and the deadline prompt — sent by the reminder scheduler — asks the counts
//! per variant and reports the result. The numbers are the reference vectors of
//! `src/scoring/experiment/reference_tests.rs` (scipy / statsmodels).

use crate::common::{Chat, Sandbox, WALK, line_of};

/// A goal due "over twee weken": 09-12-2026, counted from 25-11-2026.
const GOAL: &str =
    "Het aantal kaartjes dat via de nieuwsbrief wordt gekocht met 25% verhogen over twee weken";

/// The walk up to the goal, the goal, and its experiment: 5% against 6,5% on a list of 5.000.
fn set_up() -> Vec<&'static str> {
    let mut lines: Vec<&str> = WALK[..line_of("action.action#1.goal#1.text")]
        .iter()
        .map(|l| l.input)
        .collect();
    lines.extend([
        GOAL,
        "Sanne",
        "ja",
        "120",
        "150",
        "ja",
        "huidige nieuwsbrief",
        "nieuwsbrief met video",
        "5%",
        "6,5 procent",
        "5.000",
        "nee",
        "nee",
        "/doel voortgang 1 1200 60 1180 85",
    ]);
    lines
}

fn at(now: &str) -> Chat {
    Chat {
        now: Some(now.to_string()),
        ..Chat::new("ab", "ann")
    }
}

#[test]
fn an_experiment_is_planned_counted_and_evaluated_at_its_deadline() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&at("2026-11-25T10:00:00+01:00"), set_up().join("\n") + "\n");
    out.assert_success();
    let said = &out.stdout;
    for part in [
        "per variant 3.780 mensen nodig, samen 7.560",
        "te klein: er zijn er 7.560 nodig, dus er ontbreken 2.560",
        "Zie /voorbeeld utrecht",
        "Genoteerd als doel 1",
        "A ('huidige nieuwsbrief'): 60 van 1.200 (5,00%)",
        "B ('nieuwsbrief met video'): 85 van 1.180 (7,20%)",
        "Een p-waarde of conclusie geef ik pas op de deadline (09-12-2026)",
    ] {
        assert!(said.contains(part), "{part}:\n{said}");
    }
    assert!(
        !said.contains("p = "),
        "no p-value before the deadline:\n{said}"
    );

    // The deadline: the scheduler's prompt asks A's counts; wrong counts are asked again.
    let out = sandbox.run(
        &at("2026-12-09T09:00:30+01:00"),
        [
            "120 2400",
            "2400 120",
            "2400 155",
            "ja",
            "Meer kaartjes via video",
            "Vaker video gebruiken",
            "nee",
            "nee",
            "/status",
            "/export",
        ]
        .join("\n")
            + "\n",
    );
    out.assert_success();
    let said = &out.stdout;
    let prompt = said.find("is bereikt").expect("the deadline prompt");
    let ask_a = said
        .find("variant A ('huidige nieuwsbrief'): hoeveel")
        .expect("asks A");
    assert!(prompt < ask_a, "{said}");
    for part in [
        "Bij A ('huidige nieuwsbrief') haakten meer mensen aan dan er de variant kregen",
        "variant B ('nieuwsbrief met video'): hoeveel",
        "Verschil B − A: +1,46 procentpunt (95%-betrouwbaarheidsinterval: 0,14 tot 2,78 procentpunt)",
        "Relatieve lift van B ten opzichte van A: +29,2%",
        "z-toets voor twee proporties, z = 2,17, p = 0,030",
        "Conclusie: B ('nieuwsbrief met video') doet het beter",
        "Evaluatie van doel 1 vastgelegd: gehaald",
        "Uitkomst: verschil B − A +1,46 procentpunt (95%-interval 0,14 tot 2,78), z-toets, p = 0,030",
    ] {
        assert!(said.contains(part), "{part}:\n{said}");
    }
    let export = out.export();
    assert!(
        export.contains("  - A/B-experiment: A ('huidige nieuwsbrief') (verwacht 5%) tegen B ('nieuwsbrief met video') (verwacht 6,5%); 3.780 mensen per variant nodig, het bereik van 5.000 is 2.560 te klein."),
        "{export}"
    );
    assert!(
        export.contains("  - Uitkomst: verschil B − A +1,46"),
        "{export}"
    );

    let db = sandbox.database();
    let goal = db.goals("terminal", "ab").remove(0).goal;
    let exp = db
        .read(move |s| s.find_experiment(goal.id))
        .expect("the goal is an experiment");
    assert_eq!(
        (exp.final_a, exp.final_b),
        (
            Some(koers::scoring::experiment::Counts::new(2400, 120)),
            Some(koers::scoring::experiment::Counts::new(2400, 155))
        )
    );
}
