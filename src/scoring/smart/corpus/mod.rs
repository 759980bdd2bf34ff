//! The SMART corpus: 1356 goals for theatres, museums, festivals, libraries, orchestras and
//! heritage, Dutch and English, labelled letter by letter (see the header of `train.toml`):
//! 1236 to tune on, 120 held out (written and labelled before the scorer read them).
//! [`smart_corpus_accuracy`] scores every goal, prints the accuracy per letter and per
//! language on both parts, lists the train goals it gets wrong (never the held-out ones:
//! the scorer must not be tuned on them) and holds the held-out part to a floor.

use std::collections::BTreeMap;

use jiff::civil::{Date, date};
use serde::Deserialize;

use super::score_goal;

/// The today every label is written against.
const TODAY: Date = date(2026, 11, 25);

/// The lowest held-out accuracy allowed, per column of [`COLUMNS`], in percent: the
/// figures the new held-out part reached (rounded down), a regression floor. The target
/// is 97 % per letter; S (95.0 %, 114 of 120) falls short of it, every other column
/// reaches it.
const HELDOUT_FLOOR: [f64; 6] = [94.9, 100.0, 98.3, 100.0, 99.1, 99.1];

/// The columns of the table: the five letters and the deadline read.
const COLUMNS: [&str; 6] = ["S", "M", "A", "R", "T", "deadline"];

/// The languages and domains of the corpus, 113 goals each (103 train, 10 held out).
const LANGUAGES: [&str; 2] = ["nl", "en"];
const DOMAINS: [&str; 6] = [
    "theatre",
    "museum",
    "festival",
    "library",
    "orchestra",
    "heritage",
];

/// One part of the corpus as stored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Part {
    goal: Vec<Goal>,
}

/// One labelled goal.
// The five letters are five yes/no labels, as in the files.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Goal {
    /// `<lang>-<domain>-<nn>`, numbered within language and domain.
    id: String,
    text: String,
    s: bool,
    m: bool,
    a: bool,
    r: bool,
    t: bool,
    deadline: Option<String>,
}

impl Goal {
    /// The language, domain and number in the id.
    fn parts(&self) -> (&str, &str, u32) {
        let mut parts = self.id.splitn(3, '-');
        let lang = parts.next().unwrap_or("");
        let domain = parts.next().unwrap_or("");
        let number = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        (lang, domain, number)
    }

    /// The deadline label as a date.
    fn deadline(&self) -> Option<Date> {
        self.deadline.as_ref().map(|written| {
            written
                .parse()
                .unwrap_or_else(|err| panic!("{}: deadline {written:?}: {err}", self.id))
        })
    }

    /// For every column, whether the scorer agrees with the label.
    fn judge(&self) -> [bool; 6] {
        let got = score_goal(&self.text, TODAY);
        [
            got.specific == self.s,
            got.measurable == self.m,
            // The label says an owner is named: the half of "acceptabel" a text can tell
            // (support is asked in the conversation).
            got.owner.is_some() == self.a,
            (got.realistic != Some(false)) == self.r,
            got.time_bound == self.t,
            got.deadline == self.deadline(),
        ]
    }
}

/// Parses one part.
fn load(name: &str, text: &str) -> Vec<Goal> {
    let part: Part = toml::from_str(text).unwrap_or_else(|err| panic!("{name}: {err}"));
    part.goal
}

/// The train part.
fn train_part() -> Vec<Goal> {
    load("train.toml", include_str!("train.toml"))
}

/// The two parts.
fn corpus() -> (Vec<Goal>, Vec<Goal>) {
    (
        train_part(),
        load("heldout.toml", include_str!("heldout.toml")),
    )
}

/// The numbers of the train goals within a language and domain: the first ones, and the
/// ones written after the held-out part as new material (41-53, then 54-65, 66-77, 78-89,
/// 90-101, 102-113, 114-125, 126-137, 138-149, 150-161, 162-173 and 174-185).
const TRAIN_NUMBERS: [std::ops::RangeInclusive<u32>; 2] = [1..=30, 41..=197];
/// The numbers of the held-out goals within a language and domain.
const HELDOUT_NUMBERS: std::ops::RangeInclusive<u32> = 31..=40;

/// Whether the split puts goal number `number` in the held-out part.
fn held_out(number: u32) -> bool {
    HELDOUT_NUMBERS.contains(&number)
}

/// Correct answers and goals, per column.
#[derive(Default, Clone, Copy)]
struct Tally {
    right: [usize; 6],
    goals: usize,
}

impl Tally {
    fn add(&mut self, judged: [bool; 6]) {
        self.goals += 1;
        for (right, ok) in self.right.iter_mut().zip(judged) {
            *right += usize::from(ok);
        }
    }

    /// The accuracy of each column, in percent.
    fn percent(&self) -> [f64; 6] {
        self.right
            .map(|right| 100.0 * right as f64 / self.goals.max(1) as f64)
    }

    fn row(&self, label: &str) -> String {
        let cells: Vec<String> = self.percent().iter().map(|p| format!("{p:>9.1}")).collect();
        format!("{label:<18}{:>5}{}", self.goals, cells.join(""))
    }
}

/// The result of scoring a part: the tally per language and overall, and the goals missed
/// with the columns missed.
type Scored<'a> = (
    BTreeMap<&'a str, Tally>,
    Tally,
    Vec<(&'a Goal, Vec<&'static str>)>,
);

/// Scores a part (see [`Scored`]).
fn score(goals: &[Goal]) -> Scored<'_> {
    let mut by_lang: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    let mut missed = Vec::new();
    for goal in goals {
        let judged = goal.judge();
        by_lang.entry(goal.parts().0).or_default().add(judged);
        all.add(judged);
        let wrong: Vec<&str> = COLUMNS
            .iter()
            .zip(judged)
            .filter_map(|(column, ok)| (!ok).then_some(*column))
            .collect();
        if !wrong.is_empty() {
            missed.push((goal, wrong));
        }
    }
    (by_lang, all, missed)
}

#[test]
fn the_split_follows_the_fixed_rule() {
    let (train, heldout) = corpus();
    let mut seen: BTreeMap<(String, String), Vec<u32>> = BTreeMap::new();
    for (part, goals, want_held) in [("train", &train, false), ("heldout", &heldout, true)] {
        for goal in goals {
            let (lang, domain, number) = goal.parts();
            assert!(LANGUAGES.contains(&lang), "{part}: {}", goal.id);
            assert!(DOMAINS.contains(&domain), "{part}: {}", goal.id);
            assert_eq!(held_out(number), want_held, "{part}: {}", goal.id);
            assert_eq!(goal.t, goal.deadline.is_some(), "{part}: {}", goal.id);
            goal.deadline();
            seen.entry((lang.to_owned(), domain.to_owned()))
                .or_default()
                .push(number);
        }
    }
    assert_eq!(seen.len(), LANGUAGES.len() * DOMAINS.len());
    for (stratum, mut numbers) in seen {
        numbers.sort_unstable();
        let mut want: Vec<u32> = TRAIN_NUMBERS
            .into_iter()
            .flatten()
            .chain(HELDOUT_NUMBERS)
            .collect();
        want.sort_unstable();
        assert_eq!(numbers, want, "{stratum:?}");
    }
    assert!(train.len() + heldout.len() >= 300);
    assert!(heldout.len() >= 110);
}

/// The environment variable that, set to `1`, limits [`smart_corpus_accuracy`] to the
/// train part.
const TRAIN_ONLY: &str = "KOERS_CORPUS_TRAIN_ONLY";

#[test]
fn smart_corpus_accuracy() {
    // KOERS_CORPUS_TRAIN_ONLY=1 skips the held-out part entirely (no scoring, no printing,
    // no floor): the run to use while tuning, so that not even the held-out percentages
    // steer the scorer. Only a final measurement runs without it.
    let train_only = std::env::var(TRAIN_ONLY).is_ok_and(|value| value == "1");
    let (train, heldout) = if train_only {
        (train_part(), Vec::new())
    } else {
        corpus()
    };
    let header: String = COLUMNS.iter().map(|c| format!("{c:>9}")).collect();
    println!("SMART corpus, accuracy in % (today {TODAY})");
    println!("{:<18}{:>5}{header}", "part", "goals");
    let mut heldout_all = Tally::default();
    let parts: &[(&str, &Vec<Goal>)] = if train_only {
        &[("train", &train)]
    } else {
        &[("train", &train), ("heldout", &heldout)]
    };
    for &(name, goals) in parts {
        let (by_lang, all, missed) = score(goals);
        for lang in LANGUAGES {
            let tally = by_lang.get(lang).copied().unwrap_or_default();
            println!("{}", tally.row(&format!("{name} {lang}")));
        }
        println!("{}", all.row(&format!("{name} all")));
        if name == "train" {
            for (goal, wrong) in &missed {
                let got = score_goal(&goal.text, TODAY);
                println!(
                    "  train miss {} [{}] {:?} (what {}, narrows {}, target {:?}, deadline {:?}, want {:?})",
                    goal.id,
                    wrong.join(","),
                    goal.text,
                    super::changes_something(&goal.text),
                    super::narrows(&goal.text),
                    got.target.as_ref().map(|t| t.raw.as_str()),
                    got.deadline,
                    goal.deadline
                );
            }
        } else {
            // Only how many: a held-out goal is never looked at to tune the scorer.
            println!("  heldout goals with a miss: {}", missed.len());
            heldout_all = all;
        }
    }
    if train_only {
        return;
    }
    for ((column, got), floor) in COLUMNS.iter().zip(heldout_all.percent()).zip(HELDOUT_FLOOR) {
        assert!(
            got >= floor,
            "held-out accuracy of {column}: {got:.1}% < {floor}%"
        );
    }
}

/// The goals issue 11 found misjudged, each now read as a team would mean it.
#[test]
fn the_misjudged_goals_of_issue_11() {
    use super::Suggestion::{AddDeadline, AddNumber, AddTargetGroup, AskOwner};
    use super::Unit;

    let halve = score_goal(
        "Halveer het aantal no-shows bij de matinees vóór de zomer van 2027",
        TODAY,
    );
    let target = halve.target.as_ref().map(|t| (t.value, t.unit));
    assert_eq!(target, Some((0.5, Unit::Factor)));
    assert!(halve.specific);
    assert_eq!(halve.deadline, Some(date(2027, 6, 20)));

    let pass = score_goal(
        "400 CJP-pashouders kopen een kaartje in de zomer van 2027",
        TODAY,
    );
    let target = pass.target.as_ref().map(|t| (t.value, t.raw.as_str()));
    assert_eq!(target, Some((400.0, "400")));
    assert!(pass.specific);
    assert_eq!(pass.deadline, Some(date(2027, 9, 22)));

    for text in [
        "Verwelkom 300 nieuwe bezoekers uit Zwolle in 2027",
        "Laat 150 bezoekers deelnemen aan de nagesprekken binnen zes maanden",
        "Verhoog de gemiddelde bestelwaarde in de webshop met 10% voor eind 2027",
        "Het websiteverkeer uit de regio met 20% laten stijgen in Q3 2027",
        "Increase the share of newsletter e-mails opened by families to 45% by the end of 2027",
    ] {
        let got = score_goal(text, TODAY);
        assert!(
            got.specific && got.measurable && got.time_bound,
            "{text:?}: {got:?}"
        );
    }

    let broad = score_goal("Meer mensen bereiken met onze programmering", TODAY);
    assert!(!broad.specific);
    assert_eq!(
        broad.suggestions,
        [AddTargetGroup, AddNumber, AddDeadline, AskOwner]
    );
}
