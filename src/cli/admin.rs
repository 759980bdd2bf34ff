//! `koers admin`: operator tasks on a database file. One person's data (`export-person`,
//! `forget-person`) is `admin_person.rs`.

use clap::Subcommand;

use super::admin_person::{ForgetArgs, PersonArgs};

/// The admin subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Print everything koers keeps under one person's platform id, across every team of that
    /// platform, as JSON (docs/person-json.md). Reads the database read-only.
    ExportPerson(PersonArgs),
    /// Forget one person on one platform: anonymise (name and id become "oud-lid n" per team)
    /// or delete (their answers too; the questions open again). Prints what it did.
    ForgetPerson(ForgetArgs),
}
