//! A thread per team, what koers reads in the channel beside it, messages in arrival order,
//! and reminders in the thread: the real adapter against the stand-in.

use super::*;

fn dump(db: &Db) -> String {
    db.run(|s| s.dump_tables()).expect("dump")
}

fn answer(db: &Db, channel: u64, key: &'static str) -> Option<String> {
    db.run(move |s| {
        let t = s.find_team("discord", &channel.to_string())?.expect("team");
        Ok(s.get_answer(t.id, 1, key)?.and_then(|a| a.value))
    })
    .expect("answer")
}

/// `tester` writes `message` (a `MESSAGE_CREATE` `d`); the message koers sends back.
async fn send(standin: &StandIn, message: Value) -> Recorded {
    let seen = count(standin, sent_message);
    standin.dispatch("MESSAGE_CREATE", message);
    next(standin, seen, sent_message).await
}

async fn started(
    standin: &StandIn,
) -> (
    tempfile::TempDir,
    Db,
    tokio::task::JoinHandle<anyhow::Result<()>>,
) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(standin)));
    standin.wait_identified(1, WAIT).await;
    (dir, db, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_opens_a_thread_and_only_what_is_meant_for_koers_is_read_beside_it() {
    let standin = StandIn::start(TOKEN);
    let (_dir, db, task) = started(&standin).await;

    // /start in the channel opens "Stappenplan — ronde 1"; the channel is told where to go.
    let note = slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let opened = standin.wait_for(opens_thread(CHANNEL_ID), WAIT).await;
    let body = opened.body.clone().expect("body");
    assert_eq!(body["name"], json!("Stappenplan — ronde 1"));
    assert_eq!(body["type"], json!(11));
    assert_eq!(body["auto_archive_duration"], json!(10080));
    let thread = thread_of(&standin, CHANNEL_ID).await;
    assert!(
        note["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains(&format!("<#{thread}>"))),
        "{note}"
    );
    choose(&standin, thread, "s|question.focus", "marketing").await;

    // An answer in the thread is stored; its reply comes in the thread.
    let reply = send(
        &standin,
        message_create(GUILD_ID, thread, USER_ID, "tester", "Jong publiek"),
    )
    .await;
    assert!(posts_to(thread)(&reply), "{}", reply.path);
    assert_eq!(
        answer(&db, CHANNEL_ID, "question.important").as_deref(),
        Some("Jong publiek")
    );

    // Talk in the channel beside the thread is not koers' business: nothing stored, nothing
    // said. A command after it is handled after it (same channel, in order), so once the
    // command is answered the talk was seen and left alone.
    let before = dump(&db);
    let seen = count(&standin, sent_message);
    standin.dispatch(
        "MESSAGE_CREATE",
        message_create(
            GUILD_ID,
            CHANNEL_ID,
            USER_ID,
            "tester",
            "Wie haalt er koffie?",
        ),
    );
    let status = send(
        &standin,
        message_create(GUILD_ID, CHANNEL_ID, USER_ID, "tester", "!koers status"),
    )
    .await;
    assert!(posts_to(CHANNEL_ID)(&status), "{}", status.path);
    assert_eq!(
        count(&standin, sent_message),
        seen + 1,
        "only the status was answered"
    );
    assert_eq!(dump(&db), before, "the talk was not stored");

    // A mention of koers in the channel is meant for koers: it answers the open question.
    let mention = mentioning(
        message_create(
            GUILD_ID,
            CHANNEL_ID,
            USER_ID,
            "tester",
            &format!("<@{BOT_USER_ID}> Bereik onder studenten"),
        ),
        bot_user_json(),
    );
    send(&standin, mention).await;
    assert_eq!(
        answer(&db, CHANNEL_ID, "question.measure").as_deref(),
        Some("Bereik onder studenten")
    );
    // So is a reply to a koers message.
    let question = bot_message(CHANNEL_ID, "Welke afdelingen?", json!([]));
    send(
        &standin,
        replying_to(
            message_create(
                GUILD_ID,
                CHANNEL_ID,
                USER_ID,
                "tester",
                "Marketing en kassa",
            ),
            &question,
        ),
    )
    .await;
    assert_eq!(
        answer(&db, CHANNEL_ID, "question.departments").as_deref(),
        Some("Marketing en kassa")
    );

    // /start again continues in the same thread.
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    assert_eq!(count(&standin, opens_thread(CHANNEL_ID)), 1);
    assert_no_pings(&standin);
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_answers_land_on_their_questions_in_the_order_they_were_sent() {
    let standin = StandIn::start(TOKEN);
    let (_dir, db, task) = started(&standin).await;
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(&standin, CHANNEL_ID).await;
    choose(&standin, thread, "s|question.focus", "marketing").await;

    // Seven answers sent at once, each for the next of the seven open questions.
    let keys = [
        "question.important",
        "question.measure",
        "question.departments",
        "question.people",
        "question.audience",
        "question.obstacles",
        "question.unwanted",
    ];
    let seen = count(&standin, posts_to(thread));
    for (i, _) in keys.iter().enumerate() {
        standin.dispatch(
            "MESSAGE_CREATE",
            message_create(
                GUILD_ID,
                thread,
                USER_ID,
                "tester",
                &format!("antwoord {}", i + 1),
            ),
        );
    }
    next(&standin, seen + keys.len() - 1, posts_to(thread)).await;
    let stored: Vec<Option<String>> = keys.iter().map(|k| answer(&db, CHANNEL_ID, k)).collect();
    let expected: Vec<Option<String>> = (1..=keys.len())
        .map(|i| Some(format!("antwoord {i}")))
        .collect();
    assert_eq!(stored, expected);
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_right_to_open_threads_the_conversation_stays_in_the_channel() {
    let standin = StandIn::start(TOKEN);
    standin.override_route(
        "POST",
        &format!("/channels/{CHANNEL_ID}/threads"),
        403,
        json!({"message": "Missing Permissions", "code": 50013}),
        None,
    );
    let (_dir, db, task) = started(&standin).await;
    // The greeting and the focus menu are the response itself: one message, nothing posted.
    let start = slash(&standin, CHANNEL_ID, "start", json!([])).await;
    assert!(
        custom_ids(&start).iter().any(|id| id == "s|question.focus"),
        "{start}"
    );
    assert_eq!(count(&standin, posts_to(CHANNEL_ID)), 0);
    choose(&standin, CHANNEL_ID, "s|question.focus", "marketing").await;
    // The channel is the team's space: a line there answers the open question (the team's
    // /luisteren decides; by default every line while a question is open).
    let reply = send(
        &standin,
        message_create(GUILD_ID, CHANNEL_ID, USER_ID, "tester", "Jong publiek"),
    )
    .await;
    assert!(posts_to(CHANNEL_ID)(&reply), "{}", reply.path);
    assert_eq!(
        answer(&db, CHANNEL_ID, "question.important").as_deref(),
        Some("Jong publiek")
    );
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reminder_goes_to_the_teams_thread() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    // A team whose conversation runs in a thread, with a reminder that fell due.
    let thread: u64 = 1_300_000_000_000_000_250;
    db.run(move |s| {
        let team = crate::discord_e2e::seed_reminder(
            s,
            CHANNEL_ID,
            "a",
            "Meer studenten",
            1_000,
            "koers-g1-r1-before",
        )?;
        s.insert_discord_thread(team, &thread.to_string(), 1, "now")
    })
    .expect("seed");
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    let reminder = standin.wait_for(posts_to(thread), WAIT).await;
    assert!(
        reminder
            .content()
            .is_some_and(|c| c.contains("Meer studenten")),
        "{:?}",
        reminder.body
    );
    assert_eq!(count(&standin, posts_to(CHANNEL_ID)), 0);
    assert_no_pings(&standin);
    task.abort();
}
