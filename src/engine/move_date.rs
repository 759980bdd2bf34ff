//! The new date and the reason of `/doel verzet`, read from what the team typed after the
//! goal's number: the date first, and every word after it the reason ("omdat" or "want" in
//! between is not needed).

use jiff::civil::Date;

use crate::scoring::smart::parse_deadline;

/// The date of `/doel verzet` and its reason; `Err` holds the words that are no date, to
/// say back. `reason` is what the command already split off after "omdat", "want", ":" …
/// or a form's own field; without it, the words after the date are the reason.
pub(super) fn date_and_reason(
    date_text: &str,
    reason: Option<&str>,
    today: Date,
) -> Result<(Date, Option<String>), String> {
    if let Some(reason) = reason {
        return read(date_text, today)
            .map(|date| (date, Some(reason.to_string())))
            .ok_or_else(|| date_text.trim().to_string());
    }
    let words: Vec<&str> = date_text.split_whitespace().collect();
    let upto = |k: usize| read(&words[..k].join(" "), today);
    let Some((mut k, mut date)) = (1..=words.len()).find_map(|k| upto(k).map(|d| (k, d))) else {
        return Err(unread(&words));
    };
    // A date of several words ("15 mei 2027", "week 12 van 2028") goes on while a word
    // changes the date or is a year; the first word that does neither starts the reason.
    'longer: loop {
        for more in 1..=2 {
            let Some(next) = words.get(k + more - 1) else {
                break 'longer;
            };
            if let Some(longer) = upto(k + more).filter(|d| *d != date || is_year(next)) {
                (k, date) = (k + more, longer);
                continue 'longer;
            }
        }
        break;
    }
    let reason = words[k..].join(" ");
    Ok((date, (!reason.is_empty()).then_some(reason)))
}

/// A date as `/doel verzet` reads it: "vandaag"/"today" (the README's "today or later"), or
/// what a goal's deadline answer takes.
fn read(text: &str, today: Date) -> Option<Date> {
    let word = text
        .trim()
        .trim_end_matches(['.', ',', ';', '!'])
        .to_lowercase();
    match word.as_str() {
        "vandaag" | "today" => Some(today),
        _ => parse_deadline(text, today),
    }
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// The words to say back when none of them is a date: those up to the last number among the
/// first three ("31 februari 2027"), else the first word.
fn unread(words: &[&str]) -> String {
    let head = &words[..words.len().min(3)];
    let end = head
        .iter()
        .rposition(|w| w.chars().any(|c| c.is_ascii_digit()))
        .map_or(1, |i| i + 1);
    words[..end.min(words.len())].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// What a case should read: the date and reason, or the words said back.
    type Read<'a> = Result<(Date, Option<&'a str>), &'a str>;

    #[test]
    fn the_words_after_the_date_are_the_reason() {
        let today = date(2026, 11, 25);
        let cases: &[(&str, Option<&str>, Read)] = &[
            (
                "30-04-2027 de campagne start later",
                None,
                Ok((date(2027, 4, 30), Some("de campagne start later"))),
            ),
            (
                "15 mei 2027 de zaal is later vrij",
                None,
                Ok((date(2027, 5, 15), Some("de zaal is later vrij"))),
            ),
            (
                "15 mei 2028 de zaal",
                None,
                Ok((date(2028, 5, 15), Some("de zaal"))),
            ),
            ("30-06-2027", None, Ok((date(2027, 6, 30), None))),
            ("vandaag", Some("klaar"), Ok((today, Some("klaar")))),
            ("Today", Some("done"), Ok((today, Some("done")))),
            ("vandaag klaar", None, Ok((today, Some("klaar")))),
            ("31-02-2027", Some("x"), Err("31-02-2027")),
            ("31-02-2027 x", None, Err("31-02-2027")),
            ("31 februari 2027 x y", None, Err("31 februari 2027")),
            ("straks", None, Err("straks")),
        ];
        for (text, reason, want) in cases {
            let want = (*want)
                .map(|(d, r)| (d, r.map(str::to_string)))
                .map_err(str::to_string);
            assert_eq!(
                date_and_reason(text, *reason, today),
                want,
                "{text:?} {reason:?}"
            );
        }
    }
}
