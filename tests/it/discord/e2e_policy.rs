//! Step 4 through the real Discord adapter against the offline stand-in: the policy questions
//! and a readiness item's owner and date are answered in the team's thread, /status shows the
//! policy summary and the tracked action, and after a restart on the action's date its
//! reminder arrives in the thread (with its key as nonce) and asks whether it is in place.

use super::*;
use crate::common::{WALK, line_of};
use koers::engine::{Body, FixedClock, Incoming, Person, Role, TeamKey};

fn engine_at(now: &str) -> Arc<Engine> {
    let now: jiff::Timestamp = now.parse().expect("timestamp");
    Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"))
}

/// Type `text` in `channel` and wait for a post there that contains `expect`.
async fn answer(standin: &StandIn, channel: u64, text: &str, expect: &str) -> String {
    let seen = count(standin, posts_to(channel));
    standin.dispatch(
        "MESSAGE_CREATE",
        message_create(GUILD_ID, channel, USER_ID, "tester", text),
    );
    for _ in 0..(WAIT.as_millis() / 50) {
        let said: Vec<String> = standin
            .requests()
            .into_iter()
            .filter(|r| posts_to(channel)(r))
            .skip(seen)
            .filter_map(|r| r.content().map(str::to_string))
            .collect();
        if let Some(hit) = said.iter().find(|c| c.contains(expect)) {
            return hit.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("after {text:?} nothing in {channel} said {expect:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn step_four_on_discord_gives_the_policy_in_status_and_a_readiness_reminder() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, db) = open(dir.path());
    // Steps 1 to 3 as the walk answers them, straight through the engine, on 25 November.
    let engine = engine_at("2026-11-25T09:00:00Z");
    let team = TeamKey {
        platform: "discord".into(),
        id: CHANNEL_ID.to_string(),
        name: "team".into(),
    };
    let policy = line_of("implementation.policy_what");
    let bodies = std::iter::once(Body::Start { lang: None })
        .chain(WALK[..policy].iter().map(|l| Body::Text(l.input.into())));
    for body in bodies {
        engine
            .handle(
                &db,
                Incoming {
                    team: team.clone(),
                    person: Person::named("tester"),
                    role: Role::Manager,
                    body,
                },
            )
            .expect("handled");
    }
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(&standin, CHANNEL_ID).await;

    // Step 4 in the thread, as typed text.
    let mut tracked = String::new();
    for line in &WALK[policy..] {
        let said = answer(&standin, thread, line.input, line.next).await;
        if line.key == "implementation.mandate.date" {
            tracked = standin
                .requests()
                .into_iter()
                .filter_map(|r| r.content().map(str::to_string))
                .find(|c| c.contains("Genoteerd als actie 2"))
                .unwrap_or(said);
        }
    }
    assert!(
        tracked.contains("'Duidelijk mandaat', opgepakt door Anne, geregeld op 15-12-2026"),
        "{tracked}"
    );

    // /status: the policy summary and the tracked actions.
    let status = slash(&standin, thread, "status", json!([])).await;
    let overview = status["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    for line in [
        "Beleid:",
        "• Het beleid: Elke campagne begint bij de cijfers uit de webshop",
        "• Wat we nodig hebben: Een dashboard en vier uur per week",
        "Acties uit stap 4 (2):",
        "2. Duidelijk mandaat — opgepakt door: Anne, geregeld op: 15-12-2026",
    ] {
        assert!(overview.contains(line), "{line:?} not in {status:#}");
    }
    task.abort();

    // A restart on 15 December just after nine: the date's reminder, once, in the thread.
    let engine = engine_at("2026-12-15T08:00:30Z");
    let seen = count(&standin, posts_to(thread));
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    let asked = "Vandaag (15-12-2026) zou actie 2 'Duidelijk mandaat' geregeld zijn.";
    let mut reminder = None;
    for _ in 0..(WAIT.as_millis() / 50) {
        reminder = standin
            .requests()
            .into_iter()
            .filter(|r| posts_to(thread)(r))
            .skip(seen)
            .find(|r| r.content().is_some_and(|c| c.contains(asked)));
        if reminder.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body = reminder.expect("the date's reminder").body.expect("body");
    let nonce = body["nonce"].as_str().unwrap_or_default();
    assert!(
        nonce.starts_with("koers-g") && nonce.ends_with("-deadline"),
        "{body}"
    );
    assert!(
        body["content"]
            .as_str()
            .is_some_and(|c| c.contains("Is 'Duidelijk mandaat' (actie 2, bij Anne) nu geregeld?")),
        "{body}"
    );
    let closed = answer(&standin, thread, "ja", "is geregeld en afgesloten").await;
    assert!(
        closed.starts_with("Actie 2 'Duidelijk mandaat'"),
        "{closed}"
    );
    let asked_count = standin
        .requests()
        .into_iter()
        .filter(|r| posts_to(thread)(r))
        .filter(|r| r.content().is_some_and(|c| c.contains(asked)))
        .count();
    assert_eq!(asked_count, 1, "the reminder comes once");
    assert_no_pings(&standin);
    task.abort();
}
