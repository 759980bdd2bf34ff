//! `docs/person-json.md` agrees with the model of a person's data: every field written is
//! documented, and every documented field is written.

use super::person_data::PersonData;

/// Every path of a JSON value, lists as `[]`.
fn paths(v: &serde_json::Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.insert(path.clone());
                paths(v, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items.iter().filter(|v| v.is_object()) {
                paths(v, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_person_json_documentation_lists_every_field_and_no_other() {
    use super::person_data::{DataAnswer, DataEvaluation, DataGoal, DataGoalChange, PersonTeam};
    let answer = DataAnswer {
        round: 1,
        key: "question.focus".into(),
        value: Some("marketing".into()),
        name: "Jan".into(),
        answered_at: "t".into(),
        replaced_at: None,
    };
    let goal = DataGoal {
        number: 1,
        round: 1,
        kind: "goal".into(),
        text: "g".into(),
        owner: None,
        deadline: None,
        status: "open".into(),
        entered_by: "Jan".into(),
        entered_at: "t".into(),
        experiment: None,
    };
    let data = PersonData {
        schema: super::person_data::PERSON_SCHEMA.into(),
        platform: "test".into(),
        id: "u".into(),
        exported_at: "t".into(),
        direct_room: None,
        teams: vec![PersonTeam {
            team: "t".into(),
            name: "t".into(),
            notice_shown_at: None,
            answers: vec![answer.clone()],
            earlier_versions: vec![DataAnswer {
                replaced_at: Some("t".into()),
                ..answer
            }],
            goals_entered: vec![goal.clone()],
            goals_owned: vec![goal],
            goal_changes: vec![DataGoalChange {
                goal: 1,
                field: "current".into(),
                old: None,
                new: None,
                reason: None,
                name: "Jan".into(),
                changed_at: "t".into(),
            }],
            evaluations: vec![DataEvaluation {
                goal: 1,
                result: None,
                value: None,
                effects: None,
                change: None,
                data_need: None,
                outcome: None,
                name: None,
                started_at: "t".into(),
                finished_at: None,
            }],
        }],
    };
    let mut written = std::collections::BTreeSet::new();
    paths(
        &serde_json::to_value(&data).expect("json"),
        "",
        &mut written,
    );
    let documented: std::collections::BTreeSet<String> = include_str!("../../docs/person-json.md")
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(path, _)| path.to_string()))
        .collect();
    assert!(documented.len() > 40, "the table was read: {documented:?}");
    let undocumented: Vec<_> = written.difference(&documented).collect();
    assert!(undocumented.is_empty(), "not in the docs: {undocumented:?}");
    let unwritten: Vec<_> = documented.difference(&written).collect();
    assert!(
        unwritten.is_empty(),
        "documented but not written: {unwritten:?}"
    );
}
