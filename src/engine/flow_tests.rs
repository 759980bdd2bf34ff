//! Tests of flow.rs.

use super::*;

fn flow() -> Flow {
    Flow::builtin().expect("builtin flow compiles")
}

#[test]
fn builtin_flow_has_four_steps_in_order() {
    let f = flow();
    assert_eq!(f.steps, ["question", "data", "action", "implementation"]);
    assert!(f.ops.iter().filter(|o| o.is_question()).count() > 40);
}

#[test]
fn keys_round_trip_with_nested_groups() {
    let f = flow();
    let op = f
        .find("action.action.goal.owner")
        .expect("goal owner exists");
    let pos = Pos {
        op,
        iters: vec![2, 3],
    };
    let key = f.key(&pos);
    assert_eq!(key, "action.action#2.goal#3.owner");
    assert_eq!(f.parse_key(&key), Some(pos));
}

#[test]
fn bad_keys_are_rejected() {
    let f = flow();
    for key in [
        "",
        "nope",
        "data.source.origin",
        "data.source#0.origin",
        "data.source#x.origin",
        "question.focus#1",
        "data.source#1#2.origin",
    ] {
        assert_eq!(f.parse_key(key), None, "{key}");
    }
}

#[test]
fn order_puts_group_rounds_before_later_items() {
    let f = flow();
    let name = f.find("data.source.name").expect("exists");
    let next = f.find("data.source.origin").expect("exists");
    let after = f.find("action.intro").expect("exists");
    let a = f.order(&Pos {
        op: next,
        iters: vec![1],
    });
    let b = f.order(&Pos {
        op: name,
        iters: vec![2],
    });
    let c = f.order(&Pos {
        op: after,
        iters: vec![],
    });
    assert!(a < b && b < c);
}

#[test]
fn conditions_resolve_siblings_and_owner_followups() {
    let f = flow();
    let why = &f.ops[f
        .ops
        .iter()
        .position(|o| o.path == "question.why")
        .expect("why")];
    assert_eq!(
        why.when,
        Some(Cond {
            path: "question.why_offer".into(),
            value: "yes".into(),
            negated: false
        })
    );
    let owner = f.find("implementation.ethics.owner").expect("owner op");
    assert_eq!(f.ops[owner].kind, OpKind::Owner);
}

#[test]
fn invalid_flows_are_refused() {
    let cases = [
        "[[step]]\nid='a'\n[[step.item]]\nid='x'\nkind='weird'\n",
        "[[step]]\nid='a'\n[[step.item]]\nid='x'\nkind='text'\nwhen='y=1'\n",
        "[[step]]\nid='a'\n[[step.item]]\nid='x'\nkind='choice'\noptions=['one']\n",
        "[[step]]\nid='a'\n[[step.item]]\nid='x'\nkind='text'\n[[step.item]]\nid='x'\nkind='text'\n",
        "[[step]]\nid='a'\n[[step.item]]\nid='x'\nkind='compute'\ncompute='nope'\n",
        "[[step]]\nid='a'\n[[step.item]]\nid='X'\nkind='text'\n",
    ];
    for src in cases {
        assert!(Flow::parse(src).is_err(), "{src}");
    }
}
