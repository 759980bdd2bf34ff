//! A person's data read from the store, team by team: the rows that carry their id, turned
//! into the serde model of `person_data.rs`.

use anyhow::Result;

use super::mentions::carries_id;
use super::{
    DataAnswer, DataEvaluation, DataGoal, DataGoalChange, PERSON_SCHEMA, PersonData, PersonTeam,
};
use crate::store::{PersonAnswer, PersonEvaluation, PersonGoal, PersonGoalChange, Store};

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
pub(in crate::engine) fn collect_team(
    store: &mut Store<'_>,
    team_id: i64,
    id: &str,
) -> Result<PersonTeam> {
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
pub(in crate::engine) fn evaluation_carries(e: &PersonEvaluation, id: &str) -> bool {
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
