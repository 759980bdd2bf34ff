//! A recurring slot of the week narrows a goal as a series does: "doordeweekse middagen",
//! "op zondagochtend", "weekday matinees", "Friday evenings". A one-off time does not
//! ("in december", "tijdens de kerstvakantie", "this evening").

use crate::scoring::normalize::words;

/// The days of the week, and "doordeweeks"/"weekday": a word that starts with one names a
/// slot ("zondagmiddagen", "weekdays"). Closed-class words of the calendar, kept with the
/// rule that reads them.
const DAYS: &[&str] = &[
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "doordeweeks",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "weekday",
];

/// Parts of the day in the plural: a part of every day, a slot ("middagen", "mornings").
const PARTS: &[&str] = &[
    "ochtenden",
    "middagen",
    "avonden",
    "mornings",
    "afternoons",
    "evenings",
];

/// Words before a day that make it a date rather than a slot ("vóór zondag", "by Friday").
const DATE_WORDS: &[&str] = &[
    "voor",
    "uiterlijk",
    "tot",
    "vanaf",
    "sinds",
    "by",
    "before",
    "until",
    "from",
    "since",
    "next",
    "volgende",
    "komende",
    "deze",
    "this",
];

/// Whether `visible` (the matching form, dates blanked out) names a recurring slot of the
/// week: a day of the week not tied to a date, or a part of the day in the plural.
pub(super) fn names_a_slot(visible: &str) -> bool {
    let words = words(visible);
    words.iter().enumerate().any(|(at, word)| {
        let dated = at > 0 && DATE_WORDS.contains(&words[at - 1].as_str());
        let day = DAYS.iter().any(|day| word.starts_with(day));
        (day && !dated) || PARTS.contains(&word.as_str())
    })
}
