//! `koers admin export-person` and `koers admin forget-person`: what `/mijndata` and
//! `/vergeetmij` do for a person, done by an operator who got the request another way (an
//! e-mail, a person who left the platform). A person is a platform and an id there.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use super::export::Platform;
use crate::config::Config;
use crate::engine::{ForgetMode, person_data};
use crate::store::inspect::Inspector;

/// Which person.
#[derive(Debug, Args)]
pub struct PersonArgs {
    /// The platform the person is on.
    #[arg(long, value_enum)]
    pub platform: Platform,
    /// Their id there: a Discord user id, a Matrix user id (@name:server), a terminal name.
    #[arg(long)]
    pub id: String,
    /// `SQLite` database file (default from config: koers.sqlite).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Which person, and how to forget them.
#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// Who.
    #[command(flatten)]
    pub person: PersonArgs,
    /// anonymise: name and id become a pseudonym per team, answers stay; delete: their
    /// answers (and earlier versions) are deleted too and the questions open again.
    #[arg(long, value_enum)]
    pub mode: Mode,
}

/// The two ways to forget a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Name and id replaced by "oud-lid n" / "former member n" per team.
    Anonymise,
    /// Their answers deleted too.
    Delete,
}

/// Print a person's data as JSON, read from the database read-only.
pub fn export_person(config: &Config, args: &PersonArgs) -> Result<()> {
    let db = args.db.clone().unwrap_or_else(|| config.db_path.clone());
    let mut inspector = Inspector::open(&db)?;
    let now = jiff::Timestamp::now().to_string();
    let data =
        inspector.read(|store| person_data::collect(store, args.platform.id(), &args.id, &now))?;
    println!(
        "{}",
        serde_json::to_string_pretty(&data).context("the person's data could not be JSON")?
    );
    Ok(())
}

/// Forget a person and print what was done, team by team.
pub fn forget_person(config: &Config, args: &ForgetArgs) -> Result<()> {
    let person = &args.person;
    let (engine, db) = super::open(config, person.db.clone(), None, false)?;
    let mode = match args.mode {
        Mode::Anonymise => ForgetMode::Anonymise,
        Mode::Delete => ForgetMode::Delete,
    };
    let done = engine.forget_person(&db, person.platform.id(), &person.id, mode)?;
    if done.is_empty() {
        println!("nothing is kept under this id on {}", person.platform.id());
    }
    for team in &done {
        println!(
            "{} ({}): now {:?}; {} answer(s) deleted, {} item(s) anonymised{}",
            team.name,
            team.team,
            team.pseudonym,
            team.deleted,
            team.changed,
            if team.reopened.is_empty() {
                String::new()
            } else {
                format!("; open again: {}", team.reopened.join(", "))
            }
        );
    }
    Ok(())
}
