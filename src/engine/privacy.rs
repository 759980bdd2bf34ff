//! The privacy commands: what koers keeps about the person asking (`/privacy`), all of it as
//! JSON (`/mijndata`), being forgotten (`/vergeetmij`: a choice of two ways, what the chosen
//! one will do, then `/vergeetmij 1 ja`; the work is `forget.rs`), and the one-line notice the
//! first time a person answers in a team.

use anyhow::{Context, Result};

use super::command::{Forget, ForgetMode};
use super::person_data::{Counts, collect};
use super::{About, Attachment, Audience, Choice, Reply, Turn};

impl Turn<'_, '_, '_> {
    /// Say what carries the asking person's name.
    pub(super) fn privacy(&mut self) -> Result<()> {
        let data = self.store.count_user_data(self.team.id, &self.user.id)?;
        let text = self.f(
            "msg.privacy.summary",
            &[
                ("user", &self.user.name),
                ("answers", &data.answers.to_string()),
                ("history", &data.history.to_string()),
                ("goals", &data.goals.to_string()),
                ("changes", &data.goal_changes.to_string()),
                ("teams", &data.teams.to_string()),
            ],
        );
        self.say_private(text);
        Ok(())
    }

    /// `/mijndata`: everything kept under the asking person's id, as JSON, for them alone.
    pub(super) fn my_data(&mut self) -> Result<()> {
        let data = collect(self.store, &self.platform, &self.user.id, &self.now)?;
        let body =
            serde_json::to_string_pretty(&data).context("a person's data could not be JSON")?;
        let counts = data.counts();
        let text = self.f(
            "msg.privacy.mydata",
            &[
                ("user", &self.user.name),
                ("teams", &counts.teams.to_string()),
                ("total", &counts.total().to_string()),
            ],
        );
        self.out.push(Reply {
            text,
            audience: Audience::Personal,
            file: Some(Attachment {
                name: DATA_FILE.to_string(),
                mime: "application/json".to_string(),
                bytes: body.into_bytes(),
            }),
            ..Reply::default()
        });
        Ok(())
    }

    /// `/vergeetmij`: offer the two ways, say exactly what one will do, or do it.
    pub(super) fn forget_me(&mut self, step: Forget) -> Result<()> {
        let data = collect(self.store, &self.platform, &self.user.id, &self.now)?;
        let counts = data.counts();
        if data.teams.is_empty() && data.direct_room.is_none() {
            let text = self.f("msg.privacy.nothing", &[("user", &self.user.name)]);
            self.say_private(text);
            return Ok(());
        }
        match step {
            Forget::Choose => {
                let text = self.counted("msg.privacy.choose", &counts);
                let choices = [ForgetMode::Anonymise, ForgetMode::Delete].map(|m| {
                    self.forget_choice(m.number(), &format!("msg.privacy.way_{}", m.number()), m)
                });
                self.say_choices(text, choices.into());
            }
            Forget::Explain(mode) => {
                let text = self.counted(&format!("msg.privacy.explain_{}", mode.number()), &counts);
                let yes = self.forget_choice(
                    &format!("{}-ja", mode.number()),
                    "msg.privacy.confirm_button",
                    mode,
                );
                self.say_choices(text, vec![yes]);
            }
            Forget::Confirmed(mode) => self.forget_confirmed(mode, &counts)?,
        }
        Ok(())
    }

    fn forget_confirmed(&mut self, mode: ForgetMode, counts: &Counts) -> Result<()> {
        let (platform, id, now) = (
            self.platform.clone(),
            self.user.id.clone(),
            self.now.clone(),
        );
        let done =
            self.engine
                .forget_in(self.store, &platform, &id, mode, &now, Some(self.team.id))?;
        let here = done.iter().find(|t| t.team_id == self.team.id);
        let pseudonym = here
            .or(done.first())
            .map(|t| t.pseudonym.clone())
            .unwrap_or_default();
        let text = self.counted_with(
            &format!("msg.privacy.done_{}", mode.number()),
            counts,
            &[("pseudonym", &pseudonym)],
        );
        self.say_private(text);
        self.team = self.store.get_team(self.team.id)?;
        let reopened: Vec<String> = here.map(|t| t.reopened.clone()).unwrap_or_default();
        if !reopened.is_empty() {
            self.say_reopened(&reopened.iter().map(String::as_str).collect::<Vec<_>>());
            self.ask_current()?;
        }
        Ok(())
    }

    /// A text with a person's counts filled in.
    fn counted(&self, key: &str, c: &Counts) -> String {
        self.counted_with(key, c, &[])
    }

    fn counted_with(&self, key: &str, c: &Counts, more: &[(&str, &str)]) -> String {
        let counts = [
            ("user", self.user.name.clone()),
            ("answers", c.answers.to_string()),
            ("history", c.history.to_string()),
            ("goals", c.goals.to_string()),
            ("owned", c.owned.to_string()),
            ("changes", c.changes.to_string()),
            ("evaluations", c.evaluations.to_string()),
            ("teams", c.teams.to_string()),
            ("total", c.total().to_string()),
        ];
        let args: Vec<(&str, &str)> = counts
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(more.iter().copied())
            .collect();
        self.f(key, &args)
    }

    /// A choice of `/vergeetmij`; its label names the typed command too, since platforms
    /// without buttons number the choices and a bare number would answer the open question.
    fn forget_choice(&self, id: &str, label: &str, mode: ForgetMode) -> Choice {
        Choice {
            id: id.to_string(),
            label: self.f(label, &[("n", mode.number())]),
        }
    }

    /// A private reply with `/vergeetmij`'s buttons (numbered where there are none).
    fn say_choices(&mut self, text: String, choices: Vec<Choice>) {
        self.out.push(Reply {
            text,
            about: Some(About::ForgetMe),
            choices,
            audience: Audience::Personal,
            ..Reply::default()
        });
    }

    /// The first time a person answers in a team, say once what koers keeps.
    pub(super) fn notice_once(&mut self) -> Result<()> {
        if self.user.id.is_empty()
            || self
                .store
                .find_privacy_notice(self.team.id, &self.user.id)?
                .is_some()
        {
            return Ok(());
        }
        self.store
            .insert_privacy_notice(self.team.id, &self.user.id, &self.now)?;
        let text = self.f("msg.privacy.notice", &[("user", &self.user.name)]);
        self.say(text);
        Ok(())
    }
}

/// The file name of `/mijndata`'s JSON.
const DATA_FILE: &str = "koers-mijndata.json";
