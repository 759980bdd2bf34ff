//! What a message asks for, read once before the turn, and the one permission decision on it.

use anyhow::Result;

use super::command::{Command, GoalCommand};
use super::command_parse;
use super::error::UserError;
use super::{Body, Engine, GoalDraft, Reply, TeamKey};
use crate::prompts::Lang;
use crate::store::Store;

impl Engine {
    /// The refusal for a member who may not change the plan: private, in the team's language,
    /// and nothing written.
    pub(super) fn not_manager(
        &self,
        store: &mut Store<'_>,
        team: &TeamKey,
        cmd: &Command,
    ) -> Result<Vec<Reply>> {
        let lang = store
            .find_team(&team.platform, &team.id)?
            .and_then(|t| Lang::parse(&t.lang))
            .unwrap_or(self.settings.default_lang);
        tracing::info!(command = cmd.spec().nl, "refused: not a manager");
        let err = UserError::NotManager(format!("/{}", cmd.spec().nl));
        Ok(vec![Reply {
            text: err.render(&self.texts, lang),
            private: true,
            ..Reply::default()
        }])
    }
}

/// What a message asks for, read once before the turn: a typed command line and a reminder's
/// button become the same [`Command`] a slash command is.
pub(super) enum Action {
    Start { lang: Option<Lang> },
    Text(String),
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
            Body::Text(text) => {
                let line = text.trim_start();
                if line.starts_with('/') || line.starts_with('!') {
                    match command_parse::parse(line) {
                        Ok(cmd) => Action::Command(cmd),
                        Err(e) => Action::BadCommand(e),
                    }
                } else {
                    Action::Text(text)
                }
            }
            Body::Command(cmd) => Action::Command(cmd),
            Body::BadCommand(e) => Action::BadCommand(e),
            Body::Goal(draft) => Action::Goal(draft),
            Body::Choice { question, value } => {
                // A reminder's buttons: "goal#<n>" with snooze, evaluate or move.
                match question.strip_prefix("goal#").and_then(|n| n.parse().ok()) {
                    Some(n) => match value.as_str() {
                        "snooze" => Action::Command(Command::Goal(GoalCommand::Snooze(n, 1))),
                        "evaluate" => Action::Command(Command::Goal(GoalCommand::Evaluate(n))),
                        "move" => Action::MoveHint(n),
                        _ => Action::Choice { question, value },
                    },
                    None => Action::Choice { question, value },
                }
            }
        }
    }
}
