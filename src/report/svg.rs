//! The plan as one SVG picture, written by hand: the four steps as a circle, the goals on a
//! time line, the open readiness conditions and the latest A/B experiment. The canvas has a
//! fixed size ([`WIDTH`] × [`HEIGHT`]); lists that do not fit end in "+N more", long texts in
//! an ellipsis. Every text is escaped. The font is [`FONT_FAMILY`], the one `png.rs` embeds.

use super::canvas::{Canvas, polar};
use super::svg_goals;
use super::{Texts, counts_line, current_round, experiment_goal, truncate, variant_counts};
use crate::engine::{Plan, PlanOpenItem, StepProgress};

/// The picture's width in SVG units (a PNG file is twice as wide, the `/status` picture as wide).
pub const WIDTH: u32 = 1000;
/// The picture's height in SVG units.
pub const HEIGHT: u32 = 760;
/// The font family every text asks for: the family name of the embedded `DejaVu Sans`.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// A rectangle of the picture, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

/// Where the title is written (white around it): a picture without text is blank here.
pub const TITLE_AREA: Area = Area {
    x: 24,
    y: 14,
    w: 560,
    h: 64,
};
/// Where the steps' titles and counts are written, below the circle.
pub const STEP_LABELS_AREA: Area = Area {
    x: 24,
    y: 398,
    w: 380,
    h: 92,
};
/// Where the goals' texts are written (the left column of the goal rows).
pub const GOAL_LABELS_AREA: Area = Area {
    x: 430,
    y: 104,
    w: 300,
    h: 370,
};
/// Where the experiment's variants are named and counted.
pub const EXPERIMENT_AREA: Area = Area {
    x: 520,
    y: 580,
    w: 456,
    h: 70,
};

pub(super) const INK: &str = "#1b2a3a";
pub(super) const MUTED: &str = "#5f6b78";
pub(super) const LIGHT: &str = "#e4e9f0";
const STEP_COLOURS: [&str; 4] = ["#4e8fd1", "#5fae57", "#e0b23a", "#e07b3a"];
/// How many goals the column shows (the rest are "+N more").
pub(super) const GOAL_ROWS: usize = 6;
/// The height of a goal's row.
pub(super) const GOAL_ROW: f64 = 60.0;
/// Where the first goal's row starts.
pub(super) const GOALS_TOP: f64 = 140.0;
const OPEN_ROWS: usize = 5;
pub(super) const TIMELINE: (f64, f64) = (765.0, 962.0);

/// The plan as an SVG document.
pub fn render(plan: &Plan, texts: &Texts<'_>) -> String {
    let mut svg = Canvas::default();
    svg.out.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT_FAMILY}">"#
    ));
    svg.rect(0.0, 0.0, f64::from(WIDTH), f64::from(HEIGHT), "#ffffff");
    header(&mut svg, plan, texts);
    steps(&mut svg, plan, texts);
    svg_goals::goals(&mut svg, plan, texts);
    open_items(&mut svg, plan, texts);
    experiment(&mut svg, plan, texts);
    svg.out.push_str("</svg>\n");
    svg.out
}

pub(super) fn header(svg: &mut Canvas, plan: &Plan, texts: &Texts<'_>) {
    let title = texts.fmt(
        "export.title",
        &[
            ("team", &truncate(&plan.team.name, 40)),
            ("round", &plan.current_round.to_string()),
        ],
    );
    svg.text(32.0, 48.0, 26.0, true, INK, "start", &truncate(&title, 44));
    let date = plan.generated_at.get(..10).unwrap_or(&plan.generated_at);
    let generated = texts.fmt("export.generated", &[("date", date)]);
    svg.text(32.0, 72.0, 14.0, false, MUTED, "start", &generated);
    svg.line(24.0, 88.0, 976.0, 88.0, LIGHT, 2.0);
}

pub(super) fn steps(svg: &mut Canvas, plan: &Plan, texts: &Texts<'_>) {
    let (cx, cy, outer, inner) = (200.0, 264.0, 124.0, 76.0);
    svg.text(
        32.0,
        120.0,
        17.0,
        true,
        INK,
        "start",
        texts.get("report.steps"),
    );
    let steps: &[StepProgress] = current_round(plan).map_or(&[], |r| r.steps.as_slice());
    for (i, step) in steps.iter().take(4).enumerate() {
        let colour = STEP_COLOURS[i];
        let start = i as f64 * 90.0 + 1.5;
        let span = 87.0;
        svg.segment((cx, cy), (inner, outer), start, start + span, LIGHT);
        let done = if step.total == 0 {
            1.0
        } else {
            (step.answered as f64 / step.total as f64).min(1.0)
        };
        if done > 0.0 {
            svg.segment((cx, cy), (inner, outer), start, start + span * done, colour);
        }
        let (tx, ty) = polar(cx, cy, f64::midpoint(inner, outer), start + span / 2.0);
        svg.text(
            tx,
            ty + 7.0,
            20.0,
            true,
            INK,
            "middle",
            &(i + 1).to_string(),
        );
        let y = 420.0 + i as f64 * 22.0;
        svg.rect(32.0, y - 12.0, 14.0, 14.0, colour);
        svg.text(
            56.0,
            y,
            15.0,
            false,
            INK,
            "start",
            &truncate(&step.title, 34),
        );
        let count = format!("{}/{}", step.answered, step.total);
        svg.text(396.0, y, 15.0, true, INK, "end", &count);
    }
    let round = texts.fmt(
        "report.round",
        &[("round", &plan.current_round.to_string())],
    );
    svg.text(cx, cy + 6.0, 17.0, true, INK, "middle", &round);
}

pub(super) fn open_items(svg: &mut Canvas, plan: &Plan, texts: &Texts<'_>) {
    svg.line(24.0, 508.0, 976.0, 508.0, LIGHT, 2.0);
    svg.text(
        32.0,
        540.0,
        17.0,
        true,
        INK,
        "start",
        texts.get("report.open_items"),
    );
    let open: &[PlanOpenItem] = current_round(plan)
        .and_then(|r| r.readiness.as_ref())
        .map_or(&[], |r| r.open.as_slice());
    if open.is_empty() {
        let none = texts.get("report.no_open_items");
        svg.text(32.0, 570.0, 14.0, false, MUTED, "start", none);
        return;
    }
    for (i, item) in open.iter().take(OPEN_ROWS).enumerate() {
        let y = 566.0 + i as f64 * 36.0;
        svg.rect(32.0, y - 10.0, 10.0, 10.0, STEP_COLOURS[3]);
        svg.text(
            52.0,
            y,
            14.0,
            true,
            INK,
            "start",
            &truncate(&item.label, 52),
        );
        let owner = item.owner.as_deref().unwrap_or(texts.get("report.nobody"));
        let date = item.date.as_deref().unwrap_or(texts.get("report.no_date"));
        let who = truncate(&format!("{owner} · {date}"), 60);
        svg.text(52.0, y + 16.0, 12.0, false, MUTED, "start", &who);
    }
    if open.len() > OPEN_ROWS {
        let more = (open.len() - OPEN_ROWS).to_string();
        let text = texts.fmt("report.more", &[("count", &more)]);
        svg.text(32.0, 748.0, 12.0, false, MUTED, "start", &text);
    }
}

pub(super) fn experiment(svg: &mut Canvas, plan: &Plan, texts: &Texts<'_>) {
    let x0 = 520.0;
    svg.text(
        x0,
        540.0,
        17.0,
        true,
        INK,
        "start",
        texts.get("report.experiment"),
    );
    let Some(goal) = experiment_goal(plan) else {
        let none = texts.get("report.no_experiment");
        svg.text(x0, 570.0, 14.0, false, MUTED, "start", none);
        return;
    };
    let Some(e) = goal.experiment.as_ref() else {
        return;
    };
    let about = format!("{}. {}", goal.number, truncate(&goal.text, 56));
    svg.text(x0, 562.0, 12.0, false, MUTED, "start", &about);
    let counts = variant_counts(goal);
    let variants = [
        ("A", &e.variant_a, e.expected_a_percent, counts.map(|c| c.0)),
        ("B", &e.variant_b, e.expected_b_percent, counts.map(|c| c.1)),
    ];
    for (i, (letter, name, expected, count)) in variants.into_iter().enumerate() {
        let x = x0 + i as f64 * 232.0;
        let colour = if i == 0 { "#7a8ca3" } else { STEP_COLOURS[0] };
        svg.rect(x, 574.0, 220.0, 118.0, "#f3f6fa");
        svg.rect(x, 574.0, 6.0, 118.0, colour);
        svg.text(x + 18.0, 606.0, 24.0, true, colour, "start", letter);
        svg.text(
            x + 46.0,
            604.0,
            13.0,
            true,
            INK,
            "start",
            &truncate(name, 22),
        );
        let line = match count {
            Some(c) => counts_line(texts, c),
            None => texts.get("report.no_counts").to_string(),
        };
        svg.text(
            x + 18.0,
            636.0,
            13.0,
            false,
            INK,
            "start",
            &truncate(&line, 28),
        );
        if let Some(rate) = expected {
            let rate = format!("{}%", texts.number(rate));
            let text = texts.fmt("report.expected", &[("rate", &rate)]);
            svg.text(x + 18.0, 658.0, 12.0, false, MUTED, "start", &text);
        }
        if let Some(c) = count.filter(|c| c.sent > 0) {
            let share = c.converted as f64 / c.sent as f64;
            svg.rect(x + 18.0, 672.0, 190.0, 8.0, LIGHT);
            svg.rect(x + 18.0, 672.0, 190.0 * share.min(1.0), 8.0, colour);
        }
    }
    if let Some(result) = &e.result {
        let summary = truncate(&result.summary, 70);
        svg.text(x0, 714.0, 12.0, false, INK, "start", &summary);
    }
}
