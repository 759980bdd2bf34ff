//! An A/B experiment through the real Discord adapter against the offline stand-in: a goal added
//! with a typed `/doel nieuw`, set up as an experiment by button and text (the plan with its
//! sample size is posted), interim counts, and its evaluation with `/evalueer`. The numbers are
//! the reference vectors of `src/scoring/experiment/reference_tests.rs`.

use std::sync::Arc;

use koers::scoring::experiment::Counts;
use serde_json::json;

use super::{WAIT, open, options, posted, press, say, slash, thread_of};
use crate::standin::*;
use koers::platform::discord::run;

const GOAL: &str =
    "Het aantal kaartjes dat via de nieuwsbrief wordt gekocht met 25% verhogen vóór 1 juli 2027";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_experiment_is_set_up_counted_and_evaluated_on_discord() {
    let standin = StandIn::start(super::TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    let (engine, db) = open(dir.path());
    let task = tokio::spawn(run(Arc::clone(&engine), db.clone(), options(&standin)));
    standin.wait_identified(1, WAIT).await;
    slash(&standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(&standin, CHANNEL_ID).await;

    say(&standin, thread, &format!("/doel nieuw {GOAL}")).await;
    for answer in ["Sanne", "ja", "120", "150"] {
        say(&standin, thread, answer).await;
    }
    posted(&standin, thread, "Is dit doel een experiment").await;
    press(&standin, thread, "k|action.action#1.goal#1.experiment|yes").await;
    for answer in [
        "huidige nieuwsbrief",
        "nieuwsbrief met video",
        "5%",
        "6,5 procent",
        "10.000",
    ] {
        say(&standin, thread, answer).await;
    }
    let plan = posted(&standin, thread, "per variant 3.780 mensen nodig").await;
    assert!(plan.contains("er blijven er 2.440 over"), "{plan}");
    assert!(plan.contains("Zie /voorbeeld utrecht"), "{plan}");

    // Interim counts: counts and rates, no p-value.
    say(&standin, thread, "/doel voortgang 1 1200 60 1180 85").await;
    let interim = posted(
        &standin,
        thread,
        "Tussenstand van het experiment bij doel 1",
    )
    .await;
    assert!(interim.contains("85 van 1.180 (7,20%)"), "{interim}");
    assert!(!interim.contains("p = "), "{interim}");

    // The evaluation: counts per variant, an impossible one asked again, then the report.
    say(&standin, thread, "/evalueer 1").await;
    posted(
        &standin,
        thread,
        "variant A ('huidige nieuwsbrief'): hoeveel",
    )
    .await;
    say(&standin, thread, "0 0").await;
    posted(&standin, thread, "naar niemand gestuurd").await;
    say(&standin, thread, "2400 120").await;
    say(&standin, thread, "2400 155").await;
    let report = posted(&standin, thread, "Uitkomst van het experiment bij doel 1").await;
    for part in [
        "Verschil B − A: +1,46 procentpunt (95%-betrouwbaarheidsinterval: 0,14 tot 2,78 procentpunt)",
        "z = 2,17, p = 0,030",
        "Conclusie: B ('nieuwsbrief met video') doet het beter",
    ] {
        assert!(report.contains(part), "{part}: {report}");
    }
    let (a, b) = db
        .run(|s| {
            let team = s
                .find_team("discord", &CHANNEL_ID.to_string())?
                .expect("team");
            let goal = s.find_goal_by_number(team.id, 1)?.expect("goal 1");
            let exp = s.find_experiment(goal.id)?.expect("an experiment");
            Ok((exp.final_a, exp.final_b))
        })
        .expect("read");
    assert_eq!(
        (a, b),
        (Some(Counts::new(2400, 120)), Some(Counts::new(2400, 155)))
    );
    task.abort();
}
