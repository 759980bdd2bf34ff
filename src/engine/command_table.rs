//! The one command table: every command's Dutch and English names and aliases, its arguments,
//! whether it changes the team's plan (manager only) and its help text. Typed lines (`/`, `!`,
//! `!koers`, any case), Discord slash commands (from their options) and buttons all become the
//! same [`super::Command`] ([`super::command_parse`]); the permission check then looks at that
//! value alone ([`super::Command::needs_manager`]).

use super::command_spec::{Access, ArgKind, ArgSpec, CommandId, CommandSpec};

const fn arg(nl: &'static str, en: &'static str, kind: ArgKind, required: bool) -> ArgSpec {
    ArgSpec {
        nl,
        en,
        kind,
        required,
        help: "",
        choices: &[],
    }
}

const NUMBER: ArgSpec = ArgSpec {
    help: "msg.discord.arg_nummer",
    ..arg("nummer", "number", ArgKind::Integer, true)
};
const REASON: ArgSpec = ArgSpec {
    help: "msg.discord.arg_reden",
    ..arg("reden", "reason", ArgKind::Text, false)
};

// A table row reads best as one call with every field in place.
#[allow(clippy::too_many_arguments)]
const fn spec(
    id: CommandId,
    nl: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    args: &'static [ArgSpec],
    access: Access,
    help: &'static str,
    examples: &'static [&'static str],
) -> CommandSpec {
    CommandSpec {
        id,
        nl,
        en,
        aliases,
        args,
        subs: &[],
        first_sub_by_default: false,
        access,
        help,
        examples,
    }
}

use Access::{Everyone, Manager, ManagerToSet};
use ArgKind::{Integer, Text};

/// The goal sub-commands.
const GOAL_SUBS: &[CommandSpec] = &[
    spec(
        CommandId::GoalList,
        "lijst",
        "list",
        &[],
        &[],
        Everyone,
        "msg.discord.goal_list",
        &[""],
    ),
    spec(
        CommandId::GoalAdd,
        "nieuw",
        "add",
        &["new", "toevoegen"],
        &[ArgSpec {
            help: "msg.discord.arg_tekst",
            ..arg("tekst", "text", Text, false)
        }],
        Everyone,
        "msg.discord.goal_add",
        &[""],
    ),
    spec(
        CommandId::GoalProgress,
        "voortgang",
        "progress",
        &[],
        &[
            NUMBER,
            ArgSpec {
                help: "msg.discord.arg_waarde",
                ..arg("waarde", "value", Text, true)
            },
        ],
        Everyone,
        "msg.discord.goal_progress",
        &["2 150"],
    ),
    spec(
        CommandId::GoalMove,
        "verzet",
        "move",
        &["verplaats"],
        &[
            NUMBER,
            ArgSpec {
                help: "msg.discord.arg_datum",
                ..arg("datum", "date", Text, true)
            },
            ArgSpec {
                required: true,
                ..REASON
            },
        ],
        Manager,
        "msg.discord.goal_move",
        &["2 30-06-2027 omdat …"],
    ),
    spec(
        CommandId::GoalClose,
        "sluit",
        "close",
        &[],
        &[NUMBER, REASON],
        Manager,
        "msg.discord.goal_close",
        &["2"],
    ),
    spec(
        CommandId::GoalDrop,
        "schrap",
        "drop",
        &[],
        &[NUMBER, REASON],
        Manager,
        "msg.discord.goal_drop",
        &["2"],
    ),
];

/// What `/verwijder` deletes; a new kind is a new row here.
const DELETE_SUBS: &[CommandSpec] = &[spec(
    CommandId::DeleteTeam,
    "team",
    "team",
    &[],
    &[ArgSpec {
        help: "msg.delete_team.arg_code",
        ..arg("code", "code", Text, false)
    }],
    Manager,
    "msg.delete_team.help_team",
    &["", "K7M2QX"],
)];

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
