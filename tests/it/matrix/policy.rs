//! Step 4 on a real homeserver with the real `koers run`: the policy questions and a readiness
//! item's owner and date answered in the room, `!koers status` shows the policy summary and the
//! tracked action, and a restart on the action's date brings its reminder, once, which asks
//! whether it is in place.

use std::sync::Arc;

use koers::engine::{Body, Engine, FixedClock, Incoming, Person, Role, Settings, TeamKey};
use koers::store::{Db, Options};

use super::FOCUS_QUESTION;
use crate::common::{WALK, line_of};
use crate::matrix::{Bot, Human, NOW, count_containing, db_file};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn step_four_in_a_room_gives_the_policy_in_status_and_a_readiness_reminder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-policy", dir.path(), NOW, &[]);
    let room = anna.create_room("Beleid", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    bot.kill();

    // Steps 1 to 3 as the walk answers them, straight through the engine while koers is down.
    let policy = line_of("implementation.policy_what");
    let now: jiff::Timestamp = "2026-11-25T09:00:00Z".parse().expect("timestamp");
    let engine =
        Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"));
    let db = Db::open(&db_file(dir.path()), &Options::default()).expect("db");
    let team = TeamKey {
        platform: "matrix".into(),
        id: room.to_string(),
        name: "Beleid".into(),
    };
    for line in &WALK[..policy] {
        engine
            .handle(
                &db,
                Incoming {
                    team: team.clone(),
                    person: Person::named(&anna.id),
                    role: Role::Manager,
                    body: Body::Text(line.input.into()),
                },
            )
            .expect("handled");
    }
    drop(db);

    // Step 4 in the room.
    let mut bot = Bot::start("bot-policy", dir.path(), NOW, &[]);
    for line in &WALK[policy..] {
        let seen = anna.messages_from(&room, &bot.user_id).await.len();
        anna.say(&room, line.input).await;
        anna.wait_text(&room, &bot.user_id, seen, line.next).await;
    }
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(
        count_containing(
            &msgs,
            "Genoteerd als actie 2: 'Duidelijk mandaat', opgepakt door Anne, geregeld op 15-12-2026."
        ),
        1
    );
    let seen = msgs.len();
    anna.say(&room, "!koers status").await;
    let status = anna
        .wait_text(&room, &bot.user_id, seen, "Acties uit stap 4 (2):")
        .await;
    for line in [
        "Beleid:",
        "• Het beleid: Elke campagne begint bij de cijfers uit de webshop",
        "• Hoe we het implementeren: Marketing bespreekt de cijfers elke maand met programmering",
        "2. Duidelijk mandaat — opgepakt door: Anne, geregeld op: 15-12-2026",
    ] {
        assert!(status.body().contains(line), "{line:?}: {}", status.body());
    }
    bot.kill();

    // 15 December, just after nine: the action's date asks whether it is in place, once.
    let bot = Bot::start("bot-policy", dir.path(), "2026-12-15T09:00:30+01:00", &[]);
    let asked = "Vandaag (15-12-2026) zou actie 2 'Duidelijk mandaat' geregeld zijn.";
    let reminder = anna.wait_text(&room, &bot.user_id, seen, asked).await;
    assert!(
        reminder
            .body()
            .contains("Is 'Duidelijk mandaat' (actie 2, bij Anne) nu geregeld?"),
        "{}",
        reminder.body()
    );
    // koers opens the check when it records the prompt as sent, just after the send: an
    // answer typed in the few milliseconds between finds nothing open (see the README's
    // reminder section). Answer once it is recorded, as a person reading it would.
    let recorded = std::time::Instant::now();
    while crate::common::Database::at(db_file(dir.path()))
        .evaluations("matrix", room.as_str())
        .is_empty()
    {
        assert!(
            recorded.elapsed() < std::time::Duration::from_secs(30),
            "the check was never recorded as open"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "ja").await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "Actie 2 'Duidelijk mandaat' is geregeld en afgesloten.",
    )
    .await;
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(count_containing(&msgs, asked), 1, "the reminder comes once");
}
