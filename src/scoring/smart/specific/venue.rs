//! What names the venue itself, the public or the whole offer, taken out of a goal before
//! its narrowing is read: these narrow nothing (see the header of the corpus).

use std::ops::Range;
use std::sync::LazyLock;

use super::PATTERNS;
use crate::scoring::lexicon::lists;
use crate::scoring::normalize::words;
use crate::scoring::smart::text::Prepared;
use crate::scoring::smart::words::number_word;

/// The words of the goal after its subject (`subject`, a byte end in the matching form),
/// padded (" word word "), for matching the word lists: without the whole offer, the
/// public by its habit, the verb after a modal, a headline venue, the offer counted and an
/// opening verb; a quantity named in more words is written as one.
pub(super) fn listed_words(prepared: &Prepared, subject: usize) -> String {
    let mut padded = format!(" {} ", words(&prepared.text[subject..]).join(" "));
    let phrases = &*PHRASES;
    for whole in &phrases.whole_offer {
        if padded.contains(whole.as_str()) {
            padded = padded.replace(whole.as_str(), " ");
        }
    }
    // A quantity named in more than one word is one thing counted: "no-shows" names no
    // show, "Net Promoter Score" no name.
    for (spaced, joined) in &phrases.what_joined {
        if padded.contains(spaced.as_str()) {
            padded = padded.replace(spaced.as_str(), joined);
        }
    }
    // "concertgoers", "festivalgangers": the public by its habit, whatever it goes to; and
    // the verb after a modal or "how we" is no production ("should play", "will show", "how
    // we talk").
    let split: Vec<&str> = padded.split(' ').collect();
    let padded: String = split
        .iter()
        .enumerate()
        .filter(|(at, word)| {
            let habitual = HABITUAL.iter().any(|habit| word.contains(habit));
            let a_verb = *at > 0 && MODALS.contains(&split[at - 1])
                || *at > 1 && PRONOUNS.contains(&split[at - 1]) && MANNER.contains(&split[at - 2]);
            !habitual
                && !a_verb
                && !of_all(&split[..*at], word)
                && !all_of_ours(&split[..*at], word)
                && !of_a_kind(&split[..*at], word)
        })
        .map(|(_, word)| *word)
        .collect::<Vec<_>>()
        .join(" ");
    without_opening_verb(&without_counted_offer(&without_headline_venue(&padded)))
}

/// The phrases of the word lists as [`listed_words`] and [`what_phrases`] look for them,
/// written out once rather than for every goal.
struct Phrases {
    /// The whole offer, padded: " onze programmering ".
    whole_offer: Vec<String>,
    /// A quantity in more than one word and the same as one word: (" no show", " noshow").
    what_joined: Vec<(String, String)>,
    /// A quantity in more than one word, with spaces and with hyphens.
    what_written: Vec<String>,
}

/// The phrases, written out on first use.
static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let smart = &lists().smart;
    Phrases {
        whole_offer: smart
            .whole_offer
            .iter()
            .map(|whole| format!(" {whole} "))
            .collect(),
        what_joined: smart
            .what
            .phrases()
            .map(|phrase| {
                (
                    format!(" {phrase}"),
                    format!(" {}", phrase.replace(' ', "")),
                )
            })
            .collect(),
        what_written: smart
            .what
            .phrases()
            .flat_map(|phrase| [phrase.to_owned(), phrase.replace(' ', "-")])
            .collect(),
    }
});

/// The byte ranges in the matching form of every quantity named in more than one word,
/// written with spaces or hyphens ("no-shows", "net promoter"), with the capitalised words
/// that go on with it ("Net Promoter Score" is a term, not a name).
pub(super) fn what_phrases(prepared: &Prepared) -> Vec<Range<usize>> {
    let text = &prepared.text;
    let mut ranges = Vec::new();
    for written in &PHRASES.what_written {
        for (at, found) in text.match_indices(written.as_str()) {
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

/// Whether `word`, after the words `before`, is every one of a kind of offer, channel or
/// place: "alle kanalen", "over alle voorstellingen heen", "across the whole programme",
/// "every hall" name all of them, the venue itself, and narrow nothing. A group stays a
/// group ("alle basisscholen").
fn of_all(before: &[&str], word: &str) -> bool {
    let mut before = before.iter().rev().filter(|word| !word.is_empty());
    let quantifier = match before.next() {
        Some(last) if DETERMINERS.contains(last) => before.next(),
        last => last,
    };
    quantifier.is_some_and(|quantifier| ALL.contains(quantifier)) && !is_group(word)
}

/// Whether a word names a group of people: from the word lists, or a noun for people by
/// its ending.
fn is_group(word: &str) -> bool {
    let padded = format!(" {word} ");
    let smart = &lists().smart;
    smart.group.found_in(&padded)
        || lists().statement.audience.found_in(&padded)
        || smart.person_endings.iter().any(|end| word.ends_with(end))
}

/// Words that take every one of a kind: "alle", "all", "whole", "every".
pub(super) const ALL: &[&str] = &[
    "alle", "all", "whole", "every", "each", "elke", "ieder", "iedere",
];

/// Determiners that may stand between [`ALL`] and its noun ("alle onze zalen", "the whole
/// programme" after "across").
pub(super) const DETERMINERS: &[&str] = &["onze", "ons", "our", "de", "het", "the"];

/// Whether `word`, after the words `before`, names every place of the venue: a plural
/// place after a possessive ("aan onze vestigingen", "our galleries") is the venue itself,
/// as "het museum" is, and narrows nothing.
fn all_of_ours(before: &[&str], word: &str) -> bool {
    let plural = word.ends_with('s') || word.ends_with("en");
    before.last().is_some_and(|last| POSSESSIVES.contains(last))
        && plural
        && lists().smart.place.found_in(&format!(" {word} "))
}

/// Whether `word`, after the words `before`, is an offer of a kind rather than a named one:
/// after "een"/"a" and a comparative ("een fijnere avond uit", "a better show", also of a
/// place: "een vollere zaal") it says how good, not which.
fn of_a_kind(before: &[&str], word: &str) -> bool {
    let comparative = |adjective: &str| {
        (adjective.len() > MIN_COMPARATIVE && adjective.ends_with("ere"))
            || ["better", "beter"].contains(&adjective)
    };
    let padded = format!(" {word} ");
    let offer = lists().smart.programme.found_in(&padded) || lists().smart.place.found_in(&padded);
    matches!(before, [.., article, adjective] if ["een", "a", "an"].contains(article) && comparative(adjective))
        && offer
}

/// A Dutch comparative ending in "-ere" is longer than this ("fijnere", not "ere").
const MIN_COMPARATIVE: usize = 4;

/// English subject pronouns after a word of manner: the word after them is a verb ("how we
/// talk to our audiences", "what they play"). Not after any "we": Dutch "we" also follows
/// its verb ("zien we de besteding").
const PRONOUNS: &[&str] = &["we", "they", "you", "i"];

/// Words of manner or object before such a pronoun ("how", "what", "the way").
const MANNER: &[&str] = &["how", "what", "way"];

/// The possessives of the organisation speaking of itself.
const POSSESSIVES: &[&str] = &["onze", "ons", "our"];

/// English modals: the word after one is a verb ("The orchestra should play for more
/// people").
const MODALS: &[&str] = &[
    "should", "will", "must", "can", "could", "would", "shall", "may", "might",
];

/// The word parts of a noun for the public by its habit ("concertgoers", "theatergangers").
const HABITUAL: &[&str] = &[
    "goer",
    "ganger",
    // Visitors or the public of an art form in general, as "concertgoers" are.
    "concertbezoek",
    "concertpubliek",
    "theaterbezoek",
    "theaterpubliek",
];

/// Prepositions after which a noun of the offer, bare or with "de"/"the", is the offer in
/// general: "rondom concerten", "at events", "naar de voorstellingen".
const BARE_AFTER: &[&str] = &[
    "rondom", "rond", "om", "bij", "voor", "na", "tijdens", "naar", "op", "aan", "in", "met",
    "van", "around", "at", "for", "after", "during", "to", "on", "with", "of",
];

/// Words before a noun of the offer that take any one or each one of it: "een
/// voorstelling", "a concert", "per concert", "elk concert" ("elke voorstelling", "every
/// show" and the like are [`ALL`]'s, read by [`of_all`] before this).
const ANY_ONE: &[&str] = &["a", "an", "een", "per", "elk"];

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
    // "a concert", "een voorstelling": any one of them, the offer too; and so is each one
    // of them ("per concert", "elke voorstelling", "every show").
    let any_one = |at: usize, word: &str| {
        let plural = [format!("{word}s"), format!("{word}en")];
        at > 0 && ANY_ONE.contains(&words[at - 1]) && plural.iter().any(|plural| offered(plural))
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
/// So is every one of a kind that is not a group ("via alle kanalen", "across the whole
/// programme").
pub(super) fn whole_offer_blanked(visible: &str) -> String {
    let mut out = visible.to_owned();
    for whole in lists().smart.whole_offer {
        out = out.replace(whole, &"~".repeat(whole.len()));
    }
    let all: Vec<_> = PATTERNS
        .of_all
        .captures_iter(&out)
        .filter(|captures| {
            captures
                .name("noun")
                .is_some_and(|noun| !is_group(noun.as_str()))
        })
        .filter_map(|captures| captures.get(0).map(|whole| whole.range()))
        .collect();
    for range in all {
        out.replace_range(range.clone(), &"~".repeat(range.len()));
    }
    out
}
