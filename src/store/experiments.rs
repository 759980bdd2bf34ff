//! Experiment queries: a goal that is an A/B experiment, its plan, its interim counts and the
//! counts given at its evaluation. Results are not stored; they are worked out from the counts.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, params};
use tracing::instrument;

use super::{Person, Store};
use crate::scoring::experiment::{Counts, Variant};

/// A goal's A/B experiment as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    /// The goal it belongs to.
    pub goal_id: i64,
    /// What variant A is (the existing way).
    pub variant_a: String,
    /// What variant B is (the new way).
    pub variant_b: String,
    /// The conversion rate the team expects of A, in percent, when it said.
    pub expected_a: Option<f64>,
    /// The conversion rate the team expects of B, in percent, when it said.
    pub expected_b: Option<f64>,
    /// How many people the team can reach, when it said.
    pub list_size: Option<u64>,
    /// People each variant needs (α 0.05, power 0.8); none when no plan could be made.
    pub per_group: Option<u64>,
    /// The latest interim counts of A and B, and when they were given.
    pub interim: Option<(Counts, Counts, String)>,
    /// A's counts given at the evaluation.
    pub final_a: Option<Counts>,
    /// B's counts given at the evaluation.
    pub final_b: Option<Counts>,
}

/// What the set-up decides: the variants, the expected rates, the list and the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentSetup {
    /// What variant A is.
    pub variant_a: String,
    /// What variant B is.
    pub variant_b: String,
    /// A's expected rate in percent.
    pub expected_a: Option<f64>,
    /// B's expected rate in percent.
    pub expected_b: Option<f64>,
    /// The list the team can reach.
    pub list_size: Option<u64>,
    /// People each variant needs.
    pub per_group: Option<u64>,
}

const EXPERIMENT_COLUMNS: &str = "goal_id, variant_a, variant_b, expected_a, expected_b, \
     list_size, per_group, sent_a, converted_a, sent_b, converted_b, counted_at, \
     final_sent_a, final_converted_a, final_sent_b, final_converted_b";

/// Two nullable count columns as counts, when both are there.
fn counts(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<Counts>> {
    let sent: Option<i64> = r.get(at)?;
    let converted: Option<i64> = r.get(at + 1)?;
    Ok(match (sent, converted) {
        (Some(s), Some(c)) => Some(Counts::new(to_u64(s), to_u64(c))),
        _ => None,
    })
}

/// Counts are written from `u64`s of at most `MAX_COUNT`; a negative one can only be a hand edit.
fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or_default()
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn experiment_from_row(r: &Row<'_>) -> rusqlite::Result<Experiment> {
    let interim = match (
        counts(r, 7)?,
        counts(r, 9)?,
        r.get::<_, Option<String>>(11)?,
    ) {
        (Some(a), Some(b), Some(at)) => Some((a, b, at)),
        _ => None,
    };
    Ok(Experiment {
        goal_id: r.get(0)?,
        variant_a: r.get(1)?,
        variant_b: r.get(2)?,
        expected_a: r.get(3)?,
        expected_b: r.get(4)?,
        list_size: r.get::<_, Option<i64>>(5)?.map(to_u64),
        per_group: r.get::<_, Option<i64>>(6)?.map(to_u64),
        interim,
        final_a: counts(r, 12)?,
        final_b: counts(r, 14)?,
    })
}

impl Store<'_> {
    /// Make a goal an experiment, or change its set-up; counts already given are kept.
    #[instrument(skip_all, err)]
    pub fn upsert_experiment(&mut self, goal_id: i64, setup: &ExperimentSetup) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO experiments
                     (goal_id, variant_a, variant_b, expected_a, expected_b, list_size, per_group)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (goal_id) DO UPDATE SET variant_a = ?2, variant_b = ?3,
                     expected_a = ?4, expected_b = ?5, list_size = ?6, per_group = ?7",
            )?
            .execute(params![
                goal_id,
                setup.variant_a,
                setup.variant_b,
                setup.expected_a,
                setup.expected_b,
                setup.list_size.map(to_i64),
                setup.per_group.map(to_i64),
            ])
            .context("upsert_experiment")?;
        Ok(())
    }

    /// A goal that is no longer an experiment (the team answered "nee" after all).
    #[instrument(skip_all, err)]
    pub fn delete_experiment(&mut self, goal_id: i64) -> Result<()> {
        self.tx()
            .prepare_cached("DELETE FROM experiments WHERE goal_id = ?1")?
            .execute(params![goal_id])
            .context("delete_experiment")?;
        Ok(())
    }

    /// The experiment of a goal, if it is one.
    #[instrument(skip_all, err)]
    pub fn find_experiment(&mut self, goal_id: i64) -> Result<Option<Experiment>> {
        let sql = format!("SELECT {EXPERIMENT_COLUMNS} FROM experiments WHERE goal_id = ?1");
        self.tx()
            .prepare_cached(&sql)?
            .query_row(params![goal_id], experiment_from_row)
            .optional()
            .context("find_experiment")
    }

    /// Keep the latest interim counts of both variants.
    #[instrument(skip_all, err)]
    pub fn update_experiment_counts(
        &mut self,
        goal_id: i64,
        a: Counts,
        b: Counts,
        now: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "UPDATE experiments SET sent_a = ?2, converted_a = ?3, sent_b = ?4,
                        converted_b = ?5, counted_at = ?6
                 WHERE goal_id = ?1",
            )?
            .execute(params![
                goal_id,
                to_i64(a.sent),
                to_i64(a.converted),
                to_i64(b.sent),
                to_i64(b.converted),
                now
            ])
            .context("update_experiment_counts")?;
        Ok(())
    }

    /// Keep one variant's counts given at the evaluation; `None` forgets them.
    #[instrument(skip_all, err)]
    pub fn update_experiment_final(
        &mut self,
        goal_id: i64,
        variant: Variant,
        counts: Option<Counts>,
    ) -> Result<()> {
        let sql = match variant {
            Variant::A => {
                "UPDATE experiments SET final_sent_a = ?2, final_converted_a = ?3
                 WHERE goal_id = ?1"
            }
            Variant::B => {
                "UPDATE experiments SET final_sent_b = ?2, final_converted_b = ?3
                 WHERE goal_id = ?1"
            }
        };
        self.tx()
            .prepare_cached(sql)?
            .execute(params![
                goal_id,
                counts.map(|c| to_i64(c.sent)),
                counts.map(|c| to_i64(c.converted))
            ])
            .context("update_experiment_final")?;
        Ok(())
    }

    /// Keep a change to a goal that is no column of it (an experiment's interim counts) in its
    /// history, with who gave it.
    #[instrument(skip_all, err)]
    pub fn insert_goal_change(
        &mut self,
        goal_id: i64,
        field: &str,
        value: &str,
        user: &Person,
        now: &str,
    ) -> Result<()> {
        self.tx()
            .prepare_cached(
                "INSERT INTO goal_history
                     (goal_id, field, old_value, new_value, reason, user_name, changed_at, user_id)
                 VALUES (?1, ?2, NULL, ?3, NULL, ?4, ?5, ?6)",
            )?
            .execute(params![
                goal_id,
                field,
                value,
                user.name,
                now,
                user.stored_id()
            ])
            .context("insert_goal_change")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Db, Goal};
    use anyhow::Context;

    fn setup() -> ExperimentSetup {
        ExperimentSetup {
            variant_a: "oude nieuwsbrief".into(),
            variant_b: "nieuwe nieuwsbrief".into(),
            expected_a: Some(5.0),
            expected_b: Some(6.5),
            list_size: Some(5000),
            per_group: Some(3780),
        }
    }

    #[test]
    fn an_experiment_keeps_its_plan_and_counts_and_goes_with_its_goal() {
        let db = Db::open_in_memory().expect("db");
        db.run(|s| {
            let team = s
                .insert_team("test", "t", "t", crate::prompts::Lang::Nl, "UTC", "now")?
                .id;
            let goal = Goal {
                key: "action.action#1.goal#1".into(),
                action_text: "Nieuwsbrief".into(),
                text: "Meer kaartjes via de nieuwsbrief".into(),
                owner: None,
                deadline_text: None,
                baseline_text: None,
                target_text: None,
                created_by: "ann".into(),
                created_by_id: Some("ann".into()),
            };
            let id = s.upsert_goal(team, 1, &goal, "now")?;
            assert_eq!(s.find_experiment(id)?, None);
            s.upsert_experiment(id, &setup())?;
            s.update_experiment_counts(id, Counts::new(100, 4), Counts::new(90, 7), "t1")?;
            s.update_experiment_final(id, Variant::A, Some(Counts::new(2400, 120)))?;
            let e = s.find_experiment(id)?.context("stored")?;
            assert_eq!(
                (e.variant_a.as_str(), e.expected_b),
                ("oude nieuwsbrief", Some(6.5))
            );
            assert_eq!((e.list_size, e.per_group), (Some(5000), Some(3780)));
            assert_eq!(
                e.interim,
                Some((Counts::new(100, 4), Counts::new(90, 7), "t1".to_string()))
            );
            assert_eq!((e.final_a, e.final_b), (Some(Counts::new(2400, 120)), None));
            // A changed set-up keeps the counts.
            let mut changed = setup();
            changed.per_group = None;
            s.upsert_experiment(id, &changed)?;
            let e = s.find_experiment(id)?.context("stored")?;
            assert_eq!(
                (e.per_group, e.final_a),
                (None, Some(Counts::new(2400, 120)))
            );
            s.update_experiment_final(id, Variant::A, None)?;
            assert_eq!(s.find_experiment(id)?.context("stored")?.final_a, None);
            s.delete_experiment(id)?;
            assert_eq!(s.find_experiment(id)?, None);
            Ok(())
        })
        .expect("store");
    }
}
