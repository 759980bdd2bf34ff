//! Rooms on Matrix: two rooms stay apart, invitations from strangers are declined and
//! encrypted rooms refused.

use super::FOCUS_QUESTION;
use crate::matrix::{Bot, Human, NOW, Stored, count_containing, poll};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_rooms_stay_apart_strangers_are_declined_and_encrypted_rooms_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (anna, ben, carla) = (
        Human::login("anna").await,
        Human::login("ben").await,
        Human::login("carla").await,
    );
    let bot = Bot::start(
        "bot-rooms",
        dir.path(),
        NOW,
        &[(
            "KOERS_MATRIX_ALLOWED_INVITERS",
            "@anna:localhost, @ben:localhost",
        )],
    );
    let room_a = anna.create_room("Theater A", false, &[&bot.user_id]).await;
    let room_b = ben.create_room("Museum B", false, &[&bot.user_id]).await;
    anna.wait_text(&room_a, &bot.user_id, 0, FOCUS_QUESTION)
        .await;
    ben.wait_text(&room_b, &bot.user_id, 0, FOCUS_QUESTION)
        .await;
    anna.say(&room_a, "3").await;
    ben.say(&room_b, "1").await;
    anna.say(&room_a, "Jong publiek").await;
    anna.say(&room_a, "!koers status").await;
    ben.say(&room_b, "!koers status").await;
    anna.wait_text(&room_a, &bot.user_id, 0, "Status van Theater A")
        .await;
    ben.wait_text(&room_b, &bot.user_id, 0, "Status van Museum B")
        .await;

    let stored = Stored::open(dir.path());
    let (a, b) = (stored.answers(&room_a), stored.answers(&room_b));
    assert_eq!(a["question.focus"].0.as_deref(), Some("marketing"));
    assert_eq!(b["question.focus"].0.as_deref(), Some("strategy"));
    assert!(a.contains_key("question.important") && !b.contains_key("question.important"));
    let in_b = ben.messages_from(&room_b, &bot.user_id).await;
    assert_eq!(
        count_containing(&in_b, "Theater A"),
        0,
        "nothing of room A in room B"
    );

    // An encrypted room: koers says it cannot work there, and leaves.
    let secret = anna.create_room("Geheim", true, &[&bot.user_id]).await;
    anna.wait_text(&secret, &bot.user_id, 0, "versleuteld")
        .await;
    // carla is not on the allow-list: her invitation is declined without a word.
    let stranger = carla.create_room("Onbekend", false, &[&bot.user_id]).await;
    let left = |events: &[crate::matrix::Event], bot: &str| {
        events.iter().any(|e| {
            e.kind == "m.room.member"
                && e.json["state_key"] == bot
                && e.json["content"]["membership"] == "leave"
        })
    };
    let stranger_events = poll(async || {
        let (s, x) = (anna.events(&secret).await, carla.events(&stranger).await);
        (left(&s, &bot.user_id) && left(&x, &bot.user_id)).then_some(x)
    })
    .await
    .unwrap_or_else(|| panic!("left both rooms: {}", bot.log_text()));
    assert!(
        !stranger_events
            .iter()
            .any(|e| e.sender == bot.user_id && e.kind == "m.room.message"),
        "no message to a stranger"
    );
    assert_eq!(stored.teams(), 2, "no team for refused rooms");
}
