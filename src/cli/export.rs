//! `koers export`: a team's plan from a database file, as Markdown (what `/export` gives) or
//! as JSON (`docs/export-json.md`), to a file or stdout.
//!
//! The database is opened read-only through [`Inspector`], not as a [`crate::store::Db`]: an
//! export must never create, migrate or write the file, may run beside a `koers run` that
//! holds it, and reads the whole plan in one snapshot. The engine reads through the same
//! [`crate::store::Store`] queries either way.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::ValueEnum;

use crate::engine::{Clock, Engine, OffsetClock, SystemClock, TeamKey};
use crate::store::Store;
use crate::store::inspect::Inspector;

/// The formats `koers export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown, as `/export` gives it.
    Md,
    /// The documented JSON schema (docs/export-json.md).
    Json,
}

/// The platforms a team can live on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Platform {
    /// `koers chat`.
    Terminal,
    /// Discord.
    Discord,
    /// Matrix.
    Matrix,
}

impl Platform {
    fn id(self) -> &'static str {
        match self {
            Platform::Terminal => "terminal",
            Platform::Discord => "discord",
            Platform::Matrix => "matrix",
        }
    }
}

/// What `koers export` was asked for.
#[derive(Debug)]
pub struct Request {
    /// The team's name (or its id on its platform).
    pub team: String,
    /// Its platform, when names alone are ambiguous.
    pub platform: Option<Platform>,
    /// The database file.
    pub db: PathBuf,
    /// Markdown or JSON.
    pub format: Format,
    /// The file to write; stdout when absent.
    pub out: Option<PathBuf>,
    /// The moment to date the export at (default: now).
    pub now: Option<jiff::Timestamp>,
}

/// Write the plan asked for.
pub fn run(request: &Request, settings: crate::engine::Settings) -> Result<()> {
    let mut inspector = Inspector::open(&request.db)?;
    let clock: Box<dyn Clock> = match request.now {
        Some(start) => Box::new(OffsetClock::new(start)),
        None => Box::new(SystemClock),
    };
    let engine = Engine::new(clock, settings)?;
    // A team that is not there is the user's mistake, not a failed read: it comes out of the
    // read as a message, so the read's error log stays for real failures.
    let text = inspector.read(|store| {
        let key = match find_team(store, &request.team, request.platform, &request.db)? {
            Ok(key) => key,
            Err(why) => return Ok(Err(why)),
        };
        let text = match request.format {
            Format::Md => engine.export_in(store, &key)?,
            Format::Json => match engine.plan_in(store, &key)? {
                Some(plan) => Some(serde_json::to_string_pretty(&plan)? + "\n"),
                None => None,
            },
        };
        Ok(text.ok_or_else(|| format!("the team {:?} has no plan", request.team)))
    })?;
    write(request.out.as_deref(), &text.map_err(anyhow::Error::msg)?)
}

/// The team called `name` (or with that id on its platform), on `platform` when given; or why
/// there is not one.
fn find_team(
    store: &mut Store<'_>,
    name: &str,
    platform: Option<Platform>,
    db: &Path,
) -> Result<Result<TeamKey, String>> {
    let teams = store.list_teams()?;
    let found: Vec<_> = teams
        .iter()
        .filter(|t| platform.is_none_or(|p| p.id() == t.platform))
        .filter(|t| t.name == name || t.external_id == name)
        .collect();
    match found.as_slice() {
        [one] => Ok(Ok(TeamKey {
            platform: one.platform.clone(),
            id: one.external_id.clone(),
            name: one.name.clone(),
        })),
        [] => {
            let known: Vec<String> = teams
                .iter()
                .map(|t| format!("{} ({})", t.name, t.platform))
                .collect();
            Ok(Err(format!(
                "no team {name:?} in {}; teams there: {}",
                db.display(),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )))
        }
        several => {
            let on: Vec<&str> = several.iter().map(|t| t.platform.as_str()).collect();
            Ok(Err(format!(
                "several teams are called {name:?} (on {}); choose one with --platform",
                on.join(", ")
            )))
        }
    }
}

/// The text to `out`, or to stdout.
fn write(out: Option<&Path>, text: &str) -> Result<()> {
    if let Some(path) = out {
        return std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write to stdout")
}
