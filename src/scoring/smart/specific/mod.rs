//! "Specific": the goal names what changes and narrows it to a target group, a place, a
//! production or programme, or a channel.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

pub(super) mod clauses;
mod headline;
mod names;
mod phrase;
mod slot;
mod venue;
mod venue_subject;
mod what;

pub use what::changes_something;

use super::calendar::scan;
use super::text::{Prepared, blank_out, compile};
use super::words::alternation;
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
    from_before: Regex,
    age_unit_after: Regex,
    digits_go_on: Regex,
    age_decade: Regex,
    age_plural_word: Regex,
    place: Regex,
    name: Regex,
    quoted: Regex,
    of_all: Regex,
}

/// The patterns, compiled on first use.
pub(super) static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    age_word: compile(
        r"\b\d{1,3}\s*(?:-\s*)?(?:jaar\b|jarig\w*|jr\b|years?\b|yrs?\b|year-olds?\b|yo\b|y/o\b)",
    ),
    age_bound: compile(concat!(
        r"\b(?:onder|boven|tussen|vanaf|jonger\s+dan|ouder\s+dan|under|over|",
        r"between|aged|younger\s+than|older\s+than|ages|leeftijd(?:\s+van)?|",
        r"age(?:\s+of)?)(?:\s+|\s*-\s*)(?:de\s+|the\s+|",
        r"age\s+of\s+)?(?P<n>\d{1,3})s?\b(?:\s*(?:-|tot|to|en|and|",
        r"t/m)\s*(?P<m>\d{1,3})\b)?",
    )),
    // "18-30", "14-18s" (teenagers of those ages, as "the 20s").
    age_range: compile(r"\b(?P<n>\d{1,2})\s*(?:-|(?P<to>tot|to|t/m))\s*(?P<m>\d{1,3})s?\b"),
    from_before: compile(r"\b(?:van|from)\s*$"),
    digits_go_on: compile(r"^[.,]\d"),
    age_unit_after: compile(r"^\s*(?:-\s*)?(?:jaar\b|jarig\w*|jr\b|years?\b|yrs?\b|year-olds?\b)"),
    age_plus: compile(r"\b(?P<n>\d{1,3})\s*(?:\+|-?\s*plusser\w*)"),
    // "20-ers", "people in their 30s".
    age_decade: compile(r"\b[1-9]0(?:\s*-?\s*ers|'?s)\b"),
    // "under-fives", "over twelves".
    age_plural_word: compile(&format!(
        r"\b(?:under|over|onder|boven)(?:\s+|\s*-\s*)(?:{})s\b",
        alternation(lists().numbers.words.iter().map(|(word, _)| *word))
    )),
    place: compile(concat!(
        r"\b(?:in|uit|from|rond|around|near|nabij|te|voor|for|bij|at|buiten|outside|de|het|",
        r"the)\s+(?:(?:de|het|the|buiten|outside)\s+)?(?P<name>\p{L}[\p{L}'-]+)\b",
    )),
    name: compile(r"\b\p{L}[\p{L}'-]*\p{L}"),
    quoted: compile(r#""[^"]*\p{L}[^"]*"|(?:^|[\s(])'[^'\s][^']*[^'\s]'(?:$|[\s).,;:!?])"#),
    // "alle kanalen", "over alle voorstellingen heen", "across the whole programme": the
    // words of `venue::of_all`, so the two readings cannot drift apart.
    of_all: compile(&format!(
        r"\b(?:{})\s+(?:(?:{})\s+)?(?P<noun>\p{{L}}[\p{{L}}-]*)",
        alternation(venue::ALL.iter().copied()),
        alternation(venue::DETERMINERS.iter().copied()),
    )),
});

/// Whether the goal narrows what changes to at least one of: a target group (an age such
/// as "25 jaar", "onder de 35", "18-30 jarigen"; a group such as "jongeren", "studenten",
/// "gezinnen", "nieuwe bezoekers", "first-time visitors"; a segment), a place ("gemeente
/// Utrecht", "in Amsterdam", "uit de regio", "district"), a production, exhibition or
/// programme ("voorstelling x", "de tentoonstelling", a quoted title, a capitalised name
/// after "voor"/"for" or an article, any proper name inside a sentence such as
/// "Rotterdammers") or a channel ("webshop", "Instagram", "nieuwsbrief", "e-mail", "app",
/// also as the head of a compound: "museumapp").
///
/// Beyond the word lists, the grammar narrows: an activity after a preposition ("aan de
/// schrijfwedstrijd", "at the skating rink", "bezoekers van de kerstmarkt"), a channel
/// after "via"/"through" or a means after a bare "by" ("via de QR-code", "by bike"), a
/// group named by its ending after a preposition ("voor mantelzorgers", "among shift
/// workers"), the public restricted by a clause or "with" ("people who don't read",
/// "visitors with dementia") and people doing something ("volunteers restoring the
/// narrowboat"); a clause with a negation restricts the public even about coming to us
/// ("mensen die nog nooit bij ons zijn geweest"); a recurring slot of the week narrows as
/// a series does ("doordeweekse middagen", "Friday evenings"); see the modules `phrase`,
/// `clauses` and `slot`.
///
/// Nothing narrows that is the venue itself, the public or the whole offer, as the corpus
/// header defines: the venue named ("het festival", "the castle", "ons kasteel", also as
/// the subject, "Het festival wil …", or a headline, "Festival attendance", "Hall
/// occupancy"), its collection, hall or town named bare ("onze collectie", "de zaal", "the
/// city"), the public by its habit ("concertgoers"), the offer in general ("onze
/// programmering", "rondom concerten", "naar de voorstellingen", "a concert") or counted
/// ("25 extra voorstellingen", "the number of events", an opening imperative "Programme
/// …"). Nor do a time, a comparison or an idiom ("op de lange termijn", "tijdens de
/// kerstvakantie", "in de loop van") or a date: "in December" is no place and "binnen 2
/// jaar" no age. Nor do a clause of reason ("zodat de gemeente ons blijft financieren",
/// ", want de provincie kijkt mee"), the amount of a change after "met" ("bezoekers met
/// een kwart"), a hall of a kind ("een vollere zaal"), "on site",
/// the venue's own places, all of them ("onze vestigingen", "our galleries"), an offer of
/// a kind ("een fijnere avond uit") or the ticket income as a whole ("box office
/// takings"). A quantity named in more words is one thing ("no-shows", "Net Promoter
/// Score").
pub fn narrows(text: &str) -> bool {
    let text = &clauses::without_reasons(text);
    let prepared = Prepared::new(text);
    // The venue as the subject ("Het festival wil …") is the speaker, not a narrowing.
    let subject = venue_subject::venue_subject_end(&prepared).unwrap_or(0);
    let padded = venue::listed_words(&prepared, subject);
    let smart = &lists().smart;
    let lexicons: [&Lexicon; 4] = [&smart.group, &smart.place, &smart.programme, &smart.channel];
    let heads = phrase::with_heads(&padded);
    if lexicons.iter().any(|lexicon| lexicon.found_in(&padded))
        || [&smart.programme, &smart.channel]
            .iter()
            .any(|lexicon| lexicon.found_in(&heads))
    {
        return true;
    }
    let mut times: Vec<Range<usize>> = scan(&prepared.text)
        .into_iter()
        .map(|found| found.range)
        .collect();
    times.push(0..subject);
    times.extend(venue::what_phrases(&prepared));
    let without_times = blank_out(&prepared.text, &times);
    let offered = venue::whole_offer_blanked(&without_times);
    !age_ranges(&without_times).is_empty()
        || names::names_place(text, &prepared, &without_times)
        || names::names_something(text, &prepared, &without_times)
        || phrase::names_an_activity(&offered)
        || headline::names_a_topic(&offered)
        || clauses::narrows_by_clause(&offered)
        || slot::names_a_slot(&offered)
        || PATTERNS.quoted.is_match(&prepared.text)
}

/// The byte ranges of every age or age range in `text` (the matching form, with the
/// expressions of time blanked out): "25 jaar", "25-jarigen", "onder de 35", "tussen 18
/// en 30", "18-30", "65+", "aged 25", "under 35". A number that counts something ("over
/// 500 visitors", "tussen 10 en 15 procent") is no age.
pub(super) fn age_ranges(text: &str) -> Vec<Range<usize>> {
    let patterns = &*PATTERNS;
    let mut ranges: Vec<Range<usize>> = [
        &patterns.age_word,
        &patterns.age_decade,
        &patterns.age_plural_word,
    ]
    .into_iter()
    .flat_map(|regex| regex.find_iter(text).map(|found| found.range()))
    .collect();
    for regex in [&patterns.age_bound, &patterns.age_range, &patterns.age_plus] {
        for captures in regex.captures_iter(text) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            // "van 50 tot 80", "from 50 to 80": a change, not an age range, unless an age
            // unit follows ("van 4 tot 12 jaar").
            // "jongvolwassenen van 20 tot 35": after a group, the ages of that group.
            let change = captures.name("to").is_some()
                && patterns.from_before.is_match(&text[..whole.start()])
                && !patterns.age_unit_after.is_match(&text[whole.end()..])
                && !group_before(&text[..whole.start()]);
            if change {
                continue;
            }
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
            // "over 1,000", "boven de 100.000": the first digits of a larger number.
            let cut_short = PATTERNS.digits_go_on.is_match(&text[whole.end()..]);
            if plausible && ordered && !cut_short && !counts_something(&text[whole.end()..]) {
                ranges.push(whole.range());
            }
        }
    }
    ranges
}

/// Whether the word before "van"/"from" at the end of `before` names a group of people
/// ("jongvolwassenen van 20 tot 35").
fn group_before(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (Some(_from), Some(word)) = (words.next(), words.next()) else {
        return false;
    };
    let padded = format!(" {word} ");
    lists().smart.group.found_in(&padded) || lists().statement.audience.found_in(&padded)
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
/// a filler ("500 extra bezoekers", "100 new members", "25 extra performances").
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
    let padded = format!(" {word} ");
    // "two thousand people": people counted, as "500 visitors" are.
    lists.amount_units.contains(&word.as_str())
        || crate::scoring::lexicon::lists()
            .statement
            .audience
            .found_in(&padded)
        || lists.what.found_in(&padded)
        || lists.group.found_in(&padded)
        || lists.programme.found_in(&padded)
}

#[cfg(test)]
mod grammar_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod vocabulary_tests;
