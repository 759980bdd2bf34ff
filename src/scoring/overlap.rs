//! Shared content between texts: whether a goal says anything about the vraagstuk and the
//! focus of step 1, and whether a "waarom" answer only repeats the answer before it.
//!
//! Texts are compared by their content words: normalised, without the words that say nothing
//! about a topic (`[overlap] stop` in the lexicon files), without numbers and very short words.
//! Two words are the same word when they are the same after a light Dutch and English stemming
//! ("studenten" / "student", "jongeren" / "jong", "zalen" / "zaal", "visitors" / "visitor"),
//! or when the longer is a compound that holds the shorter ("studentenkorting" / "student").

use crate::scoring::lexicon::lists;
use crate::scoring::normalize::{normalize, words};

/// The shortest word that counts as content.
const MIN_WORD: usize = 3;

/// The shortest word or stem found inside a compound.
const MIN_PART: usize = 5;

/// Endings of inflection and plural, longest first, removed by [`stem`].
const ENDINGS: [&str; 8] = ["eren", "ers", "ies", "en", "es", "er", "s", "e"];

/// The content words of `text`: normalised words that are not stop words, not numbers and at
/// least [`MIN_WORD`] letters long, in order, each once.
pub fn content_words(text: &str) -> Vec<String> {
    let stop = lists().overlap_stop;
    let mut out: Vec<String> = Vec::new();
    for word in words(text) {
        if word.chars().count() < MIN_WORD
            || word.chars().any(|c| c.is_ascii_digit())
            || stop.contains(&word.as_str())
            || out.contains(&word)
        {
            continue;
        }
        out.push(word);
    }
    out
}

/// A light stem of a normalised word: one ending of inflection or plural taken off (leaving at
/// least three letters), then the Dutch spelling put back: a doubled consonant single again
/// ("gezinn" → "gezin"), an open syllable's vowel doubled ("zal" → "zaal"), a final z or v
/// as s or f ("huiz" → "huis"). English "-ies" becomes "y" ("families" → "family").
pub fn stem(word: &str) -> String {
    let Some(ending) = ENDINGS
        .iter()
        .find(|e| word.len() >= e.len() + MIN_WORD && word.ends_with(*e))
    else {
        return word.to_string();
    };
    let mut s: Vec<char> = word[..word.len() - ending.len()].chars().collect();
    if *ending == "ies" {
        s.push('y');
        return s.into_iter().collect();
    }
    let n = s.len();
    let vowel = |c: char| "aeiouy".contains(c);
    if n >= 2 && s[n - 1] == s[n - 2] && !vowel(s[n - 1]) {
        s.pop();
    } else if n >= 3 && !vowel(s[n - 1]) && vowel(s[n - 2]) && !vowel(s[n - 3]) && s[n - 2] != 'i' {
        // "zalen" → "zal" → "zaal": an open syllable's vowel is written once before -en.
        let v = s[n - 2];
        s.insert(n - 1, v);
    }
    match s.last_mut() {
        Some(c @ 'z') => *c = 's',
        Some(c @ 'v') => *c = 'f',
        _ => {}
    }
    s.into_iter().collect()
}

/// Whether two normalised words are the same word for comparing content: equal, the same
/// stem (or one the other's stem), or one a compound holding the other (or its stem) of at least [`MIN_PART`] letters.
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (sa, sb) = (stem(a), stem(b));
    // A word that ends like an inflection may be a stem itself ("huis" / "huizen").
    if sa == sb || sa == b || sb == a {
        return true;
    }
    let (short, long, short_stem) = if a.len() <= b.len() {
        (a, b, &sa)
    } else {
        (b, a, &sb)
    };
    [short, short_stem.as_str()]
        .iter()
        .any(|part| part.len() >= MIN_PART && long.contains(*part))
}

/// The content words of `text` that one of `references` shares (see [`same_word`]).
pub fn shared_words(text: &str, references: &[&str]) -> Vec<String> {
    let known: Vec<String> = references.iter().flat_map(|r| content_words(r)).collect();
    content_words(text)
        .into_iter()
        .filter(|w| known.iter().any(|k| same_word(w, k)))
        .collect()
}

/// Whether `answer` only repeats `previous`: the same words after normalising, a part of it,
/// or nothing but content words that `previous` already has ("omdat we meer studenten willen"
/// after "meer studenten in de zaal"). An answer without content words repeats nothing.
pub fn repeats(previous: &str, answer: &str) -> bool {
    let (p, a) = (normalize(previous), normalize(answer));
    if a.is_empty() || p.is_empty() {
        return false;
    }
    if format!(" {p} ").contains(&format!(" {a} ")) {
        return true;
    }
    let (said, new) = (content_words(previous), content_words(answer));
    !new.is_empty() && new.iter().all(|w| said.iter().any(|s| same_word(w, s)))
}

/// Whether an answer says nothing: it has words, but not one content word ("omdat willen",
/// "omdat we dat willen", "because we want to", "daarom"). Asked "waarom?", it gives no
/// reason.
pub fn says_nothing(answer: &str) -> bool {
    !normalize(answer).is_empty() && content_words(answer).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_inflections_are_one_word() {
        let same = [
            ("studenten", "student"),
            ("jongeren", "jong"),
            ("jongeren", "jonge"),
            ("jonger", "jong"),
            ("kinderen", "kind"),
            ("bezoekers", "bezoeker"),
            ("bezoekers", "bezoek"),
            ("zalen", "zaal"),
            ("gezinnen", "gezin"),
            ("huizen", "huis"),
            ("kaartjes", "kaartje"),
            ("voorstellingen", "voorstelling"),
            ("students", "student"),
            ("younger", "young"),
            ("families", "family"),
            ("visitors", "visitor"),
            // Compounds hold the word or its stem.
            ("studentenkorting", "student"),
            ("kaartverkoop", "verkoop"),
            ("jongerenavond", "jongeren"),
            ("theaterbezoek", "theater"),
        ];
        for (a, b) in same {
            assert!(same_word(a, b), "{a} / {b} should be one word");
            assert!(same_word(b, a), "{b} / {a} should be one word");
        }
        let different = [
            ("jong", "jongleur"),
            ("thee", "theater"),
            ("kunst", "kust"),
            ("student", "school"),
            ("museum", "muziek"),
            ("zaal", "zaak"),
            ("markt", "marketing"),
        ];
        for (a, b) in different {
            assert!(!same_word(a, b), "{a} / {b} should differ");
        }
    }

    #[test]
    fn stems_put_dutch_spelling_back() {
        let cases = [
            ("studenten", "student"),
            ("zalen", "zaal"),
            ("gezinnen", "gezin"),
            ("huizen", "huis"),
            ("families", "family"),
            ("jong", "jong"),
            // Too short to lose an ending.
            ("open", "open"),
            ("les", "les"),
        ];
        for (word, want) in cases {
            assert_eq!(stem(word), want, "stem({word})");
        }
    }

    #[test]
    fn content_words_leave_out_stop_words_numbers_and_repeats() {
        assert_eq!(
            content_words("Het aantal studenten met 20% verhogen vóór juni 2027, studenten!"),
            vec!["studenten", "juni"]
        );
        assert_eq!(
            content_words("We want more visitors in the hall"),
            vec!["visitors", "hall"]
        );
        assert!(content_words("ja, dat willen we").is_empty());
    }

    #[test]
    fn a_goal_shares_words_with_the_vraagstuk_through_inflection() {
        let vraagstuk = [
            "Hoeveel jongeren kopen via onze webshop een kaartje?",
            "Marketing",
        ];
        assert_eq!(
            shared_words(
                "Meer jonge bezoekers via Instagram vóór juni 2027",
                &vraagstuk
            ),
            vec!["jonge"]
        );
        assert_eq!(
            shared_words(
                "Het aantal studenten met 10% verhogen",
                &["Studenten bereiken"]
            ),
            vec!["studenten"]
        );
        assert_eq!(
            shared_words("More students buy tickets", &["How many student tickets?"]),
            vec!["students", "tickets"]
        );
        // Only stop words in common: nothing shared.
        assert!(
            shared_words(
                "Het aantal leden van de vriendenvereniging met 50 verhogen",
                &vraagstuk
            )
            .is_empty()
        );
        assert!(shared_words("De kantine verbouwen", &[]).is_empty());
    }

    #[test]
    fn an_answer_that_only_repeats_the_previous_one_is_recognised() {
        let previous = "Meer studenten in de zaal";
        for answer in [
            "Meer studenten in de zaal",
            "meer studenten in de zaal!",
            "studenten in de zaal",
            "Omdat we meer studenten in de zaal willen",
            "omdat we meer student willen",
            "zalen",
        ] {
            assert!(repeats(previous, answer), "{answer:?} repeats {previous:?}");
        }
        for answer in [
            "Omdat studenten ons toekomstige publiek zijn",
            "Omdat de zaal nu half leeg is",
            "ja",
            "",
        ] {
            assert!(
                !repeats(previous, answer),
                "{answer:?} does not only repeat {previous:?}"
            );
        }
        assert!(!repeats("", "iets nieuws"));
    }

    #[test]
    fn an_answer_of_function_words_only_says_nothing() {
        for answer in [
            "omdat willen",
            "Omdat we willen.",
            "omdat we dat graag willen",
            "daarom",
            "because we want to",
            "Because we'd like to",
            "just because",
        ] {
            assert!(says_nothing(answer), "{answer:?} says nothing");
        }
        for answer in [
            "Omdat studenten de toekomst zijn",
            "because young people are our future audience",
            "",
            "?",
        ] {
            assert!(!says_nothing(answer), "{answer:?}");
        }
    }
}
