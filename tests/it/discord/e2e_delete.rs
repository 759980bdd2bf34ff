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
