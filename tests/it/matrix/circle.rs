//! Step 1 and step 3 hold together, on a real homeserver: the "waarom?" quotes the answer before
//! it, a repeated answer gets one nudge, a goal that shares nothing with the vraagstuk is asked
//! whether it serves it, and the vraagstuk comes back next to the goals.

use super::FOCUS_QUESTION;
use crate::circle::FAR_GOAL;
use crate::common::{WALK, line_of};
use crate::matrix::{Bot, Human, NOW, Stored};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_waarom_quotes_the_answer_before_it_and_a_far_goal_is_asked_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-circle", dir.path(), NOW, &[]);
    let room = anna.create_room("Kring", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    for line in &WALK[..line_of("question.achieve")] {
        anna.say(&room, line.input).await;
    }
    anna.say(&room, "Meer studenten in de zaal").await;
    anna.wait_text(&room, &bot.user_id, 0, "Willen jullie dat nu doen?")
        .await;
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "ja").await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "Jullie zeggen: “Meer studenten in de zaal”. Waarom? (1/5)",
    )
    .await;
    anna.say(&room, "Omdat we meer studenten in de zaal willen")
        .await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "Dat lijkt veel op “Meer studenten in de zaal”.",
    )
    .await;
    anna.say(&room, "Omdat studenten ons toekomstige publiek zijn")
        .await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "Jullie zeggen: “Omdat studenten ons toekomstige publiek zijn”. Waarom? (2/5)",
    )
    .await;
    anna.say(&room, "klaar").await;
    for line in &WALK[line_of("question.statement")..line_of("action.action#1.goal#1.text")] {
        anna.say(&room, line.input).await;
    }
    anna.wait_text(&room, &bot.user_id, seen, "Welk doel hoort bij deze actie?")
        .await;
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, FAR_GOAL).await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "Dient het jullie vraagstuk: “Hoeveel jongeren onder de 30",
    )
    .await;
    // "ja": kept, and nothing more is said about it.
    // Then owner, support, baseline, target, not an experiment, no more goals or actions, and
    // the long-term goal the walk's (lerend) team is asked for.
    let long_term = WALK[line_of("action.long_term")].input;
    for answer in [
        "ja", "Sanne", "ja", "200", "220", "nee", "nee", "nee", long_term,
    ] {
        anna.say(&room, answer).await;
    }
    let plan = anna
        .wait_text(
            &room,
            &bot.user_id,
            seen,
            "Zo hangen jullie acties en doelen samen",
        )
        .await;
    assert!(
        plan.body().contains(&format!("Doel 1: {FAR_GOAL}")),
        "{}",
        plan.body()
    );
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert!(
        !msgs.iter().any(|m| m
            .body()
            .contains("Dan loont het om het doel bij te stellen")),
        "no tip after a yes"
    );

    let answers = Stored::open(dir.path()).answers(&room);
    let value = |k: &str| answers.get(k).and_then(|a| a.0.clone());
    assert_eq!(
        value("question.achieve").as_deref(),
        Some("Meer studenten in de zaal")
    );
    assert_eq!(value("question.why#1.repeat").as_deref(), Some("repeat"));
    assert_eq!(
        value("action.action#1.goal#1.overlap").as_deref(),
        Some("none")
    );
    assert_eq!(
        value("action.action#1.goal#1.serves").as_deref(),
        Some("yes")
    );
    assert_eq!(value("action.plan").as_deref(), Some("1"));
}
