//! The experience level of step 2 ("Wat is mijn ervaringsniveau?"): seven yes/no
//! questions, where mostly "ja" means *lerend* and otherwise *startend*, and one extra
//! question that may make a lerend team *uitvoerend* (outside the guide's scope).

use super::yesno::YesNo;

/// A team's experience level with audience data, as the guide names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Mostly "nee": start small, short-term goals, 1–3 priorities.
    Startend,
    /// Mostly "ja": broaden involvement and knowledge, short- and long-term goals.
    Lerend,
    /// Lerend, and using audience-data insights is self-evident everywhere in the
    /// organisation: beyond the guide's scope.
    Uitvoerend,
}

impl Level {
    /// Every level, from least to most experienced.
    pub const ALL: [Level; 3] = [Level::Startend, Level::Lerend, Level::Uitvoerend];

    /// The stable id stored in the database and used to key the level's texts.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Startend => "startend",
            Level::Lerend => "lerend",
            Level::Uitvoerend => "uitvoerend",
        }
    }

    /// Reads an id written by [`Level::as_str`]; None for anything else.
    pub fn parse_stored(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.as_str() == s)
    }
}

/// Counts the "ja" answers among the experience questions (None = skipped) and derives
/// the level from them.
///
/// The guide says: mostly "ja" is lerend, otherwise startend. "Mostly" is read strictly:
/// the yes count must be more than half of ALL questions asked (`answers.len()`, seven in
/// the guide), so a skipped question, "deels" and "weet ik niet" all count as not-yes.
/// Four yes out of seven is lerend; three yes, two partly and two skipped is startend.
pub fn experience_level(answers: &[Option<YesNo>]) -> (usize, Level) {
    let yes = answers
        .iter()
        .filter(|answer| **answer == Some(YesNo::Yes))
        .count();
    let level = if yes * 2 > answers.len() {
        Level::Lerend
    } else {
        Level::Startend
    };
    (yes, level)
}

/// Applies the extra question asked of a lerend team ("is het benutten van
/// publieksdata-inzichten op alle onderdelen van de organisatie vanzelfsprekend?"): a clear
/// yes makes it uitvoerend; any other answer, or any other level, leaves the level as is.
pub fn final_level(level: Level, embedded: Option<YesNo>) -> Level {
    match (level, embedded) {
        (Level::Lerend, Some(YesNo::Yes)) => Level::Uitvoerend,
        _ => level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Y: Option<YesNo> = Some(YesNo::Yes);
    const N: Option<YesNo> = Some(YesNo::No);
    const P: Option<YesNo> = Some(YesNo::Partly);
    const U: Option<YesNo> = Some(YesNo::Unknown);
    const S: Option<YesNo> = None;

    #[test]
    fn experience_level_table() {
        let cases: [(&[Option<YesNo>], usize, Level); 11] = [
            (&[N, N, N, N, N, N, N], 0, Level::Startend),
            (&[Y, Y, Y, Y, Y, Y, Y], 7, Level::Lerend),
            (&[Y, Y, Y, Y, N, N, N], 4, Level::Lerend),
            (&[Y, Y, Y, N, N, N, N], 3, Level::Startend),
            // Not-yes answers of every kind count against "mostly ja".
            (&[Y, Y, Y, P, P, S, S], 3, Level::Startend),
            (&[Y, Y, Y, U, U, U, U], 3, Level::Startend),
            (&[Y, Y, Y, Y, S, S, S], 4, Level::Lerend),
            // Skipped questions still count in the total.
            (&[Y, Y, Y, S, S, S, S], 3, Level::Startend),
            (&[S, S, S, S, S, S, S], 0, Level::Startend),
            (&[P, P, P, P, P, P, P], 0, Level::Startend),
            (&[], 0, Level::Startend),
        ];
        for (answers, want_yes, want_level) in cases {
            assert_eq!(
                experience_level(answers),
                (want_yes, want_level),
                "experience_level({answers:?})"
            );
        }
    }

    #[test]
    fn final_level_table() {
        let cases = [
            (Level::Lerend, Y, Level::Uitvoerend),
            (Level::Lerend, N, Level::Lerend),
            (Level::Lerend, P, Level::Lerend),
            (Level::Lerend, U, Level::Lerend),
            (Level::Lerend, S, Level::Lerend),
            (Level::Startend, Y, Level::Startend),
            (Level::Startend, N, Level::Startend),
            (Level::Uitvoerend, N, Level::Uitvoerend),
        ];
        for (level, embedded, want) in cases {
            assert_eq!(
                final_level(level, embedded),
                want,
                "final_level({level:?}, {embedded:?})"
            );
        }
    }

    #[test]
    fn stored_ids_round_trip() {
        let ids = ["startend", "lerend", "uitvoerend"];
        for (level, id) in Level::ALL.into_iter().zip(ids) {
            assert_eq!(level.as_str(), id);
            assert_eq!(Level::parse_stored(id), Some(level));
        }
        for bad in ["", "Lerend", "expert", " startend"] {
            assert_eq!(Level::parse_stored(bad), None, "parse_stored({bad:?})");
        }
    }
}
