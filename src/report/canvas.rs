//! The drawing primitives of the plan's picture (`svg.rs`): SVG elements written as text, with
//! every text escaped, ring segments for the steps' circle, and the goals' time scale.

use jiff::civil::Date;

use super::escape;

/// Dates to x positions on the goals' time line.
pub(super) struct TimeScale {
    start: Date,
    days: f64,
}

impl TimeScale {
    /// A scale from the earliest to the latest of `today` and the deadlines, with a margin.
    pub(super) fn new(
        today: Option<Date>,
        deadlines: impl Iterator<Item = Date>,
    ) -> Option<TimeScale> {
        let all: Vec<Date> = today.into_iter().chain(deadlines).collect();
        let (first, last) = (*all.iter().min()?, *all.iter().max()?);
        let span = days_between(first, last).max(30.0);
        let margin = (span * 0.08).ceil() as i64;
        let start = first.checked_sub(jiff::Span::new().days(margin)).ok()?;
        Some(TimeScale {
            start,
            days: span + 2.0 * margin as f64,
        })
    }

    pub(super) fn x(&self, date: Date) -> f64 {
        let share = (days_between(self.start, date) / self.days).clamp(0.0, 1.0);
        super::svg::TIMELINE.0 + share * (super::svg::TIMELINE.1 - super::svg::TIMELINE.0)
    }
}

fn days_between(a: Date, b: Date) -> f64 {
    a.until(b).map_or(0.0, |s| f64::from(s.get_days()))
}

/// A point on a circle; angles in degrees, clockwise from the top.
pub(super) fn polar(cx: f64, cy: f64, r: f64, degrees: f64) -> (f64, f64) {
    let a = degrees.to_radians();
    (cx + r * a.sin(), cy - r * a.cos())
}

/// The SVG text being written.
#[derive(Default)]
pub(super) struct Canvas {
    pub(super) out: String,
}

impl Canvas {
    pub(super) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        self.out.push_str(&format!(
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}"/>"#
        ));
    }

    pub(super) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        self.out.push_str(&format!(
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
        ));
    }

    pub(super) fn dashed(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str) {
        self.out.push_str(&format!(
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="1" stroke-dasharray="4 4"/>"#
        ));
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        bold: bool,
        fill: &str,
        anchor: &str,
        text: &str,
    ) {
        let weight = if bold { "bold" } else { "normal" };
        self.out.push_str(&format!(
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{}</text>"#,
            escape(text)
        ));
    }

    /// A ring segment between two angles (degrees, clockwise from the top).
    pub(super) fn segment(&mut self, c: (f64, f64), r: (f64, f64), from: f64, to: f64, fill: &str) {
        let (cx, cy) = c;
        let (inner, outer) = r;
        let large = i32::from(to - from > 180.0);
        let (ax, ay) = polar(cx, cy, outer, from);
        let (bx, by) = polar(cx, cy, outer, to);
        let (px, py) = polar(cx, cy, inner, to);
        let (qx, qy) = polar(cx, cy, inner, from);
        self.out.push_str(&format!(
            r#"<path d="M{ax:.2} {ay:.2} A{outer} {outer} 0 {large} 1 {bx:.2} {by:.2} L{px:.2} {py:.2} A{inner} {inner} 0 {large} 0 {qx:.2} {qy:.2} Z" fill="{fill}"/>"#
        ));
    }
}
