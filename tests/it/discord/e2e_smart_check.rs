//! The SMART check of a typed `/doel nieuw` on Discord, in the team's thread: A is "?" (not yet
//! known) while the support of those involved is unanswered, and ✓ once it is answered by its
//! button; a baseline against the goal's words ("verhogen naar 300" from 400) is warned about
//! and R is not met. The real adapter against the stand-in.

use super::*;

const GOAL: &str =
    "Het aantal studentenkaarten verhogen naar 300 voor eind februari 2027, eigenaar Jan";
const PENDING: &str =
    "Eigenaar bekend; of de betrokkenen achter dit doel staan (draagvlak), is nog niet beantwoord";
const AGAINST: &str = "De getallen gaan de andere kant op dan de woorden";

/// What koers said after the first `seen` requests (messages and interaction responses), joined.
fn said_since(standin: &StandIn, seen: usize) -> String {
    standin
        .requests()
        .iter()
        .skip(seen)
        .filter_map(|r| r.content().map(str::to_string))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acceptable_waits_for_support_and_numbers_against_the_words_are_warned_on_discord() {
    let standin = StandIn::start(TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(&standin, CHANNEL_ID).await;

    // The owner is in the text; support is not answered yet: A is not known.
    say(&standin, thread, &format!("/doel nieuw {GOAL}")).await;
    let check = posted(&standin, thread, "SMART-check").await;
    assert!(check.contains("? Acceptabel"), "{check}");
    assert!(!check.contains("✓ Acceptabel"), "{check}");
    assert!(check.contains(PENDING), "{check}");
    assert!(!check.contains(AGAINST), "no baseline yet: {check}");

    // Support by its button; then a baseline above the target of a goal that says "verhogen".
    let seen = standin.requests().len();
    let agreed = press(&standin, thread, "k|action.action#1.goal#1.agreed|yes").await;
    assert!(
        agreed["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("Waar staan jullie nu")),
        "the baseline is asked next: {agreed}"
    );
    say(&standin, thread, "400").await;
    posted(&standin, thread, "Is dit doel een experiment").await;
    let recorded = press(&standin, thread, "k|action.action#1.goal#1.experiment|no").await;
    let recorded = recorded["data"]["content"].as_str().unwrap_or_default();
    assert!(recorded.contains("Genoteerd als doel 1"), "{recorded}");
    let said = said_since(&standin, seen);
    assert!(said.contains(AGAINST), "{said}");
    assert!(recorded.contains("✗ Realistisch"), "{recorded}");
    assert!(recorded.contains("✓ Acceptabel"), "{recorded}");
    assert!(!recorded.contains(PENDING), "{recorded}");

    let (baseline, target, score) = db
        .run(|s| {
            let t = s
                .find_team("discord", &CHANNEL_ID.to_string())?
                .expect("team");
            let goal = s.find_goal_by_number(t.id, 1)?.expect("goal 1");
            Ok((goal.baseline, goal.target, goal.smart_score))
        })
        .expect("read");
    assert_eq!((baseline, target), (Some(400.0), Some(300.0)));
    assert_eq!(score, Some(4), "R not met, A met");
    assert_no_pings(&standin);
    task.abort();
}
