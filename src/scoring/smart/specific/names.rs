//! Names that narrow a goal: a capitalised place, production, partner or group
//! ("in Amsterdam", "voor Hamlet", "de Oranjerie", "Rotterdammers").

use super::PATTERNS;
use crate::scoring::lexicon::lists;
use crate::scoring::normalize::normalize;
use crate::scoring::smart::owner::find_owner;
use crate::scoring::smart::text::Prepared;
use crate::scoring::smart::words::month_name;

/// The shortest proper name read as one ("Ede" is a place, "I" is not).
const MIN_NAME: usize = 3;

/// Whether a capitalised name follows "in", "uit", "from", "voor", "bij", … or an article
/// ("in Amsterdam", "uit Zeist", "voor Hamlet", "at Paradiso", "de Oranjerie", "the
/// Orangery"): a place or a production, unless it is a month, a weekday, a language or
/// the goal's owner ("verantwoordelijk is het MT"). `original` is the goal as written.
pub(super) fn names_place(original: &str, prepared: &Prepared, text: &str) -> bool {
    let owner = find_owner(original).map(|owner| normalize(&owner));
    PATTERNS.place.captures_iter(text).any(|captures| {
        captures.name("name").is_some_and(|name| {
            prepared.is_uppercase_at(name.start())
                && is_name(name.as_str())
                && !owns(owner.as_deref(), name.as_str())
        })
    })
}

/// Whether `name` is a word of the goal's owner (normalised).
fn owns(owner: Option<&str>, name: &str) -> bool {
    owner.is_some_and(|owner| owner.split(' ').any(|part| part == name))
}

/// Whether a proper name stands inside a sentence ("400 Rotterdammers", "Haagse
/// studenten"): a capitalised word, not the first of a sentence or after a colon, not an
/// acronym, and not the goal's owner, a month, a season, Christmas, a weekday or a
/// language. `text` is the goal as written, `visible` its matching form with the
/// expressions of time blanked out.
pub(super) fn names_something(text: &str, prepared: &Prepared, visible: &str) -> bool {
    let owner = find_owner(text).map(|owner| normalize(&owner));
    PATTERNS.name.find_iter(visible).any(|word| {
        let (start, name) = (word.start(), word.as_str());
        let opens = visible[..start]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| ".!?:;(\"'•-".contains(c));
        let owned = owns(owner.as_deref(), name);
        name.chars().count() >= MIN_NAME
            && prepared.is_uppercase_at(start)
            && !prepared.is_uppercase_at(start + 1)
            && !opens
            && !owned
            && is_name(name)
    })
}

/// Whether a capitalised word can name a place, production, partner or group: not a
/// month, season, Christmas, word listed as no place (weekdays, languages, …) or what a
/// goal counts ("Friends", "Members").
fn is_name(word: &str) -> bool {
    let calendar = &lists().calendar;
    month_name(word).is_none()
        && !calendar.seasons.iter().any(|(season, _)| *season == word)
        && !calendar.christmas.contains(&word)
        && !lists().smart.not_places.contains(&word)
        // "1,500 new Friends": what the goal counts, capitalised as a scheme's name.
        && !lists().smart.what.found_in(&format!(" {word} "))
}
