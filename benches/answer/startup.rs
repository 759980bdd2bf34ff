//! Section 2: how long `koers chat` takes to show its first prompt, against spawning
//! `/bin/echo`.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};

use super::{STARTUP_TARGET_MS, Stats, ms, print_header, print_row_ms, verdict};

// ---------------------------------------------------------------------------------------------
// 2. Start-up of `koers chat`

/// Spawn `cmd` with stdin held open, time until its first stdout bytes, then close stdin and
/// collect the rest. Returns the time and everything it printed.
pub(crate) fn first_output(cmd: &mut Command, stderr_file: &Path) -> Result<(Duration, String)> {
    let stderr = File::create(stderr_file)?;
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(stderr));
    let start = Instant::now();
    let mut child = cmd.spawn().with_context(|| format!("spawn {cmd:?}"))?;
    let mut stdout = child.stdout.take().context("no stdout pipe")?;
    let mut first = vec![0u8; 8192];
    let got = stdout.read(&mut first)?;
    let took = start.elapsed();
    drop(child.stdin.take());
    first.truncate(got);
    stdout.read_to_end(&mut first)?;
    let status = child.wait()?;
    let err = std::fs::read_to_string(stderr_file).unwrap_or_default();
    ensure!(status.success(), "{cmd:?} failed ({status}): {err}");
    ensure!(got > 0, "{cmd:?} printed nothing: {err}");
    Ok((took, String::from_utf8_lossy(&first).into_owned()))
}

pub(crate) fn koers_chat(dir: &Path, db: &Path, team: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_koers"));
    cmd.arg("chat")
        .arg("--db")
        .arg(db)
        .arg("--team")
        .arg(team)
        .current_dir(dir);
    // Keep the caller's koers settings (KOERS_DB_PATH, KOERS_LOG, …) out of the measurement.
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("KOERS_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

pub(crate) fn echo_hi() -> Command {
    let mut cmd = Command::new("/bin/echo");
    cmd.arg("hi");
    cmd
}

pub(crate) struct StartupResult {
    fresh: Stats,
    resume: Stats,
    echo: Stats,
}

impl StartupResult {
    fn ok(s: &Stats) -> bool {
        ms(s.p90) <= STARTUP_TARGET_MS
    }

    pub(crate) fn summary(&self) -> String {
        format!(
            "[{}] `koers chat` first prompt ≤ {STARTUP_TARGET_MS} ms (judged on p90): fresh db p90 \
             {:.1} ms ({}), resume p90 {:.1} ms ({}); spawn baseline /bin/echo p90 {:.1} ms",
            verdict(Self::ok(&self.fresh) && Self::ok(&self.resume)),
            ms(self.fresh.p90),
            verdict(Self::ok(&self.fresh)),
            ms(self.resume.p90),
            verdict(Self::ok(&self.resume)),
            ms(self.echo.p90),
        )
    }
}

pub(crate) fn startup_section(dir: &Path, runs: usize) -> Result<StartupResult> {
    println!();
    println!("== 2. `koers chat` time to first output ({runs} fresh + {runs} resume runs)");
    let work = dir.join("startup");
    std::fs::create_dir_all(&work)?;
    let stderr_file = work.join("stderr.txt");
    let db_of = |i: usize| -> PathBuf { work.join(format!("chat-{i}.sqlite")) };

    // Untimed warm-up: page the binaries in.
    first_output(&mut echo_hi(), &stderr_file)?;
    first_output(&mut koers_chat(&work, &db_of(0), "t0"), &stderr_file)?;

    let (mut fresh, mut resume, mut echo) = (Vec::new(), Vec::new(), Vec::new());
    for i in 1..=runs {
        let (db, team) = (db_of(i), format!("t{i}"));
        ensure!(!db.exists(), "{} already exists", db.display());
        let (took, out) = first_output(&mut koers_chat(&work, &db, &team), &stderr_file)?;
        ensure!(db.exists(), "the fresh run did not create {}", db.display());
        ensure!(
            out.contains(&team),
            "the greeting does not name {team}: {out}"
        );
        fresh.push(took);

        let (took, out) = first_output(&mut echo_hi(), &stderr_file)?;
        ensure!(out == "hi\n", "echo said {out:?}");
        echo.push(took);

        let (took, out) = first_output(&mut koers_chat(&work, &db, &team), &stderr_file)?;
        ensure!(
            out.contains(&team),
            "the welcome back does not name {team}: {out}"
        );
        resume.push(took);

        let (took, _) = first_output(&mut echo_hi(), &stderr_file)?;
        echo.push(took);
    }
    let result = StartupResult {
        fresh: Stats::of(&fresh),
        resume: Stats::of(&resume),
        echo: Stats::of(&echo),
    };
    print_header("ms");
    print_row_ms("baseline: spawn /bin/echo hi, first output", &result.echo);
    print_row_ms("koers chat, fresh database (creates it)", &result.fresh);
    print_row_ms("koers chat, resuming an existing team", &result.resume);
    println!(
        "  minus spawn baseline (p50): fresh {:.2} ms, resume {:.2} ms; target p90 ≤ {STARTUP_TARGET_MS} \
         ms: fresh {}, resume {}",
        ms(result.fresh.p50) - ms(result.echo.p50),
        ms(result.resume.p50) - ms(result.echo.p50),
        verdict(StartupResult::ok(&result.fresh)),
        verdict(StartupResult::ok(&result.resume)),
    );
    Ok(result)
}
