//! Engine tests of the heads-ups before a goal's deadline: they say "today" on the day itself
//! (one, when both fell due while koers was away), give way to the deadline prompt, and an
//! experiment's give the form its progress takes; the goal list says "today" too.

use std::sync::Arc;

use super::tests::{Chat, WALK};
use super::tests_deadline::{deliver_due, with_goal};
use super::{Engine, FixedClock, Settings};

/// The same team, its clock moved to `now`.
fn at(chat: &mut Chat, now: &str) {
    let now: jiff::Timestamp = now.parse().expect("time");
    chat.engine =
        Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"));
}

#[test]
fn late_heads_ups_come_once_with_the_days_left_from_now() {
    for (lang, now, left, heads_up) in [
        // The deadline, 31-05-2027, at eight: both heads-ups fell due while koers was away,
        // the deadline prompt (at nine) not yet.
        (
            None,
            "2027-05-31T08:00:00+02:00",
            "(vandaag)",
            "⏰ Herinnering: doel 1",
        ),
        (
            Some("/taal en"),
            "2027-05-31T08:00:00+02:00",
            "(today)",
            "⏰ Reminder: goal 1",
        ),
        // The day before, at ten: both fell due, the deadline is tomorrow.
        (
            None,
            "2027-05-30T10:00:00+02:00",
            "(morgen)",
            "⏰ Herinnering: doel 1",
        ),
    ] {
        let mut chat = with_goal();
        if let Some(command) = lang {
            chat.say(command);
        }
        at(&mut chat, now);
        let said = deliver_due(&chat);
        let heads_ups: Vec<&String> = said.iter().filter(|t| t.contains(heads_up)).collect();
        assert_eq!(
            heads_ups.len(),
            1,
            "one heads-up, not two in a row: {said:?}"
        );
        assert!(
            heads_ups[0].contains(left) && !heads_ups[0].contains(" 0 "),
            "{now}: {said:?}"
        );
        assert!(deliver_due(&chat).is_empty(), "the other is not sent later");
    }
}

#[test]
fn a_heads_up_handed_over_before_a_crash_is_not_dropped_for_a_later_one() {
    let mut chat = with_goal();
    // The 7-day heads-up is handed over (printed) and koers is killed before it is recorded.
    at(&mut chat, "2027-05-24T09:00:30+02:00");
    let next = chat
        .db
        .run(|s| s.next_pending_reminder(&crate::store::Scope::Platform("test".into())))
        .expect("next");
    let (id, _) = next.expect("the 7-day heads-up is due");
    let handed = chat.engine.prepare_reminder(&chat.db, id).expect("prepare");
    assert!(handed.is_some(), "the 7-day heads-up is worded");
    // Back a week later, when the 1-day heads-up is due too: the handed-over one goes out
    // again (it may be on screen) and so does the later one.
    at(&mut chat, "2027-05-30T10:00:00+02:00");
    let said = deliver_due(&chat);
    let heads_ups = said
        .iter()
        .filter(|t| t.contains("⏰ Herinnering: doel 1"))
        .count();
    assert_eq!(heads_ups, 2, "{said:?}");
}

#[test]
fn heads_ups_overtaken_by_the_deadline_prompt_are_dropped() {
    let mut chat = with_goal();
    // The deadline, 31-05-2027, at ten: the heads-ups and the deadline prompt all fell due
    // while koers was away; only the prompt is said.
    at(&mut chat, "2027-05-31T10:00:00+02:00");
    let said = deliver_due(&chat);
    assert!(
        !said.iter().any(|t| t.contains("⏰ Herinnering: doel 1")),
        "{said:?}"
    );
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(deliver_due(&chat).is_empty(), "nothing is said twice");
}

#[test]
fn the_goal_list_says_today_on_the_deadline_day() {
    for (lang, list, today, left) in [
        (None, "/doel", "(vandaag)", "(nog 1 dag(en))"),
        (Some("/taal en"), "/goal", "(today)", "(1 day(s) left)"),
    ] {
        let mut chat = with_goal();
        if let Some(command) = lang {
            chat.say(command);
        }
        // The deadline is 31-05-2027: the day before it counts one day, the day itself none.
        at(&mut chat, "2027-05-30T10:00:00+02:00");
        let before = chat.say(list);
        assert!(before.contains(left), "{before}");
        at(&mut chat, "2027-05-31T10:00:00+02:00");
        let on_the_day = chat.say(list);
        assert!(
            on_the_day.contains(today) && !on_the_day.contains(" 0 "),
            "{on_the_day}"
        );
    }
}

#[test]
fn an_experiments_heads_up_gives_the_four_numbers_koers_takes() {
    let mut chat = Chat::new();
    for (key, answer) in WALK {
        if *key == "action.action#1.goal#1.text" {
            break;
        }
        chat.say(answer);
    }
    let goal_text = "Het aantal kaartjes dat via de nieuwsbrief wordt gekocht met 25% verhogen vóór 1 januari 2027";
    for answer in [
        goal_text,
        "Sanne",
        "ja",
        "120",
        "150",
        "ja",
        "huidige nieuwsbrief",
    ] {
        chat.say(answer);
    }
    for answer in [
        "nieuwsbrief met video",
        "5%",
        "6,5 procent",
        "10.000",
        "nee",
    ] {
        chat.say(answer);
    }
    // A week before the deadline (31-12-2026), just after nine.
    at(&mut chat, "2026-12-24T09:00:30+01:00");
    let said = deliver_due(&chat);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("(nog 7 dag(en))"), "{said:?}");
    assert!(!said[0].contains("<waarde>"), "{said:?}");
    let form = "/doel voortgang 1 1200 30 1180 41";
    assert!(said[0].contains(form), "{said:?}");
    // The form the reminder gives is the one koers takes.
    let out = chat.say(form);
    assert!(
        out.contains("Tussenstand van het experiment bij doel 1 vastgelegd"),
        "{out}"
    );
}
