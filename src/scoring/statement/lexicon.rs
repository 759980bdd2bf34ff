//! The words the statement rubric looks for, all in normalised form (lowercase ASCII,
//! punctuation turned into spaces). Dutch writes compounds as one word with the telling
//! part anywhere in it ("museumbezoekers", "klanttevredenheid"), so Dutch stems are found
//! anywhere in the text; English stems only at the start of a word.

pub(crate) use crate::scoring::lexicon::Lexicon;

/// Words a question opens with (after a lead-in); "is" and "kan" open yes/no questions.
pub(super) const QUESTION_OPENERS: &[&str] = &[
    "wat", "wie", "welke", "welk", "hoe", "hoeveel", "waarom", "waar", "wanneer", "waardoor",
    "waarmee", "kunnen", "kan", "is", "zijn", "wordt", "worden", "heeft", "hebben", "levert",
    "leidt", "zou", "zouden", "moeten", "what", "who", "which", "how", "why", "where", "when",
    "can", "could", "does", "do", "did", "are", "will", "would", "should", "has", "have",
];

/// Question openers of more than one word.
pub(super) const QUESTION_PHRASES: &[&str] = &["in hoeverre", "to what extent"];

/// Words that may introduce the statement without being part of it ("Kortom: …").
pub(super) const LEAD_INS: &[&str] = &["kortom", "in short", "vraagstuk", "vraag", "question"];

/// Who the statement is about.
pub(super) const AUDIENCE: Lexicon = Lexicon {
    inside: &[
        "bezoeker",
        "publiek",
        "doelgroep",
        "jongere",
        "jongvolwassen",
        "student",
        "scholier",
        "gezin",
        "famili",
        "ouderen",
        "senior",
        "kinder",
        "abonnee",
        "abonnementhouder",
        "klant",
        "inwoner",
        "bewoner",
        "deelnemer",
        "gebruiker",
        "toeschouwer",
        "kijker",
        "luisteraar",
        "liefhebber",
        "alleseter",
        "cultuurminnaar",
        "cultuurmijder",
        "cultuurzoeker",
        "cultuurconsument",
        "leeftijd",
        "jarige",
        "plusser",
        "twintiger",
        "dertiger",
        "veertiger",
        "vijftiger",
        "millennial",
        "nieuwkomer",
        "toerist",
    ],
    word_start: &[
        "leden",
        "lid ",
        "vrienden",
        "ouders",
        "gasten",
        "burgers",
        "mensen",
        "scholen",
        "schoolklas",
        "audience",
        "visitor",
        "customer",
        "member",
        "resident",
        "famil",
        "children",
        "child",
        "kids",
        "youth",
        "young people",
        "young adult",
        "teen",
        "elderly",
        "older people",
        "subscriber",
        "patron",
        "attendee",
        "participant",
        "user",
        "fans ",
        "guests",
        "people",
        "newcomer",
        "tourist",
        "parents",
        "pupils",
        "generation",
    ],
};

/// What is to be known or measured.
pub(super) const KNOWABLE: Lexicon = Lexicon {
    inside: &[
        "hoeveel",
        "aantal",
        "percentage",
        "procent",
        "bereik",
        "groei",
        "daling",
        "dalen",
        "stijging",
        "toename",
        "afname",
        "tevreden",
        "kosten",
        "frequentie",
        "herhaal",
        "conversie",
        "omzet",
        "opkomst",
        "bezetting",
        "verkoop",
        "verkocht",
        "waarom",
        "motie",
        "motief",
        "waardering",
        "effect",
        "impact",
        "meten",
        "meetbaar",
        "gemeten",
        "aandeel",
        "loyaliteit",
        "retentie",
        "gedrag",
        "profiel",
        "samenstelling",
        "herkomst",
        "woonplaats",
        "postcode",
        "voorkeur",
        "behoefte",
        "drempel",
        "inkomsten",
        "opbrengst",
        "beoordeling",
        "cijfer",
        "terugkeer",
    ],
    word_start: &[
        "how many",
        "how much",
        "number",
        "share",
        "percent",
        "reach",
        "growth",
        "grow",
        "decline",
        "drop",
        "satisf",
        "frequen",
        "repeat",
        "conversion",
        "convert",
        "revenue",
        "occupancy",
        "sales",
        "sold",
        "motive",
        "motivation",
        "why",
        "rating",
        "effect",
        "impact",
        "measur",
        "attendance",
        "turnout",
        "retention",
        "loyalty",
        "behaviour",
        "behavior",
        "profile",
        "composition",
        "origin",
        "preference",
        "needs",
        "barrier",
        "income",
        "nps ",
        "score",
        "churn",
        "return",
        "cost",
        "vaak",
        "often",
    ],
};

/// Signs of two questions or topics glued into one statement, matched as whole words.
pub(super) const GLUE: &[&str] = &[
    "en hoe",
    "en wat",
    "en waarom",
    "en welke",
    "en wie",
    "en in hoeverre",
    "en ook",
    "daarnaast",
    "bovendien",
    "tevens",
    "and how",
    "and what",
    "and why",
    "and which",
    "and who",
    "as well as",
    "also",
];

#[cfg(test)]
impl Lexicon {
    /// Every stem, without the trailing space that marks a whole word.
    pub(super) fn entries(&self) -> impl Iterator<Item = &'static str> {
        self.inside
            .iter()
            .chain(self.word_start)
            .map(|stem| stem.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::normalize::normalize;

    #[test]
    fn every_entry_is_normalised() {
        let lists = [QUESTION_OPENERS, QUESTION_PHRASES, LEAD_INS, GLUE];
        let entries = lists
            .into_iter()
            .flatten()
            .copied()
            .chain(AUDIENCE.entries())
            .chain(KNOWABLE.entries());
        for entry in entries {
            assert_eq!(normalize(entry), entry, "{entry:?} is not normalised");
        }
    }

    #[test]
    fn found_in_table() {
        let lexicon = Lexicon {
            inside: &["bezoeker"],
            word_start: &["visitor", "pers ", "how many"],
        };
        let cases = [
            (" museumbezoekers ", true),
            (" bezoeker ", true),
            (" visitors ", true),
            (" museumvisitors ", false),
            (" pers ", true),
            (" personeel ", false),
            (" how many ", true),
            (" how ", false),
            (" ", false),
        ];
        for (padded, want) in cases {
            assert_eq!(lexicon.found_in(padded), want, "found_in({padded:?})");
        }
    }
}
