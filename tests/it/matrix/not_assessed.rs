//! An evaluation whose "is the goal achieved?" is skipped, on Matrix against Synapse: a goal
//! added with `!koers doel nieuw`, evaluated with `!koers evalueer 1`, its result and outcome
//! skipped with `!koers overslaan`. The goal is then not assessed, never "not achieved": in the
//! closing message, in `!koers doel`, and in the stored status.

use koers::states::GoalStatus;
use matrix_sdk::ruma::OwnedRoomId;

use super::FOCUS_QUESTION;
use crate::matrix::{Bot, Human, NOW, Stored};

const GOAL: &str = "!koers doel nieuw Het aantal studentenkaarten verhogen van 200 naar 300 \
                    voor eind februari 2027, eigenaar Jan";

/// anna says `text` and waits for the bot's next message containing `expect`; its body.
async fn answer(anna: &Human, room: &OwnedRoomId, bot: &str, text: &str, expect: &str) -> String {
    let seen = anna.messages_from(room, bot).await.len();
    anna.say(room, text).await;
    anna.wait_text(room, bot, seen, expect)
        .await
        .body()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_skipped_outcome_leaves_the_goal_not_assessed_on_matrix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-assess", dir.path(), NOW, &[]);
    let room = anna
        .create_room("Beoordeling", false, &[&bot.user_id])
        .await;
    let me = bot.user_id.as_str();
    anna.wait_text(&room, me, 0, FOCUS_QUESTION).await;
    answer(
        &anna,
        &room,
        me,
        GOAL,
        "Staan de betrokkenen achter dit doel",
    )
    .await;
    answer(&anna, &room, me, "ja", "Is dit doel een experiment").await;
    answer(&anna, &room, me, "nee", "Genoteerd als doel 1").await;

    answer(
        &anna,
        &room,
        me,
        "!koers evalueer 1",
        "Wat is het resultaat van doel 1?",
    )
    .await;
    // A skipped result settles nothing, so whether the goal was reached is asked.
    answer(&anna, &room, me, "!koers overslaan", "Is doel 1 gehaald?").await;
    answer(
        &anna,
        &room,
        me,
        "!koers overslaan",
        "Wat waren de effecten van de actie bij doel 1",
    )
    .await;
    answer(
        &anna,
        &room,
        me,
        "Meer aanmeldingen via school",
        "Wat moet er anders bij doel 1?",
    )
    .await;
    answer(&anna, &room, me, "Eerder beginnen", "Ontbrak er data").await;
    answer(&anna, &room, me, "nee", "volgende doel").await;
    let done = answer(
        &anna,
        &room,
        me,
        "nee",
        "Evaluatie van doel 1 vastgelegd zonder uitkomst",
    )
    .await;
    assert!(done.contains("niet beoordeeld"), "{done}");
    assert!(!done.contains("niet gehaald"), "{done}");

    let listed = answer(&anna, &room, me, "!koers doel", "studentenkaarten verhogen").await;
    let line = listed
        .lines()
        .find(|l| l.contains("studentenkaarten verhogen"))
        .unwrap_or_else(|| panic!("goal 1 in {listed}"));
    assert!(line.contains("niet beoordeeld"), "{line}");
    assert!(!line.contains("niet gehaald"), "{line}");

    let goal = Stored::open(dir.path())
        .goal(&room, 1)
        .expect("goal 1")
        .goal;
    assert_eq!(goal.status, GoalStatus::NotAssessed);
    assert_eq!(goal.status.as_str(), "not_assessed", "the word stored");
}
