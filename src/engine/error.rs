//! What a user may be told went wrong with their input.

use crate::prompts::{Catalog, Lang};

/// Input the engine refuses. The `Display` text is for logs; [`UserError::render`] gives the
/// sentence the team sees, from `prompts/` in the team's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserError {
    /// Nothing but white space.
    #[error("empty answer")]
    Empty,
    /// Longer than the configured limit.
    #[error("answer of {len} characters is over the limit of {max}")]
    TooLong {
        /// Characters sent.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Contains control characters such as terminal escapes.
    #[error("answer contains control characters")]
    ControlChars,
    /// A yes/no question got something that is not clearly yes or no.
    #[error("unreadable yes/no answer")]
    UnreadableYesNo,
    /// A choice question got something that matches no single option.
    #[error("unreadable choice")]
    UnreadableChoice,
    /// A date question got something that is not a date.
    #[error("unreadable date")]
    UnreadableDate,
    /// A "who?" question got something that is no name: a bare yes or a number, as typed.
    #[error("not a name")]
    NotAName(String),
    /// A goal's deadline question got a date before today: no reminder and no evaluation
    /// would come for it (as `/doel verzet` refuses it).
    #[error("deadline in the past")]
    DeadlinePassed {
        /// The date as the team reads it.
        deadline: String,
        /// The recorded goal's number and its deadline as the team reads it, which stays
        /// (`None` while the goal is first entered, or has no deadline).
        goal: Option<(i64, String)>,
    },
    /// A number question got something without a number.
    #[error("unreadable number")]
    UnreadableNumber,
    /// A percentage question got a number that is not strictly between 0 and 100.
    #[error("percentage out of range")]
    NotAPercentage,
    /// A question for a number of people got a negative number or a fraction.
    #[error("not a count of people")]
    NotACount,
    /// A goal's baseline or target below zero: what a goal counts is never negative.
    #[error("negative baseline or target")]
    NegativeMeasure,
    /// A question for one number got two different ones ("tussen 200 en 250", "200 in
    /// 2026"): the numbers, as written.
    #[error("several numbers where one is asked")]
    SeveralNumbers(String),
    /// Asked to sharpen a goal, an answer that cannot be a goal ("ja", one word).
    #[error("not a goal")]
    NotAGoal,
    /// A `/` command nobody knows.
    #[error("unknown command {0}")]
    UnknownCommand(String),
    /// A `/` (or `//`, `!`) with no command after it.
    #[error("no command after the prefix")]
    NoCommand,
    /// A command that takes no arguments got some.
    #[error("command {0} takes no arguments")]
    ExtraArgs(String),
    /// A command's argument is not what it takes.
    #[error("bad argument for {command}")]
    BadArg {
        /// The command as typed.
        command: String,
        /// How to use it.
        usage: String,
    },
    /// A command that changes the team's plan, from someone who is not a manager.
    #[error("{command} needs a manager")]
    NotManager {
        /// The command as named in the table.
        command: String,
        /// The team's platform, which says who its managers are.
        platform: String,
    },
    /// The store has no room left (a full disk, or the operator's `store_max_page_count`):
    /// nothing of the message was kept, and the same message goes through once there is room.
    #[error("the store is full")]
    StoreFull,
    /// A button for a question someone else answered already. (The log line names no one:
    /// `Turn::refuse` logs this text.)
    #[error("question already answered")]
    AlreadyAnswered {
        /// Who answered it.
        user: String,
        /// The question's label.
        label: String,
    },
}

impl UserError {
    /// The sentence the team sees.
    pub fn render(&self, texts: &Catalog, lang: Lang) -> String {
        match self {
            UserError::Empty => texts.get(lang, "msg.empty").to_string(),
            UserError::TooLong { max, .. } => {
                texts.fmt(lang, "msg.too_long", &[("max", &max.to_string())])
            }
            UserError::ControlChars => texts.get(lang, "msg.control_chars").to_string(),
            UserError::UnreadableYesNo => texts.get(lang, "msg.unreadable_yesno").to_string(),
            UserError::UnreadableChoice => texts.get(lang, "msg.unreadable_choice").to_string(),
            UserError::UnreadableDate => texts.get(lang, "msg.unreadable_date").to_string(),
            UserError::UnreadableNumber => texts.get(lang, "msg.unreadable_number").to_string(),
            UserError::NotAName(value) => texts.fmt(lang, "msg.not_a_name", &[("value", value)]),
            UserError::DeadlinePassed {
                deadline,
                goal: Some((n, old)),
            } => texts.fmt(
                lang,
                "msg.goal.move_passed",
                &[("n", &n.to_string()), ("deadline", deadline), ("old", old)],
            ),
            UserError::DeadlinePassed { deadline, .. } => {
                texts.fmt(lang, "msg.goal.deadline_passed", &[("deadline", deadline)])
            }
            UserError::NotAPercentage => texts
                .get(lang, "msg.experiment.not_a_percentage")
                .to_string(),
            UserError::NotACount => texts.get(lang, "msg.experiment.not_a_count").to_string(),
            UserError::NegativeMeasure => texts.get(lang, "msg.goal.negative").to_string(),
            UserError::NotAGoal => texts.get(lang, "msg.not_a_goal").to_string(),
            UserError::SeveralNumbers(numbers) => {
                texts.fmt(lang, "msg.several_numbers", &[("numbers", numbers)])
            }
            UserError::UnknownCommand(cmd) => format!(
                "{}\n\n{}",
                texts.fmt(lang, "msg.unknown_command", &[("command", cmd)]),
                texts.get(lang, "msg.help")
            ),
            UserError::NoCommand => texts.get(lang, "msg.no_command").to_string(),
            UserError::ExtraArgs(cmd) => texts.fmt(lang, "msg.arg_extra", &[("command", cmd)]),
            UserError::BadArg { command, usage } => texts.fmt(
                lang,
                "msg.arg_bad",
                &[("command", command), ("usage", usage)],
            ),
            UserError::NotManager { command, platform } => {
                let who = format!("msg.managers.{platform}");
                let who = if texts.has(lang, &who) {
                    texts.get(lang, &who)
                } else {
                    texts.get(lang, "msg.managers.other")
                };
                texts.fmt(
                    lang,
                    "msg.not_manager",
                    &[("command", command), ("managers", who)],
                )
            }
            UserError::StoreFull => texts.get(lang, "msg.store_full").to_string(),
            UserError::AlreadyAnswered { user, label } => texts.fmt(
                lang,
                "msg.already_answered",
                &[("user", user), ("label", label)],
            ),
        }
    }
}
