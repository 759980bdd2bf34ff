//! The team's whole plan as data: what the Markdown export shows, as one serde value that other
//! tools read as JSON (`koers export --format json`, `/export json`). The schema is documented
//! field by field in `docs/export-json.md`; its version is [`SCHEMA_VERSION`]. Ids are the ones
//! the store uses, sentences are in the team's language, and people appear by the name they were
//! shown by, never by a platform id. Built from the store by `plan_build.rs`.

use std::sync::Arc;

use anyhow::Result;
use serde::Serialize;
use tracing::instrument;

use super::{Engine, TeamKey, Turn};
use crate::store::{Db, Person, Store};

/// The version of the JSON schema; it changes only when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// A team's whole plan: every round and every goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Which team.
    pub team: PlanTeam,
    /// When the plan was read (RFC 3339, UTC).
    pub generated_at: String,
    /// The round the team is in now.
    pub current_round: u32,
    /// Every round, oldest first.
    pub rounds: Vec<PlanRound>,
    /// Every tracked goal and readiness action of every round, by number.
    pub goals: Vec<PlanGoal>,
}

/// The team the plan belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanTeam {
    /// Its display name.
    pub name: String,
    /// `terminal`, `discord` or `matrix`.
    pub platform: String,
    /// `nl` or `en`.
    pub language: String,
    /// IANA time zone.
    pub timezone: String,
}

/// One round of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRound {
    /// 1, 2, …
    pub number: u32,
    /// Each step's progress, in order.
    pub steps: Vec<StepProgress>,
    /// The answers, in conversation order.
    pub answers: Vec<PlanAnswer>,
    /// The vraagstuk and its score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<PlanStatement>,
    /// The experience level and what it means for the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<PlanLevel>,
    /// The data sources with their hygiene.
    pub sources: Vec<PlanSource>,
    /// The readiness conditions of step 4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness: Option<PlanReadiness>,
    /// The policy answers of step 4.
    pub policy: Vec<PlanPolicy>,
    /// What changed since the round before, as the team said it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<String>,
}

/// How far a step is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepProgress {
    /// The step's id (`question`, `data`, `action`, `implementation`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Questions answered.
    pub answered: usize,
    /// Questions the step asks this team.
    pub total: usize,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanAnswer {
    /// The stored key (`data.source#1.name`).
    pub key: String,
    /// The step it belongs to.
    pub step: String,
    /// The question's short label, with its group rounds.
    pub label: String,
    /// The value as stored; absent when skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The value as people read it.
    pub shown: String,
    /// Whether the question was skipped.
    pub skipped: bool,
    /// Who gave it, by display name.
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
}

/// The vraagstuk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStatement {
    /// The vraagstuk as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Its score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<usize>,
    /// The highest score.
    pub max: usize,
}

/// The experience level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanLevel {
    /// `startend`, `lerend` or `uitvoerend`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it means for the plan, one sentence each.
    pub consequences: Vec<String>,
}

/// A data source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSource {
    /// Its name.
    pub name: String,
    /// Whether its hygiene is in order; absent before it was worked out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hygiene_ok: Option<bool>,
    /// What is wrong with its hygiene.
    pub hygiene_issues: Vec<PlanIssue>,
}

/// A hygiene issue of a source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanIssue {
    /// Its id.
    pub id: String,
    /// Its label.
    pub label: String,
}

/// The readiness conditions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReadiness {
    /// Conditions met.
    pub met: usize,
    /// All conditions.
    pub total: usize,
    /// The ones answered otherwise.
    pub open: Vec<PlanOpenItem>,
}

/// A readiness condition not met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanOpenItem {
    /// The condition's key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// The answer, as people read it.
    pub answer: String,
    /// Who takes it on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// By when (`YYYY-MM-DD`); absent when no date was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A policy answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanPolicy {
    /// The question's key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// The answer.
    pub text: String,
}

/// A tracked goal or readiness action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanGoal {
    /// The team's number for it.
    pub number: i64,
    /// The round it was set in.
    pub round: u32,
    /// `goal` or `readiness`.
    pub kind: String,
    /// The goal as written.
    pub text: String,
    /// Who owns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Its deadline (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// The value at the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// The value to reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// The latest value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
    /// `percent`, `absolute` or `factor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Its state (the store's id).
    pub status: String,
    /// SMART score 0..=5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smart_score: Option<i64>,
    /// Its A/B experiment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experiment: Option<PlanExperiment>,
}

/// An A/B experiment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanExperiment {
    /// Variant A (the existing way).
    pub variant_a: String,
    /// Variant B (the new way).
    pub variant_b: String,
    /// A's expected rate in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_a_percent: Option<f64>,
    /// B's expected rate in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_b_percent: Option<f64>,
    /// People the team can reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_size: Option<u64>,
    /// People each variant needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_group: Option<u64>,
    /// The latest interim counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interim: Option<PlanInterim>,
    /// A's counts at the evaluation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_a: Option<PlanCounts>,
    /// B's counts at the evaluation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_b: Option<PlanCounts>,
    /// What the final counts show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<PlanResult>,
}

/// Counts of one variant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlanCounts {
    /// People reached.
    pub sent: u64,
    /// People among them who converted.
    pub converted: u64,
}

/// Interim counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanInterim {
    /// A's counts.
    pub a: PlanCounts,
    /// B's counts.
    pub b: PlanCounts,
    /// When they were given (RFC 3339).
    pub at: String,
}

/// An experiment's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanResult {
    /// A's rate in percent.
    pub rate_a_percent: f64,
    /// B's rate in percent.
    pub rate_b_percent: f64,
    /// B − A in percentage points.
    pub difference_pp: f64,
    /// The 95% interval's low end, in percentage points.
    pub interval_low_pp: f64,
    /// Its high end.
    pub interval_high_pp: f64,
    /// B's relative lift over A in percent; absent when A converted nobody.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lift_percent: Option<f64>,
    /// `z_test` or `fisher`.
    pub test: String,
    /// The p-value.
    pub p_value: f64,
    /// The verdict's id.
    pub verdict: String,
    /// The result in one sentence.
    pub summary: String,
}

impl Engine {
    /// The team's whole plan as data, read in one transaction; `None` for a team koers does not
    /// know.
    #[instrument(skip_all, err)]
    pub fn plan(self: &Arc<Self>, db: &Db, team: TeamKey) -> Result<Option<Plan>> {
        let engine = Arc::clone(self);
        db.run(move |store| engine.plan_in(store, &team))
    }

    /// The plan read through a store the caller opened (a read-only
    /// [`crate::store::inspect::Inspector`]); nothing is written.
    pub fn plan_in(&self, store: &mut Store<'_>, team: &TeamKey) -> Result<Option<Plan>> {
        let Some(found) = store.find_team(&team.platform, &team.id)? else {
            return Ok(None);
        };
        let mut turn = Turn::new(self, store, found, Person::default());
        turn.now = self.clock.now().to_string();
        turn.platform.clone_from(&team.platform);
        turn.plan().map(Some)
    }

    /// The Markdown export read through a store the caller opened, as `/export` gives it.
    pub fn export_in(&self, store: &mut Store<'_>, team: &TeamKey) -> Result<Option<String>> {
        let Some(found) = store.find_team(&team.platform, &team.id)? else {
            return Ok(None);
        };
        let mut turn = Turn::new(self, store, found, Person::default());
        turn.now = self.clock.now().to_string();
        turn.export_markdown().map(Some)
    }
}
