//! The numbers of an experiment as a team reads them (Dutch: `2.400` and `1,46`; English:
//! `2,400` and `1.46`), and the counts read from what a team typed ("2400 verstuurd, 120
//! gekocht"). Pure functions; the sentences around them are in `prompts/`.

use crate::prompts::Lang;
use crate::scoring::experiment::Counts;

/// The thousands separator and decimal mark of a language.
fn marks(lang: Lang) -> (char, char) {
    match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// `v` with exactly `places` decimals and the language's separators (`-1.234,50`).
pub(super) fn fixed(lang: Lang, v: f64, places: usize) -> String {
    let (thousands, decimal) = marks(lang);
    let plain = format!("{:.*}", places, v.abs());
    let (whole, fraction) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    // "-0,00" would say a sign the rounded number does not have.
    let negative = v < 0.0 && plain.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{fraction}")
    }
}

/// Like [`fixed`], with a `+` before a positive number: a difference or a change.
pub(super) fn signed(lang: Lang, v: f64, places: usize) -> String {
    let shown = fixed(lang, v, places);
    if shown.starts_with('-') || shown.chars().all(|c| !c.is_ascii_digit() || c == '0') {
        shown
    } else {
        format!("+{shown}")
    }
}

/// A number the team typed (an expected rate), with at most two decimals and none it does
/// not need: `3,5`, `12`.
pub(crate) fn short(lang: Lang, v: f64) -> String {
    let (_, decimal) = marks(lang);
    let shown = fixed(lang, v, 2);
    if shown.contains(decimal) {
        shown
            .trim_end_matches('0')
            .trim_end_matches(decimal)
            .to_string()
    } else {
        shown
    }
}

/// A number of people: `2.400`.
pub(crate) fn count(lang: Lang, n: u64) -> String {
    fixed(lang, n as f64, 0)
}

/// A p-value with its relation: `= 0,030`, or `< 0,001` when it is that small (more
/// digits would suggest a precision the model does not have).
pub(super) fn p_value(lang: Lang, p: f64) -> String {
    if p < 0.001 {
        format!("< {}", fixed(lang, 0.001, 3))
    } else {
        format!("= {}", fixed(lang, p, 3))
    }
}

/// Why counts typed for an experiment cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CountsProblem {
    /// Not the number of numbers asked, or one that is no whole number.
    Unreadable,
    /// A negative number: no count of people. The negative ones, as written.
    Negative(String),
}

/// The counts of the variants in `text`: pairs of (sent, converted), `n` pairs exactly. A
/// negative number is refused as such ("-10 1" is not 10 sent); another number of numbers,
/// a fraction or one too large is unreadable.
pub(super) fn counts_in(text: &str, n: usize) -> Result<Vec<Counts>, CountsProblem> {
    let numbers = super::input::numbers(text).ok_or(CountsProblem::Unreadable)?;
    let negative: Vec<String> = numbers
        .iter()
        .filter(|v| **v < 0.0)
        .map(|v| v.to_string())
        .collect();
    if !negative.is_empty() {
        return Err(CountsProblem::Negative(negative.join(", ")));
    }
    if numbers.len() != 2 * n {
        return Err(CountsProblem::Unreadable);
    }
    numbers
        .chunks(2)
        .map(|pair| Some(Counts::new(people(pair[0])?, people(pair[1])?)))
        .collect::<Option<Vec<Counts>>>()
        .ok_or(CountsProblem::Unreadable)
}

/// A whole number of people from a number read: none for a fraction or one too large.
fn people(v: f64) -> Option<u64> {
    (v >= 0.0 && v.fract() == 0.0 && v < 1e18).then_some(v as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_way_the_language_writes_them() {
        assert_eq!(fixed(Lang::Nl, 1234.5, 2), "1.234,50");
        assert_eq!(fixed(Lang::En, 1234.5, 2), "1,234.50");
        assert_eq!(fixed(Lang::Nl, 1_000_000.0, 0), "1.000.000");
        assert_eq!(fixed(Lang::Nl, 999.0, 0), "999");
        assert_eq!(fixed(Lang::Nl, -0.004, 2), "0,00");
        assert_eq!(fixed(Lang::Nl, -2.5, 1), "-2,5");
        assert_eq!(signed(Lang::Nl, 1.4583, 2), "+1,46");
        assert_eq!(signed(Lang::En, -1.4583, 2), "-1.46");
        assert_eq!(signed(Lang::Nl, 0.0, 2), "0,00");
        assert_eq!(short(Lang::Nl, 3.5), "3,5");
        assert_eq!(short(Lang::Nl, 12.0), "12");
        assert_eq!(short(Lang::En, 0.25), "0.25");
        assert_eq!(count(Lang::Nl, 2400), "2.400");
        assert_eq!(count(Lang::En, 2400), "2,400");
        assert_eq!(p_value(Lang::Nl, 0.029_722), "= 0,030");
        assert_eq!(p_value(Lang::En, 0.069_78), "= 0.070");
        assert_eq!(p_value(Lang::Nl, 2.3e-5), "< 0,001");
    }

    #[test]
    fn counts_are_read_in_pairs_of_whole_numbers() {
        let counts = |pairs: &[(u64, u64)]| {
            Ok(pairs
                .iter()
                .map(|&(sent, converted)| Counts::new(sent, converted))
                .collect::<Vec<_>>())
        };
        assert_eq!(counts_in("2400, 120", 1), counts(&[(2400, 120)]));
        assert_eq!(
            counts_in("A: 1.200 / 30; B: 1.180 / 41", 2),
            counts(&[(1200, 30), (1180, 41)])
        );
        assert_eq!(
            counts_in("A 1200 30 B 1180 41", 2),
            counts(&[(1200, 30), (1180, 41)])
        );
        for unreadable in ["2400", "2400 120 5", "2400 2,5", "geen idee", "1e9 mensen"] {
            assert_eq!(
                counts_in(unreadable, 1),
                Err(CountsProblem::Unreadable),
                "{unreadable}"
            );
        }
    }

    #[test]
    fn negative_counts_are_refused_not_read_without_their_sign() {
        assert_eq!(
            counts_in("-10 1", 1),
            Err(CountsProblem::Negative("-10".into()))
        );
        assert_eq!(
            counts_in("-1200 60 1180 85", 2),
            Err(CountsProblem::Negative("-1200".into()))
        );
        assert_eq!(
            counts_in("1200 -60 1180 -85", 2),
            Err(CountsProblem::Negative("-60, -85".into()))
        );
        // A dash between two numbers is no minus.
        assert_eq!(counts_in("2400-120", 1), Ok(vec![Counts::new(2400, 120)]));
    }
}
