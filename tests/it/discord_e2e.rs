//! The real Discord adapter (serenity + poise) against the offline stand-in: gateway events in,
//! REST calls out, the engine and `SQLite` in between. One file per feature in
//! `discord/e2e_*.rs`; the helpers they share are here.

use std::sync::Arc;
use std::time::Duration;

use crate::standin::*;
use koers::engine::{Engine, Settings, SystemClock};
use koers::platform::discord::{Options, run};
use koers::store::{Db, Goal};
use serde_json::{Value, json};

#[path = "discord/e2e_access.rs"]
mod access;
#[path = "discord/e2e_basics.rs"]
mod basics;
#[path = "discord/e2e_circle.rs"]
mod circle;
#[path = "discord/e2e_coach.rs"]
mod coach;
#[path = "discord/e2e_delete.rs"]
mod delete;
#[path = "discord/e2e_experiment.rs"]
mod experiment;
#[path = "discord/e2e_goal_form.rs"]
mod goal_form;
#[path = "discord/e2e_not_assessed.rs"]
mod not_assessed;
#[path = "discord/e2e_onemsg.rs"]
mod onemsg;
#[path = "discord/e2e_open.rs"]
mod open_evaluation;
#[path = "discord/e2e_picture.rs"]
mod picture;
#[path = "discord/e2e_policy.rs"]
mod policy;
#[path = "discord/e2e_privacy.rs"]
mod privacy;
#[path = "discord/e2e_reminders.rs"]
mod reminders;
#[path = "discord/e2e_rounds.rs"]
mod rounds;
#[path = "discord/e2e_smart_check.rs"]
mod smart_check;
#[path = "discord/e2e_step_two.rs"]
mod step_two;
#[path = "discord/e2e_threads.rs"]
mod threads;
#[path = "discord/e2e_web.rs"]
mod web;

const TOKEN: &str = "Bot-test-token";
const WAIT: Duration = Duration::from_secs(15);
/// A second channel, for a team with a reminder due (and, in another test, in another guild).
const OTHER_CHANNEL: u64 = 1_300_000_000_000_000_201;
/// A second guild.
const OTHER_GUILD: u64 = 1_300_000_000_000_000_101;

fn open(dir: &std::path::Path) -> (Arc<Engine>, Db) {
    let db = Db::open(&dir.join("koers.sqlite"), &koers::store::Options::default()).expect("db");
    let engine = Arc::new(Engine::new(Box::new(SystemClock), Settings::default()).expect("engine"));
    (engine, db)
}

fn options(standin: &StandIn) -> Options {
    Options {
        token: TOKEN.into(),
        api_base: Some(standin.rest_base()),
        manager_role: Some(ROLE_ID),
        guild: Some(GUILD_ID),
        message_content: true,
    }
}

fn posts_to(channel: u64) -> impl Fn(&Recorded) -> bool {
    let path = format!("/channels/{channel}/messages");
    move |r: &Recorded| r.is("POST", &path)
}

fn count(standin: &StandIn, pred: impl Fn(&Recorded) -> bool) -> usize {
    standin.requests().iter().filter(|r| pred(r)).count()
}

/// The thread koers opened in `parent` (the first), once it has.
async fn thread_of(standin: &StandIn, parent: u64) -> u64 {
    let path = format!("/channels/{parent}/threads");
    let opened = standin
        .wait_for(|r| r.is("POST", &path) && r.status == 201, WAIT)
        .await;
    id_of(opened.response.as_ref().expect("the thread"))
}

/// Wait until a new request matching `pred` arrives after the first `seen` of them.
async fn next(standin: &StandIn, seen: usize, pred: impl Fn(&Recorded) -> bool) -> Recorded {
    for _ in 0..(WAIT.as_millis() / 50) {
        let matching: Vec<Recorded> = standin.requests().into_iter().filter(|r| pred(r)).collect();
        if matching.len() > seen {
            return matching[seen].clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no new matching request; recorded: {:#?}",
        standin
            .requests()
            .iter()
            .map(|r| (&r.method, &r.path))
            .collect::<Vec<_>>()
    );
}

fn callback(r: &Recorded) -> bool {
    r.method == "POST" && r.path.ends_with("/callback")
}

/// A message koers sent through `POST /channels/{id}/messages`: in a channel, a thread or a DM.
fn sent_message(r: &Recorded) -> bool {
    r.method == "POST" && r.route().starts_with("/channels/") && r.route().ends_with("/messages")
}

/// koers opening a thread in `parent`.
fn opens_thread(parent: u64) -> impl Fn(&Recorded) -> bool {
    let path = format!("/channels/{parent}/threads");
    move |r: &Recorded| r.is("POST", &path)
}

/// Nothing koers sent can ping anyone: every message, interaction response and follow-up says
/// `allowed_mentions` with an empty `parse` list, no users, no roles and no reply ping.
fn assert_no_pings(standin: &StandIn) {
    let mut messages = 0;
    for r in standin.requests() {
        let Some(body) = &r.body else { continue };
        let message = if callback(&r) {
            if !matches!(body["type"].as_u64(), Some(4 | 7)) {
                continue;
            }
            &body["data"]
        } else if sent_message(&r) || (r.method == "POST" && r.route().starts_with("/webhooks/")) {
            body
        } else {
            continue;
        };
        messages += 1;
        let allowed = &message["allowed_mentions"];
        assert_eq!(
            allowed["parse"],
            json!([]),
            "{} {}: {body}",
            r.method,
            r.path
        );
        assert_eq!(
            allowed["users"],
            json!([]),
            "{} {}: {body}",
            r.method,
            r.path
        );
        assert_eq!(
            allowed["roles"],
            json!([]),
            "{} {}: {body}",
            r.method,
            r.path
        );
        assert_eq!(
            allowed["replied_user"],
            json!(false),
            "{} {}: {body}",
            r.method,
            r.path
        );
    }
    assert!(messages > 0, "koers sent nothing to check");
}

fn custom_ids(body: &Value) -> Vec<String> {
    let comps = if body["data"].is_object() {
        &body["data"]["components"]
    } else {
        &body["components"]
    };
    comps
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}

async fn slash(standin: &StandIn, channel: u64, name: &str, options: Value) -> Value {
    slash_in(standin, GUILD_ID, channel, name, options).await
}

async fn slash_in(
    standin: &StandIn,
    guild: u64,
    channel: u64,
    name: &str,
    options: Value,
) -> Value {
    let seen = count(standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_slash(
            guild,
            channel,
            USER_ID,
            &[ROLE_ID],
            EVERYONE_PERMISSIONS,
            name,
            options,
        ),
    );
    next(standin, seen, callback)
        .await
        .body
        .expect("callback body")
}

async fn choose(standin: &StandIn, channel: u64, custom_id: &str, value: &str) -> Value {
    choose_in(standin, GUILD_ID, channel, custom_id, value).await
}

async fn choose_in(
    standin: &StandIn,
    guild: u64,
    channel: u64,
    custom_id: &str,
    value: &str,
) -> Value {
    let seen = count(standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_select(
            guild,
            channel,
            USER_ID,
            custom_id,
            &[value],
            bot_message(channel, "?", json!([])),
        ),
    );
    next(standin, seen, callback)
        .await
        .body
        .expect("callback body")
}

/// A member types in the channel; waits until the bot has answered it.
async fn say(standin: &StandIn, channel: u64, text: &str) {
    let seen = count(standin, posts_to(channel));
    standin.dispatch(
        "MESSAGE_CREATE",
        message_create(GUILD_ID, channel, USER_ID, "tester", text),
    );
    next(standin, seen, posts_to(channel)).await;
}

/// Wait until koers posts in `channel` a message containing `text`; its content.
async fn posted(standin: &StandIn, channel: u64, text: &str) -> String {
    let post = standin
        .wait_for(
            |r| posts_to(channel)(r) && r.content().is_some_and(|c| c.contains(text)),
            WAIT,
        )
        .await;
    post.content().unwrap_or_default().to_string()
}

/// A member presses a button; waits for the interaction's answer.
async fn press(standin: &StandIn, channel: u64, custom_id: &str) -> Value {
    let seen = count(standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_button(
            GUILD_ID,
            channel,
            USER_ID,
            custom_id,
            bot_message(channel, "?", json!([])),
        ),
    );
    next(standin, seen, callback)
        .await
        .body
        .expect("callback body")
}

/// A Discord team in `channel` (named `name`) with one goal whose reminder `key` is due at unix
/// second `due`; returns the team's id.
pub(crate) fn seed_reminder(
    s: &mut koers::store::Store<'_>,
    channel: u64,
    name: &str,
    goal_text: &str,
    due: i64,
    key: &str,
) -> anyhow::Result<i64> {
    let t = s.insert_team(
        "discord",
        &channel.to_string(),
        name,
        koers::prompts::Lang::Nl,
        "Europe/Amsterdam",
        "now",
    )?;
    let goal = Goal {
        key: "action.action#1.goal#1".into(),
        action_text: "actie".into(),
        text: goal_text.into(),
        owner: None,
        deadline_text: None,
        baseline_text: None,
        target_text: None,
        created_by: "ann".into(),
        created_by_id: None,
    };
    let id = s.upsert_goal(t.id, 1, &goal, "now")?;
    s.update_goal_number(id)?;
    s.insert_reminder(
        id,
        t.id,
        koers::states::ReminderKind::Before,
        1,
        "2026-01-01T09:00:00",
        "Europe/Amsterdam",
        due,
        key,
    )?;
    Ok(t.id)
}
