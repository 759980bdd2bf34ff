//! Tests of the configuration layers.

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
    assert!(Config::load(None, &env_of(&[("KOERS_DEFAULT_TIMEZONE", "Mars/Olympus")])).is_err());
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

/// Every key `config.example.toml` explains, set or commented out (`# key = value`), with its
/// value there.
fn example_keys() -> Vec<(String, toml::Value)> {
    let text = include_str!("../../config.example.toml");
    text.lines()
        .map(|line| line.trim_start_matches("# "))
        .filter_map(|line| line.parse::<toml::Table>().ok())
        .flat_map(toml::Table::into_iter)
        .collect()
}

/// How a person writes `value` in an environment variable: text bare, a list comma-separated.
fn env_spelling(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => items.iter().map(env_spelling).collect::<Vec<_>>().join(","),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        other => panic!("no environment spelling for {other:?} yet"),
    }
}

#[test]
fn every_key_is_explained_in_the_example_and_read_from_its_environment_variable() {
    let explained = example_keys();
    let mut keys: Vec<&str> = explained.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    let mut fields = env::keys().to_vec();
    fields.sort_unstable();
    assert_eq!(keys, fields, "config.example.toml explains every key once");
    for (key, value) in explained {
        let mut line = toml::Table::new();
        line.insert(key.clone(), value.clone());
        let from_file = Config::merge(line, toml::Table::new()).expect("the example's value");
        let (var, spelled) = (env::var_of(&key), env_spelling(&value));
        let table = env::table(&env_of(&[(&var, &spelled)]))
            .unwrap_or_else(|e| panic!("{var}={spelled:?} is refused: {e:#}"));
        assert_eq!(table.get(&key), Some(&value), "{var}={spelled:?} is read");
        let from_env = Config::merge(toml::Table::new(), table).expect("merged");
        assert_eq!(from_env, from_file, "{var}={spelled:?} sets {key}");
    }
}

#[test]
fn environment_values_keep_their_old_spellings() {
    let cfg = Config::load(
        None,
        &env_of(&[
            ("KOERS_SYNC", "FULL"),
            ("KOERS_DISCORD_MESSAGE_CONTENT", "No"),
            ("KOERS_DISCORD_GUILD", "42"),
            ("KOERS_MATRIX_MANAGER_LEVEL", " 75 "),
            ("KOERS_LOG", "1"),
            ("KOERS_DB_PATH", "\"quoted\""),
            ("KOERS_DEFAULT_LANG", "English"),
            ("KOERS_MATRIX_MANAGERS", ""),
        ]),
    )
    .expect("load");
    assert_eq!(cfg.sync, Sync::Full);
    assert!(!cfg.discord_message_content);
    assert_eq!(cfg.discord_guild, Some(42));
    assert_eq!(cfg.matrix_manager_level, Some(75));
    assert_eq!(
        cfg.log, "1",
        "text stays text even when it reads as a number"
    );
    assert_eq!(cfg.db_path, PathBuf::from("\"quoted\""));
    assert_eq!(cfg.default_lang, Lang::En);
    assert!(cfg.matrix_managers.is_empty());
    for (var, bad) in [
        ("KOERS_DISCORD_MESSAGE_CONTENT", "maybe"),
        ("KOERS_DISCORD_GUILD", "guild"),
        ("KOERS_BUSY_TIMEOUT_MS", "-5"),
        ("KOERS_DEFAULT_LANG", "fr"),
    ] {
        let err = Config::load(None, &env_of(&[(var, bad)])).expect_err(bad);
        let shown = format!("{err:#}");
        assert!(shown.contains(var) && shown.contains(bad), "{shown}");
    }
}

#[test]
fn the_web_page_is_on_by_default_on_loopback_and_its_addresses_are_checked() {
    let cfg = Config::load(None, &env_of(&[])).expect("defaults");
    assert!(cfg.web_enabled);
    assert_eq!(cfg.web_base(), "http://127.0.0.1:8088");
    let cfg = Config::load(
        None,
        &env_of(&[
            ("KOERS_WEB_ENABLED", "no"),
            ("KOERS_WEB_ADDRESS", "0.0.0.0:9000"),
            ("KOERS_WEB_PUBLIC_URL", "https://koers.example.org/"),
        ]),
    )
    .expect("from the environment");
    assert!(!cfg.web_enabled);
    assert_eq!(cfg.web_address, "0.0.0.0:9000");
    assert_eq!(
        cfg.web_base(),
        "https://koers.example.org",
        "no trailing slash"
    );
    let err =
        Config::load(None, &env_of(&[("KOERS_WEB_ADDRESS", "localhost")])).expect_err("no port");
    assert!(format!("{err:#}").contains("web_address"), "{err:#}");
    for bad in [
        "koers.example.org",
        "ftp://koers.example.org",
        "https://user@koers.example.org",
        "https://koers.example.org/?x=1",
    ] {
        let err = Config::load(None, &env_of(&[("KOERS_WEB_PUBLIC_URL", bad)])).expect_err(bad);
        assert!(
            format!("{err:#}").contains("web_public_url"),
            "{bad}: {err:#}"
        );
    }
}
