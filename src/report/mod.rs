//! The plan drawn: an SVG that koers writes itself ([`svg`]), that SVG rendered to a PNG in the
//! process ([`png`]), and one self-contained, printable HTML report ([`html`]). All three read a
//! [`Plan`] and nothing else; every word comes from the prompts (`msg.report.*`).

mod canvas;
pub mod html;
pub mod panels;
pub mod png;
mod png_cache;
pub mod png_parts;
pub mod svg;
mod svg_goals;

use crate::engine::{Plan, PlanCounts, PlanGoal, PlanRound};
use crate::prompts::{Catalog, Lang};

/// The words of the plan's language.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a> {
    catalog: &'a Catalog,
    lang: Lang,
}

impl<'a> Texts<'a> {
    /// A number the way the plan's language writes it: `1.200`, `7,2` in Dutch.
    pub(crate) fn number(&self, v: f64) -> String {
        crate::engine::experiment_text::short(self.lang, v)
    }

    /// A number of people the way the plan's language writes it: `1.200` in Dutch.
    fn count(&self, n: u64) -> String {
        crate::engine::experiment_text::count(self.lang, n)
    }

    /// The texts for `plan`'s language (Dutch when it names none koers knows).
    pub fn new(catalog: &'a Catalog, plan: &Plan) -> Texts<'a> {
        let lang = Lang::parse(&plan.team.language).unwrap_or(Lang::Nl);
        Texts { catalog, lang }
    }

    /// The text `msg.<key>`.
    pub(crate) fn get(&self, key: &str) -> &'a str {
        self.catalog.get(self.lang, &format!("msg.{key}"))
    }

    /// The text `msg.<key>` with its placeholders filled in.
    pub(crate) fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.catalog.fmt(self.lang, &format!("msg.{key}"), args)
    }

    /// A goal's status as people read it.
    pub(crate) fn status(&self, status: &str) -> &'a str {
        let key = format!("msg.goal.status.{status}");
        if self.catalog.has(self.lang, &key) {
            self.catalog.get(self.lang, &key)
        } else {
            ""
        }
    }
}

/// The round the team is in now (the last one when the plan names none).
pub(crate) fn current_round(plan: &Plan) -> Option<&PlanRound> {
    plan.rounds
        .iter()
        .find(|r| r.number == plan.current_round)
        .or_else(|| plan.rounds.last())
}

/// The goal whose experiment the picture shows: the latest one that has one.
fn experiment_goal(plan: &Plan) -> Option<&PlanGoal> {
    plan.goals.iter().rev().find(|g| g.experiment.is_some())
}

/// Escape text for XML and HTML (element content and quoted attributes). Control characters
/// XML does not allow become spaces, so an answer cannot break the document.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` on one line and at most `max` characters, ending in an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// How far a goal is from its baseline to its target, 0..=1; `None` without the numbers.
pub(crate) fn goal_fraction(goal: &PlanGoal) -> Option<f64> {
    let (base, target) = (goal.baseline?, goal.target?);
    let now = goal.current.unwrap_or(base);
    if (target - base).abs() < f64::EPSILON {
        return Some(if now >= target { 1.0 } else { 0.0 });
    }
    Some(((now - base) / (target - base)).clamp(0.0, 1.0))
}

/// The goal's numbers in one line, or `None` without them.
pub(crate) fn goal_numbers(texts: &Texts<'_>, goal: &PlanGoal) -> Option<String> {
    // Baseline, current value and target are the team's own numbers (tickets, visitors); a
    // goal's unit describes the change its text names ("met 25% verhogen"), not these.
    let (base, target) = (goal.baseline?, goal.target?);
    let now = goal
        .current
        .map_or_else(|| "–".to_string(), |c| texts.number(c));
    Some(texts.fmt(
        "report.progress",
        &[
            ("baseline", &texts.number(base)),
            ("current", &now),
            ("target", &texts.number(target)),
        ],
    ))
}

/// The counts of an experiment's two variants: the final ones, else the latest interim ones.
pub(crate) fn variant_counts(goal: &PlanGoal) -> Option<(PlanCounts, PlanCounts)> {
    let e = goal.experiment.as_ref()?;
    match (e.final_a, e.final_b) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => e.interim.as_ref().map(|i| (i.a, i.b)),
    }
}

/// `converted of sent (rate)` for one variant.
pub(crate) fn counts_line(texts: &Texts<'_>, c: PlanCounts) -> String {
    let rate = if c.sent == 0 {
        "–".to_string()
    } else {
        format!(
            "{}%",
            texts.number(c.converted as f64 * 100.0 / c.sent as f64)
        )
    };
    texts.fmt(
        "report.counts",
        &[
            ("converted", &texts.count(c.converted)),
            ("sent", &texts.count(c.sent)),
            ("rate", &rate),
        ],
    )
}

/// The colour of a goal's status.
pub(crate) fn status_colour(status: &str) -> &'static str {
    match status {
        "open" => "#2f6fb3",
        "evaluating" => "#c98a00",
        "achieved" => "#2e8b57",
        "partly" => "#7ea32a",
        "not_achieved" => "#c0392b",
        // Unknown is neither good nor bad: a neutral purple, apart from the grey of closed.
        "not_assessed" => "#8e6fb5",
        "dropped" => "#9aa0a6",
        _ => "#6b7785",
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod helper_tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        let got = escape("a<b & \"c\" 'd'>\u{1}\n");
        assert_eq!(got, "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;  ");
    }

    #[test]
    fn truncate_ends_in_an_ellipsis_only_when_cut() {
        assert_eq!(truncate("kort", 10), "kort");
        assert_eq!(truncate("een  lange\nzin hier", 9), "een lang…");
        assert_eq!(truncate("een lange zin", 13), "een lange zin");
        assert_eq!(truncate("ééééé", 3).chars().count(), 3);
    }
}
