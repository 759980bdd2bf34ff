//! Every kind of input (slash command, select menu, typed line, form, button, an unreadable
//! button) gets one response or one post, and who answered is the nickname.

use super::*;

fn with_nick(mut payload: Value, nick: &str) -> Value {
    payload["member"]["nick"] = json!(nick);
    payload
}

fn answered_by(db: &Db, key: &'static str) -> Option<(Option<String>, String)> {
    db.run(move |s| {
        let t = s
            .find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team");
        Ok(s.get_answer(t.id, 1, key)?.map(|a| (a.value, a.user)))
    })
    .expect("answer")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_input_gets_one_response_and_one_message_and_names_not_numbers() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    let one_response = Sent {
        responses: 1,
        ..Sent::default()
    };
    let one_post = Sent {
        posts: 1,
        ..Sent::default()
    };

    // First contact by /start: the note where it was asked, and one message in the new thread
    // holding the greeting (by the channel's name), the step's introduction and the question
    // with its menu.
    let start = interaction_slash(
        GUILD_ID,
        CHANNEL_ID,
        USER_ID,
        &[ROLE_ID],
        EVERYONE_PERMISSIONS,
        "start",
        json!([]),
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", start).await;
    assert_eq!(
        sent,
        Sent {
            responses: 1,
            followups: 0,
            posts: 1
        },
        "{requests:#?}"
    );
    let thread = thread_of(&standin, CHANNEL_ID).await;
    let first = requests
        .iter()
        .find(|r| posts_to(thread)(r))
        .expect("the first message in the thread");
    let text = text_of(first);
    assert!(text.contains("Hoi #algemeen!"), "{text}");
    assert!(!text.contains(&CHANNEL_ID.to_string()), "{text}");
    assert!(text.contains("Stap 1"), "the step's introduction: {text}");
    assert_eq!(
        custom_ids(first.body.as_ref().expect("body")),
        ["s|question.focus"]
    );
    assert_eq!(team_name(&db, CHANNEL_ID).as_deref(), Some("#algemeen"));

    // A select menu, by someone with a nickname on the server: one response, nothing posted.
    let select = with_nick(
        interaction_select(
            GUILD_ID,
            thread,
            USER_ID,
            "s|question.focus",
            &["marketing"],
            bot_message(thread, "?", json!([])),
        ),
        "Sanne (kassa)",
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", select).await;
    assert_eq!(sent, one_response, "{requests:#?}");
    assert_eq!(
        answered_by(&db, "question.focus"),
        Some((Some("marketing".into()), "Sanne (kassa)".into()))
    );

    // Typed lines: one message each, in the thread; the nickname is who answered.
    for answer in ["Jong publiek", "Bereik", "Marketing", "Sanne", "Studenten"] {
        let line = with_nick(
            message_create(GUILD_ID, thread, USER_ID, "tester", answer),
            "Piet",
        );
        let (sent, requests) = turn(&standin, "MESSAGE_CREATE", line).await;
        assert_eq!(sent, one_post, "{answer}: {requests:#?}");
        assert!(posts_to(thread)(&requests[0]), "{requests:#?}");
    }
    assert_eq!(
        answered_by(&db, "question.important").map(|(_, user)| user),
        Some("Piet".into())
    );

    // A slash command: its one response is the whole answer.
    let help = interaction_slash(
        GUILD_ID,
        thread,
        USER_ID,
        &[ROLE_ID],
        EVERYONE_PERMISSIONS,
        "help",
        json!([]),
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", help).await;
    assert_eq!(sent, one_response, "{requests:#?}");

    // The goal form: opening it is one response (the form), submitting it one more.
    let doel = interaction_slash(
        GUILD_ID,
        thread,
        USER_ID,
        &[ROLE_ID],
        EVERYONE_PERMISSIONS,
        "doel",
        json!([{"name": "nieuw", "type": 1, "options": []}]),
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", doel).await;
    assert_eq!(sent, one_response, "{requests:#?}");
    assert_eq!(requests[0].body.as_ref().expect("form")["type"], json!(9));
    let submit = with_member(
        interaction_modal_submit(
            GUILD_ID,
            thread,
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
        &[ROLE_ID],
        EVERYONE_PERMISSIONS,
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", submit).await;
    assert_eq!(sent, one_response, "{requests:#?}");
    let check = requests[0].body.clone().expect("the check");
    let button = custom_ids(&check)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("the form's answer asks on by buttons: {check}"));

    // A button: one response, nothing posted.
    let press = with_member(
        interaction_button(
            GUILD_ID,
            thread,
            USER_ID,
            &button,
            bot_message(thread, "?", json!([])),
        ),
        &[ROLE_ID],
        EVERYONE_PERMISSIONS,
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", press).await;
    assert_eq!(sent, one_response, "{button}: {requests:#?}");

    // A button koers cannot read is still answered (acknowledged), once.
    let junk = interaction_button(
        GUILD_ID,
        thread,
        USER_ID,
        "k|",
        bot_message(thread, "?", json!([])),
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", junk).await;
    assert_eq!(sent, one_response, "{requests:#?}");
    assert_eq!(
        requests[0].body.as_ref().expect("body")["type"],
        json!(6),
        "acknowledged without a message"
    );

    // Every interaction got exactly one response.
    let per = responses_per_token(&standin);
    assert_eq!(per.len(), 7, "{per:?}");
    assert!(per.values().all(|n| *n == 1), "{per:?}");
    assert_no_pings(&standin);
    task.abort();
}
