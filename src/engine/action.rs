//! What a message asks for, read once before the turn, and the one permission decision on it.

use super::command::{Command, GoalCommand};
use super::command_parse;
use super::error::UserError;
use super::{About, Audience, Body, Engine, GoalDraft, Reply};
use crate::prompts::Lang;
use crate::store::Team;

impl Engine {
    /// The refusal for a member who may not change the plan: private, in the team's language,
    /// and nothing written.
    pub(super) fn not_manager(
        &self,
        team: Option<&Team>,
        platform: &str,
        cmd: &Command,
    ) -> Vec<Reply> {
        let lang = team.map_or(self.settings.default_lang, |t| t.lang);
        tracing::info!(command = cmd.spec().nl, "refused: not a manager");
        let err = UserError::NotManager {
            command: format!("/{}", cmd.spec().nl),
            platform: platform.to_string(),
        };
        vec![Reply {
            text: err.render(&self.texts, lang),
            audience: Audience::Refusal,
            ..Reply::default()
        }]
    }
}

/// What a message asks for, read once before the turn: a typed command line and a reminder's
/// button become the same [`Command`] a slash command is.
pub(super) enum Action {
    Start { lang: Option<Lang> },
    Text(String),
    Aside(String),
    Command(Command),
    BadCommand(UserError),
    MoveHint(i64),
    Choice { question: String, value: String },
    Goal(GoalDraft),
}

impl Action {
    pub(super) fn of(body: Body) -> Action {
        match body {
            Body::Start { lang } => Action::Start { lang },
            Body::Text(text) | Body::Aside(text) if is_command_line(&text) => {
                match command_parse::parse(&text) {
                    Ok(cmd) => Action::Command(cmd),
                    Err(e) => Action::BadCommand(e),
                }
            }
            Body::Text(text) => Action::Text(text),
            Body::Aside(text) => Action::Aside(text),
            Body::Command(cmd) => Action::Command(cmd),
            Body::BadCommand(e) => Action::BadCommand(e),
            Body::Goal(draft) => Action::Goal(draft),
            Body::Choice {
                about: About::Question(question),
                value,
            } => Action::Choice { question, value },
            Body::Choice {
                about: About::Reminder { goal },
                value,
            } => reminder_action(goal, value),
            Body::Choice {
                about: About::ForgetMe,
                value,
            } => forget_action(&value),
        }
    }
}

impl Action {
    /// Whether it would send the next answer to a question of the plan
    /// ([`Command::moves_the_question`]). A goal form is `/doel nieuw` with its fields filled
    /// in, so it follows the command's rule: however a goal comes in, it waits for an open
    /// evaluation.
    pub(super) fn moves_the_question(&self) -> bool {
        match self {
            Action::Command(cmd) => cmd.moves_the_question(),
            Action::Goal(_) => Command::Goal(GoalCommand::Add(None)).moves_the_question(),
            Action::Start { .. }
            | Action::Text(_)
            | Action::Aside(_)
            | Action::BadCommand(_)
            | Action::MoveHint(_)
            | Action::Choice { .. } => false,
        }
    }
}

/// A reminder's button: snooze, evaluate or move (which says how). Any other choice on a
/// reminder (a 👍 on it in Matrix) answers no question, so the open question is asked again,
/// as for any choice about something that is not the open question.
fn reminder_action(goal: i64, value: String) -> Action {
    match value.as_str() {
        "snooze" => Action::Command(Command::Goal(GoalCommand::Snooze(goal, 1))),
        "evaluate" => Action::Command(Command::Goal(GoalCommand::Evaluate(goal))),
        "move" => Action::MoveHint(goal),
        _ => Action::Choice {
            question: String::new(),
            value,
        },
    }
}

/// A button of `/vergeetmij`: a way (`1`, `2`) or its confirmation (`1-ja`), read as the
/// typed command would be; anything else is refused as an unreadable choice.
fn forget_action(value: &str) -> Action {
    let typed = value.replace('-', " ");
    match command_parse::build(
        super::command_spec::CommandSpec::of(super::command_spec::CommandId::ForgetMe),
        vec![Some(command_parse::ArgValue::Text(typed))],
    ) {
        Ok(cmd) => Action::Command(cmd),
        Err(_) => Action::BadCommand(UserError::UnreadableChoice),
    }
}

/// Whether a line is typed as a command (`/…`, `!…`).
fn is_command_line(text: &str) -> bool {
    let line = text.trim_start();
    line.starts_with('/') || line.starts_with('!')
}
