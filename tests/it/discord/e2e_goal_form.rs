//! The goal form (`/doel nieuw`) and the buttons that follow it, a restart that keeps old menus
//! working, and two teams in two guilds kept apart.

use super::*;

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
