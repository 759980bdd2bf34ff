//! The web page and `/export html` on Matrix, with the real `koers run` serving both the room
//! and the web page (`KOERS_WEB_ENABLED`): `!koers export html` posts an `m.file` whose media
//! is the report, and `!koers link` sends the manager the secret link by direct message, which
//! opens the team's page on the address `koers run` listens on.

use crate::matrix::{Bot, Event, Human, NOW, poll};
use crate::web_page::get;

const FOCUS_QUESTION: &str = "Met welke plek beginnen jullie?";

fn is_file(e: &Event) -> bool {
    e.json["content"]["msgtype"] == "m.file"
}

/// A port of 127.0.0.1 nothing listens on now.
fn free_address() -> String {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("its address").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_html_is_an_m_file_and_link_opens_the_page_koers_run_serves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let address = free_address();
    let anna = Human::login("anna").await;
    let bot = Bot::start(
        "bot-web",
        dir.path(),
        NOW,
        &[
            ("KOERS_WEB_ENABLED", "true"),
            ("KOERS_WEB_ADDRESS", &address),
        ],
    );
    let room = anna
        .create_room("Stadsarchief", false, &[&bot.user_id])
        .await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "marketing").await;
    anna.wait_text(&room, &bot.user_id, seen, "komende periode belangrijk")
        .await;
    anna.say(&room, "Het archief wil scholieren").await;

    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "!koers export html").await;
    let msgs = anna
        .wait_for(&room, &bot.user_id, "an m.file", |m| {
            m.iter().skip(seen).any(is_file)
        })
        .await;
    let file = msgs[seen..].iter().find(|e| is_file(e)).expect("m.file");
    let content = &file.json["content"];
    assert_eq!(
        content["filename"], "koers-stadsarchief-plan.html",
        "{content}"
    );
    assert!(
        content["info"]["mimetype"]
            .as_str()
            .is_some_and(|m| m.starts_with("text/html")),
        "{content}"
    );
    let bytes = anna
        .download(content["url"].as_str().expect("an mxc url"))
        .await;
    assert_eq!(content["info"]["size"], bytes.len());
    let html = String::from_utf8(bytes).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Het archief wil scholieren"));

    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "!koers link").await;
    anna.wait_text(&room, &bot.user_id, seen, "privébericht")
        .await;
    let in_room = anna.messages_from(&room, &bot.user_id).await;
    assert!(
        in_room.iter().all(|e| !e.body().contains("/t/")),
        "the link is not posted in the room"
    );
    let dm = poll(async || anna.direct_invites_from(&bot.user_id).await.pop())
        .await
        .expect("koers invited anna to a direct room");
    anna.join(&dm).await;
    let sent = anna.wait_text(&dm, &bot.user_id, 0, "/t/").await;
    let token = sent
        .body()
        .split_whitespace()
        .find_map(|w| w.split_once("/t/").map(|(_, t)| t.to_string()))
        .expect("a link")
        .trim_end_matches(['.', ')', ','])
        .to_string();
    let (status, _, page) = get(&address, &format!("/t/{token}"));
    assert_eq!(status, 200, "koers run serves the page");
    assert!(
        page.contains("Het archief wil scholieren"),
        "the team's page"
    );
    let (status, _, _) = get(&address, "/t/not-a-token");
    assert_eq!(status, 404);
}
