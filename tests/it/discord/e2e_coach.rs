//! Coaching by level and the guide's examples on Discord: a starting team walks to step 3 in
//! its thread, hears the advice and the deadline it is advised, and asks for the examples by
//! slash command (the name as a choice) and typed.

use super::*;

/// The advised deadline: three months from today in the team's zone (the bot runs on the
/// real clock here).
fn three_months_on() -> String {
    let today = jiff::Timestamp::now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .date();
    today
        .checked_add(jiff::Span::new().months(3))
        .expect("date")
        .strftime("%d-%m-%Y")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_starting_team_is_coached_in_step_three_and_asks_for_the_examples() {
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
    // Seven times "nee": a starting team.
    for key in [
        "strategy",
        "vision",
        "owner",
        "knowledge",
        "customer_base",
        "possibilities",
        "systems",
    ] {
        press(&standin, thread, &format!("k|data.{key}|no")).await;
    }
    for answer in ["Nieuwsbrief", "Het CRM", "Koppelen"] {
        say(&standin, thread, answer).await;
    }
    // The data sources come with the Mariniersmuseum offered.
    posted(&standin, thread, "/voorbeeld mariniers").await;
    for answer in ["Ticketing", "intern", "anoniem", "ja", "ja", "ja", "nee"] {
        say(&standin, thread, answer).await;
    }
    posted(&standin, thread, "Jullie zijn startend.").await;
    say(&standin, thread, "Instagram-campagne").await;
    say(
        &standin,
        thread,
        "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen",
    )
    .await;
    say(&standin, thread, "Sanne").await;
    // The button's answer is the next question (or it follows in the thread).
    let pressed = press(&standin, thread, "k|action.action#1.goal#1.agreed|yes").await;
    let hint = match pressed["data"]["content"].as_str() {
        Some(c) if c.contains("Tip voor startende teams") => c.to_string(),
        _ => posted(&standin, thread, "Tip voor startende teams").await,
    };
    assert!(hint.contains(&three_months_on()), "{hint}");

    // /voorbeeld with a choice tells that story; without one, the list; typed, the same.
    let told = slash(
        &standin,
        thread,
        "voorbeeld",
        json!([{"name": "naam", "type": 4, "value": 1}]),
    )
    .await;
    let content = told["data"]["content"].as_str().unwrap_or_default();
    assert!(
        content.contains("Mariniersmuseum") && content.contains("163%"),
        "{told}"
    );
    let list = slash(&standin, thread, "voorbeeld", json!([])).await;
    assert!(
        list["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("/voorbeeld schalm")),
        "{list}"
    );
    say(&standin, thread, "!koers voorbeeld schalm").await;
    posted(&standin, thread, "Facebook").await;

    // Nothing of that was taken as an answer: the deadline question is still open.
    let cursor = db
        .run(|s| {
            Ok(s.find_team("discord", &CHANNEL_ID.to_string())?
                .and_then(|t| t.cursor))
        })
        .expect("cursor");
    assert_eq!(cursor.as_deref(), Some("action.action#1.goal#1.deadline"));
    // The example command was registered with the three practices as choices.
    let registered = standin.commands(Some(GUILD_ID));
    let example = registered
        .iter()
        .find(|c| c["name"] == json!("voorbeeld"))
        .expect("/voorbeeld registered");
    assert_eq!(example["name_localizations"]["en-US"], json!("example"));
    let choices = example["options"][0]["choices"]
        .as_array()
        .expect("choices");
    assert_eq!(choices.len(), 3, "{example}");
    assert_eq!(choices[1]["name"], json!("Mariniersmuseum"));

    assert_no_pings(&standin);
    task.abort();
}
