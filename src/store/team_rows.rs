//! Which rows of the whole schema belong to a team, found from the schema itself: a table
//! belongs to teams when it has a column named `team` or `team_id`, a foreign key to `teams`,
//! or a foreign key to a table that belongs to teams (`goal_history` through `goals`). Tests
//! use it to check that deleting a team leaves nothing behind in any table, also in a table
//! added after this was written; operators may use it to see what a team holds.

use std::collections::{BTreeMap, HashSet};

use anyhow::{Context, Result};
use rusqlite::params;
use tracing::instrument;

use super::Store;

/// One table's link to a team: how a row of it names one.
#[derive(Debug, Clone)]
struct Link {
    /// `column = ?1` (a team id) or `column IN (SELECT to FROM parent WHERE …)`.
    condition: String,
}

/// A table's columns and foreign keys (column, parent table, parent column).
#[derive(Debug, Default)]
struct Shape {
    columns: Vec<String>,
    keys: Vec<(String, String, String)>,
}

/// The rows of team `?1` in each table that belongs to teams, and the tables that do not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TeamRows {
    /// Table name → rows naming the team (the `teams` row itself included).
    pub counts: BTreeMap<String, i64>,
    /// Tables with no link to a team at all (platform-wide state).
    pub unlinked: Vec<String>,
}

/// Identifiers come from `sqlite_schema`, never from a user; quoted all the same.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// How `table`'s rows name a team, if they do; `seen` stops a foreign-key loop.
fn link_of(
    table: &str,
    shapes: &BTreeMap<String, Shape>,
    seen: &mut HashSet<String>,
) -> Option<Link> {
    if table == "teams" {
        return Some(Link {
            condition: "id = ?1".into(),
        });
    }
    if !seen.insert(table.to_string()) {
        return None;
    }
    let shape = shapes.get(table)?;
    let mut parts: Vec<String> = shape
        .columns
        .iter()
        .filter(|c| *c == "team" || *c == "team_id")
        .map(|c| format!("{} = ?1", quote(c)))
        .collect();
    for (from, parent, to) in &shape.keys {
        if parent == "teams" {
            parts.push(format!("{} = ?1", quote(from)));
        } else if let Some(up) = link_of(parent, shapes, seen) {
            parts.push(format!(
                "{} IN (SELECT {} FROM {} WHERE {})",
                quote(from),
                quote(to),
                quote(parent),
                up.condition
            ));
        }
    }
    seen.remove(table);
    (!parts.is_empty()).then(|| Link {
        condition: parts.join(" OR "),
    })
}

impl Store<'_> {
    /// Every table's rows that belong to team `team_id` (see the module), and the tables that
    /// hold nothing of any team.
    #[instrument(skip_all, err)]
    pub fn count_team_rows(&mut self, team_id: i64) -> Result<TeamRows> {
        let mut shapes = BTreeMap::new();
        for table in self.list_tables()? {
            let columns = self
                .tx()
                .prepare("SELECT name FROM pragma_table_info(?1)")?
                .query_map(params![table], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
                .context("count_team_rows: columns")?;
            let keys = self
                .tx()
                .prepare(r#"SELECT "from", "table", coalesce("to", 'rowid') FROM pragma_foreign_key_list(?1)"#)?
                .query_map(params![table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<(String, String, String)>>>()
                .context("count_team_rows: foreign keys")?;
            shapes.insert(table, Shape { columns, keys });
        }
        let mut rows = TeamRows::default();
        for table in shapes.keys() {
            let Some(link) = link_of(table, &shapes, &mut HashSet::new()) else {
                rows.unlinked.push(table.clone());
                continue;
            };
            let sql = format!(
                "SELECT count(*) FROM {} WHERE {}",
                quote(table),
                link.condition
            );
            let n = self
                .tx()
                .prepare(&sql)?
                .query_row(params![team_id], |r| r.get(0))
                .with_context(|| format!("count_team_rows: {sql}"))?;
            rows.counts.insert(table.clone(), n);
        }
        Ok(rows)
    }
}
