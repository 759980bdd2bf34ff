//! Coaching by level and the guide's examples on a real homeserver: a learning team walks to
//! step 3, is asked for its long-term goal, sees it in `!koers status`, and asks for the
//! examples typed every way Matrix allows.

use super::{ACHIEVE, FOCUS_QUESTION, HULPVRAGEN, STATEMENT};
use crate::matrix::{Bot, Human, NOW, Stored};

const LONG_TERM: &str = "In 2029 is een kwart van ons publiek jonger dan 30";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learning_team_gives_its_long_term_goal_and_hears_the_examples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-coach", dir.path(), NOW, &[]);
    let room = anna.create_room("Coaching", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;

    // Step 1, then step 2 as a learning team: four times yes, and not yet embedded everywhere.
    anna.say(&room, "3").await;
    for answer in HULPVRAGEN {
        anna.say(&room, answer).await;
    }
    anna.say(&room, ACHIEVE).await;
    anna.say(&room, "nee").await;
    anna.say(&room, STATEMENT).await;
    for answer in ["ja", "ja", "ja", "ja", "nee", "nee", "nee", "nee"] {
        anna.say(&room, answer).await;
    }
    for answer in ["Nieuwsbrief", "Het CRM", "Koppelen"] {
        anna.say(&room, answer).await;
    }
    anna.wait_text(
        &room,
        &bot.user_id,
        0,
        "Het hele verhaal: !koers voorbeeld mariniers",
    )
    .await;
    for answer in ["Ticketing", "intern", "anoniem", "ja", "ja", "ja", "nee"] {
        anna.say(&room, answer).await;
    }
    anna.wait_text(&room, &bot.user_id, 0, "Jullie zijn lerend.")
        .await;

    // One action with one goal; then the long-term goal is asked.
    for answer in [
        "Instagram-campagne",
        "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór juni 2027",
        "Sanne",
        "ja",
        "100",
        "120",
        "nee",
        "nee",
        "nee",
    ] {
        anna.say(&room, answer).await;
    }
    anna.wait_text(
        &room,
        &bot.user_id,
        0,
        "wat is jullie doel voor de lange termijn",
    )
    .await;
    anna.say(&room, LONG_TERM).await;
    // Step 4 opens with the policy itself.
    anna.wait_text(&room, &bot.user_id, 0, "Eerst het beleid zelf.")
        .await;
    anna.say(&room, "!koers status").await;
    // The plan overview before step 4 names the long-term goal too: wait for /status's own
    // line about the level.
    let status = anna
        .wait_text(
            &room,
            &bot.user_id,
            0,
            "Lerend: het stappenplan raadt doelen aan",
        )
        .await;
    assert!(
        status
            .body()
            .contains(&format!("Doel voor de lange termijn: {LONG_TERM}")),
        "{}",
        status.body()
    );
    assert!(
        status
            .body()
            .contains("Lerend: het stappenplan raadt doelen aan voor de korte én de lange termijn")
    );

    // The examples: `!koers voorbeeld <naam>`, `!voorbeeld`, and the English name.
    anna.say(&room, "!koers voorbeeld mariniers").await;
    let told = anna.wait_text(&room, &bot.user_id, 0, "163%").await;
    assert!(
        told.body().contains("Culturele Doelgroepenmodel"),
        "{}",
        told.body()
    );
    anna.say(&room, "!voorbeeld").await;
    anna.wait_text(
        &room,
        &bot.user_id,
        0,
        "!koers voorbeeld schalm — Theater De Schalm",
    )
    .await;
    anna.say(&room, "!koers example utrecht").await;
    anna.wait_text(&room, &bot.user_id, 0, "A/B-test").await;
    bot.kill();

    // The long-term goal is stored as the team's answer; asking for examples stored nothing.
    let stored = Stored::open(dir.path());
    let answers = stored.answers(&room);
    assert_eq!(
        answers
            .get("action.long_term")
            .and_then(|(v, _)| v.clone())
            .as_deref(),
        Some(LONG_TERM)
    );
    assert_eq!(
        stored.team(&room).cursor.as_deref(),
        Some("implementation.policy_what")
    );
}
