//! The small closed sets koers stores as words: typed here once, so a misspelt word is a
//! compile error and not a silent mismatch. Each is stored as the same text as before (no data
//! migration), through `ToSql`/`FromSql`.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Implements the text round trip and the `SQLite` conversions for a word enum.
macro_rules! stored_as_text {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The word stored in the database (and used in prompt keys).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }

            /// The value a stored word stands for.
            pub fn from_word(word: &str) -> Option<$ty> {
                match word {
                    $($text => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let word = value.as_str()?;
                $ty::from_word(word).ok_or_else(|| {
                    FromSqlError::Other(format!("{word:?} is not a {}", stringify!($ty)).into())
                })
            }
        }
    };
}

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderKind {
    /// Some days before the deadline.
    Before,
    /// On the deadline: the evaluation prompt.
    Deadline,
    /// A few days after the deadline, while the evaluation is still open.
    Nudge,
    /// Put off by the team (`/sluimer`).
    Snooze,
}

stored_as_text!(ReminderKind {
    Before => "before",
    Deadline => "deadline",
    Nudge => "nudge",
    Snooze => "snooze",
});

/// Where a goal is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalStatus {
    /// Being worked on; reminders run.
    Open,
    /// Its deadline came (or the team asked): the evaluation is open.
    Evaluating,
    /// Evaluated: reached.
    Achieved,
    /// Evaluated: partly reached.
    Partly,
    /// Evaluated: not reached.
    NotAchieved,
    /// Evaluated, but the team did not say whether it was reached (the question skipped, or
    /// "weet niet"): unknown, and never counted as not reached.
    NotAssessed,
    /// Closed by the team without an evaluation.
    Closed,
    /// Dropped by the team.
    Dropped,
}

stored_as_text!(GoalStatus {
    Open => "open",
    Evaluating => "evaluating",
    Achieved => "achieved",
    Partly => "partly",
    NotAchieved => "not_achieved",
    NotAssessed => "not_assessed",
    Closed => "closed",
    Dropped => "dropped",
});

/// What happens to a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalEvent {
    /// Its deadline reminder went out, or the team started the evaluation.
    EvaluationStarted,
    /// The team moved its deadline.
    DeadlineMoved,
    /// The evaluation ended with this outcome, or without one (`None`: the team did not say).
    Evaluated(Option<Outcome>),
    /// The team closed it.
    Closed,
    /// The team dropped it.
    Dropped,
}

impl GoalStatus {
    /// The goal's life cycle in one place: the status an event leads to, or `None` when the
    /// event changes nothing from here. Only an open goal starts its evaluation, and only one
    /// being evaluated reopens when its deadline moves; the team's own word (an evaluation's
    /// outcome, closing, dropping) holds from wherever the goal is.
    pub fn after(self, event: GoalEvent) -> Option<GoalStatus> {
        use GoalEvent as E;
        use GoalStatus as S;
        let to = match (self, event) {
            (S::Open, E::EvaluationStarted) => S::Evaluating,
            (S::Evaluating, E::DeadlineMoved) => S::Open,
            (_, E::Evaluated(Some(outcome))) => outcome.status(),
            (_, E::Evaluated(None)) => S::NotAssessed,
            (_, E::Closed) => S::Closed,
            (_, E::Dropped) => S::Dropped,
            (_, E::EvaluationStarted | E::DeadlineMoved) => return None,
        };
        (to != self).then_some(to)
    }

    /// Whether the goal is done with: evaluated, closed or dropped. No more reminders.
    pub fn is_finished(self) -> bool {
        !matches!(self, GoalStatus::Open | GoalStatus::Evaluating)
    }
}

/// How an evaluation judged a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Reached.
    Achieved,
    /// Partly reached.
    Partly,
    /// Not reached.
    NotAchieved,
}

stored_as_text!(Outcome {
    Achieved => "achieved",
    Partly => "partly",
    NotAchieved => "not_achieved",
});

impl Outcome {
    /// The goal status this outcome gives.
    pub fn status(self) -> GoalStatus {
        match self {
            Outcome::Achieved => GoalStatus::Achieved,
            Outcome::Partly => GoalStatus::Partly,
            Outcome::NotAchieved => GoalStatus::NotAchieved,
        }
    }
}

/// Where an evaluation conversation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvaluationStep {
    /// What came of it (a number, when there is one).
    Result,
    /// Was the goal reached (asked when the result had no number to compare).
    Outcome,
    /// What the action did besides.
    Effects,
    /// What must change.
    Change,
    /// Was data missing.
    Data,
    /// Which data was missing (asked only when some was).
    DataNeed,
    /// The next goal.
    Next,
    /// Finished.
    Done,
}

stored_as_text!(EvaluationStep {
    Result => "result",
    Outcome => "outcome",
    Effects => "effects",
    Change => "change",
    Data => "data",
    DataNeed => "data_need",
    Next => "next",
    Done => "done",
});

impl EvaluationStep {
    /// The evaluation in one place: the step after this one, given whether the result already
    /// settled the outcome (a number against the target) and whether the team said data was
    /// missing.
    pub fn next(self, outcome_known: bool, data_missing: bool) -> EvaluationStep {
        use EvaluationStep as S;
        match self {
            S::Result if outcome_known => S::Effects,
            S::Result => S::Outcome,
            S::Outcome => S::Effects,
            S::Effects => S::Change,
            S::Change => S::Data,
            S::Data if data_missing => S::DataNeed,
            S::Data | S::DataNeed => S::Next,
            S::Next | S::Done => S::Done,
        }
    }
}

/// What a tracked row in `goals` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalKind {
    /// A SMART goal of step 3.
    Goal,
    /// An open readiness item of step 4 with an owner and a date: done by then, or not.
    Readiness,
}

stored_as_text!(GoalKind {
    Goal => "goal",
    Readiness => "readiness",
});

stored_as_text!(Unit {
    Percent => "percent",
    Absolute => "absolute",
    Factor => "factor",
});

pub use crate::scoring::smart::Unit;

/// What free text koers reads in a team's space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listen {
    /// Every line while a question is open.
    All,
    /// Only replies to koers' messages and mentions of koers.
    Replies,
}

stored_as_text!(Listen {
    All => "all",
    Replies => "replies",
});

// A team's language is stored as its code; a code koers does not speak is an error, not Dutch.
impl ToSql for Lang {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

impl FromSql for Lang {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let code = value.as_str()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| FromSqlError::Other(format!("{code:?} is not a language").into()))
    }
}

use crate::prompts::Lang;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_lives_open_evaluating_then_finished_and_stays_finished() {
        use GoalEvent as E;
        use GoalStatus as S;
        assert_eq!(S::Open.after(E::EvaluationStarted), Some(S::Evaluating));
        assert_eq!(S::Evaluating.after(E::EvaluationStarted), None);
        assert_eq!(S::Evaluating.after(E::DeadlineMoved), Some(S::Open));
        assert_eq!(S::Open.after(E::DeadlineMoved), None);
        assert_eq!(
            S::Evaluating.after(E::Evaluated(Some(Outcome::Partly))),
            Some(S::Partly)
        );
        assert_eq!(
            S::Evaluating.after(E::Evaluated(None)),
            Some(S::NotAssessed),
            "an evaluation without an outcome is not 'not achieved'"
        );
        assert_eq!(S::Open.after(E::Dropped), Some(S::Dropped));
        assert_eq!(S::Dropped.after(E::Dropped), None);
        for finished in [
            S::Achieved,
            S::Partly,
            S::NotAchieved,
            S::NotAssessed,
            S::Closed,
            S::Dropped,
        ] {
            assert!(finished.is_finished());
            assert!(!S::Open.is_finished() && !S::Evaluating.is_finished());
            for event in [E::EvaluationStarted, E::DeadlineMoved] {
                assert_eq!(finished.after(event), None, "{finished} stays");
            }
        }
    }

    #[test]
    fn an_evaluation_walks_its_steps_in_order() {
        use EvaluationStep as S;
        let mut step = S::Result;
        let mut seen = vec![step];
        while step != S::Done {
            step = step.next(false, true);
            seen.push(step);
        }
        assert_eq!(seen, EvaluationStep::ALL);
        assert_eq!(
            S::Result.next(true, false),
            S::Effects,
            "a number settles the outcome"
        );
        assert_eq!(
            S::Data.next(false, false),
            S::Next,
            "no missing data, no question which"
        );
    }

    #[test]
    fn every_value_round_trips_through_its_word_and_sqlite() {
        let conn = rusqlite::Connection::open_in_memory().expect("db");
        for kind in ReminderKind::ALL {
            assert_eq!(ReminderKind::from_word(kind.as_str()), Some(*kind));
            let back: ReminderKind = conn
                .query_row("SELECT ?1", [kind], |r| r.get(0))
                .expect("round trip");
            assert_eq!(back, *kind);
        }
        for status in GoalStatus::ALL {
            assert_eq!(GoalStatus::from_word(status.as_str()), Some(*status));
        }
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::from_word(outcome.as_str()), Some(*outcome));
        }
        for step in EvaluationStep::ALL {
            assert_eq!(EvaluationStep::from_word(step.as_str()), Some(*step));
        }
        for lang in Lang::ALL {
            let back: Lang = conn
                .query_row("SELECT ?1", [lang], |r| r.get(0))
                .expect("round trip");
            assert_eq!(back, lang);
        }
        for listen in Listen::ALL {
            assert_eq!(Listen::from_word(listen.as_str()), Some(*listen));
        }
        for kind in GoalKind::ALL {
            assert_eq!(GoalKind::from_word(kind.as_str()), Some(*kind));
        }
        for unit in Unit::ALL {
            assert_eq!(Unit::from_word(unit.as_str()), Some(*unit));
        }
        let bad: rusqlite::Result<ReminderKind> =
            conn.query_row("SELECT 'later'", [], |r| r.get(0));
        assert!(bad.is_err(), "an unknown word is an error, not a default");
    }
}
