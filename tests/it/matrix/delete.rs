//! `!koers verwijder team` in a Matrix room, with the real `koers run` on Synapse: the room is
//! told the team is deleted, nothing of it is stored any more, and koers leaves the room.

use super::FOCUS_QUESTION;
use crate::matrix::{Bot, Human, NOW, Stored, poll};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_the_team_says_so_and_koers_leaves_the_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-delete", dir.path(), NOW, &[]);
    let room = anna.create_room("Weg ermee", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    let stored = Stored::open(dir.path());
    assert_eq!(stored.teams(), 1);

    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "!koers verwijder team").await;
    let asked = anna
        .wait_text(&room, &bot.user_id, seen, "om door te gaan")
        .await;
    let (_, after) = asked
        .body()
        .split_once("!koers verwijder team ")
        .unwrap_or_else(|| panic!("no code in {}", asked.body()));
    let code: String = after
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    anna.say(&room, &format!("!koers verwijder team {code}"))
        .await;
    anna.wait_text(&room, &bot.user_id, seen, "is verwijderd")
        .await;
    let left = poll(async || {
        anna.events(&room)
            .await
            .iter()
            .any(|e| {
                e.kind == "m.room.member"
                    && e.json["state_key"] == bot.user_id
                    && e.json["content"]["membership"] == "leave"
            })
            .then_some(())
    })
    .await;
    assert!(left.is_some(), "koers left the room: {}", bot.log_text());
    assert_eq!(stored.teams(), 0, "nothing of the team is stored");
}
