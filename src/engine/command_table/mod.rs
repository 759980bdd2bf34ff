//! The one command table: every command's Dutch and English names and aliases, its arguments,
//! whether it changes the team's plan (manager only) and its help text. Typed lines (`/`, `!`,
//! `!koers`, any case), Discord slash commands (from their options) and buttons all become the
//! same [`super::Command`] ([`super::command_parse`]); the permission check then looks at that
//! value alone ([`super::Command::needs_manager`]).

mod subs;

use super::command_spec::{Access, ArgKind, ArgSpec, CommandId, CommandSpec};
use subs::{DELETE_SUBS, GOAL_SUBS, NUMBER, arg, spec};

use Access::{Everyone, Manager, ManagerToSet};
use ArgKind::{Integer, Text};

/// Every command koers knows.
pub const COMMANDS: &[CommandSpec] = &[
    spec(
        CommandId::Listen,
        "luisteren",
        "listen",
        &[],
        &[ArgSpec {
            help: "msg.discord.arg_modus",
            ..arg("modus", "mode", Text, false)
        }],
        ManagerToSet,
        "msg.discord.luisteren",
        &["alles", "antwoorden"],
    ),
    spec(
        CommandId::Start,
        "start",
        "start",
        &["begin", "hervat", "resume"],
        &[],
        Everyone,
        "msg.discord.start",
        &[""],
    ),
    spec(
        CommandId::Status,
        "status",
        "status",
        &[],
        &[],
        Everyone,
        "msg.discord.status",
        &[""],
    ),
    spec(
        CommandId::Skip,
        "overslaan",
        "skip",
        &[],
        &[],
        Everyone,
        "msg.discord.overslaan",
        &[""],
    ),
    spec(
        CommandId::Back,
        "terug",
        "back",
        &[],
        &[],
        Everyone,
        "msg.discord.terug",
        &[""],
    ),
    spec(
        CommandId::Change,
        "wijzig",
        "change",
        &[],
        &[ArgSpec {
            required: false,
            ..NUMBER
        }],
        Everyone,
        "msg.discord.wijzig",
        &["3"],
    ),
    spec(
        CommandId::Language,
        "taal",
        "language",
        &["lang"],
        &[ArgSpec {
            help: "msg.discord.arg_taal",
            ..arg("taal", "language", Text, true)
        }],
        Everyone,
        "msg.discord.taal",
        &["nl", "en"],
    ),
    spec(
        CommandId::Export,
        "export",
        "export",
        &["exporteer"],
        &[ArgSpec {
            help: "msg.discord.arg_formaat",
            choices: super::command::ExportFormat::IDS,
            ..arg("formaat", "format", Text, false)
        }],
        Everyone,
        "msg.discord.export",
        &["", "json", "html", "png"],
    ),
    spec(
        CommandId::Picture,
        "plaatje",
        "picture",
        &["afbeelding", "image"],
        &[],
        Everyone,
        "msg.discord.plaatje",
        &[""],
    ),
    spec(
        CommandId::NewRound,
        "nieuw",
        "new",
        &["nieuwe-ronde", "new-round"],
        &[],
        Manager,
        "msg.discord.nieuw",
        &[""],
    ),
    spec(
        CommandId::Step,
        "stap",
        "step",
        &[],
        &[ArgSpec {
            help: "msg.discord.arg_stap",
            ..arg("nummer", "number", Integer, true)
        }],
        Everyone,
        "msg.discord.stap",
        &["2"],
    ),
    spec(
        CommandId::Help,
        "help",
        "help",
        &["hulp", "?"],
        &[],
        Everyone,
        "msg.discord.help",
        &[""],
    ),
    spec(
        CommandId::Privacy,
        "privacy",
        "privacy",
        &["mijngegevens"],
        &[],
        Everyone,
        "msg.discord.privacy",
        &[""],
    ),
    spec(
        CommandId::MyData,
        "mijndata",
        "mydata",
        &["my-data"],
        &[],
        Everyone,
        "msg.discord.mijndata",
        &[""],
    ),
    spec(
        CommandId::ForgetMe,
        "vergeetmij",
        "forget-me",
        &["forgetme"],
        &[ArgSpec {
            help: "msg.discord.arg_bevestig",
            ..arg("keuze", "choice", Text, false)
        }],
        Everyone,
        "msg.discord.vergeetmij",
        &["", "1", "2", "1 ja", "2 ja"],
    ),
    CommandSpec {
        id: CommandId::Goal,
        nl: "doel",
        en: "goal",
        aliases: &["doelen", "goals"],
        args: &[],
        subs: GOAL_SUBS,
        first_sub_by_default: true,
        access: Everyone,
        help: "msg.discord.doel",
        examples: &["lijst | nieuw | voortgang | verzet | sluit | schrap"],
    },
    spec(
        CommandId::Evaluate,
        "evalueer",
        "evaluate",
        &[],
        &[NUMBER],
        Everyone,
        "msg.discord.evalueer",
        &["2"],
    ),
    spec(
        CommandId::Snooze,
        "sluimer",
        "snooze",
        &[],
        &[
            NUMBER,
            ArgSpec {
                help: "msg.discord.arg_dagen",
                ..arg("dagen", "days", Integer, false)
            },
        ],
        Everyone,
        "msg.discord.sluimer",
        &["2 3"],
    ),
    spec(
        CommandId::Timezone,
        "tijdzone",
        "timezone",
        &[],
        &[ArgSpec {
            help: "msg.discord.arg_zone",
            ..arg("zone", "zone", Text, false)
        }],
        ManagerToSet,
        "msg.discord.tijdzone",
        &["Europe/Amsterdam"],
    ),
    spec(
        CommandId::Reminders,
        "herinneringen",
        "reminders",
        &[],
        &[ArgSpec {
            help: "msg.discord.arg_dagen",
            ..arg("dagen", "days", Text, false)
        }],
        ManagerToSet,
        "msg.discord.herinneringen",
        &["7,1"],
    ),
    spec(
        CommandId::Example,
        "voorbeeld",
        "example",
        &["voorbeelden", "examples"],
        &[ArgSpec {
            help: "msg.discord.arg_voorbeeld",
            choices: super::examples::Example::IDS,
            ..arg("naam", "name", Text, false)
        }],
        Everyone,
        "msg.discord.voorbeeld",
        &["", "utrecht", "mariniers", "schalm"],
    ),
    CommandSpec {
        id: CommandId::Delete,
        nl: "verwijder",
        en: "delete",
        aliases: &["verwijderen"],
        args: &[],
        subs: DELETE_SUBS,
        first_sub_by_default: false,
        access: Manager,
        help: "msg.delete_team.help",
        examples: &["team"],
    },
    spec(
        CommandId::Link,
        "link",
        "link",
        &["weblink", "webpagina", "webpage"],
        &[ArgSpec {
            help: "msg.discord.arg_actie",
            choices: super::command::LinkAction::IDS,
            ..arg("actie", "action", Text, false)
        }],
        Manager,
        "msg.discord.link",
        &["", "nieuw", "uit"],
    ),
];

impl CommandSpec {
    /// The row of a command.
    pub fn of(id: CommandId) -> &'static CommandSpec {
        COMMANDS
            .iter()
            .chain(GOAL_SUBS)
            .chain(DELETE_SUBS)
            .find(|s| s.id == id)
            .unwrap_or(&COMMANDS[0])
    }
}
