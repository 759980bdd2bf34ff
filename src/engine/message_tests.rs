//! Tests of what a reply is about and of the quick-choice ids platforms carry.

use super::*;
use crate::engine::tests::Chat;

fn chosen(about: About, choice: &str) -> QuickChoice {
    QuickChoice {
        about,
        choice: choice.into(),
    }
}

fn question(key: &str) -> About {
    About::Question(key.into())
}

#[test]
fn ids_are_the_ones_koers_has_always_posted() {
    // As the platforms built them before the engine supplied them: `k|<key>|<choice>`,
    // `k|goal#<n>|<action>` and `s|<key>`.
    assert_eq!(
        QuickChoice::button_id(&question("data.level.crm"), "yes"),
        "k|data.level.crm|yes"
    );
    assert_eq!(
        QuickChoice::button_id(&About::Reminder { goal: 12 }, "snooze"),
        "k|goal#12|snooze"
    );
    assert_eq!(
        QuickChoice::menu_id(&question("question.focus")),
        "s|question.focus"
    );
    assert_eq!(About::Reminder { goal: 1 }.encode(), "goal#1");
    assert_eq!(question("question.focus").encode(), "question.focus");
}

#[test]
fn ids_posted_before_read_back() {
    let old = [
        (
            "k|data.level.crm|yes",
            None,
            chosen(question("data.level.crm"), "yes"),
        ),
        (
            "k|goal#1|snooze",
            None,
            chosen(About::Reminder { goal: 1 }, "snooze"),
        ),
        (
            "k|goal#7|move",
            None,
            chosen(About::Reminder { goal: 7 }, "move"),
        ),
        (
            "k|goal#1|evaluate",
            None,
            chosen(About::Reminder { goal: 1 }, "evaluate"),
        ),
        // A flow key with `goal#` inside it is a question, not a reminder.
        (
            "k|action.action#1.goal#1|no",
            None,
            chosen(question("action.action#1.goal#1"), "no"),
        ),
        (
            "s|question.focus",
            Some("strategy"),
            chosen(question("question.focus"), "strategy"),
        ),
    ];
    for (id, picked, want) in old {
        assert_eq!(QuickChoice::decode(id, picked), Ok(want), "{id}");
    }
    // What Matrix stored for posted questions reads back too.
    assert_eq!(About::decode("goal#3"), Ok(About::Reminder { goal: 3 }));
    assert_eq!(
        About::decode("data.level.q1"),
        Ok(question("data.level.q1"))
    );
}

#[test]
fn every_id_reads_back_as_written() {
    for about in [
        question("question.focus"),
        question("action.action#2.goal#3.owner"),
        About::Reminder { goal: 1 },
        About::Reminder { goal: i64::MAX },
    ] {
        assert_eq!(About::decode(&about.encode()), Ok(about.clone()));
        for choice in ["yes", "snooze", "strategy", "not_sure-2"] {
            let id = QuickChoice::button_id(&about, choice);
            assert_eq!(
                QuickChoice::decode(&id, None),
                Ok(chosen(about.clone(), choice))
            );
            let menu = QuickChoice::menu_id(&about);
            assert_eq!(
                QuickChoice::decode(&menu, Some(choice)),
                Ok(chosen(about.clone(), choice))
            );
        }
    }
}

#[test]
fn junk_ids_are_unreadable_choices() {
    let junk = [
        ("", None),
        ("k|", None),
        ("k||", None),
        ("k|q|", None),
        ("k||yes", None),
        ("k|noseparator", None),
        ("k|goal#|snooze", None),
        ("k|goal#0|snooze", None),
        ("k|goal#-1|snooze", None),
        ("k|goal#+1|snooze", None),
        ("k|goal#1x|snooze", None),
        ("k|goal#99999999999999999999|snooze", None),
        ("k|data level|yes", None),
        ("k|q|ye s", None),
        ("k|q\u{0}|yes", None),
        ("k|q|\u{1b}[2J", None),
        ("s|question.focus", None),
        ("s|question.focus", Some("")),
        ("s|", Some("yes")),
        ("x|q|yes", None),
        ("K|q|yes", None),
        ("move-form|1", None),
        ("é|q|yes", None),
    ];
    for (id, picked) in junk {
        assert_eq!(
            QuickChoice::decode(id, picked),
            Err(UserError::UnreadableChoice),
            "{id:?} {picked:?}"
        );
    }
    assert_eq!(About::decode(""), Err(UserError::UnreadableChoice));
    assert_eq!(About::decode("goal#"), Err(UserError::UnreadableChoice));
}

#[test]
fn no_input_makes_the_decoder_panic() {
    // Every string of up to four characters over an alphabet of separators, digits, a
    // multibyte letter and a control character, and every cut of real ids.
    let alphabet = ['k', 's', '|', 'g', '#', '1', 'é', '\u{0}', ' ', '0'];
    let mut words = vec![String::new()];
    let mut level = words.clone();
    for _ in 0..4 {
        level = level
            .iter()
            .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
            .collect();
        words.extend(level.iter().cloned());
    }
    for id in ["k|goal#12|snooze", "s|action.action#1.goal#1", "k|é|ü"] {
        for (cut, _) in id.char_indices() {
            words.push(id[..cut].to_string());
            words.push(id[cut..].to_string());
        }
    }
    assert!(words.len() > 10_000, "{}", words.len());
    for w in &words {
        for picked in [None, Some(w.as_str()), Some("yes"), Some("é|"), Some("")] {
            // Reaching the end without a panic is the test; readable ones must round-trip.
            if let Ok(read) = QuickChoice::decode(w, picked) {
                let again = match w.strip_prefix("s|") {
                    Some(_) => QuickChoice::menu_id(&read.about),
                    None => QuickChoice::button_id(&read.about, &read.choice),
                };
                assert_eq!(&again, w, "{w:?}");
            }
        }
        if let Ok(about) = About::decode(w) {
            assert_eq!(&about.encode(), w);
        }
    }
}

#[test]
fn a_reminders_buttons_are_its_commands() {
    let mut chat = Chat::new();
    let hint = chat.send(Body::Choice {
        about: About::Reminder { goal: 3 },
        value: "move".into(),
    });
    let want = chat.engine.texts().fmt(
        chat.engine.default_lang(),
        "msg.reminder.move_hint",
        &[("n", "3")],
    );
    assert_eq!(hint, want);
}

#[test]
fn another_choice_on_a_reminder_asks_the_open_question_again() {
    let mut chat = Chat::new();
    let open = chat.cursor();
    assert!(open.is_some());
    // A 👍 on a reminder in Matrix: nothing is answered, the open question comes again, just as
    // for a choice about a question that is not open.
    let on_reminder = chat.send(Body::Choice {
        about: About::Reminder { goal: 1 },
        value: "yes".into(),
    });
    let stale = chat.send(Body::Choice {
        about: question("no.such.question"),
        value: "yes".into(),
    });
    assert_eq!(on_reminder, stale);
    assert_eq!(chat.cursor(), open);
    // The open question as a platform's start asks it again (a typed /start on a team that
    // has answered nothing only points to it).
    let asked = chat.send(Body::Start { lang: None });
    assert!(asked.ends_with(&on_reminder), "{asked}\n---\n{on_reminder}");
}
