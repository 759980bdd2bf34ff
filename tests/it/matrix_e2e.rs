//! End to end on a real homeserver: Synapse on 127.0.0.1 (installed and started by
//! `tests/matrix/synapse.py`), people on matrix-sdk clients, and the real `koers run` binary.

#[path = "matrix/circle.rs"]
mod circle;
#[path = "matrix/coach.rs"]
mod coach;
#[path = "matrix/delete.rs"]
mod delete;
#[path = "matrix/experiment.rs"]
mod experiment;
#[path = "matrix/full.rs"]
mod full;
#[path = "matrix/picture.rs"]
mod picture;
#[path = "matrix/policy.rs"]
mod policy;
#[path = "matrix/reminders_fail.rs"]
mod reminders_fail;
#[path = "matrix/rounds.rs"]
mod rounds;
#[path = "matrix/safe_to_invite.rs"]
mod safe_to_invite;
#[path = "matrix/web.rs"]
mod web;

use std::time::Duration;

use koers::states::ReminderKind;

use crate::matrix::{Bot, Human, NOW, Stored, count_containing, db_file, homeserver, poll};

const HULPVRAGEN: [&str; 7] = [
    "Jong publiek",
    "Bereik",
    "Marketing",
    "Sanne",
    "Studenten",
    "Budget",
    "Korting",
];
/// The answer to "Wat willen jullie bereiken?", after the hulpvragen.
const ACHIEVE: &str = "Meer studenten in de zaal";
const STATEMENT: &str = "Hoeveel studenten kopen via de webshop een kaartje?";
const FOCUS_QUESTION: &str = "Met welke plek beginnen jullie?";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_walks_step_two_by_text_number_and_reaction_and_each_member_is_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (anna, ben) = (Human::login("anna").await, Human::login("ben").await);
    let mut bot = Bot::start("bot-walk", dir.path(), NOW, &[]);
    let room = anna
        .create_room("Schouwburg", false, &[&bot.user_id, &ben.id])
        .await;
    ben.join(&room).await;

    // Invited, koers joins, greets the team by the room's name and asks the first question.
    let focus = anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert!(
        msgs[0].body().contains("Schouwburg"),
        "greeting: {}",
        msgs[0].body()
    );
    assert_eq!(
        count_containing(&msgs, "!koers status"),
        1,
        "the command hint comes once"
    );
    assert_eq!(
        focus.json["content"]["format"], "org.matrix.custom.html",
        "questions are formatted messages"
    );
    let html = focus.json["content"]["formatted_body"]
        .as_str()
        .unwrap_or("");
    assert!(
        html.contains("<ol><li>Strategie"),
        "options as a numbered list: {html}"
    );
    assert!(
        focus.body().contains("  3) Marketingcommunicatie"),
        "plain fallback numbered"
    );

    // Step 1 by number and free text, anna and ben taking turns.
    anna.say(&room, "3").await;
    for (i, answer) in HULPVRAGEN.iter().enumerate() {
        let who = if i % 2 == 0 { &anna } else { &ben };
        who.say(&room, answer).await;
    }
    ben.say(&room, ACHIEVE).await;
    anna.say(&room, "nee").await;
    ben.say(&room, STATEMENT).await;

    // Step 2: a number, a word, a reaction, and more words and numbers.
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.wait_text(&room, &bot.user_id, seen, "(1/7)").await;
    anna.say(&room, "1").await;
    ben.say(&room, "ja").await;
    let q3 = anna.wait_text(&room, &bot.user_id, seen, "(3/7)").await;
    assert!(
        q3.body().contains("👍 ja · 👎 nee"),
        "yes/no offered as reactions: {}",
        q3.body()
    );
    // koers puts its own reactions on the question (just after posting it) for people to click.
    let reactions = poll(async || {
        let found: Vec<String> = anna
            .events(&room)
            .await
            .iter()
            .filter(|e| e.kind == "m.reaction" && e.sender == bot.user_id)
            .filter(|e| e.json["content"]["m.relates_to"]["event_id"] == q3.event_id.as_str())
            .map(|e| {
                e.json["content"]["m.relates_to"]["key"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        (found.len() >= 4).then_some(found)
    })
    .await
    .unwrap_or_default();
    assert_eq!(reactions, ["👍", "👎", "🤏", "❓"]);
    ben.react(&room, &q3.event_id, "👎").await;
    anna.wait_text(&room, &bot.user_id, seen, "(4/7)").await;
    anna.say(&room, "klopt").await;
    ben.say(&room, "1").await;
    anna.say(&room, "nog niet").await;
    ben.say(&room, "ja").await;
    anna.wait_text(&room, &bot.user_id, seen, "Jullie ervaringsniveau: Lerend")
        .await;
    anna.say(&room, "!koers status").await;
    anna.wait_text(&room, &bot.user_id, seen, "Ervaringsniveau: Lerend")
        .await;

    let stored = Stored::open(dir.path());
    let answers = stored.answers(&room);
    let get = |k: &str| {
        answers
            .get(k)
            .cloned()
            .unwrap_or_else(|| panic!("no answer {k}"))
    };
    assert_eq!(
        get("question.focus"),
        (Some("marketing".into()), anna.id.clone())
    );
    assert_eq!(
        get("question.measure"),
        (Some("Bereik".into()), ben.id.clone())
    );
    assert_eq!(get("data.strategy"), (Some("yes".into()), anna.id.clone()));
    assert_eq!(
        get("data.owner"),
        (Some("no".into()), ben.id.clone()),
        "by reaction"
    );
    assert_eq!(get("data.systems"), (Some("yes".into()), ben.id.clone()));
    assert_eq!(
        stored.answer_names(&room)["question.measure"].1,
        ben.name,
        "shown by display name"
    );
    assert_eq!(get("data.level").0.as_deref(), Some("lerend"), "5 of 7 yes");
    assert!(bot.running(), "the bot still runs: {}", bot.log_text());
}

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
