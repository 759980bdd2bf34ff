//! `koers admin …`: an operator's work on the database file, beside or without a running bot.
//! Each task is a variant of [`AdminCommand`]; add one as a variant and an arm in [`run`]. One
//! person's data (`export-person`, `forget-person`) is `admin_person.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use super::admin_person::{self, ForgetArgs, PersonArgs};
use super::export::Platform;
use crate::config::Config;
use crate::store::inspect::TeamEntry;
use crate::store::{Db, TeamRemoval};

/// The admin tasks.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Delete one team and everything koers keeps of it (every round, answer, goal, reminder,
    /// evaluation, experiment, thread and platform mark); prints the rows removed per kind.
    /// Nothing is posted in the team's channel or room: remove koers there yourself.
    DeleteTeam {
        /// `SQLite` database file (default from config: koers.sqlite).
        #[arg(long)]
        db: Option<PathBuf>,
        /// The team's name (for Discord and Matrix: the channel's or room's name).
        #[arg(
            long,
            required_unless_present = "platform_id",
            conflicts_with = "platform_id"
        )]
        team: Option<String>,
        /// The team's id on its platform: terminal team name, Discord channel id, Matrix room id.
        #[arg(long)]
        platform_id: Option<String>,
        /// The team's platform, when teams on several platforms match.
        #[arg(long, value_enum)]
        platform: Option<Platform>,
    },
    /// Print everything koers keeps under one person's platform id, across every team of that
    /// platform, as JSON (docs/person-json.md). Reads the database read-only.
    ExportPerson(PersonArgs),
    /// Forget one person on one platform: anonymise (name and id become "oud-lid n" per team)
    /// or delete (their answers too; the questions open again). Prints what it did.
    ForgetPerson(ForgetArgs),
}

/// Run an admin task.
pub fn run(command: AdminCommand, config: &Config) -> Result<()> {
    match command {
        AdminCommand::ExportPerson(args) => admin_person::export_person(config, &args),
        AdminCommand::ForgetPerson(args) => admin_person::forget_person(config, &args),
        AdminCommand::DeleteTeam {
            db,
            team,
            platform_id,
            platform,
        } => {
            let path = db.unwrap_or_else(|| config.db_path.clone());
            let wanted = match (team, platform_id) {
                (Some(name), _) => Wanted::Name(name),
                (None, Some(id)) => Wanted::Id(id),
                (None, None) => bail!("give --team NAME or --platform-id ID"),
            };
            let db = open_existing(&path, config)?;
            let (team, removed) = delete_team(&db, &wanted, platform, &path)?;
            report(&mut std::io::stdout().lock(), &team, &removed)
        }
    }
}

/// Which team the operator named.
enum Wanted {
    Name(String),
    Id(String),
}

/// The database, which must exist: an admin task never creates an empty one by mistake.
fn open_existing(path: &Path, config: &Config) -> Result<Db> {
    if !path.is_file() {
        bail!("no database at {}", path.display());
    }
    Db::open(path, &super::store_options(config))
}

/// Find the one team meant and delete it, in one transaction.
fn delete_team(
    db: &Db,
    wanted: &Wanted,
    platform: Option<Platform>,
    path: &Path,
) -> Result<(TeamEntry, TeamRemoval)> {
    let (wanted_name, wanted_id) = match wanted {
        Wanted::Name(n) => (Some(n.clone()), None),
        Wanted::Id(i) => (None, Some(i.clone())),
    };
    let found = db.run(move |store| {
        let teams = store.list_teams()?;
        let matching: Vec<TeamEntry> = teams
            .into_iter()
            .filter(|t| platform.is_none_or(|p| p.id() == t.platform))
            .filter(|t| match (&wanted_name, &wanted_id) {
                (Some(name), _) => &t.name == name,
                (_, Some(id)) => &t.external_id == id,
                (None, None) => false,
            })
            .collect();
        if let [one] = matching.as_slice() {
            let removed = store.delete_team(one.id)?;
            return Ok(Ok((one.clone(), removed)));
        }
        Ok(Err(matching))
    })?;
    found.or_else(|matching| {
        let what = match wanted {
            Wanted::Name(n) => format!("called {n:?}"),
            Wanted::Id(i) => format!("with platform id {i:?}"),
        };
        if matching.is_empty() {
            bail!("no team {what} in {}", path.display());
        }
        let on: Vec<String> = matching
            .iter()
            .map(|t| format!("{} {}", t.platform, t.external_id))
            .collect();
        bail!(
            "{} teams {what} ({}); choose one with --platform or --platform-id",
            matching.len(),
            on.join(", ")
        )
    })
}

/// What was deleted, one kind a line.
fn report(out: &mut dyn Write, team: &TeamEntry, removed: &TeamRemoval) -> Result<()> {
    writeln!(
        out,
        "deleted team {:?} ({} {}):",
        team.name, team.platform, team.external_id
    )
    .context("cannot write to stdout")?;
    for (kind, n) in removed.kinds() {
        writeln!(out, "  {kind}: {n}").context("cannot write to stdout")?;
    }
    writeln!(out, "  total: {}", removed.total()).context("cannot write to stdout")
}
