//! Reading what a user typed: checks every platform shares, and turning an answer into the
//! value stored for the open question.

use super::error::UserError;
use crate::scoring::normalize::normalize;
use crate::scoring::overlap::content_words;
use crate::scoring::smart::number::parse_number;
use crate::scoring::yesno::{YesNo, parse_bare_yes_no, parse_yes_no};

/// Trim and check a free-text line; the error says why it cannot be used.
pub(super) fn clean(text: &str, max_chars: usize) -> Result<&str, UserError> {
    let text = text.trim();
    // Zero-width and other invisible characters alone are as empty as white space.
    if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(UserError::Empty);
    }
    // Count lazily: a megabyte line should not be walked twice.
    let len = text.chars().take(max_chars + 1).count();
    if len > max_chars {
        return Err(UserError::TooLong {
            len: text.chars().count(),
            max: max_chars,
        });
    }
    // Newlines and tabs are ordinary in chat messages; anything else (escape sequences,
    // NUL, bell) could corrupt a terminal or an export and is never meant as an answer.
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(UserError::ControlChars);
    }
    Ok(text)
}

/// Characters that take no room when shown: zero-width spaces and joiners, the word joiner, the
/// byte-order mark and the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Whether a line in a "until stop" group ends the group ("klaar", "stop", "done" …).
pub(super) fn is_stop(text: &str) -> bool {
    matches!(
        normalize(text).as_str(),
        "klaar"
            | "stop"
            | "stoppen"
            | "genoeg"
            | "dat is het"
            | "dat was het"
            | "einde"
            | "done"
            | "enough"
            | "that s it"
            | "thats it"
            | "finished"
    )
}

/// Whether a line says "none" to an optional date ("geen", "nog niet", "none", "-").
pub(super) fn is_none(text: &str) -> bool {
    matches!(
        normalize(text).as_str(),
        "geen"
            | "geen datum"
            | "nog geen"
            | "nog niet"
            | "niet"
            | "nee"
            | "none"
            | "no"
            | "no date"
            | "not yet"
            | ""
    ) || is_stop(text)
}

/// Whether an answer to "make the goal sharper" keeps it as it is: a plain no ("nee", "nee
/// hoor", "no", "nope") or "laat maar", "zo laten", "keep it" and the like.
pub(super) fn keeps_as_is(text: &str) -> bool {
    matches!(
        normalize(text).as_str(),
        "laat maar"
            | "laat maar zo"
            | "laat het zo"
            | "laat zo"
            | "zo laten"
            | "zo houden"
            | "hou zo"
            | "houd zo"
            | "houden zo"
            | "zo is het goed"
            | "zo is het prima"
            | "is goed zo"
            | "prima zo"
            | "goed zo"
            | "blijft zo"
            | "nee dank je"
            | "nee dank u"
            | "nee bedankt"
            | "niet nodig"
            | "hoeft niet"
            | "keep"
            | "keep it"
            | "keep it as is"
            | "keep as is"
            | "as is"
            | "leave it"
            | "leave it as is"
            | "fine as is"
            | "it s fine"
            | "no thanks"
            | "no thank you"
            | "not needed"
    ) || parse_bare_yes_no(text) == Some(YesNo::No)
}

/// Whether an answer to "who?" is no name but the answer to another question: a bare yes
/// ("ja", "yes", "klopt"), or no letters at all (a number such as "40"). A single letter
/// ("J") stays a name: it is more likely an initial.
pub(super) fn is_not_a_name(text: &str) -> bool {
    let text = text.trim();
    !text.chars().any(char::is_alphabetic)
        || (text.chars().count() > 1
            && matches!(parse_bare_yes_no(text), Some(YesNo::Yes | YesNo::Partly)))
}

/// Whether an answer can be a goal's text: not only a yes, no or don't-know ("ja", "deels",
/// "weet niet"), and more than one word with something in it besides words like "meer" or
/// "ok".
pub(super) fn can_be_goal(text: &str) -> bool {
    parse_bare_yes_no(text).is_none()
        && normalize(text).split(' ').count() > 1
        && !content_words(text).is_empty()
}

/// A 1-based option number typed as the whole answer.
pub(super) fn option_number(text: &str, count: usize) -> Option<usize> {
    let n: usize = text.trim().trim_end_matches(['.', ')']).parse().ok()?;
    (1..=count).contains(&n).then(|| n - 1)
}

/// Every number written in `text`, in order, with Dutch and English separators ("2.400
/// verstuurd, 120 gekocht" → 2400, 120) and its sign: a minus right before the digits that
/// does not join two words or numbers ("-5", "nu −2,5"; not "200-250" or "covid-19"). `None`
/// when one cannot be held: written with an exponent ("1e400") or too large. Better asked
/// again than stored wrong.
pub(super) fn numbers(text: &str) -> Option<Vec<f64>> {
    Some(written(text)?.into_iter().map(|(v, _)| v).collect())
}

/// [`numbers`], each with how it is written (its sign included).
fn written(text: &str) -> Option<Vec<(f64, &str)>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(|c: char| c.is_ascii_digit()) {
        let start = from + start;
        let len = text[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(text.len() - start);
        let after = &text[start + len..];
        if after.starts_with(['e', 'E']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // "2400, 120": a separator followed by a space ends the number.
        let run = text[start..start + len].trim_end_matches(['.', ',']);
        let value = parse_number(run)?;
        found.push(match sign_before(&text[..start]) {
            Some(sign) => (-value, &text[start - sign..start + run.len()]),
            None => (value, run),
        });
        from = start + len;
    }
    Some(found)
}

/// The length in bytes of the minus sign `before` a number ends in, if it ends in one.
fn sign_before(before: &str) -> Option<usize> {
    let mut back = before.chars().rev();
    let sign = back.next().filter(|c| matches!(c, '-' | '\u{2212}'))?;
    (!back.next().is_some_and(char::is_alphanumeric)).then_some(sign.len_utf8())
}

/// The one number an answer gives ("ongeveer 1.500 bezoekers" → 1500, "-5" → -5, "150, ja
/// 150" → 150). None, one koers cannot hold, or two different ones ("tussen 200 en 250",
/// "200 in 2026") is refused: which is meant is never guessed.
pub(super) fn single_number(text: &str) -> Result<f64, UserError> {
    let found = written(text).unwrap_or_default();
    let Some(&(first, _)) = found.first() else {
        return Err(UserError::UnreadableNumber);
    };
    if found.iter().all(|(n, _)| n.total_cmp(&first).is_eq()) {
        return Ok(first);
    }
    let mut shown: Vec<&str> = Vec::new();
    for (_, as_written) in found {
        if !shown.contains(&as_written) {
            shown.push(as_written);
        }
    }
    Err(UserError::SeveralNumbers(shown.join(", ")))
}

/// Whether the answer is a bare number (also "-1" or "+2"): then only [`option_number`]
/// decides, and a number out of range is refused rather than read as words.
pub(super) fn is_number(text: &str) -> bool {
    text.trim()
        .trim_end_matches(['.', ')'])
        .parse::<i64>()
        .is_ok()
}

/// The stored value of a yes/no answer, or why it cannot be read. `allowed` lists the values
/// the question offers (a "more?" question only offers yes and no).
pub(super) fn yes_no_value(text: &str, allowed: &[YesNo]) -> Result<&'static str, UserError> {
    if is_number(text) {
        return option_number(text, allowed.len())
            .map(|i| allowed[i].as_str())
            .ok_or(UserError::UnreadableYesNo);
    }
    match parse_yes_no(text) {
        Some(v) if allowed.contains(&v) => Ok(v.as_str()),
        _ => Err(UserError::UnreadableYesNo),
    }
}

/// Strings the user may type for an option of a choice question.
pub(super) fn choice_phrases(
    id: &str,
    labels: impl IntoIterator<Item = String>,
    matches: impl IntoIterator<Item = String>,
) -> Vec<String> {
    let mut phrases = vec![id.to_string()];
    phrases.extend(labels);
    for list in matches {
        phrases.extend(
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
        );
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_refuses_bad_input_and_keeps_good_input() {
        assert_eq!(clean("  ja  ", 10), Ok("ja"));
        assert_eq!(clean(" \t ", 10), Err(UserError::Empty));
        assert_eq!(clean("\u{200b}", 10), Err(UserError::Empty));
        assert_eq!(clean(" \u{feff}\u{200d} ", 10), Err(UserError::Empty));
        assert_eq!(clean("a\u{200d}b", 10), Ok("a\u{200d}b"));
        assert_eq!(clean("", 10), Err(UserError::Empty));
        assert_eq!(
            clean(&"x".repeat(11), 10),
            Err(UserError::TooLong { len: 11, max: 10 })
        );
        assert_eq!(clean("a\u{1b}[31mred", 100), Err(UserError::ControlChars));
        assert_eq!(clean("a\0b", 100), Err(UserError::ControlChars));
        assert_eq!(clean("twee\nregels", 100), Ok("twee\nregels"));
        assert_eq!(clean("🎭 مرحبا שלום", 100), Ok("🎭 مرحبا שלום"));
        assert_eq!(
            clean("'; DROP TABLE teams; --", 100),
            Ok("'; DROP TABLE teams; --")
        );
        // Limits count characters, not bytes.
        assert_eq!(clean(&"é".repeat(10), 10), Ok("éééééééééé"));
    }

    #[test]
    fn megabyte_line_is_refused_with_its_length() {
        let big = "a".repeat(1 << 20);
        assert_eq!(
            clean(&big, 2000),
            Err(UserError::TooLong {
                len: 1 << 20,
                max: 2000
            })
        );
    }

    #[test]
    fn numbers_keep_their_sign_and_refuse_what_they_cannot_hold() {
        assert_eq!(single_number("ongeveer 1.500 bezoekers"), Ok(1500.0));
        assert_eq!(single_number("-5"), Ok(-5.0));
        assert_eq!(single_number("nu -2,5 procent"), Ok(-2.5));
        assert_eq!(single_number("nu \u{2212}2,5 procent"), Ok(-2.5));
        assert_eq!(single_number("1e400"), Err(UserError::UnreadableNumber));
        assert_eq!(
            single_number(&"9".repeat(400)),
            Err(UserError::UnreadableNumber)
        );
        assert_eq!(single_number("geen idee"), Err(UserError::UnreadableNumber));
        assert_eq!(
            numbers("-1200 60 1180 85"),
            Some(vec![-1200.0, 60.0, 1180.0, 85.0])
        );
        assert_eq!(numbers("-10 1"), Some(vec![-10.0, 1.0]));
        // A dash between two numbers or after a word is no sign.
        assert_eq!(numbers("200-250"), Some(vec![200.0, 250.0]));
        assert_eq!(numbers("covid-19"), Some(vec![19.0]));
        assert_eq!(
            numbers("2.400 verstuurd, 120 gekocht"),
            Some(vec![2400.0, 120.0])
        );
        assert_eq!(numbers("1e9 mensen"), None);
    }

    #[test]
    fn an_answer_with_two_different_numbers_is_not_guessed() {
        let several = |numbers: &str| Err(UserError::SeveralNumbers(numbers.into()));
        assert_eq!(
            single_number("tussen 200 en 250 denk ik, in 2026"),
            several("200, 250, 2026")
        );
        assert_eq!(single_number("200 in 2026"), several("200, 2026"));
        assert_eq!(single_number("200-250"), several("200, 250"));
        assert_eq!(single_number("12 tot 15%"), several("12, 15"));
        assert_eq!(single_number("-10 of 10"), several("-10, 10"));
        // The same number twice is one answer.
        assert_eq!(single_number("150, ja echt 150"), Ok(150.0));
        assert_eq!(single_number("3,5 procent"), Ok(3.5));
    }

    #[test]
    fn stop_words_and_numbers() {
        assert!(is_stop("Klaar!"));
        assert!(is_stop("done"));
        assert!(!is_stop("we zijn nog niet klaar met de analyse"));
        assert_eq!(option_number("2", 4), Some(1));
        assert_eq!(option_number("2.", 4), Some(1));
        assert_eq!(option_number("5", 4), None);
        assert_eq!(option_number("0", 4), None);
        assert_eq!(option_number("twee", 4), None);
    }

    #[test]
    fn a_plain_no_keeps_a_goal_and_a_yes_or_one_word_is_no_goal() {
        for keep in [
            "nee",
            "Nee.",
            "nee hoor",
            "no",
            "nope",
            "laat maar",
            "Zo laten!",
            "keep it",
        ] {
            assert!(keeps_as_is(keep), "{keep:?} keeps the goal");
        }
        for goal in [
            "Nee, we willen 300 studenten vóór juni 2027",
            "Meer studenten via Instagram voor 1 maart 2027",
        ] {
            assert!(!keeps_as_is(goal), "{goal:?} is a new goal");
            assert!(can_be_goal(goal), "{goal:?} is a goal");
        }
        for not_a_goal in [
            "ja",
            "Ja!",
            "deels",
            "weet ik niet",
            "ok",
            "prima",
            "300",
            "meer",
        ] {
            assert!(!can_be_goal(not_a_goal), "{not_a_goal:?} is no goal");
        }
    }

    #[test]
    fn yes_no_values_respect_what_the_question_offers() {
        let all = YesNo::ALL;
        let two = [YesNo::Yes, YesNo::No];
        assert_eq!(yes_no_value("klopt", &all), Ok("yes"));
        assert_eq!(yes_no_value("3", &all), Ok(all[2].as_str()));
        assert_eq!(yes_no_value("deels", &two), Err(UserError::UnreadableYesNo));
        assert_eq!(
            yes_no_value("misschien later ooit", &two),
            Err(UserError::UnreadableYesNo)
        );
        assert_eq!(
            yes_no_value("banaan", &all),
            Err(UserError::UnreadableYesNo)
        );
        assert_eq!(yes_no_value("-1", &all), Err(UserError::UnreadableYesNo));
        assert!(is_number("-3") && is_number("+2") && is_number("2.") && !is_number("2e"));
    }
}
