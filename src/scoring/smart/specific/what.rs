//! What a goal changes: a quantity named by the word lists, a group of people counted, or
//! the thing a target counts or a verb of change acts on.

use super::age_ranges;
use crate::scoring::lexicon::lists;
use crate::scoring::normalize::words;
use crate::scoring::smart::calendar::scan;
use crate::scoring::smart::target::locate;
use crate::scoring::smart::text::{Prepared, blank_out};
use crate::scoring::smart::words::{month_name, number_word};

/// A noun for people is longer than this ("ers" alone is none).
const MIN_PERSON: usize = 5;

/// How many words of a noun phrase are read for the people it names ("more Welsh language
/// school groups").
const PHRASE: usize = 4;

/// Words passed over at the start of a goal on the way to its first noun: a heading,
/// "zorgen dat"/"make sure (that)", "laat"/"let", "we want" and articles. Closed-class
/// words of the grammar, so they stay with the rule that reads them.
const OPENERS: &[&str] = &[
    "doel", "goal", "target", "aim", "zorgen", "zorg", "dat", "make", "sure", "that", "let",
    "lets", "laat", "laten", "we", "wij", "willen", "want", "to", "de", "het", "the", "onze",
    "our", "alle", "all",
];

/// Openers that make the people after them do something: "zorgen dat", "make sure".
const MAKERS: &[&str] = &["zorgen", "zorg", "make", "let", "lets", "laat", "laten"];

/// Modals: people before one are to do something ("Puzzelaars moeten …", "pupils should
/// …").
const MODALS: &[&str] = &[
    "moet", "moeten", "kan", "kunnen", "gaan", "gaat", "zal", "zullen", "should", "must", "will",
    "can", "could", "shall",
];

/// How many words after a verb of change or a target the thing it acts on may stand
/// ("verhoog de gemiddelde bestelwaarde", "25% van de jeugdleden").
const REACH: usize = 4;

/// Whether the goal names what changes:
/// - a quantity from the word lists: visitors, tickets, sign-ups, subscriptions, revenue,
///   occupancy, reach, followers, members, satisfaction, how long or how often people
///   stay or come … ("bezoekers", "kaartverkoop", "nieuwsbriefabonnees", "revenue",
///   "sign-ups", "langer blijven", "stay longer"), also inside Dutch compounds;
/// - a group of people counted ("het aantal kinderen", "meer studenten", "more local
///   people", also behind modifiers: "more Punjabi-speaking grandparents": the group's
///   attendance), or opening the goal and doing something ("Puzzelaars uit Vleuten moeten
///   …", "Zorgen dat leerlingen …", "get the bus drivers to …");
/// - how full it is ("de zaal vol", "fully booked", "uitverkocht"), from the word lists;
/// - the thing measured after "het aantal", "het aandeel", "the number of", "the share
///   of" ("het aantal uitleningen");
/// - with a target, the thing it counts or applies to ("400 vrijwilligers", "25% van de
///   jeugdleden", "het websiteverkeer met 40%", "sales up 15%", also signed or after a
///   colon: "Websiteverkeer +25%", "Donaties: +15%") or the thing a verb of change acts
///   on ("verhoog de gemiddelde bestelwaarde", "halve noise complaints"; a Dutch verb that
///   ends the sentence acts on what stands before it: "de wachtrij halveren").
///
/// A plural written with an apostrophe is one word ("meer zzp'ers"). "Publieksdata" is
/// data, not a quantity that changes.
pub fn changes_something(text: &str) -> bool {
    let mut kept: Vec<String> = Vec::new();
    for word in words(text) {
        // "zzp'ers", "mbo'ers": a plural written with an apostrophe is one word.
        match kept.last_mut() {
            Some(last) if ["ers", "s"].contains(&word.as_str()) => last.push_str(&word),
            _ if word.contains("publieksdata") => {}
            _ => kept.push(word),
        }
    }
    lists()
        .smart
        .what
        .found_in(&format!(" {} ", kept.join(" ")))
        || counts_people(&kept)
        || leads_with_people(&kept)
        || counts_an_age(text)
        || measures_something(&kept)
        || aims_at_something(&Prepared::new(text))
}

/// Whether a group of people follows a word of quantity: "aantal", "meer", "minder",
/// "zoveel", "more", "fewer", "many", "number of", maybe with a filler or one other word
/// before it ("meer nieuwe gezinnen", "twice as many students", "more local people",
/// "more first-time bookers"), or a noun for people ("meer fietsers", "more walkers").
fn counts_people(words: &[String]) -> bool {
    let smart = &lists().smart;
    (0..words.len()).any(|at| {
        let quantity = smart
            .quantity
            .iter()
            .any(|phrase| ends_with_phrase(&words[..=at], phrase));
        quantity && names_people(noun_phrase(&words[at + 1..]))
    })
}

/// The words of the noun phrase that opens `words`, fillers passed over, up to the first
/// function word: the people a word of quantity counts may stand behind modifiers ("more
/// Punjabi-speaking grandparents", "more brass band players").
fn noun_phrase(words: &[String]) -> Vec<&str> {
    let smart = &lists().smart;
    words
        .iter()
        .map(String::as_str)
        .take_while(|word| !smart.not_counted.contains(word))
        .filter(|word| !smart.count_fillers.contains(word))
        .take(PHRASE)
        .collect()
}

/// Whether one of `words` names people: a noun for people by its ending, a group or the
/// public.
fn names_people(words: Vec<&str>) -> bool {
    let smart = &lists().smart;
    let padded = format!(" {} ", words.join(" "));
    words.iter().any(|word| {
        word.len() > MIN_PERSON && smart.person_endings.iter().any(|end| word.ends_with(end))
    }) || smart.group.found_in(&padded)
        || lists().statement.audience.found_in(&padded)
}

/// Whether the goal opens with people, after a heading, "zorgen dat"/"make sure", a verb
/// of change and articles, and has them do something: a verb of change or "zorgen dat"
/// in front, or a modal after ("Puzzelaars uit Vleuten moeten …", "Zorgen dat leerlingen
/// van de muziekschool …", "Goal: get the bus drivers to …"). What changes is what those
/// people do, as when they are counted; a bare group ("Senioren") says no such thing.
fn leads_with_people(words: &[String]) -> bool {
    let smart = &lists().smart;
    let start = words
        .iter()
        .position(|word| {
            let word = word.as_str();
            !(OPENERS.contains(&word)
                || smart.change_verbs.contains(&word)
                || smart.count_fillers.contains(&word))
        })
        .unwrap_or(words.len());
    let smart = &lists().smart;
    let led = words[..start]
        .iter()
        .any(|word| smart.change_verbs.contains(&word.as_str()) || MAKERS.contains(&word.as_str()));
    let modal = words[start..]
        .iter()
        .any(|word| MODALS.contains(&word.as_str()));
    (led || modal) && names_people(noun_phrase(&words[start..]))
}

/// Whether an age group follows a word of quantity: "meer 20-ers", "more under-fives".
fn counts_an_age(text: &str) -> bool {
    let prepared = Prepared::new(text);
    let times: Vec<_> = scan(&prepared.text)
        .into_iter()
        .map(|found| found.range)
        .collect();
    let visible = blank_out(&prepared.text, &times);
    let smart = &lists().smart;
    age_ranges(&visible).into_iter().any(|age| {
        let before: Vec<String> = words(&visible[..age.start])
            .into_iter()
            .filter(|word| {
                let word = word.as_str();
                smart.quantity.contains(&word) || !smart.count_fillers.contains(&word)
            })
            .collect();
        smart
            .quantity
            .iter()
            .any(|phrase| ends_with_phrase(&before, phrase))
    })
}

/// Whether a thing follows a word of measure: "het aantal uitleningen", "the share of
/// borrowers".
fn measures_something(words: &[String]) -> bool {
    (0..words.len()).any(|at| {
        lists()
            .smart
            .measures
            .iter()
            .any(|phrase| ends_with_phrase(&words[..=at], phrase))
            && words.get(at + 1..).is_some_and(thing_in)
    })
}

/// Whether the goal's target counts or applies to a thing, or a verb of change acts on
/// one (see [`changes_something`]).
fn aims_at_something(prepared: &Prepared) -> bool {
    let Some(located) = locate(prepared) else {
        return false;
    };
    let visible = &located.visible;
    let after = words(&visible[located.range.end..]);
    let mut before = words(&visible[..located.range.start]);
    // "het websiteverkeer met 40%", "grow the audience by 20%", "sales up 15%": the
    // amount of a change to what stands before it; "de respons op de enquête naar 40%",
    // "response up to 40%": the level it reaches; "Websiteverkeer +25%", "Donaties: +15%":
    // a signed change or a headline, to what stands before the sign or the colon.
    let signed = visible[..located.range.start]
        .trim_end()
        .ends_with(['+', ':'])
        || visible[located.range.clone()].starts_with('+');
    let amount_of = signed
        || before.last().is_some_and(|word| {
            ["met", "by", "naar", "tot", "to", "up", "down"].contains(&word.as_str())
        });
    let acted_on = acted_on(&words(visible));
    before.reverse();
    // A sign or a colon is no word: the thing stands right before it; so does it before
    // a verb of change that is the target itself ("Torenbeklimmingen verdubbelen").
    let verb_target = words(&visible[located.range.clone()])
        .first()
        .is_some_and(|word| lists().smart.change_verbs.contains(&word.as_str()));
    let skip = usize::from(!signed && !verb_target);
    // "de wachtrij bij de garderobe halveren": a Dutch verb of change ends the sentence,
    // what it acts on stands before it.
    let verb_last = after.iter().all(|word| passes_over(word));
    thing_in(&after)
        || ((amount_of || verb_last) && thing_in(before.get(skip..).unwrap_or(&[])))
        || acted_on
}

/// Whether a verb of change acts on a thing: "verhoog de gemiddelde bestelwaarde", "grow
/// our following".
fn acted_on(all: &[String]) -> bool {
    all.iter().enumerate().any(|(at, word)| {
        lists().smart.change_verbs.contains(&word.as_str()) && thing_in(&all[at + 1..])
    })
}

/// Whether the first of the next few words that can be a thing at all is one.
fn thing_in(words: &[String]) -> bool {
    words
        .iter()
        .take(REACH)
        .find(|word| !passes_over(word))
        .is_some_and(|word| is_thing(word))
}

/// Words passed over on the way to a thing: function words, fillers, words of quantity,
/// numbers and scraps ("'s").
fn passes_over(word: &str) -> bool {
    let smart = &lists().smart;
    word.len() < 3
        || word.chars().all(|c| c.is_ascii_digit())
        || smart.not_counted.contains(&word)
        || smart.count_fillers.contains(&word)
        || smart.quantity.contains(&word)
}

/// What the team puts on, counted: a number of these is its own work ("zes voorstellingen
/// programmeren", "Run 12 events"), not what changes for its public. Not the hall or the
/// collection, whose share is something that changes ("40% van de zaal blijft zitten").
const OFFERED: &[&str] = &[
    "voorstellingen",
    "concerten",
    "activiteiten",
    "evenementen",
    "tentoonstellingen",
    "workshops",
    "lezingen",
    "shows",
    "events",
    "performances",
    "concerts",
    "exhibitions",
    "activities",
    "talks",
];

/// Whether a word can be a thing that changes: letters, and not a unit, a number word,
/// a date word, a verb of change or the offer itself ("zes voorstellingen programmeren",
/// "Run 12 events": what the team puts on is its work, not what changes for its public).
fn is_thing(word: &str) -> bool {
    let smart = &lists().smart;
    let calendar = &lists().calendar;
    word.chars().all(|c| c.is_ascii_alphabetic())
        && !OFFERED.contains(&word)
        && !smart.amount_units.contains(&word)
        && !smart.change_verbs.contains(&word)
        && number_word(word).is_none()
        && month_name(word).is_none()
        && !calendar.units.iter().any(|unit| unit.word == word)
        && !calendar.seasons.iter().any(|(name, _)| *name == word)
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
