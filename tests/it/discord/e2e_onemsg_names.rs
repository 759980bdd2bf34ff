//! A team follows its channel's name: renamed on the next event and on a channel update,
//! without a word; a channel without a team is left alone.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_follows_its_channels_name() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    // A team stored under an old name (the channel was renamed while koers was away).
    db.run(move |s| {
        s.insert_team(
            "discord",
            &CHANNEL_ID.to_string(),
            "#oud",
            koers::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )
        .map(drop)
    })
    .expect("seed");
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;

    // The next event in its channel gives it the channel's name.
    slash(&standin, CHANNEL_ID, "status", json!([])).await;
    assert_eq!(team_name(&db, CHANNEL_ID).as_deref(), Some("#algemeen"));

    // Renaming the channel renames the team, without anyone saying anything.
    let seen = standin.requests().len();
    standin.dispatch(
        "CHANNEL_UPDATE",
        text_channel_json(GUILD_ID, CHANNEL_ID, "team-marketing", 0),
    );
    let mut name = team_name(&db, CHANNEL_ID);
    for _ in 0..(WAIT.as_millis() / 50) {
        if name.as_deref() == Some("#team-marketing") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        name = team_name(&db, CHANNEL_ID);
    }
    assert_eq!(name.as_deref(), Some("#team-marketing"));
    assert_eq!(sent_since(&standin, seen), Sent::default(), "nothing said");

    // A channel without a team is left alone.
    standin.dispatch(
        "CHANNEL_UPDATE",
        text_channel_json(GUILD_ID, OTHER_CHANNEL, "elders", 1),
    );
    let back = slash(&standin, CHANNEL_ID, "start", json!([])).await;
    assert_eq!(team_name(&db, OTHER_CHANNEL), None);
    let thread = thread_of(&standin, CHANNEL_ID).await;
    assert!(back["data"]["content"].as_str().is_some(), "{back}");
    let welcome = standin.wait_for(|r| posts_to(thread)(r), WAIT).await;
    assert!(
        text_of(&welcome).contains("#team-marketing"),
        "{}",
        text_of(&welcome)
    );
    task.abort();
}
