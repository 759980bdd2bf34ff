//! The venue itself, which does not narrow: the words that name it (also read in a phrase:
//! "at the castle", "voor het festival"), and the venue as the subject of the goal ("Het
//! festival wil …", "The Tate wants …", "Museum De Waag: …").

use std::sync::LazyLock;

use regex::Regex;

use crate::scoring::smart::text::{Prepared, compile};

/// The venue or organisation itself and the public in general: a phrase naming one of
/// these (or a compound ending in one: "buitenmuseum") narrows nothing, as the guide says
/// ("het museum", "the estate", "het publiek"). Closed-class words of the grammar, like
/// the prepositions of `phrase.rs`, so they stay with the rules that read them: the
/// buildings a venue is and is named by ("Museum De Waag", "Fort Kijkuit"), then the
/// bodies, the public and the grounds.
pub(super) fn venue_words() -> impl Iterator<Item = &'static str> {
    BUILDINGS.iter().chain(BODIES).copied()
}

/// The kinds of building a venue is, and is named by as a heading or subject.
const BUILDINGS: &[&str] = &[
    "museum",
    "musea",
    "museums",
    "theater",
    "theatre",
    "schouwburg",
    "bibliotheek",
    "bieb",
    "library",
    "estate",
    "landgoed",
    // The building a heritage organisation opens: "bezoekers van ons kasteel", "the visitor
    // experience at the castle" name the venue.
    "kasteel",
    "castle",
    "abdij",
    "abbey",
    "klooster",
    "priory",
    "kerk",
    "church",
    "kathedraal",
    "cathedral",
    "paleis",
    "palace",
    "molen",
    "mill",
    "monument",
    "buitenplaats",
    "burcht",
    "vesting",
    "fort",
    "forts",
    "forten",
    "fortress",
    "ruine",
    "ruin",
];

/// The venue as a body, the public and the grounds. Named, a festival, an orchestra or
/// "Heritage" ("Heritage Open Days") is an event or a body of its own, not the venue.
const BODIES: &[&str] = &[
    "orkest",
    "orchestra",
    "festival",
    "organisatie",
    "organisation",
    "organization",
    "instelling",
    "institution",
    "venue",
    "erfgoed",
    "heritage",
    "public",
    "iedereen",
    "everyone",
    "stichting",
    "vereniging",
    "society",
    // The grounds of the venue: "het festivalterrein", "the castle grounds".
    "terrein",
    "grounds",
];

/// The compiled patterns, built once.
struct Patterns {
    /// The subject at the start of the goal followed by a verb of wanting or must.
    subject: Regex,
    /// A venue word and its name opening the goal, as a heading or the subject ("Museum De
    /// Waag: …", "Fort Kijkuit wil …").
    named_venue: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    subject: compile(concat!(
        r"^\s*(?:(?:het|de|the|ons|onze|our)\s+)?(?P<name>\p{L}[\p{L}'-]*)\s+",
        r"(?:wil|wilt|willen|moet|moeten|gaat|zal|wants|must|should|will|aims|needs)\b",
    )),
    named_venue: compile(concat!(
        r"^\s*(?P<full>(?P<venue>\p{L}+)\s+(?:(?:de|het|den|the)\s+)?(?P<name>\p{L}[\p{L}'-]*)",
        r"(?:\s+\p{L}[\p{L}'-]*)?)\s*(?::|\s(?:wil|wilt|willen|moet|moeten|gaat|zal|wants|",
        r"must|should|will|aims|needs)\b)",
    )),
});

/// The byte end, in the matching form, of the goal's subject when that is the venue or
/// organisation itself wanting or needing something ("Het festival wil", "The Tate
/// wants", "Het Rijksmuseum moet"): a venue word or a capitalised name right before the
/// verb. What it names does not narrow the goal.
pub(super) fn venue_subject_end(prepared: &Prepared) -> Option<usize> {
    if let Some(end) = named_venue_end(prepared) {
        return Some(end);
    }
    let captures = PATTERNS.subject.captures(&prepared.text)?;
    let name = captures.name("name")?;
    let whole = captures.get(0)?;
    let venue = venue_words().any(|venue| name.as_str().ends_with(venue));
    // A capitalised word after an article is a name; without one it opens the sentence.
    let opening = whole.start() + whole.as_str().len() - whole.as_str().trim_start().len();
    let proper = prepared.is_uppercase_at(name.start()) && name.start() > opening;
    (venue || proper).then_some(name.end())
}

/// The byte end of a venue named by its kind and a capitalised name that opens the goal as
/// its heading or subject ("Museum De Waag: 20.000 bezoekers", "Fort Kijkuit wil …"): the
/// venue itself, however it is called, is the speaker. A name of more than two words, or
/// one that is not capitalised ("Festival tickets: …"), is no such name.
fn named_venue_end(prepared: &Prepared) -> Option<usize> {
    let captures = PATTERNS.named_venue.captures(&prepared.text)?;
    let venue = captures.name("venue")?.as_str();
    let name = captures.name("name")?;
    let full = captures.name("full")?;
    (BUILDINGS.contains(&venue) && prepared.is_uppercase_at(name.start())).then_some(full.end())
}
