//! The whole database as text, for tests that must prove something wrote nothing.

use anyhow::{Context, Result};
use tracing::instrument;

use super::Store;

impl Store<'_> {
    /// Every row of every table as text, table by table in a stable order: tests compare it
    /// before and after something that must write nothing.
    #[instrument(skip_all, err)]
    pub fn dump_tables(&mut self) -> Result<String> {
        let tables = self.list_tables().context("dump_tables: names")?;
        let mut out = String::new();
        for table in tables {
            out.push_str(&format!("## {table}\n"));
            // The name comes from sqlite_schema, not from a user.
            let mut stmt = self
                .tx()
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i)))
                    .collect();
                out.push_str(&cells.join(" | "));
                out.push('\n');
            }
        }
        Ok(out)
    }
}
