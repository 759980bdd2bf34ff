//! Narrowing read from the grammar of a goal rather than from the word lists: an activity
//! named in a prepositional phrase ("aan de schrijfwedstrijd", "at the organ recitals") and
//! the head of a Dutch compound ("museumapp"). The venue itself, which does not narrow, is in
//! `venue_subject.rs`: its words, and the venue as the subject of the goal.

use std::sync::LazyLock;

use regex::Regex;

use super::venue_subject::venue_words;
use crate::scoring::lexicon::lists;
use crate::scoring::smart::text::compile;
use crate::scoring::smart::words::{month_name, number_word};

/// Words after an article that make the phrase a time, a comparison or a whole rather
/// than an activity ("de komende periode", "the previous year", "the same level", "de
/// lange termijn"), and abstract nouns that name none ("de rest", "the building",
/// "thanks to the work of …").
const NOT_ACTIVITIES: &[&str] = &[
    "vorige",
    "vorig",
    "komende",
    "volgende",
    "huidige",
    "zelfde",
    "hele",
    "gehele",
    "eerste",
    "laatste",
    "lange",
    "korte",
    "previous",
    "last",
    "coming",
    "next",
    "following",
    "current",
    "same",
    "whole",
    "entire",
    "first",
    "long",
    "short",
    "rest",
    "toekomst",
    "future",
    "termijn",
    "term",
    "periode",
    "period",
    "niveau",
    "level",
    "gemiddelde",
    "average",
    "gebouw",
    "building",
    "pand",
    "algemeen",
    "general",
    "basis",
    "moment",
    "tijd",
    "time",
    "werk",
    "work",
    "inzet",
    "effort",
    "efforts",
    "hulp",
    "help",
    "steun",
    "support",
    // "op de kaart zetten": the map, being known.
    "kaart",
    // "through our doors", "onder de aandacht": coming in, being noticed.
    "deur",
    "deuren",
    "door",
    "doors",
    "aandacht",
    "attention",
    // "from the ground up", "from the outset": idioms of how or when.
    "ground",
    "outset",
    "scratch",
    // Idioms and the world at large: "in de loop van", "in de gaten", "in de praktijk",
    // "voor de prijs van", "in de samenleving", "in the community".
    "loop",
    "gaten",
    "praktijk",
    "practice",
    "prijs",
    "price",
    "samenleving",
    "maatschappij",
    "gemeenschap",
    "community",
    "termen",
    "terms",
    "handen",
    "hands",
    "back",
    // The start of a stretch of time: "aan het begin van het seizoen".
    "start",
    "begin",
    "aanvang",
];

/// Word endings of abstract nouns of the organisation's own plans and works: "op basis
/// van het nieuwe prijsbeleid", "in the first year of the plan", "on the back of the
/// refurbishment" name no activity for the public.
const ABSTRACT_ENDINGS: &[&str] = &[
    "beleid",
    "plan",
    "strategie",
    "strategy",
    "policy",
    "renovatie",
    "renovation",
    "verbouwing",
    "refurbishment",
];

/// Nouns for a stretch of time, also as the head of a compound ("tijdens de
/// kerstvakantie", "the festival weekend"): dates do not narrow.
const TIMES: &[&str] = &[
    "vakantie",
    "holiday",
    "holidays",
    "weekend",
    "weekends",
    "feestdagen",
    "seizoen",
    "season",
    "maand",
    "month",
    "jaar",
    "year",
];

/// Words that point rather than name ("the public this summer").
const DEICTIC: &[&str] = &["this", "that", "these", "those", "there", "here", "then"];

/// A noun after a preposition and an article is at least this long ("de rest" is no
/// activity).
const MIN_NOUN: usize = 4;

/// The shortest stem in front of a compound head ("museum" + "app").
const MIN_STEM: usize = 4;

/// The compiled patterns, built once.
struct Patterns {
    /// A preposition that ties a phrase to what changes, an article and the noun after it.
    phrase: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    // "in" only after a word of taking part ("take part in the bird count"): otherwise it
    // mostly names a time or the venue's town.
    // Only the preposition and article: the words after them are read separately, so that
    // one phrase does not swallow the next ("of the public taking part in the bird count").
    phrase: compile(concat!(
        r"\b(?:aan|bij|voor|op|tijdens|naar|van|uit|in|at|for|to|on|of|from|during|met|with)\s+",
        // A year or number between article and noun is a modifier ("the 2027 edition").
        r"(?:de|het|the)\s+(?:[~\d]+\s+)?",
    )),
});

/// Whether a prepositional phrase names an activity, production, place or part of the
/// venue: a preposition, "de"/"het"/"the" and a noun that is not the venue itself, the
/// public, the offer in general, a quantity, a unit, a time, an idiom or a date word
/// ("deelnemers aan de schrijfwedstrijd", "bezoekers van de kerstmarkt", "taking part in
/// the bird count", "entries to the writing competition"; not "in de loop van het jaar",
/// "tijdens de kerstvakantie", "naar de voorstellingen"). A filler, a season word that is
/// no date ("the summer terrace") or a possessive ("the castle's playground") between
/// article and noun is passed over; after a word for the public or for what is counted
/// the next word is the noun ("the visitor centre"). `visible` is the matching form with
/// the expressions of time blanked out.
pub(super) fn names_an_activity(visible: &str) -> bool {
    PATTERNS.phrase.find_iter(visible).any(|found| {
        // The phrase ends at the first sign that is no letter, space, hyphen or apostrophe.
        let rest = &visible[found.end()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_lowercase() || " -'".contains(c)))
            .unwrap_or(rest.len());
        let words: Vec<&str> = rest[..end]
            .split([' ', '-'])
            .filter(|word| !word.is_empty())
            .take(4)
            .collect();
        let Some(&first) = words.first() else {
            return false;
        };
        if NOT_ACTIVITIES.contains(&first) {
            return false;
        }
        let noun = head_noun(&words);
        is_activity(noun) || modified_head(&words).is_some_and(is_activity)
    })
}

/// The noun a phrase after its article names: the first word, or the word after it when
/// that is a filler ("de nieuwe tastroute"), a season or Christmas still visible, which is
/// no date but a modifier ("the Christmas market"), or a possessive ("the castle's
/// playground": what is named is the castle's, not the castle).
fn head_noun<'a>(words: &[&'a str]) -> &'a str {
    let fillers = &lists().smart.count_fillers;
    let calendar = &lists().calendar;
    let modifier = |word: &str| {
        fillers.contains(&word)
            || calendar.seasons.iter().any(|(name, _)| *name == word)
            || calendar.christmas.contains(&word)
            || word.ends_with("'s")
    };
    words
        .iter()
        .take(3)
        .copied()
        .find(|word| !modifier(word))
        .unwrap_or("")
}

/// The second noun of an English compound whose first is a word for the public or for what
/// is counted, or too short to be the head itself: "the visitor centre", "the ticket desk",
/// "the car park" name the centre, the desk and the park.
fn modified_head<'a>(words: &[&'a str]) -> Option<&'a str> {
    let bare = *words.first()?;
    let first = format!(" {bare} ");
    let short = bare.len() < MIN_NOUN && !lists().smart.not_counted.contains(&bare);
    let public =
        short || lists().smart.what.found_in(&first) || lists().statement.audience.found_in(&first);
    let second = *words.get(1)?;
    // Dutch writes such compounds as one word: a second word ending in "-en" there is a
    // verb ("van het publiek verhogen").
    (public && !DEICTIC.contains(&second) && !second.ends_with("en")).then_some(second)
}

/// The last word of every phrase that names the whole offer ("voorstellingen" of "onze
/// voorstellingen"), gathered once.
static OFFER_NOUNS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        lists()
            .smart
            .whole_offer
            .iter()
            .filter_map(|whole| whole.rsplit(' ').next())
            .collect()
    });

/// Whether a noun after a preposition and an article can narrow (see
/// [`names_an_activity`]).
pub(super) fn is_activity(noun: &str) -> bool {
    let smart = &lists().smart;
    let calendar = &lists().calendar;
    let padded = format!(" {noun} ");
    noun.len() >= MIN_NOUN
        && noun.chars().all(|c| c.is_ascii_alphabetic())
        && !venue_words().any(|venue| noun.ends_with(venue))
        && !NOT_ACTIVITIES.contains(&noun)
        && !smart.not_counted.contains(&noun)
        && !smart.count_fillers.contains(&noun)
        && !smart.amount_units.contains(&noun)
        && !smart.change_verbs.contains(&noun)
        // "naar de voorstellingen": all of them, the offer ("onze voorstellingen").
        && !OFFER_NOUNS.contains(noun)
        && !TIMES.iter().any(|time| noun.ends_with(time))
        && !ABSTRACT_ENDINGS.iter().any(|end| noun.ends_with(end))
        && !smart.quantity.contains(&noun)
        && !smart.measures.contains(&noun)
        && !smart.what.found_in(&padded)
        && !lists().statement.audience.found_in(&padded)
        && number_word(noun).is_none()
        && month_name(noun).is_none()
        && !calendar.units.iter().any(|unit| unit.word == noun)
        && !calendar.seasons.iter().any(|(name, _)| *name == noun)
        && !calendar.christmas.contains(&noun)
}

/// The words of `padded` (" word word ") with the head of every Dutch compound written
/// as a word of its own after it ("museumapp" → "museumapp app"), so that a whole-word
/// entry of a list is found as the head of a compound too. Every tail of a word that
/// leaves a stem of at least [`MIN_STEM`] letters in front is added.
pub(super) fn with_heads(padded: &str) -> String {
    let mut out = String::from(" ");
    for word in padded.split_whitespace() {
        out.push_str(word);
        out.push(' ');
        for (at, _) in word.char_indices().skip(MIN_STEM) {
            if word.len() - at >= 3 {
                out.push_str(&word[at..]);
                out.push(' ');
            }
        }
    }
    out
}
