//! Fuzzing the scorers: every reader of free text takes any text (the seed corpus of nasty
//! inputs first, then random text) without panicking, and keeps its promises (an option index
//! in range, a score within its maximum, a written date read back as that date).

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::choice::match_choice;
use super::level::experience_level;
use super::normalize::{normalize, words};
use super::overlap::content_words;
use super::smart::number::parse_number;
use super::smart::{SmartScore, find_owner, find_target, parse_deadline, score_goal};
use super::statement::{StatementScore, score_statement};
use super::yesno::{YesNo, parse_yes_no};
use crate::fuzz::{any_text, fuzz, nasty_texts};

const TODAY: Date = date(2026, 11, 25);

/// Every scorer on one text; panics (a failure) when a promise is broken.
fn score_all(text: &str) -> Result<(), TestCaseError> {
    let yes_no = parse_yes_no(text);
    if let Some(v) = yes_no {
        prop_assert_eq!(YesNo::parse_stored(v.as_str()), Some(v));
    }
    let smart = score_goal(text, TODAY);
    prop_assert!(smart.score() <= SmartScore::MAX);
    prop_assert_eq!(smart.time_bound, smart.deadline.is_some());
    if let Some(target) = &smart.target {
        prop_assert!(
            target.value.is_finite() && target.value > 0.0,
            "{:?}",
            target
        );
    }
    for focus in [None, Some("marketing"), Some(text)] {
        let statement = score_statement(text, focus);
        prop_assert!(statement.score() <= StatementScore::MAX);
    }
    prop_assert_eq!(parse_deadline(text, TODAY), smart.deadline);
    let _ = (find_owner(text), find_target(text), content_words(text));
    let normal = normalize(text);
    prop_assert_eq!(
        normalize(&normal),
        normal.clone(),
        "normalize is idempotent"
    );
    prop_assert!(words(text).iter().all(|w| !w.is_empty()));
    if let Some(n) = parse_number(text) {
        prop_assert!(n.is_finite());
    }
    Ok(())
}

/// The scorers only ever see answers the engine let through (`max_answer_chars`, 2000 by
/// default), so the megabyte seeds are cut to [`LONGEST`] characters here; the engine's fuzz
/// test sends them whole.
const LONGEST: usize = 8000;

#[test]
fn fuzz_scorers_take_the_seed_corpus() {
    for text in nasty_texts() {
        let text: String = text.chars().take(LONGEST).collect();
        score_all(&text).unwrap_or_else(|e| panic!("{e} on seed {:?}", short(&text)));
    }
}

#[test]
fn fuzz_scorers_take_any_text() {
    fuzz(file!(), 256, any_text(), |text| score_all(&text));
}

#[test]
fn fuzz_choice_picks_an_option_that_exists_or_none() {
    let options = prop::collection::vec(prop::collection::vec(any_text(), 0..4), 0..6);
    fuzz(file!(), 256, (any_text(), options), |(text, options)| {
        if let Some(i) = match_choice(&text, &options) {
            prop_assert!(i < options.len());
        }
        Ok(())
    });
}

#[test]
fn fuzz_experience_level_counts_what_it_is_given() {
    let answer = prop::option::of(prop::sample::select(YesNo::ALL.to_vec()));
    fuzz(
        file!(),
        256,
        prop::collection::vec(answer, 0..40),
        |answers| {
            let (points, _) = experience_level(&answers);
            prop_assert!(points <= answers.len(), "{} points", points);
            Ok(())
        },
    );
}

/// A date written the ways people write it, and read back as that date.
#[test]
fn fuzz_a_written_date_reads_back_as_that_date() {
    let day = (2000i16..2200, 1i8..=12, 1i8..=31)
        .prop_filter_map("a real date", |(y, m, d)| Date::new(y, m, d).ok());
    let written = (
        day,
        0usize..4,
        "[ ]{0,2}",
        "(uiterlijk |by |vóór |deadline: )?",
    );
    fuzz(file!(), 512, written, |(day, form, pad, word)| {
        let (y, m, d) = (day.year(), day.month(), day.day());
        let text = match form {
            0 => format!("{d}-{m}-{y}"),
            1 => format!("{d:02}/{m:02}/{y}"),
            2 => format!("{y}-{m:02}-{d:02}"),
            _ => format!("{d}.{m}.{y}"),
        };
        // "vóór" makes it the day before.
        let expected = if word.starts_with('v') {
            day.yesterday().ok()
        } else {
            Some(day)
        };
        let read = parse_deadline(&format!("{pad}{word}{text}{pad}"), TODAY);
        if form == 3 {
            // Dots are not a date form koers promises to read; only no wrong date.
            prop_assert!(
                read.is_none() || read == expected,
                "{} read as {:?}",
                text,
                read
            );
        } else {
            prop_assert_eq!(read, expected, "{}", text);
        }
        Ok(())
    });
}

/// A date that does not exist (31 February) is never read as some other day.
#[test]
fn fuzz_an_impossible_date_is_no_date() {
    let impossible = (2000i16..2200, 1i8..=12, 29i8..=35)
        .prop_filter("not a date", |(y, m, d)| Date::new(*y, *m, *d).is_err());
    fuzz(file!(), 256, impossible, |(y, m, d)| {
        for text in [format!("{d}-{m}-{y}"), format!("{y}-{m:02}-{d:02}")] {
            prop_assert_eq!(parse_deadline(&text, TODAY), None, "{}", text);
        }
        Ok(())
    });
}

fn short(text: &str) -> String {
    text.chars().take(60).collect()
}
