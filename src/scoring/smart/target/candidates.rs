//! Every possible target in a goal, one reader per kind: factors, shares, percentages,
//! amounts of money, numbers in digits and number words.

use std::ops::Range;

use regex::Captures;

use super::{Candidate, PATTERNS, describes, multiplied, value_of, whole};
use crate::scoring::smart::Unit;
use crate::scoring::smart::number::parse_number;
use crate::scoring::smart::specific::counts_something;
use crate::scoring::smart::text::overlaps;
use crate::scoring::smart::words::number_word;

/// The candidates taken so far; an offer that overlaps one of them is refused, so the
/// readers run strongest first.
struct Offers {
    taken: Vec<Candidate>,
}

impl Offers {
    /// Takes a candidate if its value is a positive finite number and it overlaps none.
    fn offer(&mut self, range: Range<usize>, value: Option<f64>, unit: Unit) {
        let fresh = !self
            .taken
            .iter()
            .any(|other| overlaps(&other.range, &range));
        if let Some(value) = value.filter(|value| value.is_finite() && *value > 0.0)
            && fresh
        {
            self.taken.push(Candidate { range, value, unit });
        }
    }
}

/// Every possible target in `text`, in text order; where two overlap, the stronger
/// reading: factors, shares, percentages, amounts of money, numbers, number words.
pub(super) fn candidates(text: &str) -> Vec<Candidate> {
    let mut offers = Offers { taken: Vec::new() };
    factors(text, &mut offers);
    shares(text, &mut offers);
    percentages(text, &mut offers);
    money(text, &mut offers);
    digits(text, &mut offers);
    number_words(text, &mut offers);
    let mut taken = offers.taken;
    taken.sort_by_key(|candidate| candidate.range.start);
    taken
}

/// "verdubbelen", "halveer", "Halve the …", "twee keer zoveel", "factor 3", "tenfold".
fn factors(text: &str, offers: &mut Offers) {
    let patterns = &*PATTERNS;
    for (regex, factor) in &patterns.factor_words {
        for captures in regex.captures_iter(text) {
            // "halve the number": the verb alone is the target's wording.
            let range = captures
                .name("v")
                .map_or_else(|| whole(&captures), |v| v.range());
            offers.offer(range, Some(*factor), Unit::Factor);
        }
    }
    for regex in &patterns.factor_numbers {
        for captures in regex.captures_iter(text) {
            // "één keer zoveel" is no change: a factor of exactly one, as written, is no target.
            #[allow(clippy::float_cmp)]
            let value = value_of(&captures).filter(|value| *value != 1.0);
            offers.offer(whole(&captures), value, Unit::Factor);
        }
    }
    for captures in patterns.factor_shorthand.captures_iter(text) {
        if captures.name("per").is_some() {
            continue;
        }
        let value = captures
            .name("n")
            .or(captures.name("m"))
            .and_then(|digits| parse_number(digits.as_str()))
            .filter(|value| *value > 1.0);
        offers.offer(whole(&captures), value, Unit::Factor);
    }
}

/// "een kwart", "de helft", "a third", "1/3", "één op de drie", "1 in 5".
fn shares(text: &str, offers: &mut Offers) {
    let patterns = &*PATTERNS;
    for (regex, share) in &patterns.fractions {
        for captures in regex.captures_iter(text) {
            // The share itself when the pattern marks it ("half of" in "half of the").
            let range = captures
                .name("v")
                .or_else(|| captures.get(0))
                .map(|found| found.range());
            if let Some(range) = range {
                offers.offer(range, Some(*share), Unit::Percent);
            }
        }
    }
    for captures in patterns.written_fraction.captures_iter(text) {
        // "1/3 meer": a share. Dates such as "vóór 1/7" are already hidden.
        let part = |name: &str| captures.name(name)?.as_str().parse::<f64>().ok();
        let share = part("a")
            .zip(part("b"))
            .filter(|(a, b)| a < b)
            .map(|(a, b)| a / b * 100.0);
        offers.offer(whole(&captures), share, Unit::Percent);
    }
    for captures in PATTERNS.one_in.captures_iter(text) {
        // "één op de drie", "1 in 5": a share.
        let share = value_of(&captures)
            .filter(|whole| *whole > 1.0)
            .map(|whole| 100.0 / whole);
        offers.offer(whole(&captures), share, Unit::Percent);
    }
}

/// "10%", "2,5 procent", "tien procent", "10-15%".
fn percentages(text: &str, offers: &mut Offers) {
    for captures in PATTERNS.percent.captures_iter(text) {
        offers.offer(whole(&captures), value_of(&captures), Unit::Percent);
    }
}

/// "€ 5.000", "5000 euro", "€10k".
fn money(text: &str, offers: &mut Offers) {
    for regex in &PATTERNS.money {
        for captures in regex.captures_iter(text) {
            offers.offer(whole(&captures), multiplied(&captures), Unit::Absolute);
        }
    }
}

/// Numbers in digits ("1.000", "10k") that do not describe (a year, an age, a label).
fn digits(text: &str, offers: &mut Offers) {
    for captures in PATTERNS.digits.captures_iter(text) {
        let range = whole(&captures);
        let glued = text[range.end..].starts_with(|c: char| c.is_alphanumeric());
        if !glued && !describes(text, &range, year_like(&captures)) {
            offers.offer(range, multiplied(&captures), Unit::Absolute);
        }
    }
}

/// Whether a number in digits, without a multiplier, could be a year.
fn year_like(captures: &Captures) -> bool {
    let written = captures.name("n").map_or("", |n| n.as_str());
    captures.name("mult").is_none()
        && written.len() == 4
        && written
            .parse::<u32>()
            .is_ok_and(|year| (1900..=2100).contains(&year))
}

/// Number words ("vijf donateurs", "a thousand new followers") that count something or
/// follow "met"/"naar"/"by"/"to"; "een"/"one" is the article.
fn number_words(text: &str, offers: &mut Offers) {
    let patterns = &*PATTERNS;
    for found in patterns.word.find_iter(text) {
        let Some(mut value) = number_word(found.as_str()).filter(|value| *value != 1) else {
            continue;
        };
        let mut range = found.range();
        // "vijf duizend", "two hundred".
        if let Some(times) = patterns.multiplier_after.find(&text[range.end..]) {
            let factor = number_word(times.as_str().trim()).unwrap_or(1);
            if value < factor {
                value *= factor;
                range.end += times.end();
            }
        }
        let aimed = counts_something(&text[range.end..])
            || patterns.amount_before.is_match(&text[..range.start]);
        if aimed && !describes(text, &range, false) {
            offers.offer(range, Some(value as f64), Unit::Absolute);
        }
    }
}
