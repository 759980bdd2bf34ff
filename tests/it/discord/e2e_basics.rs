//! The basics on Discord: the commands registered with their localisations, a reminder that
//! fell due sent once with its nonce, answers by select menu and text, a new round refused to a
//! member, the status embed, and the move form on a reminder.

use super::*;

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
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
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
    let status = slash(&standin, CHANNEL_ID, "status", json!([])).await;
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
