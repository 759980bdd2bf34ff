//! Calendar and number words the date and number readers share, in matching form
//! (lowercase ASCII, see `text.rs`). Dutch and English sit side by side: a goal may mix
//! them and the bot does not know the language of a single sentence.

/// A month name or abbreviation with its number. `alone` says whether the word may stand
/// without a day number or a year when a word ties it to the goal ("in maart", "end of
/// May"); "jan", which is also a name, needs one ("15 jan", "jan 2027"). The English
/// "may", also a verb, stands alone only after such a word, like every month name.
pub(super) struct MonthName {
    /// The word in matching form.
    pub(super) word: &'static str,
    /// 1 for January … 12 for December.
    pub(super) month: i8,
    /// Whether the word reads as a month without a day or a year next to it.
    pub(super) alone: bool,
}

/// Builds a [`MonthName`] table entry.
const fn month(word: &'static str, month: i8, alone: bool) -> MonthName {
    MonthName { word, month, alone }
}

/// Every month name and abbreviation, Dutch and English.
pub(super) const MONTHS: &[MonthName] = &[
    month("januari", 1, true),
    month("january", 1, true),
    month("jan", 1, false),
    month("februari", 2, true),
    month("february", 2, true),
    month("febr", 2, true),
    month("feb", 2, true),
    month("maart", 3, true),
    month("march", 3, true),
    month("mrt", 3, true),
    month("mar", 3, true),
    month("april", 4, true),
    month("apr", 4, true),
    month("mei", 5, true),
    month("may", 5, true),
    month("juni", 6, true),
    month("june", 6, true),
    month("jun", 6, true),
    month("juli", 7, true),
    month("july", 7, true),
    month("jul", 7, true),
    month("augustus", 8, true),
    month("august", 8, true),
    month("aug", 8, true),
    month("september", 9, true),
    month("sept", 9, true),
    month("sep", 9, true),
    month("oktober", 10, true),
    month("october", 10, true),
    month("okt", 10, true),
    month("oct", 10, true),
    month("november", 11, true),
    month("nov", 11, true),
    month("december", 12, true),
    month("dec", 12, true),
];

/// The month a word names, if any.
pub(super) fn month_name(word: &str) -> Option<&'static MonthName> {
    MONTHS.iter().find(|name| name.word == word)
}

/// Number words up to ninety, Dutch and English. "een"/"one" are here for spans of time
/// ("binnen een jaar"); the target reader leaves them out, since "een" is also the article.
pub(super) const NUMBER_WORDS: &[(&str, u32)] = &[
    ("een", 1),
    ("one", 1),
    ("twee", 2),
    ("two", 2),
    ("drie", 3),
    ("three", 3),
    ("vier", 4),
    ("four", 4),
    ("vijf", 5),
    ("five", 5),
    ("zes", 6),
    ("six", 6),
    ("zeven", 7),
    ("seven", 7),
    ("acht", 8),
    ("eight", 8),
    ("negen", 9),
    ("nine", 9),
    ("tien", 10),
    ("ten", 10),
    ("elf", 11),
    ("eleven", 11),
    ("twaalf", 12),
    ("twelve", 12),
    ("dertien", 13),
    ("thirteen", 13),
    ("veertien", 14),
    ("fourteen", 14),
    ("vijftien", 15),
    ("fifteen", 15),
    ("zestien", 16),
    ("sixteen", 16),
    ("zeventien", 17),
    ("seventeen", 17),
    ("achttien", 18),
    ("eighteen", 18),
    ("negentien", 19),
    ("nineteen", 19),
    ("twintig", 20),
    ("twenty", 20),
    ("dertig", 30),
    ("thirty", 30),
    ("veertig", 40),
    ("forty", 40),
    ("vijftig", 50),
    ("fifty", 50),
    ("zestig", 60),
    ("sixty", 60),
    ("zeventig", 70),
    ("seventy", 70),
    ("tachtig", 80),
    ("eighty", 80),
    ("negentig", 90),
    ("ninety", 90),
];

/// Words that multiply the number before them ("vijf duizend", "two hundred") or stand
/// for their value alone ("duizend bezoekers").
pub(super) const MULTIPLIERS: &[(&str, u32)] = &[
    ("honderd", 100),
    ("hundred", 100),
    ("duizend", 1_000),
    ("thousand", 1_000),
    ("miljoen", 1_000_000),
    ("million", 1_000_000),
];

/// The value of a number word: a simple one ("drie", "twenty"), a multiplier ("duizend")
/// or a Dutch compound written as one word ("tweehonderd", "tienduizend",
/// "vijfentwintig", "honderdvijftig"). Plurals ("honderden", "duizenden") are vague and
/// give None.
pub(super) fn number_word(word: &str) -> Option<u64> {
    if word.is_empty() {
        return None;
    }
    if let Some(&(_, value)) = NUMBER_WORDS
        .iter()
        .chain(MULTIPLIERS)
        .find(|(name, _)| *name == word)
    {
        return Some(u64::from(value));
    }
    // Dutch compounds, largest multiplier first: "tweehonderdduizend" = 200 × 1000.
    for (name, value) in [("miljoen", 1_000_000), ("duizend", 1_000), ("honderd", 100)] {
        if let Some(at) = word.find(name) {
            let (left, right) = (&word[..at], &word[at + name.len()..]);
            let times = if left.is_empty() {
                1
            } else {
                number_word(left)?
            };
            let plus = if right.is_empty() {
                0
            } else {
                number_word(right)?
            };
            return (times < value && plus < value).then_some(times * value + plus);
        }
    }
    // "vijfentwintig": ones, "en", tens.
    let (ones, tens) = NUMBER_WORDS
        .iter()
        .filter(|(_, value)| *value >= 20 && value % 10 == 0)
        .find_map(|(tens, value)| {
            let head = word.strip_suffix(tens)?.strip_suffix("en")?;
            Some((head, u64::from(*value)))
        })?;
    let ones = NUMBER_WORDS
        .iter()
        .find(|(name, value)| *name == ones && (1..10).contains(value))?
        .1;
    Some(u64::from(ones) + tens)
}

/// A regex alternation of every word in `words`, longest first so that the longer of
/// two words sharing a start wins.
pub(super) fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::normalize::normalize;

    #[test]
    fn number_word_table() {
        let cases = [
            ("drie", Some(3)),
            ("twenty", Some(20)),
            ("twaalf", Some(12)),
            ("duizend", Some(1_000)),
            ("hundred", Some(100)),
            ("tweehonderd", Some(200)),
            ("tienduizend", Some(10_000)),
            ("vijftienhonderd", Some(1_500)),
            ("honderdduizend", Some(100_000)),
            ("honderdvijftig", Some(150)),
            ("tweeduizendvijfhonderd", Some(2_500)),
            ("vijfentwintig", Some(25)),
            ("eenentwintig", Some(21)),
            ("honderden", None),
            ("duizenden", None),
            ("honderdste", None),
            ("tweede", None),
            ("bezoekers", None),
            ("en", None),
            ("", None),
        ];
        for (word, want) in cases {
            assert_eq!(number_word(word), want, "number_word({word:?})");
        }
    }

    #[test]
    fn tables_are_normalised_and_months_complete() {
        let words = MONTHS.iter().map(|name| name.word).chain(
            NUMBER_WORDS
                .iter()
                .chain(MULTIPLIERS)
                .map(|(word, _)| *word),
        );
        for word in words {
            assert_eq!(normalize(word), word, "{word:?} is not normalised");
        }
        for number in 1..=12 {
            let names = MONTHS.iter().filter(|name| name.month == number);
            assert!(names.clone().any(|name| name.alone), "month {number}");
            assert!(names.count() >= 2, "month {number}");
        }
        assert_eq!(month_name("mrt").map(|name| name.month), Some(3));
        assert_eq!(month_name("maandag").map(|name| name.month), None);
    }

    #[test]
    fn alternation_puts_longer_words_first() {
        assert_eq!(
            alternation(["sep", "september", "sep"].into_iter()),
            "september|sep"
        );
    }
}
