//! Reading a bot's database from a test, through koers' own store, read-only
//! ([`crate::common::Database`]): the whole plan as text, or a room's team, answers, goals and
//! reminders as typed rows. Read while the bot runs (WAL lets a reader in beside it).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use koers::states::ReminderKind;
use koers::store::inspect::{GoalRecord, ReminderRecord};
use koers::store::{Answer, Experiment, Team};
use matrix_sdk::ruma::OwnedRoomId;

use crate::common::Database;

/// The platform of the bot's teams.
const MATRIX: &str = "matrix";

/// The bot's database file in `dir`.
pub(crate) fn db_file(dir: &Path) -> PathBuf {
    dir.join("koers.sqlite")
}

/// The bot's whole database as text through koers' own store (`Store::dump_tables`), without
/// the Matrix bookkeeping that moves on every sync or event (`platform_state`, `handled_events`):
/// what is left is the teams' plans, answers, goals and reminders.
pub(crate) fn plan_dump(dir: &Path) -> String {
    let dump = Database::at(db_file(dir)).read(|s| s.dump_tables());
    let mut out = String::new();
    let mut keep = true;
    for line in dump.lines() {
        if let Some(table) = line.strip_prefix("## ") {
            keep = !matches!(table, "platform_state" | "handled_events");
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// [`plan_dump`] once it holds still (a reply's bookkeeping can land just after the reply).
pub(crate) async fn settled_plan_dump(dir: &Path) -> String {
    let mut last = plan_dump(dir);
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = plan_dump(dir);
        if now == last {
            return now;
        }
        last = now;
    }
    panic!("the database kept changing");
}

/// Read-only checks on a bot's database, room by room.
pub(crate) struct Stored {
    db: Database,
}

impl Stored {
    /// The bot's database in `dir`.
    pub(crate) fn open(dir: &Path) -> Stored {
        Stored {
            db: Database::at(db_file(dir)),
        }
    }

    /// The answers of the room's team in round 1.
    fn round_one(&self, room: &OwnedRoomId) -> Vec<Answer> {
        self.db.answers(MATRIX, room.as_str(), 1)
    }

    /// The answers of the room's team in round 1: key → (value, user id).
    pub(crate) fn answers(&self, room: &OwnedRoomId) -> HashMap<String, (Option<String>, String)> {
        self.round_one(room)
            .into_iter()
            .map(|a| (a.key, (a.value, a.user_id.unwrap_or_default())))
            .collect()
    }

    /// The names shown with the room's answers in round 1: key → (value, user name).
    pub(crate) fn answer_names(
        &self,
        room: &OwnedRoomId,
    ) -> HashMap<String, (Option<String>, String)> {
        self.round_one(room)
            .into_iter()
            .map(|a| (a.key, (a.value, a.user)))
            .collect()
    }

    /// How many teams the bot has.
    pub(crate) fn teams(&self) -> usize {
        self.db
            .teams()
            .iter()
            .filter(|t| t.platform == MATRIX)
            .count()
    }

    /// The room's team; the test fails when the bot made none.
    pub(crate) fn team(&self, room: &OwnedRoomId) -> Team {
        self.db
            .team(MATRIX, room.as_str())
            .unwrap_or_else(|| panic!("no team for {room}"))
    }

    /// The goal with number `number` of the room's team.
    pub(crate) fn goal(&self, room: &OwnedRoomId, number: i64) -> Option<GoalRecord> {
        self.db
            .goals(MATRIX, room.as_str())
            .into_iter()
            .find(|g| g.goal.number == number)
    }

    /// The experiment of goal `number` of the room's team, if it is one.
    pub(crate) fn experiment(&self, room: &OwnedRoomId, number: i64) -> Option<Experiment> {
        let id = self.goal(room, number)?.goal.id;
        self.db.read(move |s| s.find_experiment(id))
    }

    /// The one reminder of `kind` of the room's team (`None` before there is one; the test
    /// fails when there are more).
    pub(crate) fn reminder(
        &self,
        room: &OwnedRoomId,
        kind: ReminderKind,
    ) -> Option<ReminderRecord> {
        let mut of_kind: Vec<_> = self
            .db
            .reminders(MATRIX, room.as_str())
            .into_iter()
            .filter(|r| r.kind == kind)
            .collect();
        assert!(
            of_kind.len() <= 1,
            "more than one {kind} reminder: {of_kind:#?}"
        );
        of_kind.pop()
    }
}
