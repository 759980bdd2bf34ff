//! The compiled patterns of the target reader, in matching form (see `text.rs`).

use regex::Regex;

use crate::scoring::lexicon::lists;
use crate::scoring::smart::number::NUMBER;
use crate::scoring::smart::text::compile;
use crate::scoring::smart::words::alternation;

/// The compiled patterns, built once.
pub(in crate::scoring::smart) struct Patterns {
    pub(super) factor_words: Vec<(Regex, f64)>,
    pub(super) factor_numbers: [Regex; 4],
    /// A factor in shorthand: "bezoek x8", "conversion 3x"; `per` when a count of times
    /// follows ("3x per week").
    pub(super) factor_shorthand: Regex,
    pub(super) fractions: Vec<(Regex, f64)>,
    pub(super) written_fraction: Regex,
    pub(super) one_in: Regex,
    pub(super) percent: Regex,
    pub(super) money: [Regex; 2],
    pub(super) digits: Regex,
    pub(super) word: Regex,
    pub(super) multiplier_after: Regex,
    pub(super) time_after: Regex,
    /// A singular unit of time as the first half of an English compound whose plural
    /// head the number counts: "2,500 day tickets", "300 week passes" (not "a 3 day
    /// course", "10 year olds").
    pub(super) unit_compound_after: Regex,
    pub(super) label_before: Regex,
    /// A day joined to a date read already: "4 en 5 mei", "4, 5 and 6 May" (the date is
    /// blanked out, so a blank follows the joining word).
    pub(super) day_before_date: Regex,
    pub(super) determiner_before: Regex,
    pub(super) amount_before: Regex,
    pub(super) baseline_before: Regex,
    pub(super) had_before: Regex,
    pub(super) from_before: Regex,
    pub(super) to_before: Regex,
    /// A bound and an article before a number: "onder de 2 minuten" is a ceiling, not
    /// "de 2 zalen".
    pub(super) bound_before: Regex,
    /// "2019 levels", "het niveau van 2019": a year as a level to return to.
    pub(super) levels_after: Regex,
}

/// A pattern for a baseline word (`words`) right before a number, maybe with a colon,
/// "we"/"er", a word of approximation and an article between.
fn baseline(words: &str) -> String {
    format!(
        concat!(
            r"(?:{words})\s*:?\s*(?:(?:we|wij|er|ze|they|there)\s+){{0,2}}(?:(?:ongeveer|",
            r"about|around|circa|ca\.?|zo\s?'?n|rond|roughly|approximately|bijna|almost|ruim|",
            r"slechts|only|maar|pas)\s+)?(?:(?:de|het|the|onze|our)\s+)?$",
        ),
        words = words
    )
}

impl Patterns {
    /// Compiles every pattern.
    pub(super) fn new() -> Patterns {
        let either = format!(r"(?:(?P<n>{NUMBER})|(?P<w>\p{{L}}+?))");
        let numbers = &lists().numbers;
        // Words that multiply a number: every multiplier ("honderd", "thousand") and
        // abbreviation ("k", "mln"); after an amount of money only from a thousand up.
        let all_multipliers = || numbers.multipliers.iter().chain(numbers.abbreviations);
        let multiply_any = alternation(all_multipliers().map(|(word, _)| *word));
        let multiply = alternation(
            all_multipliers()
                .filter(|(_, value)| *value >= 1_000)
                .map(|(word, _)| *word),
        );
        let multiplier_words = alternation(numbers.multipliers.iter().map(|(word, _)| *word));
        let labels = alternation(lists().smart.labels.iter().copied());
        Patterns {
            factor_words: vec![
                (
                    compile(concat!(
                        r"\bverdubbel\w*|\bgedubbeld\b|\bdubbel\s+zo(?:veel)?\b|\bdoubl(?:e|ed|es|ing)\b|\btwice\s+(?:as|",
                        r"the|so)\b|\btweemaal\s+zo",
                    )),
                    2.0,
                ),
                (compile(r"\btripl(?:e|ed|es|ing)\b"), 3.0),
                (compile(r"\bquadrupl\w*"), 4.0),
                (
                    compile(concat!(
                        r"\bhalveer\b|\bhalver\w*|\bgehalveerd\b|\bhalving\b|\bhalved\b|",
                        r"\b(?P<v>halve)\s+(?:the|our|its|their)\b|\bin\s+half\b|\bhalf\s+(?:zo|",
                        r"as)\s+(?:veel|many|much)\b",
                    )),
                    0.5,
                ),
                // "Halve no-shows …": the English imperative opening a sentence.
                (compile(r"(?m)(?:^|[.;:!?]\s*)(?P<v>halve)\b"), 0.5),
            ],
            factor_numbers: [
                compile(&format!(
                    concat!(
                        r"\b{either}\s*(?:x|keer|maal|times)\s+(?:zo|zoveel|meer|more|as|so|",
                        r"groter|bigger|larger|hoger|higher)\b",
                    ),
                    either = either
                )),
                compile(&format!(r"\bfactor\s+{either}\b")),
                compile(r"\b(?:(?P<n>\d+)\s*-?\s*|(?P<w>\p{L}+?))fold\b"),
                compile(r"\bver(?P<w>\p{L}+?)voudig\w*"),
            ],
            factor_shorthand: compile(concat!(
                r"\b(?:x\s?(?P<n>\d{1,3})|(?P<m>\d{1,3})\s?x)\b",
                r"(?P<per>\s*(?:per|a|an|op|p|/)\b)?",
            )),
            fractions: vec![
                (compile(r"\b(?:een|a|one)\s+(?:kwart|quarter)\b"), 25.0),
                (compile(r"\b(?:een|a|one)\s+(?:derde|third)\b"), 100.0 / 3.0),
                (compile(r"\b(?:twee|two)\s+(?:derde|thirds)\b"), 200.0 / 3.0),
                (
                    compile(r"\bdriekwart\b|\b(?:drie|three)\s+(?:kwart|quarters)\b"),
                    75.0,
                ),
                (compile(r"\b(?:een|a|one)\s+(?:vijfde|fifth)\b"), 20.0),
                (compile(r"\b(?:een|a|one)\s+(?:tiende|tenth)\b"), 10.0),
                (
                    // "Half of the visitors …", as "de helft van": a share opening a
                    // sentence or a clause, not "the first half of 2027".
                    compile(concat!(
                        r"\b(?:de\s+)?helft\b|\bby\s+(?:a\s+)?half\b|",
                        r"(?:^|[.;:!?,]\s*|\bthat\s+)(?P<v>half\s+of)\s+(?:the|our|all|its|their)\b",
                    )),
                    50.0,
                ),
            ],
            written_fraction: compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})\b"),
            one_in: compile(&format!(
                r"\b(?:een|1|one)\s+(?:op|in|out\s+of)\s+(?:(?:de|the|every)\s+)?{either}\b"
            )),
            percent: compile(&format!(
                concat!(
                    r"(?:\b(?:{NUMBER})\s*(?:-|tot|to|a|en|and|t/m)\s*)?\b{either}\s*(?:%|",
                    r"procent(?:punt(?:en)?)?\b|percent(?:age\s+points?)?\b|pct\b|",
                    r"per\s*cent\b)",
                ),
                NUMBER = NUMBER,
                either = either
            )),
            money: [
                compile(&format!(
                    r"(?:€|£|\$|\beuro?\b)\s*(?P<n>{NUMBER})(?:\s*(?P<mult>{multiply})\b)?"
                )),
                compile(&format!(
                    r"\b(?P<n>{NUMBER})(?:\s*(?P<mult>{multiply}))?\s*(?:euro\b|eur\b|€|pounds?\b|gbp\b)"
                )),
            ],
            digits: compile(&format!(
                r"\b(?P<n>{NUMBER})(?:\s*(?P<mult>{multiply_any})\b)?"
            )),
            word: compile(r"\b\p{L}+\b"),
            multiplier_after: compile(&format!(r"^\s+(?:{multiplier_words})\b")),
            time_after: compile(concat!(
                // "10-12 uur", "9 tot 17 uur": a time of day, from and to.
                r"^\s*(?:(?:-|tot|to|t/m)\s*\d{1,2}(?:[.:]\d{2})?\s*)?(?:-\s*)?(?:jaar\b|jarig|jr\b|years?\b|yrs?\b|year-old|dagen\b|",
                r"dag\b|days?\b|weken\b|weeks?\b|maanden\b|maand\b|months?\b|kwartalen\b|",
                r"kwartaal\b|quarters?\b|uur\b|u\b|h\b|:\d|\+)",
            )),
            unit_compound_after: compile(r"^\s+(?:day|week|month|year|hour)\s+(?P<head>[a-z]+s)\b"),
            day_before_date: compile(r"^\s*(?:en|and|,|&|t/m|-)\s*~"),
            label_before: compile(&format!(r"\b(?:{labels})\.?\s*#?\s*$|\d:$")),
            determiner_before: compile(concat!(
                r"\b(?:de|het|the|deze|dit|these|this|onze|our|die|those|alle|all|beide|",
                r"both|elke|every|each|per)\s*$",
            )),
            amount_before: compile(concat!(
                r"\b(?:met|by|naar|to|tot|minimaal|minstens|at\s+least|ruim|bijna|nearly|",
                r"almost|about|ongeveer|circa|extra)\s*$",
            )),
            baseline_before: compile(&baseline(concat!(
                r"\b(?:nu|now|currently|momenteel|huidige?|current|baseline|nulmeting|",
                r"uitgangssituatie|vorig\s+jaar|last\s+year|ten\s+opzichte\s+van|",
                r"compared\s+(?:to|with)|vergeleken\s+met)|\bt\.?\s?o\.?\s?v\.?",
            ))),
            had_before: compile(&baseline(
                r"\b(?:sinds|since|was|waren|were|had|hadden|hebben|have)",
            )),
            from_before: compile(
                r"\b(?:van|from)\s+(?:(?:ongeveer|about|around|circa)\s+)?[€£$]?\s*$",
            ),
            levels_after: compile(r"^\s*(?:levels?|niveaus?|niveau)\b"),
            bound_before: compile(r"\b(?:onder|boven|beneath|below|above)\s+(?:de|het|the)\s*$"),
            to_before: compile(concat!(
                r"\b(?:naar|to|tot)\s+(?:(?:ongeveer|about|around|circa|minimaal|minstens|",
                r"at\s+least)\s+)?[€£$]?\s*$",
            )),
        }
    }
}
