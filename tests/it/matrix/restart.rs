//! Restarts on Matrix: a bot killed mid-conversation resumes without gaps or repeats, and a
//! first start does not answer what was said before it.

use std::time::Duration;

use super::{ACHIEVE, FOCUS_QUESTION, HULPVRAGEN, STATEMENT};
use crate::matrix::{Bot, Human, NOW, Stored, count_containing, homeserver};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_conversation_the_bot_resumes_without_gaps_or_repeats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-crash", dir.path(), NOW, &[]);
    let room = anna.create_room("Crash", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    anna.say(&room, "3").await;
    anna.say(&room, HULPVRAGEN[0]).await;
    anna.say(&room, HULPVRAGEN[1]).await;
    anna.wait_text(&room, &bot.user_id, 0, "eigen afdeling")
        .await;
    bot.kill();

    // While koers is down the team goes on: more than one sync's worth of messages.
    for answer in &HULPVRAGEN[2..] {
        anna.say(&room, answer).await;
    }
    anna.say(&room, ACHIEVE).await;
    anna.say(&room, "nee").await;
    anna.say(&room, STATEMENT).await;
    for answer in ["ja", "ja", "nee", "ja", "ja", "nee", "ja"] {
        anna.say(&room, answer).await;
    }
    anna.say(&room, "!koers status").await;

    let bot = Bot::start("bot-crash", dir.path(), NOW, &[]);
    anna.wait_text(&room, &bot.user_id, 0, "Ervaringsniveau: Lerend")
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;

    let msgs = anna.messages_from(&room, &bot.user_id).await;
    for question in [
        "Wat is de komende periode belangrijk",
        "eigen afdeling",
        "Welke personen willen jullie",
        "Wat zijn jullie uitdagingen",
        "(7/7)",
    ] {
        assert_eq!(
            count_containing(&msgs, question),
            1,
            "asked once: {question}"
        );
    }
    assert_eq!(
        count_containing(&msgs, "Hoi "),
        1,
        "greeted once, not again after the restart"
    );
    let answers = Stored::open(dir.path()).answers(&room);
    for (key, value) in [
        ("question.important", "Jong publiek"),
        ("question.measure", "Bereik"),
        ("question.departments", "Marketing"),
        ("question.unwanted", "Korting"),
        ("data.systems", "yes"),
        ("data.level", "lerend"),
    ] {
        assert_eq!(
            answers.get(key).and_then(|a| a.0.as_deref()),
            Some(value),
            "{key}"
        );
    }
    assert!(
        bot.log_text().contains("paged back over a limited sync"),
        "the gap was paged back: {}",
        bot.log_text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_start_does_not_answer_what_was_said_before() {
    let (old, new) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-first", old.path(), NOW, &[]);
    let room = anna.create_room("Eerste", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    bot.kill();
    anna.say(&room, "!koers status").await;

    // A new installation (empty database) in a room it is already in: its first sync only
    // takes the position; the status asked for before is history.
    // This one signs in with an access token instead of the password, and logs everything.
    let account = homeserver().account("bot-first").clone();
    let bot = Bot::start(
        "bot-first",
        new.path(),
        NOW,
        &[
            ("MATRIX_ACCESS_TOKEN", &account.access_token),
            ("KOERS_LOG", "trace"),
        ],
    );
    bot.wait_log("first Matrix sync done").await;
    anna.say(&room, "!koers help").await;
    anna.wait_text(&room, &bot.user_id, 0, "!koers").await;
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "!koers status").await;
    anna.wait_text(&room, &bot.user_id, seen, "Status van")
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(
        count_containing(&msgs, "Status van"),
        1,
        "only the status asked for after the start"
    );
    let log = bot.log_text();
    assert!(log.contains("TRACE"), "the log is at trace level");
    assert!(
        !log.contains(&account.access_token) && !log.contains(&account.password),
        "no secret in the log, even at trace level"
    );
}
