//! Who counts as a manager: the configured role, Manage Channels in the channel, or
//! Administrator, typed or by slash command; and without a cached guild, the permissions
//! Discord gives over REST.

use super::*;

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
