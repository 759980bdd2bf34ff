//! "Specific": the goal names what changes and narrows it to a target group, a place, a
//! production or programme, or a channel.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod clauses;
mod names;
mod phrase;
mod what;

pub use what::changes_something;

use super::calendar::scan;
use super::text::{Prepared, blank_out, compile};
use super::words::{alternation, number_word};
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
    age_range: compile(r"\b(?P<n>\d{1,2})\s*(?:-|(?P<to>tot|to|t/m))\s*(?P<m>\d{1,3})\b"),
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
/// narrowboat"); see the modules `phrase` and `clauses`.
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
/// jaar" no age. A quantity named in more words is one thing ("no-shows", "Net Promoter
/// Score").
pub fn narrows(text: &str) -> bool {
    let prepared = Prepared::new(text);
    // The venue as the subject ("Het festival wil …") is the speaker, not a narrowing.
    let subject = phrase::venue_subject_end(&prepared).unwrap_or(0);
    let mut padded = format!(" {} ", words(&prepared.text[subject..]).join(" "));
    for whole in lists().smart.whole_offer {
        padded = padded.replace(&format!(" {whole} "), " ");
    }
    let smart = &lists().smart;
    // A quantity named in more than one word is one thing counted: "no-shows" names no
    // show, "Net Promoter Score" no name.
    for phrase in smart.what.phrases() {
        padded = padded.replace(
            &format!(" {phrase}"),
            &format!(" {}", phrase.replace(' ', "")),
        );
    }
    // "concertgoers", "festivalgangers": the public by its habit, whatever it goes to; and
    // the verb after a modal is no production ("should play", "will show").
    let split: Vec<&str> = padded.split(' ').collect();
    let padded: String = split
        .iter()
        .enumerate()
        .filter(|(at, word)| {
            let habitual = HABITUAL.iter().any(|habit| word.contains(habit));
            let after_modal = *at > 0 && MODALS.contains(&split[at - 1]);
            !habitual && !after_modal
        })
        .map(|(_, word)| *word)
        .collect::<Vec<_>>()
        .join(" ");
    let padded = without_headline_venue(&padded);
    let padded = without_opening_verb(&without_counted_offer(&padded));
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
    times.extend(what_phrases(&prepared));
    let without_times = blank_out(&prepared.text, &times);
    let offered = whole_offer_blanked(&without_times);
    !age_ranges(&without_times).is_empty()
        || names::names_place(&prepared, &without_times)
        || names::names_something(text, &prepared, &without_times)
        || phrase::names_an_activity(&offered)
        || clauses::narrows_by_clause(&offered)
        || PATTERNS.quoted.is_match(&prepared.text)
}

/// The byte ranges in the matching form of every quantity named in more than one word,
/// written with spaces or hyphens ("no-shows", "net promoter"), with the capitalised words
/// that go on with it ("Net Promoter Score" is a term, not a name).
fn what_phrases(prepared: &Prepared) -> Vec<Range<usize>> {
    let text = &prepared.text;
    let mut ranges = Vec::new();
    for phrase in lists().smart.what.phrases() {
        for written in [phrase.to_owned(), phrase.replace(' ', "-")] {
            for (at, found) in text.match_indices(&written) {
                let mut end = at + found.len();
                while let Some(word) = PATTERNS.name.find(&text[end..]) {
                    let start = end + word.start();
                    let joined = text[end..start].chars().all(|c| c == ' ' || c == '-');
                    if !(joined && prepared.is_uppercase_at(start)) {
                        break;
                    }
                    end += word.end();
                }
                ranges.push(at..end);
            }
        }
    }
    ranges
}

/// `padded` without its first word when that is the noun of a whole-offer phrase with its
/// article dropped, as a goal written as a headline does: "Hall occupancy at 85%" names
/// the hall as "the hall" does, "Festival attendance up 10%" the festival.
fn without_headline_venue(padded: &str) -> String {
    let mut words = padded.split_whitespace();
    let bare = |first: &str| {
        lists().smart.whole_offer.iter().any(|whole| {
            whole.split_once(' ').is_some_and(|(article, noun)| {
                noun == first && ["de", "het", "the"].contains(&article)
            })
        })
    };
    match words.next() {
        Some(first) if bare(first) => format!(" {} ", words.collect::<Vec<_>>().join(" ")),
        _ => padded.to_owned(),
    }
}

/// `padded` without its first word when that is a verb of change: the imperative that
/// opens a goal ("Programme 25 extra performances", "Show …") is no production.
fn without_opening_verb(padded: &str) -> String {
    let mut words = padded.split_whitespace();
    match words.next() {
        Some(first) if lists().smart.change_verbs.contains(&first) => {
            format!(" {} ", words.collect::<Vec<_>>().join(" "))
        }
        _ => padded.to_owned(),
    }
}

/// English modals: the word after one is a verb ("The orchestra should play for more
/// people").
const MODALS: &[&str] = &[
    "should", "will", "must", "can", "could", "would", "shall", "may", "might",
];

/// The word parts of a noun for the public by its habit ("concertgoers", "theatergangers").
const HABITUAL: &[&str] = &["goer", "ganger"];

/// Prepositions after which a noun of the offer, bare or with "de"/"the", is the offer in
/// general: "rondom concerten", "at events", "naar de voorstellingen".
const BARE_AFTER: &[&str] = &[
    "rondom", "rond", "om", "bij", "voor", "na", "tijdens", "naar", "op", "aan", "in", "met",
    "van", "around", "at", "for", "after", "during", "to", "on", "with", "of",
];

/// `padded` (" word word ") without the nouns of the whole offer that a number or a word
/// of measure counts, that stand bare after a preposition or that "a"/"een" takes one of:
/// "25 extra voorstellingen", "the number of events", "meer beleving rondom concerten",
/// "400 more people to a concert" name the offer itself, as
/// "onze voorstellingen" does, and narrow nothing. The nouns are the heads of the
/// whole-offer phrases ("onze voorstellingen" → "voorstellingen").
fn without_counted_offer(padded: &str) -> String {
    let smart = &lists().smart;
    let words: Vec<&str> = padded.split_whitespace().collect();
    let offered = |word: &str| {
        smart
            .whole_offer
            .iter()
            .any(|whole| whole.rsplit(' ').next() == Some(word))
    };
    // The words before `at`, nearest first, fillers passed over: a number or the end of
    // a word of measure ("het aantal", "the number of") there counts the word at `at`.
    let counted = |at: usize| {
        let before: Vec<&str> = words[..at]
            .iter()
            .rev()
            .copied()
            .skip_while(|word| smart.count_fillers.contains(word))
            .collect();
        let number = before.first().is_some_and(|word| {
            word.chars().all(|c| c.is_ascii_digit()) || number_word(word).is_some()
        });
        // "rondom concerten", "naar de voorstellingen": all of them, the offer.
        let article = before
            .first()
            .is_some_and(|word| ["de", "het", "the"].contains(word));
        let bare = before
            .get(usize::from(article))
            .is_some_and(|word| BARE_AFTER.contains(word));
        number
            || bare
            || smart.measures.iter().any(|measure| {
                let parts: Vec<&str> = measure.rsplit(' ').collect();
                before.len() >= parts.len() && before[..parts.len()] == parts[..]
            })
    };
    // "a concert", "een voorstelling": any one of them, the offer too.
    let any_one = |at: usize, word: &str| {
        let plural = [format!("{word}s"), format!("{word}en")];
        at > 0
            && ["a", "an", "een"].contains(&words[at - 1])
            && plural.iter().any(|plural| offered(plural))
    };
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(at, word)| !((offered(word) && counted(*at)) || any_one(*at, word)))
        .map(|(_, word)| *word)
        .collect();
    format!(" {} ", kept.join(" "))
}

/// `visible` with every phrase naming the whole offer ("onze programmering") blanked out.
fn whole_offer_blanked(visible: &str) -> String {
    let mut out = visible.to_owned();
    for whole in lists().smart.whole_offer {
        out = out.replace(whole, &"~".repeat(whole.len()));
    }
    out
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
            let change = captures.name("to").is_some()
                && patterns.from_before.is_match(&text[..whole.start()])
                && !patterns.age_unit_after.is_match(&text[whole.end()..]);
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
    lists.amount_units.contains(&word.as_str())
        || lists.what.found_in(&padded)
        || lists.group.found_in(&padded)
        || lists.programme.found_in(&padded)
}

#[cfg(test)]
mod tests;
