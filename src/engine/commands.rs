//! The commands a team can give at any moment, the same words on every platform.

use anyhow::Result;

use super::Turn;
use super::error::UserError;
use super::flow::Pos;
use super::goal_commands::{self, GoalCommand};
use crate::prompts::Lang;
use crate::store::Answer;

/// A command, already parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Goal tracking: goals, evaluation, reminders, time zone.
    Goal(GoalCommand),
    /// Start, or resume at the open question.
    Start,
    /// Where the team is, every score so far, open items.
    Status,
    /// Skip the open question.
    Skip,
    /// Go back to the previous question.
    Back,
    /// List the answers (`None`) or ask answer number n again.
    Change(Option<usize>),
    /// Switch the team's language.
    Language(Lang),
    /// The whole plan as Markdown.
    Export,
    /// Start a new round of the plan.
    NewRound,
    /// The command list.
    Help,
    /// What koers keeps about the person asking.
    Privacy,
    /// Take the asking person's name off everything stored (`true`: confirmed).
    ForgetMe(bool),
}

/// Whether a line names one of koers' commands (after `/`, `!` or `!koers`), even with wrong
/// arguments: platforms where other bots share the `!` prefix answer only these.
pub fn is_command(line: &str) -> bool {
    !matches!(parse(line), Err(UserError::UnknownCommand(_)))
}

/// Parse a `/command args` (or `!command`, `!koers command`) line.
pub fn parse(line: &str) -> Result<Command, UserError> {
    let line = line.trim();
    let body = line.trim_start_matches(['/', '!']);
    let mut words = body.split_whitespace();
    let mut word = words.next().unwrap_or_default().to_lowercase();
    if word == "koers" {
        word = words.next().unwrap_or_default().to_lowercase();
    }
    let args: Vec<&str> = words.collect();
    let shown = format!("/{word}");
    let no_args = |cmd: Command| {
        if args.is_empty() {
            Ok(cmd)
        } else {
            Err(UserError::ExtraArgs(shown.clone()))
        }
    };
    match word.as_str() {
        "start" | "begin" | "hervat" | "resume" => no_args(Command::Start),
        "status" => no_args(Command::Status),
        "overslaan" | "skip" => no_args(Command::Skip),
        "terug" | "back" => no_args(Command::Back),
        "export" | "exporteer" => no_args(Command::Export),
        "nieuw" | "new" | "nieuwe-ronde" | "new-round" => no_args(Command::NewRound),
        "help" | "hulp" | "?" => no_args(Command::Help),
        "privacy" | "mijngegevens" | "mydata" => no_args(Command::Privacy),
        "vergeetmij" | "forgetme" | "forget-me" => match args.as_slice() {
            [] => Ok(Command::ForgetMe(false)),
            [yes] if matches!(yes.to_lowercase().as_str(), "ja" | "yes") => {
                Ok(Command::ForgetMe(true))
            }
            _ => Err(UserError::BadArg {
                command: shown.clone(),
                usage: format!("{shown} | {shown} ja"),
            }),
        },
        "wijzig" | "change" => match args.as_slice() {
            [] => Ok(Command::Change(None)),
            [n] => n
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(|n| Command::Change(Some(n)))
                .ok_or(UserError::BadArg {
                    command: shown.clone(),
                    usage: format!("{shown} 3"),
                }),
            _ => Err(UserError::BadArg {
                command: shown.clone(),
                usage: format!("{shown} 3"),
            }),
        },
        "taal" | "language" | "lang" => match args.as_slice() {
            [code] => Lang::parse(code)
                .map(Command::Language)
                .ok_or(UserError::BadArg {
                    command: shown.clone(),
                    usage: format!("{shown} nl | {shown} en"),
                }),
            _ => Err(UserError::BadArg {
                command: shown.clone(),
                usage: format!("{shown} nl | {shown} en"),
            }),
        },
        _ => match goal_commands::parse(&word, &args) {
            Some(result) => result,
            None => Err(UserError::UnknownCommand(shown.chars().take(40).collect())),
        },
    }
}

impl Turn<'_, '_, '_> {
    /// Carry out a command.
    pub(super) fn command(&mut self, cmd: Command) -> Result<()> {
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

    pub(super) fn set_language(&mut self, lang: Lang) -> Result<()> {
        self.store
            .update_language(self.team.id, lang.code(), &self.now)?;
        self.lang = lang;
        self.team.lang = lang.code().to_string();
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
        match target {
            Some((pos, _)) => {
                self.move_cursor(&pos)?;
                self.ask_current()
            }
            None => {
                let text = self.t("msg.back_at_start").to_string();
                self.say(text);
                self.ask_current()
            }
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
        if let Some(score) = value("question.statement_score") {
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
        if let Some(level) = value("data.level_final").or_else(|| value("data.level")) {
            let name = self.t(&format!("data.level.name.{level}"));
            lines.push(self.f("msg.status.level", &[("level", name)]));
        }
        let sources: Vec<(String, String)> = answers
            .iter()
            .filter(|a| a.key.starts_with("data.source#") && a.key.ends_with(".name"))
            .filter_map(|a| {
                let summary = a.key.replace(".name", ".summary");
                let verdict = value(&summary).unwrap_or_default();
                a.value.clone().map(|n| (n, verdict))
            })
            .collect();
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
                        .map(|h| self.t(&format!("data.source.{h}.label")))
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
        if let Some(readiness) = flow.find("implementation.readiness") {
            let state = self.open_items(&Pos {
                op: readiness,
                iters: vec![],
            })?;
            // Before step 4 nothing is open yet; say nothing rather than "0 open".
            if state.open.is_empty() && state.met == 0 {
                return Ok(lines.join("\n"));
            }
            lines.push(self.f(
                "msg.status.open_items",
                &[("count", &state.open.len().to_string())],
            ));
            for (label, answer, owner) in state.open {
                let owner = owner
                    .unwrap_or_else(|| self.t("implementation.readiness.no_owner").to_string());
                lines.push(self.f(
                    "implementation.readiness.open_item",
                    &[("label", &label), ("answer", &answer), ("owner", &owner)],
                ));
            }
        }
        Ok(lines.join("\n"))
    }
}

#[cfg(test)]
#[path = "commands_tests.rs"]
mod tests;
