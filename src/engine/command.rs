//! What a command is once read, whatever way it came in, and who may give it.

use super::command_spec::{Access, CommandId, CommandSpec};
use super::error::UserError;
use super::input;
use crate::prompts::Lang;
pub(super) use crate::states::Listen;

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
    /// The plan as a picture (PNG).
    Picture,
    /// The whole plan, as Markdown or as JSON.
    Export(ExportFormat),
    /// Start a new round of the plan.
    NewRound,
    /// Go back to step n (1-based) and go through its questions again. The whole number as
    /// typed, of any size or sign (`"2"`, `"0"`, `"-1"`): which steps exist the engine knows,
    /// and it names the number when there is no such step.
    Step(String),
    /// The command list.
    Help,
    /// What koers keeps about the person asking.
    Privacy,
    /// Everything koers keeps under the asking person's id, as JSON, for them alone.
    MyData,
    /// Forget the asking person: the choice, what a way will do, or doing it.
    ForgetMe(Forget),
    /// Show (`None`) or set what free text koers reads.
    Listen(Option<Listen>),
    /// One of the guide's practices as a story, or (`None`) the list of them.
    Example(Option<super::examples::Example>),
    /// Delete the team and everything koers keeps of it: without a code koers shows one to
    /// confirm with; with one, it deletes when the code is the one shown.
    DeleteTeam(Option<String>),
    /// The team's private web page: its link, a new one, or none.
    Link(LinkAction),
}

/// How far `/vergeetmij` has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forget {
    /// Offer the two ways (`/vergeetmij`).
    Choose,
    /// Say exactly what a way will do, and how to confirm it (`/vergeetmij 1`).
    Explain(ForgetMode),
    /// Do it (`/vergeetmij 1 ja`).
    Confirmed(ForgetMode),
}

/// The two ways to be forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForgetMode {
    /// Name and id replaced by a pseudonym per team; the answers stay with the team.
    Anonymise,
    /// The person's answers (and their earlier versions) deleted too; the rest anonymised.
    Delete,
}

impl ForgetMode {
    /// The choice ids (the buttons' values and the numbers typed): `1`/`anoniem…`, `2`/`wis…`.
    pub fn parse(word: &str) -> Option<ForgetMode> {
        match word.trim().to_lowercase().as_str() {
            "1" | "anoniem" | "anonimiseer" | "anonimiseren" | "anonymise" | "anonymize"
            | "anonymous" => Some(ForgetMode::Anonymise),
            "2" | "wis" | "wissen" | "verwijder" | "verwijderen" | "delete" | "erase" => {
                Some(ForgetMode::Delete)
            }
            _ => None,
        }
    }

    /// The number a person types for this way (and the value of its button).
    pub fn number(self) -> &'static str {
        match self {
            ForgetMode::Anonymise => "1",
            ForgetMode::Delete => "2",
        }
    }
}

/// What `/link` does with the team's web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkAction {
    /// Make the link when there is none working; else say since when it works.
    #[default]
    Show,
    /// A new link; the old one stops working.
    New,
    /// No link: the page is closed.
    Off,
}

impl LinkAction {
    /// The ids the action argument takes (also Discord's choices).
    pub const IDS: &'static [&'static str] = &["nieuw", "uit"];

    /// Read an action as typed, Dutch or English, in any case.
    pub fn parse(word: &str) -> Option<LinkAction> {
        match word.trim().to_lowercase().as_str() {
            "nieuw" | "new" | "vernieuw" | "renew" | "rotate" => Some(LinkAction::New),
            "uit" | "off" | "stop" | "intrekken" | "revoke" => Some(LinkAction::Off),
            _ => None,
        }
    }
}

/// The form `/export` gives the plan in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// Markdown for people (the default).
    #[default]
    Markdown,
    /// The documented JSON schema (`docs/export-json.md`) for tools.
    Json,
    /// The printable HTML report, as a file.
    Html,
    /// The plan's picture, as a PNG file.
    Png,
}

impl ExportFormat {
    /// The ids the format argument takes (also Discord's choices), in the order of the variants.
    pub const IDS: &'static [&'static str] = &["md", "json", "html", "png"];

    /// Read a format as typed: `md`/`markdown`, `json`, `html` or `png`, in any case.
    pub fn parse(word: &str) -> Option<ExportFormat> {
        match word.trim().to_lowercase().as_str() {
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "json" => Some(ExportFormat::Json),
            "html" | "htm" => Some(ExportFormat::Html),
            "png" => Some(ExportFormat::Png),
            _ => None,
        }
    }
}

/// What a goal command does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalCommand {
    /// List the team's goals with status and days left.
    List,
    /// Enter a new goal (optionally with its text) through the step-3 questions.
    Add(Option<String>),
    /// Record the current value of goal n.
    Progress(i64, String),
    /// Move goal n's deadline: the new date as typed, and the reason.
    Move(i64, String, Option<String>),
    /// Close goal n (done with it), with an optional reason.
    Close(i64, Option<String>),
    /// Drop goal n, with an optional reason.
    Drop(i64, Option<String>),
    /// Start goal n's evaluation now.
    Evaluate(i64),
    /// Put goal n's next reminder off by some days (default 1).
    Snooze(i64, i64),
    /// Show or set the team's time zone.
    Timezone(Option<String>),
    /// Show or set the days before a deadline reminders come ("7,1").
    Reminders(Option<String>),
}

/// What the person giving a command may do in this team; the platform decides it from its own
/// rights (a Discord role or permission, a Matrix power level), the engine only reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A team member: answers, looks, adds goals and progress.
    Member,
    /// May also change the plan: a new round, moving, closing or dropping goals, the time zone
    /// and the reminder days.
    Manager,
}

impl Command {
    /// The command's row in the table.
    pub fn spec(&self) -> &'static CommandSpec {
        use CommandId as C;
        let id = match self {
            Command::Start => C::Start,
            Command::Status => C::Status,
            Command::Skip => C::Skip,
            Command::Back => C::Back,
            Command::Change(_) => C::Change,
            Command::Language(_) => C::Language,
            Command::Export(_) => C::Export,
            Command::Picture => C::Picture,
            Command::NewRound => C::NewRound,
            Command::Step(_) => C::Step,
            Command::Help => C::Help,
            Command::Privacy => C::Privacy,
            Command::ForgetMe(_) => C::ForgetMe,
            Command::MyData => C::MyData,
            Command::Listen(_) => C::Listen,
            Command::Example(_) => C::Example,
            Command::DeleteTeam(_) => C::DeleteTeam,
            Command::Link(_) => C::Link,
            Command::Goal(g) => match g {
                GoalCommand::List => C::GoalList,
                GoalCommand::Add(_) => C::GoalAdd,
                GoalCommand::Progress(..) => C::GoalProgress,
                GoalCommand::Move(..) => C::GoalMove,
                GoalCommand::Close(..) => C::GoalClose,
                GoalCommand::Drop(..) => C::GoalDrop,
                GoalCommand::Evaluate(_) => C::Evaluate,
                GoalCommand::Snooze(..) => C::Snooze,
                GoalCommand::Timezone(_) => C::Timezone,
                GoalCommand::Reminders(_) => C::Reminders,
            },
        };
        CommandSpec::of(id)
    }

    /// Whether only a manager may give this command: it changes the team's plan. Decided on
    /// the command itself, so every spelling and every way in gets the same answer.
    pub fn needs_manager(&self) -> bool {
        match self.spec().access {
            Access::Everyone => false,
            Access::Manager => true,
            Access::ManagerToSet => matches!(
                self,
                Command::Goal(GoalCommand::Timezone(Some(_)) | GoalCommand::Reminders(Some(_)))
                    | Command::Listen(Some(_))
            ),
        }
    }

    /// Whether the command sends the next answer to a question of the plan: an answer asked
    /// again (`/wijzig n`), the question before (`/terug`), a step again (`/stap n`), a new
    /// goal (`/doel nieuw`). While an evaluation is open the next answer goes to it instead, so
    /// such a command waits until the evaluation is done.
    pub fn moves_the_question(&self) -> bool {
        matches!(
            self,
            Command::Back
                | Command::Change(Some(_))
                | Command::Step(_)
                | Command::Goal(GoalCommand::Add(_))
        )
    }

    /// The free text the command carries (goal text, reasons, values, zones), checked by the
    /// same rules as answers.
    fn texts(&self) -> Vec<&str> {
        if let Command::DeleteTeam(code) = self {
            return code.iter().map(String::as_str).collect();
        }
        let Command::Goal(g) = self else {
            return Vec::new();
        };
        match g {
            GoalCommand::Add(t) | GoalCommand::Timezone(t) | GoalCommand::Reminders(t) => {
                t.iter().map(String::as_str).collect()
            }
            GoalCommand::Progress(_, v) => vec![v.as_str()],
            GoalCommand::Move(_, d, r) => std::iter::once(d.as_str()).chain(r.as_deref()).collect(),
            GoalCommand::Close(_, r) | GoalCommand::Drop(_, r) => {
                r.iter().map(String::as_str).collect()
            }
            GoalCommand::List | GoalCommand::Evaluate(_) | GoalCommand::Snooze(..) => Vec::new(),
        }
    }

    /// Check the command's text by the rules every answer follows: not too long, no control
    /// characters.
    pub fn check_input(&self, max_chars: usize) -> Result<(), UserError> {
        self.texts()
            .into_iter()
            .try_for_each(|t| input::clean(t, max_chars).map(|_| ()))
    }
}

#[cfg(test)]
#[path = "command_access_tests.rs"]
mod access_tests;
#[cfg(test)]
#[path = "command_tests.rs"]
mod tests;
