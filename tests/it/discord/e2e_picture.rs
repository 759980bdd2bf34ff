//! The plan's picture on Discord: `/plaatje` and `/status` carry it as one PNG attachment on
//! their one interaction response (the status shows it in its embed).

use koers::report::png::{SCALE, STATUS_SCALE};
use koers::report::svg::{HEIGHT, WIDTH};
use resvg::tiny_skia::Pixmap;

use super::*;

/// The interaction tokens koers answered, with how many responses each got.
fn responses_per_token(standin: &StandIn) -> Vec<usize> {
    let mut per = std::collections::BTreeMap::new();
    for r in standin.requests().iter().filter(|r| callback(r)) {
        let token = r.route().split('/').nth(3).unwrap_or_default().to_string();
        *per.entry(token).or_insert(0) += 1;
    }
    per.into_values().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plaatje_and_status_carry_the_picture_as_a_png_attachment_on_their_one_response() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;

    for name in ["plaatje", "status"] {
        let seen = count(&standin, callback);
        slash(&standin, CHANNEL_ID, name, json!([])).await;
        let response = next(&standin, seen, callback).await;
        assert_eq!(response.files.len(), 1, "/{name}: one file");
        let file = &response.files[0];
        assert_eq!(file.filename.as_deref(), Some("koers-algemeen-plan.png"));
        assert_eq!(&file.bytes[..8], b"\x89PNG\r\n\x1a\n", "/{name}: a PNG");
        let pixmap = Pixmap::decode_png(&file.bytes).expect("a valid PNG");
        // The picture that comes with /status is drawn at its own size, a file asked for at twice.
        let scale = if name == "status" {
            STATUS_SCALE
        } else {
            SCALE
        };
        assert_eq!(
            (pixmap.width(), pixmap.height()),
            (WIDTH * scale, HEIGHT * scale),
            "/{name}"
        );
        let data = &response.body.as_ref().expect("payload_json")["data"];
        assert_eq!(
            data["attachments"][0]["filename"], "koers-algemeen-plan.png",
            "{data}"
        );
        if name == "status" {
            assert_eq!(
                data["embeds"][0]["image"]["url"], "attachment://koers-algemeen-plan.png",
                "the status embed shows the picture: {data}"
            );
        }
    }
    // Let stragglers arrive, then: one response per interaction, nothing else sent.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(responses_per_token(&standin), vec![1, 1]);
    assert_eq!(count(&standin, sent_message), 0, "no extra posts");
    assert_eq!(
        count(&standin, |r| r.method == "POST"
            && r.route().starts_with("/webhooks/")),
        0,
        "no follow-ups"
    );
    assert_no_pings(&standin);
    task.abort();
}
