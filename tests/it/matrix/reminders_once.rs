//! A reminder due at a fake time arrives exactly once on Matrix, even when a crash between
//! posting and recording makes koers send it again; its snooze reaction works.

use std::time::Duration;

use koers::states::ReminderKind;

use super::FOCUS_QUESTION;
use crate::matrix::{Bot, Human, NOW, Stored, count_containing, db_file, poll};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_due_at_a_fake_time_arrives_exactly_once_even_when_resent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-remind", dir.path(), NOW, &[]);
    let room = anna
        .create_room("Herinnering", false, &[&bot.user_id])
        .await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    anna.say(
        &room,
        "!koers doel nieuw Het aantal studenten dat via de webshop koopt stijgt van 40 naar 60 \
         vóór 1 december 2026",
    )
    .await;
    anna.say(&room, "Sanne").await;
    anna.say(&room, "ja").await;
    anna.say(&room, "40").await;
    anna.say(&room, "nee").await;
    anna.wait_text(&room, &bot.user_id, 0, "Herinneringen komen 7 en 1")
        .await;
    bot.kill();

    // Three seconds before the reminder one day ahead of the deadline (29-11 09:00).
    let mut bot = Bot::start("bot-remind", dir.path(), "2026-11-29T08:59:57+01:00", &[]);
    let reminder = anna
        .wait_text(&room, &bot.user_id, 0, "⏰ Herinnering")
        .await;
    assert!(reminder.body().contains("doel 1"), "{}", reminder.body());
    assert!(
        !reminder.body().contains("Te laat"),
        "sent on time: {}",
        reminder.body()
    );
    assert_eq!(reminder.json["content"]["format"], "org.matrix.custom.html");
    tokio::time::sleep(Duration::from_secs(2)).await;
    bot.kill();

    // A crash between posting and recording: the reminder is pending again and is posted again
    // with the same transaction id, which the homeserver drops.
    let stored = Stored::open(dir.path());
    let state = |stored: &Stored| {
        stored
            .reminder(&room, ReminderKind::Before)
            .map(|r| (r.state, r.sends))
    };
    assert_eq!(state(&stored), Some(("sent".to_string(), 1)));
    // No store method takes a send back: koers never does, and giving it one only for this test
    // would put a way to lose a send record in the library. So this one setup write stays SQL.
    rusqlite::Connection::open(db_file(dir.path()))
        .and_then(|conn| {
            conn.execute_batch(
                "DELETE FROM reminder_sends;
                 UPDATE reminders SET state = 'pending', sent_at = NULL WHERE kind = 'before';",
            )
        })
        .expect("stage the crash between posting and recording");
    assert_eq!(state(&stored), Some(("pending".to_string(), 0)));
    let bot = Bot::start("bot-remind", dir.path(), "2026-11-29T09:00:05+01:00", &[]);
    let resent =
        poll(async || (state(&stored) == Some(("sent".to_string(), 1))).then_some(())).await;
    assert!(resent.is_some(), "resent: {}", bot.log_text());
    tokio::time::sleep(Duration::from_secs(2)).await;
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(
        count_containing(&msgs, "⏰ Herinnering"),
        1,
        "the team sees it once"
    );

    // Its snooze reaction works like the button on Discord.
    let seen = msgs.len();
    anna.react(&room, &reminder.event_id, "⏰").await;
    let snoozed = anna
        .wait_for(&room, &bot.user_id, "a reply to the snooze", |m| {
            m.len() > seen
        })
        .await;
    let reply = snoozed[seen].body().to_string();
    assert!(reply.contains("doel 1"), "snooze reply: {reply}");
}
