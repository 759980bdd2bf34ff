//! A member without the right is refused every plan change, by slash command, typed in five
//! ways and by the move form, in the channel and the thread; nothing is written and the refusal
//! goes to a DM.

use super::*;

/// `(slash name, options)` and the typed ways in of one manager-only command.
struct Way {
    slash: (&'static str, Value),
    typed: [&'static str; 5],
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
