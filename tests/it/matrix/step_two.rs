//! A team walks steps 1 and 2 on Matrix: questions as formatted messages, answers by text,
//! number and reaction, each member recorded by who answered.

use super::{ACHIEVE, FOCUS_QUESTION, HULPVRAGEN, STATEMENT};
use crate::matrix::{Bot, Human, NOW, Stored, count_containing, poll};

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
