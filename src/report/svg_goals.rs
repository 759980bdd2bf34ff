//! The goals' column of the plan's picture (`svg.rs`): its backdrop (title, today's dashed line
//! and label, "+N more") and one row per goal on a shared time line, drawn apart so the
//! picture's parts (`panels.rs`) can draw one row at a time.

use jiff::civil::Date;

use super::canvas::{Canvas, TimeScale};
use super::svg::{GOAL_ROW, GOAL_ROWS, GOALS_TOP, INK, LIGHT, MUTED, TIMELINE};
use super::{Texts, goal_fraction, goal_numbers, status_colour, truncate};
use crate::engine::{Plan, PlanGoal};

/// The whole column: the backdrop and every row.
pub(super) fn goals(svg: &mut Canvas, plan: &Plan, texts: &Texts<'_>) {
    let scale = goals_backdrop(svg, plan, texts);
    for i in 0..plan.goals.len().min(GOAL_ROWS) {
        goal_row_at(svg, plan, texts, scale.as_ref(), i);
    }
}

/// Everything of the goals' column but the rows: its title (or that there are no goals), the
/// dashed line of today with its label, and "+N more" under the rows. Returns the time scale
/// the rows are drawn on.
pub(super) fn goals_backdrop(
    svg: &mut Canvas,
    plan: &Plan,
    texts: &Texts<'_>,
) -> Option<TimeScale> {
    svg.text(
        430.0,
        120.0,
        17.0,
        true,
        INK,
        "start",
        texts.get("report.goals"),
    );
    if plan.goals.is_empty() {
        svg.text(
            430.0,
            150.0,
            14.0,
            false,
            MUTED,
            "start",
            texts.get("report.no_goals"),
        );
        return None;
    }
    let today = plan
        .generated_at
        .get(..10)
        .and_then(|d| d.parse::<Date>().ok());
    let scale = TimeScale::new(today, plan.goals.iter().filter_map(deadline));
    if let (Some(scale), Some(today)) = (&scale, today) {
        let x = scale.x(today);
        let bottom = GOALS_TOP + GOAL_ROW * plan.goals.len().min(GOAL_ROWS) as f64;
        svg.dashed(x, GOALS_TOP - 4.0, x, bottom - 10.0, MUTED);
        svg.text(
            x,
            GOALS_TOP - 8.0,
            11.0,
            false,
            MUTED,
            "middle",
            texts.get("report.today"),
        );
    }
    if plan.goals.len() > GOAL_ROWS {
        let more = (plan.goals.len() - GOAL_ROWS).to_string();
        let y = GOALS_TOP + GOAL_ROW * GOAL_ROWS as f64 + 4.0;
        let text = texts.fmt("report.more", &[("count", &more)]);
        svg.text(430.0, y, 13.0, false, MUTED, "start", &text);
    }
    scale
}

/// Row `i` of the goals' column (nothing when the plan has no goal `i`), on `scale`.
pub(super) fn goal_row_at(
    svg: &mut Canvas,
    plan: &Plan,
    texts: &Texts<'_>,
    scale: Option<&TimeScale>,
    i: usize,
) {
    if let Some(goal) = plan.goals.get(i).filter(|_| i < GOAL_ROWS) {
        goal_row(svg, texts, scale, goal, GOALS_TOP + i as f64 * GOAL_ROW);
    }
}

fn goal_row(
    svg: &mut Canvas,
    texts: &Texts<'_>,
    scale: Option<&TimeScale>,
    goal: &PlanGoal,
    y: f64,
) {
    let colour = status_colour(&goal.status);
    let readiness = goal.kind == "readiness";
    let label = format!("{}. {}", goal.number, truncate(&goal.text, 31));
    svg.text(430.0, y + 14.0, 15.0, true, INK, "start", &label);
    // The bar: light to the target, the status colour as far as the goal has come.
    svg.rect(430.0, y + 22.0, 300.0, 9.0, LIGHT);
    if let Some(done) = goal_fraction(goal) {
        svg.rect(430.0, y + 22.0, 300.0 * done, 9.0, colour);
    }
    let mut detail = goal_numbers(texts, goal).unwrap_or_else(|| {
        if readiness {
            String::new()
        } else {
            texts.get("report.no_progress").to_string()
        }
    });
    if readiness {
        let mark = texts.get("report.readiness_action");
        detail = if detail.is_empty() {
            mark.to_string()
        } else {
            format!("{mark} · {detail}")
        };
    }
    let detail = format!("{} · {detail}", texts.status(&goal.status));
    svg.text(
        430.0,
        y + 46.0,
        11.5,
        false,
        MUTED,
        "start",
        &truncate(&detail, 50),
    );
    svg.line(TIMELINE.0, y + 26.0, TIMELINE.1, y + 26.0, LIGHT, 2.0);
    if let (Some(scale), Some(date)) = (scale, deadline(goal)) {
        let x = scale.x(date);
        if readiness {
            let d = 7.0;
            svg.out.push_str(&format!(
                r#"<path d="M{x:.1} {:.1} L{:.1} {:.1} L{x:.1} {:.1} L{:.1} {:.1} Z" fill="{colour}"/>"#,
                y + 26.0 - d,
                x + d,
                y + 26.0,
                y + 26.0 + d,
                x - d,
                y + 26.0
            ));
        } else {
            svg.out.push_str(&format!(
                r#"<circle cx="{x:.1}" cy="{:.1}" r="6.5" fill="{colour}"/>"#,
                y + 26.0
            ));
        }
        let anchor_x = x.clamp(TIMELINE.0 + 30.0, TIMELINE.1 - 30.0);
        svg.text(
            anchor_x,
            y + 48.0,
            12.0,
            false,
            INK,
            "middle",
            &date.to_string(),
        );
    }
}

/// A goal's deadline as a date.
pub(super) fn deadline(goal: &PlanGoal) -> Option<Date> {
    goal.deadline.as_deref().and_then(|d| d.parse().ok())
}
