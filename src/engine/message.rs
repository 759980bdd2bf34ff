//! The messages between a platform and the engine: what comes in ([`Incoming`]) and what goes
//! out ([`Reply`]). Platforms build and read only these types.

use super::Role;
use super::{Command, UserError};
use crate::prompts::Lang;
use crate::store::Person;

/// Where a message comes from: one chat space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamKey {
    /// `terminal`, `discord` or `matrix`.
    pub platform: String,
    /// The platform's id of the space (team name, channel id, room id).
    pub id: String,
    /// A name to show.
    pub name: String,
}

/// What a team member did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The conversation was opened (program start, bot added): greet, then ask the open question.
    /// A language, when given, becomes the team's language.
    Start {
        /// Language asked for by the user at start.
        lang: Option<Lang>,
    },
    /// A line of text meant for koers (the terminal, a reply to koers, a mention, its own
    /// thread): an answer, or a command when it starts with `/` or `!`.
    Text(String),
    /// A line said in the team's space without addressing koers. It is a command when it
    /// starts with `/` or `!`; otherwise an answer only while a question is open and the team
    /// has koers read every line (`/luisteren alles`), and else ignored: nothing is stored and
    /// nothing is said.
    Aside(String),
    /// A command the platform already built from its own parts (Discord slash commands and
    /// forms, through [`build_command`]).
    Command(Command),
    /// A command the platform could not build from its parts; the engine says why.
    BadCommand(UserError),
    /// A whole goal at once (a platform's form): entered through the step-3 questions, which
    /// then ask only what is missing or unreadable.
    Goal(GoalDraft),
    /// A button or menu choice for a specific question.
    Choice {
        /// The question's key as it was sent with the choices.
        question: String,
        /// The chosen [`Choice::id`].
        value: String,
    },
}

/// A goal as filled in on a form; empty fields are asked for afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoalDraft {
    /// The goal itself.
    pub text: String,
    /// Who owns it.
    pub owner: String,
    /// By when, in any form the date questions take.
    pub deadline: String,
    /// The value now.
    pub baseline: String,
    /// The value to reach.
    pub target: String,
}

/// One message into the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The team's chat space.
    pub team: TeamKey,
    /// Who wrote it: their platform id and name, recorded with every answer.
    pub person: Person,
    /// What they may do in this team, as the platform decided from its own rights.
    pub role: Role,
    /// What they did.
    pub body: Body,
}

/// An option a platform may render as a button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Sent back in [`Body::Choice::value`].
    pub id: String,
    /// Shown to the user.
    pub label: String,
}

/// One message out of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// The text (plain text with simple Markdown).
    pub text: String,
    /// The open question's key when the reply asks one; buttons carry it back.
    pub question: Option<String>,
    /// Options for buttons; the text works without them.
    pub choices: Vec<Choice>,
    /// Who it is for: the team, or only the person who asked.
    pub audience: Audience,
}

/// Who a reply is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Everyone in the team's space.
    #[default]
    Team,
    /// The person who asked: a refusal of what they may not do. Discord answers it privately;
    /// Matrix in the room, so the others see why nothing happened.
    Refusal,
    /// The person who asked: their own data (`/privacy`, `/vergeetmij`). Discord answers it
    /// privately, Matrix in a direct message with a short note in the room.
    Personal,
}

impl Reply {
    /// Whether only the person who asked should see it.
    pub fn is_private(&self) -> bool {
        self.audience != Audience::Team
    }
}

impl Reply {
    /// A plain text reply.
    pub fn text(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            ..Reply::default()
        }
    }
}
