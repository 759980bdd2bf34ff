//! Engine tests of `/sluimer`: a zone koers does not know is said, and a second snooze replaces
//! the first while one past the deadline is refused.

use super::tests_deadline::{pending, with_goal};

#[test]
fn a_snooze_in_a_zone_koers_does_not_know_says_so() {
    let mut chat = with_goal();
    let id = chat.goal(1).id;
    chat.db
        .run(move |s| {
            s.update_goal_field(
                id,
                crate::store::GoalField::Timezone,
                Some("Mars/Olympus_Mons"),
                None,
                &crate::store::Person::koers(),
                "2026-11-25T09:00:00Z",
            )
        })
        .expect("zone");
    let before = pending(&chat, id);
    let said = chat.say("/sluimer 1 2");
    assert!(said.contains("Mars/Olympus_Mons"), "{said}");
    assert_eq!(pending(&chat, id), before, "no reminder planned");
}

#[test]
fn a_second_snooze_replaces_the_first_and_one_past_the_deadline_is_refused() {
    let mut chat = with_goal();
    let id = chat.goal(1).id;
    chat.say("/doel verzet 1 10-12-2026 omdat de campagne eerder stopt");
    let planned = pending(&chat, id);
    let out = chat.say("/sluimer 1 3");
    assert!(out.contains("komt terug op 28-11-2026"), "{out}");
    let out = chat.say("/sluimer 1 10");
    assert!(out.contains("komt terug op 05-12-2026"), "{out}");
    let times = super::tests_keep::reminder_times(&chat, id);
    assert_eq!(pending(&chat, id), planned + 1, "{times:?}");
    assert!(
        times.contains(&"2026-12-05T09:00:00".to_string()),
        "{times:?}"
    );
    assert!(
        !times.iter().any(|t| t.starts_with("2026-11-28")),
        "{times:?}"
    );
    // 15-12-2026 is after the deadline of 10-12-2026: not confirmed, nothing planned.
    let out = chat.say("/sluimer 1 20");
    assert!(
        out.contains("15-12-2026 valt na de deadline van doel 1 (10-12-2026)")
            && out.contains("hoogstens 15 dag(en)")
            && !out.contains("komt terug"),
        "{out}"
    );
    assert_eq!(super::tests_keep::reminder_times(&chat, id), times);
}
