//! "Measurable": the quantified target of a goal (see [`find_target`]).

mod patterns;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Captures;

use patterns::Patterns;

use super::calendar::scan;
use super::number::parse_number;
use super::specific::{age_ranges, counts_something, quoted_ranges};
use super::text::{Prepared, blank_out, overlaps};
use super::words::{multiplier, number_word};
use super::{Target, Unit};

/// The patterns, compiled on first use.
pub(super) static PATTERNS: LazyLock<Patterns> = LazyLock::new(Patterns::new);

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
/// "ten opzichte van 2024"). A number word other than "een"/"one" counts only when it
/// counts something or follows "met"/"naar"/"by"/"to" ("vijf donateurs", "met vijf").
/// Of what is left, the first in the text is the target.
pub fn find_target(text: &str) -> Option<Target> {
    let prepared = Prepared::new(text);
    let mut hidden: Vec<Range<usize>> = scan(&prepared.text)
        .into_iter()
        .map(|found| found.range)
        .collect();
    hidden.extend(quoted_ranges(&prepared.text));
    let without_times = blank_out(&prepared.text, &hidden);
    hidden.extend(age_ranges(&without_times));
    let visible = blank_out(&prepared.text, &hidden);
    let chosen = choose(&visible, candidates(&visible))?;
    Some(Target {
        value: chosen.value,
        unit: chosen.unit,
        raw: prepared.original(chosen.range).to_owned(),
    })
}

/// Every possible target in `text`, strongest reading first where two overlap: factors,
/// shares, percentages, amounts of money, numbers, number words.
fn candidates(text: &str) -> Vec<Candidate> {
    let patterns = &*PATTERNS;
    let mut taken: Vec<Candidate> = Vec::new();
    let mut offer = |range: Range<usize>, value: Option<f64>, unit: Unit| {
        let fresh = !taken.iter().any(|other| overlaps(&other.range, &range));
        if let Some(value) = value.filter(|value| value.is_finite() && *value > 0.0)
            && fresh
        {
            taken.push(Candidate { range, value, unit });
        }
    };
    for (regex, factor) in &patterns.factor_words {
        for captures in regex.captures_iter(text) {
            // "halve the number": the verb alone is the target's wording.
            let range = captures
                .name("v")
                .map_or_else(|| whole(&captures), |v| v.range());
            offer(range, Some(*factor), Unit::Factor);
        }
    }
    for regex in &patterns.factor_numbers {
        for captures in regex.captures_iter(text) {
            // "één keer zoveel" is no change: a factor of exactly one, as written, is no target.
            #[allow(clippy::float_cmp)]
            let value = value_of(&captures).filter(|value| *value != 1.0);
            offer(whole(&captures), value, Unit::Factor);
        }
    }
    for (regex, share) in &patterns.fractions {
        for found in regex.find_iter(text) {
            offer(found.range(), Some(*share), Unit::Percent);
        }
    }
    for captures in patterns.written_fraction.captures_iter(text) {
        // "1/3 meer": a share. Dates such as "vóór 1/7" are already hidden.
        let part = |name: &str| captures.name(name)?.as_str().parse::<f64>().ok();
        let share = part("a")
            .zip(part("b"))
            .filter(|(a, b)| a < b)
            .map(|(a, b)| a / b * 100.0);
        offer(whole(&captures), share, Unit::Percent);
    }
    for captures in patterns.percent.captures_iter(text) {
        offer(whole(&captures), value_of(&captures), Unit::Percent);
    }
    for regex in &patterns.money {
        for captures in regex.captures_iter(text) {
            offer(whole(&captures), multiplied(&captures), Unit::Absolute);
        }
    }
    for captures in patterns.digits.captures_iter(text) {
        let range = whole(&captures);
        let glued = text[range.end..].starts_with(|c: char| c.is_alphanumeric());
        let written = captures.name("n").map_or("", |n| n.as_str());
        let year_like = captures.name("mult").is_none()
            && written.len() == 4
            && written
                .parse::<u32>()
                .is_ok_and(|year| (1900..=2100).contains(&year));
        if !glued && !describes(text, &range, year_like) {
            offer(range, multiplied(&captures), Unit::Absolute);
        }
    }
    for found in patterns.word.find_iter(text) {
        let word = found.as_str();
        // The number word for one ("een", "one") is also the article.
        let Some(mut value) = number_word(word).filter(|value| *value != 1) else {
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
            offer(range, Some(value as f64), Unit::Absolute);
        }
    }
    taken.sort_by_key(|candidate| candidate.range.start);
    taken
}

/// Whether the number at `range` describes rather than aims: a duration or age after it,
/// a label, a determiner or a colon (clock time) before it, or a year.
fn describes(text: &str, range: &Range<usize>, year_like: bool) -> bool {
    let patterns = &*PATTERNS;
    let (before, after) = (&text[..range.start], &text[range.end..]);
    patterns.time_after.is_match(after)
        || patterns.label_before.is_match(before)
        || patterns.determiner_before.is_match(before)
        || (year_like && !counts_something(after) && !patterns.amount_before.is_match(before))
}

/// The first candidate that is not a baseline: not after "nu", "currently", "ten opzichte
/// van", …, and not the "van"/"from" side of a "van … naar …" pair.
fn choose(text: &str, candidates: Vec<Candidate>) -> Option<Candidate> {
    let patterns = &*PATTERNS;
    let starts: Vec<usize> = candidates.iter().map(|c| c.range.start).collect();
    candidates.into_iter().find(|candidate| {
        let before = &text[..candidate.range.start];
        let paired = patterns.from_before.is_match(before)
            && starts
                .iter()
                .filter(|start| **start > candidate.range.start)
                .any(|start| patterns.to_before.is_match(&text[..*start]));
        !paired && !patterns.baseline_before.is_match(before)
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
mod tests {
    use super::*;

    const GUIDE: &str = "Het aantal bezoekers uit de gemeente Utrecht van 25 jaar oud, voor \
                         voorstelling x, verhogen met 10% vóór december 2023.";

    /// The value, unit and raw wording of a target.
    type Expected = (f64, Unit, &'static str);

    #[test]
    fn find_target_table() {
        use Unit::{Absolute, Factor, Percent};
        let cases: &[(&str, Option<Expected>)] = &[
            (GUIDE, Some((10.0, Percent, "10%"))),
            ("bezoekersaantallen verhogen", None),
            ("", None),
            // Separators, Dutch and English.
            ("1.000 bezoekers extra", Some((1_000.0, Absolute, "1.000"))),
            ("2,000 more tickets", Some((2_000.0, Absolute, "2,000"))),
            (
                "1.000.000 views",
                Some((1_000_000.0, Absolute, "1.000.000")),
            ),
            ("2,5% meer omzet", Some((2.5, Percent, "2,5%"))),
            ("2.5% more revenue", Some((2.5, Percent, "2.5%"))),
            ("+12% conversie", Some((12.0, Percent, "12%"))),
            ("bezettingsgraad naar 85 %", Some((85.0, Percent, "85 %"))),
            ("10-15% meer aanmeldingen", Some((15.0, Percent, "10-15%"))),
            ("10 procent meer leden", Some((10.0, Percent, "10 procent"))),
            (
                "tien procent meer leden",
                Some((10.0, Percent, "tien procent")),
            ),
            (
                "vijfentwintig procent",
                Some((25.0, Percent, "vijfentwintig procent")),
            ),
            // Amounts.
            ("€ 5.000 meer omzet", Some((5_000.0, Absolute, "€ 5.000"))),
            (
                "5000 euro extra donaties",
                Some((5_000.0, Absolute, "5000 euro")),
            ),
            (
                "€10k revenue from the webshop",
                Some((10_000.0, Absolute, "€10k")),
            ),
            (
                "1,5 miljoen euro omzet",
                Some((1_500_000.0, Absolute, "1,5 miljoen euro")),
            ),
            // Factors and shares.
            ("de omzet verdubbelen", Some((2.0, Factor, "verdubbelen"))),
            (
                "double our newsletter subscribers",
                Some((2.0, Factor, "double")),
            ),
            (
                "het aantal no-shows halveren",
                Some((0.5, Factor, "halveren")),
            ),
            ("halve the number of no-shows", Some((0.5, Factor, "halve"))),
            ("verdrievoudigen", Some((3.0, Factor, "verdrievoudigen"))),
            (
                "a tenfold increase in reach",
                Some((10.0, Factor, "tenfold")),
            ),
            ("factor 3 meer volgers", Some((3.0, Factor, "factor 3"))),
            (
                "twee keer zoveel bezoekers",
                Some((2.0, Factor, "twee keer zoveel")),
            ),
            ("2x zoveel aanmeldingen", Some((2.0, Factor, "2x zoveel"))),
            ("twice as many visitors", Some((2.0, Factor, "twice as"))),
            (
                "three times as many sign-ups",
                Some((3.0, Factor, "three times as")),
            ),
            (
                "een kwart meer bezoekers",
                Some((25.0, Percent, "een kwart")),
            ),
            (
                "a quarter more visitors",
                Some((25.0, Percent, "a quarter")),
            ),
            (
                "een derde meer leden",
                Some((100.0 / 3.0, Percent, "een derde")),
            ),
            (
                "de helft minder no-shows",
                Some((50.0, Percent, "de helft")),
            ),
            ("1/3 meer bezoekers", Some((100.0 / 3.0, Percent, "1/3"))),
            // Number words.
            (
                "duizend nieuwe volgers",
                Some((1_000.0, Absolute, "duizend")),
            ),
            (
                "a thousand new followers",
                Some((1_000.0, Absolute, "thousand")),
            ),
            ("vijf nieuwe donateurs", Some((5.0, Absolute, "vijf"))),
            (
                "tweehonderd extra abonnees",
                Some((200.0, Absolute, "tweehonderd")),
            ),
            (
                "vijf duizend bezoekers",
                Some((5_000.0, Absolute, "vijf duizend")),
            ),
            (
                "het aantal donateurs met vijf verhogen",
                Some((5.0, Absolute, "vijf")),
            ),
            (
                "twee keer per jaar een nieuwsbrief",
                Some((2.0, Absolute, "twee")),
            ),
            ("één nieuwe tentoonstelling", None),
            ("de twee voorstellingen beter vullen", None),
            ("dit in acht nemen", None),
            ("tientallen nieuwe bezoekers", None),
            ("honderden bezoekers", None),
            // Baselines.
            (
                "van 800 naar 1.000 abonnees",
                Some((1_000.0, Absolute, "1.000")),
            ),
            ("from 20% to 30% occupancy", Some((30.0, Percent, "30%"))),
            (
                "we hebben nu 500 leden en willen er 600",
                Some((600.0, Absolute, "600")),
            ),
            (
                "ten opzichte van 800 bezoekers met 10% groeien",
                Some((10.0, Percent, "10%")),
            ),
            ("currently 500 members", None),
            (
                "in 2026 hadden we 12.000 bezoekers; in 2027 willen we er 15.000",
                Some((15_000.0, Absolute, "15.000")),
            ),
            (
                "we have 300 members and want 400",
                Some((400.0, Absolute, "400")),
            ),
            // Ages describe the group.
            ("jongeren onder de 35", None),
            ("25-jarigen", None),
            ("visitors aged 25", None),
            ("visitors under 35", None),
            ("visitors over 65", None),
            ("over 500 visitors", Some((500.0, Absolute, "500"))),
            ("18 tot 30 jaar", None),
            ("bezoekers 18-30", None),
            ("65+ers", None),
            // Dates and spans of time.
            ("in 2027", None),
            ("2000 bezoekers", Some((2_000.0, Absolute, "2000"))),
            ("1 juli", None),
            ("vóór 1/7 50 nieuwe vrienden", Some((50.0, Absolute, "50"))),
            (
                "per 1 september 2027 250 leden",
                Some((250.0, Absolute, "250")),
            ),
            ("week 12", None),
            ("Q2", None),
            ("15-03-2027", None),
            ("binnen drie maanden", None),
            ("binnen 3 maanden", None),
            ("over twee weken", None),
            ("in 6 weken", None),
            // Names, labels, clock times.
            ("voorstelling 2", None),
            ("zaal 3 beter vullen", None),
            ("\"Top 2000\" concert", None),
            ("om 20:00 uur", None),
            ("symfonie nr. 9", None),
            (
                "de kaartverkoop op 500 brengen",
                Some((500.0, Absolute, "500")),
            ),
            ("de 2e voorstelling", None),
        ];
        for (text, want) in cases {
            let got = find_target(text);
            match (&got, want) {
                (None, None) => {}
                (Some(target), Some((value, unit, raw))) => {
                    assert!(
                        (target.value - value).abs() < 1e-9,
                        "value of {text:?}: {got:?}"
                    );
                    assert_eq!(target.unit, *unit, "unit of {text:?}");
                    assert_eq!(target.raw, *raw, "raw of {text:?}");
                }
                _ => panic!("find_target({text:?}) = {got:?}, want {want:?}"),
            }
        }
        assert!(cases.len() >= 40);
    }

    #[test]
    fn patterns_compile() {
        let patterns = &*PATTERNS;
        assert_eq!(patterns.factor_words.len(), 4);
        assert!(patterns.percent.is_match("10%"));
        assert!(patterns.digits.is_match("1.000"));
    }
}
