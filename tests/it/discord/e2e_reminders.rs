//! Reminders through the real Discord adapter against the offline stand-in when a team's
//! channel is gone: that team's reminder fails once and shows in its /status, the next team's
//! arrives on time and whole.

use std::sync::Arc;
use std::time::Duration;

use crate::standin::*;
use koers::engine::{Engine, Settings, SystemClock};
use koers::platform::discord::{Options, run};
use koers::store::Db;
use serde_json::{Value, json};

const TOKEN: &str = "Bot-test-token";
const WAIT: Duration = Duration::from_secs(15);
/// Team A: its channel was deleted.
const CHANNEL_A: u64 = 1_300_000_000_000_000_211;
/// Team B: all is well.
const CHANNEL_B: u64 = 1_300_000_000_000_000_212;
const KEY_A: &str = "koers-g1-r1-before";
const KEY_B: &str = "koers-g2-r1-before";

fn posts_to(channel: u64) -> impl Fn(&Recorded) -> bool {
    let path = format!("/channels/{channel}/messages");
    move |r: &Recorded| r.is("POST", &path)
}

fn posts(standin: &StandIn, channel: u64) -> Vec<Recorded> {
    standin
        .requests()
        .into_iter()
        .filter(|r| posts_to(channel)(r))
        .collect()
}

/// A team in `channel` with one goal and one reminder due at unix second `due`.
fn seed(db: &Db, channel: u64, goal_text: String, due: i64, key: &'static str) {
    db.run(move |s| {
        crate::discord_e2e::seed_reminder(s, channel, "team", &goal_text, due, key).map(drop)
    })
    .expect("seed");
}

/// Ask until `check` gives a value, for at most [`WAIT`].
async fn poll<T>(mut check: impl FnMut() -> Option<T>) -> Option<T> {
    for _ in 0..(WAIT.as_millis() / 50) {
        if let Some(v) = check() {
            return Some(v);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

async fn status(standin: &StandIn, channel: u64) -> String {
    let callback = |r: &Recorded| r.method == "POST" && r.path.ends_with("/callback");
    let seen = standin.requests().iter().filter(|r| callback(r)).count();
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_slash(
            GUILD_ID,
            channel,
            USER_ID,
            &[ROLE_ID],
            EVERYONE_PERMISSIONS,
            "status",
            json!([]),
        ),
    );
    let reply = poll(|| {
        standin
            .requests()
            .into_iter()
            .filter(|r| callback(r))
            .nth(seen)
    })
    .await
    .expect("a status reply");
    let body = reply.body.expect("body");
    let embed = &body["data"]["embeds"][0];
    format!(
        "{}\n{}",
        embed["title"].as_str().unwrap_or_default(),
        embed["description"].as_str().unwrap_or_default()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_channel_fails_its_reminder_once_and_the_next_team_gets_theirs_whole() {
    let standin = StandIn::start(TOKEN);
    // Team A's channel was deleted: Discord answers every post there with 404.
    standin.override_route(
        "POST",
        &format!("/channels/{CHANNEL_A}/messages"),
        404,
        json!({"message": "Unknown Channel", "code": 10003}),
        None,
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::open(
        &dir.path().join("koers.sqlite"),
        &koers::store::Options::default(),
    )
    .expect("db");
    let engine = Arc::new(Engine::new(Box::new(SystemClock), Settings::default()).expect("engine"));
    // A falls due first, B a second later; B's goal is long enough to need two messages.
    let due = engine.now().as_second() + 2;
    seed(&db, CHANNEL_A, "Meer studenten".into(), due, KEY_A);
    let long_goal = format!("Meer bezoekers {}einde", "uit de buurt ".repeat(180));
    seed(&db, CHANNEL_B, long_goal.clone(), due + 1, KEY_B);
    let options = Options {
        token: TOKEN.into(),
        api_base: Some(standin.rest_base()),
        manager_role: Some(ROLE_ID),
        guild: Some(GUILD_ID),
        message_content: true,
    };
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options));

    // B's reminder arrives, whole: two messages, a nonce each, the buttons on the last.
    let b = poll(|| {
        let b = posts(&standin, CHANNEL_B);
        (b.len() >= 2).then_some(b)
    })
    .await
    .unwrap_or_else(|| panic!("B's reminder did not arrive: {:#?}", standin.requests()));
    assert_eq!(b.len(), 2);
    let bodies: Vec<Value> = b.iter().map(|r| r.body.clone().expect("body")).collect();
    let nonces: Vec<&str> = bodies
        .iter()
        .map(|b| b["nonce"].as_str().expect("nonce"))
        .collect();
    assert_eq!(nonces, [KEY_B.to_string(), format!("{KEY_B}~1")]);
    assert!(bodies.iter().all(|b| b["enforce_nonce"] == json!(true)));
    let text: String = bodies
        .iter()
        .map(|b| b["content"].as_str().unwrap_or_default())
        .collect();
    assert!(text.contains(&long_goal), "the whole goal is in: {text}");
    assert!(bodies[0]["components"].as_array().is_none_or(Vec::is_empty));
    assert_eq!(
        bodies[1]["components"][0]["components"][0]["custom_id"],
        "k|goal#1|snooze"
    );

    // A's reminder is failed with its reason, tried once, never again.
    let failed = poll(|| {
        let failed = db
            .run(|s| {
                let t = s
                    .find_team("discord", &CHANNEL_A.to_string())?
                    .expect("team A");
                s.list_failed_reminders(t.id)
            })
            .expect("read");
        (!failed.is_empty()).then_some(failed)
    })
    .await
    .expect("A's reminder marked failed");
    assert_eq!(failed[0].reason, "discord 404 Unknown Channel");
    // B's went out on time (not marked late), the same pass that failed A's. Its record is
    // written after the stand-in answered its last post, so it may land just after A's failure:
    // wait for it, then check it whole.
    let read_b = || {
        db.run(|s| {
            let t = s
                .find_team("discord", &CHANNEL_B.to_string())?
                .expect("team B");
            let g = s.find_goal_by_number(t.id, 1)?.expect("goal");
            Ok((s.count_late_sends()?, s.count_goal_reminders(g.id)?))
        })
        .expect("read")
    };
    let (late, b_sent) = poll(|| {
        let read = read_b();
        (read.1.0 == 0).then_some(read)
    })
    .await
    .unwrap_or_else(read_b);
    assert_eq!((late, b_sent), (0, (0, 1)));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        posts(&standin, CHANNEL_A).len(),
        1,
        "A's post is not retried"
    );

    // A's /status says so, once.
    let first = status(&standin, CHANNEL_A).await;
    assert!(
        first.contains("Herinneringen die niet aankwamen")
            && first.contains("Doel 1 (Meer studenten)")
            && first.contains("bestond niet meer"),
        "{first}"
    );
    let second = status(&standin, CHANNEL_A).await;
    assert!(
        !second.contains("Herinneringen die niet aankwamen"),
        "{second}"
    );
    task.abort();
}
