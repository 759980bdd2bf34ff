//! The room the database has: its size in pages and the cap on it (`PRAGMA max_page_count`,
//! set from `store_max_page_count` when it opens). Tests fill and free a database with these.

use anyhow::{Context, Result};
use tracing::instrument;

use super::Store;

impl Store<'_> {
    /// The pages the database has now.
    #[instrument(skip_all, err)]
    pub fn get_page_count(&mut self) -> Result<u64> {
        self.tx()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .context("get_page_count")
    }

    /// Cap the database at `pages` (never below what it has); returns the cap now in force.
    #[instrument(skip_all, err)]
    pub fn set_max_page_count(&mut self, pages: u64) -> Result<u64> {
        self.tx()
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })
            .context("set_max_page_count")
    }
}
