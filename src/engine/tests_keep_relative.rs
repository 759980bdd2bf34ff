//! Engine tests of a deadline written relatively in a goal's text ("eind maart", "binnen drie
//! maanden"): recorded again later (`/stap 3`, `/wijzig`) with the same text, the goal keeps
//! the deadline the team agreed; a new text is read against the day it is written.

use std::sync::Arc;

use super::tests::Chat;
use super::tests_keep::{change_number, deadline, reminder_times};
use super::{Engine, FixedClock, Settings};

/// A goal whose deadline is relative: written on 25-11-2026 (the harness's today) it is
/// 31-03-2027.
const END_OF_MARCH: &str =
    "Het aantal studentenkaarten verhogen naar 300 voor eind maart, eigenaar Jan";

/// A goal due three months from the day it is written.
const IN_THREE_MONTHS: &str =
    "Het aantal studentenkaarten verhogen naar 300 binnen drie maanden, eigenaar Jan";

/// The same team and database, on the day `now`.
fn on_day(chat: &Chat, now: &str) -> Chat {
    let now: jiff::Timestamp = now.parse().expect("timestamp");
    let engine =
        Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"));
    Chat::on(engine, chat.db.clone(), &chat.team.id)
}

/// Skip every question of step 3 gone through again, until the walk leaves it; the replies.
fn skip_through_step_3(chat: &mut Chat) -> String {
    let mut replies = vec![chat.say("/stap 3")];
    while chat.cursor().is_some_and(|c| c.starts_with("action")) && replies.len() < 30 {
        replies.push(chat.say("/overslaan"));
    }
    let replies = replies.join("\n\n");
    assert!(
        replies.contains("Genoteerd als doel 1"),
        "goal 1 is recorded again: {replies}"
    );
    replies
}

#[test]
fn step_3_again_keeps_a_deadline_counted_from_the_day_it_was_written() {
    let first = Chat::with_goal(IN_THREE_MONTHS);
    assert_eq!(deadline(&first.goal(1)).as_deref(), Some("2027-02-25"));
    let planned = reminder_times(&first, first.goal(1).id);
    assert_eq!(
        planned,
        [
            "2027-02-18T09:00:00",
            "2027-02-24T09:00:00",
            "2027-02-25T09:00:00",
            "2027-02-28T09:00:00"
        ]
    );
    // Gone through again six weeks later: three months from then would be 05-04-2027.
    let mut chat = on_day(&first, "2027-01-05T10:00:00Z");
    let replies = skip_through_step_3(&mut chat);
    assert!(!replies.contains("05-04-2027"), "{replies}");
    let g = chat.goal(1);
    assert_eq!(deadline(&g).as_deref(), Some("2027-02-25"));
    assert_eq!(reminder_times(&chat, g.id), planned, "{replies}");
    let out = chat.say("/doel");
    assert!(out.contains("25-02-2027"), "{out}");
}

#[test]
fn step_3_again_after_the_month_keeps_end_of_march_and_a_move() {
    let mut first = Chat::with_goal(END_OF_MARCH);
    assert_eq!(deadline(&first.goal(1)).as_deref(), Some("2027-03-31"));
    first.say("/doel verzet 1 30-04-2027 omdat de campagne later start");
    // In April 2027 "eind maart" would be read as 31-03-2028.
    let mut chat = on_day(&first, "2027-04-02T10:00:00Z");
    skip_through_step_3(&mut chat);
    let g = chat.goal(1);
    assert_eq!(
        deadline(&g).as_deref(),
        Some("2027-04-30"),
        "the move stays"
    );
    let times = reminder_times(&chat, g.id);
    assert_eq!(
        times,
        [
            "2027-04-23T09:00:00",
            "2027-04-29T09:00:00",
            "2027-04-30T09:00:00",
            "2027-05-03T09:00:00"
        ]
    );
}

#[test]
fn the_same_text_again_keeps_its_deadline_and_a_new_text_is_read_today() {
    let first = Chat::with_goal(IN_THREE_MONTHS);
    let mut chat = on_day(&first, "2027-01-05T10:00:00Z");
    // The text given again as it was: nothing changed, the deadline stays.
    let n = change_number(&mut chat, "Doel 1 · Doel:");
    chat.say(&format!("/wijzig {n}"));
    chat.say(IN_THREE_MONTHS);
    chat.answer_until("implementation.policy_what", "/overslaan");
    let g = chat.goal(1);
    assert_eq!(deadline(&g).as_deref(), Some("2027-02-25"));
    assert!(
        reminder_times(&chat, g.id)
            .iter()
            .all(|t| t.as_str() <= "2027-02-28T09:00:00")
    );
    // A new text is read against the day it is written.
    let n = change_number(&mut chat, "Doel 1 · Doel:");
    chat.say(&format!("/wijzig {n}"));
    chat.say("Het aantal studentenkaarten verhogen naar 350 binnen drie maanden, eigenaar Jan");
    chat.answer_until("implementation.policy_what", "/overslaan");
    let g = chat.goal(1);
    assert_eq!(deadline(&g).as_deref(), Some("2027-04-05"));
    assert_eq!(g.target, Some(350.0));
    assert!(
        reminder_times(&chat, g.id)
            .iter()
            .all(|t| t.as_str() >= "2027-03-29T09:00:00")
    );
}
