//! Everything koers keeps under one person's platform id, across every team of that platform:
//! the serde model of `docs/person-json.md`, read from the store team by team. `/mijndata` and
//! `koers admin export-person` show it; `/vergeetmij` and `koers admin forget-person` count
//! and change what it lists (`forget.rs`).
//!
//! A person's id is on the answers they gave, the earlier versions of those, the goals they
//! entered (with an experiment's variants), the changes they made to goals, the evaluations they
//! answered last, and the note that koers told them what it keeps. Goal owners and evaluation
//! texts are free text: they count when they carry the id itself (a Discord mention `<@id>`, a
//! Matrix id, a terminal name standing alone). Snoozed reminders and readiness items keep no
//! person; the team rows, threads and posted questions are the team's.

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::store::{PersonAnswer, PersonEvaluation, PersonGoal, PersonGoalChange, Store};

/// The schema of a person's JSON (`docs/person-json.md`).
pub const PERSON_SCHEMA: &str = "koers-person/1";

/// Everything kept under one person's id on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonData {
    /// [`PERSON_SCHEMA`].
    pub schema: String,
    /// `terminal`, `discord` or `matrix`.
    pub platform: String,
    /// The person's platform id.
    pub id: String,
    /// When this was put together (RFC 3339).
    pub exported_at: String,
    /// The teams where anything carries the id, oldest team first.
    pub teams: Vec<PersonTeam>,
    /// The direct room koers opened with them (Matrix), if any.
    pub direct_room: Option<String>,
}

/// What carries the person's id in one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonTeam {
    /// The team's id on its platform (team name, channel id, room id).
    pub team: String,
    /// The team's name.
    pub name: String,
    /// When koers told them what it keeps (the first answer they gave here).
    pub notice_shown_at: Option<String>,
    /// Their answers, every round.
    pub answers: Vec<DataAnswer>,
    /// Earlier versions of their answers.
    pub earlier_versions: Vec<DataAnswer>,
    /// Goals and step-4 actions they entered.
    pub goals_entered: Vec<DataGoal>,
    /// Goals whose owner text carries their id.
    pub goals_owned: Vec<DataGoal>,
    /// Changes they made to goals (progress, deadlines, status, experiment counts).
    pub goal_changes: Vec<DataGoalChange>,
    /// Evaluations they answered last, or whose texts carry their id.
    pub evaluations: Vec<DataEvaluation>,
}

/// An answer (or an earlier version of one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataAnswer {
    /// The round of the plan.
    pub round: u32,
    /// The question's key.
    pub key: String,
    /// The answer; null when skipped.
    pub value: Option<String>,
    /// The name shown with it.
    pub name: String,
    /// When it was given.
    pub answered_at: String,
    /// When it was replaced (earlier versions only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub replaced_at: Option<String>,
}

/// A goal or step-4 action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataGoal {
    /// Its number in the team's plan.
    pub number: i64,
    /// The round.
    pub round: u32,
    /// `goal` or `readiness`.
    pub kind: String,
    /// The goal.
    pub text: String,
    /// Its owner as typed.
    pub owner: Option<String>,
    /// Its deadline (YYYY-MM-DD).
    pub deadline: Option<String>,
    /// Its status.
    pub status: String,
    /// The name shown as who entered it.
    pub entered_by: String,
    /// When.
    pub entered_at: String,
    /// An A/B experiment's two variants.
    pub experiment: Option<[String; 2]>,
}

/// A change to a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataGoalChange {
    /// The goal's number.
    pub goal: i64,
    /// What changed.
    pub field: String,
    /// Before.
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// The name shown.
    pub name: String,
    /// When.
    pub changed_at: String,
}

/// An evaluation of a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataEvaluation {
    /// The goal's number.
    pub goal: i64,
    /// The result as told.
    pub result: Option<String>,
    /// The value reached.
    pub value: Option<f64>,
    /// Effects of the action.
    pub effects: Option<String>,
    /// What must change.
    pub change: Option<String>,
    /// The data found missing.
    pub data_need: Option<String>,
    /// `achieved`, `partly` or `not_achieved`; `None` while not yet asked, and when the team
    /// did not say.
    pub outcome: Option<String>,
    /// The name shown.
    pub name: Option<String>,
    /// When it started.
    pub started_at: String,
    /// When it was finished.
    pub finished_at: Option<String>,
}

/// How many items a person's data holds, for `/vergeetmij`'s confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Answers.
    pub answers: usize,
    /// Earlier versions of answers.
    pub history: usize,
    /// Goals entered.
    pub goals: usize,
    /// Goal owners naming them.
    pub owned: usize,
    /// Goal changes.
    pub changes: usize,
    /// Evaluations.
    pub evaluations: usize,
    /// Teams.
    pub teams: usize,
}

impl Counts {
    /// Everything together.
    pub fn total(&self) -> usize {
        self.answers + self.history + self.goals + self.owned + self.changes + self.evaluations
    }
}

impl PersonData {
    /// The counts of what it lists.
    pub fn counts(&self) -> Counts {
        self.teams.iter().fold(
            Counts {
                teams: self.teams.len(),
                ..Counts::default()
            },
            |mut c, t| {
                c.answers += t.answers.len();
                c.history += t.earlier_versions.len();
                c.goals += t.goals_entered.len();
                c.owned += t.goals_owned.len();
                c.changes += t.goal_changes.len();
                c.evaluations += t.evaluations.len();
                c
            },
        )
    }
}

impl PersonTeam {
    /// Whether nothing in the team carries the id.
    pub(super) fn is_empty(&self) -> bool {
        self.notice_shown_at.is_none()
            && self.answers.is_empty()
            && self.earlier_versions.is_empty()
            && self.goals_entered.is_empty()
            && self.goals_owned.is_empty()
            && self.goal_changes.is_empty()
            && self.evaluations.is_empty()
    }
}

/// Everything kept under `id` on `platform`.
pub fn collect(store: &mut Store<'_>, platform: &str, id: &str, now: &str) -> Result<PersonData> {
    let mut teams = Vec::new();
    for (team, external) in store.list_platform_teams(platform)? {
        let data = collect_team(store, team.id, id)?;
        let data = PersonTeam {
            team: external,
            name: team.name,
            ..data
        };
        if !data.is_empty() {
            teams.push(data);
        }
    }
    Ok(PersonData {
        schema: PERSON_SCHEMA.to_string(),
        platform: platform.to_string(),
        id: id.to_string(),
        exported_at: now.to_string(),
        teams,
        direct_room: store.find_direct_room(platform, id)?,
    })
}

/// What carries `id` in one team (its name and platform id left empty).
pub(super) fn collect_team(store: &mut Store<'_>, team_id: i64, id: &str) -> Result<PersonTeam> {
    let answers = store.list_person_answers(team_id, id)?;
    let history = store.list_person_past_answers(team_id, id)?;
    let owned = store
        .list_goals_owned_with(team_id, id)?
        .into_iter()
        .filter(|g| g.owner.as_deref().is_some_and(|o| carries_id(o, id)))
        .map(goal)
        .collect();
    let evaluations = store
        .list_person_evaluations(team_id, id, id)?
        .into_iter()
        .filter(|e| e.by_person || evaluation_carries(e, id))
        .map(evaluation)
        .collect();
    Ok(PersonTeam {
        team: String::new(),
        name: String::new(),
        notice_shown_at: store.find_privacy_notice(team_id, id)?,
        answers: answers.into_iter().map(|a| answer(a, None)).collect(),
        earlier_versions: history
            .into_iter()
            .map(|h| answer(h.answer, Some(h.replaced_at)))
            .collect(),
        goals_entered: store
            .list_person_goals(team_id, id)?
            .into_iter()
            .map(goal)
            .collect(),
        goals_owned: owned,
        goal_changes: store
            .list_person_goal_changes(team_id, id)?
            .into_iter()
            .map(change)
            .collect(),
        evaluations,
    })
}

/// Whether an evaluation's texts carry `id`.
pub(super) fn evaluation_carries(e: &PersonEvaluation, id: &str) -> bool {
    [&e.result, &e.effects, &e.change, &e.data_need]
        .into_iter()
        .flatten()
        .any(|t| carries_id(t, id))
}

fn answer(a: PersonAnswer, replaced_at: Option<String>) -> DataAnswer {
    DataAnswer {
        round: a.round,
        key: a.key,
        value: a.value,
        name: a.name,
        answered_at: a.at,
        replaced_at,
    }
}

fn goal(g: PersonGoal) -> DataGoal {
    DataGoal {
        number: g.number,
        round: g.round,
        kind: g.kind,
        text: g.text,
        owner: g.owner,
        deadline: g.deadline,
        status: g.status,
        entered_by: g.created_by,
        entered_at: g.created_at,
        experiment: g.variants.map(|(a, b)| [a, b]),
    }
}

fn change(c: PersonGoalChange) -> DataGoalChange {
    DataGoalChange {
        goal: c.goal,
        field: c.field,
        old: c.old,
        new: c.new,
        reason: c.reason,
        name: c.name,
        changed_at: c.at,
    }
}

fn evaluation(e: PersonEvaluation) -> DataEvaluation {
    DataEvaluation {
        goal: e.goal,
        result: e.result,
        value: e.value,
        effects: e.effects,
        change: e.change,
        data_need: e.data_need,
        outcome: e.outcome,
        name: e.name,
        started_at: e.started_at,
        finished_at: e.finished_at,
    }
}

/// Characters that continue an id (so `bea` is not found in `beatrix` or `@bea:x`).
fn continues(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '@')
}

/// Whether `text` carries `id` itself: a Discord mention of it, or the id standing alone.
pub fn carries_id(text: &str, id: &str) -> bool {
    without_id(text, id, "") != text
}

/// `text` with every mention of `id` (`<@id>`, `<@!id>`, the id standing alone) replaced by
/// `pseudonym`.
pub fn without_id(text: &str, id: &str, pseudonym: &str) -> String {
    if id.is_empty() {
        return text.to_string();
    }
    let text = text
        .replace(&format!("<@!{id}>"), pseudonym)
        .replace(&format!("<@{id}>"), pseudonym);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(id) {
        out.push_str(&rest[..at]);
        let after = &rest[at + id.len()..];
        let alone = !out.chars().next_back().is_some_and(continues) && !goes_on(after);
        out.push_str(if alone { pseudonym } else { id });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether the text after a found id continues it (`bea` in `bea.smith`, not in `bea.`).
fn goes_on(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some('.') => chars.next().is_some_and(char::is_alphanumeric),
        Some(c) => continues(c),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_counts_only_where_it_stands_alone_or_is_mentioned() {
        assert!(carries_id("<@123456>", "123456"));
        assert!(carries_id("Ann en <@!123456>", "123456"));
        assert!(carries_id("@bea:localhost, marketing", "@bea:localhost"));
        assert!(carries_id("bea", "bea"));
        assert!(carries_id("bea en ann.", "bea"));
        assert!(!carries_id("beatrix", "bea"));
        assert!(!carries_id("@bea:localhost", "bea"));
        assert!(!carries_id("@bea:localhost2", "@bea:localhost"));
        assert!(!carries_id("<@1234567>", "123456"));
        assert!(!carries_id("anything", ""));
        assert_eq!(
            without_id("<@123> en bea, niet beatrix", "123", "oud-lid 1"),
            "oud-lid 1 en bea, niet beatrix"
        );
        assert_eq!(
            without_id("bea en beatrix", "bea", "oud-lid 2"),
            "oud-lid 2 en beatrix"
        );
        assert!(!carries_id("bea.smith", "bea"));
    }
}
