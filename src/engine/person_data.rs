//! Everything koers keeps under one person's platform id, across every team of that platform:
//! the serde model of `docs/person-json.md`, read from the store team by team. `/mijndata` and
//! `koers admin export-person` show it; `/vergeetmij` and `koers admin forget-person` count
//! and change what it lists (`forget.rs`). Reading it from the store is in
//! `person_data/collect.rs`, finding the id in free text in `person_data/mentions.rs`.
//!
//! A person's id is on the answers they gave, the earlier versions of those, the goals they
//! entered (with an experiment's variants), the changes they made to goals, the evaluations they
//! answered last, and the note that koers told them what it keeps. Goal owners and evaluation
//! texts are free text: they count when they carry the id itself (a Discord mention `<@id>`, a
//! Matrix id, a terminal name standing alone). Snoozed reminders and readiness items keep no
//! person; the team rows, threads and posted questions are the team's.

mod collect;
mod mentions;

use serde::{Deserialize, Serialize};

pub use collect::collect;
pub(super) use collect::{collect_team, evaluation_carries};
pub use mentions::{carries_id, without_id};

/// The schema of a person's JSON (`docs/person-json.md`).
pub const PERSON_SCHEMA: &str = "koers-person/1";

/// Everything kept under one person's id on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonData {
    /// [`PERSON_SCHEMA`].
    pub schema: String,
    /// `terminal`, `discord` or `matrix`.
    pub platform: String,
    /// The person's platform id.
    pub id: String,
    /// When this was put together (RFC 3339).
    pub exported_at: String,
    /// The teams where anything carries the id, oldest team first.
    pub teams: Vec<PersonTeam>,
    /// The direct room koers opened with them (Matrix), if any.
    pub direct_room: Option<String>,
}

/// What carries the person's id in one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonTeam {
    /// The team's id on its platform (team name, channel id, room id).
    pub team: String,
    /// The team's name.
    pub name: String,
    /// When koers told them what it keeps (the first answer they gave here).
    pub notice_shown_at: Option<String>,
    /// Their answers, every round.
    pub answers: Vec<DataAnswer>,
    /// Earlier versions of their answers.
    pub earlier_versions: Vec<DataAnswer>,
    /// Goals and step-4 actions they entered.
    pub goals_entered: Vec<DataGoal>,
    /// Goals whose owner text carries their id.
    pub goals_owned: Vec<DataGoal>,
    /// Changes they made to goals (progress, deadlines, status, experiment counts).
    pub goal_changes: Vec<DataGoalChange>,
    /// Evaluations they answered last, or whose texts carry their id.
    pub evaluations: Vec<DataEvaluation>,
}

/// An answer (or an earlier version of one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataAnswer {
    /// The round of the plan.
    pub round: u32,
    /// The question's key.
    pub key: String,
    /// The answer; null when skipped.
    pub value: Option<String>,
    /// The name shown with it.
    pub name: String,
    /// When it was given.
    pub answered_at: String,
    /// When it was replaced (earlier versions only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub replaced_at: Option<String>,
}

/// A goal or step-4 action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataGoal {
    /// Its number in the team's plan.
    pub number: i64,
    /// The round.
    pub round: u32,
    /// `goal` or `readiness`.
    pub kind: String,
    /// The goal.
    pub text: String,
    /// Its owner as typed.
    pub owner: Option<String>,
    /// Its deadline (YYYY-MM-DD).
    pub deadline: Option<String>,
    /// Its status.
    pub status: String,
    /// The name shown as who entered it.
    pub entered_by: String,
    /// When.
    pub entered_at: String,
    /// An A/B experiment's two variants.
    pub experiment: Option<[String; 2]>,
}

/// A change to a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataGoalChange {
    /// The goal's number.
    pub goal: i64,
    /// What changed.
    pub field: String,
    /// Before.
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// The name shown.
    pub name: String,
    /// When.
    pub changed_at: String,
}

/// An evaluation of a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataEvaluation {
    /// The goal's number.
    pub goal: i64,
    /// The result as told.
    pub result: Option<String>,
    /// The value reached.
    pub value: Option<f64>,
    /// Effects of the action.
    pub effects: Option<String>,
    /// What must change.
    pub change: Option<String>,
    /// The data found missing.
    pub data_need: Option<String>,
    /// `achieved`, `partly` or `not_achieved`; `None` while not yet asked, and when the team
    /// did not say.
    pub outcome: Option<String>,
    /// The name shown.
    pub name: Option<String>,
    /// When it started.
    pub started_at: String,
    /// When it was finished.
    pub finished_at: Option<String>,
}

/// How many items a person's data holds, for `/vergeetmij`'s confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Answers.
    pub answers: usize,
    /// Earlier versions of answers.
    pub history: usize,
    /// Goals entered.
    pub goals: usize,
    /// Goal owners naming them.
    pub owned: usize,
    /// Goal changes.
    pub changes: usize,
    /// Evaluations.
    pub evaluations: usize,
    /// Teams.
    pub teams: usize,
}

impl Counts {
    /// Everything together.
    pub fn total(&self) -> usize {
        self.answers + self.history + self.goals + self.owned + self.changes + self.evaluations
    }
}

impl PersonData {
    /// The counts of what it lists.
    pub fn counts(&self) -> Counts {
        self.teams.iter().fold(
            Counts {
                teams: self.teams.len(),
                ..Counts::default()
            },
            |mut c, t| {
                c.answers += t.answers.len();
                c.history += t.earlier_versions.len();
                c.goals += t.goals_entered.len();
                c.owned += t.goals_owned.len();
                c.changes += t.goal_changes.len();
                c.evaluations += t.evaluations.len();
                c
            },
        )
    }
}

impl PersonTeam {
    /// Whether nothing in the team carries the id.
    pub(super) fn is_empty(&self) -> bool {
        self.notice_shown_at.is_none()
            && self.answers.is_empty()
            && self.earlier_versions.is_empty()
            && self.goals_entered.is_empty()
            && self.goals_owned.is_empty()
            && self.goal_changes.is_empty()
            && self.evaluations.is_empty()
    }
}
