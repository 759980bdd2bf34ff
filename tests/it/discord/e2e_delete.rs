//! `/verwijder team` on Discord, through the real adapter and the stand-in: the channel is told
//! the team is deleted, nothing of it is left, talk in its old thread is no longer read (and does
//! not bring the team back), and only an explicit `/start` makes a new team.

use super::*;

fn content(body: &Value) -> String {
    body["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn delete_team(code: Option<&str>) -> Value {
    let options = match code {
        Some(c) => json!([{"name": "code", "type": 3, "value": c}]),
        None => json!([]),
    };
    json!([{"name": "team", "type": 1, "options": options}])
}

fn team_exists(db: &Db) -> bool {
    db.run(|s| Ok(s.find_team("discord", &CHANNEL_ID.to_string())?.is_some()))
        .expect("read")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_channel_is_told_the_team_is_deleted_and_its_thread_is_no_longer_read() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(&standin, CHANNEL_ID).await;
    assert!(team_exists(&db));

    let asked = content(&slash(&standin, CHANNEL_ID, "verwijder", delete_team(None)).await);
    let (_, after) = asked
        .split_once("/verwijder team ")
        .unwrap_or_else(|| panic!("no code in {asked}"));
    let code: String = after
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let done = slash(&standin, CHANNEL_ID, "verwijder", delete_team(Some(&code))).await;
    assert!(
        content(&done).contains("is verwijderd"),
        "the channel is told: {done}"
    );
    assert_ne!(done["data"]["flags"], json!(64), "said to everyone: {done}");
    assert!(!team_exists(&db), "the team is gone");
    let thread_left = db
        .run(move |s| s.find_discord_thread(&thread.to_string()))
        .expect("read");
    assert_eq!(thread_left, None, "the thread no longer leads to a team");

    // Talk in the old thread and in the channel is not read, and brings no team back.
    let seen = standin.requests().len();
    for channel in [thread, CHANNEL_ID] {
        standin.dispatch(
            "MESSAGE_CREATE",
            message_create(GUILD_ID, channel, USER_ID, "tester", "marketing"),
        );
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    let posted: Vec<String> = standin
        .requests()
        .iter()
        .skip(seen)
        .filter(|r| sent_message(r))
        .map(|r| r.path.clone())
        .collect();
    assert!(posted.is_empty(), "koers answered chatter: {posted:?}");
    assert!(!team_exists(&db), "chatter does not make a team");

    // An explicit /start does.
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    assert!(team_exists(&db), "a fresh /start makes a new team");
    task.abort();
}

/// An engine whose clock stands `days` after the test's start.
fn engine_at(days: i64) -> Arc<Engine> {
    let start: jiff::Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
    let now = start + jiff::SignedDuration::from_hours(24 * days);
    Arc::new(
        Engine::new(
            Box::new(koers::engine::FixedClock(now)),
            Settings::default(),
        )
        .expect("engine"),
    )
}

/// Run the adapter on `engine` until koers posts text containing `text` in the channel.
async fn posted_by_retention(engine: Arc<Engine>, db: &Db, text: &str) -> String {
    let standin = StandIn::start(TOKEN);
    let task = tokio::spawn(run(engine, db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    let path = format!("/channels/{CHANNEL_ID}/messages");
    let posted = standin
        .wait_for(
            |r| r.is("POST", &path) && r.content().is_some_and(|c| c.contains(text)),
            WAIT,
        )
        .await;
    task.abort();
    posted.content().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_team_is_warned_in_its_channel_and_deleted_two_weeks_later() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, db) = open(dir.path());
    let team = koers::engine::TeamKey {
        platform: "discord".into(),
        id: CHANNEL_ID.to_string(),
        name: "#algemeen".into(),
    };
    engine_at(0)
        .handle(
            &db,
            koers::engine::Incoming {
                team,
                person: koers::store::Person::named("tester"),
                role: koers::engine::Role::Manager,
                body: koers::engine::Body::Start { lang: None },
            },
        )
        .expect("a team");

    // 720 of the 730 days on, `koers run` warns the team in its channel, the way reminders go.
    let warning = posted_by_retention(engine_at(720), &db, "geen bericht meer").await;
    assert!(warning.contains("#algemeen"), "{warning}");
    assert!(team_exists(&db), "only warned");
    // Past the retention and two weeks after the warning, the team is deleted and told.
    let farewell = posted_by_retention(engine_at(735), &db, "Zoals aangekondigd").await;
    assert!(farewell.contains("verwijderd"), "{farewell}");
    assert!(!team_exists(&db), "the team is deleted");
}
