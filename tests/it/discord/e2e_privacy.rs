//! A person is their Discord user id, not their name, and what concerns them alone is said to
//! them alone: the real adapter against the stand-in.

use super::*;

/// Two people called "sam", each in their own guild.
const SAM_A: u64 = 1_300_000_000_000_000_420;
const SAM_B: u64 = 1_300_000_000_000_000_421;
/// A channel koers has not talked in.
const NEW_CHANNEL: u64 = 1_300_000_000_000_000_202;

/// An interaction by someone whose name is `name`.
fn named(mut interaction: Value, name: &str) -> Value {
    interaction["member"]["user"]["username"] = json!(name);
    interaction
}

/// Sam's slash command in their own guild; its callback body.
async fn sam_slash(standin: &StandIn, who: (u64, u64, u64), name: &str, options: Value) -> Value {
    let (user, guild, channel) = who;
    let seen = count(standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        named(
            interaction_slash(
                guild,
                channel,
                user,
                &[],
                EVERYONE_PERMISSIONS,
                name,
                options,
            ),
            "sam",
        ),
    );
    next(standin, seen, callback).await.body.expect("body")
}

/// Sam types `text` in `channel`; the message koers sends back.
async fn sam_says(standin: &StandIn, who: (u64, u64, u64), channel: u64, text: &str) -> Recorded {
    let (user, guild, _) = who;
    let seen = count(standin, sent_message);
    standin.dispatch(
        "MESSAGE_CREATE",
        message_create(guild, channel, user, "sam", text),
    );
    next(standin, seen, sent_message).await
}

fn answers(db: &Db, channel: u64) -> Vec<(String, String, Option<String>)> {
    db.run(move |s| {
        let t = s.find_team("discord", &channel.to_string())?.expect("team");
        Ok(s.list_answers(t.id, 1)?
            .into_iter()
            .filter(|a| !a.computed)
            .map(|a| (a.key, a.user, a.user_id))
            .collect())
    })
    .expect("answers")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_sam_forgets_and_the_other_sam_keeps_their_name_and_it_is_said_privately() {
    let standin = StandIn::start_with(
        TOKEN,
        crate::standin::Options {
            guilds: vec![
                GuildSpec::new(GUILD_ID, "Theater")
                    .channel(CHANNEL_ID, "algemeen")
                    .channel(NEW_CHANNEL, "nieuw"),
                GuildSpec::new(OTHER_GUILD, "Museum").channel(OTHER_CHANNEL, "publiek"),
            ],
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    let a = (SAM_A, GUILD_ID, CHANNEL_ID);
    let b = (SAM_B, OTHER_GUILD, OTHER_CHANNEL);

    let mut threads = Vec::new();
    for sam in [a, b] {
        sam_slash(&standin, sam, "start", json!([])).await;
        let thread = thread_of(&standin, sam.2).await;
        let seen = count(&standin, callback);
        standin.dispatch(
            "INTERACTION_CREATE",
            named(
                interaction_select(
                    sam.1,
                    thread,
                    sam.0,
                    "s|question.focus",
                    &["marketing"],
                    bot_message(thread, "?", json!([])),
                ),
                "sam",
            ),
        );
        // The first answer: the notice is in the turn's one message, for the team, with the
        // next question; the second answer does not repeat it.
        let first = next(&standin, seen, callback).await.body.expect("body");
        let text = first["data"]["content"].as_str().unwrap_or_default();
        assert_eq!(text.matches("sam: koers bewaart").count(), 1, "{first}");
        assert!(text.contains("/mijndata"), "{text}");
        assert_ne!(
            first["data"]["flags"],
            json!(64),
            "the team's message: {first}"
        );
        let second = sam_says(&standin, sam, thread, "Jong publiek").await;
        assert!(
            second.content().is_some_and(|c| !c.contains("bewaart")),
            "{:?}",
            second.body
        );
        threads.push(thread);
    }

    // Sam in the museum asks what koers keeps, typed in the thread: a direct message only.
    let said = sam_says(&standin, b, threads[1], "/privacy").await;
    let dm = standin
        .dm_channel(SAM_B)
        .expect("a DM channel with the museum's sam");
    assert!(
        said.is("POST", &format!("/channels/{dm}/messages")),
        "{}",
        said.path
    );
    assert!(
        said.content().is_some_and(|c| c.contains("sam")),
        "{:?}",
        said.body
    );

    // Sam in the theatre asks for their data: one ephemeral response carrying the JSON file,
    // their own rows and nothing of the museum's sam.
    let seen = count(&standin, callback);
    sam_slash(&standin, a, "mijndata", json!([])).await;
    let mine = next(&standin, seen, callback).await;
    let body = mine.body.as_ref().expect("payload_json");
    assert_eq!(body["data"]["flags"], json!(64), "ephemeral: {body}");
    assert_eq!(mine.files.len(), 1, "one file: {body}");
    assert_eq!(
        mine.files[0].filename.as_deref(),
        Some("koers-mijndata.json")
    );
    let data: Value = serde_json::from_slice(&mine.files[0].bytes).expect("JSON");
    assert_eq!(data["id"], json!(SAM_A.to_string()));
    assert_eq!(data["teams"].as_array().map(Vec::len), Some(1), "{data}");
    assert_eq!(data["teams"][0]["team"], json!(CHANNEL_ID.to_string()));
    assert_eq!(
        data["teams"][0]["answers"].as_array().map(Vec::len),
        Some(2)
    );
    assert!(!data.to_string().contains(&SAM_B.to_string()), "{data}");

    // Sam in the theatre forgets: two ways as buttons, what the way will do with a confirm
    // button, then done; all for their eyes only.
    let offer = sam_slash(&standin, a, "vergeetmij", json!([])).await;
    assert_eq!(offer["data"]["flags"], json!(64), "ephemeral: {offer}");
    assert_eq!(
        custom_ids(&offer),
        ["k|vergeetmij|1", "k|vergeetmij|2"],
        "{offer}"
    );
    let seen = count(&standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        named(
            interaction_button(
                GUILD_ID,
                threads[0],
                SAM_A,
                "k|vergeetmij|1",
                bot_message(threads[0], "?", json!([])),
            ),
            "sam",
        ),
    );
    let explain = next(&standin, seen, callback).await.body.expect("body");
    assert_eq!(explain["data"]["flags"], json!(64), "ephemeral: {explain}");
    assert!(
        explain["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("2 antwoord(en)")),
        "{explain}"
    );
    assert_eq!(custom_ids(&explain), ["k|vergeetmij|1-ja"], "{explain}");
    let done = sam_slash(
        &standin,
        a,
        "vergeetmij",
        json!([{"name": "keuze", "type": 3, "value": "1 ja"}]),
    )
    .await;
    assert_eq!(done["data"]["flags"], json!(64), "ephemeral: {done}");
    assert!(
        done["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("'oud-lid 1'")),
        "{done}"
    );

    // Both answer on; the museum's sam keeps their name on every answer.
    sam_says(&standin, a, threads[0], "Bereik").await;
    sam_says(&standin, b, threads[1], "Bereik").await;
    let theatre = answers(&db, CHANNEL_ID);
    let museum = answers(&db, OTHER_CHANNEL);
    let sam_a = SAM_A.to_string();
    let sam_b = SAM_B.to_string();
    assert_eq!(
        theatre,
        vec![
            ("question.focus".into(), "oud-lid 1".into(), None),
            ("question.important".into(), "oud-lid 1".into(), None),
            ("question.measure".into(), "sam".into(), Some(sam_a)),
        ]
    );
    assert_eq!(
        museum,
        vec![
            ("question.focus".into(), "sam".into(), Some(sam_b.clone())),
            (
                "question.important".into(),
                "sam".into(),
                Some(sam_b.clone())
            ),
            ("question.measure".into(), "sam".into(), Some(sam_b)),
        ]
    );
    // In a channel koers has not talked in yet, /privacy first greets the new team (for all to
    // see), then answers sam alone in an ephemeral follow-up.
    let welcome = sam_slash(
        &standin,
        (SAM_A, GUILD_ID, NEW_CHANNEL),
        "privacy",
        json!([]),
    )
    .await;
    assert_ne!(welcome["data"]["flags"], json!(64), "{welcome}");
    let followup = standin
        .wait_for(
            |r| r.method == "POST" && r.route().starts_with("/webhooks/"),
            WAIT,
        )
        .await;
    let body = followup.body.expect("follow-up");
    assert_eq!(body["flags"], json!(64), "ephemeral: {body}");
    assert!(
        body["content"].as_str().is_some_and(|c| c.contains("sam")),
        "{body}"
    );

    // Nothing of it was posted where the teams read (the notice with a first answer is the
    // team's to read; what is kept, and the forgetting, are not).
    for channel in [
        CHANNEL_ID,
        OTHER_CHANNEL,
        NEW_CHANNEL,
        threads[0],
        threads[1],
    ] {
        assert!(
            !standin.requests().iter().any(|r| posts_to(channel)(r)
                && r.content()
                    .is_some_and(|c| c.contains("oud-lid") || c.contains("je naam (sam)"))),
            "private text posted in {channel}"
        );
    }
    assert_no_pings(&standin);
    task.abort();
}
