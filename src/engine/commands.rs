//! Carrying out the commands a team can give at any moment (what they are and who may give
//! them: [`super::command`] and [`super::command_table`]).

use anyhow::Result;

use super::Turn;
use super::command::{Command, Listen};
use super::flow::Pos;
use super::open::Open;
use crate::prompts::Lang;
use crate::store::Answer;

impl Turn<'_, '_, '_> {
    /// Carry out a command whose text was checked and that may be given now ([`Turn::act`]).
    pub(super) fn command(&mut self, cmd: Command) -> Result<()> {
        match cmd {
            Command::Start => self.start_typed(),
            Command::Goal(goal) => self.goal_command(goal),
            Command::Help => {
                let help = self.t("msg.help").to_string();
                self.say(help);
                Ok(())
            }
            Command::Status => {
                let status = self.status()?;
                self.say(status);
                if self.pictures_with_status() {
                    self.attach_picture_at(crate::report::png::STATUS_SCALE)?;
                }
                Ok(())
            }
            Command::Picture => self.picture(),
            Command::Export(format) => self.export(format),
            Command::Link(action) => self.link(action),
            Command::Skip => self.skip_open(),
            Command::Back => self.back(),
            Command::Change(None) => self.list_changeable(),
            Command::Change(Some(n)) => self.change(n),
            Command::Language(lang) => {
                self.set_language(lang)?;
                let text = self.t("msg.language_set").to_string();
                self.say(text);
                self.ask_current()
            }
            Command::Privacy => self.privacy(),
            Command::Listen(mode) => self.listen(mode),
            Command::ForgetMe(step) => self.forget_me(step),
            Command::MyData => self.my_data(),
            Command::NewRound => self.new_round(),
            Command::Step(n) => self.go_to_step(&n),
            Command::Example(which) => {
                self.example(which);
                Ok(())
            }
            Command::DeleteTeam(code) => self.delete_team(code),
        }
    }

    /// `/overslaan`: skip the open evaluation question, else the open question.
    fn skip_open(&mut self) -> Result<()> {
        match self.open()? {
            Open::Evaluation(ev, _) => self.evaluation_answer(*ev, None),
            Open::Question(pos) => self.skip(pos),
            Open::Finished => {
                let text = self.t("msg.nothing_to_skip").to_string();
                self.say(text);
                Ok(())
            }
        }
    }

    /// `/nieuw`: start the plan's next round from the last one.
    fn new_round(&mut self) -> Result<()> {
        let prev = self.team.round;
        let round = prev + 1;
        self.store.update_round(self.team.id, round, &self.now)?;
        // Retention counts a round's age from here.
        let closed = self.engine.clock.now().as_second();
        self.store.insert_round_close(self.team.id, prev, closed)?;
        self.team.round = round;
        self.team.cursor = None;
        self.team.revisit = None;
        // A place to return to belongs to the round left behind.
        self.take_detour_return()?;
        self.carry_over(prev)?;
        let text = self.f("msg.new_round", &[("round", &round.to_string())]);
        self.say(text);
        self.advance_from(None)
    }

    /// Show or set what free text koers reads here.
    fn listen(&mut self, mode: Option<Listen>) -> Result<()> {
        let current = match mode {
            Some(mode) => {
                self.store.update_listen(self.team.id, mode, &self.now)?;
                self.team.listen = mode;
                mode
            }
            None => self.team.listen,
        };
        let text = self.t(&format!("msg.listen.{current}")).to_string();
        self.say(text);
        Ok(())
    }

    pub(super) fn set_language(&mut self, lang: Lang) -> Result<()> {
        self.store.update_language(self.team.id, lang, &self.now)?;
        self.lang = lang;
        self.team.lang = lang;
        Ok(())
    }

    /// Answers people gave this round, in conversation order.
    pub(super) fn given_answers(&mut self) -> Result<Vec<(Pos, Answer)>> {
        let flow = self.flow();
        let mut list: Vec<(Pos, Answer)> = self
            .store
            .list_answers(self.team.id, self.team.round)?
            .into_iter()
            .filter_map(|a| flow.parse_key(&a.key).map(|p| (p, a)))
            // Answers koers filled in for a question (a deadline read from the goal) can be
            // changed too; results it worked out cannot.
            .filter(|(p, a)| !a.computed || flow.op(p.op).is_question())
            .collect();
        list.sort_by_cached_key(|(p, _)| flow.order(p));
        Ok(list)
    }

    fn move_cursor(&mut self, pos: &Pos) -> Result<()> {
        let key = self.flow().key(pos);
        self.store
            .update_cursor(self.team.id, Some(&key), &self.now)?;
        self.team.cursor = Some(key);
        Ok(())
    }

    fn back(&mut self) -> Result<()> {
        // The previous question the team was asked: not one koers filled in from the goal's
        // text (a deadline, an owner), which it skipped; `/wijzig` still reaches those.
        let mut given = self.given_answers()?;
        given.retain(|(_, a)| !a.computed);
        let target = match self.current_pos() {
            Some(cur) => {
                let here = self.flow().order(&cur);
                given
                    .into_iter()
                    .rev()
                    .find(|(p, _)| self.flow().order(p) < here)
            }
            None => given.into_iter().last(),
        };
        if let Some((pos, _)) = target {
            self.move_cursor(&pos)?;
            self.ask_current()
        } else {
            let text = self.t("msg.back_at_start").to_string();
            self.say(text);
            self.ask_current()
        }
    }

    fn list_changeable(&mut self) -> Result<()> {
        let given = self.given_answers()?;
        if given.is_empty() {
            let text = self.t("msg.change_empty").to_string();
            self.say(text);
            return Ok(());
        }
        let mut lines = vec![self.t("msg.change_header").to_string()];
        for (i, (pos, answer)) in given.iter().enumerate() {
            let label = self.label(pos);
            let shown = self.display_value(pos, answer);
            lines.push(self.f(
                "msg.change_item",
                &[
                    ("n", &(i + 1).to_string()),
                    ("label", &label),
                    ("answer", &shown),
                ],
            ));
        }
        self.say(lines.join("\n"));
        Ok(())
    }

    fn change(&mut self, n: usize) -> Result<()> {
        let given = self.given_answers()?;
        let Some((pos, _)) = given.into_iter().nth(n - 1) else {
            let text = self.f("msg.change_not_found", &[("n", &n.to_string())]);
            self.say(text);
            return Ok(());
        };
        self.move_cursor(&pos)?;
        let text = self.t("msg.change_return").to_string();
        self.say(text);
        self.ask_current()
    }
}
