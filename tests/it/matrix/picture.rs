//! The plan's picture on Matrix: `!koers plaatje` and `!koers status` post an `m.image` after
//! the turn's text, its PNG uploaded to the homeserver's media repository.

use koers::report::png::{SCALE, STATUS_SCALE};
use koers::report::svg::{HEIGHT, WIDTH};
use resvg::tiny_skia::Pixmap;

use crate::matrix::{Bot, Event, Human, NOW};

const FOCUS_QUESTION: &str = "Met welke plek beginnen jullie?";

fn is_image(e: &Event) -> bool {
    e.json["content"]["msgtype"] == "m.image"
}

/// Says `line`, waits for the `m.image` koers posts after the text containing `text`, and
/// checks it: its info, its alt text, and that its media downloads as the plan's PNG.
async fn picture_after(
    anna: &Human,
    bot: &Bot,
    room: &matrix_sdk::ruma::OwnedRoomId,
    line: &str,
    text: &str,
    scale: u32,
) {
    let seen = anna.messages_from(room, &bot.user_id).await.len();
    anna.say(room, line).await;
    let msgs = anna
        .wait_for(room, &bot.user_id, "an m.image", |m| {
            m.iter().skip(seen).any(is_image)
        })
        .await;
    let new = &msgs[seen..];
    let at = new.iter().position(is_image).expect("an m.image");
    assert!(
        new[..at].iter().any(|e| e.body().contains(text)),
        "the text came first: {new:#?}"
    );
    assert_eq!(new.iter().filter(|e| is_image(e)).count(), 1, "one picture");
    let content = &new[at].json["content"];
    let info = &content["info"];
    assert_eq!(info["mimetype"], "image/png", "{content}");
    assert_eq!(info["w"], WIDTH * scale);
    assert_eq!(info["h"], HEIGHT * scale);
    assert!(
        content["body"]
            .as_str()
            .is_some_and(|b| b.contains("Schouwburg")),
        "alt text: {content}"
    );
    assert_eq!(content["filename"], "koers-schouwburg-plan.png");
    let url = content["url"].as_str().expect("an mxc url");
    let bytes = anna.download(url).await;
    assert_eq!(info["size"], bytes.len());
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let pixmap = Pixmap::decode_png(&bytes).expect("a valid PNG");
    assert_eq!(
        (pixmap.width(), pixmap.height()),
        (WIDTH * scale, HEIGHT * scale)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plaatje_and_status_post_an_m_image_whose_media_is_the_plans_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-picture", dir.path(), NOW, &[]);
    let room = anna.create_room("Schouwburg", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS_QUESTION).await;
    picture_after(&anna, &bot, &room, "!koers plaatje", "als plaatje", SCALE).await;
    picture_after(
        &anna,
        &bot,
        &room,
        "!koers status",
        "Status van",
        STATUS_SCALE,
    )
    .await;
}
