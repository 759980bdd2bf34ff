//! One message being handled: the [`Turn`] that the feature files (`walk.rs`, `question.rs`,
//! `commands.rs`, …) extend, with what every one of them uses: the texts, saying and refusing,
//! and carrying out the action the message asks for.

use anyhow::Result;

use super::action::Action;
use super::flow::Flow;
use super::open::Open;
use super::{Audience, Engine, Reply, UserError, picture};
use crate::prompts::Lang;
use crate::store::{Person, Store, Team};

/// One message being handled: the engine, the open transaction and what to say back.
pub(super) struct Turn<'e, 's, 'c> {
    pub(super) engine: &'e Engine,
    pub(super) store: &'s mut Store<'c>,
    pub(super) team: Team,
    pub(super) lang: Lang,
    pub(super) user: Person,
    /// The platform the team lives on (`terminal`, `discord`, `matrix`); empty outside a turn.
    pub(super) platform: String,
    pub(super) now: String,
    pub(super) out: Vec<Reply>,
    /// Pictures drawn this turn, rendered to PNG after the transaction ([`picture::develop`]).
    pub(super) pictures: Vec<picture::Pending>,
    /// The answer taken this turn replaced one given before (after `/wijzig` or `/terug`): the
    /// walk goes back to a question the team was at and has had the texts before it.
    pub(super) returning: bool,
}

impl<'e, 's, 'c> Turn<'e, 's, 'c> {
    pub(super) fn new(
        engine: &'e Engine,
        store: &'s mut Store<'c>,
        team: Team,
        user: Person,
    ) -> Self {
        let lang = team.lang;
        Turn {
            engine,
            store,
            team,
            lang,
            user,
            platform: String::new(),
            now: String::new(),
            out: Vec::new(),
            pictures: Vec::new(),
            returning: false,
        }
    }

    pub(super) fn flow(&self) -> &'e Flow {
        &self.engine.flow
    }

    pub(super) fn t(&self, key: &str) -> &'e str {
        self.engine.texts.get(self.lang, key)
    }

    pub(super) fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.engine.texts.fmt(self.lang, key, args)
    }

    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.out.push(Reply::text(text));
    }

    /// A reply for the person asking alone (their own data).
    pub(super) fn say_private(&mut self, text: impl Into<String>) {
        self.out.push(Reply {
            text: text.into(),
            audience: Audience::Personal,
            ..Reply::default()
        });
    }

    /// A user error: said to the user, nothing written.
    pub(super) fn refuse(&mut self, err: UserError) {
        tracing::info!(error = %err, "refused input");
        let text = err.render(&self.engine.texts, self.lang);
        self.say(text);
    }

    /// Carry out what the message asks.
    pub(super) fn act(&mut self, action: Action) -> Result<()> {
        // Command text follows the rules of answers, whichever way the command came in. It
        // is checked before the open evaluation is: text that cannot be taken is refused for
        // what it is, whenever it comes.
        let max = self.engine.settings.max_answer_chars;
        let checked = match &action {
            Action::Command(cmd) => cmd.check_input(max),
            Action::Goal(draft) => super::input::clean(&draft.text, max).map(drop),
            _ => Ok(()),
        };
        if let Err(e) = checked {
            self.refuse(e);
            return Ok(());
        }
        // One rule for everything that would take the next answer elsewhere, a command or a
        // platform's goal form: the open evaluation keeps it, and is asked again.
        if action.moves_the_question() {
            let open = self.open()?;
            if matches!(open, Open::Evaluation(..)) {
                return self.evaluation_first(open);
            }
        }
        match action {
            Action::Start { lang } => self.resume(lang),
            Action::Text(text) | Action::Aside(text) => self.text(&text),
            Action::Command(cmd) => self.command(cmd),
            Action::BadCommand(err) => {
                self.refuse(err);
                Ok(())
            }
            Action::MoveHint(n) => {
                let hint = self.f("msg.reminder.move_hint", &[("n", &n.to_string())]);
                self.say(hint);
                Ok(())
            }
            Action::Choice { question, value } => self.choice(&question, &value),
            Action::Goal(draft) => self.goal_draft(&draft),
        }
    }

    /// A newer flow no longer has the stored question: walk from the start, which skips
    /// everything answered and lands on the first open question.
    pub(super) fn replace_lost_cursor(&mut self) -> Result<()> {
        if self.team.cursor.is_some() && self.current_pos().is_none() {
            tracing::warn!(cursor = ?self.team.cursor, "re-placing a cursor the flow does not know");
            self.advance_from(None)?;
            self.out.clear();
        }
        Ok(())
    }

    pub(super) fn begin_conversation(&mut self) -> Result<()> {
        let welcome = self.f("msg.welcome", &[("team", &self.team.name)]);
        self.say(welcome);
        self.advance_from(None)
    }

    /// A typed `/start`. A team that has answered nothing yet was just greeted with its first
    /// question (the terminal greets a new team as its chat opens): koers points to it rather
    /// than welcoming the team back and asking it a second time.
    pub(super) fn start_typed(&mut self) -> Result<()> {
        let fresh = self.team.round == 1
            && self.team.open_evaluations == 0
            && self.current_pos().is_some()
            && self.store.list_answers(self.team.id, 1)?.is_empty();
        if fresh {
            let text = self.t("msg.start_fresh").to_string();
            self.say(text);
            return Ok(());
        }
        self.resume(None)
    }

    pub(super) fn resume(&mut self, lang: Option<Lang>) -> Result<()> {
        if let Some(lang) = lang.filter(|l| *l != self.lang) {
            self.set_language(lang)?;
        }
        let open = self.open()?;
        let text = match &open {
            Open::Evaluation(..) => self.f("msg.welcome_back_open", &[("team", &self.team.name)]),
            Open::Question(pos) => {
                let step = self.t(&format!(
                    "{}.title",
                    self.flow().steps[self.flow().op(pos.op).step]
                ));
                self.f(
                    "msg.welcome_back",
                    &[("team", &self.team.name), ("step", step)],
                )
            }
            Open::Finished => self.f("msg.welcome_back_finished", &[("team", &self.team.name)]),
        };
        self.say(text);
        self.ask(open)
    }
}
