//! The goal-tracking commands as typed: `/doel …`, `/evalueer`, `/sluimer`, `/tijdzone`,
//! `/herinneringen` (with their English aliases).

use super::commands::Command;
use super::error::UserError;

/// What a goal command does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalCommand {
    /// List the team's goals with status and days left.
    List,
    /// Enter a new goal (optionally with its text) through the step-3 questions.
    Add(Option<String>),
    /// Record the current value of goal n.
    Progress(i64, String),
    /// Move goal n's deadline: the new date and the reason, as typed.
    Move(i64, String),
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

fn bad(command: &str, usage: &str) -> UserError {
    UserError::BadArg {
        command: command.to_string(),
        usage: usage.to_string(),
    }
}

fn number(arg: Option<&&str>, command: &str, usage: &str) -> Result<i64, UserError> {
    arg.and_then(|s| s.trim_start_matches('#').parse::<i64>().ok())
        .filter(|n| *n >= 1)
        .ok_or_else(|| bad(command, usage))
}

/// Parse the goal-tracking commands; `None` when `word` is not one of them.
pub(super) fn parse(word: &str, args: &[&str]) -> Option<Result<Command, UserError>> {
    let rest =
        |from: usize| -> Option<String> { (args.len() > from).then(|| args[from..].join(" ")) };
    let cmd = match word {
        "doel" | "doelen" | "goal" | "goals" => {
            let sub = args.first().map(|s| s.to_lowercase()).unwrap_or_default();
            let shown = format!("/{word} {sub}");
            match sub.as_str() {
                "" | "lijst" | "list" => Ok(GoalCommand::List),
                "nieuw" | "new" | "add" | "toevoegen" => Ok(GoalCommand::Add(rest(1))),
                "voortgang" | "progress" => {
                    let usage = format!("/{word} {sub} 2 150");
                    number(args.get(1), &shown, &usage).and_then(|n| {
                        rest(2)
                            .map(|v| GoalCommand::Progress(n, v))
                            .ok_or_else(|| bad(&shown, &usage))
                    })
                }
                "verzet" | "move" | "verplaats" => {
                    let usage = format!("/{word} {sub} 2 30-06-2027 omdat …");
                    number(args.get(1), &shown, &usage).and_then(|n| {
                        rest(2)
                            .map(|v| GoalCommand::Move(n, v))
                            .ok_or_else(|| bad(&shown, &usage))
                    })
                }
                "sluit" | "close" => number(args.get(1), &shown, &format!("/{word} {sub} 2"))
                    .map(|n| GoalCommand::Close(n, rest(2))),
                "schrap" | "drop" => number(args.get(1), &shown, &format!("/{word} {sub} 2"))
                    .map(|n| GoalCommand::Drop(n, rest(2))),
                _ => Err(bad(
                    &format!("/{word}"),
                    &format!("/{word} lijst | nieuw | voortgang | verzet | sluit | schrap"),
                )),
            }
        }
        "evalueer" | "evaluate" => number(args.first(), &format!("/{word}"), &format!("/{word} 2"))
            .and_then(|n| {
                if args.len() > 1 {
                    Err(UserError::ExtraArgs(format!("/{word}")))
                } else {
                    Ok(GoalCommand::Evaluate(n))
                }
            }),
        "sluimer" | "snooze" => {
            let usage = format!("/{word} 2 3");
            number(args.first(), &format!("/{word}"), &usage).and_then(|n| match args.get(1) {
                None => Ok(GoalCommand::Snooze(n, 1)),
                Some(d) => d
                    .parse::<i64>()
                    .ok()
                    .filter(|d| (1..=90).contains(d))
                    .map(|d| GoalCommand::Snooze(n, d))
                    .ok_or_else(|| bad(&format!("/{word}"), &usage)),
            })
        }
        "tijdzone" | "timezone" => match args {
            [] => Ok(GoalCommand::Timezone(None)),
            [zone] => Ok(GoalCommand::Timezone(Some(zone.to_string()))),
            _ => Err(bad(
                &format!("/{word}"),
                &format!("/{word} Europe/Amsterdam"),
            )),
        },
        "herinneringen" | "reminders" => match args {
            [] => Ok(GoalCommand::Reminders(None)),
            _ => Ok(GoalCommand::Reminders(Some(args.join("")))),
        },
        _ => return None,
    };
    Some(cmd.map(Command::Goal))
}

/// The deadline text of a "move" command split from its reason ("… omdat …", "… because …",
/// "…: …", "… — …").
pub(super) fn split_reason(text: &str) -> (&str, Option<&str>) {
    for sep in [
        " omdat ",
        " want ",
        " because ",
        " reden: ",
        " reason: ",
        ": ",
        " — ",
        " - ",
    ] {
        if let Some((date, reason)) = text.split_once(sep) {
            let reason = reason.trim();
            return (date.trim(), (!reason.is_empty()).then_some(reason));
        }
    }
    (text.trim(), None)
}
