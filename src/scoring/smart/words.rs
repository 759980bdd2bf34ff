//! Reading the calendar and number words the date and number readers share
//! (`[numbers]` and `[calendar]` in `prompts/lexicon/*.toml`). Dutch and English sit side
//! by side: a goal may mix them and the bot does not know the language of a single
//! sentence.

use crate::scoring::lexicon::{MonthName, lists};

/// The month a word names, if any.
pub(super) fn month_name(word: &str) -> Option<&'static MonthName> {
    lists()
        .calendar
        .months
        .iter()
        .find(|name| name.word == word)
}

/// The value of a number word: a simple one ("drie", "twenty"), a multiplier ("duizend")
/// or a Dutch compound written as one word ("tweehonderd", "tienduizend",
/// "vijfentwintig", "honderdvijftig"). Plurals ("honderden", "duizenden") are vague and
/// give None.
pub(super) fn number_word(word: &str) -> Option<u64> {
    if word.is_empty() {
        return None;
    }
    let numbers = &lists().numbers;
    if let Some(&(_, value)) = numbers
        .words
        .iter()
        .chain(numbers.multipliers)
        .find(|(name, _)| *name == word)
    {
        return Some(u64::from(value));
    }
    // Dutch compounds, largest multiplier first: "tweehonderdduizend" = 200 × 1000. Only
    // Dutch writes them as one word, so these stay here rather than in the word lists.
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
    let (ones, tens) = numbers
        .words
        .iter()
        .filter(|(_, value)| *value >= 20 && value % 10 == 0)
        .find_map(|(tens, value)| {
            let head = word.strip_suffix(tens)?.strip_suffix("en")?;
            Some((head, u64::from(*value)))
        })?;
    let ones = numbers
        .words
        .iter()
        .find(|(name, value)| *name == ones && (1..10).contains(value))?
        .1;
    Some(u64::from(ones) + tens)
}

/// The value of a word that multiplies a number written in digits: an abbreviation ("k",
/// "mln") or a number word ("duizend", "thousand").
pub(super) fn multiplier(word: &str) -> Option<u64> {
    let abbreviations = lists().numbers.abbreviations;
    match abbreviations
        .iter()
        .find(|(abbreviation, _)| *abbreviation == word)
    {
        Some((_, value)) => Some(u64::from(*value)),
        None => number_word(word),
    }
}

/// A regex alternation of every word in `words`, escaped, longest first so that the longer
/// of two words sharing a start wins.
pub(super) fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let escaped: Vec<String> = words.into_iter().map(regex::escape).collect();
    escaped.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn months_complete() {
        let months = lists().calendar.months;
        for number in 1..=12 {
            let names = months.iter().filter(|name| name.month == number);
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
        assert_eq!(alternation(["a.b", "c"].into_iter()), r"a\.b|c");
    }
}
