//! Engine tests of what a goal keeps: a change to one answer of a goal (or of a step-4 action)
//! changes that field only, a deadline moved with `/doel verzet` stays.

use std::sync::Arc;

use anyhow::Context;

use super::tests::{Chat, WALK};
use super::{Engine, FixedClock, Settings};
use crate::states::GoalStatus;
use crate::store::TrackedGoal;

/// Walk the whole WALK: goal 1 (deadline 31-05-2027 from its text) and step-4 action 2.
fn walked() -> Chat {
    let mut chat = Chat::new();
    for (key, answer) in WALK {
        assert_eq!(chat.cursor().as_deref(), Some(*key), "before {answer:?}");
        chat.say(answer);
    }
    chat
}

/// The number `/wijzig` gives the answer whose line contains `label`.
pub(super) fn change_number(chat: &mut Chat, label: &str) -> usize {
    let list = chat.say("/wijzig");
    list.lines()
        .find(|l| l.contains(label))
        .and_then(|l| l.split('.').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or_else(|| panic!("{label} in {list}"))
}

/// The local times of goal `id`'s pending reminders, earliest first.
pub(super) fn reminder_times(chat: &Chat, id: i64) -> Vec<String> {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s.find_team(&team.platform, &team.id)?.context("team")?;
            let mut times = Vec::new();
            for (r, _) in s.list_next_reminders(&crate::store::Scope::Team(t.id), 50)? {
                if let Some(due) = s.get_pending_reminder(r)?.filter(|d| d.goal.id == id) {
                    times.push(due.local_at);
                }
            }
            times.sort();
            Ok(times)
        })
        .expect("reminders")
}

/// A goal's deadline as stored (`YYYY-MM-DD`).
pub(super) fn deadline(g: &TrackedGoal) -> Option<String> {
    g.deadline.map(|d| d.to_string())
}

#[test]
fn changing_a_goal_answer_keeps_a_moved_deadline() {
    let mut chat = walked();
    assert_eq!(deadline(&chat.goal(1)).as_deref(), Some("2027-05-31"));
    chat.say("/doel verzet 1 30-09-2027 omdat de campagne later start");
    assert_eq!(deadline(&chat.goal(1)).as_deref(), Some("2027-09-30"));
    // The owner changed: only the owner changes.
    let n = change_number(&mut chat, "Doel 1 · Eigenaar:");
    chat.say(&format!("/wijzig {n}"));
    chat.say("Piet");
    let g = chat.goal(1);
    assert_eq!(g.owner.as_deref(), Some("Piet"));
    assert_eq!(
        deadline(&g).as_deref(),
        Some("2027-09-30"),
        "the move is kept"
    );
    let times = reminder_times(&chat, g.id);
    assert!(!times.is_empty());
    assert!(
        times.iter().all(|t| t.as_str() >= "2027-09-23"),
        "reminders for the moved deadline: {times:?}"
    );
    // The baseline changed: the moved deadline still stands.
    let n = change_number(&mut chat, "Doel 1 · Nulmeting:");
    chat.say(&format!("/wijzig {n}"));
    chat.say("90");
    let g = chat.goal(1);
    assert_eq!(g.baseline, Some(90.0));
    assert_eq!(
        deadline(&g).as_deref(),
        Some("2027-09-30"),
        "the move is kept"
    );
    let out = chat.say("/doel");
    assert!(out.contains("30-09-2027"), "{out}");
    // A new deadline answer is a change of the deadline itself: it counts.
    let n = change_number(&mut chat, "Doel 1 · Deadline:");
    chat.say(&format!("/wijzig {n}"));
    chat.say("31-10-2027");
    assert_eq!(deadline(&chat.goal(1)).as_deref(), Some("2027-10-31"));
}

#[test]
fn changing_a_step_4_owner_keeps_a_moved_date() {
    let mut chat = walked();
    assert_eq!(deadline(&chat.goal(2)).as_deref(), Some("2027-03-31"));
    chat.say("/doel verzet 2 30-04-2027 omdat de directie pas in april vergadert");
    let n = change_number(&mut chat, "Duidelijk mandaat: wie");
    chat.say(&format!("/wijzig {n}"));
    chat.say("Klaas");
    let g = chat.goal(2);
    assert_eq!(g.owner.as_deref(), Some("Klaas"));
    assert_eq!(
        deadline(&g).as_deref(),
        Some("2027-04-30"),
        "the move is kept"
    );
    // A new date answer moves it.
    let n = change_number(&mut chat, "Duidelijk mandaat: geregeld op");
    chat.say(&format!("/wijzig {n}"));
    chat.say("31-05-2027");
    assert_eq!(deadline(&chat.goal(2)).as_deref(), Some("2027-05-31"));
}

/// A goal whose text names its owner (Jan), deadline (28-02-2027) and target (300).
const NAMED_GOAL: &str =
    "Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan";

/// Skip every question until the walk leaves step 3; the replies.
fn skip_through_step_3(chat: &mut Chat) -> Vec<String> {
    let mut replies = Vec::new();
    for _ in 0..30 {
        if chat
            .cursor()
            .is_some_and(|c| c.starts_with("implementation"))
        {
            return replies;
        }
        replies.push(chat.say("/overslaan"));
    }
    panic!("never left step 3: {replies:?}");
}

#[test]
fn skipping_through_step_3_again_keeps_what_the_goal_text_said() {
    let mut chat = Chat::with_goal(NAMED_GOAL);
    let out = chat.say("/stap 3");
    assert!(out.contains("Eerder antwoord: Instagram-campagne"), "{out}");
    let replies = skip_through_step_3(&mut chat);
    for r in &replies {
        assert!(!r.contains("Vraag overgeslagen"), "{replies:#?}");
        assert!(!r.contains("Wie is eigenaar"), "{replies:#?}");
    }
    // Every question asked again shows the answer it had.
    for r in &replies[..replies.len() - 1] {
        assert!(r.contains("Eerder antwoord:"), "{r}");
    }
    let g = chat.goal(1);
    assert_eq!(g.owner.as_deref(), Some("Jan"));
    assert_eq!(deadline(&g).as_deref(), Some("2027-02-28"));
    assert_eq!((g.baseline, g.target), (Some(200.0), Some(300.0)));
    assert_eq!(g.smart_score, Some(5), "nothing was lost");
}

#[test]
fn a_new_goal_text_in_step_3_again_fills_in_what_it_names() {
    let mut chat = Chat::with_goal(NAMED_GOAL);
    chat.say("/stap 3");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1.what"));
    chat.say("/overslaan");
    let out = chat
        .say("Het aantal studentenkaarten verhogen naar 400 voor eind maart 2027, eigenaar Piet");
    assert!(!out.contains("Wie is eigenaar"), "{out}");
    // The support was the team's answer: asked again, with it.
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.agreed")
    );
    assert!(out.contains("Eerder antwoord: ja"), "{out}");
    let replies = skip_through_step_3(&mut chat);
    for r in &replies {
        assert!(!r.contains("Wanneer moet het doel"), "{replies:#?}");
        assert!(!r.contains("Welke waarde willen"), "{replies:#?}");
    }
    let g = chat.goal(1);
    assert_eq!(g.owner.as_deref(), Some("Piet"));
    assert_eq!(deadline(&g).as_deref(), Some("2027-03-31"));
    assert_eq!(g.target, Some(400.0));
}

#[test]
fn step_3_on_a_new_team_gives_each_answer_to_its_own_question() {
    let mut chat = Chat::new();
    chat.say("/stap 3");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1.what"));
    chat.say("Studentenkorting");
    let out = chat.say(NAMED_GOAL);
    assert!(!out.contains("Wie is eigenaar"), "{out}");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.agreed")
    );
    chat.say("ja");
    assert_eq!(
        chat.value("action.action#1.goal#1.owner").as_deref(),
        Some("Jan")
    );
    assert_eq!(
        chat.value("action.action#1.goal#1.agreed").as_deref(),
        Some("yes")
    );
}

#[test]
fn a_second_new_goal_waits_for_the_one_still_being_entered() {
    let mut chat = Chat::with_goal(NAMED_GOAL);
    chat.say("/doel nieuw Meer kaarten");
    let at = chat.cursor();
    assert_eq!(at.as_deref(), Some("action.action#1.goal#2.sharpen"));
    let out = chat.say(
        "/doel nieuw Het aantal studentenkaarten via Instagram verhogen naar 100 voor eind januari 2027, eigenaar Piet",
    );
    assert!(
        out.contains("Eerst het doel dat nog niet af is: “Meer kaarten”"),
        "{out}"
    );
    assert_eq!(chat.cursor(), at, "the open question is asked again");
    assert_eq!(
        chat.value("action.action#1.goal#2").as_deref(),
        None,
        "no invented 'ja'"
    );
    assert_eq!(chat.value("action.action#1.goal#3.text"), None);
    // Finished, the next goal can come.
    chat.say("Het aantal studentenkaarten via Instagram verhogen naar 350 voor eind maart 2027");
    chat.answer_until("action.action#1.goal#2.experiment", "/overslaan");
    chat.say("nee");
    assert_eq!(chat.goal(2).key, "action.action#1.goal#2");
    let out = chat.say("/doel nieuw Het aantal studentenkaarten via Instagram verhogen naar 100 voor eind januari 2027, eigenaar Piet");
    assert!(!out.contains("nog niet af"), "{out}");
    assert_eq!(
        chat.value("action.action#1.goal#3.owner").as_deref(),
        Some("Piet")
    );
}

/// Goal 1 of a walked chat evaluated (achieved), then step 3 gone through again keeping every
/// answer (the walk was done, so it ends where it was); the replies of step 3.
fn evaluated_then_step_3(chat: &mut Chat) -> String {
    chat.say("/evalueer 1");
    for answer in ["125", "Meer bereik", "Niets", "nee", "nee"] {
        chat.say(answer);
    }
    assert_eq!(chat.goal(1).status, GoalStatus::Achieved);
    chat.say("/stap 3");
    let mut replies = Vec::new();
    while chat.cursor().is_some_and(|c| c.starts_with("action")) && replies.len() < 30 {
        replies.push(chat.say("/overslaan"));
    }
    let replies = replies.join("\n\n");
    assert!(
        replies.contains("Genoteerd als doel 1"),
        "goal 1 is recorded again: {replies}"
    );
    assert_eq!(chat.goal(1).status, GoalStatus::Achieved);
    replies
}

#[test]
fn going_back_to_step_3_does_not_call_an_evaluated_goal_overdue() {
    let mut chat = walked();
    let replies = evaluated_then_step_3(&mut chat);
    assert!(
        !replies.contains("De deadline is al voorbij"),
        "an evaluated goal needs no action: {replies}"
    );
    assert!(
        replies.contains("Doel 1 loopt niet meer (gehaald)"),
        "{replies}"
    );
}

#[test]
fn an_evaluated_goal_past_its_deadline_keeps_its_check_on_going_back_to_step_3() {
    let walked = walked();
    // Two weeks after goal 1's deadline (31-05-2027).
    let later: jiff::Timestamp = "2027-06-14T10:00:00Z".parse().expect("timestamp");
    let engine =
        Arc::new(Engine::new(Box::new(FixedClock(later)), Settings::default()).expect("engine"));
    let mut chat = Chat::on(engine, walked.db.clone(), "t");
    let score = chat.goal(1).smart_score;
    let replies = evaluated_then_step_3(&mut chat);
    for passed in [
        "De deadline is al voorbij",
        "De deadline ligt in het verleden",
    ] {
        assert!(!replies.contains(passed), "{passed}: {replies}");
    }
    assert!(
        replies.contains("Doel 1 loopt niet meer (gehaald)"),
        "{replies}"
    );
    assert_eq!(chat.goal(1).smart_score, score, "the score it was set with");
}

#[test]
fn a_changed_goal_text_offers_the_recorded_deadline_and_a_skip_keeps_it() {
    let mut chat = walked();
    let id = chat.goal(1).id;
    let reminders = reminder_times(&chat, id);
    assert!(!reminders.is_empty());
    let n = change_number(&mut chat, "Doel 1 · Doel:");
    chat.say(&format!("/wijzig {n}"));
    // The new text names no deadline: the one the goal had is offered.
    let deadline_key = "action.action#1.goal#1.deadline";
    let mut out = chat.say("Meer studenten via Instagram naar de voorstellingen");
    for _ in 0..5 {
        if chat.cursor().as_deref() == Some(deadline_key) {
            break;
        }
        out = chat.say("nee");
    }
    assert_eq!(chat.cursor().as_deref(), Some(deadline_key), "{out}");
    assert!(out.contains("Eerder antwoord: 31-05-2027"), "{out}");
    let out = chat.say("/overslaan");
    assert!(!out.contains("Vraag overgeslagen"), "{out}");
    assert_eq!(chat.cursor(), None, "{out}");
    let g = chat.goal(1);
    assert_eq!(
        g.text,
        "Meer studenten via Instagram naar de voorstellingen"
    );
    assert_eq!(deadline(&g).as_deref(), Some("2027-05-31"));
    assert_eq!(g.owner.as_deref(), Some("Sanne"));
    assert_eq!(reminder_times(&chat, id), reminders);
}
