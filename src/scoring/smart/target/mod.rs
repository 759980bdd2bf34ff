//! "Measurable": the quantified target of a goal (see [`find_target`]).

mod candidates;
mod patterns;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Captures;

use candidates::candidates;
use patterns::Patterns;

use super::calendar::scan;
use super::number::parse_number;
use super::specific::{age_ranges, counts_something, quoted_ranges};
use super::text::{Prepared, blank_out};
use super::words::{multiplier, number_word};
use super::{Target, Unit};

/// The patterns, compiled on first use.
pub(super) static PATTERNS: LazyLock<Patterns> = LazyLock::new(Patterns::new);

/// A target and where it was read.
pub(super) struct Located {
    /// The target.
    pub(super) target: Target,
    /// Where it is, in bytes of the matching form.
    pub(super) range: Range<usize>,
    /// The matching form with what cannot be a target blanked out (dates, spans of time,
    /// quoted titles, ages).
    pub(super) visible: String,
    /// Where the goal says it starts and ends, as numbers ("van 18% naar 30%": 18 and 30),
    /// see [`stated_pair`].
    pub(super) stated: Option<(f64, f64)>,
}

/// A possible target, in the matching form.
struct Candidate {
    range: Range<usize>,
    value: f64,
    unit: Unit,
}

/// Finds the quantified target of a goal: a percentage ("10%", "2,5 procent", "tien
/// procent"), a factor ("verdubbelen", "halveren", "twee keer zoveel", "three times as
/// many", "factor 3"), a share ("een kwart meer", "de helft", "a third", "1/3"), an
/// amount ("€ 5.000", "5000 euro", "10k") or a count ("1.000 bezoekers", "2,000
/// tickets", "duizend", "vijf nieuwe donateurs").
///
/// Numbers that describe rather than aim are skipped: ages ("25 jaar", "25-jarigen",
/// "onder de 35", "18-30", "aged 25"), dates and spans of time ("2027", "1 juli", "week
/// 12", "Q2", "binnen drie maanden"), names and labels ("voorstelling 2", "zaal 3", a
/// quoted title), clock times, and baselines ("nu 500", "van 800 naar 1.000" gives 1.000,
/// "ten opzichte van 2024"; "we hebben 300 leden en willen er 400" gives 400, but "eind
/// 2027 hebben we 3000 kaartjes verkocht" gives 3000, since nothing follows). A number
/// word other than "een"/"one" counts only when it counts something or follows
/// "met"/"naar"/"by"/"to" ("vijf donateurs", "met vijf"). Of what is left, the first in
/// the text is the target.
pub fn find_target(text: &str) -> Option<Target> {
    locate(&Prepared::new(text)).map(|located| located.target)
}

/// What a goal's text says about its numbers: the target, and for a "van … naar …" pair
/// where it starts and ends.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stated {
    /// The target (see [`find_target`]).
    pub target: Option<Target>,
    /// Where the text says it starts and ends ("from 120 to 300": 120 and 300).
    pub range: Option<(f64, f64)>,
}

/// The target of a goal with the start and end it states, if any (see [`Stated`]).
pub fn find_stated(text: &str) -> Stated {
    match locate(&Prepared::new(text)) {
        Some(located) => Stated {
            target: Some(located.target),
            range: located.stated,
        },
        None => Stated::default(),
    }
}

/// The target of a prepared goal and where it is (see [`find_target`]).
pub(super) fn locate(prepared: &Prepared) -> Option<Located> {
    let mut hidden: Vec<Range<usize>> = scan(&prepared.text)
        .into_iter()
        .map(|found| found.range)
        .collect();
    hidden.extend(quoted_ranges(&prepared.text));
    let without_times = blank_out(&prepared.text, &hidden);
    hidden.extend(age_ranges(&without_times));
    let visible = blank_out(&prepared.text, &hidden);
    let found = candidates(&visible);
    let stated = stated_pair(&visible, &found).map(|(from, to)| (from.value, to.value));
    let chosen = choose(&visible, found)?;
    let target = Target {
        value: chosen.value,
        unit: chosen.unit,
        raw: prepared.original(chosen.range.clone()).to_owned(),
    };
    Some(Located {
        target,
        range: chosen.range,
        visible,
        stated,
    })
}

/// The "van … naar …" / "from … to …" pair of the same kind (two counts, two amounts, two
/// percentages), whose change the realism check judges: up, in percent ("van 40 naar 800" is
/// +1,900 %, "from 5% to 60%" +1,100 %); down, as a factor ("van 800 naar 40" is 0.05).
fn stated_pair<'a>(
    text: &str,
    candidates: &'a [Candidate],
) -> Option<(&'a Candidate, &'a Candidate)> {
    let patterns = &*PATTERNS;
    candidates.windows(2).find_map(|pair| {
        let [from, to] = pair else { return None };
        let paired = patterns.from_before.is_match(&text[..from.range.start])
            && patterns.to_before.is_match(&text[..to.range.start]);
        let comparable =
            from.unit == to.unit && matches!(from.unit, Unit::Absolute | Unit::Percent);
        (paired && comparable).then_some((from, to))
    })
}

/// Whether the number at `range` describes rather than aims: a duration or age after it
/// (but not a unit of time that opens a compound the number counts, "2,500 day tickets"),
/// a label, a determiner or a colon (clock time) before it, a day joined to a date
/// ("4 en 5 mei"), or a year. A label word does not make a name of a number that counts
/// a thing after it: "Programme 25 extra performances", "de pagina 50k views" aim.
fn describes(text: &str, range: &Range<usize>, year_like: bool) -> bool {
    let patterns = &*PATTERNS;
    let (before, after) = (&text[..range.start], &text[range.end..]);
    let day = text[range.clone()]
        .parse::<u8>()
        .is_ok_and(|day| (1..=31).contains(&day));
    let compound = patterns
        .unit_compound_after
        .captures(after)
        .and_then(|captures| captures.name("head"))
        .is_some_and(|head| !matches!(head.as_str(), "olds" | "ago"));
    (patterns.time_after.is_match(after) && !compound)
        || (day && patterns.day_before_date.is_match(after))
        || (patterns.label_before.is_match(before) && !counts_a_thing(after))
        || (patterns.determiner_before.is_match(before) && !patterns.bound_before.is_match(before))
        || (year_like && !counts_something(after) && !patterns.amount_before.is_match(before))
        // "back to 2019 levels": a year, not a number to reach.
        || (year_like && patterns.levels_after.is_match(after))
}

/// Whether the words right after a number name the thing it counts ("25 extra
/// performances", "50k views"), not a unit or another number ("zaal 3 50% meer").
fn counts_a_thing(after: &str) -> bool {
    after.trim_start().starts_with(char::is_alphabetic) && counts_something(after)
}

/// The first candidate that is not a baseline: not after "nu", "currently", "ten opzichte
/// van", …; not the "van"/"from" side of a "van … naar …" pair; and not after "hebben",
/// "have", "was", … when another candidate follows (the target it is compared with).
fn choose(text: &str, candidates: Vec<Candidate>) -> Option<Candidate> {
    let patterns = &*PATTERNS;
    let starts: Vec<usize> = candidates.iter().map(|c| c.range.start).collect();
    candidates.into_iter().find(|candidate| {
        let before = &text[..candidate.range.start];
        let mut later = starts
            .iter()
            .filter(|start| **start > candidate.range.start);
        let followed = later.clone().next().is_some();
        let paired = patterns.from_before.is_match(before)
            && later.any(|start| patterns.to_before.is_match(&text[..*start]));
        let compared = followed && patterns.had_before.is_match(before);
        !paired && !compared && !patterns.baseline_before.is_match(before)
    })
}

/// The whole match.
fn whole(captures: &Captures) -> Range<usize> {
    captures.get(0).map_or(0..0, |found| found.range())
}

/// The value of the `n` (digits) or `w` (number word) capture.
fn value_of(captures: &Captures) -> Option<f64> {
    if let Some(digits) = captures.name("n") {
        return parse_number(digits.as_str());
    }
    number_word(captures.name("w")?.as_str()).map(|value| value as f64)
}

/// The `n` capture times the `mult` capture ("10k", "1,5 miljoen").
fn multiplied(captures: &Captures) -> Option<f64> {
    let value = parse_number(captures.name("n")?.as_str())?;
    let times = match captures.name("mult").map(|m| m.as_str()) {
        None => 1.0,
        Some(word) => multiplier(word)? as f64,
    };
    Some(value * times)
}

#[cfg(test)]
mod tests;
