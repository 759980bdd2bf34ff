//! Deleting a team whole: every row that belongs to it, table by table, counted per kind.
//!
//! The deletes are explicit (children before parents) so the operator's `koers admin
//! delete-team` can say what went; the foreign keys' `ON DELETE CASCADE` would take the rest
//! anyway. `engine/team_delete_tests.rs` checks every table of the schema (`team_rows.rs`), so a table added later
//! that refers to a team cannot be forgotten here.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;

/// How many rows of each kind deleting a team removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TeamRemoval {
    /// Answers (every round).
    pub answers: usize,
    /// Earlier versions of changed answers.
    pub answer_history: usize,
    /// Goals of step 3.
    pub goals: usize,
    /// Step-4 readiness actions (kept as goals of kind `readiness`).
    pub readiness_actions: usize,
    /// Changes to goals and actions.
    pub goal_changes: usize,
    /// Reminders, sent, pending (cancelled with it) or failed.
    pub reminders: usize,
    /// Records of delivered reminders.
    pub reminder_sends: usize,
    /// Evaluations.
    pub evaluations: usize,
    /// A/B experiments.
    pub experiments: usize,
    /// When each earlier round was closed.
    pub round_closes: usize,
    /// Discord threads koers opened for the team.
    pub threads: usize,
    /// Platform events marked handled.
    pub handled_events: usize,
    /// Posted questions remembered for reactions.
    pub sent_questions: usize,
    /// Who was told, per person, what koers keeps (the first-answer notice).
    pub privacy_notices: usize,
    /// The private web page's link (its token's hash).
    pub web_links: usize,
    /// The team row itself (1, or 0 when there was no such team).
    pub teams: usize,
}

impl TeamRemoval {
    /// Each kind with its count, in the order they are deleted; the names are the tables' (and
    /// what `koers admin delete-team` prints).
    pub fn kinds(&self) -> [(&'static str, usize); 16] {
        [
            ("reminder_sends", self.reminder_sends),
            ("reminders", self.reminders),
            ("evaluations", self.evaluations),
            ("experiments", self.experiments),
            ("goal_changes", self.goal_changes),
            ("goals", self.goals),
            ("readiness_actions", self.readiness_actions),
            ("answer_history", self.answer_history),
            ("answers", self.answers),
            ("round_closes", self.round_closes),
            ("threads", self.threads),
            ("handled_events", self.handled_events),
            ("sent_questions", self.sent_questions),
            ("privacy_notices", self.privacy_notices),
            ("web_links", self.web_links),
            ("teams", self.teams),
        ]
    }

    /// Every row removed.
    pub fn total(&self) -> usize {
        self.kinds().iter().map(|(_, n)| n).sum()
    }
}

/// The goals of team `?1`.
const TEAM_GOALS: &str = "SELECT id FROM goals WHERE team_id = ?1";

/// Where a statement's count goes.
type Counter = fn(&mut TeamRemoval) -> &mut usize;

/// The delete statements, in order, each with the count it fills. Children come before their
/// parents, so nothing is left to the cascades.
fn statements() -> Vec<(String, Counter)> {
    vec![
        (
            "DELETE FROM reminder_sends WHERE reminder_id IN \
             (SELECT id FROM reminders WHERE team_id = ?1)"
                .into(),
            |r| &mut r.reminder_sends,
        ),
        // Pending reminders go too: the scheduler finds nothing when it looks again.
        ("DELETE FROM reminders WHERE team_id = ?1".into(), |r| {
            &mut r.reminders
        }),
        (
            format!("DELETE FROM evaluations WHERE goal_id IN ({TEAM_GOALS})"),
            |r| &mut r.evaluations,
        ),
        (
            format!("DELETE FROM experiments WHERE goal_id IN ({TEAM_GOALS})"),
            |r| &mut r.experiments,
        ),
        (
            format!("DELETE FROM goal_history WHERE goal_id IN ({TEAM_GOALS})"),
            |r| &mut r.goal_changes,
        ),
        (
            "DELETE FROM goals WHERE team_id = ?1 AND kind = 'readiness'".into(),
            |r| &mut r.readiness_actions,
        ),
        ("DELETE FROM goals WHERE team_id = ?1".into(), |r| {
            &mut r.goals
        }),
        (
            "DELETE FROM answer_history WHERE team_id = ?1".into(),
            |r| &mut r.answer_history,
        ),
        ("DELETE FROM answers WHERE team_id = ?1".into(), |r| {
            &mut r.answers
        }),
        ("DELETE FROM round_closes WHERE team_id = ?1".into(), |r| {
            &mut r.round_closes
        }),
        (
            "DELETE FROM discord_threads WHERE team_id = ?1".into(),
            |r| &mut r.threads,
        ),
        (
            "DELETE FROM handled_events WHERE team_id = ?1".into(),
            |r| &mut r.handled_events,
        ),
        (
            "DELETE FROM sent_questions WHERE team_id = ?1".into(),
            |r| &mut r.sent_questions,
        ),
        (
            "DELETE FROM privacy_notices WHERE team_id = ?1".into(),
            |r| &mut r.privacy_notices,
        ),
        ("DELETE FROM web_links WHERE team_id = ?1".into(), |r| {
            &mut r.web_links
        }),
        ("DELETE FROM teams WHERE id = ?1".into(), |r| &mut r.teams),
    ]
}

impl Store<'_> {
    /// Delete team `team_id` and everything that belongs to it; say how many rows of each kind
    /// went. A team that is not there removes nothing.
    #[instrument(skip_all, err)]
    pub fn delete_team(&mut self, team_id: i64) -> Result<TeamRemoval> {
        let mut removed = TeamRemoval::default();
        // A goal may name the one it follows; unlinked first, so the goals go in any order.
        self.tx()
            .prepare_cached("UPDATE goals SET previous_goal_id = NULL WHERE team_id = ?1")?
            .execute(params![team_id])
            .context("delete_team: unlinking goals")?;
        for (sql, count) in statements() {
            let n = self
                .tx()
                .prepare_cached(&sql)?
                .execute(params![team_id])
                .with_context(|| format!("delete_team: {sql}"))?;
            *count(&mut removed) += n;
        }
        Ok(removed)
    }

    /// Keep the code a manager must type to confirm `/verwijder team`, valid until `until`
    /// (unix seconds).
    #[instrument(skip_all, err)]
    pub fn set_delete_code(&mut self, team_id: i64, code: &str, until: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE teams SET delete_code = ?2, delete_code_until = ?3 WHERE id = ?1",
            )?
            .execute(params![team_id, code, until])
            .context("set_delete_code")?;
        Ok(())
    }

    /// The pending delete code and until when it counts, taken off the team: a code is tried
    /// once, right or wrong.
    #[instrument(skip_all, err)]
    pub fn take_delete_code(&mut self, team_id: i64) -> Result<Option<(String, i64)>> {
        let found = self
            .tx()
            .prepare_cached(
                "SELECT delete_code, delete_code_until FROM teams
                 WHERE id = ?1 AND delete_code IS NOT NULL",
            )?
            .query_row(params![team_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .context("take_delete_code")?;
        if found.is_some() {
            self.tx()
                .prepare_cached(
                    "UPDATE teams SET delete_code = NULL, delete_code_until = NULL WHERE id = ?1",
                )?
                .execute(params![team_id])
                .context("take_delete_code: clearing it")?;
        }
        Ok(found)
    }
}
