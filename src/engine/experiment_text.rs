//! The numbers of an experiment as a team reads them (Dutch: `2.400` and `1,46`; English:
//! `2,400` and `1.46`), and the counts read from what a team typed ("2400 verstuurd, 120
//! gekocht"). Pure functions; the sentences around them are in `prompts/`.

use crate::prompts::Lang;
use crate::scoring::experiment::Counts;
use crate::scoring::smart::number::parse_number;

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

/// Every number written in `text`, in order, with Dutch or English separators ("2.400
/// verstuurd, 120 gekocht" → 2400, 120). A number written with an exponent is none.
pub(super) fn numbers_in(text: &str) -> Vec<f64> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let run: String = rest[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        // "2400, 120": a separator followed by a space ends the number.
        match parse_number(run.trim_end_matches(['.', ','])) {
            Some(v) => found.push(v),
            None => return Vec::new(),
        }
        rest = &rest[start + run.len()..];
        if rest.starts_with(['e', 'E']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return Vec::new();
        }
    }
    found
}

/// A whole number of people from a number read: none for a fraction, a negative or one too
/// large.
fn people(v: f64) -> Option<u64> {
    (v >= 0.0 && v.fract() == 0.0 && v < 1e18).then_some(v as u64)
}

/// The counts of the variants in `text`: pairs of (sent, converted), `n` pairs exactly; `None`
/// when it holds another number of numbers, or one that is no whole number of people.
pub(super) fn counts_in(text: &str, n: usize) -> Option<Vec<Counts>> {
    let numbers = numbers_in(text);
    if numbers.len() != 2 * n {
        return None;
    }
    numbers
        .chunks(2)
        .map(|pair| Some(Counts::new(people(pair[0])?, people(pair[1])?)))
        .collect()
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
        assert_eq!(
            numbers_in("2.400 verstuurd, 120 gekocht"),
            vec![2400.0, 120.0]
        );
        assert_eq!(
            numbers_in("A 1200 30 B 1180 41"),
            vec![1200.0, 30.0, 1180.0, 41.0]
        );
        assert_eq!(numbers_in("1e9 mensen"), Vec::<f64>::new());
        assert_eq!(
            counts_in("2400, 120", 1),
            Some(vec![Counts::new(2400, 120)])
        );
        assert_eq!(
            counts_in("A: 1.200 / 30; B: 1.180 / 41", 2),
            Some(vec![Counts::new(1200, 30), Counts::new(1180, 41)])
        );
        assert_eq!(counts_in("2400", 1), None);
        assert_eq!(counts_in("2400 120 5", 1), None);
        assert_eq!(counts_in("2400 2,5", 1), None);
        assert_eq!(counts_in("geen idee", 1), None);
    }
}
