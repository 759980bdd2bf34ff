//! Reading a bot's database from a test: the whole plan through koers' own store, or single
//! values through SQL.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use matrix_sdk::ruma::OwnedRoomId;

/// The bot's whole database as text through koers' own store (`Store::dump_tables`), without
/// the Matrix bookkeeping that moves on every sync or event (`platform_state`, `handled_events`):
/// what is left is the teams' plans, answers, goals and reminders. Read while the bot runs (WAL
/// lets a second reader in).
pub(crate) fn plan_dump(dir: &Path) -> String {
    let db = koers::store::Db::open(&dir.join("koers.sqlite"), &koers::store::Options::default())
        .expect("open the bot's database");
    let dump = db.run(|s| s.dump_tables()).expect("dump");
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

/// Read-only checks on a bot's database.
pub(crate) struct Stored {
    conn: rusqlite::Connection,
}

impl Stored {
    /// Open the bot's database in `dir`.
    pub(crate) fn open(dir: &Path) -> Stored {
        Stored {
            conn: rusqlite::Connection::open(dir.join("koers.sqlite")).expect("open db"),
        }
    }

    /// The answers of the room's team in round 1: key → (value, user id).
    pub(crate) fn answers(&self, room: &OwnedRoomId) -> HashMap<String, (Option<String>, String)> {
        self.answer_column(room, "user_id")
    }

    /// The names shown with the room's answers in round 1: key → (value, user name).
    pub(crate) fn answer_names(
        &self,
        room: &OwnedRoomId,
    ) -> HashMap<String, (Option<String>, String)> {
        self.answer_column(room, "user_name")
    }

    fn answer_column(
        &self,
        room: &OwnedRoomId,
        who: &str,
    ) -> HashMap<String, (Option<String>, String)> {
        // `who` is one of two fixed column names.
        let sql = format!(
            "SELECT a.key, a.value, COALESCE(a.{who}, '') FROM answers a
             JOIN teams t ON t.id = a.team_id
             WHERE t.platform = 'matrix' AND t.external_id = ?1 AND a.round = 1"
        );
        let mut stmt = self.conn.prepare(&sql).expect("prepare");
        stmt.query_map([room.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    }

    /// How many teams the bot has.
    pub(crate) fn teams(&self) -> i64 {
        self.conn
            .query_row(
                "SELECT count(*) FROM teams WHERE platform = 'matrix'",
                [],
                |r| r.get(0),
            )
            .expect("count")
    }

    /// Run a statement (to stage a crash's aftermath).
    pub(crate) fn execute(&self, sql: &str) {
        self.conn.execute_batch(sql).expect("execute");
    }

    /// One value.
    pub(crate) fn value(&self, sql: &str) -> Option<String> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, Option<String>>(0))
            .ok()
            .flatten()
    }
}
