//! Which way a goal's words say its measure goes, read against the start and end its numbers
//! give: "het aantal studentenkaarten verhogen van 400 naar 300" says up and goes down.

use crate::scoring::lexicon::lists;
use crate::scoring::normalize::normalize;

use super::Warning;

/// The way a goal's words say its measure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// The way the words of `text` say the measure goes ("verhogen", "meer", "increase" up;
/// "verlagen", "halveer", "minder", "reduce" down); None without such a word, or with words
/// of both ways. A word followed by a bound ("meer dan 300", "less than 5%") or naming a group
/// ("minder draagkrachtige gezinnen") says no way.
fn said_direction(text: &str) -> Option<Direction> {
    let smart = &lists().smart;
    let normal = normalize(text);
    let words: Vec<&str> = normal.split_whitespace().collect();
    let (mut up, mut down) = (false, false);
    for (at, word) in words.iter().enumerate() {
        if words
            .get(at + 1)
            .is_some_and(|next| smart.not_direction_after.contains(next))
        {
            continue;
        }
        up |= smart.up_words.contains(word);
        down |= smart.down_words.contains(word);
    }
    match (up, down) {
        (true, false) => Some(Direction::Up),
        (false, true) => Some(Direction::Down),
        _ => None,
    }
}

/// [`Warning::AgainstDirection`] when the start and end of a goal (`start_end`: the "van 400
/// naar 300" of its text, or the team's baseline and target) go the other way than its words
/// say. One function for both, so the same numbers get the same verdict wherever they come
/// from. A goal without a word of direction, or without both numbers, is not judged.
pub fn direction_warning(text: &str, start_end: Option<(f64, f64)>) -> Option<Warning> {
    let (start, end) = start_end?;
    let against = match said_direction(text)? {
        Direction::Up => end < start,
        Direction::Down => end > start,
    };
    against.then_some(Warning::AgainstDirection)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_against_the_words_are_warned_about() {
        let against = [
            (
                "Het aantal studentenkaarten verhogen van 400 naar 300",
                None,
            ),
            (
                "Het aantal studentenkaarten verhogen naar 300",
                Some((400.0, 300.0)),
            ),
            ("Meer studenten in de zaal", Some((400.0, 300.0))),
            (
                "Increase student tickets from 400 to 300 by June 2027",
                None,
            ),
            ("Grow the mailing list", Some((5000.0, 4000.0))),
            ("Halveer het aantal no-shows", Some((5.0, 10.0))),
            ("Het aantal no-shows verlagen van 5% naar 12%", None),
            ("Minder lege stoelen", Some((100.0, 150.0))),
            ("Reduce no-shows from 5% to 8%", None),
            ("Cut the waiting time", Some((7.0, 14.0))),
        ];
        for (text, given) in against {
            let stated = given.or_else(|| super::super::find_stated(text).range);
            assert_eq!(
                direction_warning(text, stated),
                Some(Warning::AgainstDirection),
                "{text:?} {stated:?}"
            );
        }
    }

    #[test]
    fn numbers_with_the_words_or_without_a_direction_are_not() {
        let fine = [
            ("Het aantal no-shows verlagen van 12% naar 5%", None),
            (
                "Het aantal studentenkaarten verhogen van 300 naar 400",
                None,
            ),
            (
                "Wachttijd aan de kassa onder de 2 minuten",
                Some((4.0, 2.0)),
            ),
            (
                "Wachttijd aan de kassa onder de 2 minuten",
                Some((1.0, 2.0)),
            ),
            ("Bezetting van 80% naar 70% in de kleine zaal", None),
            (
                "Meer dan 300 bezoekers per voorstelling",
                Some((400.0, 300.0)),
            ),
            ("Fewer than 5% no-shows", Some((2.0, 5.0))),
            (
                "Bereik onder minder draagkrachtige gezinnen van 200 naar 400",
                None,
            ),
            ("Meer jongeren en minder no-shows", Some((400.0, 300.0))),
            ("Het aantal studentenkaarten verhogen", None),
        ];
        for (text, given) in fine {
            let stated = given.or_else(|| super::super::find_stated(text).range);
            assert_eq!(direction_warning(text, stated), None, "{text:?} {stated:?}");
        }
    }
}
