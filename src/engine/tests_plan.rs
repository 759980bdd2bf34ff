//! Engine tests of the plan as data (`plan.rs`, `plan_build.rs`): a full walk with an A/B
//! experiment counted and evaluated and a second round begun, read as JSON; its values, and
//! its agreement with `docs/export-json.md`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::tests::{Chat, WALK};
use super::{Body, Incoming, TeamKey};

const GOAL: &str =
    "Het aantal kaartjes dat via de nieuwsbrief wordt gekocht met 25% verhogen vóór 1 januari 2027";

/// The full walk with goal 1 an experiment (5% against 6,5%, 3780 per variant), a source with
/// a hygiene issue, interim counts, the evaluation at `/evalueer` with its final counts, and a
/// second round begun with what changed.
pub(super) fn walked() -> Chat {
    let mut chat = Chat::new();
    let mut steps = WALK.iter();
    for (key, answer) in steps.by_ref() {
        if *key == "action.action#1.goal#1.text" {
            break;
        }
        // A source that is not current has a hygiene issue.
        chat.say(if *key == "data.source#1.current" {
            "nee"
        } else {
            answer
        });
    }
    for answer in [
        GOAL,
        "Sanne",
        "ja",
        "120",
        "150",
        "ja",
        "huidige nieuwsbrief",
        "nieuwsbrief met video",
        "5%",
        "6,5 procent",
        "10.000",
        // A second goal, without an experiment, that gets a reported value.
        "ja",
        "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór juni 2027",
        "Piet",
        "ja",
        "100",
        "120",
        "nee",
        "nee",
    ] {
        chat.say(answer);
    }
    let rest = steps.skip_while(|(key, _)| *key != "action.action#1");
    for (_, answer) in rest {
        chat.say(answer);
    }
    assert_eq!(chat.cursor(), None, "the walk ends the round");
    chat.say("/doel voortgang 2 110");
    chat.say("/doel voortgang 1 1200 60 1180 85");
    chat.say("/evalueer 1");
    chat.say("2400 120");
    chat.say("2400 155");
    // The rest of the evaluation, as for every goal: achieved.
    for answer in ["ja", "Meer kaartjes", "Vaker video", "nee", "nee"] {
        chat.say(answer);
    }
    chat.say("/nieuw");
    chat.say("We weten nu dat video werkt");
    chat
}

fn plan_json(chat: &Chat) -> Value {
    let plan = chat
        .engine
        .plan(&chat.db, chat.team.clone())
        .expect("plan")
        .expect("known team");
    serde_json::to_value(&plan).expect("json")
}

/// Every key path of a JSON value, lists as `[]` (`rounds[].steps[].id`).
fn paths(value: &Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                out.insert(path.clone());
                paths(v, &path, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                paths(v, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

/// The paths `docs/export-json.md` documents: the first cell of each row of its table.
fn documented() -> BTreeSet<String> {
    include_str!("../../docs/export-json.md")
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(path, _)| path.to_string()))
        .collect()
}

#[test]
fn the_documentation_lists_every_field_and_every_field_it_lists_is_written() {
    let json = plan_json(&walked());
    let mut written = BTreeSet::new();
    paths(&json, "", &mut written);
    let doc = documented();
    assert!(doc.len() > 50, "the table was read: {doc:?}");
    let undocumented: Vec<_> = written.difference(&doc).collect();
    assert!(undocumented.is_empty(), "not in the docs: {undocumented:?}");
    let unwritten: Vec<_> = doc.difference(&written).collect();
    assert!(
        unwritten.is_empty(),
        "documented but not written: {unwritten:?}"
    );
}

#[test]
fn a_full_walk_reads_as_numbers_statuses_and_the_experiment() {
    let json = plan_json(&walked());
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["team"]["language"], "nl");
    assert_eq!(json["team"]["platform"], "test");
    assert_eq!(json["current_round"], 2);
    let rounds = json["rounds"].as_array().expect("rounds");
    assert_eq!(rounds.len(), 2);
    let first = &rounds[0];
    let steps: Vec<(&str, u64, u64)> = first["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().expect("id"),
                s["answered"].as_u64().expect("answered"),
                s["total"].as_u64().expect("total"),
            )
        })
        .collect();
    let ids: Vec<&str> = steps.iter().map(|s| s.0).collect();
    assert_eq!(ids, ["question", "data", "action", "implementation"]);
    // Round 1 was walked to its end: every question it asked was answered, and none that a
    // condition passed by (the waarom rounds, the fourth-action check) counts.
    for (id, answered, total) in &steps {
        assert!(
            *answered > 0 && answered == total,
            "{id}: {answered}/{total}"
        );
    }
    // Round 2 stands at its second question: step 1 is not done, step 3 not begun.
    let second = &rounds[1]["steps"];
    assert!(second[0]["answered"].as_u64() < second[0]["total"].as_u64());
    assert_eq!(second[2]["answered"], 0);
    assert_eq!(first["statement"]["score"], 5);
    assert_eq!(first["statement"]["max"], 5);
    assert_eq!(first["level"]["id"], "startend");
    assert_eq!(first["sources"][0]["name"], "Ticketing");
    assert_eq!(first["sources"][0]["hygiene_ok"], false);
    assert_eq!(first["sources"][0]["hygiene_issues"][0]["id"], "current");
    assert_eq!(first["readiness"]["met"], 10);
    assert_eq!(first["readiness"]["total"], 12);
    let open = &first["readiness"]["open"];
    assert_eq!(open[0]["key"], "implementation.mandate");
    assert_eq!(open[0]["owner"], "Directie");
    assert_eq!(open[0]["date"], "2027-03-31");
    // "geen" date: no date, not the stored word.
    assert!(open[1].get("date").is_none(), "{}", open[1]);
    assert_eq!(first["policy"][2]["key"], "implementation.policy_needs");
    assert_eq!(rounds[1]["changed"], "We weten nu dat video werkt");
    let focus = &first["answers"][0];
    assert_eq!(focus["key"], "question.focus");
    assert_eq!(focus["value"], "marketing");
    assert_eq!(focus["by"], "ann");
    assert_eq!(focus["skipped"], false);

    let goal = &json["goals"][0];
    assert_eq!(goal["number"], 1);
    assert_eq!(goal["kind"], "goal");
    assert_eq!(goal["status"], "achieved");
    assert_eq!(goal["smart_score"], 5);
    assert_eq!(goal["baseline"], 120.0);
    assert_eq!(goal["target"], 150.0);
    assert_eq!(goal["deadline"], "2026-12-31");
    let exp = &goal["experiment"];
    assert_eq!(exp["per_group"], 3780);
    assert_eq!(exp["interim"]["b"]["converted"], 85);
    assert_eq!(exp["final_b"]["sent"], 2400);
    let result = &exp["result"];
    // statsmodels: z = 2.1738, p = 0.0297; Newcombe 0.00142 to 0.02783.
    let near = |v: &Value, want: f64| (v.as_f64().expect("number") - want).abs() < 1e-3;
    assert!(near(&result["p_value"], 0.0297), "{result}");
    assert!(near(&result["interval_low_pp"], 0.142), "{result}");
    assert!(near(&result["interval_high_pp"], 2.783), "{result}");
    assert!(near(&result["difference_pp"], 1.4583), "{result}");
    assert_eq!(result["test"], "z_test");
    assert_eq!(result["verdict"], "b_wins");
    assert_eq!(json["goals"][1]["current"], 110.0);
    assert_eq!(json["goals"][1]["status"], "open");
    assert!(json["goals"][1].get("experiment").is_none());
    let action = &json["goals"][2];
    assert_eq!(action["kind"], "readiness");
    assert_eq!(action["owner"], "Directie");
}

#[test]
fn no_platform_id_of_a_person_is_in_the_plan() {
    let chat = Chat::new();
    // Someone with a platform id unlike their name answers: only the name shows.
    let bea = crate::store::Person {
        id: "U0777888999".into(),
        name: "Bea".into(),
    };
    let said = |body: Body| {
        chat.engine
            .handle(
                &chat.db,
                Incoming {
                    team: chat.team.clone(),
                    person: bea.clone(),
                    role: super::Role::Manager,
                    body,
                },
            )
            .expect("handled")
    };
    said(Body::Text("marketing".into()));
    let json = serde_json::to_string(&plan_json(&chat)).expect("json");
    assert!(json.contains("\"by\":\"Bea\""), "{json}");
    assert!(!json.contains("U0777888999"), "{json}");
}

#[test]
fn export_json_in_the_chat_is_the_plan_and_export_stays_markdown() {
    let mut chat = walked();
    let md = chat.say("/export");
    assert!(md.starts_with('#'), "{md}");
    let said = chat.say("/exporteer json");
    let read: Value = serde_json::from_str(&said).expect("the reply is the JSON alone");
    assert_eq!(read, plan_json(&chat));
    let bad = chat.say("/export pdf");
    assert!(bad.contains("/export"), "{bad}");
}

#[test]
fn an_unknown_team_has_no_plan() {
    let chat = Chat::new();
    let other = TeamKey {
        platform: "test".into(),
        id: "nobody".into(),
        name: "nobody".into(),
    };
    assert_eq!(chat.engine.plan(&chat.db, other).expect("plan"), None);
}
