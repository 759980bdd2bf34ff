//! The matching form of a goal for the number and date readers: lowercased and with
//! Latin diacritics folded like [`normalize`](crate::scoring::normalize::normalize)
//! ("vóór" → "voor", "één" → "een"), but with digits, punctuation and symbols kept, since
//! "15-03-2027", "2,5%" and "€ 5.000" need them. Every byte remembers the character of
//! the original text it came from, so a match can be shown as the team wrote it.

use std::ops::Range;

use regex::Regex;

use crate::scoring::normalize::normalize;

/// A goal text in matching form, with the way back to the original.
pub(super) struct Prepared<'a> {
    /// The text as the team wrote it.
    source: &'a str,
    /// The matching form: lowercase, folded, dashes as '-', curly quotes as straight ones,
    /// every kind of whitespace as ' '.
    pub(super) text: String,
    /// For every byte of `text`, the byte range of the original character it came from.
    origin: Vec<(usize, usize)>,
}

impl<'a> Prepared<'a> {
    /// Prepares `source` for matching.
    pub(super) fn new(source: &'a str) -> Prepared<'a> {
        let mut text = String::with_capacity(source.len());
        let mut origin = Vec::with_capacity(source.len());
        for (start, original) in source.char_indices() {
            let end = start + original.len_utf8();
            for lower in original.to_lowercase() {
                push_folded(&mut text, lower);
                origin.resize(text.len(), (start, end));
            }
        }
        Prepared {
            source,
            text,
            origin,
        }
    }

    /// The original text behind `range` of the matching form, trimmed; "" for an empty or
    /// out-of-bounds range.
    pub(super) fn original(&self, range: Range<usize>) -> &'a str {
        if range.start >= range.end {
            return "";
        }
        match (self.origin.get(range.start), self.origin.get(range.end - 1)) {
            (Some(&(start, _)), Some(&(_, end))) => self.source.get(start..end).unwrap_or(""),
            _ => "",
        }
        .trim()
    }

    /// Whether the original character behind byte `at` of the matching form is an
    /// uppercase letter.
    pub(super) fn is_uppercase_at(&self, at: usize) -> bool {
        self.origin
            .get(at)
            .and_then(|&(start, end)| self.source.get(start..end))
            .and_then(|original| original.chars().next())
            .is_some_and(char::is_uppercase)
    }
}

/// Appends the matching form of one lowercase character.
fn push_folded(text: &mut String, lower: char) {
    match lower {
        // A decomposed accent (e + U+0301): dropping the mark folds it.
        '\u{0300}'..='\u{036f}' => {}
        c if c.is_ascii() => text.push(c),
        c if c.is_whitespace() => text.push(' '),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => text.push('-'),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}' => {
            text.push('"');
        }
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => text.push('\''),
        c if c.is_alphabetic() => match normalize(c.encode_utf8(&mut [0; 4])) {
            folded if folded.is_empty() => text.push(c),
            folded => text.push_str(&folded),
        },
        c => text.push(c),
    }
}

/// Compiles a static pattern. A bad pattern is a programming error that the test forcing
/// the patterns catches (`every_pattern_compiles`).
pub(super) fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static pattern compiles")
}

/// Whether two byte ranges share at least one byte.
pub(super) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// What [`blank_out`] writes: neither a word character nor whitespace, so that the words
/// on either side of a blanked stretch do not become neighbours ("per <date> 250 leden":
/// "per" is not right before "250").
pub(super) const BLANK: u8 = b'~';

/// `text` with every byte inside one of `ranges` replaced by [`BLANK`], so that later
/// matchers no longer see what was already read there (ranges must lie on character
/// boundaries, as regex matches do).
pub(super) fn blank_out(text: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in ranges {
        for byte in bytes.iter_mut().take(range.end).skip(range.start) {
            *byte = BLANK;
        }
    }
    // Whole characters were replaced by spaces, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepared_table() {
        let cases = [
            ("Vóór December 2023", "voor december 2023"),
            ("€ 5.000,-", "€ 5.000,-"),
            ("Één kwart", "een kwart"),
            ("18–30 jarigen", "18-30 jarigen"),
            ("“De Nachtwacht”", "\"de nachtwacht\""),
            ("Straße", "strasse"),
            ("cafe\u{301}", "cafe"),
            ("a\u{a0}b", "a b"),
            ("2,5%", "2,5%"),
        ];
        for (input, want) in cases {
            assert_eq!(Prepared::new(input).text, want, "Prepared::new({input:?})");
        }
    }

    #[test]
    fn original_maps_back() {
        let prepared = Prepared::new("Eigenaar: Sanne Öztürk, vóór 1 juli");
        let start = prepared.text.find("sanne").unwrap_or(0);
        let end = prepared.text.find(',').unwrap_or(0);
        assert_eq!(prepared.original(start..end), "Sanne Öztürk");
        assert!(prepared.is_uppercase_at(start));
        assert!(!prepared.is_uppercase_at(start + 1));
        let strasse = Prepared::new("Straße X");
        assert_eq!(strasse.original(0..7), "Straße");
        assert_eq!(strasse.original(3..3), "");
        assert_eq!(strasse.original(5..99), "");
    }

    #[test]
    fn blank_out_and_overlaps() {
        assert_eq!(blank_out("in 2027 meer", &[0..2, 3..7]), "~~ ~~~~ meer");
        assert_eq!(blank_out("abc", &[]), "abc");
        assert!(overlaps(&(0..3), &(2..5)));
        assert!(!overlaps(&(0..3), &(3..5)));
    }
}
