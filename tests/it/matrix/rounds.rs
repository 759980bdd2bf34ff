//! Closing the circle in a Matrix room, with the real `koers run` on Synapse: `!koers stap 2`,
//! `!koers nieuw` from the last round, and the export with the rounds side by side.

use std::sync::Arc;

use koers::engine::{Body, Engine, FixedClock, Incoming, Role, Settings, TeamKey};
use koers::store::{Db, Person};

use super::FOCUS_QUESTION;
use crate::common::WALK;
use crate::matrix::{Bot, Human, NOW, Stored, db_file};

/// Answer the whole Dutch walk for the room's team straight through the engine, while the bot
/// is down: the round before the part under test.
fn walk_done(dir: &std::path::Path, room: &str) {
    let db = Db::open(&db_file(dir), &koers::store::Options::default()).expect("db");
    let now = NOW.parse::<jiff::Timestamp>().expect("now");
    let engine =
        Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"));
    let said = |text: &str| Incoming {
        team: TeamKey {
            platform: "matrix".into(),
            id: room.to_string(),
            name: "Rondes".into(),
        },
        person: Person::named("anna"),
        role: Role::Manager,
        body: Body::Text(text.into()),
    };
    for line in WALK {
        engine.handle(&db, said(line.input)).expect("answer");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_goes_back_a_step_starts_the_next_round_from_the_last_and_compares_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-rounds", dir.path(), NOW, &[]);
    let room = anna.create_room("Rondes", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    bot.kill();
    walk_done(dir.path(), room.as_str());
    let bot = Bot::start("bot-rounds", dir.path(), NOW, &[]);
    let seen = anna.messages_from(&room, &bot.user_id).await.len();

    anna.say(&room, "!koers stap 2").await;
    let back = anna
        .wait_text(&room, &bot.user_id, seen, "Terug naar stap 2")
        .await;
    assert!(
        back.body().contains("Eerder antwoord: ja"),
        "{}",
        back.body()
    );

    anna.say(&room, "!koers nieuw").await;
    let carried = anna
        .wait_text(
            &room,
            &bot.user_id,
            seen,
            "Ronde 2 begint waar ronde 1 ophield",
        )
        .await;
    let statement = WALK
        .iter()
        .find(|l| l.key == "question.statement")
        .map(|l| l.input)
        .expect("in the walk");
    assert!(carried.body().contains(statement), "{}", carried.body());
    assert!(
        carried
            .body()
            .contains("Wat is er veranderd sinds de vorige ronde?"),
        "one message per turn: {}",
        carried.body()
    );

    anna.say(&room, "Nieuwe directie, nieuwe plannen").await;
    anna.wait_text(&room, &bot.user_id, seen, "Past het vraagstuk")
        .await;
    anna.say(&room, "ja").await;
    anna.wait_text(&room, &bot.user_id, seen, "(1/7)").await;

    anna.say(&room, "!koers export").await;
    let export = anna
        .wait_text(&room, &bot.user_id, seen, "Rondes naast elkaar")
        .await;
    assert!(
        export.body().contains("| | Ronde 1 | Ronde 2 |"),
        "{}",
        export.body()
    );
    assert!(
        export
            .body()
            .contains("| **Wat veranderde** | — | Nieuwe directie, nieuwe plannen |"),
        "{}",
        export.body()
    );
    let team = Stored::open(dir.path()).team(&room);
    assert_eq!(team.round, 2);
    assert_eq!(team.cursor.as_deref(), Some("data.strategy"));
}
