//! A SMART score as koers shows it: the explanation in the chat and of `koers score`, and the
//! JSON of `koers score --json` (also kept with a recorded goal).

use jiff::civil::Date;
use serde::Serialize;

use super::evaluation::fmt_num;
use crate::prompts::{Catalog, Lang};
use crate::scoring::smart::{SmartScore, Suggestion, score_goal};

/// The `koers score` output, exactly the fields of the interface.
#[derive(Debug, Serialize)]
pub struct ScoreReport {
    /// Names what changes and narrows it.
    pub specific: bool,
    /// Has a quantified target.
    pub measurable: bool,
    /// Always null here: a text alone cannot say whether those involved stand behind the
    /// goal (an owner found is said in the suggestions).
    pub acceptable: Option<bool>,
    /// False (with a warning) when it cannot be realistic, otherwise null.
    pub realistic: Option<bool>,
    /// Has a deadline.
    pub time_bound: bool,
    /// The deadline, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// How many letters are true.
    pub score: u8,
    /// Why it is not realistic, in the chosen language.
    pub warnings: Vec<String>,
    /// What to add or answer, in the chosen language.
    pub suggestions: Vec<String>,
}

/// Score a goal text for `koers score`.
pub fn score_report(texts: &Catalog, lang: Lang, goal: &str, today: Date) -> ScoreReport {
    score_report_of(texts, lang, &score_goal(goal, today), Context::Alone)
}

/// Where a score is shown: in the conversation, which asks for support after the owner, or by
/// `koers score` alone, which cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// In the conversation.
    Chat,
    /// By `koers score`.
    Alone,
}

/// The sentence of a suggestion in `context`.
fn suggestion_text(texts: &Catalog, lang: Lang, x: Suggestion, context: Context) -> &str {
    if x == Suggestion::AskSupport && context == Context::Alone {
        return texts.get(lang, "msg.smart.support_alone");
    }
    texts.get(lang, &format!("msg.smart.suggestion.{}", x.id()))
}

/// The human explanation of the check in the chat.
pub fn explain(texts: &Catalog, lang: Lang, s: &SmartScore) -> String {
    explain_in(texts, lang, s, Context::Chat)
}

/// The human explanation of `koers score` without `--json`: as in the chat, but saying that
/// support is asked in the conversation rather than next.
pub fn explain_alone(texts: &Catalog, lang: Lang, s: &SmartScore) -> String {
    explain_in(texts, lang, s, Context::Alone)
}

fn explain_in(texts: &Catalog, lang: Lang, s: &SmartScore, context: Context) -> String {
    let mark = |v: Option<bool>| match v {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "?",
    };
    let mut lines = vec![texts.fmt(
        lang,
        "msg.smart.header",
        &[("score", &s.score().to_string())],
    )];
    let letters = [
        ("specific", Some(s.specific)),
        ("measurable", Some(s.measurable)),
        ("acceptable", s.acceptable),
        ("realistic", s.realistic),
        ("time_bound", Some(s.time_bound)),
    ];
    for (letter, value) in letters {
        lines.push(format!(
            "{} {}",
            mark(value),
            texts.get(lang, &format!("msg.smart.letter.{letter}"))
        ));
    }
    if let Some(d) = s.deadline {
        lines.push(texts.fmt(
            lang,
            "msg.smart.deadline",
            &[("deadline", &d.strftime("%d-%m-%Y").to_string())],
        ));
    }
    if let Some((start, end)) = s.stated {
        lines.push(texts.fmt(
            lang,
            "msg.smart.stated",
            &[("baseline", &fmt_num(start)), ("target", &fmt_num(end))],
        ));
    }
    for w in &s.warnings {
        lines.push(format!(
            "⚠ {}",
            texts.get(lang, &format!("msg.smart.warning.{}", w.id()))
        ));
    }
    for x in &s.suggestions {
        lines.push(format!("→ {}", suggestion_text(texts, lang, *x, context)));
    }
    lines.join("\n")
}

/// The report of a score in `context`, its sentences in `lang`.
pub(super) fn score_report_of(
    texts: &Catalog,
    lang: Lang,
    s: &SmartScore,
    context: Context,
) -> ScoreReport {
    ScoreReport {
        specific: s.specific,
        measurable: s.measurable,
        acceptable: s.acceptable,
        realistic: s.realistic,
        time_bound: s.time_bound,
        deadline: s.deadline.map(|d| d.to_string()),
        score: s.score(),
        warnings: s
            .warnings
            .iter()
            .map(|w| {
                texts
                    .get(lang, &format!("msg.smart.warning.{}", w.id()))
                    .to_string()
            })
            .collect(),
        suggestions: s
            .suggestions
            .iter()
            .map(|x| suggestion_text(texts, lang, *x, context).to_string())
            .collect(),
    }
}
