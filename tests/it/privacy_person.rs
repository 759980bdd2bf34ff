//! End-to-end: what a person can do about their own data, through the real binary — the
//! notice with a first answer, `/mijndata` printed in the terminal, `koers admin
//! export-person` (the same JSON, read-only) and `koers admin forget-person` anonymising or
//! deleting, after which the team's chat, `/status` and `koers export` go on.

use std::process::Output;

use serde_json::Value;

use crate::common::text;
use crate::common::{Chat, Sandbox, WALK, script};
use crate::export_cli::export;

/// `koers admin …` with `args` on the sandbox's database, without `KOERS_*` variables.
fn admin(sandbox: &Sandbox, args: &[&str]) -> Output {
    let db = sandbox.db_path().display().to_string();
    sandbox.koers(&[&["admin"], args, &["--db", db.as_str()]].concat())
}

fn export_person(sandbox: &Sandbox, id: &str) -> Value {
    let out = admin(
        sandbox,
        &["export-person", "--platform", "terminal", "--id", id],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("export-person prints JSON")
}

fn values(data: &Value, team: usize) -> Vec<&str> {
    data["teams"][team]["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["value"].as_str().unwrap_or(""))
        .collect()
}

/// A chat of `user` in `team` with `lines`, which must end well; its output.
fn chat(sandbox: &Sandbox, team: &str, user: &str, lines: &str) -> String {
    let run = sandbox.run(&Chat::new(team, user), lines);
    run.assert_success();
    run.stdout.clone()
}

#[test]
fn mijndata_prints_one_persons_json_and_export_person_gives_the_same_rows() {
    let sandbox = Sandbox::new();
    let first = chat(&sandbox, "een", "bea", "marketing\nJong publiek\n");
    assert_eq!(
        first.matches("bea: koers bewaart").count(),
        1,
        "the notice comes once: {first}"
    );
    chat(&sandbox, "twee", "ann", "strategie\n");
    let own = chat(&sandbox, "twee", "bea", "Ouderen in de stad\n/mijndata\n");
    let json = &own[own.find("{\n").expect("JSON in the output")..];
    let json = &json[..=json.find("\n}").expect("the JSON's end") + 1];
    let chat_data: Value = serde_json::from_str(json).expect("/mijndata's JSON");
    assert_eq!(chat_data["schema"], "koers-person/1");

    let data = export_person(&sandbox, "bea");
    assert_eq!(data["id"], "bea");
    assert_eq!(data["teams"].as_array().map(Vec::len), Some(2));
    assert_eq!(values(&data, 0), ["marketing", "Jong publiek"]);
    assert_eq!(values(&data, 1), ["Ouderen in de stad"]);
    assert_eq!(
        data["teams"], chat_data["teams"],
        "the chat and the operator see the same"
    );
    let all = data.to_string();
    assert!(
        !all.contains("strategy") && !all.contains("\"ann\""),
        "{all}"
    );
}

#[test]
fn forget_person_delete_reopens_the_question_and_the_team_goes_on() {
    let sandbox = Sandbox::new();
    chat(&sandbox, "team", "ann", &script(&WALK[..1]));
    chat(&sandbox, "team", "bea", &script(&WALK[1..2]));
    chat(&sandbox, "team", "ann", &script(&WALK[2..]));
    let db = sandbox.database();
    let goals_before = sandbox.goals("team").len();
    let pending = |r: &Vec<(i64, String, i64, String, String)>| r.len();
    let reminders_before = pending(&sandbox.reminders("team"));
    assert_eq!(db.team("terminal", "team").expect("team").cursor, None);

    let out = admin(
        &sandbox,
        &[
            "forget-person",
            "--platform",
            "terminal",
            "--id",
            "bea",
            "--mode",
            "delete",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("1 answer(s) deleted"), "{said}");
    assert!(said.contains("open again: question.important"), "{said}");
    assert_eq!(sandbox.answer("team", 1, "question.important"), None);
    assert_eq!(
        sandbox
            .answer("team", 1, "question.focus")
            .expect("kept")
            .user,
        "ann"
    );
    assert_eq!(
        db.team("terminal", "team").expect("team").cursor.as_deref(),
        Some("question.important"),
        "the team's position is the reopened question"
    );
    assert_eq!(sandbox.goals("team").len(), goals_before);
    assert_eq!(pending(&sandbox.reminders("team")), reminders_before);
    assert!(
        export_person(&sandbox, "bea")["teams"]
            .as_array()
            .expect("teams")
            .is_empty()
    );

    let back = chat(&sandbox, "team", "ann", "/status\nJong publiek\n");
    assert!(back.contains("weer open"), "the team is told: {back}");
    assert_eq!(db.team("terminal", "team").expect("team").cursor, None);
    let json = export(
        &sandbox,
        &[
            "--team",
            "team",
            "--format",
            "json",
            "--db",
            &sandbox.db_path().display().to_string(),
        ],
    );
    assert!(json.status.success(), "{}", text(&json.stderr));
}

#[test]
fn forget_person_anonymise_keeps_the_answers_under_a_pseudonym() {
    let sandbox = Sandbox::new();
    chat(&sandbox, "team", "bea", "marketing\nJong publiek\n");
    let out = admin(
        &sandbox,
        &[
            "forget-person",
            "--platform",
            "terminal",
            "--id",
            "bea",
            "--mode",
            "anonymise",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("\"oud-lid 1\""),
        "{}",
        text(&out.stdout)
    );
    let row = sandbox
        .answer("team", 1, "question.important")
        .expect("kept");
    assert_eq!(
        (row.user.as_str(), row.value.as_deref()),
        ("oud-lid 1", Some("Jong publiek"))
    );
    let again = admin(
        &sandbox,
        &[
            "forget-person",
            "--platform",
            "terminal",
            "--id",
            "bea",
            "--mode",
            "delete",
        ],
    );
    assert!(
        text(&again.stdout).contains("nothing is kept"),
        "{}",
        text(&again.stdout)
    );
    let status = chat(&sandbox, "team", "ann", "/status\n");
    assert!(status.contains("Status van team"), "{status}");
}
