//! One turn, one message: every interaction gets exactly one response and a turn posts one
//! message, for every kind of input; a turn past Discord's limit is split with its components
//! on the last part; teams are named after their channel and people by their nickname.

use super::*;

/// What koers sent in a stretch of requests.
#[derive(Debug, Default, PartialEq, Eq)]
struct Sent {
    /// Interaction responses (`POST /interactions/{id}/{token}/callback`).
    responses: usize,
    /// Follow-ups (`POST /webhooks/{app}/{token}`).
    followups: usize,
    /// Messages posted in a channel, a thread or a DM.
    posts: usize,
}

fn followup(r: &Recorded) -> bool {
    r.method == "POST" && r.route().starts_with("/webhooks/")
}

fn sent_since(standin: &StandIn, from: usize) -> Sent {
    let requests = standin.requests();
    let new = &requests[from.min(requests.len())..];
    Sent {
        responses: new.iter().filter(|r| callback(r)).count(),
        followups: new.iter().filter(|r| followup(r)).count(),
        posts: new.iter().filter(|r| sent_message(r)).count(),
    }
}

/// Waits until koers has sent nothing new for a while: the turn is over. Only a pause for
/// stragglers, never an assertion on time.
async fn settled(standin: &StandIn) -> usize {
    let mut seen = standin.requests().len();
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = standin.requests().len();
        if now == seen {
            return now;
        }
        seen = now;
    }
}

/// Dispatches `event` and waits until its turn is over; what koers sent for it.
async fn turn(standin: &StandIn, event: &str, data: Value) -> (Sent, Vec<Recorded>) {
    let from = settled(standin).await;
    let sent = |r: &Recorded| callback(r) || followup(r) || sent_message(r);
    let before = count(standin, sent);
    standin.dispatch(event, data);
    // Something comes for every input here; wait for it, then for the rest of the turn.
    next(standin, before, sent).await;
    settled(standin).await;
    let new = standin.requests()[from..].to_vec();
    (sent_since(standin, from), new)
}

/// The interaction tokens koers answered, with how many responses each got.
fn responses_per_token(standin: &StandIn) -> std::collections::HashMap<String, usize> {
    let mut per = std::collections::HashMap::new();
    for r in standin.requests().iter().filter(|r| callback(r)) {
        let token = r.route().split('/').nth(3).unwrap_or_default().to_string();
        *per.entry(token).or_insert(0) += 1;
    }
    per
}

fn with_nick(mut payload: Value, nick: &str) -> Value {
    payload["member"]["nick"] = json!(nick);
    payload
}

fn team_name(db: &Db, channel: u64) -> Option<String> {
    db.run(move |s| {
        Ok(s.find_team("discord", &channel.to_string())?
            .map(|t| t.name))
    })
    .expect("team")
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

/// The text of a message koers sent: its content, or its embed's title and description.
fn text_of(r: &Recorded) -> String {
    let Some(body) = &r.body else {
        return String::new();
    };
    let message = if callback(r) { &body["data"] } else { body };
    let embeds: String = message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| format!("{} {}", e["title"], e["description"]))
        .collect();
    format!(
        "{}{embeds}",
        message["content"].as_str().unwrap_or_default()
    )
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
async fn a_team_follows_its_channels_name() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    // A team stored under an old name (the channel was renamed while koers was away).
    db.run(move |s| {
        s.insert_team(
            "discord",
            &CHANNEL_ID.to_string(),
            "#oud",
            koers::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )
        .map(drop)
    })
    .expect("seed");
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;

    // The next event in its channel gives it the channel's name.
    slash(&standin, CHANNEL_ID, "status", json!([])).await;
    assert_eq!(team_name(&db, CHANNEL_ID).as_deref(), Some("#algemeen"));

    // Renaming the channel renames the team, without anyone saying anything.
    let seen = standin.requests().len();
    standin.dispatch(
        "CHANNEL_UPDATE",
        text_channel_json(GUILD_ID, CHANNEL_ID, "team-marketing", 0),
    );
    let mut name = team_name(&db, CHANNEL_ID);
    for _ in 0..(WAIT.as_millis() / 50) {
        if name.as_deref() == Some("#team-marketing") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        name = team_name(&db, CHANNEL_ID);
    }
    assert_eq!(name.as_deref(), Some("#team-marketing"));
    assert_eq!(sent_since(&standin, seen), Sent::default(), "nothing said");

    // A channel without a team is left alone.
    standin.dispatch(
        "CHANNEL_UPDATE",
        text_channel_json(GUILD_ID, OTHER_CHANNEL, "elders", 1),
    );
    let back = slash(&standin, CHANNEL_ID, "start", json!([])).await;
    assert_eq!(team_name(&db, OTHER_CHANNEL), None);
    let thread = thread_of(&standin, CHANNEL_ID).await;
    assert!(back["data"]["content"].as_str().is_some(), "{back}");
    let welcome = standin.wait_for(|r| posts_to(thread)(r), WAIT).await;
    assert!(
        text_of(&welcome).contains("#team-marketing"),
        "{}",
        text_of(&welcome)
    );
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
