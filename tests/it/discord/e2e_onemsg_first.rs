//! A first contact in one turn: past Discord's limit it is split with the menu on the last
//! part; a typed line that fits is one post.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_turn_past_discords_limit_is_split_with_the_menu_on_the_last_part() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;

    // /help as a first contact: the greeting, the step, the question and the help are more
    // than one message holds.
    let help = interaction_slash(
        GUILD_ID,
        CHANNEL_ID,
        USER_ID,
        &[ROLE_ID],
        EVERYONE_PERMISSIONS,
        "help",
        json!([]),
    );
    let (sent, requests) = turn(&standin, "INTERACTION_CREATE", help).await;
    assert_eq!(sent.responses, 1, "{requests:#?}");
    assert_eq!(
        sent.posts, 0,
        "the rest follows the response: {requests:#?}"
    );
    assert!(sent.followups >= 1, "split: {requests:#?}");
    let parts: Vec<&Recorded> = requests
        .iter()
        .filter(|r| callback(r) || followup(r))
        .collect();
    assert!(
        callback(parts[0]),
        "the response comes first: {requests:#?}"
    );
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        let content = part.content().unwrap_or_default();
        assert!(content.chars().count() <= 2000, "part {i}: {content}");
        assert!(!content.is_empty(), "part {i}");
        let ids = custom_ids(part.body.as_ref().expect("body"));
        if i == last {
            assert_eq!(ids, ["s|question.focus"], "part {i}");
        } else {
            assert!(ids.is_empty(), "components on the last part only: {ids:?}");
        }
    }
    let all: String = parts.iter().map(|p| text_of(p)).collect();
    assert!(all.starts_with("Hoi #algemeen!"), "{all}");
    assert!(all.contains("/status"), "the help is there: {all}");
    assert_eq!(
        responses_per_token(&standin).values().collect::<Vec<_>>(),
        [&1]
    );
    assert_no_pings(&standin);
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_contact_by_a_typed_line_is_one_post() {
    let standin = StandIn::start_with(
        TOKEN,
        crate::standin::Options {
            guilds: vec![GuildSpec::default_guild().channel(OTHER_CHANNEL, "publiekszaken")],
            ..Default::default()
        },
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;

    // A typed /status where koers has never been: greeting, step, question and status in one.
    let line = message_create(GUILD_ID, OTHER_CHANNEL, USER_ID, "tester", "/status");
    let (sent, requests) = turn(&standin, "MESSAGE_CREATE", line).await;
    assert_eq!(
        sent,
        Sent {
            posts: 1,
            ..Sent::default()
        },
        "{requests:#?}"
    );
    let post = &requests[0];
    assert!(posts_to(OTHER_CHANNEL)(post), "{}", post.path);
    let text = text_of(post);
    assert!(text.starts_with("Hoi #publiekszaken!"), "{text}");
    assert!(text.contains("Status"), "the status is in it: {text}");
    assert_eq!(
        custom_ids(post.body.as_ref().expect("body")),
        ["s|question.focus"]
    );
    assert_eq!(
        team_name(&db, OTHER_CHANNEL).as_deref(),
        Some("#publiekszaken")
    );
    task.abort();
}
