//! The rubric for the step-1 statement ("Kortom: wat is het vraagstuk waar de publieksdata
//! antwoord op moet geven?"): five pass/fail criteria, each explained to the team by texts
//! keyed by the criterion's id. The checks are word heuristics, meant to prompt a sharper
//! statement, not to judge it.

use super::lexicon::lists;
use super::normalize::words;

/// Statements longer than this many words are taken to hold more than one topic.
const MAX_WORDS: usize = 60;

/// One criterion of the statement rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    /// It is phrased as a question: it ends with "?" or opens with a question word
    /// ("wat", "hoe", "in hoeverre", "kunnen", "what", "to what extent", "can", …),
    /// optionally after a lead-in like "Kortom:".
    IsQuestion,
    /// It names who it is about: an audience word ("publiek", "bezoekers", "jongeren",
    /// "abonnees", a segment such as "cultuurliefhebbers", "visitors", "families", …),
    /// also inside Dutch compounds ("museumbezoekers", "publieksgroei"; but "publieksdata"
    /// does not name anyone), or an age ("25 jaar", "onder de 35", "tussen 18 en 30").
    Audience,
    /// It says what is to be known or measured: a number, share, reach, growth,
    /// satisfaction, frequency, sales, motives ("waarom"), … , also inside compounds
    /// ("bezoekersaantallen").
    Knowable,
    /// It is tied to the team's chosen focus area by that area's words (strategy:
    /// "samenwerking", "markt", …; programming: "voorstelling", "aanbod", …; marketing:
    /// "verkoop", "aantal bezoekers", …; experience: "beleving", "tevredenheid", …;
    /// operations: "kosten", "omzet", …). Without a chosen area it fails.
    Focus,
    /// It holds one topic: at most one "?", no ";", no glued second question or topic
    /// ("… en hoe …", "daarnaast", "as well as", "also", …) and at most sixty words.
    SingleTopic,
}

impl Criterion {
    /// Every criterion, in the order the bot reports them.
    pub const ALL: [Criterion; 5] = [
        Criterion::IsQuestion,
        Criterion::Audience,
        Criterion::Knowable,
        Criterion::Focus,
        Criterion::SingleTopic,
    ];

    /// The stable id used to key the criterion's texts and stored results.
    pub fn id(self) -> &'static str {
        match self {
            Criterion::IsQuestion => "is_question",
            Criterion::Audience => "audience",
            Criterion::Knowable => "knowable",
            Criterion::Focus => "focus",
            Criterion::SingleTopic => "single_topic",
        }
    }

    /// Reads an id written by [`Criterion::id`]; None for anything else.
    pub fn from_id(id: &str) -> Option<Criterion> {
        Criterion::ALL
            .into_iter()
            .find(|criterion| criterion.id() == id)
    }
}

/// The outcome of the rubric for one statement: every criterion with whether it passed,
/// in the order of [`Criterion::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementScore {
    /// Each criterion and whether the statement meets it.
    pub results: Vec<(Criterion, bool)>,
}

impl StatementScore {
    /// The highest possible score: one point per criterion.
    pub const MAX: usize = 5;

    /// The number of criteria met.
    pub fn score(&self) -> usize {
        self.results.iter().filter(|(_, passed)| *passed).count()
    }

    /// Whether the statement meets `criterion` (false if it was not scored).
    pub fn passed(&self, criterion: Criterion) -> bool {
        self.results
            .iter()
            .any(|(scored, passed)| *scored == criterion && *passed)
    }

    /// The criteria not met, in the order of [`Criterion::ALL`]: what the bot asks the
    /// team to sharpen.
    pub fn failed(&self) -> Vec<Criterion> {
        self.results
            .iter()
            .filter(|(_, passed)| !*passed)
            .map(|(criterion, _)| *criterion)
            .collect()
    }
}

/// Scores the team's statement against the five criteria (see [`Criterion`] for each
/// heuristic). `focus` is the chosen focus-area id ("strategy", "programming",
/// "marketing", "experience", "operations"); None or an unknown id fails [`Criterion::Focus`].
/// A statement without any words fails every criterion.
pub fn score_statement(text: &str, focus: Option<&str>) -> StatementScore {
    let tokens = words(text);
    let padded = format!(" {} ", tokens.join(" "));
    let results = Criterion::ALL
        .into_iter()
        .map(|criterion| {
            let passed = !tokens.is_empty()
                && match criterion {
                    Criterion::IsQuestion => is_question(text, &padded),
                    Criterion::Audience => names_audience(&tokens),
                    Criterion::Knowable => lists().statement.knowable.found_in(&padded),
                    Criterion::Focus => in_focus(&padded, focus),
                    Criterion::SingleTopic => single_topic(text, &tokens, &padded),
                };
            (criterion, passed)
        })
        .collect();
    StatementScore { results }
}

/// Whether the text ends with a question mark (before closing quotes or brackets) or
/// opens with a question word, after an optional lead-in.
fn is_question(text: &str, padded: &str) -> bool {
    let ends_with_mark = text
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'”’)]».".contains(c))
        .ends_with('?');
    let lists = &lists().statement;
    let body = lists
        .lead_ins
        .iter()
        .find_map(|lead| after_word(padded.strip_prefix(' ')?, lead))
        .unwrap_or(padded)
        .trim_start();
    ends_with_mark
        || lists
            .question_openers
            .iter()
            .chain(lists.question_phrases)
            .any(|opener| after_word(body, opener).is_some())
}

/// The text after `word` and the space behind it, if `text` starts with them.
fn after_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    text.strip_prefix(word)?.strip_prefix(' ')
}

/// Whether the words name an audience; "publieksdata" is about data, not people, so
/// words containing it are left out.
fn names_audience(tokens: &[String]) -> bool {
    let people: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .filter(|word| !word.contains("publieksdata"))
        .collect();
    lists()
        .statement
        .audience
        .found_in(&format!(" {} ", people.join(" ")))
        || names_age(&people)
}

/// Whether the words give an age or age range: "25 jaar", "18 jarigen", "onder de 35",
/// "tussen 18 en 30", "under 30", "aged 16".
fn names_age(words: &[&str]) -> bool {
    let is_number = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
    };
    let word_is = |i: usize, options: &[&str]| words.get(i).is_some_and(|w| options.contains(w));
    let lists = &lists().statement;
    (0..words.len()).any(|i| {
        (is_number(i) && word_is(i + 1, lists.age_units))
            || (word_is(i, lists.age_bounds)
                && (is_number(i + 1) || (word_is(i + 1, lists.articles) && is_number(i + 2))))
    })
}

/// Whether the text uses words of the chosen focus area.
fn in_focus(padded: &str, focus: Option<&str>) -> bool {
    lists()
        .statement
        .focus
        .iter()
        .find(|(id, _)| Some(*id) == focus)
        .is_some_and(|(_, lexicon)| lexicon.found_in(padded))
}

/// Whether the statement keeps to one topic (see [`Criterion::SingleTopic`]).
fn single_topic(text: &str, tokens: &[String], padded: &str) -> bool {
    text.matches('?').count() <= 1
        && !text.contains(';')
        && tokens.len() <= MAX_WORDS
        && !lists()
            .statement
            .glue
            .iter()
            .any(|glue| padded.contains(&format!(" {glue} ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected results in the order of `Criterion::ALL`: question, audience, knowable,
    /// focus, single topic.
    type Expected = [bool; 5];

    const GUIDE: &str = "Hoe kunnen we het aantal bezoekers uit de gemeente Utrecht van 25 jaar \
                         voor voorstelling x met 10% verhogen?";

    #[test]
    fn score_statement_table() {
        let long = format!(
            "Hoeveel bezoekers {}?",
            "komen er naar ons theater ".repeat(12)
        );
        let cases: &[(&str, Option<&str>, Expected)] = &[
            // The guide's SMART example turned into a question.
            (GUIDE, Some("marketing"), [true, true, true, true, true]),
            (GUIDE, Some("programming"), [true, true, true, true, true]),
            (GUIDE, Some("strategy"), [true, true, true, false, true]),
            (GUIDE, Some("experience"), [true, true, true, false, true]),
            (GUIDE, Some("operations"), [true, true, true, false, true]),
            (GUIDE, None, [true, true, true, false, true]),
            // The guide's broad wording: not a question, no focus chosen.
            (
                "bezoekersaantallen verhogen",
                None,
                [false, true, true, false, true],
            ),
            ("", Some("marketing"), [false; 5]),
            (" ?! ", Some("marketing"), [false; 5]),
            (
                "Hoeveel jongeren tussen 18 en 30 bezoeken onze tentoonstellingen?",
                Some("programming"),
                [true, true, true, true, true],
            ),
            (
                "Hoe tevreden zijn abonnees over hun bezoekervaring?",
                Some("experience"),
                [true, true, true, true, true],
            ),
            (
                "Wat is de klanttevredenheid van onze abonnementhouders na een voorstelling",
                Some("experience"),
                [true, true, true, true, true],
            ),
            (
                "Kortom: welke doelgroepen bezoeken ons festival het vaakst",
                Some("programming"),
                [true, true, true, true, true],
            ),
            (
                "Welke samenwerkingspartners helpen ons om nieuw publiek te bereiken?",
                Some("strategy"),
                [true, true, true, true, true],
            ),
            (
                "Hoe kunnen we de kosten per bezoeker van onze webshop verlagen?",
                Some("operations"),
                [true, true, true, true, true],
            ),
            (
                "Welk percentage van de cultuurliefhebbers in ons bereik opent de nieuwsbrief?",
                Some("marketing"),
                [true, true, true, true, true],
            ),
            // No audience named.
            (
                "Hoe kunnen we onze omzet met 10% laten groeien?",
                Some("operations"),
                [true, false, true, true, true],
            ),
            // "publieksdata" is no audience.
            (
                "Wat kunnen we met publieksdata?",
                Some("strategy"),
                [true, false, false, false, true],
            ),
            // Two topics glued together.
            (
                "Hoeveel bezoekers hebben we en hoe tevreden zijn ze?",
                Some("marketing"),
                [true, true, true, false, false],
            ),
            (
                "Wie zijn onze bezoekers? Wat vinden ze van het aanbod?",
                Some("programming"),
                [true, true, false, true, false],
            ),
            (
                "Hoe groeit ons publiek; welke campagnes werken?",
                Some("marketing"),
                [true, true, true, true, false],
            ),
            (&long, Some("marketing"), [true, true, true, false, false]),
            // English.
            (
                "How many visitors under 30 bought a ticket more than once in 2024?",
                Some("marketing"),
                [true, true, true, true, true],
            ),
            (
                "To what extent are families satisfied with their visit",
                Some("experience"),
                [true, true, true, true, true],
            ),
            (
                "\"How large is our reach among students?\"",
                Some("marketing"),
                [true, true, true, true, true],
            ),
            (
                "Can we also reach students with our newsletter?",
                Some("marketing"),
                [true, true, true, true, false],
            ),
            (
                "We want more data",
                None,
                [false, false, false, false, true],
            ),
            // An unknown focus id fails focus.
            (
                "Hoeveel bezoekers kopen online een ticket?",
                Some("finance"),
                [true, true, true, false, true],
            ),
        ];
        for (text, focus, want) in cases {
            let got = score_statement(text, *focus);
            let results: Vec<(Criterion, bool)> = Criterion::ALL.into_iter().zip(*want).collect();
            assert_eq!(got.results, results, "score_statement({text:?}, {focus:?})");
            let passed = want.iter().filter(|passed| **passed).count();
            assert_eq!(got.score(), passed, "score of {text:?}");
        }
    }

    #[test]
    fn names_age_table() {
        let cases = [
            ("bezoekers van 25 jaar", true),
            ("18 jarigen", true),
            ("mensen onder de 35", true),
            ("tussen 18 en 30", true),
            ("under 30", true),
            ("aged 16 to 18", true),
            ("over the 65", true),
            ("in 2024", false),
            ("met 10 procent", false),
            ("onder de indruk", false),
            ("jaar", false),
        ];
        for (text, want) in cases {
            let tokens = words(text);
            let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
            assert_eq!(names_age(&tokens), want, "names_age({text:?})");
        }
    }

    #[test]
    fn score_helpers() {
        let score = score_statement(GUIDE, Some("strategy"));
        assert_eq!(score.score(), 4);
        assert!(score.score() <= StatementScore::MAX);
        assert_eq!(score.failed(), [Criterion::Focus]);
        assert!(score.passed(Criterion::IsQuestion));
        assert!(!score.passed(Criterion::Focus));
        let full = score_statement(GUIDE, Some("marketing"));
        assert_eq!(full.score(), StatementScore::MAX);
        assert!(full.failed().is_empty());
    }

    #[test]
    fn criterion_ids_round_trip() {
        let ids = [
            "is_question",
            "audience",
            "knowable",
            "focus",
            "single_topic",
        ];
        assert_eq!(Criterion::ALL.len(), StatementScore::MAX);
        for (criterion, id) in Criterion::ALL.into_iter().zip(ids) {
            assert_eq!(criterion.id(), id);
            assert_eq!(Criterion::from_id(id), Some(criterion));
        }
        assert_eq!(Criterion::from_id("question"), None);
    }
}
