//! The database reader: what the real binary stored, read through koers' own store
//! (`koers::store::inspect`), read-only, never through SQL of the tests' own.
//!
//! [`Database`] reads any koers database file; the [`Sandbox`] methods below read the
//! sandbox's terminal teams as the small views the terminal tests compare ([`Row`],
//! [`GoalRow`], [`ReminderRow`]).

use std::path::PathBuf;

use koers::store::inspect::{GoalRecord, Inspector, PastAnswer, ReminderRecord, TeamEntry};
use koers::store::{Answer, Evaluation, Store, Team, TrackedGoal};

use super::harness::Sandbox;

/// A koers database file, read through [`Inspector`]: every read is one consistent snapshot,
/// taken while the program runs or after it ended, and can write nothing.
#[derive(Debug, Clone)]
pub(crate) struct Database {
    path: PathBuf,
}

impl Database {
    /// The database at `path`.
    pub(crate) fn at(path: impl Into<PathBuf>) -> Database {
        Database { path: path.into() }
    }

    /// Run `f` on one read-only snapshot of the database.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&mut Store<'_>) -> anyhow::Result<T>) -> T {
        Inspector::open(&self.path)
            .and_then(|mut inspector| inspector.read(f))
            .unwrap_or_else(|e| panic!("cannot read {}: {e:#}", self.path.display()))
    }

    /// Every team, by platform and id there.
    pub(crate) fn teams(&self) -> Vec<TeamEntry> {
        self.read(|s| s.list_teams())
    }

    /// The team with id `external_id` on `platform`, if koers made it.
    pub(crate) fn team(&self, platform: &str, external_id: &str) -> Option<Team> {
        let (platform, external_id) = (platform.to_string(), external_id.to_string());
        self.read(move |s| s.find_team(&platform, &external_id))
    }

    /// Run `f` on the team's row id; `empty` when there is no such team.
    fn of_team<T>(
        &self,
        platform: &str,
        external_id: &str,
        empty: T,
        f: impl FnOnce(&mut Store<'_>, i64) -> anyhow::Result<T>,
    ) -> T {
        self.read(|s| match s.find_team(platform, external_id)? {
            Some(team) => f(s, team.id),
            None => Ok(empty),
        })
    }

    /// The answers of a team in `round`, in key order (none when there is no such team).
    pub(crate) fn answers(&self, platform: &str, external_id: &str, round: u32) -> Vec<Answer> {
        self.of_team(platform, external_id, Vec::new(), |s, id| {
            s.list_answers(id, round)
        })
    }

    /// Every goal of a team with all its fields, by number.
    pub(crate) fn goals(&self, platform: &str, external_id: &str) -> Vec<GoalRecord> {
        self.of_team(platform, external_id, Vec::new(), |s, id| {
            s.list_goal_records(id)
        })
    }

    /// Every reminder of a team, in the order they fall due.
    pub(crate) fn reminders(&self, platform: &str, external_id: &str) -> Vec<ReminderRecord> {
        self.of_team(platform, external_id, Vec::new(), |s, id| {
            s.list_team_reminders(id)
        })
    }

    /// The evaluations of a team's goals, by goal number.
    pub(crate) fn evaluations(
        &self,
        platform: &str,
        external_id: &str,
    ) -> Vec<(TrackedGoal, Evaluation)> {
        self.of_team(platform, external_id, Vec::new(), |s, id| {
            let mut out = Vec::new();
            for goal in s.list_team_goals(id)? {
                if let Some(evaluation) = s.find_goal_evaluation(goal.id)? {
                    out.push((goal, evaluation));
                }
            }
            Ok(out)
        })
    }

    /// Every earlier version of an answer in the database, team by team, oldest first.
    pub(crate) fn history(&self) -> Vec<PastAnswer> {
        self.read(|s| {
            let mut out = Vec::new();
            for team in s.list_teams()? {
                out.extend(s.list_team_answer_history(team.id)?);
            }
            Ok(out)
        })
    }

    /// The names of the tables.
    pub(crate) fn tables(&self) -> Vec<String> {
        self.read(|s| s.list_tables())
    }

    /// `SQLite`'s integrity check (`["ok"]` for a sound file).
    pub(crate) fn integrity(&self) -> Vec<String> {
        self.read(|s| s.check_integrity())
    }

    /// The journal mode, lower case.
    pub(crate) fn journal_mode(&self) -> String {
        self.read(|s| s.get_journal_mode())
    }
}

/// One stored answer, as the terminal tests compare it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub key: String,
    pub value: Option<String>,
    pub skipped: bool,
    pub computed: bool,
    pub user: String,
}

/// One goal with the fields the terminal tests compare.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GoalRow {
    pub number: i64,
    pub key: String,
    pub action_text: String,
    pub text: String,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub deadline_text: Option<String>,
    pub baseline: Option<f64>,
    pub baseline_text: Option<String>,
    pub target: Option<f64>,
    pub target_text: Option<String>,
    pub unit: Option<String>,
    pub smart_score: Option<i64>,
    /// The final SMART check as `koers score --json` prints it.
    pub smart_json: Option<String>,
    pub status: String,
    pub vraagstuk: Option<String>,
    pub created_by: String,
}

/// One reminder: (goal number, kind, days before the deadline, local date-time, state).
pub(crate) type ReminderRow = (i64, String, i64, String, String);

impl From<Answer> for Row {
    fn from(a: Answer) -> Row {
        Row {
            key: a.key,
            value: a.value,
            skipped: a.skipped,
            computed: a.computed,
            user: a.user,
        }
    }
}

impl From<GoalRecord> for GoalRow {
    fn from(r: GoalRecord) -> GoalRow {
        let g = r.goal;
        GoalRow {
            number: g.number,
            key: g.key,
            action_text: g.action_text,
            text: g.text,
            owner: g.owner,
            deadline: g.deadline.map(|d| d.to_string()),
            deadline_text: r.deadline_text,
            baseline: g.baseline,
            baseline_text: r.baseline_text,
            target: g.target,
            target_text: r.target_text,
            unit: g.unit.map(|u| u.as_str().to_string()),
            smart_score: g.smart_score,
            smart_json: r.smart_json,
            status: g.status.as_str().to_string(),
            vraagstuk: r.vraagstuk,
            created_by: r.created_by,
        }
    }
}

/// The platform of `koers chat`'s teams.
const TERMINAL: &str = "terminal";

impl Sandbox {
    /// The sandbox's database.
    pub(crate) fn database(&self) -> Database {
        Database::at(self.db_path())
    }

    /// The stored answers of `team` in `round`, in key order.
    pub(crate) fn answers(&self, team: &str, round: u32) -> Vec<Row> {
        self.database()
            .answers(TERMINAL, team, round)
            .into_iter()
            .map(Row::from)
            .collect()
    }

    /// The stored row of one answer key.
    pub(crate) fn answer(&self, team: &str, round: u32, key: &str) -> Option<Row> {
        self.answers(team, round).into_iter().find(|r| r.key == key)
    }

    /// The step-3 goals of `team` (all rounds), by number.
    pub(crate) fn goals(&self, team: &str) -> Vec<GoalRow> {
        self.database()
            .goals(TERMINAL, team)
            .into_iter()
            .filter(|r| r.goal.kind == koers::states::GoalKind::Goal)
            .map(GoalRow::from)
            .collect()
    }

    /// The step-4 readiness items `team` tracks as actions, by number.
    pub(crate) fn readiness_actions(&self, team: &str) -> Vec<GoalRow> {
        self.database()
            .goals(TERMINAL, team)
            .into_iter()
            .filter(|r| r.goal.kind == koers::states::GoalKind::Readiness)
            .map(GoalRow::from)
            .collect()
    }

    /// The reminders of `team`'s goals, in the order they are due.
    pub(crate) fn reminders(&self, team: &str) -> Vec<ReminderRow> {
        self.database()
            .reminders(TERMINAL, team)
            .into_iter()
            .map(|r| {
                let kind = r.kind.as_str().to_string();
                (r.goal_number, kind, r.days, r.local_at, r.state)
            })
            .collect()
    }

    /// The team `team` (its language, round, open question …); the test fails when koers did
    /// not make it.
    pub(crate) fn team(&self, team: &str) -> Team {
        self.database()
            .team(TERMINAL, team)
            .unwrap_or_else(|| panic!("team {team} is not stored"))
    }

    /// The earlier values of answer `key`, in any team and round, oldest first.
    pub(crate) fn history(&self, key: &str) -> Vec<Option<String>> {
        self.database()
            .history()
            .into_iter()
            .filter(|h| h.answer.key == key)
            .map(|h| h.answer.value)
            .collect()
    }
}
