//! "Specific": the goal names what changes and narrows it to a target group, a place, a
//! production or programme, or a channel.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::calendar::scan;
use super::text::{Prepared, blank_out, compile};
use super::words::month_name;
use crate::scoring::lexicon::{Lexicon, lists};
use crate::scoring::normalize::words;

/// The oldest age an age group is taken to name; a larger number after "over" or
/// "onder" is an amount ("over 500 visitors").
const MAX_AGE: u32 = 120;

/// The compiled patterns, built once.
pub(super) struct Patterns {
    age_word: Regex,
    age_bound: Regex,
    age_range: Regex,
    age_plus: Regex,
    place: Regex,
    quoted: Regex,
}

/// The patterns, compiled on first use.
pub(super) static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    age_word: compile(
        r"\b\d{1,3}\s*(?:-\s*)?(?:jaar\b|jarig\w*|jr\b|years?\b|yrs?\b|year-olds?\b|yo\b|y/o\b)",
    ),
    age_bound: compile(concat!(
        r"\b(?:onder|boven|tussen|vanaf|jonger\s+dan|ouder\s+dan|under|over|",
        r"between|aged|younger\s+than|older\s+than|ages|leeftijd(?:\s+van)?|",
        r"age(?:\s+of)?)\s+(?:de\s+|the\s+|",
        r"age\s+of\s+)?(?P<n>\d{1,3})\b(?:\s*(?:-|tot|to|en|and|",
        r"t/m)\s*(?P<m>\d{1,3})\b)?",
    )),
    age_range: compile(r"\b(?P<n>\d{1,2})\s*(?:-|tot|to|t/m)\s*(?P<m>\d{1,3})\b"),
    age_plus: compile(r"\b(?P<n>\d{1,3})\s*(?:\+|-?\s*plusser\w*)"),
    place: compile(concat!(
        r"\b(?:in|uit|from|rond|around|near|nabij|te|voor|for|bij|at)\s+(?:de\s+|",
        r"het\s+|the\s+)?(?P<name>\p{L}[\p{L}'-]+)\b",
    )),
    quoted: compile(r#""[^"]*\p{L}[^"]*"|(?:^|[\s(])'[^'\s][^']*[^'\s]'(?:$|[\s).,;:!?])"#),
});

/// Whether the goal names what changes: visitors, tickets, sign-ups, subscriptions,
/// revenue, occupancy, reach, followers, members, satisfaction, … ("bezoekers",
/// "kaartverkoop", "nieuwsbriefabonnees", "revenue", "sign-ups"), also inside Dutch
/// compounds, or counts a group of people ("het aantal kinderen", "meer studenten", "more
/// young people": the group's attendance). "Publieksdata" is data, not a quantity that
/// changes.
pub fn changes_something(text: &str) -> bool {
    let kept: Vec<String> = words(text)
        .into_iter()
        .filter(|word| !word.contains("publieksdata"))
        .collect();
    lists()
        .smart
        .what
        .found_in(&format!(" {} ", kept.join(" ")))
        || counts_people(&kept)
}

/// Whether a group of people follows a word of quantity: "aantal", "meer", "minder",
/// "zoveel", "more", "fewer", "many", "number of", maybe with a filler between ("meer
/// nieuwe gezinnen", "twice as many students").
fn counts_people(words: &[String]) -> bool {
    let lists = &lists().smart;
    (0..words.len()).any(|at| {
        let quantity = lists
            .quantity
            .iter()
            .any(|phrase| ends_with_phrase(&words[..=at], phrase));
        quantity
            && words
                .iter()
                .skip(at + 1)
                .find(|next| !lists.count_fillers.contains(&next.as_str()))
                .is_some_and(|next| lists.group.found_in(&format!(" {next} ")))
    })
}

/// Whether `words` ends with the words of `phrase` ("number of").
fn ends_with_phrase(words: &[String], phrase: &str) -> bool {
    let parts = phrase.split(' ').count();
    words.len() >= parts
        && words[words.len() - parts..]
            .iter()
            .zip(phrase.split(' '))
            .all(|(word, part)| word == part)
}

/// Whether the goal narrows what changes to at least one of: a target group (an age such
/// as "25 jaar", "onder de 35", "18-30 jarigen"; a group such as "jongeren", "studenten",
/// "gezinnen", "nieuwe bezoekers", "first-time visitors"; a segment), a place ("gemeente
/// Utrecht", "in Amsterdam", "uit de regio", "district"), a production, exhibition or
/// programme ("voorstelling x", "de tentoonstelling", "festival", a quoted title, a
/// capitalised name after "voor"/"for") or a channel ("webshop", "Instagram",
/// "nieuwsbrief", "e-mail", "app"). Dates do not narrow: "in December" is no place and
/// "binnen 2 jaar" no age.
pub fn narrows(text: &str) -> bool {
    let padded = format!(" {} ", words(text).join(" "));
    let smart = &lists().smart;
    let lexicons: [&Lexicon; 4] = [&smart.group, &smart.place, &smart.programme, &smart.channel];
    if lexicons.iter().any(|lexicon| lexicon.found_in(&padded)) {
        return true;
    }
    let prepared = Prepared::new(text);
    let times: Vec<Range<usize>> = scan(&prepared.text)
        .into_iter()
        .map(|found| found.range)
        .collect();
    let without_times = blank_out(&prepared.text, &times);
    !age_ranges(&without_times).is_empty()
        || names_place(&prepared, &without_times)
        || PATTERNS.quoted.is_match(&prepared.text)
}

/// The byte ranges of every age or age range in `text` (the matching form, with the
/// expressions of time blanked out): "25 jaar", "25-jarigen", "onder de 35", "tussen 18
/// en 30", "18-30", "65+", "aged 25", "under 35". A number that counts something ("over
/// 500 visitors", "tussen 10 en 15 procent") is no age.
pub(super) fn age_ranges(text: &str) -> Vec<Range<usize>> {
    let patterns = &*PATTERNS;
    let mut ranges: Vec<Range<usize>> = patterns
        .age_word
        .find_iter(text)
        .map(|found| found.range())
        .collect();
    for regex in [&patterns.age_bound, &patterns.age_range, &patterns.age_plus] {
        for captures in regex.captures_iter(text) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            let number = |name: &str| {
                captures
                    .name(name)
                    .and_then(|found| found.as_str().parse::<u32>().ok())
            };
            let plausible = [number("n"), number("m")]
                .into_iter()
                .flatten()
                .all(|age| age <= MAX_AGE);
            let ordered = match (number("n"), number("m")) {
                (Some(low), Some(high)) => low < high,
                _ => true,
            };
            if plausible && ordered && !counts_something(&text[whole.end()..]) {
                ranges.push(whole.range());
            }
        }
    }
    ranges
}

/// The byte ranges of quoted titles in `text` (the matching form): "…" and '…'.
pub(super) fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    PATTERNS
        .quoted
        .find_iter(text)
        .map(|found| found.range())
        .collect()
}

/// Whether the text right after a number says what the number counts or measures: a
/// percent sign, a unit ("procent", "euro", "keer", "uur") or a counted thing, maybe after
/// a filler ("500 extra bezoekers", "100 new members").
pub(super) fn counts_something(after: &str) -> bool {
    let after = after.trim_start();
    if after.starts_with(['%', '€', '+']) || after.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let lists = &lists().smart;
    let next: Vec<String> = words(after).into_iter().take(4).collect();
    let Some(word) = next
        .iter()
        .find(|word| !lists.count_fillers.contains(&word.as_str()))
    else {
        return false;
    };
    lists.amount_units.contains(&word.as_str()) || lists.what.found_in(&format!(" {word} "))
}

/// Whether a capitalised name follows "in", "uit", "from", "voor", "bij", … ("in
/// Amsterdam", "uit Zeist", "voor Hamlet", "at Paradiso"): a place or a production, unless
/// it is a month, a weekday or a language.
fn names_place(prepared: &Prepared, text: &str) -> bool {
    PATTERNS.place.captures_iter(text).any(|captures| {
        captures.name("name").is_some_and(|name| {
            prepared.is_uppercase_at(name.start())
                && month_name(name.as_str()).is_none()
                && !lists().smart.not_places.contains(&name.as_str())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specific_table() {
        // (text, names what changes, narrows it)
        let cases = [
            ("bezoekersaantallen verhogen", true, false),
            (
                "Het aantal bezoekers uit de gemeente Utrecht van 25 jaar oud, voor voorstelling \
                 x, verhogen met 10% vóór december 2023.",
                true,
                true,
            ),
            ("Meer publieksdata verzamelen", false, false),
            ("De kaartverkoop via de webshop verhogen", true, true),
            ("Meer jongeren bereiken", true, true),
            ("Meer Instagram-volgers", true, true),
            ("Het aantal nieuwsbriefabonnees verhogen", true, true),
            ("Meer omzet", true, false),
            ("Meer herhaalbezoek", true, false),
            ("Increase revenue", true, false),
            ("Increase ticket sales among students", true, true),
            ("More first-time visitors", true, true),
            ("Meer bezoekers uit Amsterdam", true, true),
            ("meer bezoekers uit amsterdam", true, true),
            ("Meer bezoekers uit Zeist", true, true),
            ("Meer bezoekers in December", true, false),
            ("More visitors in Q2", true, false),
            ("Meer bezoekers binnen 2 jaar", true, false),
            ("Meer bezoekers van 25 jaar", true, true),
            ("Meer bezoekers onder de 35", true, true),
            ("Meer bezoekers tussen 18 en 30", true, true),
            ("more visitors aged 18-30", true, true),
            ("more visitors over 500", true, false),
            ("Meer bezoekers voor de tentoonstelling", true, true),
            ("Meer kaartjes voor \"De Nachtwacht\"", true, true),
            ("Meer kaartjes voor ‘De Nachtwacht’", true, true),
            ("Meer bezoekers voor het festival", true, true),
            ("Meer leden in de regio", true, true),
            ("Hogere bezettingsgraad in de grote zaal", true, true),
            ("Meer tevredenheid onder gezinnen", true, true),
            ("Improve satisfaction of families", true, true),
            ("Meer donateurs via e-mail", true, true),
            ("Meer aanmeldingen via de app", true, true),
            ("More sign-ups in the district", true, true),
            ("Meer applaus", false, false),
            ("We willen groeien", false, false),
            ("Drie jaar geleden was het beter", false, false),
            ("Meer senioren", true, true),
            ("Senioren", false, true),
            ("Het aantal kinderen bij de familievoorstelling", true, true),
            ("3 times more young people at our concerts", true, true),
            ("3x zoveel scholieren", true, true),
            ("Meer bezoekers voor Hamlet", true, true),
            ("Meer bezoekers voor december", true, false),
            ("", false, false),
        ];
        for (text, what, narrowed) in cases {
            assert_eq!(changes_something(text), what, "changes_something({text:?})");
            assert_eq!(narrows(text), narrowed, "narrows({text:?})");
        }
    }

    #[test]
    fn age_ranges_table() {
        let cases = [
            ("bezoekers van 25 jaar oud", 1),
            ("25-jarigen", 1),
            ("onder de 35", 1),
            ("tussen 18 en 30", 1),
            ("18-30", 1),
            ("65+", 1),
            ("over 500 visitors", 0),
            ("tussen 10 en 15 procent", 0),
            ("10-15%", 0),
            ("1-2 weken", 0),
            ("30-18", 0),
            ("met 10%", 0),
        ];
        for (text, want) in cases {
            assert_eq!(age_ranges(text).len(), want, "age_ranges({text:?})");
        }
    }

    #[test]
    fn patterns_compile() {
        let patterns = &*PATTERNS;
        assert!(patterns.age_word.is_match("25 jaar"));
        assert!(patterns.place.is_match("uit Utrecht"));
        assert_eq!(quoted_ranges("de show \"X\" en 'Y z'").len(), 2);
    }
}
