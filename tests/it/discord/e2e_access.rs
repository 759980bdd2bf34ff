//! Who may change the plan, through every way in, and what is private stays private: the real
//! adapter against the stand-in.

use super::*;

const MANAGE_CHANNELS: u64 = 1 << 4;
const ADMINISTRATOR: u64 = 1 << 3;

/// Roles of the guild: Manage Channels; Administrator; Manage Channels taken away in the
/// team's channel by an overwrite. [`ROLE_ID`] is koers' configured manager role.
const BEHEER: u64 = 1_300_000_000_000_000_310;
const ADMIN: u64 = 1_300_000_000_000_000_311;
const ELDERS: u64 = 1_300_000_000_000_000_312;

/// People: a plain member; one whose Manage Channels is denied in the team's channel; one with
/// the configured role; one with Manage Channels; one with Administrator.
const PLAIN: u64 = 1_300_000_000_000_000_410;
const DENIED: u64 = 1_300_000_000_000_000_411;
const COACH: u64 = 1_300_000_000_000_000_412;
const CHANNEL_MANAGER: u64 = 1_300_000_000_000_000_413;
const ADMIN_USER: u64 = 1_300_000_000_000_000_414;

/// (user, roles, the channel permissions Discord computes for them in the team's channel).
fn person(user: u64) -> (&'static [u64], u64) {
    match user {
        DENIED => (&[ELDERS], EVERYONE_PERMISSIONS),
        COACH => (&[ROLE_ID], EVERYONE_PERMISSIONS),
        CHANNEL_MANAGER => (&[BEHEER], EVERYONE_PERMISSIONS | MANAGE_CHANNELS),
        ADMIN_USER => (&[ADMIN], EVERYONE_PERMISSIONS | ADMINISTRATOR),
        _ => (&[], EVERYONE_PERMISSIONS),
    }
}

fn guild() -> GuildSpec {
    GuildSpec::new(GUILD_ID, "Koers test")
        .channel(CHANNEL_ID, "algemeen")
        .role(ROLE_ID, "coach", 0)
        .role(BEHEER, "beheer", MANAGE_CHANNELS)
        .role(ADMIN, "admin", ADMINISTRATOR)
        .role(ELDERS, "beheer elders", MANAGE_CHANNELS)
        .overwrite(CHANNEL_ID, ELDERS, 0, 0, MANAGE_CHANNELS)
}

/// A started team in [`CHANNEL_ID`] with goals 1 to 3; returns its thread.
async fn team_with_goals(standin: &StandIn, db: &Db) -> u64 {
    slash(standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(standin, CHANNEL_ID).await;
    // The greeting, with the first question, is one message in the thread after the slash
    // command's answer; wait for it, or a later test step takes it for its own reply.
    let in_thread = format!("/channels/{thread}/messages");
    standin
        .wait_for(
            |r| {
                r.is("POST", &in_thread)
                    && r.body.as_ref().is_some_and(|b| {
                        b["content"]
                            .as_str()
                            .is_some_and(|c| c.contains("Met welke plek beginnen jullie?"))
                    })
            },
            WAIT,
        )
        .await;
    db.run(|s| {
        let t = s
            .find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team");
        for n in 1..=3 {
            let goal = Goal {
                key: format!("action.action#1.goal#{n}"),
                action_text: "actie".into(),
                text: format!("Doel {n}"),
                owner: None,
                deadline_text: None,
                baseline_text: None,
                target_text: None,
                created_by: "ann".into(),
                created_by_id: None,
            };
            let id = s.upsert_goal(t.id, 1, &goal, "now")?;
            s.update_goal_number(id)?;
        }
        Ok(())
    })
    .expect("goals");
    thread
}

fn dump(db: &Db) -> String {
    db.run(|s| s.dump_tables()).expect("dump")
}

/// `(slash name, options)` and the typed ways in of one manager-only command.
struct Way {
    slash: (&'static str, Value),
    typed: [&'static str; 5],
}

fn sub(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

fn ways() -> Vec<Way> {
    let number = |n: i64| json!({"name": "nummer", "type": 4, "value": n});
    let text = |name: &str, v: &str| json!({"name": name, "type": 3, "value": v});
    vec![
        Way {
            slash: ("nieuw", json!([])),
            typed: ["/nieuw", "!nieuw", "!koers nieuw", "/NIEUW", "/new"],
        },
        Way {
            slash: (
                "doel",
                sub(
                    "verzet",
                    json!([
                        number(1),
                        text("datum", "30-06-2027"),
                        text("reden", "later")
                    ]),
                ),
            ),
            typed: [
                "/doel verzet 1 30-06-2027 omdat het later wordt",
                "!doel verzet 1 30-06-2027 omdat het later wordt",
                "!koers doel verzet 1 30-06-2027 omdat het later wordt",
                "/DOEL VERZET 1 30-06-2027 OMDAT het later wordt",
                "!goal move 1 30-06-2027 because it is later",
            ],
        },
        Way {
            slash: ("doel", sub("sluit", json!([number(1)]))),
            typed: [
                "/doel sluit 1",
                "!doel sluit 1",
                "!koers doel sluit 1",
                "/Doel Sluit 1",
                "/goal close 1",
            ],
        },
        Way {
            slash: ("doel", sub("schrap", json!([number(1)]))),
            typed: [
                "/doel schrap 1",
                "!doel schrap 1",
                "!koers doel schrap 1",
                "!KOERS DOEL SCHRAP 1",
                "!goal drop 1",
            ],
        },
        Way {
            slash: ("tijdzone", json!([text("zone", "Europe/London")])),
            typed: [
                "/tijdzone Europe/London",
                "!tijdzone Europe/London",
                "!koers tijdzone Europe/London",
                "/TIJDZONE Europe/London",
                "/timezone Europe/London",
            ],
        },
        Way {
            slash: ("herinneringen", json!([text("dagen", "5,2")])),
            typed: [
                "/herinneringen 5,2",
                "!herinneringen 5,2",
                "!koers herinneringen 5,2",
                "/HERINNERINGEN 5,2",
                "!reminders 5,2",
            ],
        },
        Way {
            slash: ("link", json!([{"name": "actie", "type": 4, "value": 0}])),
            typed: ["/link", "!link", "!koers link", "/LINK NIEUW", "/link off"],
        },
        Way {
            slash: ("luisteren", json!([text("modus", "antwoorden")])),
            typed: [
                "/luisteren antwoorden",
                "!luisteren antwoorden",
                "!koers luisteren antwoorden",
                "/LUISTEREN ANTWOORDEN",
                "/listen replies",
            ],
        },
    ]
}

/// A slash command by `user` in `channel`; its callback body.
async fn slash_by(standin: &StandIn, user: u64, channel: u64, name: &str, options: Value) -> Value {
    let (roles, permissions) = person(user);
    let seen = count(standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_slash(GUILD_ID, channel, user, roles, permissions, name, options),
    );
    next(standin, seen, callback).await.body.expect("body")
}

/// `user` types `text` in `channel`; the message koers sends back, wherever it goes.
async fn type_by(standin: &StandIn, user: u64, channel: u64, text: &str) -> Recorded {
    let (roles, _) = person(user);
    let seen = count(standin, sent_message);
    standin.dispatch(
        "MESSAGE_CREATE",
        with_roles(
            message_create(GUILD_ID, channel, user, &format!("user-{user}"), text),
            roles,
        ),
    );
    next(standin, seen, sent_message).await
}

/// A refusal says the command needs a manager.
fn refusal(text: Option<&str>) -> bool {
    text.is_some_and(|t| t.contains("alleen een beheerder"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_is_refused_every_plan_change_by_every_way_and_nothing_is_written() {
    let standin = StandIn::start_with(
        TOKEN,
        crate::standin::Options {
            guilds: vec![guild()],
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    let thread = team_with_goals(&standin, &db).await;
    let before = dump(&db);

    for user in [PLAIN, DENIED] {
        for way in ways() {
            let (name, options) = way.slash.clone();
            for channel in [CHANNEL_ID, thread] {
                let body = slash_by(&standin, user, channel, name, options.clone()).await;
                assert_eq!(body["data"]["flags"], json!(64), "ephemeral: {body}");
                assert!(refusal(body["data"]["content"].as_str()), "{body}");
                assert_eq!(dump(&db), before, "{user} /{name} in {channel}");
            }
            for typed in way.typed {
                for channel in [CHANNEL_ID, thread] {
                    let answer = type_by(&standin, user, channel, typed).await;
                    let dm = standin.dm_channel(user).expect("a DM channel");
                    assert!(
                        answer.is("POST", &format!("/channels/{dm}/messages")),
                        "{typed}: the refusal goes to {} instead of a DM",
                        answer.path
                    );
                    assert!(refusal(answer.content()), "{typed}: {:?}", answer.body);
                    assert_eq!(dump(&db), before, "{user} typed {typed} in {channel}");
                }
            }
        }
        // The reminder's move button opens the form; submitting it is refused.
        let (roles, permissions) = person(user);
        let seen = count(&standin, callback);
        standin.dispatch(
            "INTERACTION_CREATE",
            with_member(
                interaction_button(
                    GUILD_ID,
                    thread,
                    user,
                    "k|goal#1|move",
                    bot_message(thread, "reminder", json!([])),
                ),
                roles,
                permissions,
            ),
        );
        assert_eq!(
            next(&standin, seen, callback).await.body.expect("form")["type"],
            9
        );
        let seen = count(&standin, callback);
        standin.dispatch(
            "INTERACTION_CREATE",
            with_member(
                interaction_modal_submit(
                    GUILD_ID,
                    thread,
                    user,
                    "move-form|1",
                    &[("date", "30-06-2027"), ("reason", "later")],
                ),
                roles,
                permissions,
            ),
        );
        let body = next(&standin, seen, callback).await.body.expect("body");
        assert_eq!(body["data"]["flags"], json!(64), "ephemeral: {body}");
        assert!(refusal(body["data"]["content"].as_str()), "{body}");
        assert_eq!(dump(&db), before, "{user} moved a deadline by the form");
    }
    // Nothing of it was said where the team reads.
    assert!(
        !standin
            .requests()
            .iter()
            .any(|r| (posts_to(CHANNEL_ID)(r) || posts_to(thread)(r)) && refusal(r.content())),
        "a refusal was posted in the channel or thread"
    );
    assert_no_pings(&standin);
    task.abort();
}

fn team(db: &Db) -> koers::store::Team {
    db.run(|s| {
        Ok(s.find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team"))
    })
    .expect("team")
}

fn goal_status(db: &Db, n: i64) -> (String, Option<String>) {
    db.run(move |s| {
        let t = s
            .find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team");
        let g = s.find_goal_by_number(t.id, n)?.expect("goal");
        Ok((g.status.to_string(), g.deadline.map(|d| d.to_string())))
    })
    .expect("goal")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_by_role_channel_right_or_administrator_changes_the_plan() {
    let standin = StandIn::start_with(
        TOKEN,
        crate::standin::Options {
            guilds: vec![guild()],
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    let thread = team_with_goals(&standin, &db).await;

    // Typed: permissions worked out from the cached guild, the member's roles and overwrites.
    type_by(&standin, COACH, CHANNEL_ID, "!koers tijdzone Europe/London").await;
    assert_eq!(team(&db).timezone, "Europe/London");
    type_by(&standin, CHANNEL_MANAGER, thread, "/HERINNERINGEN 5,2").await;
    assert_eq!(team(&db).reminder_days, "5,2");
    type_by(&standin, ADMIN_USER, thread, "!goal drop 1 niet meer nodig").await;
    assert_eq!(goal_status(&db, 1).0, "dropped");

    // Slash: the permissions Discord computed.
    let body = slash_by(
        &standin,
        CHANNEL_MANAGER,
        thread,
        "luisteren",
        json!([{"name": "modus", "type": 3, "value": "antwoorden"}]),
    )
    .await;
    assert_ne!(body["data"]["flags"], json!(64), "{body}");
    assert_eq!(team(&db).listen, koers::states::Listen::Replies);
    slash_by(
        &standin,
        COACH,
        CHANNEL_ID,
        "doel",
        sub("sluit", json!([{"name": "nummer", "type": 4, "value": 2}])),
    )
    .await;
    assert_eq!(goal_status(&db, 2).0, "closed");

    // The move form, by an administrator.
    let (roles, permissions) = person(ADMIN_USER);
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        with_member(
            interaction_modal_submit(
                GUILD_ID,
                thread,
                ADMIN_USER,
                "move-form|3",
                &[("date", "30-06-2027"), ("reason", "later")],
            ),
            roles,
            permissions,
        ),
    );
    next(&standin, seen, callback).await;
    assert_eq!(goal_status(&db, 3).1.as_deref(), Some("2027-06-30"));

    // A new round by someone with Manage Channels, typed in English: round 2 in a new thread.
    let seen = count(&standin, opens_thread(CHANNEL_ID));
    type_by(&standin, CHANNEL_MANAGER, CHANNEL_ID, "/new").await;
    let opened = next(&standin, seen, opens_thread(CHANNEL_ID)).await;
    assert_eq!(team(&db).round, 2);
    assert_eq!(
        opened.body.expect("body")["name"],
        json!("Stappenplan — ronde 2")
    );
    assert_no_pings(&standin);
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_cached_guild_permissions_come_from_discord_over_rest() {
    // The guild is known to REST only: serenity never cached it.
    let standin = StandIn::start_with(
        TOKEN,
        crate::standin::Options {
            guilds: vec![guild().unannounced()],
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    team_with_goals(&standin, &db).await;
    let before = dump(&db);

    let refused = type_by(&standin, DENIED, CHANNEL_ID, "/tijdzone Europe/London").await;
    assert!(refusal(refused.content()), "{:?}", refused.body);
    assert_eq!(dump(&db), before);
    type_by(
        &standin,
        CHANNEL_MANAGER,
        CHANNEL_ID,
        "/tijdzone Europe/London",
    )
    .await;
    assert_eq!(team(&db).timezone, "Europe/London");
    assert!(
        standin
            .requests()
            .iter()
            .any(|r| r.is("GET", &format!("/guilds/{GUILD_ID}"))),
        "the guild was fetched"
    );
    task.abort();
}
