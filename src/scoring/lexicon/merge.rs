//! Parsing the word-list files and joining the languages into [`WordLists`], checking every
//! entry on the way: normalised, not listed twice, no list empty in every language.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};

use super::file::{File, LexiconFile};
use super::{
    CalendarWords, Lexicon, List, MonthName, NumberWords, OwnerWords, SmartWords, StatementWords,
    Stretch, TimeUnit, Values, WordLists, YesNoWords, leak,
};
use crate::scoring::normalize::normalize;
use crate::scoring::yesno::YesNo;

/// The embedded files, Dutch first, with the names errors give them.
pub(super) const SOURCES: [(&str, &str); 2] = [
    (
        "prompts/lexicon/nl.toml",
        include_str!("../../../prompts/lexicon/nl.toml"),
    ),
    (
        "prompts/lexicon/en.toml",
        include_str!("../../../prompts/lexicon/en.toml"),
    ),
];

/// Reads the group under a key of a file.
type GroupOf = fn(&File) -> &LexiconFile;

/// Reads the list under a key of a file.
type ListOf = fn(&File) -> &Vec<String>;

/// Reads one kind of stems of a group.
type KindOf = fn(&LexiconFile) -> &Vec<String>;

/// Parses and checks the embedded files.
pub(super) fn builtin() -> Result<WordLists> {
    from_sources(&SOURCES)
}

/// Parses and checks files given as (name, TOML text), joining their lists in that order.
pub(super) fn from_sources(sources: &[(&'static str, &str)]) -> Result<WordLists> {
    let files = sources
        .iter()
        .map(|(name, text)| {
            let file: File =
                toml::from_str(text).with_context(|| format!("{name} is not valid"))?;
            Ok((*name, file))
        })
        .collect::<Result<Vec<_>>>()?;
    Joiner { files }.word_lists()
}

/// The parsed files, in the order their lists are joined.
struct Joiner {
    files: Vec<(&'static str, File)>,
}

impl Joiner {
    fn word_lists(&self) -> Result<WordLists> {
        let audience: (&str, GroupOf) = ("audience", |f| &f.audience);
        Ok(WordLists {
            yesno: YesNoWords {
                phrases: self.phrases()?,
                openers: self.list("yesno.openers", |f| &f.yesno.openers)?,
                links: self.list("yesno.links", |f| &f.yesno.links)?,
                reservations: self.list("yesno.reservations", |f| &f.yesno.reservations)?,
                widening: self.list("yesno.widening", |f| &f.yesno.widening)?,
                negators: self.list("yesno.negators", |f| &f.yesno.negators)?,
                qualifiers: self.list("yesno.qualifiers", |f| &f.yesno.qualifiers)?,
                not_yet: self.list("yesno.not_yet", |f| &f.yesno.not_yet)?,
                bare_yes: self.list("yesno.bare_yes", |f| &f.yesno.bare_yes)?,
                bare_no: self.list("yesno.bare_no", |f| &f.yesno.bare_no)?,
            },
            statement: StatementWords {
                question_openers: self.list("statement.question_openers", |f| {
                    &f.statement.question_openers
                })?,
                question_phrases: self.list("statement.question_phrases", |f| {
                    &f.statement.question_phrases
                })?,
                lead_ins: self.list("statement.lead_ins", |f| &f.statement.lead_ins)?,
                glue: self.list("statement.glue", |f| &f.statement.glue)?,
                age_units: self.list("statement.age_units", |f| &f.statement.age_units)?,
                age_bounds: self.list("statement.age_bounds", |f| &f.statement.age_bounds)?,
                articles: self.list("statement.articles", |f| &f.statement.articles)?,
                audience: self
                    .lexicon(&[audience, ("statement.audience", |f| &f.statement.audience)])?,
                knowable: self.lexicon(&[("statement.knowable", |f| &f.statement.knowable)])?,
                focus: self.focus()?,
            },
            smart: SmartWords {
                what: self.lexicon(&[("smart.what", |f| &f.smart.what)])?,
                group: self.lexicon(&[audience, ("smart.group", |f| &f.smart.group)])?,
                place: self.lexicon(&[("smart.place", |f| &f.smart.place)])?,
                programme: self.lexicon(&[("smart.programme", |f| &f.smart.programme)])?,
                channel: self.lexicon(&[("smart.channel", |f| &f.smart.channel)])?,
                count_fillers: self.list("smart.count_fillers", |f| &f.smart.count_fillers)?,
                amount_units: self.list("smart.amount_units", |f| &f.smart.amount_units)?,
                quantity: self.list("smart.quantity", |f| &f.smart.quantity)?,
                not_places: self.list("smart.not_places", |f| &f.smart.not_places)?,
                labels: self.list("smart.labels", |f| &f.smart.labels)?,
                whole_offer: self.list("smart.whole_offer", |f| &f.smart.whole_offer)?,
                measures: self.list("smart.measures", |f| &f.smart.measures)?,
                person_endings: self.list("smart.person_endings", |f| &f.smart.person_endings)?,
                change_verbs: self.list("smart.change_verbs", |f| &f.smart.change_verbs)?,
                not_counted: self.list("smart.not_counted", |f| &f.smart.not_counted)?,
                up_words: self.list("smart.up_words", |f| &f.smart.up_words)?,
                down_words: self.list("smart.down_words", |f| &f.smart.down_words)?,
                not_direction_after: self.list("smart.not_direction_after", |f| {
                    &f.smart.not_direction_after
                })?,
                owner: OwnerWords {
                    stop: self.list("smart.owner.stop", |f| &f.smart.owner.stop)?,
                    not_a_start: self
                        .list("smart.owner.not_a_start", |f| &f.smart.owner.not_a_start)?,
                    placeholders: self
                        .list("smart.owner.placeholders", |f| &f.smart.owner.placeholders)?,
                },
            },
            numbers: NumberWords {
                words: self.values("numbers.words", |f| &f.numbers.words)?,
                multipliers: self.values("numbers.multipliers", |f| &f.numbers.multipliers)?,
                abbreviations: self
                    .values("numbers.abbreviations", |f| &f.numbers.abbreviations)?,
            },
            calendar: CalendarWords {
                months: self.months()?,
                units: self.units()?,
                seasons: self.seasons()?,
                christmas: self.list("calendar.christmas", |f| &f.calendar.christmas)?,
            },
            overlap_stop: self.list("overlap.stop", |f| &f.overlap.stop)?,
        })
    }

    /// The word group of every focus area, by focus-area id.
    fn focus(&self) -> Result<&'static [(&'static str, Lexicon)]> {
        const AREAS: [(&str, &str, GroupOf); 5] = [
            ("strategy", "statement.focus.strategy", |f| {
                &f.statement.focus.strategy
            }),
            ("programming", "statement.focus.programming", |f| {
                &f.statement.focus.programming
            }),
            ("marketing", "statement.focus.marketing", |f| {
                &f.statement.focus.marketing
            }),
            ("experience", "statement.focus.experience", |f| {
                &f.statement.focus.experience
            }),
            ("operations", "statement.focus.operations", |f| {
                &f.statement.focus.operations
            }),
        ];
        let mut out = Vec::new();
        for (id, key, get) in AREAS {
            out.push((id, self.lexicon(&[(key, get)])?));
        }
        Ok(out.leak())
    }

    /// The entries of one list in every file, checked, in file order.
    fn entries<'a>(
        &'a self,
        key: &str,
        get: impl Fn(&'a File) -> &'a Vec<String>,
    ) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for (name, file) in &self.files {
            for word in get(file) {
                check_word(name, key, word)?;
                if out.contains(word) {
                    bail!("{name}: {key}: {word:?} is listed twice (the files are read as one)");
                }
                out.push(word.clone());
            }
        }
        Ok(out)
    }

    /// One list of words, in no file empty as a whole.
    fn list(&self, key: &str, get: impl Fn(&File) -> &Vec<String>) -> Result<List> {
        let words = self.entries(key, get)?;
        if words.is_empty() {
            bail!("{key} is empty in every file");
        }
        Ok(leak(words))
    }

    /// A word group joined from the groups under `parts`; no word may be in two of them.
    fn lexicon(&self, parts: &[(&str, GroupOf)]) -> Result<Lexicon> {
        let (mut inside, mut word_start, mut whole) = (Vec::new(), Vec::new(), Vec::new());
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (key, get) in parts {
            let kinds: [(&str, &mut Vec<String>, KindOf); 3] = [
                ("inside", &mut inside, |g| &g.inside),
                ("word_start", &mut word_start, |g| &g.word_start),
                ("whole_word", &mut whole, |g| &g.whole_word),
            ];
            for (kind, out, field) in kinds {
                let key = format!("{key}.{kind}");
                for word in self.entries(&key, |f| field(get(f)))? {
                    if seen.contains(&word) {
                        let all: Vec<&str> = parts.iter().map(|(key, _)| *key).collect();
                        bail!("{key}: {word:?} is listed twice in {}", all.join(" + "));
                    }
                    seen.insert(word.clone());
                    out.push(word);
                }
            }
        }
        if seen.is_empty() {
            bail!("{} is empty in every file", parts[0].0);
        }
        Lexicon::new(inside, word_start, whole)
    }

    /// Words with a value, ordered by value (then by file); the words are checked like a list.
    fn values(&self, key: &str, get: fn(&File) -> &BTreeMap<String, u32>) -> Result<Values> {
        let mut out: Vec<(&'static str, u32)> = Vec::new();
        for (name, file) in &self.files {
            for (word, value) in get(file) {
                check_word(name, key, word)?;
                if out.iter().any(|(seen, _)| seen == word) {
                    bail!("{name}: {key}: {word:?} is listed twice (the files are read as one)");
                }
                out.push((word.clone().leak(), *value));
            }
        }
        if out.is_empty() {
            bail!("{key} is empty in every file");
        }
        out.sort_by_key(|(_, value)| *value);
        Ok(out.leak())
    }

    /// The answer phrases: every yes phrase, then no, partly and unknown, each Dutch first.
    fn phrases(&self) -> Result<&'static [(&'static str, YesNo)]> {
        let answers: [(YesNo, &str, ListOf); 4] = [
            (YesNo::Yes, "yesno.phrases.yes", |f| &f.yesno.phrases.yes),
            (YesNo::No, "yesno.phrases.no", |f| &f.yesno.phrases.no),
            (YesNo::Partly, "yesno.phrases.partly", |f| {
                &f.yesno.phrases.partly
            }),
            (YesNo::Unknown, "yesno.phrases.unknown", |f| {
                &f.yesno.phrases.unknown
            }),
        ];
        let mut out: Vec<(&'static str, YesNo)> = Vec::new();
        for (answer, key, get) in answers {
            for &phrase in self.list(key, get)? {
                if out.iter().any(|(seen, _)| *seen == phrase) {
                    bail!("{key}: {phrase:?} gives two answers");
                }
                out.push((phrase, answer));
            }
        }
        Ok(out.leak())
    }

    /// The month names, by month; `needs_day` must name months.
    fn months(&self) -> Result<&'static [MonthName]> {
        let needs_day = self.entries("calendar.needs_day", |f| &f.calendar.needs_day)?;
        let mut out: Vec<MonthName> = Vec::new();
        for (name, file) in &self.files {
            for (word, month) in &file.calendar.months {
                check_word(name, "calendar.months", word)?;
                if !(1..=12).contains(month) {
                    bail!("{name}: calendar.months: {word} = {month} is no month (1 to 12)");
                }
                if out.iter().any(|seen| seen.word == word) {
                    bail!("{name}: calendar.months: {word:?} is listed twice");
                }
                let alone = !needs_day.contains(word);
                out.push(MonthName {
                    word: word.clone().leak(),
                    month: *month,
                    alone,
                });
            }
        }
        if let Some(stray) = needs_day
            .iter()
            .find(|word| !out.iter().any(|m| m.word == *word))
        {
            bail!("calendar.needs_day: {stray:?} is no month in calendar.months");
        }
        if out.is_empty() {
            bail!("calendar.months is empty in every file");
        }
        out.sort_by_key(|name| name.month);
        Ok(out.leak())
    }

    /// The season names, by season (1 spring to 4 winter).
    fn seasons(&self) -> Result<Values> {
        let seasons = self.values("calendar.seasons", |f| &f.calendar.seasons)?;
        if let Some((word, season)) = seasons.iter().find(|(_, season)| !(1..=4).contains(season)) {
            bail!("calendar.seasons: {word} = {season} is no season (1 to 4)");
        }
        for season in 1..=4 {
            if !seasons.iter().any(|(_, value)| *value == season) {
                bail!("calendar.seasons: season {season} has no word");
            }
        }
        Ok(seasons)
    }

    /// The units of time, each word once over all units.
    fn units(&self) -> Result<&'static [TimeUnit]> {
        let units: [(&str, Stretch, bool, ListOf); 13] = [
            ("hour", Stretch::Hour, false, |f| &f.calendar.units.hour),
            ("hours", Stretch::Hour, true, |f| &f.calendar.units.hours),
            ("day", Stretch::Day, false, |f| &f.calendar.units.day),
            ("days", Stretch::Day, true, |f| &f.calendar.units.days),
            ("week", Stretch::Week, false, |f| &f.calendar.units.week),
            ("weeks", Stretch::Week, true, |f| &f.calendar.units.weeks),
            ("month", Stretch::Month, false, |f| &f.calendar.units.month),
            ("months", Stretch::Month, true, |f| &f.calendar.units.months),
            ("quarter", Stretch::Quarter, false, |f| {
                &f.calendar.units.quarter
            }),
            ("quarters", Stretch::Quarter, true, |f| {
                &f.calendar.units.quarters
            }),
            ("half_year", Stretch::HalfYear, false, |f| {
                &f.calendar.units.half_year
            }),
            ("year", Stretch::Year, false, |f| &f.calendar.units.year),
            ("years", Stretch::Year, true, |f| &f.calendar.units.years),
        ];
        let mut out: Vec<TimeUnit> = Vec::new();
        for (unit, stretch, plural, get) in units {
            let key = format!("calendar.units.{unit}");
            for &word in self.list(&key, get)? {
                if out.iter().any(|seen| seen.word == word) {
                    bail!("{key}: {word:?} is also another unit");
                }
                out.push(TimeUnit {
                    word,
                    stretch,
                    plural,
                });
            }
        }
        Ok(out.leak())
    }
}

/// Refuses an entry that is empty or not in normalised form, naming file and key.
fn check_word(name: &str, key: &str, word: &str) -> Result<()> {
    let normal = normalize(word);
    if normal.is_empty() {
        bail!("{name}: {key}: {word:?} has no letters or digits");
    }
    if normal != word {
        bail!("{name}: {key}: {word:?} is not in normalised form; write {normal:?}");
    }
    Ok(())
}
