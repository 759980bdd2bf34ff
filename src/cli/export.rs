//! `koers export`: a team's plan from a database file, as Markdown (what `/export` gives), as
//! JSON (`docs/export-json.md`), as a printable HTML report or as a PNG picture
//! ([`crate::report`]), to a file or stdout (the PNG only to a file).
//!
//! The database is opened read-only through [`Inspector`], not as a [`crate::store::Db`]: an
//! export must never create, migrate or write the file, may run beside a `koers run` that
//! holds it, and reads the whole plan in one snapshot. The engine reads through the same
//! [`crate::store::Store`] queries either way.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::ValueEnum;

use crate::engine::{Clock, Engine, OffsetClock, Plan, SystemClock, TeamKey};
use crate::report::{self, Texts};
use crate::store::Store;
use crate::store::inspect::Inspector;

/// The formats `koers export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown, as `/export` gives it.
    Md,
    /// The documented JSON schema (docs/export-json.md).
    Json,
    /// One self-contained HTML report, printable on A4.
    Html,
    /// The plan as a picture (needs --out).
    Png,
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
    pub(crate) fn id(self) -> &'static str {
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
    /// Which format.
    pub format: Format,
    /// The file to write; stdout when absent.
    pub out: Option<PathBuf>,
    /// The moment to date the export at (default: now).
    pub now: Option<jiff::Timestamp>,
}

/// Write the plan asked for.
pub fn run(request: &Request, settings: crate::engine::Settings) -> Result<()> {
    if request.format == Format::Png && request.out.is_none() {
        anyhow::bail!(
            "--format png writes a binary picture, which a terminal cannot show: give --out FILE"
        );
    }
    let mut inspector = Inspector::open(&request.db)?;
    let clock: Box<dyn Clock> = match request.now {
        Some(start) => Box::new(OffsetClock::new(start)),
        None => Box::new(SystemClock),
    };
    let engine = Engine::new(clock, settings)?;
    // A team that is not there is the user's mistake, not a failed read: it comes out of the
    // read as a message, so the read's error log stays for real failures.
    let bytes = inspector.read(|store| {
        let key = match find_team(store, &request.team, request.platform, &request.db)? {
            Ok(key) => key,
            Err(why) => return Ok(Err(why)),
        };
        let bytes = match request.format {
            Format::Md => engine.export_in(store, &key)?.map(String::into_bytes),
            Format::Json | Format::Html | Format::Png => engine
                .plan_in(store, &key)?
                .map(|plan| draw(&engine, &plan, request.format))
                .transpose()?,
        };
        Ok(bytes.ok_or_else(|| format!("the team {:?} has no plan", request.team)))
    })?;
    write(request.out.as_deref(), &bytes.map_err(anyhow::Error::msg)?)
}

/// The plan in a format made from the plan's data (JSON, HTML or PNG).
fn draw(engine: &Engine, plan: &Plan, format: Format) -> Result<Vec<u8>> {
    let texts = Texts::new(engine.texts(), plan);
    Ok(match format {
        Format::Html => report::html::render(plan, &texts).into_bytes(),
        Format::Png => report::png::render(&report::svg::render(plan, &texts))?,
        Format::Json | Format::Md => (serde_json::to_string_pretty(plan)? + "\n").into_bytes(),
    })
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

/// The bytes to `out`, or to stdout.
fn write(out: Option<&Path>, text: &[u8]) -> Result<()> {
    if let Some(path) = out {
        return std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text)
        .and_then(|()| stdout.flush())
        .context("cannot write to stdout")
}
