//! The team's web page, written with maud: the plan's picture, the steps with their progress,
//! the goals each with a small progress chart, and every round's answers, sources, readiness
//! and policy — what the printable report (`crate::report::html`) holds, laid out for a screen.
//! Inline CSS and inline SVG only: the page fetches nothing (its Content-Security-Policy says
//! so too). Every word comes from the prompts (`msg.report.*`, `msg.export.*`, `msg.web.*`).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::engine::{Plan, PlanGoal, PlanRound, StepProgress};
use crate::report::{
    self, Texts, counts_line, current_round, goal_fraction, goal_numbers, status_colour,
    variant_counts,
};

const STYLE: &str = r#"
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1b2a3a; background: #f6f8fb;
  line-height: 1.45; margin: 0; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; border-bottom: 2px solid #e4e9f0;
  padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 18px 0 6px; }
.meta, .small { color: #5f6b78; font-size: .9rem; }
.note { background: #fff8e1; border: 1px solid #f0d98a; padding: 8px 12px; border-radius: 6px; }
section.card, figure { background: #fff; border: 1px solid #e4e9f0; border-radius: 8px;
  padding: 12px 16px; margin: 12px 0; }
figure svg { width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px;
  border-bottom: 1px solid #e4e9f0; }
th { color: #5f6b78; font-size: .9rem; }
.goal { display: grid; grid-template-columns: 1fr 280px; gap: 12px; align-items: center; }
.status { font-weight: bold; }
ul { margin: 4px 0; padding-left: 22px; }
"#;

/// The page of a team's plan.
pub fn render(plan: &Plan, texts: &Texts<'_>) -> Markup {
    let title = texts.fmt(
        "export.title",
        &[
            ("team", &plan.team.name),
            ("round", &plan.current_round.to_string()),
        ],
    );
    let date = plan.generated_at.get(..10).unwrap_or(&plan.generated_at);
    // The picture, inline: in HTML the SVG needs no namespace, and so holds no URL at all.
    let picture =
        report::svg::render(plan, texts).replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
    html! {
        (DOCTYPE)
        html lang=(plan.team.language) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                meta name="referrer" content="no-referrer";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { (title) }
                    p.meta {
                        (texts.fmt("export.generated", &[("date", date)])) " · "
                        (texts.fmt("report.intro", &[("team", &plan.team.name)]))
                    }
                    p.note { (texts.get("web.private")) }
                    figure role="img" aria-label=(plan.team.name) { (PreEscaped(picture)) }
                    (steps(plan, texts))
                    (goals(plan, texts))
                    @for round in plan.rounds.iter().rev() { (round_section(round, texts)) }
                    hr;
                    p.small { (texts.get("coach.contact")) }
                }
            }
        }
    }
}

/// The page for any path that opens no plan: the same for an unknown path and for a wrong,
/// unknown or switched-off token.
pub fn not_found(texts: &crate::prompts::Catalog, lang: crate::prompts::Lang) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.to_string()) {
            head {
                meta charset="utf-8";
                meta name="robots" content="noindex, nofollow";
                title { (texts.get(lang, "msg.web.not_found_title")) }
                style { (PreEscaped(STYLE)) }
            }
            body { main {
                h1 { (texts.get(lang, "msg.web.not_found_title")) }
                p { (texts.get(lang, "msg.web.not_found")) }
            } }
        }
    }
}

/// A horizontal bar, `done` (0..=1) of it in `colour`, as inline SVG.
fn bar(done: f64, colour: &str, width: u32, label: &str) -> Markup {
    let filled = format!("{:.1}", f64::from(width) * done.clamp(0.0, 1.0));
    let view = format!("0 0 {width} 12");
    html! {
        svg width=(width) height="12" viewBox=(view) role="img" aria-label=(label) {
            rect x="0" y="0" width=(width) height="12" rx="6" fill="#e4e9f0" {}
            rect x="0" y="0" width=(filled) height="12" rx="6" fill=(colour) {}
        }
    }
}

fn steps(plan: &Plan, texts: &Texts<'_>) -> Markup {
    let steps: &[StepProgress] = current_round(plan).map_or(&[], |r| r.steps.as_slice());
    html! {
        h2 { (texts.get("report.steps")) }
        section.card { table {
            @for (i, step) in steps.iter().enumerate() {
                @let done = if step.total == 0 {
                    1.0
                } else {
                    step.answered as f64 / step.total as f64
                };
                @let count = format!("{}/{}", step.answered, step.total);
                tr {
                    th { (i + 1) ". " (step.title) }
                    td { (bar(done, "#4e8fd1", 220, &count)) }
                    td { (count) }
                }
            }
        } }
    }
}

fn goals(plan: &Plan, texts: &Texts<'_>) -> Markup {
    html! {
        h2 { (texts.get("report.goals")) }
        @if plan.goals.is_empty() {
            p { (texts.get("report.no_goals")) }
        }
        @for goal in &plan.goals { (goal_card(goal, texts)) }
    }
}

fn goal_card(goal: &PlanGoal, texts: &Texts<'_>) -> Markup {
    let colour = status_colour(&goal.status);
    let numbers = goal_numbers(texts, goal);
    html! {
        section.card.goal id=(format!("goal-{}", goal.number)) {
            div {
                h3 { (goal.number) ". " (goal.text) }
                p.small {
                    @if goal.kind == "readiness" { (texts.get("report.readiness_action")) " · " }
                    (texts.get("report.goal_owner")) ": "
                    (goal.owner.as_deref().unwrap_or("–")) " · "
                    (texts.get("report.goal_deadline")) ": "
                    (goal.deadline.as_deref().unwrap_or("–")) " · "
                    span.status style=(format!("color:{colour}")) { (texts.status(&goal.status)) }
                }
                @if let Some(e) = &goal.experiment {
                    @let counts = variant_counts(goal);
                    @let variants = [
                        ("A", &e.variant_a, counts.map(|c| c.0)),
                        ("B", &e.variant_b, counts.map(|c| c.1)),
                    ];
                    @for (letter, name, count) in variants {
                        p.small {
                            (texts.get("report.experiment")) " " (letter) ": " (name) " — "
                            @match count {
                                Some(c) => (counts_line(texts, c)),
                                None => (texts.get("report.no_counts")),
                            }
                        }
                    }
                    @if let Some(result) = &e.result { p.small { (result.summary) } }
                }
            }
            div {
                @match (goal_fraction(goal), numbers) {
                    (Some(done), Some(numbers)) => {
                        (bar(done, colour, 280, &numbers))
                        p.small { (numbers) }
                    }
                    _ if goal.kind == "readiness" => {}
                    _ => p.small { (texts.get("report.no_progress")) }
                }
            }
        }
    }
}

fn round_section(round: &PlanRound, texts: &Texts<'_>) -> Markup {
    html! {
        h2 { (texts.fmt("report.round", &[("round", &round.number.to_string())])) }
        @if let Some(changed) = &round.changed {
            p { b { (texts.get("export.rounds.changed")) ": " } (changed) }
        }
        @if let Some(text) = round.statement.as_ref().and_then(|s| s.text.as_deref()) {
            p { b { (texts.get("export.rounds.statement")) ": " } (text) }
        }
        @for step in &round.steps {
            h3 { (step.title) " " span.small { (step.answered) "/" (step.total) } }
            @let answers: Vec<_> = round.answers.iter().filter(|a| a.step == step.id).collect();
            @if !answers.is_empty() {
                section.card { table {
                    @for a in answers {
                        tr {
                            th { (a.label) }
                            td {
                                @for (i, line) in a.shown.lines().enumerate() {
                                    @if i > 0 { br; }
                                    (line)
                                }
                                br;
                                span.small { (a.by) " · " (a.at.get(..10).unwrap_or(&a.at)) }
                            }
                        }
                    }
                } }
            }
        }
        (details(round, texts))
    }
}

/// The level, sources, readiness and policy of a round.
fn details(round: &PlanRound, texts: &Texts<'_>) -> Markup {
    html! {
        @if let Some(level) = &round.level {
            h3 { (texts.get("export.rounds.level")) ": " (level.name) }
            ul { @for c in &level.consequences { li { (c) } } }
        }
        @if !round.sources.is_empty() {
            h3 { (texts.get("export.sources")) }
            ul { @for s in &round.sources {
                li {
                    (s.name)
                    @match s.hygiene_ok {
                        Some(true) => " ✓",
                        Some(false) => {
                            @let issues: Vec<&str> =
                                s.hygiene_issues.iter().map(|i| i.label.as_str()).collect();
                            " — " (issues.join(", "))
                        }
                        None => {}
                    }
                }
            } }
        }
        @if let Some(r) = &round.readiness {
            h3 { (texts.get("report.open_items")) " " span.small { (r.met) "/" (r.total) } }
            @if r.open.is_empty() {
                p { (texts.get("report.no_open_items")) }
            } @else {
                section.card { table {
                    @for item in &r.open {
                        tr {
                            th { (item.label) }
                            td { (item.answer) }
                            td { (item.owner.as_deref().unwrap_or(texts.get("report.nobody"))) }
                            td { (item.date.as_deref().unwrap_or(texts.get("report.no_date"))) }
                        }
                    }
                } }
            }
        }
        @if !round.policy.is_empty() {
            h3 { (texts.get("report.policy")) }
            section.card { table {
                @for p in &round.policy { tr { th { (p.label) } td { (p.text) } } }
            } }
        }
    }
}
