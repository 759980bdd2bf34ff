//! Settings in layers: built-in defaults, then `config.toml`, then `KOERS_*` environment
//! variables. Secrets never come from the file: tokens are read from the environment by the
//! platform that needs them.

mod base_url;
mod env;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::prompts::Lang;
use crate::store::Sync;

/// The effective configuration. Every key is optional and unknown keys are refused; the
/// environment layer reads each field as `KOERS_<FIELD>` by itself (`env.rs`), so a new key
/// is a field, its default and its line in `config.example.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `SQLite` database file.
    pub db_path: PathBuf,
    /// Language of new teams.
    pub default_lang: Lang,
    /// IANA time zone of new teams.
    pub default_timezone: String,
    /// Longest answer accepted, in characters.
    pub max_answer_chars: usize,
    /// `SQLite` durability level.
    pub sync: Sync,
    /// How long to wait for a database lock held by another process.
    pub busy_timeout_ms: u64,
    /// The most 4 KiB pages the database may grow to (an operator's safety cap); unset: no cap.
    /// When it is reached answers are refused with "could not save, try again", as on a full
    /// disk.
    pub store_max_page_count: Option<u64>,
    /// `tracing` filter (e.g. `warn`, `koers=debug`).
    pub log: String,
    /// Days a closed round, and a team that sends no message, are kept before koers removes
    /// them (a team is warned two weeks ahead); 0 keeps everything.
    pub retention_days: u32,
    /// Discord: register the slash commands in this guild only (instant; for trying out).
    pub discord_guild: Option<u64>,
    /// Discord: id of the role that may change goals and start rounds (besides Manage Channels).
    pub discord_manager_role: Option<u64>,
    /// Discord: base URL replacing <https://discord.com> — only for the offline test stand-in.
    pub discord_api_base: Option<String>,
    /// Discord: ask for the Message Content intent (free-text answers in the channel).
    pub discord_message_content: bool,
    /// Matrix: the homeserver's base URL (`https://matrix.example.org`); set it to serve Matrix.
    pub matrix_homeserver: Option<String>,
    /// Matrix: the bot's user id (`@koers:example.org`) or its local part.
    pub matrix_user: Option<String>,
    /// Matrix: whose invitations are accepted: user ids (`@anna:example.org`) or server names
    /// (`example.org`). Empty: everyone's.
    pub matrix_allowed_inviters: Vec<String>,
    /// Matrix: the room power level from which a member is a manager (may start a round, move,
    /// close or drop goals, set the time zone, reminders and listening). Unset: the level the
    /// room asks to change its name (a moderator, 50, in a room made by Element).
    pub matrix_manager_level: Option<i64>,
    /// Matrix: user ids who are managers in every room, whatever their power level.
    pub matrix_managers: Vec<String>,
    /// The private web page per team: whether `koers run` serves it (`koers serve` always does).
    pub web_enabled: bool,
    /// The web page's address to listen on (`host:port`).
    pub web_address: String,
    /// The web page's address as people open it (behind a reverse proxy with HTTPS); unset:
    /// `http://` and [`Config::web_address`].
    pub web_public_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db_path: PathBuf::from("koers.sqlite"),
            default_lang: Lang::Nl,
            default_timezone: "Europe/Amsterdam".into(),
            max_answer_chars: 2000,
            sync: Sync::Normal,
            busy_timeout_ms: 5000,
            store_max_page_count: None,
            log: "warn".into(),
            retention_days: 730,
            discord_guild: None,
            discord_manager_role: None,
            discord_api_base: None,
            discord_message_content: true,
            matrix_homeserver: None,
            matrix_user: None,
            matrix_allowed_inviters: Vec::new(),
            matrix_manager_level: None,
            matrix_managers: Vec::new(),
            web_enabled: true,
            web_address: "127.0.0.1:8088".into(),
            web_public_url: None,
        }
    }
}

impl Config {
    /// Load the layers. `file` is the config file asked for on the command line; without it
    /// `KOERS_CONFIG` or `./config.toml` is read when present.
    pub fn load(file: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Result<Config> {
        let file = read_file(file, env)?;
        let env = env::table(env)?;
        let cfg = Config::merge(file, env).context("the configuration is not valid")?;
        cfg.check()?;
        Ok(cfg)
    }

    /// The environment's keys over the file's, read as one configuration; what neither sets
    /// keeps its default.
    fn merge(mut file: toml::Table, env: toml::Table) -> Result<Config> {
        file.extend(env);
        Ok(file.try_into()?)
    }

    /// Where a team's web link points: [`Config::web_public_url`], else `http://` and the
    /// listening address; no trailing slash.
    pub fn web_base(&self) -> String {
        match &self.web_public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.web_address),
        }
    }

    fn check(&self) -> Result<()> {
        if !(10..=100_000).contains(&self.max_answer_chars) {
            bail!("max_answer_chars must be between 10 and 100000");
        }
        if self.retention_days != 0 && !(30..=36_500).contains(&self.retention_days) {
            bail!("retention_days must be 0 (keep everything) or between 30 and 36500");
        }
        jiff::tz::TimeZone::get(&self.default_timezone).with_context(|| {
            format!(
                "default_timezone {:?} is not a known IANA time zone",
                self.default_timezone
            )
        })?;
        if let Some(url) = &self.discord_api_base {
            base_url::check_discord_api_base(url)?;
        }
        if let Some(url) = &self.matrix_homeserver {
            base_url::check_matrix_homeserver(url)?;
        }
        if self.matrix_homeserver.is_some() && self.matrix_user.is_none() {
            bail!("matrix_homeserver is set but matrix_user is not: koers needs both to log in");
        }
        self.web_address
            .parse::<std::net::SocketAddr>()
            .with_context(|| {
                format!(
                    "web_address {:?} is not an address to listen on such as 127.0.0.1:8088",
                    self.web_address
                )
            })?;
        if let Some(url) = &self.web_public_url {
            base_url::check_web_public_url(url)?;
        }
        if let Some(bad) = self
            .matrix_managers
            .iter()
            .find(|m| !(m.starts_with('@') && m.contains(':')))
        {
            bail!("matrix_managers holds user ids like @anna:example.org, not {bad:?}");
        }
        Ok(())
    }
}

/// The config file as a table of valid keys (empty when the default `config.toml` is not
/// there).
fn read_file(file: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Result<toml::Table> {
    let (path, required) = match (file, env("KOERS_CONFIG")) {
        (Some(p), _) => (p.to_path_buf(), true),
        (None, Some(p)) => (PathBuf::from(p), true),
        (None, None) => (PathBuf::from("config.toml"), false),
    };
    let table = match std::fs::read_to_string(&path) {
        Ok(text) => {
            let invalid = || format!("config file {} is not valid", path.display());
            // Read as the struct first, so that a bad key or value is shown at its line.
            toml::from_str::<Config>(&text).with_context(invalid)?;
            toml::from_str(&text).with_context(invalid)?
        }
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => toml::Table::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read config file {}", path.display()));
        }
    };
    Ok(table)
}

#[cfg(test)]
mod tests;
