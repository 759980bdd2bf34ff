//! End-to-end: `koers export` on the database a real `koers chat` walk wrote — Markdown equal
//! to the chat's `/export`, JSON to a file, and the errors for a team or a database that is
//! not there. The picture and the HTML report: `export_picture.rs`.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::{Chat, GOAL_NL_DEADLINE, NOW, Sandbox, WALK, script, text};

/// `koers export` with `args`, in the sandbox's folder and without `KOERS_*` variables.
pub(crate) fn export(sandbox: &Sandbox, args: &[&str]) -> Output {
    sandbox.koers(&[&["export"], args].concat())
}

/// A finished walk of team "team"; the chat's `/export`.
pub(crate) fn walked(sandbox: &Sandbox) -> String {
    let run = sandbox.run(
        &Chat::new("team", "ann"),
        format!("{}/export\n", script(WALK)),
    );
    run.assert_success();
    run.export().trim_end().to_string()
}

pub(crate) fn db(sandbox: &Sandbox) -> String {
    sandbox.db_path().display().to_string()
}

#[test]
fn markdown_is_what_export_gives_in_the_chat() {
    let sandbox = Sandbox::new();
    let chat = walked(&sandbox);
    let db = db(&sandbox);
    let out = export(
        &sandbox,
        &[
            "--team", "team", "--db", &db, "--format", "md", "--now", NOW,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim_end(), chat);
}

#[test]
fn json_goes_to_the_file_with_the_walk_in_it() {
    let sandbox = Sandbox::new();
    walked(&sandbox);
    let before = std::fs::read(sandbox.db_path()).expect("database");
    let file = sandbox.db_path().with_file_name("plan.json");
    let (db, file_arg) = (db(&sandbox), file.display().to_string());
    let out = export(
        &sandbox,
        &[
            "--team",
            "team",
            "--platform",
            "terminal",
            "--db",
            &db,
            "--format",
            "json",
            "--out",
            &file_arg,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "written to the file, not stdout");
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("plan.json")).expect("json");
    assert_eq!(plan["schema_version"], 1);
    assert_eq!(plan["team"]["name"], "team");
    assert_eq!(plan["team"]["platform"], "terminal");
    let answers = plan["rounds"][0]["answers"].as_array().expect("answers");
    let focus = answers
        .iter()
        .find(|a| a["key"] == "question.focus")
        .expect("the first answer");
    assert_eq!(focus["by"], "ann");
    let goal = &plan["goals"][0];
    assert_eq!(goal["kind"], "goal");
    assert_eq!(goal["deadline"], GOAL_NL_DEADLINE);
    assert_eq!(goal["status"], "open");
    // Read-only: the file is as the chat left it.
    assert_eq!(std::fs::read(sandbox.db_path()).expect("database"), before);
}

#[test]
fn a_team_that_is_not_there_is_an_error_with_exit_code_1() {
    let sandbox = Sandbox::new();
    walked(&sandbox);
    let db = db(&sandbox);
    let out = export(
        &sandbox,
        &["--team", "anders", "--db", &db, "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("no team \"anders\""), "{err}");
    assert!(
        err.contains("team (terminal)"),
        "the teams there are named: {err}"
    );
    // On another platform the name is not found either.
    let out = export(
        &sandbox,
        &[
            "--team",
            "team",
            "--platform",
            "discord",
            "--db",
            &db,
            "--format",
            "md",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_database_that_does_not_exist_is_an_error_and_is_not_made() {
    let sandbox = Sandbox::new();
    let missing = sandbox.db_path().with_file_name("missing.sqlite");
    let arg = missing.display().to_string();
    let out = export(
        &sandbox,
        &["--team", "team", "--db", &arg, "--format", "md"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot open database"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !Path::new(&missing).exists(),
        "an export never creates a database"
    );
}

#[test]
fn only_md_json_html_and_png_are_formats() {
    let sandbox = Sandbox::new();
    let db = db(&sandbox);
    let out = export(
        &sandbox,
        &["--team", "team", "--db", &db, "--format", "pdf"],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("[possible values: md, json, html, png]"),
        "{}",
        text(&out.stderr)
    );
}

/// A Discord channel named like the terminal team: the name alone is ambiguous, `--platform`
/// (or the channel's id) chooses.
#[test]
fn platform_chooses_between_teams_of_the_same_name() {
    use std::sync::Arc;

    use koers::engine::{Body, Engine, Incoming, Role, Settings, SystemClock, TeamKey};
    use koers::store::{Db, Options, Person};

    let sandbox = Sandbox::new();
    walked(&sandbox);
    {
        let db = Db::open(&sandbox.db_path(), &Options::default()).expect("db");
        let engine =
            Arc::new(Engine::new(Box::new(SystemClock), Settings::default()).expect("engine"));
        let team = TeamKey {
            platform: "discord".into(),
            id: "1577030164267794441".into(),
            name: "team".into(),
        };
        engine
            .handle(
                &db,
                Incoming {
                    team,
                    person: Person::named("bea"),
                    role: Role::Manager,
                    body: Body::Start { lang: None },
                },
            )
            .expect("start");
    }
    let db = db(&sandbox);
    let out = export(
        &sandbox,
        &["--team", "team", "--db", &db, "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("--platform"), "{err}");
    for (args, platform) in [
        (vec!["--team", "team", "--platform", "discord"], "discord"),
        (vec!["--team", "team", "--platform", "terminal"], "terminal"),
        (vec!["--team", "1577030164267794441"], "discord"),
    ] {
        let mut all = args.clone();
        all.extend(["--db", &db, "--format", "json"]);
        let out = export(&sandbox, &all);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let plan: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(plan["team"]["platform"], platform, "{args:?}");
    }
}
