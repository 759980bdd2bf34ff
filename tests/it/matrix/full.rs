//! A full store on Matrix, on the real homeserver: the bot runs with its database capped
//! (`KOERS_STORE_MAX_PAGE_COUNT`, `SQLite`'s `max_page_count`) so that long answers fill it. The
//! answer that finds no room is refused once in the room ("Kon niet opslaan, probeer het
//! opnieuw"), the sync position is not moved past it, the database stays whole, and once
//! there is room (the bot started without the cap) that answer and the ones after it are
//! handled, in order, each once.

use std::time::Duration;

use crate::common::Database;
use crate::matrix::{Bot, Human, NOW, Stored, count_containing, db_file};

const FULL: &str = "Kon niet opslaan, probeer het opnieuw";
const FOCUS_QUESTION: &str = "Met welke plek beginnen jullie?";
/// The free-text questions after the focus, in the order koers asks them.
const KEYS: [&str; 6] = [
    "question.important",
    "question.measure",
    "question.departments",
    "question.people",
    "question.audience",
    "question.obstacles",
];

fn long_answer(n: usize) -> String {
    (0..180).map(|i| format!("woord{n}x{i} ")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_store_refuses_an_event_once_and_handles_it_when_there_is_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-full", dir.path(), NOW, &[]);
    let room = anna.create_room("Vol", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    anna.say(&room, "3").await;
    anna.wait_text(
        &room,
        &bot.user_id,
        0,
        "Wat is de komende periode belangrijk",
    )
    .await;
    bot.kill();
    let database = Database::at(db_file(dir.path()));
    let pages = database.read(|s| s.get_page_count());

    // Capped at the pages the file has: the long answers fill it.
    let cap = pages.to_string();
    let bot = Bot::start(
        "bot-full",
        dir.path(),
        NOW,
        &[("KOERS_STORE_MAX_PAGE_COUNT", cap.as_str())],
    );
    let answers: Vec<String> = (0..KEYS.len()).map(long_answer).collect();
    for answer in &answers {
        anna.say(&room, answer).await;
    }
    anna.wait_text(&room, &bot.user_id, 0, FULL).await;
    bot.wait_log("the sync position stays until there is room")
        .await;
    // The sync is tried again while full; the refusal is said once.
    tokio::time::sleep(Duration::from_secs(7)).await;
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(count_containing(&msgs, FULL), 1, "refused once");
    let stored = Stored::open(dir.path()).answers(&room);
    let taken = KEYS.iter().take_while(|k| stored.contains_key(**k)).count();
    assert!(
        taken < KEYS.len(),
        "the store filled up before the last answer"
    );
    assert!(
        KEYS[taken..].iter().all(|k| !stored.contains_key(*k)),
        "nothing after the refused answer was handled"
    );
    assert_eq!(database.integrity(), ["ok"]);
    assert_eq!(
        stored.get("question.focus").and_then(|a| a.0.as_deref()),
        Some("marketing"),
        "what was stored before is whole"
    );
    drop(bot);

    // Room again: the refused answer and those after it are handled, in order, once each.
    let bot = Bot::start("bot-full", dir.path(), NOW, &[]);
    anna.wait_text(&room, &bot.user_id, 0, "En wat willen jullie níet?")
        .await;
    let stored = Stored::open(dir.path()).answers(&room);
    for (key, answer) in KEYS.iter().zip(&answers) {
        assert_eq!(
            stored.get(*key).and_then(|a| a.0.as_deref()),
            Some(answer.trim()),
            "{key}"
        );
    }
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(count_containing(&msgs, FULL), 1, "not refused again");
    assert_eq!(
        count_containing(&msgs, "Wie willen jullie bereiken?"),
        1,
        "each question asked once"
    );
    assert_eq!(database.integrity(), ["ok"]);
}
