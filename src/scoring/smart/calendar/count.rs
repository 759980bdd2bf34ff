//! How long a stretch of time lasts: "drie maanden", "een half jaar", "two weeks".

use crate::scoring::smart::words::NUMBER_WORDS;

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
                    NUMBER_WORDS
                        .iter()
                        .find(|(name, _)| *name == word)
                        .map(|(_, value)| *value)
                })
                .map(Count::Whole),
        }
    }

    /// The days and months of this many `unit`s, or None when that is implausibly long for
    /// a plan or half of a unit that does not halve evenly.
    pub(super) fn length(self, unit: &str) -> Option<(u32, u32)> {
        let (days, months) = match unit {
            "dag" | "dagen" | "day" | "days" => (1, 0),
            "week" | "weken" | "weeks" => (7, 0),
            "maand" | "maanden" | "month" | "months" => (0, 1),
            "kwartaal" | "kwartalen" | "quarter" | "quarters" => (0, 3),
            "halfjaar" => (0, 6),
            _ => (0, 12),
        };
        let (days, months) = match self {
            Count::Whole(n) => (days * n, months * n),
            Count::Half if months % 2 == 0 => (days / 2, months / 2),
            Count::OneAndAHalf if months % 2 == 0 => (days * 3 / 2, months * 3 / 2),
            _ => return None,
        };
        let plausible = days + months * 30 <= MAX_WITHIN_DAYS && days + months > 0;
        plausible.then_some((days, months))
    }
}

/// Whether a unit of time is written in the plural ("maanden", "weeks").
pub(super) fn is_plural(unit: &str) -> bool {
    matches!(
        unit,
        "dagen"
            | "days"
            | "weken"
            | "weeks"
            | "maanden"
            | "months"
            | "kwartalen"
            | "quarters"
            | "jaren"
            | "years"
    )
}
