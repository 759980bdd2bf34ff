//! The words `parse_yes_no` reads, all in normalised form (lowercase ASCII, punctuation
//! turned into spaces), so they compare directly with the words of an answer.

use super::YesNo::{self, No, Partly, Unknown, Yes};

/// Answer phrases in normalised form (see [`crate::scoring::normalize::normalize`]). The longest
/// phrase at a position wins, which is how "niet zeker" beats "niet" and "geen idee" beats
/// "geen".
pub(super) const PHRASES: &[(&str, YesNo)] = &[
    // Dutch yes.
    ("ja", Yes),
    ("jazeker", Yes),
    ("ja zeker", Yes),
    ("zeker", Yes),
    ("zeker weten", Yes),
    ("zeer zeker", Yes),
    ("klopt", Yes),
    ("klopt wel", Yes),
    ("dat klopt", Yes),
    ("jawel", Yes),
    ("jep", Yes),
    ("jup", Yes),
    ("ja hoor", Yes),
    ("jaja", Yes),
    ("absoluut", Yes),
    ("inderdaad", Yes),
    ("natuurlijk", Yes),
    ("uiteraard", Yes),
    ("correct", Yes),
    ("helemaal", Yes),
    ("volledig", Yes),
    ("dat is waar", Yes),
    ("j", Yes),
    // English yes.
    ("yes", Yes),
    ("yep", Yes),
    ("yup", Yes),
    ("yeah", Yes),
    ("yea", Yes),
    ("sure", Yes),
    ("for sure", Yes),
    ("true", Yes),
    ("indeed", Yes),
    ("absolutely", Yes),
    ("certainly", Yes),
    ("definitely", Yes),
    ("of course", Yes),
    ("that s right", Yes),
    ("y", Yes),
    // Dutch no.
    ("nee", No),
    ("neen", No),
    ("nee hoor", No),
    ("welnee", No),
    ("nog niet", No),
    ("niet echt", No),
    ("zeker niet", No),
    ("helemaal niet", No),
    ("absoluut niet", No),
    ("natuurlijk niet", No),
    ("klopt niet", No),
    ("dat klopt niet", No),
    ("niet waar", No),
    ("niet correct", No),
    ("incorrect", No),
    ("geen", No),
    ("nog geen", No),
    ("niet", No),
    ("nooit", No),
    ("helaas niet", No),
    ("n", No),
    // English no.
    ("no", No),
    ("nope", No),
    ("nah", No),
    ("not", No),
    ("not really", No),
    ("not yet", No),
    ("not at all", No),
    ("not true", No),
    ("absolutely not", No),
    ("certainly not", No),
    ("definitely not", No),
    ("of course not", No),
    ("false", No),
    ("never", No),
    ("no way", No),
    // Dutch partly.
    ("deels", Partly),
    ("deels wel", Partly),
    ("gedeeltelijk", Partly),
    ("grotendeels", Partly),
    ("een beetje", Partly),
    ("wel een beetje", Partly),
    ("beetje", Partly),
    ("soms", Partly),
    ("soms wel", Partly),
    ("half", Partly),
    ("min of meer", Partly),
    ("ten dele", Partly),
    ("enigszins", Partly),
    ("bijna", Partly),
    ("niet helemaal", Partly),
    ("nog niet helemaal", Partly),
    ("niet volledig", Partly),
    ("niet alles", Partly),
    ("niet allemaal", Partly),
    // English partly.
    ("partly", Partly),
    ("partially", Partly),
    ("in part", Partly),
    ("somewhat", Partly),
    ("sort of", Partly),
    ("sorta", Partly),
    ("kind of", Partly),
    ("kinda", Partly),
    ("a bit", Partly),
    ("a little", Partly),
    ("sometimes", Partly),
    ("more or less", Partly),
    ("mostly", Partly),
    ("almost", Partly),
    ("to some extent", Partly),
    ("not entirely", Partly),
    ("not completely", Partly),
    ("not fully", Partly),
    ("not quite", Partly),
    ("not all", Partly),
    // Dutch unknown.
    ("weet ik niet", Unknown),
    ("weet ik niet zeker", Unknown),
    ("weet niet", Unknown),
    ("weet het niet", Unknown),
    ("weet het niet zeker", Unknown),
    ("geen idee", Unknown),
    ("geen flauw idee", Unknown),
    ("onbekend", Unknown),
    ("niet bekend", Unknown),
    ("onduidelijk", Unknown),
    ("misschien", Unknown),
    ("wellicht", Unknown),
    ("niet zeker", Unknown),
    ("niet helemaal zeker", Unknown),
    ("twijfel", Unknown),
    // English unknown.
    ("don t know", Unknown),
    ("dont know", Unknown),
    ("do not know", Unknown),
    ("idk", Unknown),
    ("dunno", Unknown),
    ("no idea", Unknown),
    ("no clue", Unknown),
    ("not sure", Unknown),
    ("unsure", Unknown),
    ("maybe", Unknown),
    ("perhaps", Unknown),
    ("unknown", Unknown),
    ("unclear", Unknown),
];

/// Words that may open an answer without meaning anything ("nou, nee", "well, not
/// really", "ik weet het niet", "I'm not sure").
pub(super) const OPENERS: &[&str] = &[
    "nou",
    "well",
    "eh",
    "ehm",
    "euh",
    "uh",
    "uhm",
    "um",
    "hmm",
    "oh",
    "ik",
    "i",
    "m",
    "am",
    "helaas",
    "unfortunately",
    "eigenlijk",
    "actually",
];

/// Words that may sit between two answer phrases ("ja, maar deels", "ja en nee"); the
/// phrases on either side are then read together.
pub(super) const LINKS: &[&str] = &[
    "maar",
    "but",
    "en",
    "and",
    "of",
    "or",
    "eigenlijk",
    "actually",
    "dus",
    "so",
    "nou",
    "well",
    "toch",
];

/// Words that put a reservation on a yes ("ja, maar …", "yes, only …").
pub(super) const RESERVATIONS: &[&str] = &[
    "maar", "but", "alleen", "only", "behalve", "except", "hoewel", "although", "though", "echter",
    "however",
];

/// Phrases that, anywhere after a yes, make it partial ("ja, we hebben er nog geen …").
pub(super) const QUALIFIERS: &[&str] = &[
    "deels",
    "gedeeltelijk",
    "grotendeels",
    "beetje",
    "ten dele",
    "niet helemaal",
    "niet volledig",
    "niet alles",
    "nog niet",
    "nog geen",
    "partly",
    "partially",
    "somewhat",
    "mostly",
    "not yet",
    "not fully",
    "not entirely",
    "not completely",
    "not all",
];

/// Bare yes and no words; one of these after an answer of the opposite sign ("ja, …
/// nee") makes the whole answer contradictory.
pub(super) const BARE_YES: &[&str] =
    &["ja", "jazeker", "jawel", "jep", "yes", "yep", "yup", "yeah"];
/// Bare no words, the counterpart of [`BARE_YES`].
pub(super) const BARE_NO: &[&str] = &["nee", "neen", "welnee", "no", "nope", "nah"];

/// Emoji that answer on their own; they are read as the word they stand for, because
/// normalising would otherwise drop them.
pub(super) const EMOJI: &[(char, &str)] = &[
    ('👍', " ja "),
    ('✅', " ja "),
    ('✔', " ja "),
    ('👎', " nee "),
    ('❌', " nee "),
    ('🤷', " weet niet "),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::normalize::normalize;

    #[test]
    fn every_entry_is_normalised_and_phrases_are_unique() {
        let lists: [&[&str]; 6] = [OPENERS, LINKS, RESERVATIONS, QUALIFIERS, BARE_YES, BARE_NO];
        let phrases: Vec<&str> = PHRASES.iter().map(|(phrase, _)| *phrase).collect();
        for entry in lists.into_iter().flatten().chain(&phrases) {
            assert_eq!(normalize(entry), *entry, "{entry:?} is not normalised");
        }
        for (i, phrase) in phrases.iter().enumerate() {
            assert!(!phrases[..i].contains(phrase), "{phrase:?} listed twice");
        }
        for (emoji, word) in EMOJI {
            assert_eq!(
                normalize(&emoji.to_string()),
                "",
                "{emoji} survives normalising"
            );
            assert!(
                phrases.contains(&word.trim()),
                "{emoji} stands for {word:?}, which is no phrase"
            );
        }
    }
}
