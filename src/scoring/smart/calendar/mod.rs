//! Finding the expressions of time in a goal ("15 maart 2027", "Q2", "week 12 van 2027",
//! "binnen drie maanden", "volgend jaar", …) and the words in front of them ("vóór",
//! "uiterlijk", "eind", "sinds", …). Nothing here depends on today's date: `deadline.rs`
//! turns what is found into a date, and `target.rs` skips the numbers found here, since
//! they are dates, not targets.

mod count;
mod patterns;

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use count::{Count, is_plural};
use patterns::Patterns;

use super::text::overlaps;
use super::words::month_name;

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
    /// A year: "2027".
    Year(i16),
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
/// is tied to the goal. A bare year ("2027") or a month name standing alone ("maart") is
/// left out unless a word ties it ("in 2027", "eind maart"): bare, they are more often
/// something else ("2000 bezoekers", "the march").
pub(super) fn scan(text: &str) -> Vec<Found> {
    let patterns = &*PATTERNS;
    let mut raw: Vec<(Range<usize>, Expr, Kind)> = Vec::new();
    let mut add = |regex: &Regex, read: &dyn Fn(&Captures) -> Option<(Expr, Kind)>| {
        for captures in regex.captures_iter(text) {
            if let (Some(whole), Some((expr, kind))) = (captures.get(0), read(&captures))
                && stands_alone(text, whole.range())
            {
                raw.push((whole.range(), expr, kind));
            }
        }
    };
    add(&patterns.iso, &|c| {
        Some((
            Expr::Day(YearRef::Absolute(num(c, "y")?), num(c, "m")?, num(c, "d")?),
            Kind::Plain,
        ))
    });
    add(&patterns.numeric, &|c| {
        let (first, second): (i8, i8) = (num(c, "d")?, num(c, "m")?);
        // Day first, as in Dutch and British writing; month first only when that is the
        // one reading that can be a date ("03/15/2027").
        let (day, month) = if second > 12 && first <= 12 {
            (second, first)
        } else {
            (first, second)
        };
        Some((
            Expr::Day(YearRef::Absolute(num(c, "y")?), month, day),
            Kind::Plain,
        ))
    });
    add(&patterns.short_date, &|c| {
        // "vóór 1/7": day and month, only after a deadline word ("1/3 meer" is a share).
        let tail = text[c.get(0)?.end()..].trim_start();
        let day = Expr::Day(YearRef::Missing, num(c, "m")?, num(c, "d")?);
        (!tail.starts_with(['%', '/'])).then_some((day, Kind::NeedsDeadlineWord))
    });
    add(&patterns.day_month, &|c| {
        Some((
            Expr::Day(year_ref(c), month_of(c)?, num(c, "d")?),
            Kind::Plain,
        ))
    });
    add(&patterns.month_day, &|c| {
        Some((
            Expr::Day(year_ref(c), month_of(c)?, num(c, "d")?),
            Kind::Plain,
        ))
    });
    add(&patterns.month_year, &|c| {
        let name = month_name(c.name("mon")?.as_str())?;
        let year = year_ref(c);
        let missing = year == YearRef::Missing;
        let kind = if missing { Kind::NeedsTie } else { Kind::Plain };
        (name.alone || !missing).then_some((Expr::Month(year, name.month), kind))
    });
    add(&patterns.quarter, &|c| {
        Some((Expr::Quarter(year_ref(c), num(c, "q")?), Kind::Plain))
    });
    add(&patterns.year_quarter, &|c| {
        Some((Expr::Quarter(year_ref(c), num(c, "q")?), Kind::Plain))
    });
    add(&patterns.quarter_word, &|c| {
        let quarter = match c.name("q")?.as_str() {
            "eerste" | "1e" | "1ste" | "first" | "1st" => 1,
            "tweede" | "2e" | "2de" | "second" | "2nd" => 2,
            "derde" | "3e" | "3de" | "third" | "3rd" => 3,
            _ => 4,
        };
        Some((Expr::Quarter(year_ref(c), quarter), Kind::Plain))
    });
    add(&patterns.week, &|c| {
        let week: i8 = num(c, "w")?;
        (1..=53)
            .contains(&week)
            .then_some((Expr::Week(year_ref(c), week), Kind::Plain))
    });
    add(&patterns.year, &|c| {
        let followed_by_unit = text[c.get(0)?.end()..].trim_start().starts_with(['%', '€']);
        let kind = if c.name("lead").is_none() {
            Kind::NeedsTie
        } else {
            Kind::Plain
        };
        (!followed_by_unit).then_some((Expr::Year(num(c, "y")?), kind))
    });
    add(&patterns.relative, &|c| {
        let which = c.name("which")?.as_str();
        let this = ["dit", "deze", "this", "huidige", "current"]
            .iter()
            .any(|word| which.ends_with(word));
        let offset = i16::from(!this);
        let period = match c.name("unit")?.as_str() {
            "jaar" | "year" => Period::Year,
            "maand" | "month" => Period::Month,
            "kwartaal" | "quarter" => Period::Quarter,
            _ => Period::Week,
        };
        Some((Expr::Relative(period, offset), Kind::Plain))
    });
    add(&patterns.period_end, &|c| {
        let year = c.name("y1").or(c.name("y2")).or(c.name("y3")).is_some();
        let period = if year { Period::Year } else { Period::Month };
        Some((Expr::Relative(period, 0), Kind::Intrinsic))
    });
    let within = |c: &Captures| -> Option<(Expr, Kind)> {
        let count = match c.name("n").map(|n| n.as_str()) {
            Some(n) => Count::read(n)?,
            // "the next month", "de komende week": one of them ("de komende maanden" is
            // no number).
            None if c.name("next").is_some() && !is_plural(c.name("unit")?.as_str()) => {
                Count::Whole(1)
            }
            None => return None,
        };
        let (days, months) = count.length(c.name("unit")?.as_str())?;
        let tail = &text[c.get(0)?.end()..];
        (!patterns.age_after.is_match(tail))
            .then_some((Expr::Within(days, months), Kind::Intrinsic))
    };
    add(&patterns.within, &within);
    add(&patterns.coming, &within);
    resolve(text, raw)
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
        let tie = match (kind, tie(before)) {
            (_, Tie::NotDeadline) => Tie::NotDeadline,
            // Their own words already say they are a deadline ("binnen", "eind").
            (Kind::Intrinsic, _) => Tie::Deadline(Edge::End),
            (Kind::NeedsTie, Tie::Weak) if !weak_word_before(before) => continue,
            (Kind::NeedsDeadlineWord, Tie::Weak) => continue,
            (_, tie) => tie,
        };
        kept.push(Found { range, expr, tie });
    }
    kept.sort_by_key(|found| found.range.start);
    kept
}

/// How the text in front of an expression ties it to the goal.
fn tie(before: &str) -> Tie {
    let patterns = &*PATTERNS;
    if patterns.end_word.is_match(before) || patterns.by_word.is_match(before) {
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

/// Whether a weak tying word ("in", "during") stands right in front.
fn weak_word_before(before: &str) -> bool {
    PATTERNS.weak_word.is_match(before)
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

/// A number captured under `name`.
fn num<T: std::str::FromStr>(captures: &Captures, name: &str) -> Option<T> {
    captures.name(name)?.as_str().parse().ok()
}

/// The month named by the `mon` capture.
fn month_of(captures: &Captures) -> Option<i8> {
    month_name(captures.name("mon")?.as_str()).map(|name| name.month)
}

/// The year in the `year` capture: absent, a number, or this/next year.
fn year_ref(captures: &Captures) -> YearRef {
    let Some(year) = captures.name("year") else {
        return YearRef::Missing;
    };
    let year = year.as_str();
    if let Ok(number) = year.parse() {
        return YearRef::Absolute(number);
    }
    let this = year.starts_with("dit") || year.starts_with("this");
    YearRef::Relative(i16::from(!this))
}
