//! The yes/no reader's tables: every phrase kind, combinations, and bare answers.

use super::*;
use YesNo::Unknown;

#[test]
fn parse_yes_no_table() {
    let cases: &[(&str, Option<YesNo>)] = &[
        // Dutch yes.
        ("ja", Some(Yes)),
        ("Ja!", Some(Yes)),
        ("JA.", Some(Yes)),
        ("jazeker", Some(Yes)),
        ("zeker", Some(Yes)),
        ("klopt", Some(Yes)),
        ("jawel", Some(Yes)),
        ("jep", Some(Yes)),
        ("ja hoor", Some(Yes)),
        ("Ja, dat klopt.", Some(Yes)),
        ("absoluut", Some(Yes)),
        ("inderdaad", Some(Yes)),
        ("j", Some(Yes)),
        ("ja, zeker", Some(Yes)),
        ("ja ja", Some(Yes)),
        ("jaaaa", Some(Yes)),
        ("ja, we hebben een CRM", Some(Yes)),
        ("nou, ja hoor", Some(Yes)),
        // English yes.
        ("yes", Some(Yes)),
        ("Yep", Some(Yes)),
        ("yeah", Some(Yes)),
        ("sure", Some(Yes)),
        ("correct", Some(Yes)),
        ("true", Some(Yes)),
        ("y", Some(Yes)),
        ("yes we do", Some(Yes)),
        ("Yesss!", Some(Yes)),
        ("of course", Some(Yes)),
        ("yes, but also for programming", Some(Yes)),
        // Dutch no.
        ("nee", Some(No)),
        ("neen", Some(No)),
        ("Nee hoor", Some(No)),
        ("nog niet", Some(No)),
        ("niet echt", Some(No)),
        ("zeker niet", Some(No)),
        ("helemaal niet", Some(No)),
        ("klopt niet", Some(No)),
        ("geen", Some(No)),
        ("niet", Some(No)),
        ("nooit", Some(No)),
        ("n", Some(No)),
        ("neeee", Some(No)),
        ("nee, dat is er nog niet", Some(No)),
        ("nee, nog niet", Some(No)),
        ("nee, maar we werken eraan", Some(No)),
        ("helaas niet", Some(No)),
        ("niet dat ik weet", Some(No)),
        // English no.
        ("no", Some(No)),
        ("nope", Some(No)),
        ("nah", Some(No)),
        ("not really", Some(No)),
        ("Not yet.", Some(No)),
        ("absolutely not", Some(No)),
        ("false", Some(No)),
        ("not true", Some(No)),
        ("no, we don't", Some(No)),
        ("well, not really", Some(No)),
        // Partly, both languages.
        ("deels", Some(Partly)),
        ("gedeeltelijk", Some(Partly)),
        ("een beetje", Some(Partly)),
        ("beetje", Some(Partly)),
        ("soms", Some(Partly)),
        ("half", Some(Partly)),
        ("min of meer", Some(Partly)),
        ("ten dele", Some(Partly)),
        ("niet helemaal", Some(Partly)),
        ("partly", Some(Partly)),
        ("partially", Some(Partly)),
        ("somewhat", Some(Partly)),
        ("sort of", Some(Partly)),
        ("kind of", Some(Partly)),
        ("a bit", Some(Partly)),
        ("not entirely", Some(Partly)),
        ("not completely", Some(Partly)),
        // Mixed answers: a qualified yes is partly.
        ("ja maar nog niet helemaal", Some(Partly)),
        ("Ja, maar nog niet gekoppeld", Some(Partly)),
        ("ja, deels", Some(Partly)),
        ("ja, nog niet officieel", Some(Partly)),
        ("ja, alleen voor de kassa", Some(Partly)),
        ("ja, we hebben een visie maar geen strategie", Some(Partly)),
        ("nee, niet helemaal", Some(Partly)),
        ("nee, maar wel een beetje", Some(Partly)),
        ("deels wel", Some(Partly)),
        ("yes, but only for ticketing", Some(Partly)),
        ("yes but not all of it", Some(Partly)),
        ("ja, maar nee", Some(Partly)),
        // Unknown, both languages.
        ("weet ik niet", Some(Unknown)),
        ("weet niet", Some(Unknown)),
        ("Ik weet het niet", Some(Unknown)),
        ("geen idee", Some(Unknown)),
        ("onbekend", Some(Unknown)),
        ("onduidelijk", Some(Unknown)),
        ("misschien", Some(Unknown)),
        ("niet zeker", Some(Unknown)),
        ("don't know", Some(Unknown)),
        ("dont know", Some(Unknown)),
        ("I do not know", Some(Unknown)),
        ("no idea", Some(Unknown)),
        ("not sure", Some(Unknown)),
        ("I'm not sure", Some(Unknown)),
        ("unsure", Some(Unknown)),
        ("maybe", Some(Unknown)),
        // Emoji.
        ("👍", Some(Yes)),
        ("👍🏽", Some(Yes)),
        ("👎", Some(No)),
        ("👍 ja", Some(Yes)),
        // Not readable: never guessed.
        ("", None),
        ("   ", None),
        ("?!", None),
        ("we hebben een CRM", None),
        ("we have a CRM", None),
        ("ja nee", None),
        ("ja, nee", None),
        ("yes and no", None),
        ("nee ja", None),
        ("ja, we hebben het, nee toch niet", None),
        ("nee, maar ja", None),
        ("👍👎", None),
        ("misschien niet", None),
        ("weet niet, ja", None),
        ("ik denk het wel", None),
        // "niet alleen … maar ook" widens the yes, but "niet" reads as a no: not guessed.
        ("ja, niet alleen marketing maar ook programma", None),
        ("1", None),
        ("2", None),
        ("ok", None),
        ("jammer", None),
        ("nou", None),
        ("yessir", None),
        ("know", None),
    ];
    assert!(cases.len() >= 60);
    for (text, want) in cases {
        assert_eq!(parse_yes_no(text), *want, "parse_yes_no({text:?})");
    }
}

#[test]
fn a_bare_answer_is_nothing_but_its_phrases() {
    let cases: &[(&str, Option<YesNo>)] = &[
        ("nee", Some(No)),
        ("Nou, nee hoor.", Some(No)),
        ("no", Some(No)),
        ("not yet", Some(No)),
        ("weet ik niet", Some(Unknown)),
        ("I don't know", Some(Unknown)),
        ("ja", Some(Yes)),
        ("deels", Some(Partly)),
        // Words after the phrase make it more than a yes or no.
        ("nee, Jan doet het", None),
        ("nee, we willen 300 studenten vóór juni", None),
        ("no, Sam will", None),
        ("Jan", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(
            parse_bare_yes_no(text),
            *want,
            "parse_bare_yes_no({text:?})"
        );
    }
}

#[test]
fn stored_ids_round_trip() {
    let ids = ["yes", "no", "partly", "unknown"];
    for (answer, id) in YesNo::ALL.into_iter().zip(ids) {
        assert_eq!(answer.as_str(), id);
        assert_eq!(YesNo::parse_stored(id), Some(answer));
    }
    for bad in ["", "ja", "Yes", "maybe"] {
        assert_eq!(YesNo::parse_stored(bad), None, "parse_stored({bad:?})");
    }
}

#[test]
fn squeeze_table() {
    let cases = [
        ("jaaa", 1, "ja"),
        ("neeee", 2, "nee"),
        ("nee", 1, "nee"),
        ("", 1, ""),
        ("yesss", 1, "yes"),
    ];
    for (word, keep, want) in cases {
        assert_eq!(squeeze(word, keep), want, "squeeze({word:?}, {keep})");
    }
}
