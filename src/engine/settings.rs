//! The limits and defaults the engine applies (filled from the configuration).

use crate::prompts::Lang;

/// Limits and defaults the engine applies.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Longest answer accepted, in characters.
    pub max_answer_chars: usize,
    /// Language of a new team.
    pub default_lang: Lang,
    /// Time zone of a new team.
    pub default_timezone: String,
    /// Days a closed round, and a team without a message, are kept; 0 keeps them for ever.
    pub retention_days: u32,
    /// Where the teams' private web pages are opened (`https://koers.example.org`, no trailing
    /// slash); `None` when this koers serves none, and `/link` says so.
    pub web_base: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_answer_chars: 2000,
            default_lang: Lang::Nl,
            default_timezone: "Europe/Amsterdam".into(),
            retention_days: 730,
            web_base: None,
        }
    }
}
