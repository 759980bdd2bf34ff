//! The real Discord adapter (serenity + poise) against the offline stand-in: gateway events in,
//! REST calls out, the engine and `SQLite` in between.

use std::sync::Arc;
use std::time::Duration;

use crate::standin::*;
use koers::engine::{Engine, Settings, SystemClock};
use koers::platform::discord::{Options, run};
use koers::store::{Db, Goal};
use serde_json::{Value, json};

#[path = "discord/e2e_access.rs"]
mod access;
#[path = "discord/e2e_circle.rs"]
mod circle;
#[path = "discord/e2e_coach.rs"]
mod coach;
#[path = "discord/e2e_delete.rs"]
mod delete;
#[path = "discord/e2e_experiment.rs"]
mod experiment;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_answers_by_button_and_text_and_a_due_reminder_carries_its_nonce() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    // A team in another channel with a goal whose reminder fell due while the bot was down.
    let key = "koers-g1-r1-before";
    db.run(move |s| seed_reminder(s, OTHER_CHANNEL, "b", "Meer studenten", 1_000, key).map(drop))
        .expect("seed");
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));

    // The commands are registered in the guild, Dutch names with English localisations.
    let registered = standin
        .wait_for(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    let commands = registered.body.expect("command list");
    let goal = commands
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["name"] == "doel")
        .unwrap_or_else(|| panic!("/doel registered: {commands:#}"));
    assert_eq!(goal["name_localizations"]["en-US"], "goal");
    let move_sub = goal["options"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["name"] == "verzet")
        .expect("/doel verzet");
    assert_eq!(move_sub["name_localizations"]["en-US"], "move");
    assert_eq!(
        move_sub["options"].as_array().map(Vec::len),
        Some(3),
        "number, date, reason"
    );
    assert!(goal["description"].as_str().is_some_and(|d| !d.is_empty()));

    // The reminder that fell due goes out once, with its key as enforced nonce.
    let reminder = standin.wait_for(posts_to(OTHER_CHANNEL), WAIT).await;
    let body = reminder.body.expect("body");
    assert_eq!(body["nonce"], json!(key));
    assert_eq!(body["enforce_nonce"], json!(true));
    assert!(
        body["content"]
            .as_str()
            .is_some_and(|c| c.contains("Meer studenten"))
    );

    // /start in the team channel: greeted, and the focus question comes with buttons.
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_slash(
            GUILD_ID,
            CHANNEL_ID,
            USER_ID,
            &[ROLE_ID],
            EVERYONE_PERMISSIONS,
            "start",
            json!([]),
        ),
    );
    next(&standin, seen, callback).await;
    // The conversation runs in the round's thread.
    let thread = thread_of(&standin, CHANNEL_ID).await;
    // The focus areas come as a select menu (persistent custom id), five options.
    let focus_post = standin
        .wait_for(
            |r| {
                posts_to(thread)(r)
                    && r.body
                        .as_ref()
                        .is_some_and(|b| custom_ids(b).iter().any(|id| id == "s|question.focus"))
            },
            WAIT,
        )
        .await;
    let menu = &focus_post.body.clone().expect("body")["components"][0]["components"][0];
    assert_eq!(menu["options"].as_array().map(Vec::len), Some(5), "{menu}");

    // Choosing in the menu answers the focus question.
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_select(
            GUILD_ID,
            thread,
            USER_ID,
            "s|question.focus",
            &["marketing"],
            bot_message(thread, "focus?", json!([])),
        ),
    );
    let answered = next(&standin, seen, callback).await;
    assert!(
        answered.content().is_some_and(|c| c.contains("belangrijk")),
        "{:?}",
        answered.body
    );

    // Free text answers the next question; the reply is posted in the channel.
    let seen = count(&standin, posts_to(thread));
    standin.dispatch(
        "MESSAGE_CREATE",
        message_create(GUILD_ID, thread, USER_ID, "tester", "Meer jong publiek"),
    );
    next(&standin, seen, posts_to(thread)).await;
    let (focus, important, user) = db
        .run(|s| {
            let t = s
                .find_team("discord", &CHANNEL_ID.to_string())?
                .expect("team");
            let f = s.get_answer(t.id, 1, "question.focus")?.expect("focus");
            let i = s
                .get_answer(t.id, 1, "question.important")?
                .expect("important");
            Ok((f.value, i.value, i.user))
        })
        .expect("read");
    assert_eq!(focus.as_deref(), Some("marketing"));
    assert_eq!(important.as_deref(), Some("Meer jong publiek"));
    assert_eq!(user, "tester");

    // A member without the manager role or Manage Channels cannot start a new round.
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_slash(
            GUILD_ID,
            CHANNEL_ID,
            USER_ID,
            &[],
            EVERYONE_PERMISSIONS,
            "nieuw",
            json!([]),
        ),
    );
    let denied = next(&standin, seen, callback).await;
    let body = denied.body.expect("body");
    assert_eq!(body["data"]["flags"], json!(64), "ephemeral: {body}");
    let round = db
        .run(|s| {
            Ok(s.find_team("discord", &CHANNEL_ID.to_string())?
                .expect("team")
                .round)
        })
        .expect("round");
    assert_eq!(round, 1);

    // Status is an embed with the team's scores so far.
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_slash(
            GUILD_ID,
            CHANNEL_ID,
            USER_ID,
            &[ROLE_ID],
            EVERYONE_PERMISSIONS,
            "status",
            json!([]),
        ),
    );
    let status = next(&standin, seen, callback).await.body.expect("body");
    let embed = &status["data"]["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .is_some_and(|t| t.contains("Status")),
        "{status}"
    );
    assert!(
        embed["description"]
            .as_str()
            .is_some_and(|d| d.contains("Stap 1")),
        "{status}"
    );

    // The reminder was sent exactly once, with snooze, move and evaluate buttons.
    assert_eq!(count(&standin, posts_to(OTHER_CHANNEL)), 1);
    let reminder = standin
        .wait_for(posts_to(OTHER_CHANNEL), WAIT)
        .await
        .body
        .expect("body");
    assert_eq!(
        custom_ids(&reminder),
        ["k|goal#1|snooze", "k|goal#1|move", "k|goal#1|evaluate"]
    );

    // "Move the deadline" on the reminder opens a form; submitting it moves the deadline.
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        with_member(
            interaction_button(
                GUILD_ID,
                OTHER_CHANNEL,
                USER_ID,
                "k|goal#1|move",
                bot_message(OTHER_CHANNEL, "reminder", json!([])),
            ),
            &[ROLE_ID],
            EVERYONE_PERMISSIONS,
        ),
    );
    let form = next(&standin, seen, callback).await.body.expect("body");
    assert_eq!(form["type"], json!(9), "{form}");
    assert_eq!(form["data"]["custom_id"], json!("move-form|1"));
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        with_member(
            interaction_modal_submit(
                GUILD_ID,
                OTHER_CHANNEL,
                USER_ID,
                "move-form|1",
                &[
                    ("date", "30-06-2027"),
                    ("reason", "de campagne start later"),
                ],
            ),
            &[ROLE_ID],
            EVERYONE_PERMISSIONS,
        ),
    );
    next(&standin, seen, callback).await;
    let deadline = db
        .run(|s| {
            let t = s
                .find_team("discord", &OTHER_CHANNEL.to_string())?
                .expect("team");
            Ok(s.find_goal_by_number(t.id, 1)?.expect("goal").deadline)
        })
        .expect("read");
    assert_eq!(
        deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-06-30")
    );
    assert_no_pings(&standin);
    task.abort();
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_goal_form_a_restart_that_keeps_old_menus_working_and_two_guilds_apart() {
    let standin = StandIn::start_with(
        TOKEN,
        crate::standin::Options {
            guilds: vec![
                GuildSpec::default_guild(),
                GuildSpec::new(OTHER_GUILD, "ander theater")
                    .channel(OTHER_CHANNEL, "publiek")
                    .member(USER_ID, "tester", &[]),
            ],
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let first = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;

    // Two channels, two teams.
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    slash_in(&standin, OTHER_GUILD, OTHER_CHANNEL, "start", json!([])).await;
    choose(&standin, CHANNEL_ID, "s|question.focus", "marketing").await;
    choose_in(
        &standin,
        OTHER_GUILD,
        OTHER_CHANNEL,
        "s|question.focus",
        "strategy",
    )
    .await;

    // `/doel nieuw` opens the goal form; submitting it records the goal once the one question
    // a form cannot hold is answered.
    let form = slash(
        &standin,
        CHANNEL_ID,
        "doel",
        json!([{"name": "nieuw", "type": 1, "options": []}]),
    )
    .await;
    assert_eq!(form["type"], json!(9), "a modal: {form}");
    assert_eq!(form["data"]["custom_id"], json!("goal-form"));
    assert_eq!(form["data"]["components"].as_array().map(Vec::len), Some(5));
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_modal_submit(
            GUILD_ID,
            CHANNEL_ID,
            USER_ID,
            "goal-form",
            &[
                (
                    "text",
                    "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen",
                ),
                ("deadline", "eind juni 2027"),
                ("owner", "Sanne"),
                ("baseline", "100"),
                ("target", "120"),
            ],
        ),
    );
    // The check comes as the reply; what the form has no room for follows by buttons: the
    // support of those involved, then "an A/B experiment?"; then the goal is recorded. Each
    // turn is the one response to its interaction, its buttons on it.
    let checked = next(&standin, seen, callback).await.body.expect("body");
    assert_eq!(
        custom_ids(&checked),
        ["yes", "no", "partly", "unknown"].map(|c| format!("k|action.action#1.goal#1.agreed|{c}")),
        "{checked}"
    );
    let posts = count(&standin, sent_message);
    let agreed = press(&standin, CHANNEL_ID, "k|action.action#1.goal#1.agreed|yes").await;
    assert!(
        agreed["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("Is dit doel een experiment")),
        "{agreed}"
    );
    assert!(
        custom_ids(&agreed).contains(&"k|action.action#1.goal#1.experiment|no".to_string()),
        "{agreed}"
    );
    let recorded = press(
        &standin,
        CHANNEL_ID,
        "k|action.action#1.goal#1.experiment|no",
    )
    .await;
    assert!(
        recorded["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("Genoteerd als doel 1")),
        "{recorded}"
    );
    assert_eq!(
        count(&standin, sent_message),
        posts,
        "nothing posted beside"
    );

    // Restart the bot on the same database: the old menu still works (and says who answered).
    first.abort();
    let second = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(2, WAIT).await;
    let again = choose(&standin, CHANNEL_ID, "s|question.focus", "strategy").await;
    assert!(
        again["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("al beantwoord")),
        "{again}"
    );

    // Each channel kept its own answers; the goal belongs to the first team only.
    let (a, b, goals_a, goals_b) = db
        .run(|s| {
            let a = s
                .find_team("discord", &CHANNEL_ID.to_string())?
                .expect("team a");
            let b = s
                .find_team("discord", &OTHER_CHANNEL.to_string())?
                .expect("team b");
            Ok((
                s.get_answer(a.id, 1, "question.focus")?
                    .and_then(|x| x.value),
                s.get_answer(b.id, 1, "question.focus")?
                    .and_then(|x| x.value),
                s.list_team_goals(a.id)?.len(),
                s.list_team_goals(b.id)?.len(),
            ))
        })
        .expect("read");
    assert_eq!(
        (a.as_deref(), b.as_deref()),
        (Some("marketing"), Some("strategy"))
    );
    assert_eq!((goals_a, goals_b), (1, 0));
    assert_no_pings(&standin);
    second.abort();
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn step_two_by_buttons_and_text_gives_the_level_and_a_failed_send_is_retried() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(&standin, CHANNEL_ID).await;
    choose(&standin, thread, "s|question.focus", "marketing").await;
    for answer in [
        "Jong publiek",
        "Bereik",
        "Marketing",
        "Sanne",
        "Studenten",
        "Budget",
        "Korting",
        "Meer studenten in de zaal",
    ] {
        say(&standin, thread, answer).await;
    }
    press(&standin, thread, "k|question.why_offer|no").await;
    say(
        &standin,
        thread,
        "Hoeveel studenten kopen via de webshop een kaartje?",
    )
    .await;

    // Discord fails once on the next post: the bot retries, the answer is kept either way.
    standin.override_route(
        "POST",
        &format!("/channels/{thread}/messages"),
        500,
        json!({"message": "500: Internal Server Error", "code": 0}),
        Some(1),
    );
    // The seven experience questions: buttons and free text mixed; five times yes.
    press(&standin, thread, "k|data.strategy|yes").await;
    say(&standin, thread, "ja hoor").await;
    press(&standin, thread, "k|data.owner|no").await;
    say(&standin, thread, "klopt").await;
    press(&standin, thread, "k|data.customer_base|yes").await;
    say(&standin, thread, "nog niet").await;
    let last = press(&standin, thread, "k|data.systems|yes").await;
    // The level comes in the one response to the last question.
    assert!(
        last["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("Lerend")),
        "{last}"
    );

    let (level, answers, failed_then_ok) = {
        let level = db
            .run(|s| {
                let t = s
                    .find_team("discord", &CHANNEL_ID.to_string())?
                    .expect("team");
                let level = s.get_answer(t.id, 1, "data.level")?.and_then(|a| a.value);
                let n = s
                    .list_answers(t.id, 1)?
                    .iter()
                    .filter(|a| a.key.starts_with("data.") && !a.computed)
                    .count();
                Ok((level, n))
            })
            .expect("read");
        let statuses: Vec<u16> = standin
            .requests()
            .iter()
            .filter(|r| posts_to(thread)(r))
            .map(|r| r.status)
            .collect();
        let retried = statuses.windows(2).any(|w| w[0] == 500 && w[1] == 200);
        (level.0, level.1, retried)
    };
    assert_eq!(level.as_deref(), Some("lerend"), "5 of 7 yes");
    assert_eq!(answers, 7, "every step-2 answer is stored");
    assert!(
        failed_then_ok,
        "the failed post was retried: {:?}",
        standin
            .requests()
            .iter()
            .filter(|r| posts_to(thread)(r))
            .map(|r| (
                r.status,
                r.content().map(|c| c.chars().take(30).collect::<String>())
            ))
            .collect::<Vec<_>>()
    );
    assert_no_pings(&standin);
    task.abort();
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
