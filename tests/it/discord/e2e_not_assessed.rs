//! An evaluation whose "is the goal achieved?" is skipped, on Discord: the question comes as
//! text (it has no buttons), so it is skipped with the real `/overslaan` slash command. The goal
//! is then not assessed, never "not achieved": in the closing reply, in `/doel`, and in the
//! stored status. The real adapter against the stand-in.

use super::rounds::{said_after, started_after_a_walk};
use super::*;
use koers::states::GoalStatus;

const RESULT: &str = "Wat is het resultaat van doel 1?";
const OUTCOME: &str = "Is doel 1 gehaald?";
const DONE: &str = "Evaluatie van doel 1 vastgelegd zonder uitkomst";

/// The text of the reply `/doel` gives (its slash command: `/doel lijst`).
async fn goal_list(standin: &StandIn) -> String {
    let listed = slash(
        standin,
        CHANNEL_ID,
        "doel",
        json!([{"name": "lijst", "type": 1, "options": []}]),
    )
    .await;
    listed["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_skipped_outcome_leaves_the_goal_not_assessed_on_discord() {
    let (standin, _dir, db, task) = started_after_a_walk().await;
    let seen = standin.requests().len();
    slash(
        &standin,
        CHANNEL_ID,
        "evalueer",
        json!([{"name": "nummer", "type": 4, "value": 1}]),
    )
    .await;
    said_after(&standin, seen, RESULT).await;
    // A skipped result settles nothing, so whether the goal was reached is asked.
    let seen = standin.requests().len();
    slash(&standin, CHANNEL_ID, "overslaan", json!([])).await;
    said_after(&standin, seen, OUTCOME).await;

    // The outcome skipped with the platform's own skip command.
    let seen = standin.requests().len();
    slash(&standin, CHANNEL_ID, "overslaan", json!([])).await;
    said_after(
        &standin,
        seen,
        "Wat waren de effecten van de actie bij doel 1",
    )
    .await;
    for answer in ["Meer aanmeldingen via school", "Eerder beginnen", "nee"] {
        say(&standin, CHANNEL_ID, answer).await;
    }
    let seen = standin.requests().len();
    say(&standin, CHANNEL_ID, "nee").await;
    let done = said_after(&standin, seen, DONE).await;
    let done = done.content().unwrap_or_default();
    assert!(done.contains("niet beoordeeld"), "{done}");
    assert!(!done.contains("niet gehaald"), "{done}");

    let listed = goal_list(&standin).await;
    let line = listed
        .lines()
        .find(|l| l.contains("studenten dat via de webshop"))
        .unwrap_or_else(|| panic!("goal 1 in {listed}"));
    assert!(line.contains("niet beoordeeld"), "{line}");
    assert!(!line.contains("niet gehaald"), "{line}");

    let (status, outcome) = db
        .run(|s| {
            let t = s
                .find_team("discord", &CHANNEL_ID.to_string())?
                .expect("team");
            let goal = s.find_goal_by_number(t.id, 1)?.expect("goal 1");
            let evaluation = s.find_goal_evaluation(goal.id)?.expect("its evaluation");
            Ok((goal.status, evaluation.outcome))
        })
        .expect("read");
    assert_eq!(status, GoalStatus::NotAssessed);
    assert_eq!(status.as_str(), "not_assessed", "the word stored");
    assert_eq!(outcome, None, "no outcome the team did not give");
    assert_no_pings(&standin);
    task.abort();
}
