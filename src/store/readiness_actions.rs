//! Step-4 readiness items tracked as actions: a row in `goals` with kind `readiness`, so they
//! share the goals' numbers, reminders, evaluation and commands.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};
use tracing::instrument;

use super::Store;
use crate::states::GoalKind;

/// An open readiness item with an owner and a date, as the team answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadinessAction {
    /// The item's key in the flow (`implementation.mandate`).
    pub key: String,
    /// The item's label in the team's language, as the action's text.
    pub text: String,
    /// Who picks it up.
    pub owner: String,
    /// When it must be done: a local date, `YYYY-MM-DD`.
    pub deadline: String,
    /// The team's time zone.
    pub timezone: String,
    /// Who answered (name shown).
    pub created_by: String,
    /// Who answered (platform id).
    pub created_by_id: Option<String>,
}

impl Store<'_> {
    /// Store or update the tracked action of a readiness item; a new date answer reopens it.
    /// A date moved by a command since (`/doel verzet`, its evaluation) stays while the date
    /// answer is the same: a new owner changes the owner only. Returns its row id and whether
    /// its owner or date answer changed (or it is new).
    #[instrument(skip_all, err)]
    pub fn upsert_readiness_action(
        &mut self,
        team_id: i64,
        round: u32,
        action: &ReadinessAction,
        now: &str,
    ) -> Result<(i64, bool)> {
        let before: Option<(Option<String>, Option<String>)> = self
            .tx()
            .prepare_cached(
                "SELECT owner, deadline_text FROM goals
                 WHERE team_id = ?1 AND round = ?2 AND key = ?3",
            )?
            .query_row(params![team_id, round, action.key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .context("upsert_readiness_action: before")?;
        self.tx()
            .prepare_cached(
                "INSERT INTO goals (team_id, round, key, action_text, text, owner, deadline_text,
                                    deadline, timezone, created_by, created_at, updated_at,
                                    created_by_id, kind)
                 VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?9, ?10, ?11)
                 ON CONFLICT (team_id, round, key) DO UPDATE SET
                     text = excluded.text, owner = excluded.owner,
                     deadline_text = excluded.deadline_text, timezone = excluded.timezone,
                     status = CASE WHEN goals.deadline_text IS excluded.deadline_text
                                   THEN goals.status ELSE 'open' END,
                     deadline = CASE WHEN goals.deadline_text IS excluded.deadline_text
                                     THEN goals.deadline ELSE excluded.deadline END,
                     updated_at = excluded.updated_at",
            )?
            .execute(params![
                team_id,
                round,
                action.key,
                action.text,
                action.owner,
                action.deadline,
                action.timezone,
                action.created_by,
                now,
                action.created_by_id,
                GoalKind::Readiness
            ])
            .context("upsert_readiness_action")?;
        let id = self
            .tx()
            .prepare_cached("SELECT id FROM goals WHERE team_id = ?1 AND round = ?2 AND key = ?3")?
            .query_row(params![team_id, round, action.key], |r| r.get(0))
            .context("upsert_readiness_action: id")?;
        let changed = before.is_none_or(|(owner, answered)| {
            owner.as_deref() != Some(action.owner.as_str())
                || answered.as_deref() != Some(action.deadline.as_str())
        });
        Ok((id, changed))
    }

    /// Move a team's unfinished step-4 actions from round `from` into round `to`: a next round
    /// takes its open readiness items along, and their actions (with their reminders) with
    /// them, so the new round's answers update the same action instead of making a second one.
    #[instrument(skip_all, err)]
    pub fn update_open_readiness_round(
        &mut self,
        team_id: i64,
        from: u32,
        to: u32,
        now: &str,
    ) -> Result<usize> {
        self.tx()
            .prepare_cached(
                "UPDATE goals SET round = ?3, updated_at = ?4
                 WHERE team_id = ?1 AND round = ?2 AND kind = 'readiness'
                   AND status IN ('open', 'evaluating')",
            )?
            .execute(params![team_id, from, to, now])
            .context("update_open_readiness_round")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::states::GoalStatus;
    use crate::store::Db;

    fn action(owner: &str, deadline: &str) -> ReadinessAction {
        ReadinessAction {
            key: "implementation.mandate".into(),
            text: "Duidelijk mandaat".into(),
            owner: owner.into(),
            deadline: deadline.into(),
            timezone: "Europe/Amsterdam".into(),
            created_by: "ann".into(),
            created_by_id: Some("ann".into()),
        }
    }

    #[test]
    fn an_action_is_one_row_of_kind_readiness_and_a_new_date_reopens_it() {
        let db = Db::open_in_memory().expect("db");
        db.run(|s| {
            let t = s.insert_team("test", "t", "t", crate::prompts::Lang::Nl, "UTC", "now")?;
            let (id, new) =
                s.upsert_readiness_action(t.id, 1, &action("Anne", "2027-03-31"), "a")?;
            assert!(new);
            let (same, changed) =
                s.upsert_readiness_action(t.id, 1, &action("Anne", "2027-03-31"), "b")?;
            assert_eq!(
                (same, changed),
                (id, false),
                "the same answers change nothing"
            );
            s.update_goal_field(
                id,
                crate::store::GoalField::Status,
                Some("evaluating"),
                None,
                &crate::store::Person::koers(),
                "c",
            )?;
            let (_, changed) =
                s.upsert_readiness_action(t.id, 1, &action("Piet", "2027-03-31"), "d")?;
            assert!(changed);
            let g = s.get_goal(id)?.expect("goal");
            assert_eq!(
                (g.status, g.kind),
                (GoalStatus::Evaluating, GoalKind::Readiness)
            );
            s.upsert_readiness_action(t.id, 1, &action("Piet", "2027-04-30"), "e")?;
            let g = s.get_goal(id)?.expect("goal");
            assert_eq!(g.status, GoalStatus::Open, "a new date reopens it");
            assert_eq!(g.owner.as_deref(), Some("Piet"));
            assert_eq!(s.list_team_goals(t.id)?.len(), 1);
            assert!(s.list_goals(t.id, 1)?.is_empty(), "not a step-3 goal");
            Ok(())
        })
        .expect("run");
    }

    #[test]
    fn goals_stored_before_the_migration_are_goals() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("db");
        crate::store::MIGRATIONS
            .to_version(&mut conn, 11)
            .expect("to 11");
        conn.execute_batch(
            "INSERT INTO teams (id, platform, external_id, name, created_at, updated_at)
                 VALUES (1, 'terminal', 't', 't', 'then', 'then');
             INSERT INTO goals (team_id, round, key, action_text, text, created_by, created_at,
                                updated_at)
                 VALUES (1, 1, 'action.action#1.goal#1', 'a', 'g', 'ann', 'then', 'then');",
        )
        .expect("old goal");
        crate::store::MIGRATIONS
            .to_latest(&mut conn)
            .expect("upgrade");
        let kind: GoalKind = conn
            .query_row("SELECT kind FROM goals", [], |r| r.get(0))
            .expect("kind");
        assert_eq!(kind, GoalKind::Goal);
    }
}
