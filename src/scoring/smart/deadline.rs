//! The deadline of a goal: the date by which it must be reached, read from the goal's
//! words and resolved against today (see [`parse_deadline`]).

use jiff::Span;
use jiff::civil::{Date, ISOWeekDate, Weekday};

use super::calendar::{Edge, Expr, Found, Period, Tie, YearRef, scan};
use super::text::Prepared;

/// Reads the date by which the goal in `text` must be reached, resolved against `today`.
/// Returns None when the text names no date ("binnenkort", "asap", "komende zomer").
///
/// What it reads, in Dutch and English:
/// - dates: "15-03-2027", "15/03/2027", "2027-03-15", "15 maart 2027", "15 mrt 2027",
///   "March 1, 2027", "30 June 2027"; without a year ("1 juli", "June 30") the next
///   occurrence on or after today;
/// - months, quarters, ISO weeks and years: "december 2023", "in maart", "Q2 2027",
///   "tweede kwartaal 2027", "week 12 van 2027" (its Sunday), "in 2027", "in het jaar
///   2027" — each stands for its last day; without a year the next one whose deadline
///   is on or after today;
/// - periods relative to today: "eind dit jaar", "volgend jaar", "eind volgende maand",
///   "by the end of next month", "deze week";
/// - stretches from today: "binnen drie maanden", "over twee weken", "within 6 months",
///   "in the next 3 weeks", "binnen een half jaar" (number words count).
///
/// The word in front decides which day of a period: "vóór"/"before" is the day before it
/// starts ("vóór december 2023" → 2023-11-30, "voor 1 juli" → 30 June), "per"/"begin"
/// its first day, and everything else — "uiterlijk", "by", "eind", "in", nothing — its
/// last day. Dates after "sinds", "vanaf", "ten opzichte van", "since", "from" are not
/// deadlines. Of several dates, the latest one tied by a deadline word wins, else the
/// latest one.
pub fn parse_deadline(text: &str, today: Date) -> Option<Date> {
    let prepared = Prepared::new(text);
    let found = scan(&prepared.text);
    let dated = |strong: bool| {
        found
            .iter()
            .filter(|item| matches!(item.tie, Tie::Deadline(_)) == strong)
            .filter_map(|item| resolve(item, today))
            .max()
    };
    dated(true).or_else(|| dated(false))
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
    // The next occurrence: this year's if its deadline is still ahead, else next year's.
    let this_year = period(found.expr, today, 0).and_then(pick);
    match this_year {
        Some(date) if date >= today => Some(date),
        _ => period(found.expr, today, 1).and_then(pick),
    }
}

/// Whether the expression leaves its year to be guessed.
fn misses_year(expr: Expr) -> bool {
    matches!(
        expr,
        Expr::Day(YearRef::Missing, ..)
            | Expr::Month(YearRef::Missing, _)
            | Expr::Quarter(YearRef::Missing, _)
            | Expr::Week(YearRef::Missing, _)
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
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The today of most rows: a Wednesday in ISO week 48.
    const TODAY: Date = date(2026, 11, 25);

    #[test]
    fn parse_deadline_table() {
        let d = |year, month, day| Some(date(year, month, day));
        let cases: &[(&str, Option<Date>)] = &[
            // Absolute dates.
            ("15-03-2027", d(2027, 3, 15)),
            ("15/03/2027", d(2027, 3, 15)),
            ("15.3.2027", d(2027, 3, 15)),
            ("2027-03-15", d(2027, 3, 15)),
            ("03/15/2027", d(2027, 3, 15)),
            ("15 maart 2027", d(2027, 3, 15)),
            ("15 mrt 2027", d(2027, 3, 15)),
            ("15 mrt. 2027", d(2027, 3, 15)),
            ("op 1 juli", d(2027, 7, 1)),
            ("1 juli", d(2027, 7, 1)),
            ("1 december", d(2026, 12, 1)),
            ("March 1, 2027", d(2027, 3, 1)),
            ("1 March 2027", d(2027, 3, 1)),
            ("1st of March 2027", d(2027, 3, 1)),
            ("30 June 2027", d(2027, 6, 30)),
            ("June 30", d(2027, 6, 30)),
            ("15 jan", d(2027, 1, 15)),
            // Before: the day before the period starts.
            ("vóór december 2023", d(2023, 11, 30)),
            ("voor december", d(2026, 11, 30)),
            ("voor 1 juli 2027", d(2027, 6, 30)),
            ("before March 2027", d(2027, 2, 28)),
            ("voor Q2 2027", d(2027, 3, 31)),
            ("vóór week 12 van 2027", d(2027, 3, 21)),
            ("voor 2028", d(2027, 12, 31)),
            // By: the date, or the last day of the period.
            ("uiterlijk 1 juli 2027", d(2027, 7, 1)),
            ("uiterlijk maart 2027", d(2027, 3, 31)),
            ("by March 2027", d(2027, 3, 31)),
            ("no later than 30 June 2027", d(2027, 6, 30)),
            ("tot en met 31 januari 2027", d(2027, 1, 31)),
            ("deadline: 15-03-2027", d(2027, 3, 15)),
            ("per 1 januari 2027", d(2027, 1, 1)),
            ("per maart 2027", d(2027, 3, 1)),
            ("begin 2027", d(2027, 1, 1)),
            // End of a month, year or quarter.
            ("eind maart", d(2027, 3, 31)),
            ("eind maart 2027", d(2027, 3, 31)),
            ("end of March", d(2027, 3, 31)),
            ("in maart 2027", d(2027, 3, 31)),
            ("in december", d(2026, 12, 31)),
            ("in May 2027", d(2027, 5, 31)),
            ("by end of May", d(2027, 5, 31)),
            ("sales may increase by 10% in May", d(2027, 5, 31)),
            ("eind dit jaar", d(2026, 12, 31)),
            ("end of this year", d(2026, 12, 31)),
            ("eind van het jaar", d(2026, 12, 31)),
            ("volgend jaar", d(2027, 12, 31)),
            ("next year", d(2027, 12, 31)),
            ("eind volgend jaar", d(2027, 12, 31)),
            ("in 2027", d(2027, 12, 31)),
            ("in het jaar 2027", d(2027, 12, 31)),
            ("Q2 2027", d(2027, 6, 30)),
            ("Q2", d(2027, 6, 30)),
            ("Q2 volgend jaar", d(2027, 6, 30)),
            ("eind Q1 2027", d(2027, 3, 31)),
            ("end of Q1 2027", d(2027, 3, 31)),
            ("tweede kwartaal 2027", d(2027, 6, 30)),
            ("in het eerste kwartaal van 2027", d(2027, 3, 31)),
            ("dit kwartaal", d(2026, 12, 31)),
            ("volgend kwartaal", d(2027, 3, 31)),
            // ISO weeks: the Sunday.
            ("week 12 van 2027", d(2027, 3, 28)),
            ("week 12 2027", d(2027, 3, 28)),
            ("week 12", d(2027, 3, 28)),
            ("in week 12 of 2027", d(2027, 3, 28)),
            ("deze week", d(2026, 11, 29)),
            ("volgende week", d(2026, 12, 6)),
            // Stretches from today, with digits and number words.
            ("binnen drie maanden", d(2027, 2, 25)),
            ("binnen 3 maanden", d(2027, 2, 25)),
            ("over twee weken", d(2026, 12, 9)),
            ("binnen een jaar", d(2027, 11, 25)),
            ("binnen één jaar", d(2027, 11, 25)),
            ("within 6 months", d(2027, 5, 25)),
            ("in the next 3 weeks", d(2026, 12, 16)),
            ("in two weeks", d(2026, 12, 9)),
            ("within a year", d(2027, 11, 25)),
            ("binnen 10 dagen", d(2026, 12, 5)),
            ("binnen 6 mnd", d(2027, 5, 25)),
            ("binnen 48 uur", d(2026, 11, 27)),
            ("within 36 hours", d(2026, 11, 27)),
            ("vóór 1/7", d(2027, 6, 30)),
            ("uiterlijk 15/1", d(2027, 1, 15)),
            ("binnen twaalf weken", d(2027, 2, 17)),
            ("binnen een half jaar", d(2027, 5, 25)),
            ("within half a year", d(2027, 5, 25)),
            ("over anderhalf jaar", d(2028, 5, 25)),
            ("in de komende 4 maanden", d(2027, 3, 25)),
            ("de komende twintig dagen", d(2026, 12, 15)),
            ("binnen een kwartaal", d(2027, 2, 25)),
            ("by the end of next month", d(2026, 12, 31)),
            ("eind volgende maand", d(2026, 12, 31)),
            ("eind deze maand", d(2026, 11, 30)),
            ("end of this month", d(2026, 11, 30)),
            // Several dates: the one tied by a deadline word, else the latest.
            ("vanaf 1 januari 2027 tot 1 juli 2027", d(2027, 7, 1)),
            (
                "In maart 2027 evalueren we, uiterlijk 1 februari 2027 is het bereikt",
                d(2027, 2, 1),
            ),
            ("ten opzichte van 2025, in 2027", d(2027, 12, 31)),
            ("10% meer in 2027 dan in 2025", d(2027, 12, 31)),
            (
                "in 2024 hadden we 500 leden; eind 2027 willen we er 800",
                d(2027, 12, 31),
            ),
            // No deadline.
            ("binnenkort", None),
            ("zo snel mogelijk", None),
            ("asap", None),
            ("komende zomer", None),
            ("25 jaar", None),
            ("voorstelling 12", None),
            ("bezoekersaantallen verhogen", None),
            ("", None),
            ("sinds 1 januari 2026", None),
            ("bezoekers over 65 jaar oud", None),
            ("meer bezoekers in 25 jaar", None),
            ("we may increase sales", None),
            ("2027", None),
            ("2000 bezoekers", None),
            ("eigenaar: Jan", None),
            ("owned by Jan", None),
            ("de maart-editie", None),
            ("31 februari 2027", None),
            ("week 60", None),
            ("1/3 meer bezoekers", None),
            ("in 1/3 van de zalen", None),
            ("binnen een halve week", None),
            ("in de komende maanden", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_deadline(text, TODAY),
                *want,
                "parse_deadline({text:?})"
            );
        }
        assert!(cases.len() >= 60);
    }

    #[test]
    fn parse_deadline_other_todays() {
        let cases = [
            ("1 januari", date(2026, 12, 15), date(2027, 1, 1)),
            ("eind maart", date(2026, 4, 10), date(2027, 3, 31)),
            ("in maart", date(2026, 3, 10), date(2026, 3, 31)),
            ("vóór december", date(2026, 12, 5), date(2027, 11, 30)),
            ("week 1", date(2026, 12, 30), date(2027, 1, 10)),
            ("Q1", date(2026, 3, 31), date(2026, 3, 31)),
            ("end of next month", date(2027, 1, 31), date(2027, 2, 28)),
            ("binnen 1 maand", date(2027, 1, 31), date(2027, 2, 28)),
            ("volgend jaar", date(2026, 12, 31), date(2027, 12, 31)),
            ("volgend kwartaal", date(2026, 12, 31), date(2027, 3, 31)),
            ("29 februari", date(2027, 3, 1), date(2028, 2, 29)),
        ];
        for (text, today, want) in cases {
            assert_eq!(
                parse_deadline(text, today),
                Some(want),
                "parse_deadline({text:?}, {today})"
            );
        }
    }
}
