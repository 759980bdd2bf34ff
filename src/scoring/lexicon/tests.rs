//! Tests of the word lists: the embedded files load, every entry is normalised, a broken file
//! is refused with its name and key, and the shared audience words reach both scorers.

use super::merge::{SOURCES, from_sources};
use super::*;
use crate::scoring::normalize::normalize;

/// Every word in a file: the strings in its arrays and the keys of its word = number tables,
/// each with its dotted key. Walks the TOML itself, not the loader, so a list the loader
/// forgot is still checked.
fn raw_words(text: &str) -> Vec<(String, String)> {
    fn walk(key: &str, value: &toml::Value, out: &mut Vec<(String, String)>) {
        match value {
            toml::Value::String(word) => out.push((key.to_owned(), word.clone())),
            toml::Value::Array(items) => items.iter().for_each(|item| walk(key, item, out)),
            toml::Value::Table(table) => {
                for (name, value) in table {
                    let inner = if key.is_empty() {
                        name.clone()
                    } else {
                        format!("{key}.{name}")
                    };
                    if value.is_integer() {
                        out.push((key.to_owned(), name.clone()));
                    }
                    walk(&inner, value, out);
                }
            }
            _ => {}
        }
    }
    let table: toml::Table = toml::from_str(text).expect("valid TOML");
    let mut out = Vec::new();
    walk("", &toml::Value::Table(table), &mut out);
    out
}

#[test]
fn the_embedded_lists_load() {
    load_word_lists().expect("word lists load");
    assert!(lists().yesno.phrases.len() > 100);
}

#[test]
fn every_entry_in_the_files_is_normalised() {
    for (name, text) in SOURCES {
        let words = raw_words(text);
        assert!(words.len() > 400, "{name}: only {} words", words.len());
        for (key, word) in words {
            assert!(!word.is_empty(), "{name}: {key}: empty entry");
            assert_eq!(normalize(&word), word, "{name}: {key}: {word:?}");
        }
    }
}

#[test]
fn every_word_the_scorers_read_is_normalised() {
    // Destructured without `..`, so a new list must be added here to compile.
    let WordLists {
        yesno,
        statement,
        smart,
        numbers,
        calendar,
        overlap_stop,
    } = lists();
    let YesNoWords {
        phrases,
        openers,
        links,
        reservations,
        widening,
        negators,
        qualifiers,
        not_yet,
        bare_yes,
        bare_no,
    } = yesno;
    let StatementWords {
        question_openers,
        question_phrases,
        lead_ins,
        glue,
        age_units,
        age_bounds,
        articles,
        audience,
        knowable,
        focus,
    } = statement;
    let SmartWords {
        what,
        group,
        place,
        programme,
        channel,
        count_fillers,
        amount_units,
        quantity,
        not_places,
        labels,
        whole_offer,
        measures,
        person_endings,
        change_verbs,
        not_counted,
        up_words,
        down_words,
        not_direction_after,
        owner,
    } = smart;
    let CalendarWords {
        months,
        units,
        seasons,
        christmas,
    } = calendar;
    let plain: [List; 31] = [
        openers,
        links,
        reservations,
        widening,
        negators,
        qualifiers,
        not_yet,
        bare_yes,
        bare_no,
        question_openers,
        question_phrases,
        lead_ins,
        glue,
        age_units,
        age_bounds,
        articles,
        count_fillers,
        amount_units,
        quantity,
        not_places,
        labels,
        whole_offer,
        measures,
        person_endings,
        change_verbs,
        not_counted,
        up_words,
        down_words,
        not_direction_after,
        christmas,
        overlap_stop,
    ];
    let owners = [owner.stop, owner.not_a_start, owner.placeholders];
    let lexicons = [audience, knowable, what, group, place, programme, channel]
        .into_iter()
        .chain(focus.iter().map(|(_, lexicon)| lexicon));
    let valued = [
        numbers.words,
        numbers.multipliers,
        numbers.abbreviations,
        seasons,
    ];
    let words = plain
        .into_iter()
        .chain(owners)
        .flat_map(|list| list.iter().copied())
        .chain(phrases.iter().map(|(phrase, _)| *phrase))
        .chain(lexicons.flat_map(Lexicon::entries))
        .chain(valued.into_iter().flatten().map(|(word, _)| *word))
        .chain(months.iter().map(|name| name.word))
        .chain(units.iter().map(|unit| unit.word));
    let mut count = 0;
    for word in words {
        assert!(!word.is_empty());
        assert_eq!(normalize(word), word, "{word:?} is not normalised");
        count += 1;
    }
    let in_files: usize = SOURCES.iter().map(|(_, text)| raw_words(text).len()).sum();
    // The shared [audience] words are read twice (statement and SMART); `needs_day` repeats
    // month names.
    assert!(
        count >= in_files,
        "the scorers read {count} of {in_files} words"
    );
}

/// The error for the embedded files with `from` replaced by `to` in the Dutch one.
fn broken(from: &str, to: &str) -> String {
    let (nl, en) = (SOURCES[0], SOURCES[1]);
    assert!(nl.1.contains(from), "{from:?} is not in nl.toml");
    let text = nl.1.replacen(from, to, 1);
    match from_sources(&[(nl.0, &text), en]) {
        Ok(_) => panic!("{from:?} → {to:?} was accepted"),
        Err(err) => format!("{err:#}"),
    }
}

#[test]
fn a_broken_file_is_refused_naming_file_and_key() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "openers = [\"nou\"",
            "openers = [\"Nou\"",
            &[
                "prompts/lexicon/nl.toml",
                "yesno.openers",
                "\"Nou\"",
                "\"nou\"",
            ],
        ),
        (
            "whole_word = [\"lid\"]",
            "whole_word = [\"lid \"]",
            &["nl.toml", "statement.audience.whole_word", "\"lid \""],
        ),
        (
            "bare_yes = [\"ja\"",
            "bare_yes = [\"yes\", \"ja\"",
            &[
                "prompts/lexicon/en.toml",
                "yesno.bare_yes",
                "\"yes\"",
                "twice",
            ],
        ),
        (
            "inside = [\n    \"doelgroep\"",
            "inside = [\n    \"bezoeker\", \"doelgroep\"",
            &["statement.audience.inside", "\"bezoeker\"", "twice"],
        ),
        ("[smart.owner]", "[smart.ownr]", &["nl.toml", "ownr"]),
        ("stop = [", "stops = [", &["nl.toml", "stops"]),
        (
            "mei = 5",
            "mei = 13",
            &["nl.toml", "calendar.months", "mei"],
        ),
        (
            "needs_day = [\"jan\"]",
            "needs_day = [\"jann\"]",
            &["calendar.needs_day", "jann"],
        ),
        (
            "[yesno]",
            "[yesno",
            &["prompts/lexicon/nl.toml is not valid"],
        ),
        ("twee = 2", "twee = \"2\"", &["nl.toml", "twee"]),
    ];
    for (from, to, want) in cases {
        let err = broken(from, to);
        for part in *want {
            assert!(
                err.contains(part),
                "{from:?} → {to:?}: {err:?} lacks {part:?}"
            );
        }
    }
}

#[test]
fn a_list_empty_in_every_file_is_refused() {
    let drop_line = |text: &str, start: &str| -> String {
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with(start)).collect();
        lines.join("\n")
    };
    let nl = drop_line(SOURCES[0].1, "lead_ins = ");
    let en = drop_line(SOURCES[1].1, "lead_ins = ");
    assert!(from_sources(&[(SOURCES[0].0, &nl), SOURCES[1]]).is_ok());
    let err = from_sources(&[(SOURCES[0].0, &nl), (SOURCES[1].0, &en)])
        .err()
        .map(|err| format!("{err:#}"));
    assert_eq!(
        err.as_deref(),
        Some("statement.lead_ins is empty in every file")
    );
}

#[test]
fn the_audience_words_are_listed_once_and_read_by_both_scorers() {
    let shared: Vec<String> = SOURCES
        .iter()
        .flat_map(|(_, text)| raw_words(text))
        .filter(|(key, _)| key.starts_with("audience."))
        .map(|(_, word)| word)
        .collect();
    assert!(shared.len() > 20, "{shared:?}");
    let others: Vec<String> = SOURCES
        .iter()
        .flat_map(|(_, text)| raw_words(text))
        .filter(|(key, _)| {
            key.starts_with("statement.audience.") || key.starts_with("smart.group.")
        })
        .map(|(_, word)| word)
        .collect();
    let statement: Vec<&str> = lists().statement.audience.entries().collect();
    let group: Vec<&str> = lists().smart.group.entries().collect();
    for word in &shared {
        assert!(!others.contains(word), "{word:?} is listed again");
        assert!(
            statement.contains(&word.as_str()),
            "statement lacks {word:?}"
        );
        assert!(group.contains(&word.as_str()), "SMART lacks {word:?}");
    }
}

#[test]
fn every_focus_area_has_words() {
    let ids: Vec<&str> = lists().statement.focus.iter().map(|(id, _)| *id).collect();
    let want = [
        "strategy",
        "programming",
        "marketing",
        "experience",
        "operations",
    ];
    assert_eq!(ids, want);
    for (id, lexicon) in lists().statement.focus {
        assert!(
            !lexicon.inside.is_empty() && !lexicon.word_start.is_empty(),
            "{id}"
        );
    }
}

#[test]
fn found_in_table() {
    let lexicon = Lexicon::new(
        vec!["bezoeker".into()],
        vec!["visitor".into(), "how many".into()],
        vec!["pers".into()],
    )
    .expect("lexicon");
    let cases = [
        (" museumbezoekers ", true),
        (" bezoeker ", true),
        (" visitors ", true),
        (" museumvisitors ", false),
        (" pers ", true),
        (" personeel ", false),
        (" how many ", true),
        (" how ", false),
        (" ", false),
    ];
    for (padded, want) in cases {
        assert_eq!(lexicon.found_in(padded), want, "found_in({padded:?})");
    }
}

#[test]
fn smart_found_in_table() {
    let smart = &lists().smart;
    let cases = [
        (&smart.what, " museumbezoekers ", true),
        (&smart.what, " tickets ", true),
        (&smart.what, " leden ", true),
        (&smart.what, " drie jaar geleden ", false),
        (&smart.what, " visitors ", true),
        (&smart.channel, " app ", true),
        (&smart.channel, " applaus ", false),
        (&smart.channel, " instagramvolgers ", true),
        (&smart.place, " uit de gemeente ", true),
        (&smart.programme, " jeugdvoorstelling ", true),
        (&smart.group, " first time visitors ", true),
        (&smart.group, " ", false),
    ];
    for (lexicon, padded, want) in cases {
        assert_eq!(lexicon.found_in(padded), want, "found_in({padded:?})");
    }
}
