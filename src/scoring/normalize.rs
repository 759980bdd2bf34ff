//! Text normalisation shared by every matcher in this module, so that "Jazeker!",
//! "jazeker" and "JAZEKER." read the same and "continuïteit" matches "continuiteit".

/// Normalises free text for matching: lowercases, folds Latin diacritics (é → e,
/// ï → i, ß → ss, …), turns every character that is not a letter or digit (punctuation,
/// symbols, emoji) into a space, collapses runs of whitespace and trims.
///
/// Apostrophes become spaces too, so "don't" reads as "don t"; matchers normalise their
/// own phrase tables with this function (or write them in this form) so both sides agree.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A separator is written lazily, before the next word, so none leads or trails.
    let mut pending_space = false;
    for lower in text.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(lower) {
            // A decomposed accent (e + U+0301): dropping the mark folds it.
            continue;
        }
        if lower.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            match fold(lower) {
                Some(folded) => out.push_str(folded),
                None => out.push(lower),
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// Splits normalised text into words: `normalize(text)` split on whitespace.
pub fn words(text: &str) -> Vec<String> {
    normalize(text)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// The combining diacritical marks block, left over when text arrives decomposed (NFD).
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// The ASCII spelling of a lowercase Latin letter with a diacritic, or None when the
/// letter has none (or is outside the table and is kept as it is).
fn fold(c: char) -> Option<&'static str> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_table() {
        let cases = [
            ("", ""),
            ("   ", ""),
            ("Ja", "ja"),
            ("JAZEKER!", "jazeker"),
            ("  ja,   dat  klopt. ", "ja dat klopt"),
            ("Continuïteit waarborgen", "continuiteit waarborgen"),
            ("Café Crème", "cafe creme"),
            ("één, twee; drie: vier?", "een twee drie vier"),
            ("Ça va à l'école", "ca va a l ecole"),
            ("Österreich Straße", "osterreich strasse"),
            ("don't know", "don t know"),
            ("(ja) [nee] \"misschien\"", "ja nee misschien"),
            ("Strategie — continuïteit", "strategie continuiteit"),
            ("a–b…c", "a b c"),
            (
                "Marketingcommunicatie & verkoop",
                "marketingcommunicatie verkoop",
            ),
            ("Publieks-/klantbeleving", "publieks klantbeleving"),
            ("e-commerce", "e commerce"),
            ("met 10% verhogen", "met 10 verhogen"),
            ("tab\there\nnewline", "tab here newline"),
            // Decomposed input: e followed by a combining acute accent.
            ("cafe\u{301}", "cafe"),
            ("👍 ja", "ja"),
            ("ĲSSELMEER", "ijsselmeer"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "normalize({input:?})");
        }
    }

    #[test]
    fn words_table() {
        let cases: [(&str, &[&str]); 4] = [
            ("", &[]),
            ("Ja, dat klopt!", &["ja", "dat", "klopt"]),
            ("  één  ", &["een"]),
            ("yes—we do", &["yes", "we", "do"]),
        ];
        for (input, want) in cases {
            assert_eq!(words(input), want, "words({input:?})");
        }
    }
}
