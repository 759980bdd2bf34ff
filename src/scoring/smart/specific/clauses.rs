//! Narrowing read from the grammar around a noun rather than from the word lists:
//! - a channel after "via"/"through" ("via de QR-code"), a means after a bare "by" ("by
//!   bike") and a kind of place after a bare "in" ("in care homes");
//! - a group of people named by its ending after a preposition ("voor mantelzorgers",
//!   "among shift workers");
//! - the public restricted by a relative clause, "with" or "without" ("people who don't
//!   read", "visitors with dementia", "mensen zonder rijbewijs"), a negated clause even
//!   about coming to us ("mensen die nog nooit bij ons zijn geweest");
//! - not a clause of reason, which says why rather than what ("so that we can keep
//!   touring"): [`without_reasons`] writes it over;
//! - an activity a group is doing ("volunteers restoring the narrowboat").

use std::sync::LazyLock;

use regex::Regex;

use super::phrase::is_activity;
use crate::scoring::lexicon::lists;
use crate::scoring::smart::target::find_target;
use crate::scoring::smart::text::compile;

/// A noun for people is longer than this ("ers" alone is none).
const MIN_PERSON: usize = 5;

/// How many words after a preposition the noun it governs may stand ("through the
/// contactless donation points", "for night shift workers").
const REACH: usize = 3;

/// The endings of a plural noun for people after a preposition of a group ("voor
/// mantelzorgers", "among shift workers", "onder verpleegkundigen"). Not "-ants", "-ents",
/// "-ees": "for events", "for grants", "for fees" name things.
const GROUP_ENDINGS: &[&str] = &["ers", "aars", "isten", "igen", "enden", "ists", "ians"];

/// Plural nouns with a person's ending that name no people ("voor de cijfers", "for the
/// posters") or no audience: the organisation's own partners and staff ("met hulp van
/// partners"). Closed-class exceptions of the ending rule, so they stay with it.
const NOT_PEOPLE: &[&str] = &[
    "partners",
    "medewerkers",
    "werkers",
    "numbers",
    "nummers",
    "cijfers",
    "letters",
    "papers",
    "posters",
    "flyers",
    "folders",
    "vouchers",
    "stickers",
    "banners",
    "filters",
    "centers",
    "orders",
    "borders",
    "others",
    "waters",
    "matters",
    "quarters",
    "computers",
    "covers",
    "chambers",
    "theaters",
];

/// Bare words after "by" that name no means: an amount, a time ("by half", "by then").
const NOT_MEANS: &[&str] = &["half", "then", "this", "that", "twice", "default", "itself"];

/// Words ending in "-ing" that are no verb of doing ("during the summer", "bring the …").
const NOT_DOING: &[&str] = &[
    "during",
    "including",
    "following",
    "regarding",
    "concerning",
    "bring",
    "spring",
    "string",
    "thing",
    "evening",
    "morning",
    "king",
    "wing",
];

/// Comparatives: a phrase that opens with one says how, not which ("through better
/// marketing").
const COMPARATIVES: &[&str] = &[
    "better",
    "beter",
    "betere",
    "more",
    "meer",
    "improved",
    "verbeterde",
    "stronger",
    "sterkere",
    "smarter",
    "slimmere",
    "clearer",
    "duidelijkere",
    "extra",
];

/// The institution speaking of itself: "people who visit us", "mensen die ons bezoeken".
const US: &[&str] = &["us", "ons", "onze", "our", "we", "wij"];

/// Negations: a clause with one restricts the public to those who do not ("people who have
/// never been", "mensen die nog nooit …").
const NEGATIONS: &[&str] = &[
    "nooit", "niet", "geen", "never", "not", "dont", "don't", "no",
];

/// Possessives: "with our programme" names the offer, not a group.
const POSSESSIVES: &[&str] = &[
    "ons", "onze", "hun", "our", "its", "their", "your", "jullie",
];

/// Articles and possessives passed over after a preposition.
const DETERMINERS: &[&str] = &[
    "de", "het", "een", "ons", "onze", "hun", "the", "a", "an", "our", "its", "their",
];

/// The compiled patterns, built once.
struct Patterns {
    /// "via"/"through" and the words after it.
    channel: Regex,
    /// "by" and a bare noun: a means ("by bike", "by public transport").
    means: Regex,
    /// "in" and a bare plural: a kind of place ("in care homes", "in wijkcentra").
    places: Regex,
    /// A preposition that ties a group to what changes, and the words after it.
    group: Regex,
    /// The public restricted by a relative clause or "with"/"without": "mensen die …",
    /// "people who …", "visitors with …".
    restricted: Regex,
    /// People doing something to a thing: "volunteers restoring the narrowboat".
    doing: Regex,
    /// A clause of reason or purpose, up to the next punctuation: "zodat de gemeente ons
    /// blijft financieren", "so that we can keep touring".
    reason: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    channel: compile(r"\b(?:via|through)\s+(?P<rest>[a-z][a-z' -]*)"),
    means: compile(r"\bby\s+(?P<noun>[a-z]+)\b"),
    places: compile(r"\bin\s+(?P<rest>[a-z][a-z' -]*)"),
    group: compile(concat!(
        r"\b(?:among|amongst|onder|voor|for|from|uit|van|of|by|door|with|met|bij|at|aan|to|",
        r"naar)\s+(?P<rest>[a-z][a-z' -]*)",
    )),
    restricted: compile(concat!(
        r"\b(?:people|mensen|visitors|bezoekers|members|leden|residents|inwoners|publiek|",
        r"audiences?)\s+(?:(?:who|die)\s+(?P<clause>[a-z' ]+)|(?:with|met|without|zonder)\s+",
        r"(?P<with>[a-z][a-z' -]*))",
    )),
    doing: compile(concat!(
        r"\b(?P<who>[a-z]{4,}s)\s+(?P<verb>[a-z]{3,}ing)\s+",
        r"(?:the|a|an|our|its|their)\s+(?P<rest>[a-z][a-z' -]*)",
    )),
    // The Dutch "want" only after a comma: "we want" is English for "willen".
    reason: compile(concat!(
        r"(?i)(?:\b(?:zodat|opdat|omdat|so\s+that|because|in\s+order\s+to)|,\s*want)\b",
        r"[^,.;:!?]*",
    )),
});

/// The byte ranges of the clauses of reason or purpose in `text` (see [`without_reasons`]):
/// a date inside one says why, not by when ("zodat we volgend jaar een productie maken").
pub(in crate::scoring::smart) fn reason_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    PATTERNS
        .reason
        .find_iter(text)
        .map(|found| found.range())
        .collect()
}

/// `text` with every clause of reason or purpose written over with spaces: why the goal
/// matters ("zodat de gemeente ons blijft financieren", "so that we can keep touring")
/// does not narrow what changes.
pub(super) fn without_reasons(text: &str) -> String {
    PATTERNS
        .reason
        .replace_all(text, |captures: &regex::Captures| {
            " ".repeat(captures.get(0).map_or(0, |found| found.len()))
        })
        .into_owned()
}

/// Whether the goal narrows by grammar (see the module). `visible` is the matching form
/// with the expressions of time and the whole offer blanked out.
pub(super) fn narrows_by_clause(visible: &str) -> bool {
    let patterns = &*PATTERNS;
    let channel = patterns.channel.captures_iter(visible).any(|captures| {
        let words = governed(&captures["rest"]);
        // "through better marketing" says how, not through which channel.
        !words
            .first()
            .is_some_and(|word| COMPARATIVES.contains(word))
            && words.iter().any(|word| is_activity(word))
    });
    let group = patterns.group.captures_iter(visible).any(|captures| {
        governed(&captures["rest"])
            .iter()
            .any(|word| is_person(word))
    });
    let doing = patterns.doing.captures_iter(visible).any(|captures| {
        names_people(&captures["who"])
            && !NOT_DOING.contains(&&captures["verb"])
            && governed(&captures["rest"])
                .iter()
                .any(|word| is_activity(word))
    });
    let means = patterns.means.captures_iter(visible).any(|captures| {
        let noun = &captures["noun"];
        !NOT_MEANS.contains(&noun) && !DETERMINERS.contains(&noun) && is_activity(noun)
    });
    let restricted = patterns
        .restricted
        .captures_iter(visible)
        .any(|captures| restricts(&captures));
    // Bare: "in de gaten houden" has an article and is no kind of place.
    let places = patterns.places.captures_iter(visible).any(|captures| {
        let rest = &captures["rest"];
        let bare = rest
            .split(' ')
            .next()
            .is_some_and(|first| !DETERMINERS.contains(&first));
        bare && governed(rest)
            .into_iter()
            .find(|word| ["s", "en", "a"].iter().any(|end| word.ends_with(end)))
            .is_some_and(is_activity)
    });
    channel || means || places || group || doing || restricted
}

/// Whether the clause or the "with"/"without" after a word for the public restricts it to
/// a group ("mensen met een beperking", "visitors with dementia", "people who don't
/// read"). Not with the offer ("people with our programme"), with what is counted
/// ("bezoekers met een kaartje", "leden die hun lidmaatschap verlengen"), with help
/// ("met hulp van partners"), with a clause
/// about coming to us ("mensen die ons bezoeken") or with a clause of one word, which
/// restates taking part ("mensen die meedoen").
fn restricts(captures: &regex::Captures) -> bool {
    let counted = |word: &&str| lists().smart.what.found_in(&format!(" {word} "));
    let with = captures.name("with").is_none_or(|with| {
        let mut words = with.as_str().split_whitespace();
        let first = words.next().unwrap_or("");
        let noun = if ["een", "a", "an"].contains(&first) {
            words.next().unwrap_or("")
        } else {
            first
        };
        // "bezoekers met een kwart laten stijgen", "visitors with a third": the amount of
        // the change, not a feature of the people.
        let amount = find_target(with.as_str()).is_some_and(|target| {
            with.as_str()
                .trim_start()
                .starts_with(&target.raw.to_lowercase())
        });
        // "met hulp van", "with the support of": how, not who.
        !amount && !POSSESSIVES.contains(&first) && is_activity(&noun.replace('-', ""))
    });
    let clause = captures.name("clause").is_none_or(|clause| {
        let words: Vec<&str> = clause.as_str().split_whitespace().take(REACH + 1).collect();
        // "mensen die nog nooit bij ons binnen zijn geweest": a negation makes a group of
        // those who do not, even of coming to us.
        let negated = words.iter().any(|word| NEGATIONS.contains(word));
        negated
            || (words.len() >= 2 && !words.iter().any(|word| US.contains(word) || counted(word)))
    });
    with && clause
}

/// The first few words after a preposition, articles and possessives passed over, up to
/// the first word that ends the phrase (a function word or a number).
fn governed(rest: &str) -> Vec<&str> {
    let not_counted = &lists().smart.not_counted;
    rest.split([' ', '-'])
        .filter(|word| !word.is_empty())
        .skip_while(|word| DETERMINERS.contains(word))
        .take_while(|word| !not_counted.contains(word) && !DETERMINERS.contains(word))
        .take(REACH)
        .collect()
}

/// Whether a word is a noun for a group of people that is not the public in general nor
/// what a goal counts: "mantelzorgers", "shift workers", "verpleegkundigen".
fn is_person(word: &str) -> bool {
    let smart = &lists().smart;
    let padded = format!(" {word} ");
    word.len() > MIN_PERSON
        && GROUP_ENDINGS.iter().any(|end| word.ends_with(end))
        && !NOT_PEOPLE.contains(&word)
        // "vertienvoudigen", "verdrievoudigen": a verb of multiplying, no people.
        && !word.contains("voudig")
        // "stijgen", "krijgen": a verb in "-ijgen", no adjective used as a noun.
        && !word.ends_with("ijgen")
        && !smart.what.found_in(&padded)
        && !lists().statement.audience.found_in(&padded)
}

/// Whether a plural word names people: a group, the public or a noun for people.
fn names_people(word: &str) -> bool {
    let smart = &lists().smart;
    let padded = format!(" {word} ");
    smart.group.found_in(&padded)
        || lists().statement.audience.found_in(&padded)
        || smart.what.found_in(&padded)
        || (word.len() > MIN_PERSON && smart.person_endings.iter().any(|end| word.ends_with(end)))
}
