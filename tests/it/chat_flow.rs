//! End-to-end: whole conversations through `koers chat`, in Dutch and English, across several
//! runs, and with two teams in one database. One file per part: `dutch_walk.rs` the whole Dutch
//! walk, `english_walk.rs` the English one, `resume.rs` a walk across runs, `two_teams.rs` teams
//! side by side on one database, `yes_no.rs` yes and no typed in free text; the checks they
//! share are here.

mod dutch_walk;
mod english_walk;
mod resume;
mod two_teams;
mod yes_no;

use std::collections::BTreeSet;

use crate::common::{Sandbox, WALK, walk_rows};

/// The question koers asks for a deadline the goal text does not name.
const DEADLINE_QUESTION_NL: &str = "Wanneer moet het doel gehaald zijn?";

/// The seven experience questions of step 2, in order.
const LEVEL_KEYS: [&str; 7] = [
    "data.strategy",
    "data.vision",
    "data.owner",
    "data.knowledge",
    "data.customer_base",
    "data.possibilities",
    "data.systems",
];

/// `needles` occur in `haystack` in this order; returns their positions.
fn assert_in_order(haystack: &str, needles: &[&str]) -> Vec<usize> {
    let mut from = 0;
    let mut positions = Vec::new();
    for needle in needles {
        let at = haystack[from..].find(needle).unwrap_or_else(|| {
            panic!("{needle:?} is missing (or out of order) after byte {from} in:\n{haystack}")
        });
        positions.push(from + at);
        from += at + needle.len();
    }
    positions
}

/// Every row the complete Dutch walk leaves in the answers table: (key, value, computed).
fn expected_walk_rows() -> BTreeSet<(String, String, bool)> {
    walk_rows(WALK.len())
}

fn stored_rows(sandbox: &Sandbox, team: &str) -> BTreeSet<(String, String, bool)> {
    sandbox
        .answers(team, 1)
        .into_iter()
        .map(|r| {
            assert!(!r.skipped, "nothing was skipped, but {} is", r.key);
            let value = r.value.unwrap_or_else(|| panic!("{} has no value", r.key));
            (r.key, value, r.computed)
        })
        .collect()
}
