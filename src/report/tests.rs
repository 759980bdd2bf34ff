//! The picture and the report from a plan built by hand: text the team typed is escaped, long
//! names are cut with an ellipsis, lists that do not fit end in "+N more", an experiment shows
//! both variants, and the SVG is one usvg can read.

use super::*;
use crate::engine::flow::Flow;
use crate::engine::{
    PlanExperiment, PlanInterim, PlanOpenItem, PlanReadiness, PlanTeam, StepProgress,
};

fn catalog() -> Catalog {
    Catalog::builtin(&Flow::builtin().expect("flow")).expect("catalog")
}

fn goal(number: i64, text: &str, status: &str) -> PlanGoal {
    PlanGoal {
        number,
        round: 1,
        kind: "goal".into(),
        text: text.into(),
        owner: Some("Sanne".into()),
        deadline: Some("2027-05-31".into()),
        baseline: Some(100.0),
        target: Some(200.0),
        current: Some(150.0),
        unit: None,
        status: status.into(),
        smart_score: Some(5),
        experiment: None,
    }
}

fn plan(name: &str, goals: Vec<PlanGoal>, open: usize) -> Plan {
    let steps = ["Vraagstuk", "Data", "Actie", "Implementatie"]
        .iter()
        .map(|t| StepProgress {
            id: t.to_lowercase(),
            title: (*t).into(),
            answered: 2,
            total: 4,
        })
        .collect();
    let open = (0..open)
        .map(|i| PlanOpenItem {
            key: format!("k{i}"),
            label: format!("Voorwaarde {i} <&>"),
            answer: "nee".into(),
            owner: None,
            date: None,
        })
        .collect();
    Plan {
        schema_version: 1,
        team: PlanTeam {
            name: name.into(),
            platform: "terminal".into(),
            language: "nl".into(),
            timezone: "Europe/Amsterdam".into(),
        },
        generated_at: "2026-11-25T09:00:00Z".into(),
        current_round: 1,
        rounds: vec![PlanRound {
            number: 1,
            steps,
            answers: Vec::new(),
            statement: None,
            level: None,
            sources: Vec::new(),
            readiness: Some(PlanReadiness {
                met: 1,
                total: 9,
                open,
            }),
            policy: Vec::new(),
            changed: None,
        }],
        goals,
    }
}

/// The contents of every `<text>` element, the five XML entities decoded, once usvg has read
/// the whole SVG as valid.
fn texts_of(svg: &str) -> Vec<String> {
    let options = resvg::usvg::Options::default();
    resvg::usvg::Tree::from_str(svg, &options).expect("usvg reads the SVG");
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            t.split_once('>')
                .and_then(|(_, rest)| rest.split_once("</text>"))
        })
        .map(|(content, _)| {
            content
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn what_the_team_typed_is_escaped_and_read_back_as_typed() {
    let catalog = catalog();
    let name = "Theater <De \"Rode\" Zaal> & 'co'";
    let p = plan(name, vec![goal(1, "Meer <jong> publiek & meer", "open")], 1);
    let svg = svg::render(&p, &Texts::new(&catalog, &p));
    assert!(!svg.contains("<De "), "no raw markup from the team");
    let texts = texts_of(&svg);
    assert!(texts.iter().any(|t| t.contains(name)), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Meer <jong> publiek & meer"))
    );
    assert!(texts.iter().any(|t| t.contains("Voorwaarde 0 <&>")));
    let html = html::render(&p, &Texts::new(&catalog, &p));
    assert!(html.contains("Theater &lt;De &quot;Rode&quot; Zaal&gt; &amp; &#39;co&#39;"));
    assert!(!html.contains("<De "));
}

#[test]
fn long_texts_are_cut_and_long_lists_end_in_more() {
    let catalog = catalog();
    let long = "Een doel met een heel lange omschrijving die nooit op één regel past";
    let goals = (1..=9).map(|n| goal(n, long, "open")).collect();
    let p = plan("team", goals, 8);
    let texts = texts_of(&svg::render(&p, &Texts::new(&catalog, &p)));
    let cut: Vec<_> = texts
        .iter()
        .filter(|t| t.contains("Een doel met"))
        .collect();
    assert_eq!(cut.len(), 6, "six goal rows: {cut:?}");
    assert!(cut.iter().all(|t| t.ends_with('…') && !t.contains(long)));
    assert!(texts.iter().any(|t| t == "+3 meer"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "+3 meer"), "open items: 8 − 5");
    let open = texts.iter().filter(|t| t.starts_with("Voorwaarde")).count();
    assert_eq!(open, 5);
}

/// A goal with an A/B experiment under way.
fn experiment_goal() -> PlanGoal {
    let mut g = goal(1, "Nieuwsbrief", "evaluating");
    g.experiment = Some(PlanExperiment {
        variant_a: "huidige nieuwsbrief".into(),
        variant_b: "nieuwsbrief met video".into(),
        expected_a_percent: Some(5.0),
        expected_b_percent: Some(6.5),
        list_size: Some(5000),
        per_group: Some(3780),
        interim: Some(PlanInterim {
            a: PlanCounts {
                sent: 1200,
                converted: 60,
            },
            b: PlanCounts {
                sent: 1180,
                converted: 85,
            },
            at: "2026-11-25T09:00:00Z".into(),
        }),
        final_a: None,
        final_b: None,
        result: None,
    });
    g
}

#[test]
fn an_experiment_shows_both_variants_with_their_counts() {
    let catalog = catalog();
    let g = experiment_goal();
    let p = plan("team", vec![g], 0);
    let texts = texts_of(&svg::render(&p, &Texts::new(&catalog, &p)));
    for want in [
        "huidige nieuwsbrief",
        "nieuwsbrief met video",
        // Numbers the Dutch way, as the chat writes them.
        "60 van 1.200 (5%)",
        "85 van 1.180 (7,2%)",
        "verwacht 6,5%",
        "Geen open randvoorwaarden.",
    ] {
        assert!(texts.iter().any(|t| t == want), "{want}: {texts:?}");
    }
}

#[test]
fn a_plan_without_goals_says_so() {
    let catalog = catalog();
    let p = plan("team", Vec::new(), 0);
    let texts = texts_of(&svg::render(&p, &Texts::new(&catalog, &p)));
    assert!(texts.iter().any(|t| t == "Nog geen doelen."));
    assert!(texts.iter().any(|t| t == "Nog geen A/B-experiment."));
}

#[test]
fn a_goal_named_in_percent_shows_its_own_numbers_without_a_percent_sign() {
    let catalog = catalog();
    // "met 25% verhogen": the change is a percentage, the numbers are tickets.
    let mut tickets = goal(1, "Kaartjes via de nieuwsbrief met 25% verhogen", "open");
    tickets.unit = Some("percent".into());
    let p = plan("team", vec![tickets], 0);
    let texts = texts_of(&svg::render(&p, &Texts::new(&catalog, &p)));
    let numbers = texts
        .iter()
        .find(|t| t.contains("100") && t.contains("200"))
        .unwrap_or_else(|| panic!("the goal's numbers in {texts:?}"));
    assert!(!numbers.contains('%'), "{numbers}");
    assert!(numbers.contains("150"), "{numbers}");
}

#[test]
fn the_picture_from_its_parts_is_the_whole_picture() {
    let catalog = catalog();
    let long = "Een doel met een heel lange omschrijving die nooit op één regel past";
    let name = "Theater <De \"Rode\" Zaal> met een naam die lang is";
    let mut many = vec![experiment_goal()];
    many.extend((2..=9).map(|n| goal(n, long, "open")));
    let few = vec![goal(1, "Meer jong publiek", "open"), experiment_goal()];
    for (goals, open) in [(many, 8), (few, 1), (Vec::new(), 0)] {
        let p = plan(name, goals, open);
        let texts = Texts::new(&catalog, &p);
        for scale in [1, 2] {
            let whole = png::draw(&svg::render(&p, &texts), scale).expect("whole");
            let parts = png_parts::render_parts(&panels::render(&p, &texts), scale).expect("parts");
            let parts = resvg::tiny_skia::Pixmap::decode_png(&parts).expect("a PNG");
            assert_eq!(
                (parts.width(), parts.height()),
                (whole.width(), whole.height())
            );
            let w = whole.width() as usize;
            let differ: Vec<(usize, usize)> = whole
                .pixels()
                .iter()
                .zip(parts.pixels())
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(i, _)| (i % w, i / w))
                .collect();
            assert!(
                differ.is_empty(),
                "{} goals, scale {scale}: {} pixels differ, the first at {:?}",
                p.goals.len(),
                differ.len(),
                differ.first()
            );
        }
    }
}
