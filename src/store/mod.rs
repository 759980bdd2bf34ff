//! `SQLite` storage: one connection behind a lock; everything else hands it closures (`Db::run`).
//!
//! Each [`Db::run`] call is one `BEGIN IMMEDIATE … COMMIT` transaction on the one connection
//! (`db.rs`), so an answer and the state change it causes are written together or not at all,
//! and the caller only gets a reply once the commit is done. All SQL of koers lives in this
//! folder and nowhere else: one `verb_noun` method per query on [`Store`], split by feature
//! (`teams.rs`, `answers.rs`, `goal_record.rs` the step-3 goals as answered, `goals.rs` goals
//! as tracked, `readiness_actions.rs` (step-4 items tracked as goals),
//! `reminders.rs`, `reminder_failures.rs`, `evaluations.rs`, `experiments.rs`, `platform.rs`,
//! `threads.rs`, `privacy.rs`, `person.rs` and `person_forget.rs` (one person's rows across
//! teams: /mijndata and /vergeetmij), `team_delete.rs` (a team deleted whole), `retention.rs`
//! (activity, warnings, old rounds), `dump.rs`, `web_links.rs` (the private web page's links)),
//! and the schema in `migrations/`, listed below.
//! `lease.rs` keeps a second `koers run` off the same file.

mod answers;
mod checkpoint;
#[cfg(test)]
mod conversation_tests;
mod db;
#[cfg(test)]
mod db_tests;
mod dump;
mod evaluations;
mod experiments;
mod full;
mod goal_record;
mod goals;
pub mod inspect;
mod lease;
#[cfg(test)]
mod migration_tests;
mod person;
mod person_forget;
mod platform;
mod privacy;
mod readiness_actions;
mod reminder_failures;
#[cfg(test)]
mod reminder_failures_tests;
mod reminders;
mod retention;
mod team_delete;
mod team_rows;
mod teams;
mod threads;
#[cfg(test)]
mod tracking_tests;
mod web_links;

pub use answers::{Answer, Person};
pub use db::{Db, Store, is_full};
pub use evaluations::Evaluation;
pub use experiments::{Experiment, ExperimentSetup};
pub use goal_record::{DeadlineBasis, Goal};
pub use goals::{GoalChange, GoalField, TrackedGoal};
pub use lease::{Held, Holder, Lease};
pub use person::{PersonAnswer, PersonEvaluation, PersonGoal, PersonGoalChange, PersonPastAnswer};
pub use privacy::UserData;
pub use readiness_actions::ReadinessAction;
pub use reminder_failures::FailedReminder;
pub use reminders::{DueReminder, Scope};
pub use retention::IdleTeam;
pub use team_delete::TeamRemoval;
pub use team_rows::TeamRows;
pub use teams::Team;
pub use threads::{ChannelThread, ThreadTeam};
pub use web_links::{WebLink, WebLinkState};

use rusqlite_migration::{M, Migrations};

const MIGRATION_LIST: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_teams_and_answers.sql")),
    M::up(include_str!("../../migrations/0002_goals.sql")),
    M::up(include_str!(
        "../../migrations/0003_answer_history_trigger.sql"
    )),
    M::up(include_str!("../../migrations/0004_goal_tracking.sql")),
    M::up(include_str!(
        "../../migrations/0005_team_open_evaluations.sql"
    )),
    M::up(include_str!("../../migrations/0006_platform_state.sql")),
    M::up(include_str!("../../migrations/0007_people.sql")),
    M::up(include_str!("../../migrations/0008_reminder_failures.sql")).foreign_key_check(),
    M::up(include_str!("../../migrations/0009_listen_mode.sql")),
    M::up(include_str!("../../migrations/0010_discord_threads.sql")),
    M::up(include_str!("../../migrations/0011_team_return_to.sql")),
    M::up(include_str!("../../migrations/0012_readiness_actions.sql")),
    M::up(include_str!("../../migrations/0013_rounds.sql")),
    M::up(include_str!("../../migrations/0014_experiments.sql")),
    M::up(include_str!("../../migrations/0015_web_links.sql")),
    M::up(include_str!("../../migrations/0016_team_activity.sql")),
    M::up(include_str!("../../migrations/0017_privacy_notice.sql")),
    M::up(include_str!("../../migrations/0018_reminder_attempts.sql")),
    M::up(include_str!("../../migrations/0019_goal_not_assessed.sql")).foreign_key_check(),
];

/// The schema migrations, embedded from `migrations/`.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// How hard `SQLite` works to keep a commit on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sync {
    /// WAL + NORMAL: a commit survives a crash of the program (kill -9); only a power cut may
    /// lose the last commits.
    Normal,
    /// WAL + FULL: also survives a power cut, at the cost of an fsync per answer.
    Full,
}

/// Options applied when the database is opened.
#[derive(Debug, Clone)]
pub struct Options {
    /// Durability level.
    pub sync: Sync,
    /// How long to wait for another process holding the write lock.
    pub busy_timeout_ms: u64,
    /// The most pages (4 KiB each) the database file may grow to (`PRAGMA max_page_count`);
    /// `None`: `SQLite`'s own limit. Past it every write fails as on a full disk.
    pub max_page_count: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sync: Sync::Normal,
            busy_timeout_ms: 5000,
            max_page_count: None,
        }
    }
}
