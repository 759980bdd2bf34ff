//! The plan as one self-contained HTML report, printable on A4: inline CSS (`@page A4`), the
//! picture as inline SVG, then every round's steps, answers, scores, sources, readiness and
//! policy, and every goal with its progress and experiment — what the Markdown export holds,
//! for a reader who never saw the chat. Nothing is fetched: no scripts, no web fonts, no
//! external images.
//!
//! Written as escaped strings rather than with a template crate: the document is one fixed
//! layout, the escaping is the same function the SVG uses (and is tested), and the binary
//! keeps one dependency fewer.

use super::{Texts, escape, goal_fraction, goal_numbers, status_colour, svg, variant_counts};
use crate::engine::{Plan, PlanGoal, PlanRound};

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1b2a3a; font-size: 10.5pt;
  line-height: 1.45; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 8mm 0 2mm; border-bottom: 2px solid #e4e9f0; padding-bottom: 1mm;
  break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1mm; break-after: avoid; }
p.meta { color: #5f6b78; margin: 0 0 4mm; }
figure { margin: 4mm 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; border: 1px solid #e4e9f0; }
svg text { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 1px solid #e4e9f0; }
th { color: #5f6b78; font-weight: bold; font-size: 9.5pt; }
tr { break-inside: avoid; }
.bar { display: inline-block; width: 30mm; height: 2.4mm; background: #e4e9f0; vertical-align: middle; }
.bar span { display: block; height: 100%; }
.status { font-weight: bold; }
.small { color: #5f6b78; font-size: 9pt; }
ul { margin: 1mm 0; padding-left: 6mm; }
"#;

/// The plan as an HTML document.
pub fn render(plan: &Plan, texts: &Texts<'_>) -> String {
    let team = escape(&plan.team.name);
    let title = escape(&texts.fmt(
        "export.title",
        &[
            ("team", &plan.team.name),
            ("round", &plan.current_round.to_string()),
        ],
    ));
    let date = plan.generated_at.get(..10).unwrap_or(&plan.generated_at);
    let mut h = String::new();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&plan.team.language)
    ));
    h.push_str(&format!("<h1>{title}</h1>\n"));
    h.push_str(&format!(
        "<p class=\"meta\">{} · {}</p>\n",
        escape(&texts.fmt("export.generated", &[("date", date)])),
        escape(&texts.fmt("report.intro", &[("team", &plan.team.name)]))
    ));
    // The picture, inline: in HTML the SVG needs no namespace, and so holds no URL at all.
    let picture = svg::render(plan, texts).replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
    h.push_str(&format!(
        "<figure role=\"img\" aria-label=\"{team}\">{picture}</figure>\n"
    ));
    goals(&mut h, plan, texts);
    for round in plan.rounds.iter().rev() {
        round_section(&mut h, round, texts);
    }
    // Where to get help, as at the end of the Markdown export.
    h.push_str(&format!(
        "<hr>\n<p class=\"small\">{}</p>\n",
        escape(texts.get("coach.contact"))
    ));
    h.push_str("</body>\n</html>\n");
    h
}

fn goals(h: &mut String, plan: &Plan, texts: &Texts<'_>) {
    h.push_str(&format!("<h2>{}</h2>\n", escape(texts.get("export.goals"))));
    if plan.goals.is_empty() {
        h.push_str(&format!(
            "<p>{}</p>\n",
            escape(texts.get("report.no_goals"))
        ));
        return;
    }
    h.push_str(&format!(
        "<table>\n<tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        escape(texts.get("export.goals")),
        escape(texts.get("report.goal_owner")),
        escape(texts.get("report.goal_deadline")),
        escape(texts.get("report.goal_progress")),
        escape(texts.get("report.goal_status")),
    ));
    for goal in &plan.goals {
        goal_row(h, goal, texts);
    }
    h.push_str("</table>\n");
}

fn goal_row(h: &mut String, goal: &PlanGoal, texts: &Texts<'_>) {
    let colour = status_colour(&goal.status);
    let mut what = escape(&goal.text);
    if goal.kind == "readiness" {
        what.push_str(&format!(
            "<br><span class=\"small\">{}</span>",
            escape(texts.get("report.readiness_action"))
        ));
    }
    if let Some(e) = &goal.experiment {
        let counts = variant_counts(goal);
        for (letter, name, count) in [
            ("A", &e.variant_a, counts.map(|c| c.0)),
            ("B", &e.variant_b, counts.map(|c| c.1)),
        ] {
            let line = count.map_or_else(
                || texts.get("report.no_counts").to_string(),
                |c| super::counts_line(texts, c),
            );
            what.push_str(&format!(
                "<br><span class=\"small\">{} {letter}: {} — {}</span>",
                escape(texts.get("report.experiment")),
                escape(name),
                escape(&line)
            ));
        }
        if let Some(result) = &e.result {
            what.push_str(&format!(
                "<br><span class=\"small\">{}</span>",
                escape(&result.summary)
            ));
        }
    }
    let progress = match (goal_fraction(goal), goal_numbers(texts, goal)) {
        (Some(done), Some(numbers)) => format!(
            "<span class=\"bar\"><span style=\"width:{:.0}%;background:{colour}\"></span></span><br>\
             <span class=\"small\">{}</span>",
            done * 100.0,
            escape(&numbers)
        ),
        _ if goal.kind == "readiness" => "–".to_string(),
        _ => escape(texts.get("report.no_progress")),
    };
    h.push_str(&format!(
        "<tr><td>{}</td><td>{what}</td><td>{}</td><td>{}</td><td>{progress}</td>\
         <td class=\"status\" style=\"color:{colour}\">{}</td></tr>\n",
        goal.number,
        escape(goal.owner.as_deref().unwrap_or("–")),
        escape(goal.deadline.as_deref().unwrap_or("–")),
        escape(texts.status(&goal.status)),
    ));
}

fn round_section(h: &mut String, round: &PlanRound, texts: &Texts<'_>) {
    let heading = texts.fmt("report.round", &[("round", &round.number.to_string())]);
    h.push_str(&format!("<h2>{}</h2>\n", escape(&heading)));
    if let Some(changed) = &round.changed {
        h.push_str(&format!(
            "<p><b>{}:</b> {}</p>\n",
            escape(texts.get("export.rounds.changed")),
            escape(changed)
        ));
    }
    if let Some(statement) = round.statement.as_ref().filter(|s| s.text.is_some()) {
        let score = statement
            .score
            .map(|s| format!(" <span class=\"small\">({s}/{})</span>", statement.max))
            .unwrap_or_default();
        h.push_str(&format!(
            "<p><b>{}:</b> {}{score}</p>\n",
            escape(texts.get("export.rounds.statement")),
            escape(statement.text.as_deref().unwrap_or_default())
        ));
    }
    for step in &round.steps {
        h.push_str(&format!(
            "<h3>{} <span class=\"small\">{}/{}</span></h3>\n",
            escape(&step.title),
            step.answered,
            step.total
        ));
        let answers: Vec<_> = round.answers.iter().filter(|a| a.step == step.id).collect();
        if answers.is_empty() {
            continue;
        }
        h.push_str("<table>\n");
        for a in answers {
            let at = a.at.get(..10).unwrap_or(&a.at);
            h.push_str(&format!(
                "<tr><th>{}</th><td>{}<br><span class=\"small\">{} · {}</span></td></tr>\n",
                escape(&a.label),
                a.shown.lines().map(escape).collect::<Vec<_>>().join("<br>"),
                escape(&a.by),
                escape(at)
            ));
        }
        h.push_str("</table>\n");
    }
    details(h, round, texts);
}

/// The level, sources, readiness and policy of a round.
fn details(h: &mut String, round: &PlanRound, texts: &Texts<'_>) {
    if let Some(level) = &round.level {
        h.push_str(&format!(
            "<h3>{}: {}</h3>\n<ul>\n",
            escape(texts.get("export.rounds.level")),
            escape(&level.name)
        ));
        for c in &level.consequences {
            h.push_str(&format!("<li>{}</li>\n", escape(c)));
        }
        h.push_str("</ul>\n");
    }
    if !round.sources.is_empty() {
        h.push_str(&format!(
            "<h3>{}</h3>\n<ul>\n",
            escape(texts.get("export.sources"))
        ));
        for s in &round.sources {
            let issues: Vec<String> = s.hygiene_issues.iter().map(|i| escape(&i.label)).collect();
            let mark = match s.hygiene_ok {
                Some(true) => " ✓".to_string(),
                Some(false) => format!(" — {}", issues.join(", ")),
                None => String::new(),
            };
            h.push_str(&format!("<li>{}{mark}</li>\n", escape(&s.name)));
        }
        h.push_str("</ul>\n");
    }
    if let Some(r) = &round.readiness {
        h.push_str(&format!(
            "<h3>{} <span class=\"small\">{}/{}</span></h3>\n",
            escape(texts.get("report.open_items")),
            r.met,
            r.total
        ));
        if r.open.is_empty() {
            h.push_str(&format!(
                "<p>{}</p>\n",
                escape(texts.get("report.no_open_items"))
            ));
        } else {
            h.push_str("<table>\n");
            for item in &r.open {
                h.push_str(&format!(
                    "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    escape(&item.label),
                    escape(&item.answer),
                    escape(item.owner.as_deref().unwrap_or(texts.get("report.nobody"))),
                    escape(item.date.as_deref().unwrap_or(texts.get("report.no_date")))
                ));
            }
            h.push_str("</table>\n");
        }
    }
    if !round.policy.is_empty() {
        h.push_str(&format!(
            "<h3>{}</h3>\n<table>\n",
            escape(texts.get("report.policy"))
        ));
        for p in &round.policy {
            h.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                escape(&p.label),
                escape(&p.text)
            ));
        }
        h.push_str("</table>\n");
    }
}
