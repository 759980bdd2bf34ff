//! The web page's link and `/export`'s files on Discord: `/link` answers the manager alone (an
//! ephemeral response), and every `/export` format is one response with one attachment — the
//! Markdown and JSON no longer a stream of 2000-character messages.

use super::*;

/// The engine with a web page at `https://koers.example.org`.
fn open_with_web(dir: &std::path::Path) -> (Arc<Engine>, Db) {
    let db = Db::open(&dir.join("koers.sqlite"), &koers::store::Options::default()).expect("db");
    let settings = Settings {
        web_base: Some("https://koers.example.org".into()),
        ..Settings::default()
    };
    let engine = Arc::new(Engine::new(Box::new(SystemClock), settings).expect("engine"));
    (engine, db)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_is_ephemeral_and_every_export_is_one_attachment() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open_with_web(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;

    // The team's first turn greets it in the channel; the link comes after that.
    slash(&standin, CHANNEL_ID, "status", json!([])).await;
    let body = slash(&standin, CHANNEL_ID, "link", json!([])).await;
    assert_eq!(body["data"]["flags"], json!(64), "ephemeral: {body}");
    let content = body["data"]["content"].as_str().expect("content");
    assert!(
        content.contains("https://koers.example.org/t/"),
        "the link: {content}"
    );
    let working = db.run(|s| s.list_web_links()).expect("links");
    assert_eq!(working.len(), 1, "one working link");

    for (choice, file_name) in [
        (0, "koers-algemeen-plan.md"),
        (1, "koers-algemeen-plan.json"),
        (2, "koers-algemeen-plan.html"),
        (3, "koers-algemeen-plan.png"),
    ] {
        let seen = count(&standin, callback);
        let before = count(&standin, sent_message);
        slash(
            &standin,
            CHANNEL_ID,
            "export",
            json!([{"name": "formaat", "type": 4, "value": choice}]),
        )
        .await;
        let response = next(&standin, seen, callback).await;
        assert_eq!(response.files.len(), 1, "{file_name}: one file");
        let file = &response.files[0];
        assert_eq!(file.filename.as_deref(), Some(file_name));
        match choice {
            1 => {
                let json: Value = serde_json::from_slice(&file.bytes).expect("valid JSON");
                assert_eq!(json["schema_version"], 1);
            }
            2 => assert!(file.bytes.starts_with(b"<!DOCTYPE html>")),
            3 => assert!(file.bytes.starts_with(b"\x89PNG")),
            _ => assert!(String::from_utf8_lossy(&file.bytes).contains("# koers — ")),
        }
        let text = response.body.as_ref().expect("payload")["data"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(text.chars().count() < 200, "only a caption: {text}");
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            count(&standin, sent_message),
            before,
            "{file_name}: no further messages"
        );
    }
    assert_no_pings(&standin);
    task.abort();
}
