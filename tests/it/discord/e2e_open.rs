//! The goal form while an evaluation is open, on Discord: `/doel nieuw` says the evaluation
//! comes first instead of opening the form, and a form submitted anyway (one opened before the
//! evaluation) is refused the same way, as the typed command is. The real adapter against the
//! stand-in.

use super::rounds::{said_after, started_after_a_walk};
use super::*;

const FIRST: &str = "Eerst de evaluatie van doel 1: die staat nog open";
const RESULT: &str = "Wat is het resultaat van doel 1?";

/// The team's goals and its answers of round 1, counted: what entering a goal would add to.
fn goals_and_answers(db: &Db) -> (usize, usize) {
    db.run(|s| {
        let t = s
            .find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team");
        Ok((
            s.list_team_goals(t.id)?.len(),
            s.list_answers(t.id, 1)?.len(),
        ))
    })
    .expect("goals and answers")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_goal_form_waits_for_an_open_evaluation() {
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
    let before = goals_and_answers(&db);

    // The slash command does not open the form: the engine says the evaluation comes first.
    let seen = standin.requests().len();
    let answered = slash(
        &standin,
        CHANNEL_ID,
        "doel",
        json!([{"name": "nieuw", "type": 1, "options": []}]),
    )
    .await;
    assert_ne!(answered["type"], json!(9), "no form: {answered}");
    said_after(&standin, seen, FIRST).await;
    said_after(&standin, seen, RESULT).await;

    // A form opened before the evaluation and submitted now is refused the same way.
    let seen = standin.requests().len();
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_modal_submit(
            GUILD_ID,
            CHANNEL_ID,
            USER_ID,
            "goal-form",
            &[
                ("text", "Meer bezoekers onder 25 via de nieuwsbrief"),
                ("deadline", "30-06-2027"),
                ("owner", "Sanne"),
                ("baseline", "100"),
                ("target", "120"),
            ],
        ),
    );
    said_after(&standin, seen, FIRST).await;
    let asked = said_after(&standin, seen, RESULT).await;
    assert!(
        !asked.content().is_some_and(|c| c.contains("SMART-check")),
        "the form's goal was checked: {:?}",
        asked.content()
    );
    assert_eq!(goals_and_answers(&db), before, "the form entered a goal");
    task.abort();
}
