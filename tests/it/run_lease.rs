//! One `koers run` per database: the real binary, serving Discord through the offline stand-in,
//! holds a lease on its database file. A second `koers run` on that file stops at start, before
//! it contacts any platform, and names the first; `koers chat` keeps working beside it; a
//! holder killed with SIGKILL leaves no stale lease.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

use crate::common::{Chat, Sandbox};
use crate::standin::StandIn;

const TOKEN: &str = "Bot-lease-token";
const WAIT: Duration = Duration::from_secs(30);

/// A `koers run` child serving Discord at `standin`, its standard error in a file.
struct Run {
    child: Child,
    log: PathBuf,
}

impl Run {
    fn start(db: &Path, standin: &StandIn, name: &str) -> Run {
        let dir = db.parent().expect("db folder");
        let log = dir.join(format!("{name}.log"));
        let child = standin
            .koers_run(db, &log)
            .spawn()
            .expect("start koers run");
        Run { child, log }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Wait for the exit; a run still going after [`WAIT`] is killed and the test fails.
    async fn exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll koers run") {
                return status;
            }
            if start.elapsed() > WAIT {
                self.kill();
                panic!("koers run did not stop by itself:\n{}", self.log_text());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL, as a crash would end it.
    fn kill(&mut self) {
        if let Err(e) = self.child.kill() {
            eprintln!("kill: {e}");
        }
        if let Err(e) = self.child.wait() {
            eprintln!("wait: {e}");
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
        }
    }
}

/// The lease file beside the database.
fn lease_file(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lease");
    PathBuf::from(name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_is_refused_before_connecting_and_chat_works_beside_the_first() {
    let sandbox = Sandbox::new();
    let db = sandbox.db_path();
    let first_platform = StandIn::start(TOKEN);
    let mut first = Run::start(&db, &first_platform, "first");
    first_platform.wait_identified(1, WAIT).await;

    // The second gets its own stand-in, so anything it contacted would show there.
    let second_platform = StandIn::start(TOKEN);
    let mut second = Run::start(&db, &second_platform, "second");
    let status = second.exit().await;
    let message = second.log_text();
    assert!(!status.success(), "the second run must fail: {message}");
    assert!(
        message.contains(&format!("pid {}", first.pid())),
        "the message names the first run's pid {}: {message}",
        first.pid()
    );
    assert!(message.contains("koers run"), "{message}");
    assert!(message.contains("since "), "{message}");
    assert!(
        second_platform.requests().is_empty() && second_platform.identified() == 0,
        "the second run contacted Discord: {:?}",
        second_platform
            .requests()
            .iter()
            .map(|r| (&r.method, &r.path))
            .collect::<Vec<_>>()
    );

    // The terminal works on the same file while the first run serves it.
    let chat =
        tokio::task::block_in_place(|| sandbox.run(&Chat::new("naast", "ann"), "marketing\n"));
    chat.assert_success();
    let answer = sandbox
        .answer("naast", 1, "question.focus")
        .expect("the chat's answer is stored");
    assert_eq!(answer.value.as_deref(), Some("marketing"));
    assert_eq!(answer.user, "ann");

    // And the first run is still serving, still the only one.
    assert!(
        matches!(first.child.try_wait(), Ok(None)),
        "the first run keeps serving: {}",
        first.log_text()
    );
    assert_eq!(first_platform.identified(), 1);
    first.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_killed_with_sigkill_leaves_no_stale_lease() {
    let sandbox = Sandbox::new();
    let db = sandbox.db_path();
    let platform = StandIn::start(TOKEN);
    let mut first = Run::start(&db, &platform, "first");
    platform.wait_identified(1, WAIT).await;
    let first_pid = first.pid();
    let lease = File::open(lease_file(&db)).expect("the lease file exists while it runs");
    assert!(
        matches!(lease.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        "the running koers holds the lock"
    );
    let written = std::fs::read_to_string(lease_file(&db)).expect("read the lease");
    assert!(written.contains(&format!("pid={first_pid}")), "{written}");

    first.kill();
    lease
        .try_lock()
        .expect("the kernel released the lock of the killed process");
    lease.unlock().expect("unlock");
    drop(lease);

    let next_platform = StandIn::start(TOKEN);
    let mut next = Run::start(&db, &next_platform, "next");
    next_platform.wait_identified(1, WAIT).await;
    let written = std::fs::read_to_string(lease_file(&db)).expect("read the lease");
    assert!(
        written.contains(&format!("pid={}", next.pid())),
        "the new run wrote itself into the lease: {written}"
    );
    assert!(
        matches!(next.child.try_wait(), Ok(None)),
        "{}",
        next.log_text()
    );
    next.kill();
}
