//! Reading written numbers: "1.000" and "2,000" (thousands), "2,5" and "2.5" (decimals),
//! "1.000,50" and "1,000.50". The engine reads typed baselines and targets with the same
//! rules.

/// A number as written with digits and separators, for regexes: groups of three after
/// the first ("12.345.678") or digits with an optional decimal part ("2,5", "12345").
pub(super) const NUMBER: &str = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?";

/// The value of a number written with digits, a '.' or ',' for thousands and a '.' or
/// ',' for decimals, Dutch and English alike:
/// - both separators: the last one is the decimal mark ("1.000,50", "1,000.50");
/// - one separator more than once: thousands ("1.000.000", "2,000,000");
/// - one separator once, followed by exactly three digits, after a number that is not 0:
///   thousands ("1.000", "2,000"); otherwise a decimal mark ("2,5", "2.5", "0,125").
///
/// A number too large for a finite value is not a number here.
pub(crate) fn parse_number(written: &str) -> Option<f64> {
    let dots = written.matches('.').count();
    let commas = written.matches(',').count();
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let mark = if dots > 0 { '.' } else { ',' };
            let (whole, fraction) = written.rsplit_once(mark)?;
            let thousands =
                dots + commas > 1 || (fraction.len() == 3 && !whole.is_empty() && whole != "0");
            (!thousands).then_some(mark)
        }
        _ => written
            .rfind(['.', ','])
            .and_then(|at| written[at..].chars().next()),
    };
    let plain: String = written
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            c if Some(c) == decimal => Some('.'),
            _ => None,
        })
        .collect();
    // A 400-digit number reads as infinity, which no goal can hold and SQLite refuses.
    plain.parse().ok().filter(|v: &f64| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_number_table() {
        let cases = [
            ("10", Some(10.0)),
            ("1.000", Some(1_000.0)),
            ("2,000", Some(2_000.0)),
            ("10.000", Some(10_000.0)),
            ("1.000.000", Some(1_000_000.0)),
            ("2,000,000", Some(2_000_000.0)),
            ("2,5", Some(2.5)),
            ("2.5", Some(2.5)),
            ("0,125", Some(0.125)),
            ("12,75", Some(12.75)),
            ("1.000,50", Some(1_000.5)),
            ("1,000.50", Some(1_000.5)),
            ("", None),
        ];
        for (written, want) in cases {
            assert_eq!(parse_number(written), want, "parse_number({written:?})");
        }
        assert_eq!(
            parse_number(&"9".repeat(400)),
            None,
            "infinity is no number"
        );
    }
}
