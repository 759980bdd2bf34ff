//! Step 1 and step 3 hold together, on Discord: the "waarom?" quotes the answer before it, a
//! repeated answer gets one nudge, a goal that shares nothing with the vraagstuk is asked about
//! with buttons, and the vraagstuk comes back next to the goals. The real adapter against the
//! stand-in.

use super::*;
use crate::circle::FAR_GOAL;
use crate::common::{WALK, line_of};

/// Wait until koers said something containing `text` in `thread` (a post, or the answer to a
/// button); returns that request.
async fn said(standin: &StandIn, thread: u64, text: &str) -> Recorded {
    let path = format!("/channels/{thread}/messages");
    standin
        .wait_for(
            |r| {
                (r.is("POST", &path) || callback(r))
                    && r.content().is_some_and(|c| c.contains(text))
            },
            WAIT,
        )
        .await
}

fn stored(db: &Db, key: &'static str) -> Option<String> {
    db.run(move |s| {
        let t = s
            .find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team");
        Ok(s.get_answer(t.id, 1, key)?.and_then(|a| a.value))
    })
    .expect("answer")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_waarom_quotes_the_answer_before_it_and_a_far_goal_is_asked_with_buttons() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(&standin, CHANNEL_ID).await;
    choose(&standin, thread, "s|question.focus", "marketing").await;
    for line in &WALK[line_of("question.important")..line_of("question.achieve")] {
        say(&standin, thread, line.input).await;
    }
    say(&standin, thread, "Meer studenten in de zaal").await;
    press(&standin, thread, "k|question.why_offer|yes").await;
    said(
        &standin,
        thread,
        "Jullie zeggen: “Meer studenten in de zaal”. Waarom? (1/5)",
    )
    .await;
    say(
        &standin,
        thread,
        "Omdat we meer studenten in de zaal willen",
    )
    .await;
    said(
        &standin,
        thread,
        "Dat lijkt veel op “Meer studenten in de zaal”.",
    )
    .await;
    say(
        &standin,
        thread,
        "Omdat studenten ons toekomstige publiek zijn",
    )
    .await;
    said(
        &standin,
        thread,
        "Jullie zeggen: “Omdat studenten ons toekomstige publiek zijn”. Waarom? (2/5)",
    )
    .await;
    say(&standin, thread, "klaar").await;
    let statement = line_of("question.statement");
    for line in &WALK[statement..line_of("action.action#1.goal#1.text")] {
        say(&standin, thread, line.input).await;
    }

    // A goal far from the vraagstuk: one question, with yes/no buttons.
    say(&standin, thread, FAR_GOAL).await;
    let asked = said(&standin, thread, "Dient het jullie vraagstuk: “").await;
    assert!(
        asked
            .content()
            .is_some_and(|c| c.contains(WALK[statement].input.trim_end_matches('?'))),
        "{asked:?}"
    );
    let buttons = custom_ids(asked.body.as_ref().expect("body"));
    assert!(
        buttons.contains(&"k|action.action#1.goal#1.serves|no".to_string()),
        "{buttons:?}"
    );
    press(&standin, thread, "k|action.action#1.goal#1.serves|no").await;
    said(&standin, thread, "Dan loont het om het doel bij te stellen").await;
    // Owner, support, baseline, target, not an experiment, no more goals or actions, and the
    // long-term goal the walk's (lerend) team is asked for.
    let long_term = WALK[line_of("action.long_term")].input;
    for answer in ["Sanne", "ja", "200", "220", "nee", "nee", "nee", long_term] {
        say(&standin, thread, answer).await;
    }
    let plan = said(&standin, thread, "Zo hangen jullie acties en doelen samen").await;
    let plan = plan.content().unwrap_or_default();
    assert!(plan.contains(&format!("Doel 1: {FAR_GOAL}")), "{plan}");
    assert!(plan.contains("Vraagstuk: “Hoeveel jongeren"), "{plan}");

    assert_eq!(
        stored(&db, "question.why#1.repeat").as_deref(),
        Some("repeat")
    );
    assert_eq!(
        stored(&db, "question.why#1.again").as_deref(),
        Some("Omdat studenten ons toekomstige publiek zijn")
    );
    assert_eq!(
        stored(&db, "action.action#1.goal#1.serves").as_deref(),
        Some("no")
    );
    assert_eq!(stored(&db, "action.plan").as_deref(), Some("1"));
    assert_no_pings(&standin);
    task.abort();
}
