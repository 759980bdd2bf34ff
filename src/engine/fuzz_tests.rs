//! Fuzzing what reads a user's input before the conversation does: the checks every answer
//! passes (`input.rs`), the command parser (a typed line, a platform's parts), the ids on
//! buttons and menus, and the sentence of every refusal. The whole engine is fuzzed in
//! `fuzz_engine_tests.rs`.

use std::sync::{Arc, LazyLock};

use proptest::prelude::*;

use super::Engine;
use super::command_parse::{ArgValue, build, is_command, parse};
use super::command_spec::CommandSpec;
use super::command_table::COMMANDS;
use super::error::UserError;
use super::input::{clean, is_none, is_stop, numbers, option_number, single_number, yes_no_value};
use super::message::{About, QuickChoice};
use super::tests::engine;
use crate::fuzz::{any_text, fuzz, nasty_texts};
use crate::prompts::Lang;
use crate::scoring::yesno::YesNo;

/// Every check of one line, with the promises each makes.
fn read_line(text: &str, max: usize) -> Result<(), TestCaseError> {
    match clean(text, max) {
        Ok(kept) => {
            prop_assert_eq!(kept, text.trim());
            prop_assert!(kept.chars().count() <= max);
            prop_assert!(!kept.trim().is_empty());
            let controls = kept
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t');
            prop_assert!(!controls, "control characters kept");
        }
        Err(e) => prop_assert!(
            matches!(
                e,
                UserError::Empty | UserError::TooLong { .. } | UserError::ControlChars
            ),
            "{:?}",
            e
        ),
    }
    for n in numbers(text).unwrap_or_default() {
        prop_assert!(n.is_finite(), "{}", n);
    }
    if let Ok(n) = single_number(text) {
        prop_assert!(n.is_finite(), "{}", n);
    }
    for allowed in [&YesNo::ALL[..], &[YesNo::Yes, YesNo::No][..]] {
        if let Ok(v) = yes_no_value(text, allowed) {
            prop_assert!(allowed.iter().any(|a| a.as_str() == v), "{}", v);
        }
    }
    for count in [0, 1, 5] {
        if let Some(i) = option_number(text, count) {
            prop_assert!(i < count);
        }
    }
    let _ = (is_none(text), is_stop(text));
    command_line(text)
}

/// A typed command line: read or refused with a sentence, never a panic.
fn command_line(line: &str) -> Result<(), TestCaseError> {
    match parse(line) {
        Ok(cmd) => {
            prop_assert!(is_command(line));
            let _ = cmd.check_input(2000);
        }
        Err(e) => refusal_is_said(&e)?,
    }
    Ok(())
}

/// One engine for the texts (building one reads the flow and every prompt).
static ENGINE: LazyLock<Arc<Engine>> = LazyLock::new(engine);

/// A refusal has a sentence to say, in every language.
pub(super) fn refusal_is_said(err: &UserError) -> Result<(), TestCaseError> {
    let engine = &*ENGINE;
    for lang in Lang::ALL {
        let text = err.render(engine.texts(), lang);
        prop_assert!(
            !text.trim().is_empty(),
            "{:?} says nothing in {:?}",
            err,
            lang
        );
    }
    Ok(())
}

#[test]
fn fuzz_input_checks_take_the_seed_corpus() {
    for text in nasty_texts() {
        read_line(&text, 2000).unwrap_or_else(|e| panic!("{e} on {:?}", short(&text)));
        for prefix in ["/", "!", "!koers ", "/stap ", "/doel 1 "] {
            command_line(&format!("{prefix}{text}"))
                .unwrap_or_else(|e| panic!("{e} on {prefix}{:?}", short(&text)));
        }
    }
}

#[test]
fn fuzz_input_checks_take_any_text() {
    fuzz(file!(), 256, (any_text(), 0usize..50), |(text, max)| {
        read_line(&text, max)
    });
}

/// Command words from the table, with anything after them.
fn command_lines() -> impl Strategy<Value = String> {
    let mut names: Vec<String> = Vec::new();
    for spec in COMMANDS {
        names.extend([spec.nl, spec.en].map(String::from));
        names.extend(spec.aliases.iter().map(|a| (*a).to_string()));
        for sub in spec.subs {
            names.push(format!("{} {}", spec.nl, sub.nl));
            names.push(format!("{} {}", spec.en, sub.en));
        }
    }
    let args = prop::collection::vec(prop_oneof![any_text(), "-?[0-9]{1,25}", "[a-z]{1,8}"], 0..4);
    (
        prop::sample::select(vec!["/", "!", "!koers ", "!KOERS /", " /"]),
        prop::sample::select(names),
        args,
    )
        .prop_map(|(prefix, name, args)| format!("{prefix}{name} {}", args.join(" ")))
}

#[test]
fn fuzz_command_lines_are_read_or_refused_with_a_sentence() {
    fuzz(file!(), 512, command_lines(), |line| command_line(&line));
}

/// Every command and sub-command of the table.
fn specs() -> Vec<&'static CommandSpec> {
    COMMANDS
        .iter()
        .flat_map(|s| std::iter::once(s).chain(s.subs.iter()))
        .collect()
}

#[test]
fn fuzz_commands_built_from_a_platform_s_parts() {
    let value = prop::option::of(prop_oneof![
        any::<i64>().prop_map(ArgValue::Integer),
        any_text().prop_map(ArgValue::Text),
    ]);
    let parts = (
        prop::sample::select(specs()),
        prop::collection::vec(value, 0..5),
    );
    fuzz(file!(), 512, parts, |(spec, values)| {
        match build(spec, values) {
            Ok(cmd) => {
                let _ = cmd.check_input(2000);
            }
            Err(e) => refusal_is_said(&e)?,
        }
        Ok(())
    });
}

#[test]
fn fuzz_button_and_menu_ids_read_back_or_are_refused() {
    let about = prop_oneof![
        "[a-z_.#0-9]{1,30}".prop_map(About::Question),
        (1i64..i64::MAX).prop_map(|goal| About::Reminder { goal }),
    ];
    let junk = (any_text(), prop::option::of(any_text()));
    fuzz(
        file!(),
        512,
        (about, "[a-z_0-9]{1,12}", junk),
        |(about, choice, (id, picked))| {
            let button = QuickChoice::button_id(&about, &choice);
            let read = QuickChoice::decode(&button, None)
                .map_err(|e| TestCaseError::fail(format!("{button} not read back: {e}")))?;
            prop_assert_eq!(&read.about, &about);
            prop_assert_eq!(&read.choice, &choice);
            prop_assert_eq!(About::decode(&about.encode()), Ok(about.clone()));
            let menu = QuickChoice::menu_id(&about);
            prop_assert_eq!(
                QuickChoice::decode(&menu, Some(&choice)).map(|q| q.about),
                Ok(about)
            );
            if let Err(e) = QuickChoice::decode(&id, picked.as_deref()) {
                refusal_is_said(&e)?;
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_every_refusal_has_a_sentence() {
    let s = any_text;
    let err = prop_oneof![
        Just(UserError::Empty),
        (any::<usize>(), any::<usize>()).prop_map(|(len, max)| UserError::TooLong { len, max }),
        Just(UserError::ControlChars),
        Just(UserError::UnreadableYesNo),
        Just(UserError::UnreadableChoice),
        Just(UserError::UnreadableDate),
        Just(UserError::UnreadableNumber),
        (s(), proptest::option::of((any::<i64>(), s())))
            .prop_map(|(deadline, goal)| { UserError::DeadlinePassed { deadline, goal } }),
        Just(UserError::NotAPercentage),
        Just(UserError::NotACount),
        Just(UserError::NegativeMeasure),
        s().prop_map(UserError::SeveralNumbers),
        Just(UserError::NotAGoal),
        s().prop_map(UserError::NotAName),
        Just(UserError::StoreFull),
        s().prop_map(UserError::UnknownCommand),
        Just(UserError::NoCommand),
        s().prop_map(UserError::ExtraArgs),
        (s(), s()).prop_map(|(command, usage)| UserError::BadArg { command, usage }),
        (s(), s()).prop_map(|(command, platform)| UserError::NotManager { command, platform }),
        (s(), s()).prop_map(|(user, label)| UserError::AlreadyAnswered { user, label }),
    ];
    fuzz(file!(), 256, err, |err| refusal_is_said(&err));
}

fn short(text: &str) -> String {
    text.chars().take(60).collect()
}
