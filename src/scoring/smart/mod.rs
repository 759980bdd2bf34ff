//! SMART scoring of a goal (specifiek, meetbaar, acceptabel, realistisch, tijdgebonden):
//! word and pattern heuristics in Dutch and English that tell the bot what to ask for.
//! [`score_goal`] returns letters, the deadline, target and owner found, and ids of
//! warnings and suggestions; the sentences for those ids live in the prompt files.
//!
//! - specific: [`changes_something`] and [`narrows`];
//! - measurable: [`find_target`] finds a quantified target;
//! - acceptable: unknown from the text alone, which cannot say whether those involved stand
//!   behind the goal; [`find_owner`] finds an owner, and the bot asks for what is missing;
//! - realistic: false for a deadline in the past, an implausibly large change or an
//!   implausibly short time (see the thresholds below); otherwise unknown (the bot asks
//!   for baseline and target);
//! - time-bound: [`parse_deadline`] finds a deadline.
//!
//! `corpus/` holds 480 labelled goals (train and held-out) that measure how well these
//! readers generalise; `cargo test --lib smart_corpus -- --nocapture` prints the accuracy.

mod calendar;
#[cfg(test)]
mod corpus;
mod deadline;
mod direction;
pub(crate) mod number;
mod owner;
#[cfg(test)]
mod score_table_tests;
#[cfg(test)]
mod score_tests;
mod specific;
mod target;
mod text;
mod words;

pub use deadline::parse_deadline;
pub use direction::direction_warning;
pub use owner::{find_owner, names_no_one};
pub use specific::{changes_something, narrows};
pub use target::{Stated, find_stated, find_target};

use jiff::Span;
use jiff::civil::Date;

/// A percentage change above this is implausibly large (+300 % is four times as many).
pub const MAX_PERCENT: f64 = 300.0;
/// A factor above this is implausibly large.
pub const MAX_FACTOR: f64 = 5.0;
/// A factor below this is an implausibly large decrease (more than −90 %).
pub const MIN_FACTOR: f64 = 0.1;
/// A deadline at most this many days after today leaves implausibly little time for a
/// large change ([`SHORT_PERCENT`], [`SHORT_FACTOR`]).
pub const SHORT_DAYS: i64 = 7;
/// A percentage change of at least this is large for a deadline within [`SHORT_DAYS`].
pub const SHORT_PERCENT: f64 = 25.0;
/// A factor of at least this, or at most its inverse (halving), is large for a deadline
/// within [`SHORT_DAYS`].
pub const SHORT_FACTOR: f64 = 1.5;

/// Why a goal is not realistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Warning {
    /// The deadline is before today.
    DeadlinePassed,
    /// The change is implausibly large: above [`MAX_PERCENT`] percent, or a factor above
    /// [`MAX_FACTOR`] or below [`MIN_FACTOR`].
    ImplausibleChange,
    /// The deadline is within [`SHORT_DAYS`] days of today while the change is at least
    /// [`SHORT_PERCENT`] percent or a factor of at least [`SHORT_FACTOR`] (or at most its
    /// inverse).
    ImplausiblyShort,
    /// The start and end go the other way than the words say: "verhogen" to below the
    /// baseline, "halveren" to above it ([`direction_warning`]).
    AgainstDirection,
}

impl Warning {
    /// Every warning, in the order the bot reports them.
    pub const ALL: [Warning; 4] = [
        Warning::DeadlinePassed,
        Warning::ImplausibleChange,
        Warning::ImplausiblyShort,
        Warning::AgainstDirection,
    ];

    /// The stable id that keys the warning's texts.
    pub fn id(self) -> &'static str {
        match self {
            Warning::DeadlinePassed => "deadline_passed",
            Warning::ImplausibleChange => "implausible_change",
            Warning::ImplausiblyShort => "implausibly_short",
            Warning::AgainstDirection => "against_direction",
        }
    }

    /// Reads an id written by [`Warning::id`]; None for anything else.
    pub fn from_id(id: &str) -> Option<Warning> {
        Warning::ALL.into_iter().find(|warning| warning.id() == id)
    }
}

/// What the bot asks the team to add or tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Suggestion {
    /// Name what changes (visitors, tickets, revenue, …).
    AddWhatChanges,
    /// Narrow it: a target group, place, production or channel.
    AddTargetGroup,
    /// Add a number: how much should it change?
    AddNumber,
    /// Add a deadline.
    AddDeadline,
    /// Who owns the goal?
    AskOwner,
    /// The owner is known; do those involved stand behind the goal (support)?
    AskSupport,
    /// What is the baseline, so the target can be judged realistic?
    AskBaseline,
}

impl Suggestion {
    /// Every suggestion, in the order the bot asks them (the order of the SMART letters).
    pub const ALL: [Suggestion; 7] = [
        Suggestion::AddWhatChanges,
        Suggestion::AddTargetGroup,
        Suggestion::AddNumber,
        Suggestion::AddDeadline,
        Suggestion::AskOwner,
        Suggestion::AskSupport,
        Suggestion::AskBaseline,
    ];

    /// The stable id that keys the suggestion's texts.
    pub fn id(self) -> &'static str {
        match self {
            Suggestion::AddWhatChanges => "add_what_changes",
            Suggestion::AddTargetGroup => "add_target_group",
            Suggestion::AddNumber => "add_number",
            Suggestion::AddDeadline => "add_deadline",
            Suggestion::AskOwner => "ask_owner",
            Suggestion::AskSupport => "ask_support",
            Suggestion::AskBaseline => "ask_baseline",
        }
    }

    /// Reads an id written by [`Suggestion::id`]; None for anything else.
    pub fn from_id(id: &str) -> Option<Suggestion> {
        Suggestion::ALL
            .into_iter()
            .find(|suggestion| suggestion.id() == id)
    }
}

/// The kind of a quantified target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A percentage: "10%" is 10, "een kwart meer" is 25.
    Percent,
    /// A count or an amount: "1.000 bezoekers" is 1000, "€ 5.000" is 5000.
    Absolute,
    /// A multiplier: "verdubbelen" is 2, "halveren" is 0.5, "twee keer zoveel" is 2.
    Factor,
}

/// The quantified target found in a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Its size, always positive (whether it goes up or down is not read).
    pub value: f64,
    /// What kind of number it is.
    pub unit: Unit,
    /// The words it was read from, as written ("10%", "€ 5.000", "verdubbelen").
    pub raw: String,
}

/// The SMART score of one goal.
#[derive(Debug, Clone, PartialEq)]
pub struct SmartScore {
    /// It names what changes and narrows it (group, place, production or channel).
    pub specific: bool,
    /// It has a quantified target.
    pub measurable: bool,
    /// An owner and the support of those involved: None from the text alone, which cannot
    /// tell support; the conversation makes it Some(true) or Some(false) once support is
    /// answered.
    pub acceptable: Option<bool>,
    /// Some(false) with a warning when it cannot be realistic; None otherwise (the bot
    /// asks for baseline and target). Never Some(true): words alone cannot tell.
    pub realistic: Option<bool>,
    /// It has a deadline.
    pub time_bound: bool,
    /// The deadline found.
    pub deadline: Option<Date>,
    /// The target found.
    pub target: Option<Target>,
    /// Where the goal says it starts and ends ("from 120 to 300": 120 and 300), which the bot
    /// fills in as baseline and target and the realism check judges ([`stated_change`]).
    pub stated: Option<(f64, f64)>,
    /// The owner found, as written.
    pub owner: Option<String>,
    /// Why it is not realistic, in the order of [`Warning::ALL`].
    pub warnings: Vec<Warning>,
    /// What the bot asks for, in the order of [`Suggestion::ALL`].
    pub suggestions: Vec<Suggestion>,
}

impl SmartScore {
    /// The highest possible score: one point per letter.
    pub const MAX: u8 = 5;

    /// The number of letters that are true.
    pub fn score(&self) -> u8 {
        [
            self.specific,
            self.measurable,
            self.acceptable == Some(true),
            self.realistic == Some(true),
            self.time_bound,
        ]
        .into_iter()
        .map(u8::from)
        .sum()
    }
}

/// Scores one goal against the SMART letters, with `today` for the deadline and the
/// realism checks.
pub fn score_goal(text: &str, today: Date) -> SmartScore {
    let what = changes_something(text);
    let specific = what && narrows(text);
    let Stated {
        target,
        range: stated,
    } = find_stated(text);
    let deadline = parse_deadline(text, today);
    let owner = find_owner(text);
    // "van 40 naar 800" says how far the goal goes, as a baseline from the team would.
    let change = stated_change(stated);
    let mut warnings = warnings(deadline, change.as_ref().or(target.as_ref()), today);
    // R, not M: the target is a number that can be counted at the deadline, so the goal is
    // measurable; what cannot stand is the way from the start to that number, which is what
    // R judges (baseline against target). "Verhogen" to below where it stands is no plan
    // that can be called realistic until words or numbers are changed.
    warnings.extend(direction_warning(text, stated));
    let realistic = if warnings.is_empty() {
        None
    } else {
        Some(false)
    };
    // An owner is half of "acceptabel"; whether those involved stand behind the goal is
    // asked in the conversation, so the text alone leaves it unknown.
    let acceptable = None;
    let asks = [
        (Suggestion::AddWhatChanges, !what),
        (Suggestion::AddTargetGroup, what && !specific),
        (Suggestion::AddNumber, target.is_none()),
        (Suggestion::AddDeadline, deadline.is_none()),
        (Suggestion::AskOwner, owner.is_none()),
        (Suggestion::AskSupport, owner.is_some()),
        (
            Suggestion::AskBaseline,
            realistic.is_none() && target.is_some(),
        ),
    ];
    SmartScore {
        specific,
        measurable: target.is_some(),
        acceptable,
        realistic,
        time_bound: deadline.is_some(),
        deadline,
        target,
        stated,
        owner,
        warnings,
        suggestions: asks
            .into_iter()
            .filter_map(|(suggestion, asked)| asked.then_some(suggestion))
            .collect(),
    }
}

/// The change from a start to an end (`stated`): the goal's own "van 40 naar 800" (+1,900 %),
/// or the team's baseline and target, judged the same way by the realism check.
pub fn stated_change(stated: Option<(f64, f64)>) -> Option<Target> {
    stated.and_then(|(from, to)| change_between(from, to, format!("{from} → {to}")))
}

/// The change from `from` to `to`, judged one way wherever the two come from (the goal's
/// text or the team's baseline and target): up, in percent (40 → 800 is +1,900 %); down, as a
/// factor (800 → 40 is 0.05). None when it starts at zero or below.
fn change_between(from: f64, to: f64, raw: String) -> Option<Target> {
    if from <= 0.0 {
        return None;
    }
    let factor = to / from;
    let (value, unit) = if factor > 1.0 {
        ((factor - 1.0) * 100.0, Unit::Percent)
    } else {
        (factor, Unit::Factor)
    };
    Some(Target { value, unit, raw })
}

/// The realism warnings for a deadline and a target, in the order of [`Warning::ALL`]:
/// [`Warning::DeadlinePassed`] for a deadline before `today`, and
/// [`Warning::ImplausibleChange`] and [`Warning::ImplausiblyShort`] by the thresholds
/// above. [`score_goal`] applies it to what the text says; a caller that learns the
/// baseline and target later judges those the same way, through [`stated_change`].
pub fn warnings(deadline: Option<Date>, target: Option<&Target>, today: Date) -> Vec<Warning> {
    let passed = deadline.is_some_and(|deadline| deadline < today);
    let large = target.is_some_and(|target| match target.unit {
        Unit::Percent => target.value > MAX_PERCENT,
        Unit::Factor => target.value > MAX_FACTOR || target.value < MIN_FACTOR,
        Unit::Absolute => false,
    });
    let soon = Span::new()
        .try_days(SHORT_DAYS)
        .ok()
        .and_then(|span| today.checked_add(span).ok());
    let short = deadline
        .is_some_and(|deadline| deadline >= today && soon.is_some_and(|soon| deadline <= soon))
        && target.is_some_and(|target| match target.unit {
            Unit::Percent => target.value >= SHORT_PERCENT,
            Unit::Factor => target.value >= SHORT_FACTOR || target.value <= 1.0 / SHORT_FACTOR,
            Unit::Absolute => false,
        });
    [
        (Warning::DeadlinePassed, passed),
        (Warning::ImplausibleChange, large),
        (Warning::ImplausiblyShort, short),
    ]
    .into_iter()
    .filter_map(|(warning, raised)| raised.then_some(warning))
    .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    #[test]
    fn ids_round_trip() {
        let warnings = [
            "deadline_passed",
            "implausible_change",
            "implausibly_short",
            "against_direction",
        ];
        for (warning, id) in Warning::ALL.into_iter().zip(warnings) {
            assert_eq!(warning.id(), id);
            assert_eq!(Warning::from_id(id), Some(warning));
        }
        let suggestions = [
            "add_what_changes",
            "add_target_group",
            "add_number",
            "add_deadline",
            "ask_owner",
            "ask_support",
            "ask_baseline",
        ];
        for (suggestion, id) in Suggestion::ALL.into_iter().zip(suggestions) {
            assert_eq!(suggestion.id(), id);
            assert_eq!(Suggestion::from_id(id), Some(suggestion));
        }
        assert_eq!(Warning::ALL.len(), warnings.len());
        assert_eq!(Suggestion::ALL.len(), suggestions.len());
        assert_eq!(Warning::from_id("late"), None);
        assert_eq!(Suggestion::from_id("add_owner"), None);
    }

    /// Forces every compiled pattern, so that a bad static pattern fails here rather than at
    /// a team's first goal.
    #[test]
    fn every_pattern_compiles() {
        LazyLock::force(&super::calendar::PATTERNS);
        LazyLock::force(&super::specific::PATTERNS);
        LazyLock::force(&super::target::PATTERNS);
        LazyLock::force(&super::owner::PATTERNS);
        assert!(super::find_target("10%").is_some());
    }
}
