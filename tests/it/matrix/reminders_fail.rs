//! Reminders on a real homeserver when koers was removed from a team's room: that team's
//! reminder fails (`M_FORBIDDEN`) without holding up the next team's, and shows in the team's
//! status once koers is invited back.

use std::time::Duration;

use crate::matrix::{Bot, Human, NOW, Stored, db_file, poll};
use koers::states::ReminderKind;
use koers::store::inspect::ReminderRecord;
use koers::store::{Db, Options};
use matrix_sdk::ruma::OwnedRoomId;

use super::FOCUS_QUESTION;

/// The team in `room` makes a goal due 1 December 2026; its reminder one day ahead falls at
/// 29-11 09:00.
async fn make_goal(anna: &Human, room: &OwnedRoomId, bot: &str) {
    anna.say(
        room,
        "!koers doel nieuw Het aantal studenten dat via de webshop koopt stijgt van 40 naar 60 \
         vóór 1 december 2026",
    )
    .await;
    anna.say(room, "Sanne").await;
    anna.say(room, "ja").await;
    anna.say(room, "40").await;
    anna.say(room, "nee").await;
    anna.wait_text(room, bot, 0, "Herinneringen komen 7 en 1")
        .await;
}

/// The `before` reminder of the team in `room`.
fn before(stored: &Stored, room: &OwnedRoomId) -> ReminderRecord {
    stored
        .reminder(room, ReminderKind::Before)
        .unwrap_or_else(|| panic!("no reminder before the deadline for {room}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_koers_was_removed_from_fails_its_reminder_and_the_next_room_gets_theirs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-fail", dir.path(), NOW, &[]);
    let room_a = anna.create_room("Verwijderd", false, &[&bot.user_id]).await;
    let room_b = anna.create_room("Welkom", false, &[&bot.user_id]).await;
    for room in [&room_a, &room_b] {
        anna.wait_text(room, &bot.user_id, 0, FOCUS_QUESTION).await;
        make_goal(&anna, room, &bot.user_id).await;
    }
    bot.kill();

    // koers is removed from A's room while it is down; B's reminder is put off to a second
    // after A's (as the scheduler puts off a retry), so A's is tried first.
    anna.kick(&room_a, &bot.user_id).await;
    let stored = Stored::open(dir.path());
    let (a, b) = (before(&stored, &room_a), before(&stored, &room_b));
    assert_eq!(a.due_at, b.due_at, "both fall due at 29-11 09:00");
    Db::open(&db_file(dir.path()), &Options::default())
        .and_then(|db| db.run(move |s| s.postpone_reminder(b.id, b.due_at + 1)))
        .expect("put off B's reminder");
    let bot = Bot::start("bot-fail", dir.path(), "2026-11-29T08:59:57+01:00", &[]);
    let on_b = anna
        .wait_text(&room_b, &bot.user_id, 0, "⏰ Herinnering")
        .await;
    assert!(!on_b.body().contains("Te laat"), "on time: {}", on_b.body());
    let failed = poll(async || (before(&stored, &room_a).state == "failed").then_some(())).await;
    assert!(
        failed.is_some(),
        "A's reminder not failed: {}",
        bot.log_text()
    );
    let reason = before(&stored, &room_a).fail_reason.unwrap_or_default();
    assert!(reason.starts_with("matrix M_FORBIDDEN"), "{reason}");
    // Posted, then recorded: wait for the record.
    let sent = poll(async || (before(&stored, &room_b).state == "sent").then_some(())).await;
    assert!(
        sent.is_some(),
        "B's reminder not recorded: {}",
        bot.log_text()
    );
    assert!(!before(&stored, &room_b).late, "B's reminder is not late");

    // Not tried again: one failed try on record and in the log, a while later too.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(before(&stored, &room_a).attempts, 0);
    assert_eq!(
        bot.log_text()
            .matches("reminder cannot be delivered")
            .count(),
        1,
        "{}",
        bot.log_text()
    );

    // Invited back, the team asks for its status and reads what it missed, once.
    anna.invite(&room_a, &bot.user_id).await;
    let seen = anna.messages_from(&room_a, &bot.user_id).await.len();
    anna.wait_for(&room_a, &bot.user_id, "koers back in the room", |m| {
        m.len() > seen
    })
    .await;
    anna.say(&room_a, "!koers status").await;
    let status = anna
        .wait_text(&room_a, &bot.user_id, seen, "Status van")
        .await;
    assert!(
        status.body().contains("Herinneringen die niet aankwamen")
            && status.body().contains("mocht hier niet posten"),
        "{}",
        status.body()
    );
}
