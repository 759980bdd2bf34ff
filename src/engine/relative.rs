//! A goal's target answered as a change from its baseline ("25%", "+25%", "x3",
//! "verdubbelen", "150 meer", "250 more"): the value it comes to, and how it was read.

use std::sync::LazyLock;

use regex::Regex;

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role, Sibling};
use crate::scoring::normalize::normalize;
use crate::scoring::smart::number::parse_number;
use crate::scoring::smart::{Unit, find_target};

/// A target answer read as a change from the baseline.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Relative {
    /// The value it comes to.
    pub(super) value: f64,
    /// The change as written back to the team ("+ 25%", "× 3", "+ 150").
    pub(super) change: String,
}

struct Patterns {
    factor: Regex,
    percent: Regex,
    bare_percent: Regex,
    amount: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let n = |name: &str| format!(r"(?P<{name}>\d+(?:[.,]\d+)*)");
    let (n, n2, n3) = (n("n"), n("n2"), n("n3"));
    let more = r"meer|extra|erbij|groei|hoger|more|higher|up";
    let less = r"minder|lager|eraf|less|fewer|lower|down";
    let build = |p: String| Regex::new(&p).expect("static pattern compiles");
    Patterns {
        factor: build(format!(
            r"^(?:(?:x|×|factor|keer|maal)\s*{n}|{n2}\s*(?:x|×|keer|maal|times)(?:\s+(?:zoveel|zo veel|as many|as much))?)$"
        )),
        percent: build(format!(
            r"^(?:(?P<sign>[+-])\s*{n}\s*(?:%|procent|percent)|(?:met\s+|by\s+)?{n2}\s*(?:%|procent|percent)\s+(?P<dir>{more}|{less}))$"
        )),
        bare_percent: build(format!(r"^{n}\s*(?:%|procent|percent)$")),
        amount: build(format!(
            r"^(?:\+\s*{n}|(?:met|by)\s+{n2}(?:\s+(?P<dir1>{more}|{less}))?|{n3}\s+(?P<dir2>{more}|{less}))$"
        )),
    }
});

/// The named multipliers: "verdubbelen" is 2, "halveren" 0.5.
fn word_factor(text: &str) -> Option<f64> {
    let factor = match text {
        "verdubbelen" | "verdubbeling" | "verdubbeld" | "dubbel" | "het dubbele" | "double"
        | "twice" | "twice as many" | "doubled" | "doubling" => 2.0,
        "verdrievoudigen"
        | "verdrievoudiging"
        | "drie keer zoveel"
        | "triple"
        | "tripled"
        | "three times as many" => 3.0,
        "verviervoudigen" | "quadruple" => 4.0,
        "halveren" | "halvering" | "de helft" | "halve" | "half" | "halved" | "halving" => 0.5,
        _ => return None,
    };
    Some(factor)
}

fn is_less(dir: &str) -> bool {
    matches!(
        dir,
        "minder" | "lager" | "eraf" | "less" | "fewer" | "lower" | "down"
    )
}

/// Whether a goal's text aims at a level in percent ("de open rate naar 30%", "van 18% naar
/// 30%"): then "30%" is that level, not a change of 30 %.
pub(super) fn aims_at_percent_level(goal: &str) -> bool {
    let Some(target) = find_target(goal) else {
        return false;
    };
    if target.unit != Unit::Percent {
        return false;
    }
    let lower = goal.to_lowercase();
    let raw = target.raw.to_lowercase();
    let Some(at) = lower.find(&raw) else {
        return false;
    };
    let before = lower[..at].trim_end();
    ["naar", "to", "tot", "op", "van", "from", "at", "reach"]
        .iter()
        .any(|word| before.ends_with(word))
}

/// Reads `answer` as a change from `baseline`. A bare percentage ("25%") is a change unless the
/// goal aims at a level in percent (`percent_level`); "+25%", "25% meer", "x3", "verdubbelen",
/// "met 150", "150 meer", "250 more" always are. None for a plain number or anything else.
pub(super) fn read_relative(answer: &str, baseline: f64, percent_level: bool) -> Option<Relative> {
    let text = normalize_answer(answer);
    let patterns = &*PATTERNS;
    let number = |c: &regex::Captures| {
        ["n", "n2", "n3"]
            .iter()
            .find_map(|name| c.name(name))
            .and_then(|n| parse_number(n.as_str()))
    };
    if let Some(factor) = word_factor(&text) {
        return Some(factor_of(baseline, factor));
    }
    if let Some(c) = patterns.factor.captures(&text) {
        return Some(factor_of(baseline, number(&c)?));
    }
    if let Some(c) = patterns.percent.captures(&text) {
        let p = number(&c)?;
        let down = c.name("sign").is_some_and(|s| s.as_str() == "-")
            || c.name("dir").is_some_and(|d| is_less(d.as_str()));
        return Some(percent_of(baseline, if down { -p } else { p }));
    }
    if !percent_level && let Some(c) = patterns.bare_percent.captures(&text) {
        return Some(percent_of(baseline, number(&c)?));
    }
    if let Some(c) = patterns.amount.captures(&text) {
        let n = number(&c)?;
        let down = ["dir1", "dir2"]
            .iter()
            .any(|d| c.name(d).is_some_and(|d| is_less(d.as_str())));
        let delta = if down { -n } else { n };
        return Some(Relative {
            value: round(baseline + delta),
            change: format!("{} {}", if down { "−" } else { "+" }, show(n)),
        });
    }
    None
}

fn normalize_answer(answer: &str) -> String {
    // Keep the signs and the percent sign that `normalize` would drop.
    let lower = answer.trim().to_lowercase();
    let kept: String = lower
        .chars()
        .filter(|c| !matches!(c, '.' | '!') || lower.contains(|d: char| d.is_ascii_digit()))
        .collect();
    let kept = kept.trim_end_matches(['.', '!']).trim().to_string();
    if kept
        .chars()
        .any(|c| c.is_ascii_digit() || "+-%×".contains(c))
    {
        kept.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        normalize(&kept)
    }
}

fn factor_of(baseline: f64, factor: f64) -> Relative {
    Relative {
        value: round(baseline * factor),
        change: format!("× {}", show(factor)),
    }
}

fn percent_of(baseline: f64, percent: f64) -> Relative {
    Relative {
        value: round(baseline * (1.0 + percent / 100.0)),
        change: format!(
            "{} {}%",
            if percent < 0.0 { "−" } else { "+" },
            show(percent.abs())
        ),
    }
}

/// Two decimals at most: 400 + 12.5 % is 450, 18 × 1.1 is 19.8.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn show(value: f64) -> String {
    value.to_string()
}

impl Turn<'_, '_, '_> {
    /// The answer to a goal's target question as the value it stores: a change from the
    /// baseline ("25%", "x3", "150 meer") is worked out and said back; anything else stays.
    pub(super) fn target_answer(&mut self, pos: &Pos, text: &str) -> Result<Option<String>> {
        let flow = self.flow();
        let goal_group = flow.by_role(Role::GoalGroup);
        let member = |item: Sibling| flow.sibling(goal_group, item);
        if member(Sibling::Target).ok() != Some(pos.op) {
            return Ok(None);
        }
        let Some(baseline) = self
            .value_at(member(Sibling::Baseline)?, pos)?
            .and_then(|b| b.parse::<f64>().ok())
        else {
            return Ok(None);
        };
        let goal = match self.value_at(member(Sibling::Sharpen)?, pos)? {
            Some(sharp) => sharp,
            None => self
                .value_at(member(Sibling::Text)?, pos)?
                .unwrap_or_default(),
        };
        let Some(read) = read_relative(text, baseline, aims_at_percent_level(&goal)) else {
            return Ok(None);
        };
        let said = self.f(
            "msg.goal.target_relative",
            &[
                ("target", &show(read.value)),
                ("baseline", &show(baseline)),
                ("change", &read.change),
            ],
        );
        self.say(said);
        Ok(Some(read.value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(answer: &str, baseline: f64) -> Option<f64> {
        read_relative(answer, baseline, false).map(|r| r.value)
    }

    #[test]
    fn patterns_compile() {
        LazyLock::force(&PATTERNS);
    }

    #[test]
    fn a_change_is_worked_out_from_the_baseline() {
        assert_eq!(value("25%", 400.0), Some(500.0));
        assert_eq!(value("+25%", 400.0), Some(500.0));
        assert_eq!(value("25% meer", 400.0), Some(500.0));
        assert_eq!(value("25 procent meer", 400.0), Some(500.0));
        assert_eq!(value("10% minder", 400.0), Some(360.0));
        assert_eq!(value("x3", 150.0), Some(450.0));
        assert_eq!(value("3x", 150.0), Some(450.0));
        assert_eq!(value("3 keer zoveel", 150.0), Some(450.0));
        assert_eq!(value("verdubbelen", 150.0), Some(300.0));
        assert_eq!(value("Verdubbelen!", 150.0), Some(300.0));
        assert_eq!(value("halveren", 150.0), Some(75.0));
        assert_eq!(value("met 150", 300.0), Some(450.0));
        assert_eq!(value("150 meer", 300.0), Some(450.0));
        assert_eq!(value("100 meer", 300.0), Some(400.0));
        assert_eq!(value("+100", 300.0), Some(400.0));
        assert_eq!(value("250 more", 300.0), Some(550.0));
        assert_eq!(value("50 minder", 300.0), Some(250.0));
    }

    #[test]
    fn a_plain_number_or_a_level_in_percent_is_no_change() {
        assert_eq!(value("450", 300.0), None);
        assert_eq!(value("1.500", 300.0), None);
        assert_eq!(value("ongeveer 450 kaarten", 300.0), None);
        assert_eq!(read_relative("30%", 18.0, true), None);
        // Explicitly a change, even for a goal in percent.
        assert_eq!(
            read_relative("+10%", 18.0, true).map(|r| r.value),
            Some(19.8)
        );
    }

    #[test]
    fn a_goal_aiming_at_a_percentage_is_told_apart_from_a_change_in_percent() {
        assert!(aims_at_percent_level(
            "Binnen drie maanden de open rate van de studentennieuwsbrief van 18% naar 30%"
        ));
        assert!(aims_at_percent_level(
            "De open rate naar 30% voor eind maart"
        ));
        assert!(!aims_at_percent_level(
            "Eind dit seizoen 25% meer studentenabonnementen verkocht dan vorig seizoen"
        ));
    }
}
