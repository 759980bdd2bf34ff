//! The readers of [`scan`](super::scan): each turns the matches of one or more patterns
//! into expressions of time, with how they may be used ([`Kind`]).

use std::ops::Range;

use regex::{Captures, Regex};

use super::count::{Count, is_plural};
use super::{Expr, Kind, PATTERNS, Period, SeasonRef, YearRef, stands_alone};
use crate::scoring::lexicon::lists;
use crate::scoring::normalize::words;
use crate::scoring::smart::words::month_name;

/// The matches found so far in one text.
pub(super) struct Matches<'t> {
    text: &'t str,
    raw: Vec<(Range<usize>, Expr, Kind)>,
}

impl<'t> Matches<'t> {
    /// No matches yet in `text`.
    pub(super) fn new(text: &'t str) -> Matches<'t> {
        Matches {
            text,
            raw: Vec::new(),
        }
    }

    /// Every match found, overlapping ones included.
    pub(super) fn into_raw(self) -> Vec<(Range<usize>, Expr, Kind)> {
        self.raw
    }

    /// Reads every match of `regex` that stands alone with `read`. A four-digit year that
    /// counts something ("deze winter 1500 bezoekers") is left out of the match.
    fn add(&mut self, regex: &Regex, read: impl Fn(&Read) -> Option<(Expr, Kind)>) {
        for captures in regex.captures_iter(self.text) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            let counted = captures
                .name("year")
                .filter(|year| year.as_str().len() == 4 && counts(&self.text[year.end()..]));
            let range = match counted {
                Some(year) => whole.start()..before_year(self.text, whole.start(), year.start()),
                None => whole.range(),
            };
            let found = Read {
                text: self.text,
                captures: &captures,
                end: range.end,
                year_counted: counted.is_some(),
            };
            if let Some((expr, kind)) = read(&found)
                && (stands_alone(self.text, range.clone())
                    || ends_a_day_range(self.text, range.start, &expr))
            {
                self.raw.push((range, expr, kind));
            }
        }
    }
}

/// One match, as a reader sees it.
struct Read<'m> {
    /// The whole text (the matching form).
    text: &'m str,
    captures: &'m Captures<'m>,
    /// Where the match ends (before a year that counts something).
    end: usize,
    /// Whether the `year` capture counts something rather than names a year.
    year_counted: bool,
}

impl Read<'_> {
    /// The capture under `name`, as written.
    fn get(&self, name: &str) -> Option<&str> {
        self.captures.name(name).map(|found| found.as_str())
    }

    /// A number captured under `name`.
    fn num<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        self.get(name)?.parse().ok()
    }

    /// The month named by the `mon` capture.
    fn month(&self) -> Option<i8> {
        month_name(self.get("mon")?).map(|name| name.month)
    }

    /// The text before the match.
    fn head(&self) -> &str {
        let start = self.captures.get(0).map_or(0, |whole| whole.start());
        &self.text[..start]
    }

    /// The text after the match.
    fn tail(&self) -> &str {
        &self.text[self.end..]
    }

    /// The year in the `year` capture: absent, a number, or this/next year.
    fn year(&self) -> YearRef {
        let year = match self.get("year") {
            Some(year) if !self.year_counted => year,
            _ => return YearRef::Missing,
        };
        if let Some(number) = parse_year(year) {
            return YearRef::Absolute(number);
        }
        let this = year.starts_with("dit") || year.starts_with("this");
        YearRef::Relative(i16::from(!this))
    }
}

/// Whether the words after a number say what it counts: a counted thing or group, maybe
/// after a filler ("1500 bezoekers", "2000 nieuwe leden"), or a unit ("procent"). A word
/// followed by a number is a verb ("in Q3 2027 bezoeken 75 klassen").
fn counts(after: &str) -> bool {
    // "Summer 2027: NPS rises …": punctuation ends the phrase, so the year heads the
    // goal rather than counts what follows.
    if after.starts_with([':', ';', ',', '.', '!', '?', ')']) {
        return false;
    }
    // "in H2 2027 bekender zijn": a comparison says how, it is not a thing counted.
    if PATTERNS.comparative_after.is_match(after) {
        return false;
    }
    let smart = &lists().smart;
    let next: Vec<String> = words(after).into_iter().take(4).collect();
    let Some(at) = next
        .iter()
        .position(|word| !smart.count_fillers.contains(&word.as_str()))
    else {
        return false;
    };
    let verb = next
        .get(at + 1)
        .is_some_and(|word| word.starts_with(|c: char| c.is_ascii_digit()));
    let word = &next[at];
    !verb && {
        let padded = format!(" {word} ");
        smart.amount_units.contains(&word.as_str())
            || smart.what.found_in(&padded)
            || smart.group.found_in(&padded)
            || lists().statement.audience.found_in(&padded)
    }
}

/// Where a match ends when the year at `year` is left out: before it and the "van"/"of"
/// in front of it.
fn before_year(text: &str, start: usize, year: usize) -> usize {
    let head = text[start..year].trim_end();
    let head = ["van", "of"]
        .iter()
        .find_map(|word| {
            head.strip_suffix(word)
                .filter(|rest| rest.ends_with(char::is_whitespace))
        })
        .unwrap_or(head)
        .trim_end();
    start + head.len()
}

/// Dates with a day: "2027-03-15", "15-03-2027", "vóór 1/7", "15 maart", "March 1",
/// and months: "december 2023", "maart".
pub(super) fn dates(matches: &mut Matches) {
    let patterns = &*PATTERNS;
    matches.add(&patterns.iso, |r| {
        let day = Expr::Day(YearRef::Absolute(r.num("y")?), r.num("m")?, r.num("d")?);
        Some((day, Kind::Plain))
    });
    matches.add(&patterns.numeric, |r| {
        let (first, second): (i8, i8) = (r.num("d")?, r.num("m")?);
        // Day first, as in Dutch and British writing; month first only when that is the
        // one reading that can be a date ("03/15/2027").
        let (day, month) = if second > 12 && first <= 12 {
            (second, first)
        } else {
            (first, second)
        };
        let day = Expr::Day(YearRef::Absolute(r.num("y")?), month, day);
        Some((day, Kind::Plain))
    });
    matches.add(&patterns.short_date, |r| {
        // "vóór 1/7": day and month, only after a deadline word ("1/3 meer" is a share).
        let tail = r.tail().trim_start();
        let day = Expr::Day(YearRef::Missing, r.num("m")?, r.num("d")?);
        (!tail.starts_with(['%', '/'])).then_some((day, Kind::NeedsDeadlineWord))
    });
    for regex in [&patterns.day_month, &patterns.month_day] {
        matches.add(regex, |r| {
            let day = Expr::Day(r.year(), r.month()?, r.num("d")?);
            Some((day, Kind::Plain))
        });
    }
    matches.add(&patterns.month_year, |r| {
        let name = month_name(r.get("mon")?)?;
        let year = r.year();
        let missing = year == YearRef::Missing;
        let kind = if missing { Kind::NeedsTie } else { Kind::Plain };
        (name.alone || !missing).then_some((Expr::Month(year, name.month), kind))
    });
}

/// Quarters, ISO weeks and years: "Q2 2027", "2027-Q2", "tweede kwartaal", "week 12",
/// "2027", "'27".
pub(super) fn calendar_periods(matches: &mut Matches) {
    let patterns = &*PATTERNS;
    for regex in [&patterns.quarter, &patterns.year_quarter] {
        matches.add(regex, |r| {
            Some((Expr::Quarter(r.year(), r.num("q")?), Kind::Plain))
        });
    }
    matches.add(&patterns.quarter_word, |r| {
        let quarter = match r.get("q")? {
            "eerste" | "1e" | "1ste" | "first" | "1st" => 1,
            "tweede" | "2e" | "2de" | "second" | "2nd" => 2,
            "derde" | "3e" | "3de" | "third" | "3rd" => 3,
            _ => 4,
        };
        Some((Expr::Quarter(r.year(), quarter), Kind::Plain))
    });
    matches.add(&patterns.week, |r| {
        let week: i8 = r.num("w")?;
        (1..=53)
            .contains(&week)
            .then_some((Expr::Week(r.year(), week), Kind::Plain))
    });
    matches.add(&patterns.year, |r| {
        let followed_by_unit = r.tail().trim_start().starts_with(['%', '€']);
        let kind = if r.get("lead").is_none() {
            Kind::NeedsTie
        } else {
            Kind::Plain
        };
        (!followed_by_unit).then_some((Expr::Year(r.num("y")?), kind))
    });
    matches.add(&patterns.short_year, |r| {
        // "eind '27", not "rock'27".
        let start = r.captures.get(0)?.start();
        let glued = r.text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let year = parse_year(r.captures.get(0)?.as_str())?;
        (!glued).then_some((Expr::Year(year), Kind::NeedsTie))
    });
}

/// Periods with a name: seasons ("vóór de zomer van 2027", "this winter"), halves of a
/// year ("eerste helft 2027", "H1 2027"), the middle of a year or month ("medio 2027",
/// "mid-March"), cultural seasons ("seizoen 2027-2028", "dit seizoen") and Christmas.
pub(super) fn named_periods(matches: &mut Matches) {
    let patterns = &*PATTERNS;
    matches.add(&patterns.season, |r| {
        let word = r.get("s")?;
        let (_, season) = lists()
            .calendar
            .seasons
            .iter()
            .find(|(name, _)| *name == word)?;
        let season = i8::try_from(*season).ok()?;
        // "deze zomer", "next summer": the next one whose deadline has not passed.
        let kind = if r.get("rel").is_some() || r.year() != YearRef::Missing {
            Kind::Plain
        } else {
            Kind::NeedsTie
        };
        Some((Expr::Season(r.year(), season), kind))
    });
    for regex in [&patterns.half, &patterns.half_code] {
        matches.add(regex, |r| {
            let half = match r.get("h")? {
                "1" | "eerste" | "1e" | "1ste" | "first" | "1st" => 1,
                _ => 2,
            };
            Some((Expr::Half(r.year(), half), Kind::Plain))
        });
    }
    matches.add(&patterns.medio, |r| {
        let year = r.year();
        let day = match r.get("mon") {
            Some(_) => Expr::Day(year, r.month()?, 15),
            None if year != YearRef::Missing => Expr::Day(year, 6, 30),
            None => return None,
        };
        Some((day, Kind::Plain))
    });
    matches.add(&patterns.cultural_season, |r| {
        let which = match r.get("rel") {
            Some("dit" | "deze" | "this" | "huidige" | "current") => SeasonRef::Current,
            Some(_) => SeasonRef::Next,
            // "het einde van het seizoen", "the end of the season": the current one.
            None if r.get("a").or(r.get("c")).is_none()
                && PATTERNS.season_end.is_match(r.head()) =>
            {
                SeasonRef::Current
            }
            None => {
                let from = parse_year(r.get("a").or(r.get("c"))?)?;
                let to = parse_year(r.get("b").or(r.get("d"))?)?;
                (to == from + 1).then_some(SeasonRef::Starting(from))?
            }
        };
        Some((Expr::CulturalSeason(which), Kind::Plain))
    });
    matches.add(&patterns.christmas, |r| {
        // "vóór de kerst", not "de kerstvoorstelling" or "the Christmas show".
        let tail = r.tail().trim_start();
        let named = r.year() != YearRef::Missing || !tail.starts_with(char::is_alphabetic);
        named.then_some((Expr::Day(r.year(), 12, 25), Kind::NeedsTie))
    });
}

/// Periods counted from today: "dit jaar", "volgende maand", "eind van het jaar",
/// "binnen drie maanden", "the next 3 weeks".
pub(super) fn relative_periods(matches: &mut Matches) {
    let patterns = &*PATTERNS;
    matches.add(&patterns.relative, |r| {
        let which = r.get("which")?;
        let this = ["dit", "deze", "this", "huidige", "current"]
            .iter()
            .any(|word| which.ends_with(word));
        let offset = i16::from(!this);
        let period = match r.get("unit")? {
            "jaar" | "year" => Period::Year,
            "maand" | "month" => Period::Month,
            "kwartaal" | "quarter" => Period::Quarter,
            _ => Period::Week,
        };
        Some((Expr::Relative(period, offset), Kind::Plain))
    });
    matches.add(&patterns.period_end, |r| {
        let year = r.get("y1").or(r.get("y2")).or(r.get("y3")).is_some();
        let period = if year { Period::Year } else { Period::Month };
        Some((Expr::Relative(period, 0), Kind::Intrinsic))
    });
    matches.add(&patterns.within, within);
    matches.add(&patterns.coming, within);
}

/// Whether a date with a day closes a range of days ("10-19 September 2027"): the "10-"
/// in front is the first day, not a number the date is the tail of.
fn ends_a_day_range(text: &str, start: usize, expr: &Expr) -> bool {
    let Expr::Day(..) = expr else {
        return false;
    };
    let Some(head) = text[..start].trim_end().strip_suffix('-') else {
        return false;
    };
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    (1..=2).contains(&digits)
        && !head[..head.len() - digits]
            .ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A stretch of time from today: "binnen drie maanden", "de komende week".
fn within(r: &Read) -> Option<(Expr, Kind)> {
    let count = match r.get("n") {
        Some(n) => Count::read(n)?,
        // "the next month", "de komende week": one of them ("de komende maanden" is no
        // number).
        None if r.get("next").is_some() && !is_plural(r.get("unit")?) => Count::Whole(1),
        None => return None,
    };
    let (days, months) = count.length(r.get("unit")?)?;
    // "who haven't borrowed in two years": how long something has not happened, not when.
    let how_long = PATTERNS.not_since.is_match(r.head())
        && r.captures
            .get(0)
            .is_some_and(|whole| whole.as_str().starts_with("in "));
    (!PATTERNS.age_after.is_match(r.tail()) && !how_long)
        .then_some((Expr::Within(days, months), Kind::Intrinsic))
}

/// A year written with four digits, or two after an apostrophe or in a pair such as
/// "2027/28" (this century).
fn parse_year(written: &str) -> Option<i16> {
    let digits = written.trim_start_matches('\'');
    let year: i16 = digits.parse().ok()?;
    match digits.len() {
        2 => Some(2000 + year),
        4 => Some(year),
        _ => None,
    }
}
