//! When the homeserver pushes back on what koers sends: a rate-limited burst is waited out
//! without a miss, and an answer is kept when its reply cannot be sent.

use std::time::Duration;

use super::FOCUS_QUESTION;
use crate::matrix::{Bot, Human, NOW, Stored, count_containing, homeserver};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_fifty_messages_to_a_rate_limited_bot_is_handled_without_a_miss() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-burst", dir.path(), NOW, &[]);
    let room = anna.create_room("Burst", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;

    // A command answered by one text message: `/status` also brings a picture (an upload and
    // a second event), which `picture.rs` tests on its own.
    for _ in 0..50 {
        anna.say(&room, "!koers help").await;
    }
    anna.wait_for(&room, &bot.user_id, "50 help replies", |m| {
        count_containing(m, "Zo werkt koers") >= 50
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(
        count_containing(&msgs, "Zo werkt koers"),
        50,
        "each message once"
    );

    // The homeserver did push back (M_LIMIT_EXCEEDED, HTTP 429), and koers waited it out.
    let limited = homeserver()
        .access_log()
        .lines()
        .filter(|l| {
            l.contains("{@bot-burst:localhost}") && l.contains(" 429 ") && l.contains("/send/")
        })
        .count();
    assert!(limited > 0, "the burst was rate-limited at least once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_is_kept_when_its_reply_cannot_be_sent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-mute", dir.path(), NOW, &[]);
    let room = anna.create_room("Stil", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    // The room's creator always has full power (room version 12): only the default changes.
    let power = |events_default: i64| {
        serde_json::json!({"events_default": events_default, "state_default": 50, "invite": 0,
                           "kick": 50, "ban": 50, "redact": 50})
    };
    // koers may no longer post: its reply fails (403), the answer must stay.
    anna.set_state(&room, "m.room.power_levels", power(50))
        .await;
    anna.say(&room, "3").await;
    bot.wait_log("could not post a reply").await;
    let answers = Stored::open(dir.path()).answers(&room);
    assert_eq!(
        answers.get("question.focus").and_then(|a| a.0.as_deref()),
        Some("marketing")
    );

    anna.set_state(&room, "m.room.power_levels", power(0)).await;
    anna.say(&room, "!koers status").await;
    let status = anna
        .wait_text(&room, &bot.user_id, 0, "Status van Stil")
        .await;
    assert!(
        status
            .body()
            .contains("Huidige vraag: Belangrijk komende periode"),
        "the conversation moved on past the answer whose reply was lost: {}",
        status.body()
    );
}
