//! The scorers' word lists: the data in `prompts/lexicon/nl.toml` and `prompts/lexicon/en.toml`.
//!
//! Both files are embedded in the binary and parsed once, at the first use or when
//! [`load_word_lists`] runs (`Engine::new` calls it, so a broken file stops start-up with the
//! file and key named). Every list of the Dutch file is joined with the same list of the English
//! one, Dutch first: the scorers do not know the language of a single answer.
//!
//! Every entry is in normalised form (lowercase ASCII, punctuation turned into spaces, see
//! [`normalize`](crate::scoring::normalize::normalize)) so it compares directly with the words
//! of an answer; loading refuses an entry that is not, and a word listed twice in one list.

mod file;
mod merge;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use anyhow::{Result, anyhow};

use crate::scoring::yesno::YesNo;

/// A list of words in normalised form, built once and kept for the life of the process.
pub(crate) type List = &'static [&'static str];

/// Words with a number: number words, multipliers, abbreviations.
pub(crate) type Values = &'static [(&'static str, u32)];

/// Stems that show one thing is named, matched against the padded normalised text
/// (" word word "). Dutch writes compounds as one word with the telling part anywhere in it
/// ("museumbezoekers", "klanttevredenheid"), so Dutch stems are mostly found anywhere;
/// English stems only at the start of a word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lexicon {
    /// Found anywhere, also inside a word: "bezoek" in "herhaalbezoek".
    inside: List,
    /// Found at the start of a word, stored with the space in front (" visitor"); may span
    /// words (" sign up"). A whole word also has the space behind it (" pers " does not match
    /// "personeel").
    word_start: List,
    /// Every stem of both kinds in one automaton: a list of thousands of stems is searched
    /// in one pass over the text, not once per stem.
    automaton: &'static AhoCorasick,
}

impl Lexicon {
    /// Builds a lexicon from stems found anywhere, at the start of a word and as whole words.
    pub(crate) fn new(
        inside: Vec<String>,
        word_start: Vec<String>,
        whole: Vec<String>,
    ) -> Result<Lexicon> {
        let padded = word_start
            .into_iter()
            .map(|stem| format!(" {stem}"))
            .chain(whole.into_iter().map(|word| format!(" {word} ")));
        let (inside, word_start) = (leak(inside), leak(padded.collect()));
        let automaton = AhoCorasick::new(inside.iter().chain(word_start))
            .map_err(|err| anyhow!("cannot build a word list's search: {err}"))?;
        Ok(Lexicon {
            inside,
            word_start,
            automaton: Box::leak(Box::new(automaton)),
        })
    }

    /// Whether any stem occurs in `padded`, the normalised text with a space at each end.
    pub(crate) fn found_in(&self, padded: &str) -> bool {
        self.automaton.is_match(padded)
    }

    /// Every stem of more than one word ("no show", "net promoter"), without the spaces
    /// that mark where it is found.
    pub(crate) fn phrases(&self) -> impl Iterator<Item = &'static str> {
        self.inside
            .iter()
            .chain(self.word_start)
            .map(|stem| stem.trim())
            .filter(|stem| stem.contains(' '))
    }

    /// Every stem as written in the file, without the spaces that mark where it is found.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> impl Iterator<Item = &'static str> {
        self.inside
            .iter()
            .chain(self.word_start)
            .map(|stem| stem.trim())
    }
}

/// Every word list the scorers read, both languages joined.
pub(crate) struct WordLists {
    /// Reading yes/no answers.
    pub(crate) yesno: YesNoWords,
    /// The rubric of the step-1 statement.
    pub(crate) statement: StatementWords,
    /// The SMART check of a goal.
    pub(crate) smart: SmartWords,
    /// Number words.
    pub(crate) numbers: NumberWords,
    /// Month names and units of time.
    pub(crate) calendar: CalendarWords,
    /// Words left out when texts are compared for shared content (`[overlap]`).
    pub(crate) overlap_stop: List,
}

/// The words `parse_yes_no` reads (see `[yesno]` in the files).
pub(crate) struct YesNoWords {
    /// Answer phrases with the answer each gives, in the files' order: yes, no, partly,
    /// unknown, each Dutch then English.
    pub(crate) phrases: &'static [(&'static str, YesNo)],
    /// Words that may open an answer without meaning anything ("nou", "well").
    pub(crate) openers: List,
    /// Words that may sit between two answer phrases ("maar", "and").
    pub(crate) links: List,
    /// Words that put a reservation on a yes ("maar", "only").
    pub(crate) reservations: List,
    /// After a reservation word, these widen the yes instead ("maar ook").
    pub(crate) widening: List,
    /// Before a reservation word, these widen the yes too ("niet alleen").
    pub(crate) negators: List,
    /// Phrases that, anywhere after a yes, make it partial ("nog niet", "partly").
    pub(crate) qualifiers: List,
    /// A no after a yes that qualifies it rather than contradicts it ("nog niet").
    pub(crate) not_yet: List,
    /// Bare yes words.
    pub(crate) bare_yes: List,
    /// Bare no words.
    pub(crate) bare_no: List,
}

/// The words the statement rubric reads (see `[statement]` in the files).
pub(crate) struct StatementWords {
    /// Words a question opens with.
    pub(crate) question_openers: List,
    /// Question openers of more than one word.
    pub(crate) question_phrases: List,
    /// Words that may introduce the statement ("kortom").
    pub(crate) lead_ins: List,
    /// Signs of two topics glued into one statement.
    pub(crate) glue: List,
    /// Words after a number that make it an age ("jaar").
    pub(crate) age_units: List,
    /// Words before a number that make it an age ("onder").
    pub(crate) age_bounds: List,
    /// Articles between an age bound and its number.
    pub(crate) articles: List,
    /// Who the statement is about: `[audience]` and `[statement.audience]`.
    pub(crate) audience: Lexicon,
    /// What is to be known or measured.
    pub(crate) knowable: Lexicon,
    /// The words of each focus area, by focus-area id.
    pub(crate) focus: &'static [(&'static str, Lexicon)],
}

/// The words the SMART check reads (see `[smart]` in the files).
pub(crate) struct SmartWords {
    /// What a goal changes.
    pub(crate) what: Lexicon,
    /// Who: `[audience]` and `[smart.group]`.
    pub(crate) group: Lexicon,
    /// Where.
    pub(crate) place: Lexicon,
    /// What on offer.
    pub(crate) programme: Lexicon,
    /// Through what channel.
    pub(crate) channel: Lexicon,
    /// Words between a number and what it counts.
    pub(crate) count_fillers: List,
    /// Words that make a number an amount, a share or a duration.
    pub(crate) amount_units: List,
    /// Words (and phrases) of quantity before a group of people.
    pub(crate) quantity: List,
    /// Capitalised words after "in"/"uit"/"from" that are no place.
    pub(crate) not_places: List,
    /// Words that make the number after them a name.
    pub(crate) labels: List,
    /// Phrases that name the whole offer ("onze programmering", "our programme"); they do
    /// not narrow a goal.
    pub(crate) whole_offer: List,
    /// Words of measure: the thing after one is what a goal changes ("het aantal
    /// uitleningen", "the share of borrowers").
    pub(crate) measures: List,
    /// Word endings of nouns for people ("fietsers", "kunstenaars", "residents"): after a
    /// word of quantity, a group of people counted.
    pub(crate) person_endings: List,
    /// Verbs of change whose object is what a goal changes ("verhoog", "increase").
    pub(crate) change_verbs: List,
    /// Words that cannot be what a number counts or a verb of change acts on: articles,
    /// prepositions, pronouns, deadline words ("per", "naar", "before").
    pub(crate) not_counted: List,
    /// Words that say a goal's measure goes up ("verhogen", "meer", "increase").
    pub(crate) up_words: List,
    /// Words that say a goal's measure goes down ("verlagen", "halveer", "reduce").
    pub(crate) down_words: List,
    /// Words after a word of direction that make it none: a bound ("meer dan 300", "less
    /// than 5%") or a group of people ("minder draagkrachtige gezinnen", "less affluent").
    pub(crate) not_direction_after: List,
    /// Finding a goal's owner.
    pub(crate) owner: OwnerWords,
}

/// The words the owner finder reads.
pub(crate) struct OwnerWords {
    /// Words that end a name.
    pub(crate) stop: List,
    /// Words a name cannot start with.
    pub(crate) not_a_start: List,
    /// Answers that name no one.
    pub(crate) placeholders: List,
}

/// Number words and their values, each list ordered by value.
pub(crate) struct NumberWords {
    /// Number words up to ninety ("drie", "twenty").
    pub(crate) words: Values,
    /// Words that multiply ("honderd", "thousand").
    pub(crate) multipliers: Values,
    /// Abbreviations that multiply digits ("k", "mln").
    pub(crate) abbreviations: Values,
}

/// Month names and units of time.
pub(crate) struct CalendarWords {
    /// Every month name and abbreviation, by month.
    pub(crate) months: &'static [MonthName],
    /// Every unit of a stretch of time.
    pub(crate) units: &'static [TimeUnit],
    /// The seasons of the year by number: 1 spring, 2 summer, 3 autumn, 4 winter.
    pub(crate) seasons: Values,
    /// The words for Christmas (25 December).
    pub(crate) christmas: List,
}

/// A month name or abbreviation with its number. `alone` says whether the word may stand
/// without a day number or a year when a word ties it to the goal ("in maart", "end of
/// May"); "jan", which is also a name, needs one ("15 jan", "jan 2027"). The English
/// "may", also a verb, stands alone only after such a word, like every month name.
#[derive(Debug)]
pub(crate) struct MonthName {
    /// The word in matching form.
    pub(crate) word: &'static str,
    /// 1 for January … 12 for December.
    pub(crate) month: i8,
    /// Whether the word reads as a month without a day or a year next to it.
    pub(crate) alone: bool,
}

/// A word for a unit of a stretch of time ("maanden", "week").
#[derive(Debug)]
pub(crate) struct TimeUnit {
    /// The word in matching form.
    pub(crate) word: &'static str,
    /// How long one unit lasts.
    pub(crate) stretch: Stretch,
    /// Whether the word is a plural ("maanden", "weeks").
    pub(crate) plural: bool,
}

/// How long one unit of time lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stretch {
    /// An hour.
    Hour,
    /// A day.
    Day,
    /// A week.
    Week,
    /// A calendar month.
    Month,
    /// A quarter, three months.
    Quarter,
    /// Half a year, six months ("halfjaar").
    HalfYear,
    /// A year.
    Year,
}

/// The lists, parsed and checked on first use; an error keeps its message for
/// [`load_word_lists`].
static LISTS: LazyLock<Result<WordLists, String>> =
    LazyLock::new(|| merge::builtin().map_err(|err| format!("{err:#}")));

/// Parses and checks the embedded word lists, once. `Engine::new` calls it so that a broken
/// file stops start-up with a message naming the file and the key, rather than at a team's
/// first answer.
pub fn load_word_lists() -> Result<()> {
    match &*LISTS {
        Ok(_) => Ok(()),
        Err(err) => Err(anyhow!("the scorers' word lists: {err}")),
    }
}

/// The word lists. They are embedded, a test loads them and `Engine::new` refuses to start
/// without them, so the panic below is a programming error caught before release, like a
/// static pattern that does not compile.
pub(crate) fn lists() -> &'static WordLists {
    match &*LISTS {
        Ok(lists) => lists,
        Err(err) => panic!("the scorers' word lists are broken: {err}"),
    }
}

/// Keeps `words` for the life of the process, as the `&'static` lists the scorers compare
/// against (built once, so nothing is allocated when an answer is read).
pub(crate) fn leak(words: Vec<String>) -> List {
    let words: Vec<&'static str> = words.into_iter().map(|word| &*word.leak()).collect();
    words.leak()
}
