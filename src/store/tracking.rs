//! Goal tracking queries: goals with deadlines and their history, reminders, evaluations.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, params};
use tracing::instrument;

use super::Store;

/// A goal as tracked after step 3.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedGoal {
    /// Row id.
    pub id: i64,
    /// The team's own number for it (1, 2, …), used in commands.
    pub number: i64,
    /// Round it was set in.
    pub round: u32,
    /// Key of the goal's group round in the flow.
    pub key: String,
    /// The action it belongs to.
    pub action_text: String,
    /// The goal as written.
    pub text: String,
    /// Who owns it.
    pub owner: Option<String>,
    /// Deadline, local date `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// The team's time zone when it was set.
    pub timezone: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value to reach.
    pub target: Option<f64>,
    /// Latest recorded value.
    pub current: Option<f64>,
    /// `percent`, `absolute` or `factor` (from the goal text).
    pub unit: Option<String>,
    /// SMART score 0..=5.
    pub smart_score: Option<i64>,
    /// `open`, `evaluating`, `achieved`, `partly`, `not_achieved`, `closed`, `dropped`.
    pub status: String,
}

/// A reminder ready to be sent, with what is needed to address and word it.
#[derive(Debug, Clone, PartialEq)]
pub struct DueReminder {
    /// Row id.
    pub id: i64,
    /// `before`, `deadline`, `nudge` or `snooze`.
    pub kind: String,
    /// Days before the deadline.
    pub days: i64,
    /// Local time it was meant for.
    pub local_at: String,
    /// The instant it was due (unix seconds).
    pub due_at: i64,
    /// Stable key sent with it (Discord nonce, Matrix transaction id).
    pub idem_key: String,
    /// The goal.
    pub goal: TrackedGoal,
    /// The team's platform and id there.
    pub platform: String,
    /// The team's id on its platform.
    pub external_id: String,
    /// The team's name.
    pub team_name: String,
    /// The team's language.
    pub lang: String,
}

/// An evaluation of a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Row id.
    pub id: i64,
    /// The goal evaluated.
    pub goal_id: i64,
    /// Where the evaluation conversation is.
    pub step: String,
    /// The result as told.
    pub result: Option<String>,
    /// The value reached, when the result had a number.
    pub value: Option<f64>,
    /// Effects of the action.
    pub effects: Option<String>,
    /// What must change.
    pub change: Option<String>,
    /// `achieved`, `partly` or `not_achieved`.
    pub outcome: Option<String>,
    /// Whether the team said data was missing.
    pub data_missing: Option<bool>,
}

const GOAL_COLUMNS: &str = "g.id, g.number, g.round, g.key, g.action_text, g.text, g.owner, \
     g.deadline, g.timezone, g.baseline, g.target, g.current, g.unit, g.smart_score, g.status";

fn goal_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<TrackedGoal> {
    Ok(TrackedGoal {
        id: r.get(at)?,
        number: r.get(at + 1)?,
        round: r.get(at + 2)?,
        key: r.get(at + 3)?,
        action_text: r.get(at + 4)?,
        text: r.get(at + 5)?,
        owner: r.get(at + 6)?,
        deadline: r.get(at + 7)?,
        timezone: r.get(at + 8)?,
        baseline: r.get(at + 9)?,
        target: r.get(at + 10)?,
        current: r.get(at + 11)?,
        unit: r.get(at + 12)?,
        smart_score: r.get(at + 13)?,
        status: r.get(at + 14)?,
    })
}

fn evaluation_from_row(r: &Row<'_>) -> rusqlite::Result<Evaluation> {
    Ok(Evaluation {
        id: r.get(0)?,
        goal_id: r.get(1)?,
        step: r.get(2)?,
        result: r.get(3)?,
        value: r.get(4)?,
        effects: r.get(5)?,
        change: r.get(6)?,
        outcome: r.get(7)?,
        data_missing: r.get(8)?,
    })
}

/// Which reminders a scheduler sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every team on one platform (`discord`, `matrix`).
    Platform(String),
    /// One team (the terminal: only the team in this chat).
    Team(i64),
}

/// The SQL that finds the next reminder of a platform; its plan is checked in a test.
pub(super) const NEXT_REMINDER_SQL: &str = "SELECT id, due_at FROM reminders \
     WHERE platform = ?1 AND state = 'pending' ORDER BY due_at, id LIMIT 1";

/// The same for one team.
const NEXT_TEAM_REMINDER_SQL: &str = "SELECT id, due_at FROM reminders \
     WHERE team_id = ?1 AND state = 'pending' ORDER BY due_at, id LIMIT 1";

impl Store<'_> {
    /// The goal of a flow key (`action.action#1.goal#2`) in a round.
    #[instrument(skip_all, err)]
    pub fn find_goal_by_key(
        &mut self,
        team_id: i64,
        round: u32,
        key: &str,
    ) -> Result<Option<TrackedGoal>> {
        let sql = format!(
            "SELECT {GOAL_COLUMNS} FROM goals g WHERE g.team_id = ?1 AND g.round = ?2 AND g.key = ?3"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![team_id, round, key], |r| goal_from_row(r, 0))
            .optional()
            .context("find_goal_by_key")
    }

    /// The goal with the team's number `number`.
    #[instrument(skip_all, err)]
    pub fn find_goal_by_number(
        &mut self,
        team_id: i64,
        number: i64,
    ) -> Result<Option<TrackedGoal>> {
        let sql =
            format!("SELECT {GOAL_COLUMNS} FROM goals g WHERE g.team_id = ?1 AND g.number = ?2");
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![team_id, number], |r| goal_from_row(r, 0))
            .optional()
            .context("find_goal_by_number")
    }

    /// A goal by id.
    #[instrument(skip_all, err)]
    pub fn get_goal(&mut self, goal_id: i64) -> Result<Option<TrackedGoal>> {
        let sql = format!("SELECT {GOAL_COLUMNS} FROM goals g WHERE g.id = ?1");
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![goal_id], |r| goal_from_row(r, 0))
            .optional()
            .context("get_goal")
    }

    /// Every goal of a team, all rounds, by number.
    #[instrument(skip_all, err)]
    pub fn list_team_goals(&mut self, team_id: i64) -> Result<Vec<TrackedGoal>> {
        let sql =
            format!("SELECT {GOAL_COLUMNS} FROM goals g WHERE g.team_id = ?1 ORDER BY g.number");
        self.tx()
            .prepare_cached(&sql)?
            .query_map(params![team_id], |r| goal_from_row(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_team_goals")
    }

    /// Give a goal the next free number of its team (once).
    #[instrument(skip_all, err)]
    pub fn update_goal_number(&mut self, goal_id: i64) -> Result<i64> {
        let (team_id, number): (i64, i64) = self
            .tx()
            .prepare_cached("SELECT team_id, number FROM goals WHERE id = ?1")?
            .query_row(params![goal_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .context("update_goal_number: read")?;
        if number > 0 {
            return Ok(number);
        }
        // `number > 0` lets SQLite answer MAX from the partial index instead of a scan.
        let next: i64 = self
            .tx()
            .prepare_cached(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM goals WHERE team_id = ?1 AND number > 0",
            )?
            .query_row(params![team_id], |r| r.get(0))
            .context("update_goal_number: next")?;
        self.tx()
            .prepare_cached("UPDATE goals SET number = ?2 WHERE id = ?1")?
            .execute(params![goal_id, next])
            .context("update_goal_number")?;
        Ok(next)
    }

    /// Store what the SMART check and the follow-up questions found for a goal.
    #[allow(clippy::too_many_arguments)]
    #[instrument(skip_all, err)]
    pub fn update_goal_tracking(
        &mut self,
        goal_id: i64,
        deadline: Option<&str>,
        timezone: &str,
        baseline: Option<f64>,
        target: Option<f64>,
        unit: Option<&str>,
        smart_score: i64,
        smart_json: &str,
        vraagstuk: Option<&str>,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE goals SET deadline = ?2, timezone = ?3, baseline = ?4, target = ?5,
                        unit = ?6, smart_score = ?7, smart_json = ?8, vraagstuk = ?9
                 WHERE id = ?1",
            )?
            .execute(params![
                goal_id,
                deadline,
                timezone,
                baseline,
                target,
                unit,
                smart_score,
                smart_json,
                vraagstuk
            ])
            .context("update_goal_tracking")?;
        Ok(())
    }

    /// Change one field of a goal and keep the change, with its reason, in the history.
    #[instrument(skip_all, err)]
    pub fn update_goal_field(
        &mut self,
        goal_id: i64,
        field: GoalField,
        value: Option<&str>,
        reason: Option<&str>,
        user: &str,
        now: &str,
    ) -> Result<()> {
        let column = field.column();
        let old: Option<String> = self
            .tx()
            .prepare_cached(&format!(
                "SELECT CAST({column} AS TEXT) FROM goals WHERE id = ?1"
            ))?
            .query_row(params![goal_id], |r| r.get(0))
            .context("update_goal_field: read")?;
        self.tx()
            .prepare_cached(&format!(
                "UPDATE goals SET {column} = ?2, updated_at = ?3 WHERE id = ?1"
            ))?
            .execute(params![goal_id, value, now])
            .context("update_goal_field")?;
        self.tx()
            .prepare_cached(
                "INSERT INTO goal_history (goal_id, field, old_value, new_value, reason, user_name, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![goal_id, column, old, value, reason, user, now])
            .context("update_goal_field: history")?;
        Ok(())
    }

    /// The history of a goal, oldest first: `(field, old, new, reason, user)`.
    #[instrument(skip_all, err)]
    pub fn list_goal_history(&mut self, goal_id: i64) -> Result<Vec<GoalChange>> {
        self.tx()
            .prepare_cached(
                "SELECT field, old_value, new_value, reason, user_name, changed_at
                 FROM goal_history WHERE goal_id = ?1 ORDER BY id",
            )?
            .query_map(params![goal_id], |r| {
                Ok(GoalChange {
                    field: r.get(0)?,
                    old: r.get(1)?,
                    new: r.get(2)?,
                    reason: r.get(3)?,
                    user: r.get(4)?,
                    at: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("list_goal_history")
    }

    /// Add a reminder; a reminder with the same key already there is left alone.
    #[allow(clippy::too_many_arguments)]
    #[instrument(skip_all, err)]
    pub fn insert_reminder(
        &mut self,
        goal_id: i64,
        team_id: i64,
        kind: &str,
        days: i64,
        local_at: &str,
        timezone: &str,
        due_at: i64,
        idem_key: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO reminders
                     (goal_id, team_id, platform, kind, days, local_at, timezone, due_at, idem_key)
                 SELECT ?1, ?2, platform, ?3, ?4, ?5, ?6, ?7, ?8 FROM teams WHERE id = ?2
                 ON CONFLICT (idem_key) DO NOTHING",
            )?
            .execute(params![
                goal_id, team_id, kind, days, local_at, timezone, due_at, idem_key
            ])
            .context("insert_reminder")?;
        Ok(())
    }

    /// How many reminders a goal has ever had (cancelled ones too): a counter for unique keys.
    #[instrument(skip_all, err)]
    pub fn count_goal_reminder_rows(&mut self, goal_id: i64) -> Result<i64> {
        self.tx()
            .prepare_cached("SELECT COUNT(*) FROM reminders WHERE goal_id = ?1")?
            .query_row(params![goal_id], |r| r.get(0))
            .context("count_goal_reminder_rows")
    }

    /// Cancel a goal's reminders that are still to be sent (deadline moved, goal closed).
    #[instrument(skip_all, err)]
    pub fn cancel_goal_reminders(&mut self, goal_id: i64) -> Result<usize> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'cancelled' WHERE goal_id = ?1 AND state = 'pending'",
            )?
            .execute(params![goal_id])
            .context("cancel_goal_reminders")
    }

    /// The next reminder to send in `scope`: `(id, due_at)`, from a partial index on pending
    /// reminders (no scan, however many goals there are).
    #[instrument(skip_all, err)]
    pub fn next_pending_reminder(&mut self, scope: &Scope) -> Result<Option<(i64, i64)>> {
        let row = |r: &Row<'_>| Ok((r.get(0)?, r.get(1)?));
        match scope {
            Scope::Platform(p) => self
                .tx()
                .prepare_cached(NEXT_REMINDER_SQL)?
                .query_row(params![p], row)
                .optional(),
            Scope::Team(t) => self
                .tx()
                .prepare_cached(NEXT_TEAM_REMINDER_SQL)?
                .query_row(params![t], row)
                .optional(),
        }
        .context("next_pending_reminder")
    }

    /// A pending reminder with its goal and team.
    #[instrument(skip_all, err)]
    pub fn get_pending_reminder(&mut self, id: i64) -> Result<Option<DueReminder>> {
        let sql = format!(
            "SELECT r.id, r.kind, r.days, r.local_at, r.due_at, r.idem_key,
                    t.platform, t.external_id, t.name, t.lang, {GOAL_COLUMNS}
             FROM reminders r JOIN goals g ON g.id = r.goal_id JOIN teams t ON t.id = r.team_id
             WHERE r.id = ?1 AND r.state = 'pending'"
        );
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![id], |r| {
                Ok(DueReminder {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    days: r.get(2)?,
                    local_at: r.get(3)?,
                    due_at: r.get(4)?,
                    idem_key: r.get(5)?,
                    platform: r.get(6)?,
                    external_id: r.get(7)?,
                    team_name: r.get(8)?,
                    lang: r.get(9)?,
                    goal: goal_from_row(r, 10)?,
                })
            })
            .optional()
            .context("get_pending_reminder")
    }

    /// Mark a reminder sent and record the send, together.
    #[instrument(skip_all, err)]
    pub fn mark_reminder_sent(
        &mut self,
        id: i64,
        platform: &str,
        late: bool,
        now: &str,
    ) -> Result<bool> {
        let changed = self
            .tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'sent', sent_at = ?2, late = ?3
                 WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![id, now, late])
            .context("mark_reminder_sent")?;
        if changed == 1 {
            self.tx()
                .prepare_cached(
                    "INSERT INTO reminder_sends (reminder_id, idem_key, platform, sent_at, late)
                     SELECT id, idem_key, ?2, ?3, ?4 FROM reminders WHERE id = ?1",
                )?
                .execute(params![id, platform, now, late])
                .context("mark_reminder_sent: send record")?;
        }
        Ok(changed == 1)
    }

    /// Drop a reminder that has nothing left to say (the evaluation it nudges is done).
    #[instrument(skip_all, err)]
    pub fn cancel_reminder(&mut self, id: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE reminders SET state = 'cancelled' WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![id])
            .context("cancel_reminder")?;
        Ok(())
    }

    /// Counts of a goal's reminders by state: `(pending, sent)`.
    #[instrument(skip_all, err)]
    pub fn count_goal_reminders(&mut self, goal_id: i64) -> Result<(i64, i64)> {
        self.tx()
            .prepare_cached(
                "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'sent'), 0)
                 FROM reminders WHERE goal_id = ?1",
            )?
            .query_row(params![goal_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .context("count_goal_reminders")
    }

    /// How many sends were late (for tests and `/status`).
    #[instrument(skip_all, err)]
    pub fn count_late_sends(&mut self) -> Result<i64> {
        self.tx()
            .prepare_cached("SELECT COUNT(*) FROM reminder_sends WHERE late = 1")?
            .query_row([], |r| r.get(0))
            .context("count_late_sends")
    }

    /// Start (or find) the evaluation of a goal.
    #[instrument(skip_all, err)]
    pub fn insert_evaluation(&mut self, goal_id: i64, now: &str) -> Result<i64> {
        self.tx()
            .prepare_cached(
                "INSERT INTO evaluations (goal_id, started_at) VALUES (?1, ?2)
                 ON CONFLICT (goal_id) DO NOTHING",
            )?
            .execute(params![goal_id, now])
            .context("insert_evaluation")?;
        self.update_open_evaluations(goal_id)?;
        self.tx()
            .prepare_cached("SELECT id FROM evaluations WHERE goal_id = ?1")?
            .query_row(params![goal_id], |r| r.get(0))
            .context("insert_evaluation: read")
    }

    /// The oldest unfinished evaluation of a team's goals.
    #[instrument(skip_all, err)]
    pub fn find_open_evaluation(&mut self, team_id: i64) -> Result<Option<Evaluation>> {
        self.tx()
            .prepare_cached(
                "SELECT e.id, e.goal_id, e.step, e.result, e.value, e.effects, e.change, e.outcome,
                        e.data_missing
                 FROM evaluations e JOIN goals g ON g.id = e.goal_id
                 WHERE g.team_id = ?1 AND e.finished_at IS NULL ORDER BY e.id LIMIT 1",
            )?
            .query_row(params![team_id], evaluation_from_row)
            .optional()
            .context("find_open_evaluation")
    }

    /// The evaluation of a goal, if any.
    #[instrument(skip_all, err)]
    pub fn find_goal_evaluation(&mut self, goal_id: i64) -> Result<Option<Evaluation>> {
        self.tx()
            .prepare_cached(
                "SELECT id, goal_id, step, result, value, effects, change, outcome, data_missing
                 FROM evaluations WHERE goal_id = ?1",
            )?
            .query_row(params![goal_id], evaluation_from_row)
            .optional()
            .context("find_goal_evaluation")
    }

    /// Save an evaluation's answers and where it is; `finished` closes it.
    #[instrument(skip_all, err)]
    pub fn update_evaluation(&mut self, e: &Evaluation, finished_at: Option<&str>) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE evaluations SET step = ?2, result = ?3, value = ?4, effects = ?5,
                        change = ?6, outcome = ?7, data_missing = ?8, finished_at = ?9
                 WHERE id = ?1",
            )?
            .execute(params![
                e.id,
                e.step,
                e.result,
                e.value,
                e.effects,
                e.change,
                e.outcome,
                e.data_missing,
                finished_at
            ])
            .context("update_evaluation")?;
        self.update_open_evaluations(e.goal_id)
    }

    /// Recount the open evaluations of the team a goal belongs to.
    fn update_open_evaluations(&mut self, goal_id: i64) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE teams SET open_evaluations = (
                     SELECT COUNT(*) FROM evaluations e JOIN goals g ON g.id = e.goal_id
                     WHERE g.team_id = teams.id AND e.finished_at IS NULL)
                 WHERE id = (SELECT team_id FROM goals WHERE id = ?1)",
            )?
            .execute(params![goal_id])
            .context("update_open_evaluations")?;
        Ok(())
    }
}

/// A goal field that commands may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalField {
    /// The deadline (local date).
    Deadline,
    /// The latest value.
    Current,
    /// The status.
    Status,
    /// The owner.
    Owner,
    /// The time zone its deadline is read in.
    Timezone,
}

impl GoalField {
    fn column(self) -> &'static str {
        match self {
            GoalField::Deadline => "deadline",
            GoalField::Current => "current",
            GoalField::Status => "status",
            GoalField::Owner => "owner",
            GoalField::Timezone => "timezone",
        }
    }
}

/// One change in a goal's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalChange {
    /// The column changed.
    pub field: String,
    /// Its value before.
    pub old: Option<String>,
    /// Its value after.
    pub new: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Who.
    pub user: String,
    /// When.
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::super::{Db, Goal};
    use super::*;

    fn goal(key: &str) -> Goal {
        Goal {
            key: key.into(),
            action_text: "actie".into(),
            text: "doel".into(),
            owner: None,
            deadline_text: None,
            baseline_text: None,
            target_text: None,
            created_by: "ann".into(),
        }
    }

    #[test]
    fn ten_thousand_goals_next_reminder_comes_from_the_index() {
        let db = Db::open_in_memory().expect("db");
        let (next, plan) = db
            .run(|s| {
                let t = s.insert_team("test", "t", "t", "nl", "Europe/Amsterdam", "now")?;
                for i in 0..10_000_i64 {
                    let id = s.upsert_goal(t.id, 1, &goal(&format!("g{i}")), "now")?;
                    s.update_goal_number(id)?;
                    for (k, kind) in ["before", "deadline"].iter().enumerate() {
                        let due = 2_000_000_000 - i * 10 + k as i64;
                        s.insert_reminder(
                            id,
                            t.id,
                            kind,
                            0,
                            "2027-01-01T09:00:00",
                            "Europe/Amsterdam",
                            due,
                            &format!("k{i}-{k}"),
                        )?;
                    }
                }
                let plan: Vec<String> = s
                    .tx()
                    .prepare(&format!("EXPLAIN QUERY PLAN {NEXT_REMINDER_SQL}"))?
                    .query_map(["test"], |r| r.get::<_, String>(3))?
                    .collect::<rusqlite::Result<_>>()?;
                Ok((
                    s.next_pending_reminder(&Scope::Platform("test".into()))?,
                    plan,
                ))
            })
            .expect("run");
        assert_eq!(next.map(|(_, due)| due), Some(2_000_000_000 - 9_999 * 10));
        let plan = plan.join(" | ");
        assert!(
            plan.contains("USING INDEX reminders_due")
                || plan.contains("USING COVERING INDEX reminders_due"),
            "{plan}"
        );
        assert!(
            !plan.contains("TEMP B-TREE"),
            "sorting without the index: {plan}"
        );
    }

    #[test]
    fn a_reminder_is_marked_sent_once_with_one_send_record() {
        let db = Db::open_in_memory().expect("db");
        let (first, second, next, sends) = db
            .run(|s| {
                let t = s.insert_team("test", "t", "t", "nl", "Europe/Amsterdam", "now")?;
                let id = s.upsert_goal(t.id, 1, &goal("g"), "now")?;
                s.insert_reminder(
                    id,
                    t.id,
                    "deadline",
                    0,
                    "2027-01-01T09:00:00",
                    "Europe/Amsterdam",
                    5,
                    "key",
                )?;
                s.insert_reminder(
                    id,
                    t.id,
                    "deadline",
                    0,
                    "2027-01-01T09:00:00",
                    "Europe/Amsterdam",
                    5,
                    "key",
                )?;
                let (rid, _) = s
                    .next_pending_reminder(&Scope::Team(t.id))?
                    .context("one pending")?;
                let due = s.get_pending_reminder(rid)?.context("pending")?;
                assert_eq!(due.goal.id, id);
                let first = s.mark_reminder_sent(rid, "terminal", true, "now")?;
                let second = s.mark_reminder_sent(rid, "terminal", true, "now")?;
                let sends: i64 =
                    s.tx()
                        .query_row("SELECT COUNT(*) FROM reminder_sends", [], |r| r.get(0))?;
                Ok((
                    first,
                    second,
                    s.next_pending_reminder(&Scope::Team(t.id))?,
                    sends,
                ))
            })
            .expect("run");
        assert!(first && !second);
        assert_eq!(next, None);
        assert_eq!(sends, 1);
    }

    #[test]
    fn goal_changes_keep_their_history_and_numbers_count_up() {
        let db = Db::open_in_memory().expect("db");
        let (numbers, history, g) = db
            .run(|s| {
                let t = s.insert_team("test", "t", "t", "nl", "Europe/Amsterdam", "now")?;
                let a = s.upsert_goal(t.id, 1, &goal("a"), "now")?;
                let b = s.upsert_goal(t.id, 1, &goal("b"), "now")?;
                let numbers = (
                    s.update_goal_number(a)?,
                    s.update_goal_number(b)?,
                    s.update_goal_number(a)?,
                );
                s.update_goal_field(
                    a,
                    GoalField::Deadline,
                    Some("2027-06-30"),
                    Some("later start"),
                    "ann",
                    "t1",
                )?;
                s.update_goal_field(a, GoalField::Current, Some("150"), None, "bob", "t2")?;
                Ok((
                    numbers,
                    s.list_goal_history(a)?,
                    s.find_goal_by_number(t.id, 1)?,
                ))
            })
            .expect("run");
        assert_eq!(numbers, (1, 2, 1));
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].reason.as_deref(), Some("later start"));
        assert_eq!(history[0].new.as_deref(), Some("2027-06-30"));
        let g = g.expect("goal 1");
        assert_eq!(
            (g.deadline.as_deref(), g.current),
            (Some("2027-06-30"), Some(150.0))
        );
    }
}
