//! Engine tests of a goal's deadline against today: a deadline moved before today is refused
//! (nothing changes, the team is pointed to `/evalueer`), one of today still brings the
//! evaluation, and the same holds for a step-4 action's new date. The heads-ups before the
//! deadline are tested in `tests_heads_up.rs`.

use super::tests::{Chat, WALK};
use crate::prompts::Lang;
use crate::states::GoalStatus;
use crate::store::Scope;

/// How many reminders of goal `id` are pending.
pub(super) fn pending(chat: &Chat, id: i64) -> i64 {
    chat.db
        .run(move |s| Ok(s.count_goal_reminders(id)?.0))
        .expect("count")
}

/// Deliver every reminder due now, as the scheduler does; their texts.
pub(super) fn deliver_due(chat: &Chat) -> Vec<String> {
    let now = chat.engine.now().as_second();
    let mut said = Vec::new();
    loop {
        let next = chat
            .db
            .run(|s| s.next_pending_reminder(&Scope::Platform("test".into())))
            .expect("next");
        let Some((id, _)) = next.filter(|(_, due)| *due <= now) else {
            return said;
        };
        if let Some(out) = chat.engine.prepare_reminder(&chat.db, id).expect("prepare") {
            chat.engine
                .confirm_reminder(&chat.db, &out, "test")
                .expect("confirm");
            said.push(out.reply.text);
        }
    }
}

/// Goal 1 of the WALK recorded (due 31-05-2027); the engine's clock is 25-11-2026, 11:00 in
/// Amsterdam.
pub(super) fn with_goal() -> Chat {
    let mut chat = Chat::new();
    for (key, answer) in WALK {
        if *key == "action.action#1.goal#1" {
            break;
        }
        chat.say(answer);
    }
    assert_eq!(pending(&chat, chat.goal(1).id), 4);
    chat
}

#[test]
fn a_deadline_moved_before_today_is_refused_and_nothing_changes() {
    let mut chat = with_goal();
    let before = chat.goal(1);
    let history = |chat: &Chat| {
        chat.db
            .run(move |s| s.list_goal_history(before.id))
            .expect("history")
            .len()
    };
    let changes = history(&chat);
    for date in ["24-11-2026", "01-01-2020"] {
        let out = chat.say(&format!("/doel verzet 1 {date} omdat de campagne al liep"));
        assert!(
            out.contains(&format!("{date} ligt in het verleden"))
                && out.contains("blijft 31-05-2027")
                && out.contains("/evalueer 1"),
            "{out}"
        );
        assert!(!out.contains("opnieuw gepland"), "{out}");
    }
    chat.say("/taal en");
    let out = chat.say("/goal move 1 2026-11-01 because it ran already");
    assert!(
        out.contains("01-11-2026 is in the past") && out.contains("/evaluate 1"),
        "{out}"
    );
    let after = chat.goal(1);
    assert_eq!(after.deadline, before.deadline);
    assert_eq!(after.status, GoalStatus::Open);
    assert_eq!(
        pending(&chat, after.id),
        4,
        "the reminders are as they were"
    );
    assert_eq!(
        history(&chat),
        changes,
        "no change kept in the goal's history"
    );
}

#[test]
fn a_deadline_moved_to_today_after_its_hour_brings_the_evaluation_now() {
    let mut chat = with_goal();
    let out = chat.say("/doel verzet 1 25-11-2026 omdat de campagne eerder klaar is");
    let moved = chat.engine.texts().get(Lang::Nl, "msg.goal.moved");
    assert!(
        out.contains(
            &moved
                .replace("{n}", "1")
                .replace("{deadline}", "25-11-2026")
        ),
        "{out}"
    );
    // 09:00 has passed: the evaluation prompt is due at once, the nudge later.
    let said = deliver_due(&chat);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("Wat is het resultaat van doel 1?"),
        "{said:?}"
    );
    assert_eq!(chat.goal(1).status, GoalStatus::Evaluating);
    assert!(chat.say("110").contains("Wat waren de effecten"));
}

#[test]
fn an_actions_new_date_before_today_is_asked_again() {
    let mut chat = Chat::new();
    for (_, answer) in WALK {
        chat.say(answer);
    }
    let action = chat.goal(2);
    chat.say("/evalueer 2");
    assert!(chat.say("nee").contains("Wat wordt de nieuwe datum"));
    let out = chat.say("01-11-2026");
    assert!(
        out.contains("01-11-2026 ligt in het verleden")
            && out.contains("Wat wordt de nieuwe datum"),
        "{out}"
    );
    assert_eq!(chat.goal(2).deadline, action.deadline);
    let out = chat.say("30-04-2027");
    assert!(out.contains("30-04-2027"), "{out}");
    let moved = chat.goal(2);
    assert_eq!(
        moved.deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-04-30")
    );
    assert_eq!(moved.status, GoalStatus::Open);
}

#[test]
fn a_deadline_answer_before_today_is_refused_at_entry_and_through_wijzig() {
    let mut chat = Chat::walked_to("action.action#1.goal#1.text");
    chat.say("Meer studenten in de zaal, eigenaar Sanne");
    if chat.cursor().as_deref() == Some("action.action#1.goal#1.sharpen") {
        chat.say("nee");
    }
    chat.answer_until("action.action#1.goal#1.deadline", "ja");
    // First entry: refused, the question stays open and nothing is stored.
    let out = chat.say("01-01-2026");
    assert!(
        out.contains("01-01-2026 ligt in het verleden") && out.contains("/evalueer"),
        "{out}"
    );
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.deadline")
    );
    assert_eq!(chat.value("action.action#1.goal#1.deadline"), None);
    chat.say("30-06-2027");
    chat.answer_until("action.action#1.goal#1.experiment", "100");
    chat.say("nee");
    chat.say("nee");
    let id = chat.goal(1).id;
    assert_eq!(
        chat.goal(1).deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-06-30")
    );
    let reminders = pending(&chat, id);
    assert!(reminders > 0);
    // Through /wijzig: refused as `/doel verzet` refuses it; deadline and reminders stay.
    let n = super::tests_keep::change_number(&mut chat, "Doel 1 · Deadline:");
    chat.say(&format!("/wijzig {n}"));
    let out = chat.say("24-11-2026");
    assert!(
        out.contains("24-11-2026 ligt in het verleden")
            && out.contains("blijft 30-06-2027")
            && out.contains("/evalueer 1"),
        "{out}"
    );
    assert_eq!(
        chat.goal(1).deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-06-30")
    );
    assert_eq!(pending(&chat, id), reminders);
    chat.say("/taal en");
    let out = chat.say("2026-11-01");
    assert!(
        out.contains("01-11-2026 is in the past") && out.contains("/evaluate 1"),
        "{out}"
    );
}

/// `/doel verzet`: any words after the date are the reason (no "omdat" needed), a date in the
/// past or one that does not exist is said to be so before a reason is asked for, and
/// "vandaag"/"today" is today.
#[test]
fn a_move_reads_any_reason_after_the_date_and_says_what_is_wrong_with_the_date() {
    let mut chat = with_goal();
    let needs_reason = chat
        .engine
        .texts()
        .get(Lang::Nl, "msg.goal.move_needs_reason")
        .to_string();
    let out = chat.say("/doel verzet 1 30-04-2027 de campagne start later");
    assert!(!out.contains(&needs_reason), "{out}");
    assert_eq!(
        chat.goal(1).deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-04-30")
    );
    let history = chat
        .db
        .run({
            let id = chat.goal(1).id;
            move |s| s.list_goal_history(id)
        })
        .expect("history");
    assert!(
        history.iter().any(
            |h| h.field == "deadline" && h.reason.as_deref() == Some("de campagne start later")
        ),
        "{history:?}"
    );
    // A date of several words, then the reason.
    chat.say("/doel verzet 1 15 mei 2027 de zaal is later vrij");
    assert_eq!(
        chat.goal(1).deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-05-15")
    );
    let out = chat.say("/doel verzet 1 01-01-2026 te laat");
    assert!(out.contains("01-01-2026 ligt in het verleden"), "{out}");
    let out = chat.say("/doel verzet 1 01-01-2026");
    assert!(
        out.contains("01-01-2026 ligt in het verleden") && !out.contains(&needs_reason),
        "{out}"
    );
    let out = chat.say("/doel verzet 1 31-02-2027 x");
    assert!(
        out.contains("'31-02-2027' lees ik niet als datum") && !out.contains(&needs_reason),
        "{out}"
    );
    let out = chat.say("/doel verzet 1 vandaag omdat klaar");
    assert!(
        out.contains("De deadline van doel 1 is nu 25-11-2026"),
        "{out}"
    );
    assert_eq!(
        chat.goal(1).deadline.map(|d| d.to_string()).as_deref(),
        Some("2026-11-25")
    );
    chat.say("/doel verzet 1 30-04-2027 toch later");
    chat.say("/taal en");
    let out = chat.say("/goal move 1 today because done");
    assert!(out.contains("25-11-2026"), "{out}");
    assert_eq!(
        chat.goal(1).deadline.map(|d| d.to_string()).as_deref(),
        Some("2026-11-25")
    );
    // Still asked when nothing follows the date.
    let out = chat.say("/goal move 1 30-06-2027");
    assert!(
        out.contains(
            chat.engine
                .texts()
                .get(Lang::En, "msg.goal.move_needs_reason")
        ),
        "{out}"
    );
}
