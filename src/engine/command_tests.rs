//! Tests of the command table: every spelling becomes the same command, a platform's parts
//! build the typed one, and every row and name is unique (who may give a command:
//! `command_access_tests.rs`).

use super::*;
use crate::engine::ArgValue;
use crate::engine::command_parse::{build, is_command, parse};
use crate::engine::command_spec::CommandSpec;
use crate::engine::command_table::COMMANDS;

#[test]
fn commands_parse_in_both_languages() {
    let cases = [
        ("/start", Command::Start),
        ("/status", Command::Status),
        ("/overslaan", Command::Skip),
        ("/skip", Command::Skip),
        ("/terug", Command::Back),
        ("/BACK", Command::Back),
        ("/wijzig", Command::Change(None)),
        ("/change 3", Command::Change(Some(3))),
        ("/taal en", Command::Language(Lang::En)),
        ("/language nederlands", Command::Language(Lang::Nl)),
        ("/export", Command::Export(ExportFormat::Markdown)),
        ("/export json", Command::Export(ExportFormat::Json)),
        ("/exporteer JSON", Command::Export(ExportFormat::Json)),
        ("/export md", Command::Export(ExportFormat::Markdown)),
        ("/nieuw", Command::NewRound),
        ("/help", Command::Help),
        ("!koers status", Command::Status),
        ("!KOERS /status", Command::Status),
        ("!hulp", Command::Help),
        ("/doel", Command::Goal(GoalCommand::List)),
        (
            "/DOEL Verzet #2 eind juni 2027 omdat de zaal later vrij is",
            Command::Goal(GoalCommand::Move(
                2,
                "eind juni 2027".into(),
                Some("de zaal later vrij is".into()),
            )),
        ),
        (
            "/goal move 2 30-06-2027",
            Command::Goal(GoalCommand::Move(2, "30-06-2027".into(), None)),
        ),
        (
            "/doel voortgang 1 ongeveer 150 bezoekers",
            Command::Goal(GoalCommand::Progress(1, "ongeveer 150 bezoekers".into())),
        ),
        (
            "/doel schrap 3 te duur",
            Command::Goal(GoalCommand::Drop(3, Some("te duur".into()))),
        ),
        ("/sluimer 2", Command::Goal(GoalCommand::Snooze(2, 1))),
        ("/snooze 2 5", Command::Goal(GoalCommand::Snooze(2, 5))),
        (
            "/herinneringen 7, 1",
            Command::Goal(GoalCommand::Reminders(Some("7,1".into()))),
        ),
        (
            "/reminders 7 1",
            Command::Goal(GoalCommand::Reminders(Some("7,1".into()))),
        ),
        ("/tijdzone", Command::Goal(GoalCommand::Timezone(None))),
        (
            "/vergeetmij 1 ja",
            Command::ForgetMe(Forget::Confirmed(ForgetMode::Anonymise)),
        ),
        (
            "/forgetme delete",
            Command::ForgetMe(Forget::Explain(ForgetMode::Delete)),
        ),
        ("/forgetme", Command::ForgetMe(Forget::Choose)),
        ("/mijndata", Command::MyData),
        ("/mydata", Command::MyData),
    ];
    for (line, cmd) in cases {
        assert_eq!(parse(line), Ok(cmd), "{line}");
    }
}

#[test]
fn bad_commands_say_what_is_wrong() {
    assert!(
        matches!(parse("/frobnicate"), Err(UserError::UnknownCommand(c)) if c == "/frobnicate")
    );
    for bare in ["/", "//", "!", "! "] {
        assert_eq!(parse(bare), Err(UserError::NoCommand), "{bare:?}");
        assert!(!is_command(bare), "{bare:?} names no command");
    }
    assert_eq!(
        parse("/status nu"),
        Err(UserError::ExtraArgs("/status".into()))
    );
    assert!(matches!(
        parse("/wijzig drie"),
        Err(UserError::BadArg { .. })
    ));
    assert!(matches!(parse("/wijzig 0"), Err(UserError::BadArg { .. })));
    assert!(matches!(
        parse("/wijzig 1 2"),
        Err(UserError::BadArg { .. })
    ));
    assert!(matches!(parse("/taal"), Err(UserError::BadArg { .. })));
    assert!(matches!(parse("/taal fr"), Err(UserError::BadArg { .. })));
    assert!(matches!(
        parse("/doel vlieg"),
        Err(UserError::BadArg { .. })
    ));
    assert!(matches!(
        parse("/sluimer 2 0"),
        Err(UserError::BadArg { .. })
    ));
    let long = format!("/{}", "x".repeat(10_000));
    assert!(matches!(parse(&long), Err(UserError::UnknownCommand(c)) if c.len() <= 40));
    // A 400-digit number is a refusal that says how to use the command.
    let huge = "9".repeat(400);
    for line in [
        format!("/wijzig {huge}"),
        format!("/doel sluit {huge}"),
        format!("/sluimer 1 {huge}"),
        format!("/evalueer {huge}"),
    ] {
        assert!(
            matches!(parse(&line), Err(UserError::BadArg { .. })),
            "{}",
            &line[..20]
        );
    }
}

/// Every spelling a person may type for a row: Dutch, English and alias names, each as `/`,
/// `!`, `!koers` and upper case.
fn spellings(spec: &CommandSpec, parent: Option<&CommandSpec>) -> Vec<String> {
    let names = |s: &CommandSpec| {
        let mut v = vec![s.nl.to_string(), s.en.to_string()];
        v.extend(s.aliases.iter().map(|a| (*a).to_string()));
        v
    };
    let words: Vec<String> = match parent {
        Some(p) => names(p)
            .into_iter()
            .flat_map(|pw| names(spec).into_iter().map(move |w| format!("{pw} {w}")))
            .collect(),
        None => names(spec),
    };
    words
        .into_iter()
        .flat_map(|w| {
            [
                format!("/{w}"),
                format!("!{w}"),
                format!("!koers {w}"),
                format!("/{}", w.to_uppercase()),
                format!("!KOERS {}", w.to_uppercase()),
            ]
        })
        .collect()
}

/// Arguments that make each row's command valid when typed after it.
fn typed_args(spec: &CommandSpec) -> &'static str {
    use crate::engine::CommandId as C;
    match spec.id {
        C::GoalMove => " 1 30-06-2027 omdat het later kan",
        C::GoalClose | C::GoalDrop | C::Evaluate | C::Snooze | C::Step => " 1",
        C::GoalProgress => " 1 150",
        C::Language => " en",
        C::Timezone => " Europe/London",
        C::Reminders => " 3",
        _ => "",
    }
}

#[test]
fn every_spelling_of_every_command_is_the_same_command() {
    for spec in COMMANDS {
        let rows: Vec<(&CommandSpec, Option<&CommandSpec>)> = if spec.subs.is_empty() {
            vec![(spec, None)]
        } else {
            spec.subs.iter().map(|s| (s, Some(spec))).collect()
        };
        for (row, parent) in rows {
            let all = spellings(row, parent);
            let first = parse(&format!("{}{}", all[0], typed_args(row)));
            assert!(first.is_ok(), "{}: {first:?}", all[0]);
            for line in &all {
                let line = format!("{line}{}", typed_args(row));
                assert_eq!(parse(&line), first, "{line}");
            }
        }
    }
}

#[test]
fn a_platform_built_command_equals_the_typed_one() {
    let spec = Command::Goal(GoalCommand::Move(1, String::new(), None)).spec();
    let built = build(
        spec,
        vec![
            Some(ArgValue::Integer(2)),
            Some(ArgValue::Text("30-06-2027".into())),
            Some(ArgValue::Text("de zaal is later vrij".into())),
        ],
    );
    assert_eq!(
        built,
        parse("/doel verzet 2 30-06-2027 omdat de zaal is later vrij")
    );
    assert!(built.expect("built").needs_manager());
    assert!(matches!(
        build(spec, vec![Some(ArgValue::Integer(0)), None, None]),
        Err(UserError::BadArg { .. })
    ));
}

#[test]
fn command_text_follows_the_rules_of_answers() {
    let long = Command::Goal(GoalCommand::Add(Some("x".repeat(2001))));
    assert!(matches!(
        long.check_input(2000),
        Err(UserError::TooLong { .. })
    ));
    let escape = Command::Goal(GoalCommand::Drop(1, Some("weg\u{1b}[2J".into())));
    assert_eq!(escape.check_input(2000), Err(UserError::ControlChars));
    let fine = Command::Goal(GoalCommand::Progress(1, "150".into()));
    assert_eq!(fine.check_input(2000), Ok(()));
}

#[test]
fn every_command_has_exactly_one_row_and_unique_names() {
    let rows: Vec<&CommandSpec> = COMMANDS
        .iter()
        .flat_map(|c| std::iter::once(c).chain(c.subs.iter()))
        .collect();
    for row in &rows {
        assert_eq!(CommandSpec::of(row.id).id, row.id, "{}", row.nl);
        assert_eq!(
            rows.iter().filter(|r| r.id == row.id).count(),
            1,
            "{}",
            row.nl
        );
    }
    // A typed word names one top-level command only.
    let mut words: Vec<&str> = COMMANDS
        .iter()
        .flat_map(|c| [c.nl, c.en].into_iter().chain(c.aliases.iter().copied()))
        .collect();
    words.sort_unstable();
    let before = words.len();
    // Dutch and English names may be the same word for one command (`/status`).
    words.dedup();
    let same_word: usize = COMMANDS.iter().filter(|c| c.nl == c.en).count();
    assert_eq!(before - words.len(), same_word, "a word names two commands");
}
