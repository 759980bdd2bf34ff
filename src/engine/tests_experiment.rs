//! Engine tests of A/B experiments: the set-up and its plan, interim counts without p-values,
//! the evaluation at the deadline (delivered as the scheduler does) and the experiment in
//! `/status` and the export. Expected numbers are the reference vectors of
//! `src/scoring/experiment/reference_tests.rs` (scipy / statsmodels), written the Dutch way.

use std::sync::Arc;

use anyhow::Context;

use super::tests::{Chat, WALK};
use super::*;
use crate::prompts::Lang;
use crate::scoring::experiment::Counts;
use crate::states::GoalStatus;
use crate::store::{Experiment, Scope, TrackedGoal};

const GOAL: &str =
    "Het aantal kaartjes dat via de nieuwsbrief wordt gekocht met 25% verhogen vóór 1 januari 2027";

/// Walk up to the first goal and answer it up to the experiment question.
fn at_experiment_question() -> Chat {
    let mut chat = Chat::new();
    for (key, answer) in WALK {
        if *key == "action.action#1.goal#1.text" {
            break;
        }
        chat.say(answer);
    }
    for answer in [GOAL, "Sanne", "ja", "120", "150"] {
        chat.say(answer);
    }
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.experiment")
    );
    chat
}

/// An experiment of 5% against 6,5% (3780 per variant, the reference) with a list of `list`.
fn with_experiment(list: &str) -> (Chat, String) {
    let mut chat = at_experiment_question();
    let mut out = String::new();
    for answer in [
        "ja",
        "huidige nieuwsbrief",
        "nieuwsbrief met video",
        "5%",
        "6,5 procent",
        list,
    ] {
        out = chat.say(answer);
    }
    (chat, out)
}

fn text(chat: &Chat, key: &str) -> String {
    chat.engine.texts().get(Lang::Nl, key).to_string()
}

fn goal(chat: &Chat) -> TrackedGoal {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s.find_team(&team.platform, &team.id)?.context("team")?;
            s.find_goal_by_number(t.id, 1)?.context("goal")
        })
        .expect("goal")
}

fn experiment(chat: &Chat) -> Option<Experiment> {
    let id = goal(chat).id;
    chat.db
        .run(move |s| s.find_experiment(id))
        .expect("experiment")
}

/// Deliver every reminder due at `now` the way the scheduler does (word it, then record it as
/// sent, which starts the evaluation at the deadline); the texts, in order.
fn deliver_due(engine: &Arc<Engine>, db: &crate::store::Db) -> Vec<String> {
    let mut said = Vec::new();
    loop {
        let next = db
            .run(|s| s.next_pending_reminder(&Scope::Platform("test".into())))
            .expect("next");
        let Some((id, due)) = next else { break };
        if due > engine.now().as_second() {
            break;
        }
        if let Some(out) = engine.prepare_reminder(db, id).expect("prepare") {
            engine.confirm_reminder(db, &out, "test").expect("confirm");
            said.push(out.reply.text);
        }
    }
    said
}

#[test]
fn one_extra_question_when_the_goal_is_no_experiment() {
    let mut chat = at_experiment_question();
    let out = chat.say("nee");
    assert!(out.contains("Genoteerd als doel 1"), "{out}");
    assert_eq!(chat.cursor().as_deref(), Some("action.action#1.goal#1"));
    assert_eq!(experiment(&chat), None);
    assert!(!chat.say("/status").contains("A/B"));
}

#[test]
fn the_set_up_says_the_sample_size_and_the_spare_and_points_to_the_example() {
    let (chat, out) = with_experiment("10.000");
    // scipy / R: 5% against 6.5% needs 3780 per group.
    assert!(
        out.contains("per variant 3.780 mensen nodig, samen 7.560"),
        "{out}"
    );
    assert!(out.contains("er blijven er 2.440 over"), "{out}");
    assert!(out.contains("Zie /voorbeeld utrecht"), "{out}");
    assert!(out.contains(&text(&chat, "action.action.goal.experiment_plan.peeking")));
    assert!(out.contains("Genoteerd als doel 1"), "{out}");
    let e = experiment(&chat).expect("stored with the goal");
    assert_eq!(
        (e.variant_a.as_str(), e.variant_b.as_str()),
        ("huidige nieuwsbrief", "nieuwsbrief met video")
    );
    assert_eq!((e.expected_a, e.expected_b), (Some(5.0), Some(6.5)));
    assert_eq!((e.list_size, e.per_group), (Some(10_000), Some(3780)));
}

#[test]
fn a_list_too_small_is_said_plainly_with_the_shortfall_and_what_to_do() {
    let (_, out) = with_experiment("5000");
    assert!(
        out.contains("te klein: er zijn er 7.560 nodig, dus er ontbreken 2.560"),
        "{out}"
    );
    for advice in ["groter verschil", "langer lopen", "lijst groter"] {
        assert!(out.contains(advice), "{advice}: {out}");
    }
}

#[test]
fn rates_outside_zero_and_a_hundred_and_odd_lists_are_asked_again() {
    let mut chat = at_experiment_question();
    for answer in ["ja", "A", "B"] {
        chat.say(answer);
    }
    let rate_a = Some("action.action#1.goal#1.rate_a");
    for bad in ["150%", "0", "-3"] {
        let out = chat.say(bad);
        assert!(
            out.contains(&text(&chat, "msg.experiment.not_a_percentage")),
            "{bad}: {out}"
        );
        assert_eq!(chat.cursor().as_deref(), rate_a, "{bad}");
    }
    chat.say("3,5 procent");
    assert_eq!(
        chat.value("action.action#1.goal#1.rate_a").as_deref(),
        Some("3.5")
    );
    // The same rate twice: nothing to show, said at once.
    let out = chat.say("3.5%");
    assert!(out.contains("voor dit experiment bereiken"), "{out}");
    for bad in ["-10", "2,5"] {
        let out = chat.say(bad);
        assert!(
            out.contains(&text(&chat, "msg.experiment.not_a_count")),
            "{bad}: {out}"
        );
    }
    let out = chat.say("1000");
    assert!(out.contains("hetzelfde percentage (3,5%)"), "{out}");
    assert_eq!(experiment(&chat).and_then(|e| e.per_group), None);
}

#[test]
fn interim_counts_show_counts_and_rates_and_never_a_p_value() {
    let (mut chat, _) = with_experiment("10.000");
    let out = chat.say("/doel voortgang 1 1200 60 1180 85");
    assert!(
        out.contains("huidige nieuwsbrief'): 60 van 1.200 (5,00%)"),
        "{out}"
    );
    assert!(out.contains("video'): 85 van 1.180 (7,20%)"), "{out}");
    assert!(
        out.contains("peeking") || out.contains("tussendoor kijkt"),
        "{out}"
    );
    for never in ["p =", "p <", "Conclusie", "toets"] {
        assert!(!out.contains(never), "{never}: {out}");
    }
    let e = experiment(&chat).expect("experiment");
    let (a, b, _) = e.interim.expect("kept");
    assert_eq!((a, b), (Counts::new(1200, 60), Counts::new(1180, 85)));
    let status = chat.say("/status");
    assert!(status.contains("Tussenstand van 25-11-2026"), "{status}");
    assert!(!status.contains("Uitkomst"), "{status}");
    // Counts that cannot be, and too few numbers.
    let out = chat.say("/doel voortgang 1 100 120 100 5");
    assert!(
        out.contains("meer mensen aan dan er de variant kregen"),
        "{out}"
    );
    let out = chat.say("/doel voortgang 1 150");
    assert!(out.contains("vier hele getallen"), "{out}");
    let (a, _, _) = experiment(&chat).and_then(|e| e.interim).expect("kept");
    assert_eq!(a, Counts::new(1200, 60), "refused counts change nothing");
    let history = chat
        .db
        .run({
            let id = goal(&chat).id;
            move |s| s.list_goal_history(id)
        })
        .expect("history");
    assert!(history.iter().any(|h| h.field == "experiment_counts"
        && h.new.as_deref() == Some("A 60/1200 B 85/1180")
        && h.user == "ann"));
}

#[test]
fn counts_after_the_evaluation_started_do_not_say_to_count_on() {
    let (mut chat, _) = with_experiment("10.000");
    chat.say("nee");
    chat.say("/evalueer 1");
    let out = chat.say("/doel voortgang 1 2000 80 2000 120");
    assert!(out.contains("is bereikt: de uitkomst"), "{out}");
    assert!(!out.contains("Tel dus door"), "{out}");
    chat.say("2000 80");
    chat.say("2000 120");
    for answer in ["ja", "-", "-", "nee", "nee"] {
        chat.say(answer);
    }
    assert!(goal(&chat).status.is_finished());
    let out = chat.say("/doel voortgang 1 2000 80 2000 120");
    assert!(out.contains("Doel 1 loopt niet meer (gehaald)"), "{out}");
    assert!(!out.contains("Tel dus door"), "{out}");
}

#[test]
fn a_full_experiment_from_set_up_through_interim_counts_to_the_deadline() {
    let (mut chat, _) = with_experiment("10.000");
    chat.say("nee"); // no second goal
    chat.say("/doel voortgang 1 1200 60 1180 85");
    let deadline = goal(&chat).deadline.expect("deadline in the text");
    // The morning after the deadline: the reminders and the evaluation prompt go out.
    let later: jiff::Timestamp = format!(
        "{}T12:00:00Z",
        deadline
            .checked_add(jiff::Span::new().days(1))
            .expect("date")
    )
    .parse()
    .expect("time");
    let engine =
        Arc::new(Engine::new(Box::new(FixedClock(later)), Settings::default()).expect("engine"));
    let said = deliver_due(&engine, &chat.db);
    let prompt = said
        .iter()
        .find(|t| t.contains("is bereikt"))
        .expect("the deadline reminder");
    assert!(
        prompt.contains("variant A ('huidige nieuwsbrief')"),
        "{prompt}"
    );
    assert_eq!(goal(&chat).status, GoalStatus::Evaluating);
    chat.engine = engine;
    // Converted more than sent: explained and asked again.
    let out = chat.say("100 120");
    assert!(
        out.contains("meer mensen aan dan er de variant kregen"),
        "{out}"
    );
    assert!(out.contains("variant A"), "{out}");
    let out = chat.say("0 0");
    assert!(out.contains("naar niemand gestuurd"), "{out}");
    let out = chat.say("2.400 verstuurd, 120 gekocht");
    assert!(out.contains("variant B ('nieuwsbrief met video')"), "{out}");
    let report = chat.say("2400 155");
    // statsmodels: z = 2.1738, p = 0.0297; Newcombe 0.00142 to 0.02783; 155/2400 − 120/2400.
    for part in [
        "120 van 2.400 (5,00%)",
        "155 van 2.400 (6,46%)",
        "Verschil B − A: +1,46 procentpunt",
        "0,14 tot 2,78 procentpunt",
        "Relatieve lift van B ten opzichte van A: +29,2%",
        "z-toets voor twee proporties, z = 2,17, p = 0,030",
        "Conclusie: B ('nieuwsbrief met video') doet het beter",
    ] {
        assert!(report.contains(part), "{part}: {report}");
    }
    // Then the rest of the evaluation, as for every goal.
    assert!(report.contains("Is doel 1 gehaald?"), "{report}");
    for answer in ["ja", "Meer kaartjes", "Vaker video", "nee", "nee"] {
        chat.say(answer);
    }
    assert_eq!(goal(&chat).status, GoalStatus::Achieved);
    let status = chat.say("/status");
    assert!(
        status.contains("Uitkomst: verschil B − A +1,46 procentpunt (95%-interval 0,14 tot 2,78), z-toets, p = 0,030: B doet het aantoonbaar beter"),
        "{status}"
    );
    let export = chat.say("/export");
    assert!(export.contains("  - A/B-experiment: A ('huidige nieuwsbrief') (verwacht 5%) tegen B ('nieuwsbrief met video') (verwacht 6,5%); 3.780 mensen per variant nodig."), "{export}");
    assert!(
        export.contains("  - Uitkomst: verschil B − A +1,46"),
        "{export}"
    );
}

#[test]
fn few_conversions_use_fisher_and_too_few_people_say_so() {
    let (mut chat, _) = with_experiment("10.000");
    chat.say("nee");
    chat.say("/evalueer 1");
    chat.say("10 3");
    let report = chat.say("10 8");
    // scipy: Fisher p = 0.0698 on ten per group.
    assert!(report.contains("exacte toets van Fisher"), "{report}");
    assert!(report.contains("p = 0,070"), "{report}");
    assert!(report.contains("+50,00 procentpunt"), "{report}");
    assert!(report.contains("6,65 tot 73,98"), "{report}");
    assert!(
        report.contains("te klein om het te kunnen zien (nodig waren 3.780"),
        "{report}"
    );
    // Evaluated again: the counts are asked anew.
    for answer in ["deels", "-", "-", "nee", "nee"] {
        chat.say(answer);
    }
    let out = chat.say("/evalueer 1");
    assert!(out.contains("variant A"), "{out}");
    assert_eq!(experiment(&chat).and_then(|e| e.final_a), None);
}

#[test]
fn the_report_is_in_english_with_english_numbers() {
    let (mut chat, _) = with_experiment("10.000");
    chat.say("nee");
    chat.say("/taal en");
    chat.say("/evaluate 1");
    chat.say("2400 120");
    let report = chat.say("2,400 155");
    for part in [
        "120 of 2,400 (5.00%)",
        "Difference B − A: +1.46 percentage points",
        "0.14 to 2.78",
        "two-proportion z-test, z = 2.17, p = 0.030",
        "Conclusion: B ('nieuwsbrief met video') does better",
    ] {
        assert!(report.contains(part), "{part}: {report}");
    }
}

#[test]
fn answering_no_afterwards_forgets_the_experiment() {
    let (mut chat, _) = with_experiment("10.000");
    assert!(experiment(&chat).is_some());
    let list = chat.say("/wijzig");
    let n = list
        .lines()
        .find(|l| l.contains("A/B-experiment"))
        .and_then(|l| l.trim_start().split('.').next().map(str::to_string))
        .expect("the experiment answer is listed");
    chat.say(&format!("/wijzig {n}"));
    chat.say("nee");
    assert_eq!(experiment(&chat), None);
}

#[test]
fn negative_counts_are_refused_in_progress_and_at_the_evaluation() {
    let (mut chat, _) = with_experiment("10.000");
    let out = chat.say("/doel voortgang 1 -1200 60 1180 85");
    assert!(out.contains("nooit negatief (-1200)"), "{out}");
    assert!(out.contains("vier hele getallen"), "{out}");
    assert!(experiment(&chat).and_then(|e| e.interim).is_none());
    chat.say("nee"); // no second goal
    let out = chat.say("/evalueer 1");
    assert!(out.contains("variant A"), "{out}");
    let out = chat.say("-10 1");
    assert!(out.contains("nooit negatief (-10)"), "{out}");
    assert!(out.contains("variant A"), "asked again: {out}");
    assert_eq!(experiment(&chat).and_then(|e| e.final_a), None);
    let out = chat.say("10 1");
    assert!(out.contains("variant B"), "{out}");
    assert_eq!(
        experiment(&chat).and_then(|e| e.final_a),
        Some(Counts::new(10, 1))
    );
}
