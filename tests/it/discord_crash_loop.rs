//! `koers run` against the Discord stand-in, ended between sending a reminder and recording it,
//! again and again: each restart posts the reminder again with the same nonce (and
//! `enforce_nonce`), so Discord shows the team one message, and the database ends with each
//! reminder sent and one send record.
//!
//! The moment "between send and record" is hit every time through a failpoint: in debug and
//! test builds `KOERS_FAILPOINT=reminder-delivered` ends the process (abort: no clean-up, like
//! SIGKILL) right after the platform took a reminder, before it is recorded
//! (`src/reminders/courier.rs`). Release builds do not read the variable.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

use crate::common::{Database, Sandbox};
use crate::standin::{Recorded, StandIn};
use koers::store::{Db, Options};

const TOKEN: &str = "Bot-crash-token";
const WAIT: Duration = Duration::from_secs(30);
const CHANNELS: [u64; 3] = [
    1_300_000_000_000_000_231,
    1_300_000_000_000_000_232,
    1_300_000_000_000_000_233,
];

fn start(db: &Path, standin: &StandIn, name: &str, failpoint: bool) -> Child {
    let dir = db.parent().expect("db folder");
    let mut cmd = standin.koers_run(db, &dir.join(format!("{name}.log")));
    if failpoint {
        cmd.env("KOERS_FAILPOINT", "reminder-delivered");
    }
    cmd.spawn().expect("start koers run")
}

async fn exited(child: &mut Child) -> Option<ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if let Some(status) = child.try_wait().expect("poll koers run") {
            return Some(status);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

fn posts(standin: &StandIn) -> Vec<Recorded> {
    standin
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.route().starts_with("/channels/"))
        .collect()
}

/// `(state, send records)` of each channel's reminder.
fn states(db: &Database) -> Vec<(String, i64)> {
    CHANNELS
        .iter()
        .map(|c| {
            let r = db.reminders("discord", &c.to_string());
            assert_eq!(r.len(), 1, "{r:#?}");
            (r[0].state.clone(), r[0].sends)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_crash_loop_between_send_and_record_shows_each_reminder_once() {
    let sandbox = Sandbox::new();
    let path = sandbox.db_path();
    {
        let db = Db::open(&path, &Options::default()).expect("open");
        let due = jiff::Timestamp::now().as_second() - 1;
        for (i, channel) in CHANNELS.into_iter().enumerate() {
            let key = format!("koers-g{}-r1-before", i + 1);
            db.run(move |s| {
                crate::discord_e2e::seed_reminder(s, channel, "team", "Meer studenten", due, &key)
                    .map(drop)
            })
            .expect("seed");
        }
    }
    let stored = Database::at(&path);
    let standin = StandIn::start(TOKEN);

    // Each run with the failpoint ends right after Discord took a reminder, before the record.
    let mut crashes = 0;
    while states(&stored).iter().any(|(s, _)| s == "pending") && crashes < 6 {
        let mut run = start(&path, &standin, &format!("crash{crashes}"), true);
        let status = exited(&mut run).await;
        let Some(status) = status else {
            // Nothing left to send: it serves on without reaching the failpoint.
            run.kill().expect("kill");
            run.wait().expect("wait");
            break;
        };
        assert_eq!(
            status.signal(),
            Some(6),
            "ended by the failpoint, not otherwise: {status}"
        );
        crashes += 1;
        assert!(
            states(&stored)
                .iter()
                .all(|(s, n)| s == "pending" && *n == 0),
            "nothing is recorded by a run that ends before the record: {:?}",
            states(&stored)
        );
    }
    assert!(crashes >= 3, "the failpoint was reached {crashes} times");

    // A run without the failpoint sends and records them.
    let mut run = start(&path, &standin, "last", false);
    let start_wait = Instant::now();
    while states(&stored).iter().any(|(s, _)| s == "pending") {
        assert!(
            start_wait.elapsed() < WAIT,
            "not all sent: {:?}",
            states(&stored)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    run.kill().expect("kill");
    run.wait().expect("wait");

    // Per channel: every post carried the same nonce with enforce_nonce, so Discord shows it
    // once; the database has it sent with one send record.
    let mut by_channel: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
    for post in posts(&standin) {
        let body = post.body.clone().expect("a JSON body");
        assert_eq!(body["enforce_nonce"], serde_json::json!(true), "{body}");
        let nonce = body["nonce"].as_str().expect("a nonce").to_string();
        let entry = by_channel.entry(post.route().to_string()).or_default();
        entry.0 += 1;
        entry.1.insert(nonce);
    }
    let total: usize = by_channel.values().map(|(n, _)| n).sum();
    let shown: usize = by_channel.values().map(|(_, nonces)| nonces.len()).sum();
    println!(
        "discord crash loop: ended between send and record {crashes} times; posts {total}, \
         resent with the same nonce {}, shown to teams {shown} of {} reminders, duplicates {}",
        total - shown,
        CHANNELS.len(),
        shown - CHANNELS.len().min(shown)
    );
    assert_eq!(by_channel.len(), CHANNELS.len(), "{by_channel:#?}");
    assert!(
        by_channel.values().all(|(_, nonces)| nonces.len() == 1),
        "a reminder went out under two nonces: {by_channel:#?}"
    );
    assert!(
        total > shown,
        "at least one reminder was sent again after a crash"
    );
    assert_eq!(
        states(&stored),
        vec![("sent".to_string(), 1); CHANNELS.len()],
        "each reminder sent, with one send record"
    );
    assert_eq!(stored.integrity(), ["ok"]);
}
