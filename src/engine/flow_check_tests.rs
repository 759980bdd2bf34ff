//! Tests of the checks made when a flow is loaded: roles (`flow_roles.rs`) and the siblings each
//! computation declares (`flow_needs.rs`). Each edits the shipped flow.toml the way a careless
//! rename would and expects start-up to refuse it with a message naming the item and its user.

use super::*;

/// The shipped flow with `from` replaced by `to` (which must occur).
fn edited(from: &str, to: &str) -> String {
    edited_all(&[(from, to)])
}

/// The shipped flow with each `from` replaced by its `to` (each must occur).
fn edited_all(edits: &[(&str, &str)]) -> String {
    let mut src = FLOW_TOML.to_string();
    for (from, to) in edits {
        assert!(src.contains(from), "flow.toml no longer has {from:?}");
        src = src.replacen(from, to, 1);
    }
    src
}

/// The load error of the edited flow, with its context.
fn refused(from: &str, to: &str) -> String {
    refused_all(&[(from, to)])
}

/// The load error of the flow with all `edits`, with its context.
fn refused_all(edits: &[(&str, &str)]) -> String {
    match Flow::parse(&edited_all(edits)) {
        Ok(_) => panic!("a flow with {edits:?} was accepted"),
        Err(e) => format!("{e:#}"),
    }
}

fn assert_mentions(err: &str, parts: &[&str]) {
    for part in parts {
        assert!(err.contains(part), "{err:?} does not mention {part:?}");
    }
}

#[test]
fn the_builtin_flow_resolves_every_role() {
    let f = Flow::builtin().expect("builtin flow compiles");
    let path = |role| f.ops[f.by_role(role)].path.as_str();
    assert_eq!(path(Role::Focus), "question.focus");
    assert_eq!(path(Role::SourceGroup), "data.source");
    assert!(matches!(
        f.ops[f.by_role(Role::GoalGroup)].kind,
        OpKind::GroupEnd { .. }
    ));
    assert_eq!(f.all_by_role(Role::LevelQuestion).len(), 7);
    assert_eq!(f.role_pos(Role::Readiness).iters, Vec::<u32>::new());
    for role in [
        Role::StatementScore,
        Role::LevelResult,
        Role::SourceSummary,
        Role::Readiness,
    ] {
        assert!(f.in_status(role), "{role:?}");
    }
    assert!(!f.in_status(Role::Level));
}

#[test]
fn renaming_an_item_with_a_role_keeps_the_engine_finding_it() {
    let f = Flow::parse(&edited("id = \"focus\"", "id = \"focus_area\"")).expect("still loads");
    assert_eq!(f.ops[f.by_role(Role::Focus)].path, "question.focus_area");
    let f = Flow::parse(&edited("id = \"source\"", "id = \"bron\"")).expect("still loads");
    assert_eq!(f.ops[f.by_role(Role::SourceName)].path, "data.bron.name");
}

#[test]
fn a_missing_role_is_refused_naming_the_role_and_who_needs_it() {
    let err = refused("role = \"focus\"\n", "");
    assert_mentions(&err, &["no item with role \"focus\"", "statement score"]);
    let err = refused("role = \"goal_group\"\n", "");
    assert_mentions(&err, &["role \"goal_group\"", "goal entry"]);
}

#[test]
fn a_misspelt_role_is_refused_naming_the_item() {
    let err = refused("role = \"focus\"", "role = \"fokus\"");
    assert_mentions(&err, &["question.focus", "unknown role \"fokus\""]);
}

#[test]
fn a_role_given_twice_is_refused_naming_both_items() {
    let err = refused(
        "id = \"measure\"\nkind = \"text\"\n",
        "id = \"measure\"\nkind = \"text\"\nrole = \"statement\"\n",
    );
    assert_mentions(
        &err,
        &["question.measure", "question.statement", "only one"],
    );
}

#[test]
fn a_role_on_the_wrong_kind_of_item_is_refused() {
    let err = refused(
        "kind = \"text\"\nrole = \"statement\"",
        "kind = \"yesno\"\nrole = \"statement\"",
    );
    assert_mentions(&err, &["question.statement", "must be a text question"]);
}

#[test]
fn a_role_in_the_wrong_place_is_refused() {
    // A new question before the source name: a new round would no longer start at its start.
    let err = refused(
        "[[step.item.item]]\nid = \"name\"",
        "[[step.item.item]]\nid = \"note\"\nkind = \"text\"\n\n[[step.item.item]]\nid = \"name\"",
    );
    assert_mentions(
        &err,
        &["data.source.name", "first item", "\"source_group\""],
    );
    // The statement inside the why group: its key would carry a round.
    let err = refused_all(&[
        ("role = \"statement\"\n", ""),
        (
            "id = \"answer\"\nkind = \"text\"\n",
            "id = \"answer\"\nkind = \"text\"\nrole = \"statement\"\n",
        ),
    ]);
    assert_mentions(&err, &["question.why.answer", "outside every group"]);
    // The action text outside the action group: a goal would not know its action.
    let err = refused_all(&[
        ("role = \"action_text\"\n", ""),
        (
            "id = \"measure\"\nkind = \"text\"\n",
            "id = \"measure\"\nkind = \"text\"\nrole = \"action_text\"\n",
        ),
    ]);
    assert_mentions(&err, &["question.measure", "holds the goal_group"]);
    // A goal group of its own in step 4, outside any action.
    let err = refused_all(&[
        ("role = \"goal_group\"\n", ""),
        (
            "[[step.item]]\nid = \"readiness\"",
            "[[step.item]]\nid = \"goals\"\nkind = \"group\"\nrepeat = \"more\"\n\
             role = \"goal_group\"\n\n[[step.item.item]]\nid = \"text\"\nkind = \"text\"\n\n\
             [[step.item]]\nid = \"readiness\"",
        ),
    ]);
    assert_mentions(&err, &["implementation.goals", "inside exactly one group"]);
    // A source summary outside the source group.
    let err = refused_all(&[
        ("role = \"source_summary\"\nstatus = true\n", ""),
        (
            "[[step.item]]\nid = \"sources_intro\"",
            "[[step.item]]\nid = \"overview\"\nkind = \"compute\"\ncompute = \"source_summary\"\n\
             role = \"source_summary\"\n\n[[step.item]]\nid = \"sources_intro\"",
        ),
    ]);
    assert_mentions(
        &err,
        &["data.overview", "directly inside the group with role"],
    );
}

#[test]
fn a_level_question_after_the_level_is_refused() {
    let err = refused(
        "id = \"embedded\"\nkind = \"yesno\"\n",
        "id = \"embedded\"\nkind = \"yesno\"\nrole = \"level_question\"\n",
    );
    assert_mentions(&err, &["data.embedded", "must come before data.level"]);
}

#[test]
fn status_on_an_item_status_cannot_show_is_refused() {
    let err = refused("role = \"focus\"\n", "role = \"focus\"\nstatus = true\n");
    assert_mentions(&err, &["question.focus", "status = true"]);
}

#[test]
fn a_compute_whose_declared_sibling_was_renamed_is_refused() {
    let err = refused("id = \"embedded\"", "id = \"embedded_check\"");
    assert_mentions(
        &err,
        &[
            "data.level_final",
            "\"experience_level_final\"",
            "needs the item data.embedded",
        ],
    );
    let err = refused("id = \"usable\"", "id = \"bruikbaar\"");
    assert_mentions(
        &err,
        &["data.source.summary", "needs the item data.source.usable"],
    );
    let err = refused("id = \"baseline\"", "id = \"nulmeting\"");
    assert_mentions(
        &err,
        &[
            // The first computation that reads it: the SMART check counts a known baseline.
            "action.action.goal.smart",
            "needs the item action.action.goal.baseline",
        ],
    );
}

#[test]
fn a_goal_group_that_does_not_start_with_its_text_is_refused() {
    let err = refused(
        "[[step.item.item.item]]\nid = \"text\"",
        "[[step.item.item.item]]\nid = \"why\"\nkind = \"text\"\n\n[[step.item.item.item]]\nid = \"text\"",
    );
    assert_mentions(
        &err,
        &[
            "action.action.goal",
            "goal_group",
            "action.action.goal.text as its first item",
        ],
    );
}

#[test]
fn a_compute_outside_its_group_is_refused() {
    let err = refused(
        "[[step.item]]\nid = \"sources_intro\"",
        "[[step.item]]\nid = \"overview\"\nkind = \"compute\"\ncompute = \"source_summary\"\n\n\
         [[step.item]]\nid = \"sources_intro\"",
    );
    assert_mentions(
        &err,
        &[
            "data.overview",
            "directly in the group with role \"source_group\"",
        ],
    );
}

#[test]
fn reading_an_undeclared_sibling_is_an_error() {
    let f = Flow::builtin().expect("builtin flow compiles");
    let level_final = f.by_role(Role::LevelResult);
    assert!(f.sibling(level_final, Sibling::Embedded).is_ok());
    let err = format!(
        "{:#}",
        f.sibling(level_final, Sibling::Name)
            .expect_err("not declared")
    );
    assert_mentions(&err, &["data.level_final", "\"name\""]);
}

#[test]
fn every_compute_text_is_a_required_text_key() {
    let f = Flow::builtin().expect("builtin flow compiles");
    let keys = f.text_keys();
    for op in &f.ops {
        if let OpKind::Compute(c) = op.kind {
            for t in c.texts() {
                assert!(
                    keys.contains(&format!("{}.{t}", op.path)),
                    "{} {t}",
                    op.path
                );
            }
        }
    }
    assert!(keys.contains("implementation.readiness.no_owner"));
}
