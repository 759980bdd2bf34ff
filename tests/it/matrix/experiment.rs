//! An A/B experiment through the real Matrix adapter against Synapse: a goal added with
//! `!koers doel nieuw`, set up as an experiment in plain text (the plan with its sample size is
//! posted), interim counts, and — after a restart at the deadline — the evaluation prompt the
//! scheduler sends, answered with the counts per variant. The numbers are the reference
//! vectors of `src/scoring/experiment/reference_tests.rs`.

use koers::scoring::experiment::Counts;

use crate::matrix::{Bot, Human, NOW, Stored};

const GOAL: &str = "!koers doel nieuw Het aantal kaartjes dat via de nieuwsbrief wordt gekocht \
                    stijgt van 120 naar 150 vóór 1 december 2026";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_experiment_is_set_up_and_evaluated_at_its_deadline_on_matrix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let mut bot = Bot::start("bot-experiment", dir.path(), NOW, &[]);
    let room = anna.create_room("Experiment", false, &[&bot.user_id]).await;
    anna.wait_text(&room, &bot.user_id, 0, "Met welke plek beginnen jullie?")
        .await;
    anna.say(&room, GOAL).await;
    anna.say(&room, "Sanne").await;
    anna.say(&room, "ja").await;
    anna.say(&room, "120").await;
    anna.wait_text(&room, &bot.user_id, 0, "Is dit doel een experiment")
        .await;
    for answer in [
        "ja",
        "huidige nieuwsbrief",
        "nieuwsbrief met video",
        "5%",
        "6,5 procent",
        "10.000",
    ] {
        anna.say(&room, answer).await;
    }
    let plan = anna
        .wait_text(&room, &bot.user_id, 0, "per variant 3.780 mensen nodig")
        .await;
    assert!(
        plan.body().contains("Zie !koers voorbeeld utrecht"),
        "{}",
        plan.body()
    );
    anna.say(&room, "!koers doel voortgang 1 1200 60 1180 85")
        .await;
    let interim = anna
        .wait_text(
            &room,
            &bot.user_id,
            0,
            "Tussenstand van het experiment bij doel 1",
        )
        .await;
    assert!(
        interim.body().contains("85 van 1.180 (7,20%)"),
        "{}",
        interim.body()
    );
    assert!(!interim.body().contains("p = "), "{}", interim.body());
    bot.kill();

    // The deadline (30-11-2026, 09:00): the scheduler's prompt asks the counts of A.
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    let bot = Bot::start(
        "bot-experiment",
        dir.path(),
        "2026-11-30T09:00:05+01:00",
        &[],
    );
    let prompt = anna
        .wait_text(
            &room,
            &bot.user_id,
            seen,
            "variant A ('huidige nieuwsbrief'): hoeveel",
        )
        .await;
    assert!(prompt.body().contains("is bereikt"), "{}", prompt.body());
    anna.say(&room, "2400 120").await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "variant B ('nieuwsbrief met video'): hoeveel",
    )
    .await;
    anna.say(&room, "2400 155").await;
    let report = anna
        .wait_text(
            &room,
            &bot.user_id,
            seen,
            "Uitkomst van het experiment bij doel 1",
        )
        .await;
    for part in [
        "+1,46 procentpunt",
        "0,14 tot 2,78 procentpunt",
        "z = 2,17, p = 0,030",
        "doet het beter",
    ] {
        assert!(report.body().contains(part), "{part}: {}", report.body());
    }
    let exp = Stored::open(dir.path())
        .experiment(&room, 1)
        .expect("goal 1 is an experiment");
    assert_eq!(
        (exp.final_a, exp.final_b),
        (Some(Counts::new(2400, 120)), Some(Counts::new(2400, 155)))
    );
}
