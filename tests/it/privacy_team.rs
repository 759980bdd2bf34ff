//! End-to-end, the team's side of privacy through the real binary: `/verwijder team` in
//! `koers chat` (the chat ends, the next one starts afresh), `koers admin delete-team` (the
//! counts it prints, the other team untouched, its errors) and retention at the start of
//! `koers chat` (a warning shown at the next start, a silent team deleted).

use std::process::Output;

use crate::common::{Chat, Database, Sandbox, WALK, script, text};

/// `koers admin delete-team` with `args`, in the sandbox's folder, without `KOERS_*` variables.
fn admin(sandbox: &Sandbox, args: &[&str]) -> Output {
    let db = sandbox.db_path().display().to_string();
    sandbox.koers(&[&["admin", "delete-team", "--db", db.as_str()], args].concat())
}

/// The count `koers admin delete-team` printed for `kind`.
fn count(out: &str, kind: &str) -> usize {
    out.lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{kind}: ")))
        .unwrap_or_else(|| panic!("no {kind} line in:\n{out}"))
        .parse()
        .expect("a number")
}

/// A moment `days` after the harness' start, as `--now` takes it.
fn days_after_start(days: i64) -> String {
    let start: jiff::Timestamp = crate::common::NOW.parse().expect("NOW");
    (start + jiff::SignedDuration::from_hours(24 * days)).to_string()
}

fn chat_at(team: &str, days: i64) -> Chat {
    Chat {
        now: Some(days_after_start(days)),
        ..Chat::new(team, "ann")
    }
}

#[test]
fn admin_delete_team_prints_what_it_removed_and_leaves_the_other_team() {
    let sandbox = Sandbox::new();
    sandbox
        .run(&Chat::new("a", "ann"), script(WALK))
        .assert_success();
    sandbox
        .run(&Chat::new("b", "bob"), script(&WALK[..5]))
        .assert_success();
    let db = Database::at(sandbox.db_path());
    let b_before = db.answers("terminal", "b", 1);
    let a_answers = db.answers("terminal", "a", 1).len();
    let a_goals = db.goals("terminal", "a").len();

    let out = admin(&sandbox, &["--team", "a"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert_eq!(count(&printed, "answers"), a_answers, "{printed}");
    assert!(a_goals > 0);
    assert_eq!(
        count(&printed, "goals") + count(&printed, "readiness_actions"),
        a_goals,
        "{printed}"
    );
    assert!(count(&printed, "reminders") > 0, "{printed}");
    assert_eq!(count(&printed, "teams"), 1);
    assert!(db.team("terminal", "a").is_none(), "team a is gone");
    assert!(db.answers("terminal", "a", 1).is_empty());
    assert!(db.reminders("terminal", "a").is_empty());
    assert_eq!(
        db.answers("terminal", "b", 1),
        b_before,
        "team b is untouched"
    );

    let again = admin(&sandbox, &["--team", "a"]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("no team"),
        "{}",
        text(&again.stderr)
    );

    let by_id = admin(&sandbox, &["--platform-id", "b", "--platform", "terminal"]);
    assert!(by_id.status.success(), "{}", text(&by_id.stderr));
    assert!(db.teams().is_empty(), "{:?}", db.teams());

    let missing = Sandbox::new();
    let out = admin(&missing, &["--team", "a"]);
    assert!(!out.status.success());
    assert!(!missing.db_path().exists(), "no empty database is made");
}

#[test]
fn deleting_the_team_in_the_chat_ends_the_chat_and_the_next_one_starts_afresh() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("t", "ann");
    let mut session = sandbox.spawn(&chat);
    session.answer(WALK[0].input, WALK[0].next);
    session.send_line("/verwijder team");
    let asked = session.read_until(" om door te gaan.");
    let (_, after) = asked.split_once("/verwijder team ").expect("a code");
    let code: String = after
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    session.send_line(format!("/verwijder team {code}"));
    // A line after the farewell: a chat still running would answer it (as a new team).
    session.send_line("/status");
    let done = session.finish();
    done.assert_success();
    let (_, tail) = done
        .stdout
        .split_once("Team t is verwijderd")
        .expect("the farewell");
    assert!(!tail.contains("Hoi t!"), "the chat went on:\n{tail}");
    assert!(!tail.contains("Status"), "the chat went on:\n{tail}");
    let db = Database::at(sandbox.db_path());
    assert!(db.team("terminal", "t").is_none());

    let next = sandbox.run(&chat, "");
    next.assert_success();
    assert!(next.stdout.contains("Hoi t!"), "{}", next.stdout);
    assert!(db.answers("terminal", "t", 1).is_empty(), "a fresh team");
}

#[test]
fn a_silent_terminal_team_is_warned_at_its_next_start_and_otherwise_deleted() {
    let sandbox = Sandbox::new();
    sandbox
        .run(&Chat::new("back", "ann"), script(&WALK[..3]))
        .assert_success();
    sandbox
        .run(&Chat::new("gone", "ann"), script(&WALK[..3]))
        .assert_success();
    // 720 days on (the default retention is 730): "back" comes back and is told.
    let back = sandbox.run(&chat_at("back", 720), "");
    back.assert_success();
    assert!(
        back.stdout.contains("Let op: koers had sinds"),
        "{}",
        back.stdout
    );
    let db = Database::at(sandbox.db_path());
    assert!(db.team("terminal", "gone").is_some(), "warned, not deleted");
    let kept = db.answers("terminal", "back", 1).len();
    assert!(kept >= 3);
    // Past the retention and two weeks after its warning, "gone" goes; "back" spoke since.
    sandbox.run(&chat_at("other", 735), "").assert_success();
    assert!(db.team("terminal", "gone").is_none(), "{:?}", db.teams());
    assert!(db.team("terminal", "back").is_some());
    assert_eq!(
        db.answers("terminal", "back", 1).len(),
        kept,
        "the team that came back keeps its answers"
    );
}
