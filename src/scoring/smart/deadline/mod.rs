//! The deadline of a goal: the date by which it must be reached, read from the goal's
//! words and resolved against today (see [`parse_deadline`]).

use jiff::Span;
use jiff::civil::{Date, ISOWeekDate, Weekday};

use super::calendar::{Edge, Expr, Found, Period, SeasonRef, Tie, YearRef, scan};
use super::specific::clauses::reason_ranges;
use super::text::Prepared;

/// Reads the date by which the goal in `text` must be reached, resolved against `today`.
/// Returns None when the text names no date ("binnenkort", "asap", "na de zomer").
///
/// What it reads, in Dutch and English:
/// - dates: "15-03-2027", "15/03/2027", "2027-03-15", "15 maart 2027", "15 mrt 2027",
///   "March 1, 2027", "30 June 2027"; without a year ("1 juli", "June 30") the next
///   occurrence on or after today;
/// - months, quarters, ISO weeks and years: "december 2023", "in maart", "Q2 2027",
///   "tweede kwartaal 2027", "week 12 van 2027" (its Sunday), "in 2027", "in het jaar
///   2027", "eind '27" — each stands for its last day; without a year the next one whose
///   deadline is on or after today;
/// - named periods: seasons ("vóór de zomer van 2027", "komende zomer", "this winter";
///   spring 21 March to 20 June, summer 21 June to 22 September, autumn 23 September to
///   20 December, winter 21 December to 20 March), halves of a year ("eerste helft 2027",
///   "H2 2027"), the middle of a year (30 June: "medio 2027", "mid-2027") or a month
///   (the 15th), cultural seasons (1 September to 30 June: "seizoen 2027-2028", "the
///   2027/28 season", "dit seizoen", "volgend seizoen") and Christmas (25 December);
/// - periods relative to today: "eind dit jaar", "volgend jaar", "eind volgende maand",
///   "by the end of next month", "deze week";
/// - stretches from today: "binnen drie maanden", "over twee weken", "within 6 months",
///   "in the next 3 weeks", "binnen een half jaar" (number words count).
///
/// The word in front decides which day of a period: "vóór"/"before" is the day before it
/// starts ("vóór december 2023" → 2023-11-30, "voor 1 juli" → 30 June), "per"/"begin"
/// its first day, and everything else — "uiterlijk", "by", "eind", "in", nothing — its
/// last day: "vóór de zomer" is 20 June, "in de zomer" 22 September. Dates after "sinds",
/// "vanaf", "ten opzichte van", "since", "from" are not deadlines, and a cultural season
/// after the plain Dutch "voor" is what the goal is for ("abonnementen voor seizoen
/// 2027-2028"); only "vóór" makes it a deadline word there. Of several dates, the latest
/// one tied by a deadline word wins, else the latest one. A date inside a clause of reason
/// ("zodat we volgend jaar …", "so that next year …") is no deadline.
pub fn parse_deadline(text: &str, today: Date) -> Option<Date> {
    let prepared = Prepared::new(text);
    // A date in a clause of reason says why, not by when ("zodat we volgend jaar …").
    let reasons = reason_ranges(&prepared.text);
    let found: Vec<Found> = scan(&prepared.text)
        .into_iter()
        .filter(|found| {
            !reasons
                .iter()
                .any(|reason| reason.contains(&found.range.start))
        })
        .map(|found| for_the_season(found, &prepared))
        .map(|found| before_an_event_on(found, &prepared))
        .collect();
    let dated = |strong: bool| {
        found
            .iter()
            .filter(|item| matches!(item.tie, Tie::Deadline(_)) == strong)
            .filter_map(|item| resolve(item, today))
            .max()
    };
    dated(true).or_else(|| dated(false))
}

/// A cultural season after the Dutch "voor" written without accents ("800 abonnementen
/// voor seizoen 2027-2028") is what the goal is for, not what it must be reached before:
/// only "vóór" makes it a deadline word there.
fn for_the_season(mut found: Found, prepared: &Prepared) -> Found {
    let before = prepared.text[..found.range.start].trim_end();
    // Cut "voor" off as a suffix, not four bytes back: those may fall inside a character.
    let rest = before.strip_suffix("voor");
    let whole_word = rest.is_some_and(|rest| rest.is_empty() || rest.ends_with(' '));
    let plain = rest.is_some_and(|rest| {
        !prepared
            .original(rest.len()..before.len())
            .contains(['ó', 'Ó', '\u{301}'])
    });
    if matches!(found.expr, Expr::CulturalSeason(_))
        && found.tie == Tie::Deadline(Edge::Before)
        && whole_word
        && plain
    {
        found.tie = Tie::Weak;
    }
    found
}

/// "vóór de kaartverkoop op 1 februari", "before general sale opens on 1 March": the date
/// is the event's, and the goal must be reached the day before it. Only "vóór" with its
/// accents or "before": the plain Dutch "voor" there is "for" ("voor de leden op 1 maart").
fn before_an_event_on(mut found: Found, prepared: &Prepared) -> Found {
    static BEFORE_ON: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        super::text::compile(r"\b(?P<word>voor|before)\s+(?:[\p{L}'-]+\s+){1,4}(?:op|on)\s*$")
    });
    if found.tie != Tie::Deadline(Edge::End) {
        return found;
    }
    let head = &prepared.text[..found.range.start];
    let Some(word) = BEFORE_ON.captures(head).and_then(|c| c.name("word")) else {
        return found;
    };
    let marked = word.as_str() == "before"
        || prepared
            .original(word.range())
            .contains(['ó', 'Ó', '\u{301}']);
    if marked {
        found.tie = Tie::Deadline(Edge::Before);
    }
    found
}

/// The deadline one expression stands for, or None when it is no deadline or no date.
fn resolve(found: &Found, today: Date) -> Option<Date> {
    let edge = match found.tie {
        Tie::Deadline(edge) => edge,
        Tie::Weak => Edge::End,
        Tie::NotDeadline => return None,
    };
    let pick = |(start, end): (Date, Date)| match edge {
        Edge::Before => start.yesterday().ok(),
        Edge::Start => Some(start),
        Edge::End => Some(end),
    };
    if !misses_year(found.expr) {
        return period(found.expr, today, 0).and_then(pick);
    }
    // The next occurrence: last year's if its deadline is still ahead (a winter runs into
    // the next year), else this year's, else next year's.
    [-1, 0]
        .into_iter()
        .filter_map(|shift| period(found.expr, today, shift).and_then(pick))
        .find(|date| *date >= today)
        .or_else(|| period(found.expr, today, 1).and_then(pick))
}

/// Whether the expression leaves its year to be guessed.
fn misses_year(expr: Expr) -> bool {
    matches!(
        expr,
        Expr::Day(YearRef::Missing, ..)
            | Expr::Month(YearRef::Missing, _)
            | Expr::Quarter(YearRef::Missing, _)
            | Expr::Week(YearRef::Missing, _)
            | Expr::Season(YearRef::Missing, _)
            | Expr::Half(YearRef::Missing, _)
    )
}

/// The first and last day of the period an expression names. A missing year is today's
/// (the ISO week-year for weeks) plus `shift`.
fn period(expr: Expr, today: Date, shift: i16) -> Option<(Date, Date)> {
    let year_of = |year: YearRef, base: i16| match year {
        YearRef::Missing => base.checked_add(shift),
        YearRef::Absolute(year) => Some(year),
        YearRef::Relative(offset) => today.year().checked_add(offset),
    };
    match expr {
        Expr::Day(year, month, day) => {
            let date = Date::new(year_of(year, today.year())?, month, day).ok()?;
            Some((date, date))
        }
        Expr::Month(year, month) => month_period(year_of(year, today.year())?, month),
        Expr::Quarter(year, quarter) => quarter_period(year_of(year, today.year())?, quarter),
        Expr::Week(year, week) => {
            let year = year_of(year, today.iso_week_date().year())?;
            let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?;
            let sunday = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?;
            Some((monday.date(), sunday.date()))
        }
        Expr::Year(year) => year_period(year),
        Expr::Season(year, season) => season_period(year_of(year, today.year())?, season),
        Expr::Half(year, half) => {
            let year = year_of(year, today.year())?;
            quarter_period(year, half * 2 - 1)
                .zip(quarter_period(year, half * 2))
                .map(|((first, _), (_, last))| (first, last))
        }
        Expr::CulturalSeason(which) => {
            // From July the season about to start is "this season".
            let current = today.year() - i16::from(today.month() < 7);
            let start = match which {
                SeasonRef::Starting(year) => year,
                SeasonRef::Current => current,
                SeasonRef::Next => current.checked_add(1)?,
            };
            let first = Date::new(start, 9, 1).ok()?;
            let last = Date::new(start.checked_add(1)?, 6, 30).ok()?;
            Some((first, last))
        }
        Expr::Relative(unit, offset) => relative_period(unit, offset, today),
        Expr::Within(days, months) => {
            let span = Span::new().try_days(days).ok()?.try_months(months).ok()?;
            let date = today.checked_add(span).ok()?;
            Some((date, date))
        }
    }
}

/// A calendar month.
fn month_period(year: i16, month: i8) -> Option<(Date, Date)> {
    let first = Date::new(year, month, 1).ok()?;
    Some((first, first.last_of_month()))
}

/// A quarter, 1 to 4.
fn quarter_period(year: i16, quarter: i8) -> Option<(Date, Date)> {
    let (first, _) = month_period(year, quarter * 3 - 2)?;
    let (_, last) = month_period(year, quarter * 3)?;
    Some((first, last))
}

/// A season of the year, 1 spring to 4 winter: spring 21 March to 20 June, summer 21 June
/// to 22 September, autumn 23 September to 20 December, winter 21 December to 20 March of
/// the next year.
fn season_period(year: i16, season: i8) -> Option<(Date, Date)> {
    let ((first_month, first_day), (last_month, last_day), turns) = match season {
        1 => ((3, 21), (6, 20), 0),
        2 => ((6, 21), (9, 22), 0),
        3 => ((9, 23), (12, 20), 0),
        _ => ((12, 21), (3, 20), 1),
    };
    let first = Date::new(year, first_month, first_day).ok()?;
    let last = Date::new(year.checked_add(turns)?, last_month, last_day).ok()?;
    Some((first, last))
}

/// A calendar year.
fn year_period(year: i16) -> Option<(Date, Date)> {
    let first = Date::new(year, 1, 1).ok()?;
    Some((first, first.last_of_year()))
}

/// The year, quarter, month or ISO week `offset` periods from today's.
fn relative_period(unit: Period, offset: i16, today: Date) -> Option<(Date, Date)> {
    match unit {
        Period::Year => year_period(today.year().checked_add(offset)?),
        Period::Quarter => {
            let this = (today.month() - 1) / 3 + 1;
            let first = quarter_period(today.year(), this)?.0;
            let first = first
                .checked_add(Span::new().try_months(3 * offset).ok()?)
                .ok()?;
            Some((
                first,
                quarter_period(first.year(), (first.month() - 1) / 3 + 1)?.1,
            ))
        }
        Period::Month => {
            let first = today.first_of_month();
            let first = first
                .checked_add(Span::new().try_months(offset).ok()?)
                .ok()?;
            Some((first, first.last_of_month()))
        }
        Period::Week => {
            let back = i64::from(today.weekday().to_monday_zero_offset());
            let monday = today.checked_sub(Span::new().try_days(back).ok()?).ok()?;
            let monday = monday
                .checked_add(Span::new().try_weeks(offset).ok()?)
                .ok()?;
            let sunday = monday.checked_add(Span::new().try_days(6).ok()?).ok()?;
            Some((monday, sunday))
        }
    }
}

#[cfg(test)]
mod tests;
