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
    /// A button, menu or reaction choice for what a reply asked (see [`QuickChoice`]).
    Choice {
        /// What the reply with the choices was about, as it was sent.
        about: About,
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
    /// What the reply's choices answer (a question, a reminder's actions); a chosen option
    /// carries it back in [`Body::Choice`].
    pub about: Option<About>,
    /// Options for buttons; the text works without them.
    pub choices: Vec<Choice>,
    /// Who it is for: the team, or only the person who asked.
    pub audience: Audience,
    /// A picture to send with the text (`/plaatje`, `/export png`, and `/status` on chat
    /// platforms).
    pub image: Option<Image>,
    /// The team is deleted (`/verwijder team`, retention): this is the last thing koers says
    /// in its space. The platform posts it and stops reading there: Matrix leaves the room,
    /// the terminal ends the chat.
    pub farewell: bool,
    /// A file to send with the text (`/export html`, `/mijndata`'s JSON; on Discord also
    /// `/export md|json`).
    pub file: Option<Attachment>,
}

/// A file a reply carries, ready for a platform to upload (a Discord attachment, a Matrix
/// `m.file`, a file next to the database in the terminal).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Attachment {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// A file name for it (`koers-<team>-plan.html`): letters, digits and dashes only.
    pub name: String,
    /// Its media type (`text/html; charset=utf-8`).
    pub mime: String,
}

// The bytes are left out, as for [`Image`].
impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .field("name", &self.name)
            .field("mime", &self.mime)
            .finish()
    }
}

/// A picture a reply carries, ready for a platform to upload as a file.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Image {
    /// The PNG file's bytes.
    pub png: Vec<u8>,
    /// A file name for it (`koers-<team>-plan.png`).
    pub name: String,
    /// What it shows, in words, for those who cannot see it.
    pub alt: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

// The bytes are left out: a reply is logged and compared in tests, and a PNG is large.
impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("png", &format_args!("{} bytes", self.png.len()))
            .field("name", &self.name)
            .field("alt", &self.alt)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

/// What a reply's choices are about: what a chosen option answers when it comes back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum About {
    /// A question of the flow, by its key (`data.level.crm`).
    Question(String),
    /// The reminder about goal number `goal`: its choices are snooze, move and evaluate.
    Reminder {
        /// The goal's number in the team's plan.
        goal: i64,
    },
    /// `/vergeetmij`'s two ways and its confirmation: the choice is the way's number (`1`,
    /// `2`), or the number with `-ja` to confirm it.
    ForgetMe,
}

impl About {
    /// The compact form a platform keeps for it (in a button's id, in Matrix's record of posted
    /// questions): the question's key, or `goal#<n>` for a reminder. These are the strings koers
    /// has always used, so what was posted and stored before stays readable.
    pub fn encode(&self) -> String {
        match self {
            About::Question(key) => key.clone(),
            About::Reminder { goal } => format!("{REMINDER}{goal}"),
            About::ForgetMe => FORGET_ME.to_string(),
        }
    }

    /// Read [`About::encode`]'s form back; anything else (empty, a damaged reminder number,
    /// spaces, control characters) is [`UserError::UnreadableChoice`].
    pub fn decode(s: &str) -> Result<About, UserError> {
        if let Some(n) = s.strip_prefix(REMINDER) {
            return match n.parse::<i64>() {
                Ok(goal) if goal >= 1 && n.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(About::Reminder { goal })
                }
                _ => Err(UserError::UnreadableChoice),
            };
        }
        if s == FORGET_ME {
            return Ok(About::ForgetMe);
        }
        if !is_token(s) {
            return Err(UserError::UnreadableChoice);
        }
        Ok(About::Question(s.to_string()))
    }
}

/// A chosen option as a platform carries it: the compact id it puts on a button (`k|<about>|<choice>`)
/// or on a menu (`s|<about>`, the choice coming with the pick). The engine writes and reads these
/// ids, so platforms never take them apart themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickChoice {
    /// What the reply with the option was about.
    pub about: About,
    /// The chosen [`Choice::id`].
    pub choice: String,
}

/// The start of a reminder's [`About::encode`] form.
const REMINDER: &str = "goal#";
/// [`About::ForgetMe`]'s form: no question key is a bare word without a dot.
const FORGET_ME: &str = "vergeetmij";
/// The start of a button's id.
const BUTTON: &str = "k|";
/// The start of a menu's id.
const MENU: &str = "s|";

impl QuickChoice {
    /// The id of a button for `choice` on a reply about `about`.
    pub fn button_id(about: &About, choice: &str) -> String {
        format!("{BUTTON}{}|{choice}", about.encode())
    }

    /// The id of a menu of choices on a reply about `about`.
    pub fn menu_id(about: &About) -> String {
        format!("{MENU}{}", about.encode())
    }

    /// Read a button's id, or a menu's id with the option `picked` in it, back into the
    /// choice. Ids posted by any earlier koers read the same. Junk (an unknown kind of id, a
    /// damaged part, a menu without a pick) is [`UserError::UnreadableChoice`]; it never panics.
    pub fn decode(id: &str, picked: Option<&str>) -> Result<QuickChoice, UserError> {
        let (about, choice) = if let Some(rest) = id.strip_prefix(BUTTON) {
            rest.rsplit_once('|').ok_or(UserError::UnreadableChoice)?
        } else if let Some(about) = id.strip_prefix(MENU) {
            (about, picked.ok_or(UserError::UnreadableChoice)?)
        } else {
            return Err(UserError::UnreadableChoice);
        };
        if !is_token(choice) {
            return Err(UserError::UnreadableChoice);
        }
        Ok(QuickChoice {
            about: About::decode(about)?,
            choice: choice.to_string(),
        })
    }
}

/// Whether `s` can be a key or a choice id: not empty, no white space, control characters or
/// the `|` that separates the parts of an id.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && c != '|')
}

impl From<QuickChoice> for Body {
    fn from(chosen: QuickChoice) -> Body {
        Body::Choice {
            about: chosen.about,
            value: chosen.choice,
        }
    }
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

    /// Whether any of a turn's replies says the team is gone ([`Reply::farewell`]).
    pub fn ends_team(replies: &[Reply]) -> bool {
        replies.iter().any(|r| r.farewell)
    }

    /// Whether it is a reminder with its actions (snooze, move, evaluate).
    pub fn is_reminder(&self) -> bool {
        matches!(self.about, Some(About::Reminder { .. }))
    }

    /// A plain text reply.
    pub fn text(text: impl Into<String>) -> Reply {
        Reply {
            text: text.into(),
            ..Reply::default()
        }
    }
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
