//! The SMART check of `!koers doel nieuw` on Matrix against Synapse: A is "?" (not yet known)
//! while the support of those involved is unanswered, and ✓ once it is answered; a baseline
//! against the goal's words ("verhogen naar 300" from 400) is warned about and R is not met.

use super::FOCUS_QUESTION;
use crate::matrix::{Bot, Human, NOW, Stored};

const GOAL: &str = "!koers doel nieuw Het aantal studentenkaarten verhogen naar 300 voor eind \
                    februari 2027, eigenaar Jan";
const PENDING: &str =
    "Eigenaar bekend; of de betrokkenen achter dit doel staan (draagvlak), is nog niet beantwoord";
const AGAINST: &str = "De getallen gaan de andere kant op dan de woorden";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acceptable_waits_for_support_and_numbers_against_the_words_are_warned_on_matrix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-smart", dir.path(), NOW, &[]);
    let room = anna.create_room("Slim", false, &[&bot.user_id]).await;
    let me = bot.user_id.as_str();
    anna.wait_text(&room, me, 0, FOCUS_QUESTION).await;

    // The owner is in the text; support is not answered yet: A is not known.
    anna.say(&room, GOAL).await;
    let check = anna.wait_text(&room, me, 0, "SMART-check").await;
    let check = check.body();
    assert!(check.contains("? Acceptabel"), "{check}");
    assert!(!check.contains("✓ Acceptabel"), "{check}");
    assert!(check.contains(PENDING), "{check}");
    assert!(!check.contains(AGAINST), "no baseline yet: {check}");
    anna.wait_text(&room, me, 0, "Staan de betrokkenen achter dit doel")
        .await;

    // Support given; then a baseline above the target of a goal that says "verhogen".
    let seen = anna.messages_from(&room, me).await.len();
    anna.say(&room, "ja").await;
    anna.wait_text(&room, me, seen, "Waar staan jullie nu")
        .await;
    anna.say(&room, "400").await;
    anna.wait_text(&room, me, seen, "Is dit doel een experiment")
        .await;
    anna.say(&room, "nee").await;
    let recorded = anna
        .wait_text(&room, me, seen, "Genoteerd als doel 1")
        .await;
    let recorded = recorded.body();
    let said: Vec<String> = anna
        .messages_from(&room, me)
        .await
        .iter()
        .skip(seen)
        .map(|m| m.body().to_string())
        .collect();
    let said = said.join("\n");
    assert!(said.contains(AGAINST), "{said}");
    assert!(recorded.contains("✗ Realistisch"), "{recorded}");
    assert!(recorded.contains("✓ Acceptabel"), "{recorded}");
    assert!(!recorded.contains(PENDING), "{recorded}");

    let goal = Stored::open(dir.path())
        .goal(&room, 1)
        .expect("goal 1")
        .goal;
    assert_eq!((goal.baseline, goal.target), (Some(400.0), Some(300.0)));
    assert_eq!(goal.smart_score, Some(4), "R not met, A met");
}
