//! Carrying out the commands a team can give at any moment (what they are and who may give
//! them: [`super::command`] and [`super::command_table`]).

use anyhow::Result;

use super::Turn;
use super::command::{Command, Listen};
use super::flow::{Pos, Role};
use crate::prompts::Lang;
use crate::store::Answer;

impl Turn<'_, '_, '_> {
    /// Carry out a command.
    pub(super) fn command(&mut self, cmd: Command) -> Result<()> {
        // Command text follows the rules of answers, whichever way the command came in.
        if let Err(e) = cmd.check_input(self.engine.settings.max_answer_chars) {
            self.refuse(e);
            return Ok(());
        }
        match cmd {
            Command::Start => self.resume(None),
            Command::Goal(goal) => self.goal_command(goal),
            Command::Help => {
                let help = self.t("msg.help").to_string();
                self.say(help);
                Ok(())
            }
            Command::Status => {
                let status = self.status()?;
                self.say(status);
                Ok(())
            }
            Command::Export => {
                let md = self.export_markdown()?;
                self.say(md);
                Ok(())
            }
            Command::Skip => {
                let open = if self.team.open_evaluations > 0 {
                    self.store.find_open_evaluation(self.team.id)?
                } else {
                    None
                };
                match (open, self.current_pos()) {
                    (Some(ev), _) => self.evaluation_answer(ev, None),
                    (None, Some(pos)) => self.skip(pos),
                    (None, None) => {
                        let text = self.t("msg.nothing_to_skip").to_string();
                        self.say(text);
                        Ok(())
                    }
                }
            }
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
            Command::ForgetMe(confirmed) => self.forget_me(confirmed),
            Command::NewRound => {
                let round = self.team.round + 1;
                self.store.update_round(self.team.id, round, &self.now)?;
                self.team.round = round;
                self.team.cursor = None;
                let text = self.f("msg.new_round", &[("round", &round.to_string())]);
                self.say(text);
                self.advance_from(None)
            }
        }
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
        let given = self.given_answers()?;
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

    /// The `/status` overview.
    fn status(&mut self) -> Result<String> {
        let flow = self.flow();
        let mut lines = vec![self.f(
            "msg.status.header",
            &[
                ("team", &self.team.name),
                ("round", &self.team.round.to_string()),
            ],
        )];
        match self.current_pos() {
            Some(pos) => {
                let step = self.t(&format!("{}.title", flow.steps[flow.op(pos.op).step]));
                lines.push(self.f("msg.status.step", &[("step", step)]));
                let label = self.label(&pos);
                lines.push(self.f("msg.status.current", &[("question", &label)]));
            }
            None => lines.push(self.t("msg.status.finished").to_string()),
        }
        lines.extend(self.failed_reminder_lines()?);
        let answers = self.store.list_answers(self.team.id, self.team.round)?;
        if answers.is_empty() {
            lines.push(self.t("msg.status.nothing_yet").to_string());
            return Ok(lines.join("\n"));
        }
        lines.push(String::new());
        lines.push(self.t("msg.status.scores").to_string());
        let value = |path: &str| {
            answers
                .iter()
                .find(|a| a.key == path)
                .and_then(|a| a.value.clone())
        };
        let role_key = |role| flow.key(&flow.role_pos(role));
        if flow.in_status(Role::StatementScore)
            && let Some(score) = value(&role_key(Role::StatementScore))
        {
            lines.push(self.f(
                "msg.status.statement_score",
                &[
                    ("score", &score),
                    (
                        "max",
                        &crate::scoring::statement::StatementScore::MAX.to_string(),
                    ),
                ],
            ));
        }
        if flow.in_status(Role::LevelResult)
            && let Some(level) =
                value(&role_key(Role::LevelResult)).or_else(|| value(&role_key(Role::Level)))
        {
            let level_path = &flow.op(flow.by_role(Role::Level)).path;
            let name = self.t(&format!("{level_path}.name.{level}"));
            lines.push(self.f("msg.status.level", &[("level", name)]));
        }
        let (source_name, summary) = (
            flow.by_role(Role::SourceName),
            flow.by_role(Role::SourceSummary),
        );
        let sources: Vec<(String, String)> = answers
            .iter()
            .filter(|_| flow.in_status(Role::SourceSummary))
            .filter_map(|a| {
                let round = flow.parse_key(&a.key).filter(|p| p.op == source_name)?;
                let summary = flow.key(&Pos {
                    op: summary,
                    iters: round.iters,
                });
                let verdict = value(&summary).unwrap_or_default();
                a.value.clone().map(|n| (n, verdict))
            })
            .collect();
        let source_group = &flow.op(flow.by_role(Role::SourceGroup)).path;
        if !sources.is_empty() {
            lines.push(self.f(
                "msg.status.sources",
                &[("count", &sources.len().to_string())],
            ));
            for (name, verdict) in sources {
                let hygiene = if verdict == "ok" {
                    self.t("msg.status.hygiene_ok").to_string()
                } else {
                    let names: Vec<&str> = verdict
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(|h| self.t(&format!("{source_group}.{h}.label")))
                        .collect();
                    self.f("msg.status.hygiene_issues", &[("list", &names.join(", "))])
                };
                lines.push(self.f(
                    "msg.status.source_item",
                    &[("name", &name), ("hygiene", &hygiene)],
                ));
            }
        }
        let goals = self.store.list_team_goals(self.team.id)?;
        if !goals.is_empty() {
            lines.push(self.f("msg.status.goals", &[("count", &goals.len().to_string())]));
            for g in &goals {
                lines.push(format!("• {}", self.goal_line(g)));
            }
        }
        if flow.in_status(Role::Readiness) {
            let readiness = flow.role_pos(Role::Readiness);
            let state = self.open_items(&readiness)?;
            let readiness = &flow.op(readiness.op).path;
            // Before step 4 nothing is open yet; say nothing rather than "0 open".
            if state.open.is_empty() && state.met == 0 {
                return Ok(lines.join("\n"));
            }
            lines.push(self.f(
                "msg.status.open_items",
                &[("count", &state.open.len().to_string())],
            ));
            for (label, answer, owner) in state.open {
                let owner =
                    owner.unwrap_or_else(|| self.t(&format!("{readiness}.no_owner")).to_string());
                lines.push(self.f(
                    &format!("{readiness}.open_item"),
                    &[("label", &label), ("answer", &answer), ("owner", &owner)],
                ));
            }
        }
        Ok(lines.join("\n"))
    }
}
