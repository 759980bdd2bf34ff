//! Closing the circle on Discord, through the real adapter and the stand-in: `/stap 2` goes
//! back to a step, `/nieuw` opens the next round's thread starting from the last round, and the
//! export shows the rounds side by side.

use super::*;
use crate::common::WALK;
use koers::engine::{Body, Incoming, Role, TeamKey};
use koers::store::Person;

/// The whole Dutch walk, answered through the engine for the channel's team (a round of the
/// plan already done before the test's part starts).
fn walk_done(engine: &Arc<Engine>, db: &Db) {
    let team = TeamKey {
        platform: "discord".into(),
        id: CHANNEL_ID.to_string(),
        name: "stappenplan".into(),
    };
    let said = |body: Body| Incoming {
        team: team.clone(),
        person: Person::named("tester"),
        role: Role::Manager,
        body,
    };
    engine
        .handle(db, said(Body::Start { lang: None }))
        .expect("start");
    for line in WALK {
        engine
            .handle(db, said(Body::Text(line.input.into())))
            .expect("answer");
    }
}

/// The first request koers made after the first `seen` whose content holds `text`.
pub(super) async fn said_after(standin: &StandIn, seen: usize, text: &str) -> Recorded {
    for _ in 0..(WAIT.as_millis() / 50) {
        if let Some(r) = standin
            .requests()
            .into_iter()
            .skip(seen)
            .find(|r| r.content().is_some_and(|c| c.contains(text)))
        {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "koers never said {text:?}; it said: {:#?}",
        standin
            .requests()
            .iter()
            .skip(seen)
            .filter_map(|r| r.content().map(str::to_string))
            .collect::<Vec<_>>()
    );
}

/// The stand-in and the adapter running on a database whose team finished a round.
pub(super) async fn started_after_a_walk() -> (
    StandIn,
    tempfile::TempDir,
    Db,
    tokio::task::JoinHandle<anyhow::Result<()>>,
) {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    walk_done(&engine, &db);
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    (standin, dir, db, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn step_back_a_new_round_from_the_last_and_the_rounds_side_by_side() {
    let (standin, _dir, db, task) = started_after_a_walk().await;

    // /stap 2: the first question of step 2 again, with the answer given.
    let seen = standin.requests().len();
    slash(
        &standin,
        CHANNEL_ID,
        "stap",
        json!([{"name": "nummer", "type": 4, "value": 2}]),
    )
    .await;
    said_after(&standin, seen, "Terug naar stap 2").await;
    let asked = said_after(&standin, seen, "Eerder antwoord: ja").await;
    assert!(
        asked
            .content()
            .is_some_and(|c| c.contains("Is er een strategie gericht op publieksdata?")),
        "the answer given is shown with its question: {:?}",
        asked.content()
    );

    // /nieuw opens round 2's thread, which starts with what came along and what changed.
    let seen = standin.requests().len();
    slash(&standin, CHANNEL_ID, "nieuw", json!([])).await;
    let opened = standin
        .wait_for(
            |r| {
                opens_thread(CHANNEL_ID)(r)
                    && r.body
                        .as_ref()
                        .is_some_and(|b| b["name"] == json!("Stappenplan — ronde 2"))
            },
            WAIT,
        )
        .await;
    let thread = id_of(opened.response.as_ref().expect("the thread"));
    let carried = said_after(&standin, seen, "Ronde 2 begint waar ronde 1 ophield").await;
    let text = carried.content().expect("content");
    let given = |key: &str| {
        WALK.iter()
            .find(|l| l.key == key)
            .map(|l| l.input)
            .expect("in the walk")
    };
    assert!(
        text.contains(given("question.statement")) && text.contains(given("data.source#1.name")),
        "{text}"
    );
    said_after(&standin, seen, "Wat is er veranderd sinds de vorige ronde?").await;

    say(&standin, thread, "Nieuwe directie, nieuwe plannen").await;
    press(&standin, thread, "k|question.keep_statement|yes").await;
    let changed = db
        .run(|s| {
            let t = s
                .find_team("discord", &CHANNEL_ID.to_string())?
                .expect("team");
            Ok((
                t.round,
                t.cursor,
                s.get_answer(t.id, 2, "question.changed")?,
            ))
        })
        .expect("read");
    assert_eq!(changed.0, 2);
    assert_eq!(changed.1.as_deref(), Some("data.strategy"));
    assert_eq!(
        changed.2.and_then(|a| a.value).as_deref(),
        Some("Nieuwe directie, nieuwe plannen")
    );

    // The export compares the two rounds.
    slash(&standin, CHANNEL_ID, "export", json!([])).await;
    let export = exported(&standin, "koers-algemeen-plan.md").await;
    assert!(export.contains("Rondes naast elkaar"), "{export}");
    assert!(export.contains("| | Ronde 1 | Ronde 2 |"), "{export}");
    assert!(
        export.contains("| **Wat veranderde** | — | Nieuwe directie, nieuwe plannen |"),
        "{export}"
    );
    assert_no_pings(&standin);
    task.abort();
}

/// The file `name` koers sent (an `/export` attachment; each test sends it once), as text.
async fn exported(standin: &StandIn, name: &str) -> String {
    let sent = standin
        .wait_for(
            |r| r.files.iter().any(|f| f.filename.as_deref() == Some(name)),
            WAIT,
        )
        .await;
    let file = sent
        .files
        .iter()
        .find(|f| f.filename.as_deref() == Some(name))
        .expect("the file");
    String::from_utf8(file.bytes.clone()).expect("UTF-8")
}

/// `/export` with the format option `json`: the plan's JSON as one attachment on the one
/// response (it used to be a stream of 2000-character messages), the whole plan.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_json_comes_as_one_file_with_the_whole_plan() {
    let (standin, _dir, _db, task) = started_after_a_walk().await;
    let seen = standin.requests().len();
    // A choice arrives as its number in the table's list of values (md, json, html, png).
    slash(
        &standin,
        CHANNEL_ID,
        "export",
        json!([{"name": "formaat", "type": 4, "value": 1}]),
    )
    .await;
    let json = exported(&standin, "koers-algemeen-plan.json").await;
    let plan: Value = serde_json::from_str(&json).expect("the file is the JSON");
    assert_eq!(plan["schema_version"], 1);
    assert_eq!(plan["team"]["platform"], "discord");
    assert_eq!(plan["rounds"][0]["answers"][0]["by"], "tester");
    let messages = standin
        .requests()
        .into_iter()
        .skip(seen)
        .filter(|r| r.content().is_some_and(|c| c.contains("schema_version")))
        .count();
    assert_eq!(messages, 0, "no JSON as message text");
    task.abort();
}
