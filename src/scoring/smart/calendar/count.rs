//! How long a stretch of time lasts: "drie maanden", "een half jaar", "two weeks".

use crate::scoring::lexicon::{Stretch, TimeUnit, lists};

/// The longest a stretch of time may be and still be read as a deadline; "over 65 jaar"
/// is an age, not a plan.
const MAX_WITHIN_DAYS: u32 = 3_650;

/// How many units a stretch of time lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Count {
    /// A whole number of units.
    Whole(u32),
    /// Half a unit: "een half jaar".
    Half,
    /// One and a half: "anderhalf jaar".
    OneAndAHalf,
}

impl Count {
    /// Reads the number of a stretch: digits, a number word, "a"/"an", "half",
    /// "anderhalf".
    pub(super) fn read(word: &str) -> Option<Count> {
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
        match word.as_str() {
            "a" | "an" => Some(Count::Whole(1)),
            "een half" | "een halve" | "half a" | "half an" => Some(Count::Half),
            "anderhalf" | "anderhalve" => Some(Count::OneAndAHalf),
            _ => word
                .parse()
                .ok()
                .or_else(|| {
                    lists()
                        .numbers
                        .words
                        .iter()
                        .find(|(name, _)| *name == word)
                        .map(|(_, value)| *value)
                })
                .map(Count::Whole),
        }
    }

    /// The days and months of this many `unit`s (hours round up to whole days), or None
    /// when that is implausibly long for a plan or half of a unit that does not halve
    /// evenly.
    pub(super) fn length(self, unit: &str) -> Option<(u32, u32)> {
        let (hours, days, months) = match time_unit(unit)?.stretch {
            Stretch::Hour => (1, 0, 0),
            Stretch::Day => (0, 1, 0),
            Stretch::Week => (0, 7, 0),
            Stretch::Month => (0, 0, 1),
            Stretch::Quarter => (0, 0, 3),
            Stretch::HalfYear => (0, 0, 6),
            Stretch::Year => (0, 0, 12),
        };
        let scale = |part: u32| match self {
            Count::Whole(n) => part.checked_mul(n),
            Count::Half => part.is_multiple_of(2).then_some(part / 2),
            Count::OneAndAHalf => part.is_multiple_of(2).then_some(part * 3 / 2),
        };
        let (hours, days, months) = (scale(hours)?, scale(days)?, scale(months)?);
        let days = days.checked_add(hours.div_ceil(24))?;
        let plausible = days + months * 30 <= MAX_WITHIN_DAYS && days + months > 0;
        plausible.then_some((days, months))
    }
}

/// Whether a unit of time is written in the plural ("maanden", "weeks").
pub(super) fn is_plural(unit: &str) -> bool {
    time_unit(unit).is_some_and(|unit| unit.plural)
}

/// The unit of time a word names (`[calendar.units]` in the word lists).
fn time_unit(word: &str) -> Option<&'static TimeUnit> {
    lists().calendar.units.iter().find(|unit| unit.word == word)
}
