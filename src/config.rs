//! Settings in layers: built-in defaults, then `config.toml`, then `KOERS_*` environment
//! variables. Secrets never come from the file: tokens are read from the environment by the
//! platform that needs them.

mod base_url;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::prompts::Lang;
use crate::store::Sync;

/// The effective configuration. The file layer is this struct itself (every key optional,
/// unknown keys refused), so a new key is a field, its default, its environment variable and
/// its line in `config.example.toml`.
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
    /// `tracing` filter (e.g. `warn`, `koers=debug`).
    pub log: String,
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
            log: "warn".into(),
            discord_guild: None,
            discord_manager_role: None,
            discord_api_base: None,
            discord_message_content: true,
            matrix_homeserver: None,
            matrix_user: None,
            matrix_allowed_inviters: Vec::new(),
            matrix_manager_level: None,
            matrix_managers: Vec::new(),
        }
    }
}

impl Config {
    /// Load the layers. `file` is the config file asked for on the command line; without it
    /// `KOERS_CONFIG` or `./config.toml` is read when present.
    pub fn load(file: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Result<Config> {
        let mut cfg = Config::default();
        let (path, required) = match (file, env("KOERS_CONFIG")) {
            (Some(p), _) => (p.to_path_buf(), true),
            (None, Some(p)) => (PathBuf::from(p), true),
            (None, None) => (PathBuf::from("config.toml"), false),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                cfg = toml::from_str(&text)
                    .with_context(|| format!("config file {} is not valid", path.display()))?;
            }
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot read config file {}", path.display()));
            }
        }
        cfg.apply_env(env)?;
        cfg.check()?;
        Ok(cfg)
    }

    fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) -> Result<()> {
        if let Some(v) = env("KOERS_DB_PATH") {
            self.db_path = PathBuf::from(v);
        }
        if let Some(v) = env("KOERS_DEFAULT_LANG") {
            self.default_lang = parse_lang(&v)?;
        }
        if let Some(v) = env("KOERS_DEFAULT_TIMEZONE") {
            self.default_timezone = v;
        }
        if let Some(v) = env("KOERS_MAX_ANSWER_CHARS") {
            self.max_answer_chars = v
                .parse()
                .with_context(|| format!("KOERS_MAX_ANSWER_CHARS={v:?} is not a number"))?;
        }
        if let Some(v) = env("KOERS_SYNC") {
            self.sync = match v.to_lowercase().as_str() {
                "normal" => Sync::Normal,
                "full" => Sync::Full,
                _ => bail!("KOERS_SYNC must be normal or full, not {v:?}"),
            };
        }
        if let Some(v) = env("KOERS_BUSY_TIMEOUT_MS") {
            self.busy_timeout_ms = v
                .parse()
                .with_context(|| format!("KOERS_BUSY_TIMEOUT_MS={v:?} is not a number"))?;
        }
        if let Some(v) = env("KOERS_LOG") {
            self.log = v;
        }
        for (key, slot) in [
            ("KOERS_DISCORD_GUILD", &mut self.discord_guild),
            ("KOERS_DISCORD_MANAGER_ROLE", &mut self.discord_manager_role),
        ] {
            if let Some(v) = env(key) {
                *slot = Some(
                    v.parse()
                        .with_context(|| format!("{key}={v:?} is not a Discord id"))?,
                );
            }
        }
        if let Some(v) = env("KOERS_DISCORD_API_BASE") {
            self.discord_api_base = Some(v);
        }
        if let Some(v) = env("KOERS_DISCORD_MESSAGE_CONTENT") {
            self.discord_message_content = match v.to_lowercase().as_str() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                _ => bail!("KOERS_DISCORD_MESSAGE_CONTENT must be true or false, not {v:?}"),
            };
        }
        if let Some(v) = env("KOERS_MATRIX_HOMESERVER") {
            self.matrix_homeserver = Some(v);
        }
        if let Some(v) = env("KOERS_MATRIX_USER") {
            self.matrix_user = Some(v);
        }
        if let Some(v) = env("KOERS_MATRIX_ALLOWED_INVITERS") {
            self.matrix_allowed_inviters = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
        }
        if let Some(v) = env("KOERS_MATRIX_MANAGER_LEVEL") {
            self.matrix_manager_level = Some(v.trim().parse().with_context(|| {
                format!("KOERS_MATRIX_MANAGER_LEVEL={v:?} is not a whole number")
            })?);
        }
        if let Some(v) = env("KOERS_MATRIX_MANAGERS") {
            self.matrix_managers = comma_list(&v);
        }
        Ok(())
    }

    fn check(&self) -> Result<()> {
        if !(10..=100_000).contains(&self.max_answer_chars) {
            bail!("max_answer_chars must be between 10 and 100000");
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

/// `a, b,` → `["a", "b"]`.
fn comma_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn parse_lang(v: &str) -> Result<Lang> {
    Lang::parse(v).with_context(|| format!("language {v:?} is not nl or en"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn layers_apply_in_order_defaults_file_env() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "db_path = \"from-file.sqlite\"\nmax_answer_chars = 500\ndefault_lang = \"en\"\n",
        )
        .expect("write");
        let cfg =
            Config::load(Some(&file), &env_of(&[("KOERS_MAX_ANSWER_CHARS", "700")])).expect("load");
        assert_eq!(cfg.db_path, PathBuf::from("from-file.sqlite"));
        assert_eq!(cfg.max_answer_chars, 700);
        assert_eq!(cfg.default_lang, Lang::En);
        assert_eq!(cfg.sync, Sync::Normal);
    }

    #[test]
    fn bad_values_are_refused_with_the_key_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("c.toml");
        std::fs::write(&file, "no_such_key = 1\n").expect("write");
        assert!(Config::load(Some(&file), &env_of(&[])).is_err());
        let missing = dir.path().join("missing.toml");
        assert!(Config::load(Some(&missing), &env_of(&[])).is_err());
        let err = Config::load(None, &env_of(&[("KOERS_MAX_ANSWER_CHARS", "lots")]))
            .expect_err("not a number");
        assert!(format!("{err:#}").contains("KOERS_MAX_ANSWER_CHARS"));
        assert!(
            Config::load(None, &env_of(&[("KOERS_DEFAULT_TIMEZONE", "Mars/Olympus")])).is_err()
        );
        assert!(Config::load(None, &env_of(&[("KOERS_SYNC", "sometimes")])).is_err());
        let err = Config::load(
            None,
            &env_of(&[("KOERS_MATRIX_HOMESERVER", "http://127.0.0.1:8008")]),
        )
        .expect_err("no user");
        assert!(format!("{err:#}").contains("matrix_user"));
        assert!(
            Config::load(
                None,
                &env_of(&[
                    ("KOERS_MATRIX_HOMESERVER", "matrix.example.org"),
                    ("KOERS_MATRIX_USER", "koers")
                ])
            )
            .is_err()
        );
    }

    #[test]
    fn matrix_inviters_come_as_a_comma_list_from_the_environment() {
        let cfg = Config::load(
            None,
            &env_of(&[
                ("KOERS_MATRIX_HOMESERVER", "https://matrix.example.org"),
                ("KOERS_MATRIX_USER", "@koers:example.org"),
                (
                    "KOERS_MATRIX_ALLOWED_INVITERS",
                    "example.org, @anna:other.org,",
                ),
            ]),
        )
        .expect("load");
        assert_eq!(
            cfg.matrix_allowed_inviters,
            vec!["example.org".to_string(), "@anna:other.org".to_string()]
        );
        assert_eq!(cfg.matrix_user.as_deref(), Some("@koers:example.org"));
    }

    #[test]
    fn test_only_urls_outside_loopback_are_refused_from_file_and_environment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "discord_api_base = \"http://127.0.0.1.evil.example:3000\"\n",
        )
        .expect("write");
        let err = Config::load(Some(&file), &env_of(&[])).expect_err("file refused");
        assert!(format!("{err:#}").contains("discord_api_base"), "{err:#}");
        let ok = Config::load(
            None,
            &env_of(&[("KOERS_DISCORD_API_BASE", "http://127.0.0.1:3000")]),
        )
        .expect("loopback accepted");
        assert_eq!(
            ok.discord_api_base.as_deref(),
            Some("http://127.0.0.1:3000")
        );
        let err = Config::load(
            None,
            &env_of(&[
                ("KOERS_MATRIX_HOMESERVER", "http://matrix.example.org"),
                ("KOERS_MATRIX_USER", "koers"),
            ]),
        )
        .expect_err("plain http refused");
        assert!(format!("{err:#}").contains("matrix_homeserver"), "{err:#}");
    }

    #[test]
    fn matrix_managers_come_from_file_and_environment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "matrix_manager_level = 100\nmatrix_managers = [\"@anna:example.org\"]\n",
        )
        .expect("write");
        let cfg = Config::load(Some(&file), &env_of(&[])).expect("load");
        assert_eq!(cfg.matrix_manager_level, Some(100));
        assert_eq!(cfg.matrix_managers, vec!["@anna:example.org".to_string()]);
        let cfg = Config::load(
            Some(&file),
            &env_of(&[
                ("KOERS_MATRIX_MANAGER_LEVEL", "75"),
                (
                    "KOERS_MATRIX_MANAGERS",
                    "@ben:example.org, @carla:example.org,",
                ),
            ]),
        )
        .expect("load");
        assert_eq!(cfg.matrix_manager_level, Some(75));
        assert_eq!(
            cfg.matrix_managers,
            vec![
                "@ben:example.org".to_string(),
                "@carla:example.org".to_string()
            ]
        );
        let err = Config::load(None, &env_of(&[("KOERS_MATRIX_MANAGER_LEVEL", "mod")]))
            .expect_err("not a number");
        assert!(format!("{err:#}").contains("KOERS_MATRIX_MANAGER_LEVEL"));
        let err = Config::load(None, &env_of(&[("KOERS_MATRIX_MANAGERS", "anna")]))
            .expect_err("not a user id");
        assert!(format!("{err:#}").contains("matrix_managers"));
    }

    #[test]
    fn the_example_config_is_valid_and_matches_the_defaults() {
        let example = concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml");
        let cfg = Config::load(Some(Path::new(example)), &env_of(&[])).expect("example loads");
        assert_eq!(cfg, Config::default());
    }

    #[test]
    fn the_file_layer_takes_every_key_and_names_a_bad_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "default_lang = \"english\"\nsync = \"full\"\ndiscord_guild = 42\n",
        )
        .expect("write");
        let cfg = Config::load(Some(&file), &env_of(&[])).expect("load");
        assert_eq!(
            (cfg.default_lang, cfg.sync, cfg.discord_guild),
            (Lang::En, Sync::Full, Some(42))
        );
        assert_eq!(
            cfg.max_answer_chars, 2000,
            "what the file leaves out keeps its default"
        );
        std::fs::write(&file, "default_lang = \"fr\"\n").expect("write");
        let err = Config::load(Some(&file), &env_of(&[])).expect_err("not a language");
        assert!(format!("{err:#}").contains("default_lang"), "{err:#}");
    }
}
