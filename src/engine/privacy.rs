//! The privacy commands: what koers keeps about the person asking (`/privacy`), and taking
//! their name off all of it (`/vergeetmij`, confirmed with `/vergeetmij ja`).

use anyhow::Result;

use super::Turn;

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

    /// Ask for confirmation, or replace the asking person's name everywhere.
    pub(super) fn forget_me(&mut self, confirmed: bool) -> Result<()> {
        let data = self.store.count_user_data(self.team.id, &self.user.id)?;
        let anonymous = self.t("msg.privacy.anonymous");
        let total = data.total().to_string();
        let text = if data.total() == 0 {
            self.f("msg.privacy.nothing", &[("user", &self.user.name)])
        } else if !confirmed {
            self.f(
                "msg.privacy.confirm",
                &[
                    ("user", &self.user.name),
                    ("total", &total),
                    ("anonymous", anonymous),
                ],
            )
        } else {
            let changed = self
                .store
                .anonymize_user(self.team.id, &self.user.id, anonymous)?;
            tracing::info!(changed, "a person's name was taken off their data");
            self.f(
                "msg.privacy.done",
                &[("total", &changed.to_string()), ("anonymous", anonymous)],
            )
        };
        self.say_private(text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::Chat;
    use crate::engine::Body;

    fn answered_by(chat: &Chat, key: &str) -> String {
        let (team, key) = (chat.team.id.clone(), key.to_string());
        chat.db
            .run(move |s| {
                let t = s.find_team("test", &team)?.expect("team");
                Ok(s.get_answer(t.id, 1, &key)?.expect("answer").user)
            })
            .expect("read")
    }

    #[test]
    fn a_person_sees_what_is_kept_and_can_take_their_name_off_it() {
        let mut chat = Chat::new();
        chat.say("3");
        chat.user = "bea".into();
        chat.say("Jong publiek");
        chat.say("Bereik");
        chat.say("/wijzig 3");
        chat.say("Bereik onder studenten");
        chat.user = "ann".into();
        chat.say("Marketing");

        chat.user = "bea".into();
        let summary = chat.say("/privacy");
        assert!(summary.contains("(bea)"), "{summary}");
        assert!(
            summary.contains("2 antwoord(en), 1 eerdere versie(s)"),
            "{summary}"
        );

        let confirm = chat.say("/vergeetmij");
        assert!(confirm.contains("/vergeetmij ja"), "{confirm}");
        assert_eq!(
            answered_by(&chat, "question.important"),
            "bea",
            "nothing before confirming"
        );

        let done = chat.say("/vergeetmij ja");
        assert!(done.contains("3 gegeven(s)"), "{done}");
        assert_eq!(answered_by(&chat, "question.important"), "(anoniem)");
        assert_eq!(answered_by(&chat, "question.measure"), "(anoniem)");
        assert_eq!(
            answered_by(&chat, "question.focus"),
            "ann",
            "others keep their name"
        );
        assert_eq!(answered_by(&chat, "question.departments"), "ann");
        let history: i64 = {
            let team = chat.team.id.clone();
            chat.db
                .run(move |s| {
                    let t = s.find_team("test", &team)?.expect("team");
                    Ok(s.count_user_data(t.id, "bea")?.total())
                })
                .expect("count")
        };
        assert_eq!(history, 0, "the earlier version lost the name too");
        let nothing = chat.say("/privacy");
        assert!(nothing.contains("0 antwoord(en)"), "{nothing}");
        assert!(chat.say("/vergeetmij").contains("niets"));
        assert!(chat.say("/vergeetmij misschien").contains("/vergeetmij ja"));
        chat.send(Body::Text("/forgetme yes".into()));
    }
}
