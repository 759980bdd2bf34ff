//! A goal written under a heading ("Foodcourt: …", "Traders: …", "Sunrise yoga by the
//! lake: …"): the heading names what the goal is about, and a heading that names an
//! activity, place, group or channel narrows the goal as the same words in a sentence do.

use super::phrase::is_activity;
use crate::scoring::lexicon::lists;
use crate::scoring::normalize::words;

/// A heading is at most this many words ("Walled garden glasshouse café").
const MAX_WORDS: usize = 6;

/// Words that make a heading a label, a person or a wish rather than a topic: "Doel:",
/// "Owner:", "Vraagje van de stagiair:", "Volunteer coordinator here:", "Meer impact:",
/// "Onze zichtbaarheid moet omhoog:", "Alle concerten bij elkaar:". Closed-class words of
/// the grammar, so they stay with the rule that reads them.
const NOT_A_TOPIC: &[&str] = &[
    "doel",
    "doelen",
    "goal",
    "goals",
    "target",
    "aim",
    "trekker",
    "lead",
    "owner",
    "eigenaar",
    "verantwoordelijk",
    "responsible",
    "vraag",
    "vraagje",
    "question",
    "note",
    "update",
    "idee",
    "idea",
    "hier",
    "here",
    "meer",
    "more",
    "minder",
    "fewer",
    "less",
    "onze",
    "ons",
    "our",
    "alle",
    "all",
    "we",
    "wij",
    "ik",
    "moet",
    "must",
    "should",
    "elkaar",
    "together",
    "totaal",
    "total",
    "overall",
    // The guide's ways of working, not topics: "Programmeren op vraag:", "Programme on
    // demand:", "Klantreis:", "Customer journey:".
    "demand",
    "klantreis",
    "journey",
];

/// Whether the goal opens with a heading before a colon that names a topic: one of its
/// words can narrow as the noun of a phrase does (see [`is_activity`]): not the venue,
/// the public, what is counted, a time or a unit. `visible` is the matching form with the
/// expressions of time and the whole offer blanked out.
pub(super) fn names_a_topic(visible: &str) -> bool {
    let Some((heading, rest)) = visible.split_once(':') else {
        return false;
    };
    let words = words(heading);
    !rest.trim().is_empty()
        && !words.is_empty()
        && words.len() <= MAX_WORDS
        && !words.iter().any(|word| NOT_A_TOPIC.contains(&word.as_str()))
        // "Leden tevredener:", "Donaties:": a heading that opens with what is counted
        // says what changes, not for whom.
        && !lists().smart.what.found_in(&format!(" {} ", words[0]))
        && words
            .iter()
            .enumerate()
            // "Earned income:", "Restricted funds:": a participle before a noun says which
            // money or people, as an adjective does; it is no topic of its own.
            .any(|(at, word)| is_activity(word) && !(word.ends_with("ed") && at + 1 < words.len()))
}
