//! "Acceptable": the goal names its owner (see [`find_owner`]).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{Prepared, compile};
use crate::scoring::lexicon::lists;
use crate::scoring::normalize::normalize;
use crate::scoring::yesno::{YesNo, parse_bare_yes_no};

/// The most words an owner's name may have ("team marketing en communicatie").
const MAX_NAME_WORDS: usize = 5;

/// The compiled patterns, built once.
pub(super) struct Patterns {
    /// "eigenaar: Sanne", "owner is Sam", "(eigenaar Piet)", "verantwoordelijk: team".
    forward: Regex,
    /// "owned by Sam", "in handen van Sanne".
    owned_by: Regex,
    /// "Sanne is eigenaar", "Sam is the owner", "Sam owns this", "Sam leads this", "met Piet
    /// als trekker".
    backward: Regex,
    /// One word of a name.
    word: Regex,
}

/// The patterns, compiled on first use.
pub(super) static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    forward: compile(concat!(
        r"\b(?:(?P<noun>eigenaar|eigenaresse|doeleigenaar|probleemeigenaar|owner|",
        r"trekker|lead)|verantwoordelijke?|responsible|accountable|",
        r"contactpersoon)\b(?:\s+(?:van|voor|of|for)\s+(?:dit|het|deze|this|",
        r"the)\s+(?:doel|goal|actie|action|target))?(?P<sep>\s*(?:\bis\b|",
        r"\bwordt\b|=|:|-)\s*|\s+)",
    )),
    owned_by: compile(concat!(
        r"\b(?:owned\s+by|in\s+handen\s+van|onder\s+verantwoordelijkheid\s+van|",
        r"under\s+the\s+responsibility\s+of)\s+",
    )),
    backward: compile(concat!(
        r"\s+(?:(?:is|wordt|blijft|als|as|was|becomes|will\s+be)\s+(?:de\s+|",
        r"the\s+|het\s+)?(?:eigenaar|eigenaresse|owner|trekker|verantwoordelijke?|",
        r"responsible|accountable)\b|owns\b|leads\s+(?:this|it)\b|",
        r"neemt\s+(?:het\s+)?eigenaarschap\b|takes\s+ownership\b)",
    )),
    word: compile(r"[^\s,.;:!?()\[\]{}<>|]+"),
});

/// Finds the owner the goal names, as written: "eigenaar: Sanne", "Sanne is eigenaar",
/// "(eigenaar Piet)", "owner: Sam", "owned by Sam", "Sam is the owner", "Sam owns this",
/// "verantwoordelijk: team marketing", "met Piet als trekker". The name runs to the next
/// punctuation or connecting word ("en", "die", "voor", "by", …), at most five words.
/// Placeholders ("nog niet bekend", "TBD", "niemand", "wie?") are no owner.
pub fn find_owner(text: &str) -> Option<String> {
    let prepared = Prepared::new(text);
    let lower = prepared.text.as_str();
    let patterns = &*PATTERNS;
    let forward = patterns
        .forward
        .captures_iter(lower)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let bare = captures.name("sep")?.as_str().trim().is_empty();
            // "verantwoordelijk voor de marketing" names no one; "eigenaar Piet" does.
            if bare && captures.name("noun").is_none() {
                return None;
            }
            let name = name_after(lower, whole.end())?;
            // Without ":" or "is", only a name or a team: "(eigenaar Piet)", "owner team
            // sales", not "the owner wants more visitors".
            let named =
                prepared.is_uppercase_at(name.start) || lower[name.clone()].starts_with("team");
            (!bare || named).then_some(name)
        });
    let owned_by = patterns
        .owned_by
        .find_iter(lower)
        .filter_map(|found| name_after(lower, found.end()));
    let backward = patterns
        .backward
        .find_iter(lower)
        .filter_map(|found| name_before(lower, found.start()));
    forward
        .chain(owned_by)
        .chain(backward)
        .map(|range| prepared.original(range))
        .find(|name| names_someone(name))
        .map(str::to_owned)
}

/// The name that starts at `from`.
fn name_after(text: &str, from: usize) -> Option<Range<usize>> {
    let mut words = name_words(text, from..text.len(), false);
    let owner = &lists().smart.owner;
    if words
        .first()
        .is_none_or(|first| owner.not_a_start.contains(&&text[first.clone()]))
    {
        return None;
    }
    let end = words
        .iter()
        .position(|word| owner.stop.contains(&&text[word.clone()]))
        .unwrap_or(words.len())
        .min(MAX_NAME_WORDS);
    words.truncate(end);
    Some(words.first()?.start..words.last()?.end)
}

/// The name that ends at `to`.
fn name_before(text: &str, to: usize) -> Option<Range<usize>> {
    let stop = lists().smart.owner.stop;
    let words = name_words(text, 0..to, true);
    let kept: Vec<&Range<usize>> = words
        .iter()
        .rev()
        .take_while(|word| !stop.contains(&&text[(*word).clone()]))
        .take(MAX_NAME_WORDS - 1)
        .collect();
    Some(kept.last()?.start..kept.first()?.end)
}

/// The words of `within` that can be a name: forward, those up to the first punctuation
/// or digit; `backward`, those after the last one.
fn name_words(text: &str, within: Range<usize>, backward: bool) -> Vec<Range<usize>> {
    let slice = &text[within.clone()];
    let breaks = |c: char| ",.;:!?()[]{}<>|\"\n".contains(c) || c.is_ascii_digit();
    let (start, end) = if backward {
        (slice.rfind(breaks).map_or(0, |at| at + 1), slice.len())
    } else {
        (0, slice.find(breaks).unwrap_or(slice.len()))
    };
    PATTERNS
        .word
        .find_iter(&slice[start..end])
        .map(|word| within.start + start + word.start()..within.start + start + word.end())
        .collect()
}

/// Whether a found name names someone rather than a placeholder.
fn names_someone(name: &str) -> bool {
    !names_no_one(name)
}

/// Words around an answer that say "for now" and leave it naming no one: "nog niemand",
/// "niemand nog", "nobody yet", "voorlopig niemand".
const FOR_NOW: [&str; 4] = ["nog", "yet", "voorlopig", "still"];

/// Whether an answer to "who?" names no one: a placeholder ("niemand", "nobody", "no one",
/// "onbekend", "TBD"), also with "nog" or "yet" ("nog niemand", "nobody yet"); a plain no or
/// don't-know ("nee", "no", "nog niet", "weet ik niet", "geen idee"), but not a no with more
/// after it ("nee, Jan"); "nog …" ("nog niet bekend") and "to be …" ("to be decided");
/// nothing but punctuation ("-", "?").
pub fn names_no_one(answer: &str) -> bool {
    let name = normalize(answer);
    if name.is_empty() || name.starts_with("nog ") || name.starts_with("to be ") {
        return true;
    }
    let mut words: Vec<&str> = name.split(' ').collect();
    while words.len() > 1 && words.first().is_some_and(|w| FOR_NOW.contains(w)) {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| FOR_NOW.contains(w)) {
        words.pop();
    }
    let core = words.join(" ");
    lists().smart.owner.placeholders.contains(&core.as_str())
        // A one-letter answer ("N", "J") is more likely an initial than a yes or no.
        || (core.chars().count() > 1
            && matches!(
                parse_bare_yes_no(&core),
                Some(YesNo::No | YesNo::Unknown)
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_owner_table() {
        let cases = [
            ("eigenaar: Sanne", Some("Sanne")),
            ("EIGENAAR: Piet", Some("Piet")),
            ("Sanne is eigenaar", Some("Sanne")),
            ("owner: Sam", Some("Sam")),
            ("owned by Sam", Some("Sam")),
            ("verantwoordelijk: team marketing", Some("team marketing")),
            ("Meer leden (eigenaar Piet)", Some("Piet")),
            (
                "Eigenaar: Sanne de Vries, deadline Q2",
                Some("Sanne de Vries"),
            ),
            ("Sam is the owner of this goal", Some("Sam")),
            ("Sam owns this goal.", Some("Sam")),
            ("De eigenaar is Fatima.", Some("Fatima")),
            ("Eigenaar van dit doel is Jan-Willem", Some("Jan-Willem")),
            ("Meer bezoekers in 2027, met Piet als trekker", Some("Piet")),
            (
                "Responsible: the marketing team",
                Some("the marketing team"),
            ),
            ("Sanne is verantwoordelijk voor de marketing", Some("Sanne")),
            (
                "De marketingafdeling is eigenaar en rapporteert maandelijks",
                Some("De marketingafdeling"),
            ),
            (
                "Verhogen met 10% vóór december 2023 en Sanne is eigenaar",
                Some("Sanne"),
            ),
            ("eigenaar: Ömer Çelik", Some("Ömer Çelik")),
            ("eigenaar: nog niet bekend", None),
            ("owner: TBD", None),
            ("Wie is eigenaar?", None),
            ("eigenaar: ?", None),
            ("eigenaar van het museum", None),
            ("eigenaren van musea bereiken", None),
            ("verantwoordelijk voor de marketing", None),
            ("Meer bezoekers", None),
            ("The museum's owner wants more visitors", None),
            ("eigenaar team educatie", Some("team educatie")),
            ("Grow visitors from Glasgow. Lead: Anouk.", Some("Anouk")),
            ("campaigns that lead to more visitors", None),
            ("Marloes leads this: app sales up", Some("Marloes")),
            ("a campaign that leads to more visitors", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(find_owner(text).as_deref(), want, "find_owner({text:?})");
        }
    }

    #[test]
    fn answers_that_name_no_one() {
        for answer in [
            "Nog niemand",
            "nog niemand.",
            "niemand",
            "Niemand nog",
            "voorlopig niemand",
            "nobody",
            "Nobody yet",
            "no one",
            "No one yet.",
            "nee",
            "Nee.",
            "no",
            "nope",
            "nog niet",
            "not yet",
            "weet niet",
            "weet ik niet",
            "geen idee",
            "I don't know",
            "onbekend",
            "nog niet bekend",
            "TBD",
            "to be decided",
            "-",
            "?",
        ] {
            assert!(names_no_one(answer), "{answer:?} names no one");
        }
        for answer in [
            "Jan",
            "Sanne de Vries",
            "team marketing",
            "de directeur",
            "Noor",
            "N",
            "nee, Jan doet het",
            "Niemand anders dan Piet",
        ] {
            assert!(!names_no_one(answer), "{answer:?} names someone");
        }
        // In a goal text too.
        assert_eq!(find_owner("Meer leden, eigenaar: nobody yet"), None);
        assert_eq!(find_owner("Meer leden, eigenaar: nog niemand"), None);
    }

    #[test]
    fn patterns_compile() {
        let patterns = &*PATTERNS;
        assert!(patterns.forward.is_match("eigenaar: x"));
        assert!(patterns.owned_by.is_match("owned by x"));
        assert!(patterns.backward.is_match("x is eigenaar"));
        assert!(patterns.word.is_match("x"));
    }
}
