//! End-to-end: the real binary with its database capped (`store_max_page_count`, `SQLite`'s
//! `max_page_count`; a tmpfs would need root to mount). Once the database is full an answer is
//! refused with "Kon niet opslaan, probeer het opnieuw", the question stays open, the file
//! passes `integrity_check` with every earlier answer in it, and the same answer is taken once
//! the cap is lifted. (That it is taken without a restart is `engine::tests_full`; the binary
//! reads its cap at start.)

use crate::common::{Chat, Sandbox, WALK};

const FULL: &str = "Kon niet opslaan, probeer het opnieuw";

/// A long free-text answer, different for each `n`.
fn long_answer(n: usize) -> String {
    (0..180).map(|i| format!("woord{n}x{i} ")).collect()
}

fn cap(sandbox: &Sandbox, pages: Option<u64>) {
    let path = sandbox.db_path().with_file_name("config.toml");
    match pages {
        Some(pages) => std::fs::write(&path, format!("store_max_page_count = {pages}\n")),
        None => std::fs::remove_file(&path),
    }
    .expect("write the config");
}

#[test]
fn a_full_database_refuses_the_answer_keeps_the_rest_and_takes_it_when_there_is_room() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("team", "ann");
    let first: String = WALK[..2].iter().map(|l| format!("{}\n", l.input)).collect();
    sandbox.run(&chat, first).assert_success();
    let kept = sandbox.answers("team", 1);
    assert_eq!(kept.len(), 2, "{kept:?}");
    let pages = sandbox.database().read(|s| s.get_page_count()).max(1);

    // No page more than the file has: long answers fill it within a few questions.
    cap(&sandbox, Some(pages));
    let mut s = sandbox.spawn(&chat);
    let mut refused = None;
    for (n, line) in WALK.iter().enumerate().skip(2).take(6) {
        let answer = long_answer(n);
        s.send_line(&answer);
        let (found, _) = s.read_until_any(&[FULL, line.next]);
        if found == 0 {
            refused = Some((line.key, answer));
            break;
        }
    }
    s.finish().assert_success();
    let (key, answer) = refused.expect("the capped database filled up and refused an answer");
    let database = sandbox.database();
    assert_eq!(database.integrity(), ["ok"]);
    assert_eq!(
        sandbox.answer("team", 1, key),
        None,
        "a refused answer is not kept"
    );
    let now = sandbox.answers("team", 1);
    assert!(kept.iter().all(|a| now.contains(a)), "earlier answers kept");
    assert_eq!(
        database
            .team("terminal", "team")
            .and_then(|t| t.cursor)
            .as_deref(),
        Some(key),
        "the question stays open"
    );

    // Room again: the same answer goes through.
    cap(&sandbox, None);
    let out = sandbox.run(&chat, format!("{answer}\n"));
    out.assert_success();
    assert!(!out.stdout.contains(FULL), "{}", out.stdout);
    let stored = sandbox
        .answer("team", 1, key)
        .expect("the answer is stored");
    assert_eq!(stored.value.as_deref(), Some(answer.trim()));
    assert_eq!(sandbox.database().integrity(), ["ok"]);
}
