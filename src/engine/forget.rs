//! Forgetting a person on one platform, team by team: their name and id replaced by a
//! pseudonym of that team ("oud-lid 1"), and with [`ForgetMode::Delete`] their answers and the
//! earlier versions of them deleted, the team walked again from the start so its open question
//! is the first one open again (`walk.rs` passes what is answered). Goal owners and evaluation
//! texts that carry the id lose it too. `/vergeetmij` and `koers admin forget-person` both come
//! here; a team that is not in the conversation hears about its reopened questions on its next
//! turn (`teams.reopened`).

use std::sync::Arc;

use anyhow::{Context, Result};

use super::command::ForgetMode;
use super::person_data::{carries_id, collect_team, evaluation_carries, without_id};
use super::{Engine, Turn};
use crate::store::{Db, Person, Store, Team};

/// What forgetting a person did in one team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForgottenTeam {
    /// The team's row id.
    pub team_id: i64,
    /// The team's id on its platform.
    pub team: String,
    /// Its name.
    pub name: String,
    /// The name the person has there now.
    pub pseudonym: String,
    /// Answers deleted (with their earlier versions).
    pub deleted: usize,
    /// Rows that now carry the pseudonym instead of the person.
    pub changed: usize,
    /// The questions of the team's current round opened again, as their keys.
    pub reopened: Vec<String>,
}

impl Engine {
    /// Forget the person with `id` on `platform` in every team there (`koers admin
    /// forget-person`); what it did, team by team.
    pub fn forget_person(
        self: &Arc<Self>,
        db: &Db,
        platform: &str,
        id: &str,
        mode: ForgetMode,
    ) -> Result<Vec<ForgottenTeam>> {
        let engine = Arc::clone(self);
        let (platform, id) = (platform.to_string(), id.to_string());
        db.run(move |store| {
            let now = engine.clock.now().to_string();
            engine.forget_in(store, &platform, &id, mode, &now, None)
        })
    }

    /// Forget `id` on `platform`. The team `current` (the one asking) is walked like the others
    /// but not left a note: the turn tells it at once. Without one (an operator), the direct
    /// room koers keeps with the person is forgotten too.
    pub(super) fn forget_in(
        &self,
        store: &mut Store<'_>,
        platform: &str,
        id: &str,
        mode: ForgetMode,
        now: &str,
        current: Option<i64>,
    ) -> Result<Vec<ForgottenTeam>> {
        let mut out = Vec::new();
        for (team, external) in store.list_platform_teams(platform)? {
            let data = collect_team(store, team.id, id)?;
            if data.is_empty() {
                continue;
            }
            let n = store.add_team_forgotten(team.id)?;
            let pseudonym =
                self.texts
                    .fmt(team.lang, "msg.privacy.pseudonym", &[("n", &n.to_string())]);
            let deleted = match mode {
                ForgetMode::Delete => store.delete_person_answers(team.id, id)?,
                ForgetMode::Anonymise => Vec::new(),
            };
            let changed = store.anonymize_person(team.id, id, &pseudonym)?
                + take_out_mentions(store, team.id, id, &pseudonym)?;
            store.delete_privacy_notice(team.id, id)?;
            let reopened: Vec<String> = deleted
                .iter()
                .filter(|(round, _)| *round == team.round)
                .map(|(_, key)| key.clone())
                .collect();
            if !reopened.is_empty() {
                self.walk_again(store, &team, platform, now)?;
                if current != Some(team.id) {
                    let mut keys: Vec<String> = team
                        .reopened
                        .iter()
                        .flat_map(|k| k.lines().map(str::to_string))
                        .collect();
                    keys.extend(reopened.iter().cloned());
                    store.update_team_reopened(team.id, Some(&keys.join("\n")))?;
                }
            }
            out.push(ForgottenTeam {
                team_id: team.id,
                team: external,
                name: team.name,
                pseudonym,
                deleted: deleted.len(),
                changed,
                reopened,
            });
        }
        // The direct room is how koers reaches the person: kept while they talk to koers (the
        // confirmation goes there), dropped when an operator forgets them.
        if current.is_none() {
            store.delete_direct_room_of(platform, id)?;
        }
        tracing::info!(teams = out.len(), ?mode, "a person was forgotten");
        Ok(out)
    }

    /// Walk a team from the start of its round, so its open question is the first one that is
    /// open (again); what the walk would say is not said.
    fn walk_again(
        &self,
        store: &mut Store<'_>,
        team: &Team,
        platform: &str,
        now: &str,
    ) -> Result<()> {
        let mut turn = Turn::new(self, store, team.clone(), Person::koers());
        turn.now = now.to_string();
        turn.platform = platform.to_string();
        turn.team.revisit = None;
        turn.advance_from(None)
            .context("walking a team again after deleting answers")
    }
}

/// Take `id` out of a team's goal owners and evaluation texts; how many rows changed.
fn take_out_mentions(
    store: &mut Store<'_>,
    team_id: i64,
    id: &str,
    pseudonym: &str,
) -> Result<usize> {
    let mut changed = 0;
    for goal in store.list_goals_owned_with(team_id, id)? {
        if let Some(owner) = goal.owner.as_deref().filter(|o| carries_id(o, id)) {
            store.update_goal_owner_text(goal.id, &without_id(owner, id, pseudonym))?;
            changed += 1;
        }
    }
    for mut eval in store.list_person_evaluations(team_id, id, id)? {
        if !evaluation_carries(&eval, id) {
            continue;
        }
        for text in [
            &mut eval.result,
            &mut eval.effects,
            &mut eval.change,
            &mut eval.data_need,
        ] {
            if let Some(t) = text.as_mut() {
                *t = without_id(t, id, pseudonym);
            }
        }
        store.update_evaluation_texts(&eval)?;
        changed += 1;
    }
    Ok(changed)
}

impl Turn<'_, '_, '_> {
    /// The labels of the questions behind `keys` (keys the flow no longer knows are left out).
    pub(super) fn labels_of<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> Vec<String> {
        keys.into_iter()
            .filter_map(|k| self.flow().parse_key(k))
            .map(|pos| self.label(&pos))
            .collect()
    }

    /// Tell the team which questions were opened again while it was not in the conversation,
    /// once.
    pub(super) fn announce_reopened(&mut self) -> Result<()> {
        let Some(keys) = self.team.reopened.take() else {
            return Ok(());
        };
        self.store.update_team_reopened(self.team.id, None)?;
        self.say_reopened(&keys.lines().collect::<Vec<_>>());
        Ok(())
    }

    /// Say which questions are open again.
    pub(super) fn say_reopened(&mut self, keys: &[&str]) {
        let labels = self.labels_of(keys.iter().copied());
        if labels.is_empty() {
            return;
        }
        let list = labels
            .iter()
            .map(|l| format!("- {l}"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = self.f("msg.privacy.reopened", &[("questions", &list)]);
        self.say(text);
    }
}
