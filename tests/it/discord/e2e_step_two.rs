//! Step two on Discord by buttons and text: the experience level in the one response to the
//! last question, and a post Discord failed once retried.

use super::*;

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
