//! Reading a command: a typed line ([`parse`]) or a platform's parts ([`build`]) become the
//! same [`Command`], by the rows of [`super::command_table`].

use super::command::{Command, ExportFormat, Forget, ForgetMode, GoalCommand, LinkAction, Listen};
use super::command_spec::{ArgKind, CommandId, CommandSpec};
use super::command_table::COMMANDS;
use super::error::UserError;
use crate::prompts::Lang;
use ArgKind::{Integer, Text};

/// An argument's value, as typed or as a platform's option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgValue {
    /// A whole number (a Discord integer option).
    Integer(i64),
    /// Text.
    Text(String),
}

/// Whether a line names one of koers' commands (after `/`, `!` or `!koers`), even with wrong
/// arguments: platforms where other bots share the `!` prefix answer only these.
pub fn is_command(line: &str) -> bool {
    !matches!(
        parse(line),
        Err(UserError::UnknownCommand(_) | UserError::NoCommand)
    )
}

/// The words of a typed command line after its `/`, `!` or `!koers` prefix.
fn command_words(line: &str) -> Vec<&str> {
    let body = line.trim().trim_start_matches(['/', '!']);
    let mut words: Vec<&str> = body.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case("koers"))
    {
        words.remove(0);
        // `!koers /status` is `/status`.
        if let Some(first) = words.first_mut() {
            *first = first.trim_start_matches('/');
        }
    }
    words
}

/// Parse a typed `/command args` (or `!command`, `!koers command`) line, in any case.
pub fn parse(line: &str) -> Result<Command, UserError> {
    let words = command_words(line);
    let Some(word) = words.first().map(|w| w.to_lowercase()) else {
        return Err(UserError::NoCommand);
    };
    let shown: String = format!("/{word}").chars().take(40).collect();
    let Some(spec) = COMMANDS.iter().find(|s| s.is_called(&word)) else {
        return Err(UserError::UnknownCommand(shown));
    };
    let mut rest = &words[1..];
    let (spec, shown) = if spec.subs.is_empty() {
        (spec, shown)
    } else {
        let sub_word = rest.first().map(|w| w.to_lowercase()).unwrap_or_default();
        match spec.subs.iter().find(|s| s.is_called(&sub_word)) {
            Some(sub) => {
                rest = &rest[1..];
                (sub, format!("{shown} {sub_word}"))
            }
            None if sub_word.is_empty() && spec.first_sub_by_default => (&spec.subs[0], shown),
            None => return Err(bad_arg(&shown, spec)),
        }
    };
    let values = typed_args(spec, rest, &shown)?;
    build(spec, values).map_err(|e| match e {
        UserError::BadArg { .. } => bad_arg(&shown, spec),
        other => other,
    })
}

/// The typed words as argument values: integers take one word, the last text argument takes the
/// rest of the line. A deadline move splits its date from its reason (`… omdat …`).
fn typed_args(
    spec: &CommandSpec,
    words: &[&str],
    shown: &str,
) -> Result<Vec<Option<ArgValue>>, UserError> {
    if spec.args.is_empty() {
        return if words.is_empty() {
            Ok(Vec::new())
        } else {
            Err(UserError::ExtraArgs(shown.to_string()))
        };
    }
    let mut values = Vec::with_capacity(spec.args.len());
    let mut i = 0;
    for (n, a) in spec.args.iter().enumerate() {
        let last_text = a.kind == Text && spec.args[n + 1..].iter().all(|b| b.kind != Text);
        let value = match a.kind {
            _ if i >= words.len() => None,
            // A step number is read by `step`, which takes any whole number.
            Integer if spec.id == CommandId::Step => {
                i += 1;
                Some(ArgValue::Text(words[i - 1].to_string()))
            }
            Integer => {
                let w = words[i].trim_start_matches('#');
                i += 1;
                Some(
                    w.parse::<i64>()
                        .map(ArgValue::Integer)
                        .map_err(|_| bad_arg(shown, spec))?,
                )
            }
            Text if spec.id == CommandId::GoalMove => {
                let rest = words[i..].join(" ");
                i = words.len();
                let (date, reason) = split_reason(&rest);
                values.push(Some(ArgValue::Text(date.to_string())));
                values.push(reason.map(|r| ArgValue::Text(r.to_string())));
                break;
            }
            Text if last_text => {
                let rest = words[i..].join(" ");
                i = words.len();
                Some(ArgValue::Text(rest))
            }
            Text => {
                i += 1;
                Some(ArgValue::Text(words[i - 1].to_string()))
            }
        };
        values.push(value);
    }
    if i < words.len() {
        return Err(bad_arg(shown, spec));
    }
    Ok(values)
}

fn bad_arg(shown: &str, spec: &CommandSpec) -> UserError {
    UserError::BadArg {
        command: shown.to_string(),
        usage: usage(shown, spec),
    }
}

/// `/taal nl | /taal en`: the command with each example.
fn usage(shown: &str, spec: &CommandSpec) -> String {
    spec.examples
        .iter()
        .map(|e| format!("{shown} {e}").trim_end().to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Argument values in a row's order, taken one by one.
struct Args(std::vec::IntoIter<Option<ArgValue>>);

impl Args {
    fn next(&mut self) -> Option<ArgValue> {
        self.0.next().flatten()
    }

    /// A number of at least 1 (a goal or answer number).
    fn number(&mut self) -> Option<i64> {
        match self.next()? {
            ArgValue::Integer(n) => Some(n),
            ArgValue::Text(t) => t.trim().trim_start_matches('#').parse().ok(),
        }
        .filter(|n| *n >= 1)
    }

    /// Text that is not blank.
    fn text(&mut self) -> Option<String> {
        match self.next()? {
            ArgValue::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            ArgValue::Text(_) => None,
            ArgValue::Integer(n) => Some(n.to_string()),
        }
    }
}

/// Build the command of a table row from its argument values (in the row's order; missing
/// ones `None`). Discord slash commands come here straight from their options.
pub fn build(spec: &CommandSpec, values: Vec<Option<ArgValue>>) -> Result<Command, UserError> {
    use CommandId as C;
    let mut args = Args(values.into_iter());
    let built = match spec.id {
        C::Start => Some(Command::Start),
        C::Status => Some(Command::Status),
        C::Picture => Some(Command::Picture),
        C::Skip => Some(Command::Skip),
        C::Back => Some(Command::Back),
        C::Export => match args.text() {
            None => Some(Command::Export(ExportFormat::Markdown)),
            Some(format) => ExportFormat::parse(&format).map(Command::Export),
        },
        C::NewRound => Some(Command::NewRound),
        C::Help => Some(Command::Help),
        C::Privacy => Some(Command::Privacy),
        C::MyData => Some(Command::MyData),
        C::Listen => listen(&mut args),
        C::Change => change(&mut args),
        C::Step => step(&mut args),
        C::Language => args
            .text()
            .and_then(|code| Lang::parse(&code))
            .map(Command::Language),
        C::ForgetMe => forget_me(&mut args),
        C::Example => example(&mut args),
        C::Delete | C::DeleteTeam => Some(Command::DeleteTeam(args.text())),
        C::Link => match args.text() {
            None => Some(Command::Link(LinkAction::Show)),
            Some(action) => LinkAction::parse(&action).map(Command::Link),
        },
        goal => goal_command(goal, &mut args).map(Command::Goal),
    };
    built.ok_or_else(|| bad_arg(&full_name(spec), spec))
}

/// How a row is called in full, in Dutch (`/doel voortgang`).
fn full_name(spec: &CommandSpec) -> String {
    match COMMANDS
        .iter()
        .find(|c| c.subs.iter().any(|s| s.id == spec.id))
    {
        Some(parent) => format!("/{} {}", parent.nl, spec.nl),
        None => format!("/{}", spec.nl),
    }
}

/// `/luisteren [modus]`; `None`: a mode koers does not know.
fn listen(args: &mut Args) -> Option<Command> {
    match args.text() {
        None => Some(Command::Listen(None)),
        Some(mode) => listen_mode(&mode).map(|m| Command::Listen(Some(m))),
    }
}

/// `/wijzig [n]`; `None`: not an answer number.
fn change(args: &mut Args) -> Option<Command> {
    match args.next() {
        None => Some(Command::Change(None)),
        Some(ArgValue::Integer(n)) => usize::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .map(|n| Command::Change(Some(n))),
        Some(ArgValue::Text(_)) => None,
    }
}

/// `/stap n`; `None`: not a whole number. Any whole number is a step to the parser, even one
/// too long for an `i64`: which steps exist, the engine knows and says.
fn step(args: &mut Args) -> Option<Command> {
    match args.next()? {
        ArgValue::Integer(n) => Some(Command::Step(n.to_string())),
        ArgValue::Text(t) => whole_number(&t).map(Command::Step),
    }
}

/// `t` as a whole number written plainly (`"+007"` is `"7"`, `"-0"` is `"0"`), of any length;
/// `None` when it is not one.
fn whole_number(t: &str) -> Option<String> {
    let t = t.trim().trim_start_matches('#');
    let (minus, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    Some(match (minus, digits.is_empty()) {
        (_, true) => "0".to_string(),
        (true, false) => format!("-{digits}"),
        (false, false) => digits.to_string(),
    })
}

/// `/voorbeeld [naam]`; `None`: a practice the guide does not have.
fn example(args: &mut Args) -> Option<Command> {
    match args.text() {
        None => Some(Command::Example(None)),
        Some(name) => super::examples::Example::parse(&name).map(|e| Command::Example(Some(e))),
    }
}

/// `/vergeetmij [1|2 [ja]]`; `None`: a way or a confirmation koers does not know.
fn forget_me(args: &mut Args) -> Option<Command> {
    let Some(text) = args.text() else {
        return Some(Command::ForgetMe(Forget::Choose));
    };
    let mut words = text.split_whitespace();
    let mode = ForgetMode::parse(words.next()?)?;
    let step = match words.next().map(str::to_lowercase).as_deref() {
        None => Forget::Explain(mode),
        Some("ja" | "yes") => Forget::Confirmed(mode),
        Some(_) => return None,
    };
    words.next().is_none().then_some(Command::ForgetMe(step))
}

/// A goal command from its arguments; `None`: an argument it cannot read.
fn goal_command(id: CommandId, args: &mut Args) -> Option<GoalCommand> {
    use CommandId as C;
    Some(match id {
        C::Goal | C::GoalList => GoalCommand::List,
        C::GoalAdd => GoalCommand::Add(args.text()),
        C::GoalProgress => {
            let n = args.number()?;
            let value = args.text()?;
            // A value with no number koers can hold (none, 400 digits, 1e400) says how to use
            // the command, like every other argument it cannot read.
            super::input::numbers(&value).filter(|found| !found.is_empty())?;
            GoalCommand::Progress(n, value)
        }
        C::GoalMove => {
            let n = args.number()?;
            let date = args.text()?;
            GoalCommand::Move(n, date, args.text())
        }
        C::GoalClose => GoalCommand::Close(args.number()?, args.text()),
        C::GoalDrop => GoalCommand::Drop(args.number()?, args.text()),
        C::Evaluate => GoalCommand::Evaluate(args.number()?),
        C::Snooze => {
            let n = args.number()?;
            let days = match args.next() {
                None => 1,
                Some(ArgValue::Integer(d)) if (1..=90).contains(&d) => d,
                Some(_) => return None,
            };
            GoalCommand::Snooze(n, days)
        }
        C::Timezone => GoalCommand::Timezone(args.text()),
        // "7, 1", "7,1" and "7 1" are the same days: a space separates as a comma does.
        C::Reminders => GoalCommand::Reminders(args.text().map(|d| {
            d.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|day| !day.is_empty())
                .collect::<Vec<_>>()
                .join(",")
        })),
        // The commands that are not about goals; `build` reads them.
        C::Start
        | C::Status
        | C::Picture
        | C::Skip
        | C::Back
        | C::Export
        | C::NewRound
        | C::Help
        | C::Privacy
        | C::Listen
        | C::Change
        | C::Step
        | C::Language
        | C::ForgetMe
        | C::Example
        | C::Delete
        | C::DeleteTeam
        | C::MyData
        | C::Link => return None,
    })
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

/// A listening mode as typed, Dutch or English.
fn listen_mode(word: &str) -> Option<Listen> {
    match word.trim().to_lowercase().as_str() {
        "alles" | "all" | "everything" => Some(Listen::All),
        "antwoorden" | "replies" | "answers" | "vermeldingen" | "mentions" => Some(Listen::Replies),
        _ => None,
    }
}
