//! What a row of the command table is: which command, its names, its arguments, who may give
//! it and its help text; the rows themselves are [`super::command_table`].

/// Which command a table row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandId {
    /// `/start`.
    Start,
    /// `/status`.
    Status,
    /// `/overslaan`.
    Skip,
    /// `/terug`.
    Back,
    /// `/wijzig [n]`.
    Change,
    /// `/taal nl|en`.
    Language,
    /// `/export`.
    Export,
    /// `/plaatje`.
    Picture,
    /// `/nieuw`.
    NewRound,
    /// `/stap n`.
    Step,
    /// `/help`.
    Help,
    /// `/privacy`.
    Privacy,
    /// `/vergeetmij [1|2 [ja]]`.
    ForgetMe,
    /// `/mijndata`.
    MyData,
    /// `/doel …`: a group of sub-commands.
    Goal,
    /// `/doel lijst`.
    GoalList,
    /// `/doel nieuw [tekst]`.
    GoalAdd,
    /// `/doel voortgang n waarde`.
    GoalProgress,
    /// `/doel verzet n datum reden`.
    GoalMove,
    /// `/doel sluit n [reden]`.
    GoalClose,
    /// `/doel schrap n [reden]`.
    GoalDrop,
    /// `/evalueer n`.
    Evaluate,
    /// `/sluimer n [dagen]`.
    Snooze,
    /// `/tijdzone [zone]`.
    Timezone,
    /// `/herinneringen [dagen]`.
    Reminders,
    /// `/luisteren [alles|antwoorden]`.
    Listen,
    /// `/voorbeeld [utrecht|mariniers|schalm]`.
    Example,
    /// `/verwijder …`: a group of sub-commands (only `team` so far).
    Delete,
    /// `/verwijder team [code]`.
    DeleteTeam,
    /// `/link [nieuw|uit]`.
    Link,
}

/// What an argument holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// A whole number (goal or answer number, days).
    Integer,
    /// Text; typed, the last text argument takes the rest of the line.
    Text,
}

/// One argument of a command.
#[derive(Debug, Clone, Copy)]
pub struct ArgSpec {
    /// Dutch name (Discord option name).
    pub nl: &'static str,
    /// English name.
    pub en: &'static str,
    /// Integer or text.
    pub kind: ArgKind,
    /// Whether the command needs it.
    pub required: bool,
    /// Its help text key.
    pub help: &'static str,
    /// The values it takes when it takes only a few (a Discord option's choices; their labels
    /// are `msg.discord.choice.<nl>.<value>`); empty for any value.
    pub choices: &'static [&'static str],
}

/// Who may give a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone in the team.
    Everyone,
    /// Only a manager: it changes the team's plan.
    Manager,
    /// Anyone may look; only a manager may set (given an argument, it changes the plan).
    ManagerToSet,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// Which command.
    pub id: CommandId,
    /// Dutch name (the slash command's name).
    pub nl: &'static str,
    /// English name.
    pub en: &'static str,
    /// Other words that mean the same when typed.
    pub aliases: &'static [&'static str],
    /// Its arguments, in typed order.
    pub args: &'static [ArgSpec],
    /// Sub-commands (`/doel lijst`).
    pub subs: &'static [CommandSpec],
    /// Whether the group typed alone means its first sub-command (`/doel` is `/doel lijst`);
    /// when not, the group alone gets its usage (`/verwijder` deletes nothing by itself).
    pub first_sub_by_default: bool,
    /// Who may give it.
    pub access: Access,
    /// Its help text key (`prompts/`), also the slash command's description.
    pub help: &'static str,
    /// Typed examples of its arguments, shown when they cannot be read.
    pub examples: &'static [&'static str],
}

impl CommandSpec {
    /// Whether `word` (already lower case) names this command.
    pub(super) fn is_called(&self, word: &str) -> bool {
        self.nl == word || self.en == word || self.aliases.contains(&word)
    }
}
