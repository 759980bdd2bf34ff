//! Reading which of a question's options a free-text answer picks, by number or by words,
//! without ever guessing between two options.

use super::normalize::normalize;

/// Separators between an option's short label and its explanation, as in "Strategie —
/// continuïteit waarborgen, …"; only the part before one is matched loosely.
const LABEL_SEPARATORS: [&str; 3] = [" — ", " – ", " - "];

/// Shortest phrase (in characters, normalised) that may match inside a longer answer, and
/// shortest answer that may match as the start of a phrase; shorter ones only match
/// exactly, so "ja" or "de" never pick an option.
const MIN_LOOSE_LEN: usize = 4;

/// Picks the option a free-text answer means, as an index into `options`, or None when
/// the answer names no option or more than one.
///
/// `options[i]` holds the accepted phrases of option i: its label(s) and synonyms, with
/// or without diacritics. A long label "Kort — uitleg" is matched on "Kort", and as a
/// whole only exactly. Both sides are normalised, then, in order:
/// 1. an answer that is only a number 1..=len picks that option (1-based); any other
///    number picks nothing;
/// 2. an answer equal to a phrase picks that phrase's option, if only one option has it;
/// 3. otherwise the options that match loosely are counted, and exactly one must:
///    a phrase of at least four characters that appears as whole words in the answer
///    ("we kiezen programmeren"), each word possibly inflected ("externe" for "extern",
///    "partners" for "partner"; not "marketingplan" for "marketing"), or, for an answer of at least four characters, a phrase
///    that starts with the answer ("market" → "Marketingcommunicatie & verkoop") or has a
///    word that does ("verkoop" → the same).
pub fn match_choice(text: &str, options: &[Vec<String>]) -> Option<usize> {
    let answer = normalize(text);
    if answer.is_empty() {
        return None;
    }
    if answer.chars().all(|c| c.is_ascii_digit()) {
        let number: usize = answer.parse().ok()?;
        return (1..=options.len()).contains(&number).then(|| number - 1);
    }
    let phrases: Vec<Vec<Phrase>> = options
        .iter()
        .map(|option| option.iter().flat_map(|p| Phrase::variants(p)).collect())
        .collect();
    let exact = unique(&phrases, |phrase| phrase.text == answer);
    match exact {
        Unique::One(index) => Some(index),
        Unique::Many => None,
        Unique::None => match unique(&phrases, |phrase| phrase.loose && matches(phrase, &answer)) {
            Unique::One(index) => Some(index),
            Unique::None | Unique::Many => None,
        },
    }
}

/// One normalised phrase an option accepts.
struct Phrase {
    /// The normalised text.
    text: String,
    /// Whether it may match inside or as the start of other text, not only exactly: the
    /// whole of a long label does not, its short part before the separator does.
    loose: bool,
}

impl Phrase {
    /// The phrases one accepted text stands for: the text itself and, for a long label,
    /// the part before its separator.
    fn variants(text: &str) -> Vec<Phrase> {
        let whole = normalize(text);
        let short = LABEL_SEPARATORS
            .iter()
            .filter_map(|separator| text.split_once(separator))
            .map(|(head, _)| normalize(head))
            .min_by_key(String::len);
        let mut variants = Vec::with_capacity(2);
        match short {
            Some(head) if head != whole => {
                variants.push(Phrase {
                    text: whole,
                    loose: false,
                });
                variants.push(Phrase {
                    text: head,
                    loose: true,
                });
            }
            _ => variants.push(Phrase {
                text: whole,
                loose: true,
            }),
        }
        variants.retain(|phrase| !phrase.text.is_empty());
        variants
    }
}

/// Whether a phrase matches an answer loosely (rule 3 of [`match_choice`]): it appears as
/// whole words in the answer, or the answer starts the phrase or one of its words.
fn matches(phrase: &Phrase, answer: &str) -> bool {
    let contained =
        phrase.text.chars().count() >= MIN_LOOSE_LEN && contains_words(answer, &phrase.text);
    let starts = answer.chars().count() >= MIN_LOOSE_LEN
        && format!(" {}", phrase.text).contains(&format!(" {answer}"));
    contained || starts
}

/// Endings a word of the answer may add to a word of a phrase and still be that word:
/// Dutch and English inflections ("externe" for "extern", "partners" for "partner").
const INFLECTIONS: [&str; 6] = ["", "e", "en", "n", "s", "es"];

/// Whether the words of `phrase` appear one after the other in `answer`, each possibly
/// inflected.
fn contains_words(answer: &str, phrase: &str) -> bool {
    let answer: Vec<&str> = answer.split(' ').collect();
    let phrase: Vec<&str> = phrase.split(' ').collect();
    answer.windows(phrase.len()).any(|window| {
        window.iter().zip(&phrase).all(|(said, word)| {
            said.strip_prefix(word)
                .is_some_and(|ending| INFLECTIONS.contains(&ending))
        })
    })
}

/// How many options have a phrase that passes a test.
enum Unique {
    /// None does.
    None,
    /// Exactly this option does.
    One(usize),
    /// Two or more do.
    Many,
}

/// Which options have a phrase passing `test`.
fn unique(options: &[Vec<Phrase>], test: impl Fn(&Phrase) -> bool) -> Unique {
    let mut found = Unique::None;
    for (index, phrases) in options.iter().enumerate() {
        if phrases.iter().any(&test) {
            found = match found {
                Unique::None => Unique::One(index),
                Unique::One(_) | Unique::Many => return Unique::Many,
            };
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(raw: &[&[&str]]) -> Vec<Vec<String>> {
        raw.iter()
            .map(|option| {
                option
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn focus_areas_table() {
        let focus = options(&[
            &[
                "Strategie — continuïteit waarborgen, strategische samenwerking ontwikkelen",
                "strategy",
            ],
            &[
                "Programmeren — nieuw publiek aanspreken door middel van programmering",
                "programming",
                "programmering",
            ],
            &[
                "Marketingcommunicatie & verkoop — publieksstromen sturen",
                "marketing",
            ],
            &[
                "Publieks-/klantbeleving — impact publiek meten",
                "experience",
            ],
            &["Bedrijfsvoering — cashflow verbeteren", "operations"],
        ]);
        let cases = [
            // By number, 1-based; out of range is nothing.
            ("1", Some(0)),
            ("5", Some(4)),
            (" 3. ", Some(2)),
            ("0", None),
            ("6", None),
            ("99999999999999999999999", None),
            // Exactly a label or synonym, in any case and with or without accents.
            ("strategie", Some(0)),
            ("STRATEGY", Some(0)),
            ("Programmeren", Some(1)),
            ("programmering", Some(1)),
            ("marketing", Some(2)),
            ("Publieks-/klantbeleving", Some(3)),
            ("operations", Some(4)),
            (
                "Strategie — continuiteit waarborgen, strategische samenwerking ontwikkelen",
                Some(0),
            ),
            // A phrase as whole words in a longer answer.
            ("we kiezen voor programmeren", Some(1)),
            ("Doe maar strategie.", Some(0)),
            ("let's go with marketing please", Some(2)),
            // The start of a phrase or of one of its words.
            ("market", Some(2)),
            ("Marketingcommunicatie", Some(2)),
            ("verkoop", Some(2)),
            ("klantbeleving", Some(3)),
            ("prog", Some(1)),
            ("bedrijf", Some(4)),
            ("exper", Some(3)),
            // Never a guess: two options, too short, or only in a long label's explanation.
            ("marketing en strategie", None),
            ("programmeren of marketing", None),
            ("str", None),
            ("pro", None),
            ("", None),
            ("?", None),
            ("iets anders", None),
            ("continuiteit waarborgen", None),
            ("cashflow", None),
            ("marketingplan", None),
        ];
        for (text, want) in cases {
            assert_eq!(match_choice(text, &focus), want, "match_choice({text:?})");
        }
    }

    #[test]
    fn short_and_overlapping_phrases_table() {
        // Options as phrase lists, the answer, and the option it should pick.
        type Case = (
            &'static [&'static [&'static str]],
            &'static str,
            Option<usize>,
        );
        let cases: [Case; 14] = [
            (&[&["CRM"], &["Excel"]], "crm", Some(0)),
            (&[&["CRM"], &["Excel"]], "we gebruiken crm", None),
            (&[&["CRM"], &["Excel"]], "excel sheets", Some(1)),
            (
                &[&["Intern"], &["Extern"], &["Partner"]],
                "Externe data",
                Some(1),
            ),
            (
                &[&["Intern"], &["Extern"], &["Partner"]],
                "van onze partners",
                Some(2),
            ),
            (
                &[&["Intern"], &["Extern"], &["Partner"]],
                "internationaal",
                None,
            ),
            (
                &[&["Intern"], &["Extern"], &["Partner"]],
                "interne en externe",
                None,
            ),
            (&[&["Café"], &["Théâtre"]], "cafe", Some(0)),
            (&[&["Café"], &["Théâtre"]], "THEATRE", Some(1)),
            (&[&["Marketing"], &["Marktonderzoek"]], "mark", None),
            (&[&["Marketing"], &["Marktonderzoek"]], "markt", Some(1)),
            (&[&["ja"], &["ja", "yes"]], "ja", None),
            (&[&["ja"], &["ja", "yes"]], "yes", Some(1)),
            (&[], "1", None),
        ];
        for (raw, text, want) in cases {
            assert_eq!(
                match_choice(text, &options(raw)),
                want,
                "match_choice({text:?}, {raw:?})"
            );
        }
    }
}
