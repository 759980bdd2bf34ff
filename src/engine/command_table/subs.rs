//! The sub-commands of the table (`/doel …`, `/verwijder …`) and the helpers its rows are
//! written with.

use super::super::command_spec::{Access, ArgKind, ArgSpec, CommandId, CommandSpec};

use Access::{Everyone, Manager};
use ArgKind::Text;

/// An argument without help text or choices (a row fills those in).
pub(super) const fn arg(
    nl: &'static str,
    en: &'static str,
    kind: ArgKind,
    required: bool,
) -> ArgSpec {
    ArgSpec {
        nl,
        en,
        kind,
        required,
        help: "",
        choices: &[],
    }
}

/// A goal's number, as most goal commands take it.
pub(super) const NUMBER: ArgSpec = ArgSpec {
    help: "msg.discord.arg_nummer",
    ..arg("nummer", "number", ArgKind::Integer, true)
};
/// A free reason, as a dropped or finished goal may give.
const REASON: ArgSpec = ArgSpec {
    help: "msg.discord.arg_reden",
    ..arg("reden", "reason", ArgKind::Text, false)
};

/// A row of the table: a command without sub-commands.
// A table row reads best as one call with every field in place.
#[allow(clippy::too_many_arguments)]
pub(super) const fn spec(
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

/// The goal sub-commands.
pub(super) const GOAL_SUBS: &[CommandSpec] = &[
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
pub(super) const DELETE_SUBS: &[CommandSpec] = &[spec(
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
