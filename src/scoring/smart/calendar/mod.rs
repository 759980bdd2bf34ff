//! Finding the expressions of time in a goal ("15 maart 2027", "Q2", "week 12 van 2027",
//! "binnen drie maanden", "volgend jaar", "de zomer van 2027", "seizoen 2027-2028", …)
//! and the words in front of them ("vóór", "uiterlijk", "eind", "sinds", …). Nothing here
//! depends on today's date: `deadline/` turns what is found into a date, and `target/`
//! skips the numbers found here, since they are dates, not targets. The readers of each
//! kind of expression are in `read.rs`.

mod count;
mod patterns;
mod read;

use std::ops::Range;
use std::sync::LazyLock;

use patterns::Patterns;
use read::Matches;

use super::text::overlaps;

/// The year of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearRef {
    /// Not written: the next occurrence is meant ("1 juli", "eind maart", "Q2").
    Missing,
    /// Written out: "2027".
    Absolute(i16),
    /// Relative to today's year: 0 for "dit jaar", 1 for "volgend jaar".
    Relative(i16),
}

/// Which cultural season (September to June) is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SeasonRef {
    /// The one starting in this year: "seizoen 2027-2028" is 2027.
    Starting(i16),
    /// The current one, or from July the one about to start: "dit seizoen".
    Current,
    /// The one after the current one: "volgend seizoen".
    Next,
}

/// A calendar unit for the periods named relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    /// A calendar year.
    Year,
    /// A quarter of a year.
    Quarter,
    /// A calendar month.
    Month,
    /// An ISO week, Monday to Sunday.
    Week,
}

/// One expression of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expr {
    /// A day (year, month, day): "15-03-2027", "1 juli", "March 1, 2027".
    Day(YearRef, i8, i8),
    /// A month (year, month): "december 2023", "maart".
    Month(YearRef, i8),
    /// A quarter (year, 1 to 4): "Q2 2027", "tweede kwartaal".
    Quarter(YearRef, i8),
    /// An ISO week (week-year, 1 to 53): "week 12 van 2027".
    Week(YearRef, i8),
    /// A year: "2027", "'27".
    Year(i16),
    /// A season of the year (year, 1 spring to 4 winter): "de zomer van 2027", "najaar".
    Season(YearRef, i8),
    /// A half of a year (year, 1 or 2): "eerste helft 2027", "H2 2027".
    Half(YearRef, i8),
    /// A cultural season, 1 September to 30 June: "seizoen 2027-2028", "dit seizoen".
    CulturalSeason(SeasonRef),
    /// A period counted from today's: 0 for "deze maand", 1 for "volgende maand".
    Relative(Period, i16),
    /// A stretch of time from today, in days and months: "binnen drie maanden" is (0, 3),
    /// "in two weeks" (14, 0).
    Within(u32, u32),
}

/// Which part of the period named is the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    /// The day before the period starts: "vóór december" is 30 November.
    Before,
    /// The first day: "per 1 maart", "begin 2027".
    Start,
    /// The last day: "uiterlijk maart", "eind Q1", "in 2027", and a bare date.
    End,
}

/// How the words in front of an expression tie it to the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tie {
    /// A deadline word: "vóór", "uiterlijk", "eind", "by", "binnen", …
    Deadline(Edge),
    /// A weak tie: "in", "during", or nothing.
    Weak,
    /// Not a deadline: a start or a baseline ("sinds", "vanaf", "ten opzichte van").
    NotDeadline,
}

/// An expression of time found in the matching form of a goal.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    /// Where it is, in bytes of the matching form.
    pub(super) range: Range<usize>,
    /// What it says.
    pub(super) expr: Expr,
    /// How it is tied to the goal.
    pub(super) tie: Tie,
}

/// How a match may be used, before looking at the words in front of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A date by itself ("15 maart 2027", "Q2").
    Plain,
    /// Only a date with a tying word in front ("in 2027", "eind maart").
    NeedsTie,
    /// Only a date with a deadline word in front ("vóór 1/7").
    NeedsDeadlineWord,
    /// A deadline by its own words ("binnen drie maanden", "eind van het jaar").
    Intrinsic,
}

/// The patterns, compiled on first use.
pub(super) static PATTERNS: LazyLock<Patterns> = LazyLock::new(Patterns::new);

/// Every expression of time in `text` (the matching form), in text order, with how it
/// is tied to the goal. A bare year ("2027") or a month or season name standing alone
/// ("maart", "zomer") is left out unless a word ties it ("in 2027", "eind maart", "vóór
/// de zomer"): bare, they are more often something else ("2000 bezoekers", "the march",
/// "the summer show").
pub(super) fn scan(text: &str) -> Vec<Found> {
    let mut matches = Matches::new(text);
    read::dates(&mut matches);
    read::calendar_periods(&mut matches);
    read::named_periods(&mut matches);
    read::relative_periods(&mut matches);
    resolve(text, matches.into_raw())
}

/// Keeps the longest of overlapping matches, ties them to the words in front and drops
/// the ones that need a tie and have none.
fn resolve(text: &str, mut raw: Vec<(Range<usize>, Expr, Kind)>) -> Vec<Found> {
    raw.sort_by(|a, b| (b.0.len(), a.0.start).cmp(&(a.0.len(), b.0.start)));
    let mut kept: Vec<Found> = Vec::new();
    for (range, expr, kind) in raw {
        if kept.iter().any(|found| overlaps(&found.range, &range)) {
            continue;
        }
        let before = &text[..range.start];
        let tie = match (
            kind,
            of_the_current(before, &expr).unwrap_or_else(|| tie(before)),
        ) {
            (_, Tie::NotDeadline) => Tie::NotDeadline,
            // Their own words already say they are a deadline ("binnen", "eind").
            (Kind::Intrinsic, _) => Tie::Deadline(Edge::End),
            (Kind::NeedsTie, Tie::Weak)
                if !weak_word_before(before) && !year_of_a_measure(text, &range, &expr) =>
            {
                continue;
            }
            (Kind::NeedsDeadlineWord, Tie::Weak) => continue,
            (_, tie) => tie,
        };
        kept.push(Found { range, expr, tie });
    }
    kept.sort_by_key(|found| found.range.start);
    kept
}

/// "van dit seizoen", "van dit jaar": the period the goal is counted over, not a "since"
/// (a bare "van" before a date usually is one: "van januari tot maart").
fn of_the_current(before: &str, expr: &Expr) -> Option<Tie> {
    let current = matches!(
        expr,
        Expr::CulturalSeason(SeasonRef::Current) | Expr::Relative(_, 0)
    );
    (current && PATTERNS.bare_van.is_match(before)).then_some(Tie::Weak)
}

/// How the text in front of an expression ties it to the goal.
fn tie(before: &str) -> Tie {
    let patterns = &*PATTERNS;
    // "Doel voor 2027": the goal is for that year, as "in 2027" is; so is the date of an
    // edition or event ("de editie van juli 2027", "het concert van 28 november").
    if patterns.goal_for.is_match(before) || patterns.edition_of.is_match(before) {
        Tie::Weak
    } else if patterns.before_start_of.is_match(before) {
        Tie::Deadline(Edge::Before)
    } else if patterns.start_of.is_match(before) {
        Tie::Deadline(Edge::Start)
    } else if patterns.end_word.is_match(before) || patterns.by_word.is_match(before) {
        Tie::Deadline(Edge::End)
    } else if patterns.before_word.is_match(before) {
        Tie::Deadline(Edge::Before)
    } else if patterns.start_word.is_match(before) {
        Tie::Deadline(Edge::Start)
    } else if patterns.not_deadline.is_match(before) {
        Tie::NotDeadline
    } else {
        Tie::Weak
    }
}

/// Whether a bare year names the year a measure is counted over: right after the measure
/// ("Kaartverkoop 2027 +10%", "Bezoekersaantal 2027: 180.000", "calendar year 2026"), or
/// opening the goal before the word target ("2027 admissions target: 420k"; "2000
/// bezoekers" counts), closing a short heading that names the measure ("Omzet theatercafé
/// 2027 +12%") or naming an edition ("the 2027 edition"). That is the year the goal is
/// for, as "in 2027" is.
fn year_of_a_measure(text: &str, range: &Range<usize>, expr: &Expr) -> bool {
    if !matches!(expr, Expr::Year(_)) {
        return false;
    }
    let smart = &crate::scoring::lexicon::lists().smart;
    let is_measure = |word: &str| {
        smart.what.found_in(&format!(" {word} ")) || PATTERNS.year_measure.is_match(word)
    };
    let before = &text[..range.start];
    // Directly after the measure: no punctuation in between.
    let mut previous = before
        .strip_suffix(' ')
        .map(|rest| rest.rsplit(' '))
        .into_iter()
        .flatten();
    let last = previous
        .next()
        .filter(|word| !word.is_empty() && word.chars().all(char::is_alphanumeric));
    let mut calendar = || {
        previous
            .next()
            .is_some_and(|word| matches!(word, "calendar" | "financial" | "fiscal"))
    };
    if last.is_some_and(|word| is_measure(word) || (word == "year" && calendar())) {
        return true;
    }
    let after = crate::scoring::normalize::words(&text[range.end..]);
    // "the 2027 edition", "de 2027-editie", "the 2027 festival": the year names the edition.
    if after
        .first()
        .is_some_and(|word| matches!(word.as_str(), "edition" | "editie" | "festival"))
    {
        return true;
    }
    // A heading of a few words with the measure in it: "Omzet theatercafé 2027 +12%".
    let heading = crate::scoring::normalize::words(before);
    let plain = before.chars().all(|c| c.is_alphanumeric() || c == ' ');
    if plain && !heading.is_empty() && heading.len() <= 3 && heading.iter().any(|w| is_measure(w)) {
        return true;
    }
    before.trim().is_empty()
        && after
            .iter()
            .take(3)
            .any(|word| PATTERNS.year_measure.is_match(word))
}

/// Whether a weak tying word ("in", "during") stands right in front.
fn weak_word_before(before: &str) -> bool {
    PATTERNS.weak_word.is_match(before)
        || PATTERNS.goal_for.is_match(before)
        || PATTERNS.edition_of.is_match(before)
}

/// Whether a match is a whole expression, not the tail of a number such as "2,5" or
/// "1.2027".
fn stands_alone(text: &str, range: Range<usize>) -> bool {
    let mut before = text[..range.start].chars().rev();
    let glued = matches!(
        (before.next(), before.next()),
        (Some('.' | ',' | '/' | '-'), Some(c)) if c.is_ascii_digit()
    );
    !glued && !text[..range.start].trim_end().ends_with('€')
}
