//! The shape of one word-list file (`prompts/lexicon/<lang>.toml`). Every list may be left
//! out of a language; an unknown key is an error, so a misspelt one cannot hide a list.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One language's word lists.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct File {
    pub(super) yesno: YesNoFile,
    pub(super) statement: StatementFile,
    /// Groups of people, read by the statement rubric and the SMART check alike.
    pub(super) audience: LexiconFile,
    pub(super) smart: SmartFile,
    pub(super) numbers: NumbersFile,
    pub(super) calendar: CalendarFile,
    pub(super) overlap: OverlapFile,
}

/// `[yesno]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct YesNoFile {
    pub(super) openers: Vec<String>,
    pub(super) links: Vec<String>,
    pub(super) reservations: Vec<String>,
    pub(super) widening: Vec<String>,
    pub(super) negators: Vec<String>,
    pub(super) qualifiers: Vec<String>,
    pub(super) not_yet: Vec<String>,
    pub(super) bare_yes: Vec<String>,
    pub(super) bare_no: Vec<String>,
    pub(super) phrases: PhrasesFile,
}

/// `[yesno.phrases]`: answer phrases by answer.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct PhrasesFile {
    pub(super) yes: Vec<String>,
    pub(super) no: Vec<String>,
    pub(super) partly: Vec<String>,
    pub(super) unknown: Vec<String>,
}

/// `[statement]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct StatementFile {
    pub(super) question_openers: Vec<String>,
    pub(super) question_phrases: Vec<String>,
    pub(super) lead_ins: Vec<String>,
    pub(super) glue: Vec<String>,
    pub(super) age_units: Vec<String>,
    pub(super) age_bounds: Vec<String>,
    pub(super) articles: Vec<String>,
    pub(super) audience: LexiconFile,
    pub(super) knowable: LexiconFile,
    pub(super) focus: FocusFile,
}

/// `[statement.focus.*]`: one word group per focus-area id.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FocusFile {
    pub(super) strategy: LexiconFile,
    pub(super) programming: LexiconFile,
    pub(super) marketing: LexiconFile,
    pub(super) experience: LexiconFile,
    pub(super) operations: LexiconFile,
}

/// A word group: stems found anywhere, at the start of a word, or as whole words.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct LexiconFile {
    pub(super) inside: Vec<String>,
    pub(super) word_start: Vec<String>,
    pub(super) whole_word: Vec<String>,
}

/// `[smart]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct SmartFile {
    pub(super) count_fillers: Vec<String>,
    pub(super) amount_units: Vec<String>,
    pub(super) quantity: Vec<String>,
    pub(super) not_places: Vec<String>,
    pub(super) labels: Vec<String>,
    pub(super) whole_offer: Vec<String>,
    pub(super) measures: Vec<String>,
    pub(super) person_endings: Vec<String>,
    pub(super) change_verbs: Vec<String>,
    pub(super) not_counted: Vec<String>,
    pub(super) up_words: Vec<String>,
    pub(super) down_words: Vec<String>,
    pub(super) not_direction_after: Vec<String>,
    pub(super) what: LexiconFile,
    pub(super) group: LexiconFile,
    pub(super) place: LexiconFile,
    pub(super) programme: LexiconFile,
    pub(super) channel: LexiconFile,
    pub(super) owner: OwnerFile,
}

/// `[smart.owner]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct OwnerFile {
    pub(super) stop: Vec<String>,
    pub(super) not_a_start: Vec<String>,
    pub(super) placeholders: Vec<String>,
}

/// `[numbers.*]`: word = value.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct NumbersFile {
    pub(super) words: BTreeMap<String, u32>,
    pub(super) multipliers: BTreeMap<String, u32>,
    pub(super) abbreviations: BTreeMap<String, u32>,
}

/// `[calendar]`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct CalendarFile {
    pub(super) needs_day: Vec<String>,
    pub(super) months: BTreeMap<String, i8>,
    pub(super) seasons: BTreeMap<String, u32>,
    pub(super) christmas: Vec<String>,
    pub(super) units: UnitsFile,
}

/// `[calendar.units]`: the words of each unit of time, singular and plural.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct UnitsFile {
    pub(super) hour: Vec<String>,
    pub(super) hours: Vec<String>,
    pub(super) day: Vec<String>,
    pub(super) days: Vec<String>,
    pub(super) week: Vec<String>,
    pub(super) weeks: Vec<String>,
    pub(super) month: Vec<String>,
    pub(super) months: Vec<String>,
    pub(super) quarter: Vec<String>,
    pub(super) quarters: Vec<String>,
    pub(super) half_year: Vec<String>,
    pub(super) year: Vec<String>,
    pub(super) years: Vec<String>,
}

/// `[overlap]`: the words that say nothing about a topic when goals, the vraagstuk and the
/// "5x waarom" answers are compared.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct OverlapFile {
    pub(super) stop: Vec<String>,
}
