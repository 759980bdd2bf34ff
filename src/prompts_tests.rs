//! Tests of prompts.rs.

use super::*;

fn catalog() -> (Flow, Catalog) {
    let flow = Flow::builtin().expect("flow");
    let cat = Catalog::builtin(&flow).expect("prompts validate");
    (flow, cat)
}

#[test]
fn every_language_has_every_key() {
    let (_, cat) = catalog();
    let nl: BTreeSet<_> = cat.keys(Lang::Nl).collect();
    let en: BTreeSet<_> = cat.keys(Lang::En).collect();
    assert_eq!(nl, en);
    assert!(nl.len() > 150, "only {} keys", nl.len());
    for key in nl {
        for lang in Lang::ALL {
            assert!(
                !cat.get(lang, key).trim().is_empty(),
                "{lang} {key} is empty"
            );
        }
    }
}

#[test]
fn every_msg_key_used_in_the_code_exists() {
    let (_, cat) = catalog();
    let mut used = BTreeSet::new();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut stack = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read file");
                for part in text.split("\"msg.").skip(1) {
                    let key: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                        .collect();
                    if !key.is_empty() && !key.ends_with('.') && part[key.len()..].starts_with('"')
                    {
                        used.insert(format!("msg.{key}"));
                    }
                }
            }
        }
    }
    assert!(used.len() > 20, "found only {used:?}");
    for key in &used {
        assert!(
            cat.has(Lang::Nl, key),
            "{key} is used in code but not in prompts"
        );
    }
}

#[test]
fn validation_catches_missing_dangling_and_placeholder_drift() {
    let flow = Flow::builtin().expect("flow");
    let nl = NL_TOML.to_string();
    let with_extra = format!("{nl}\n[zzz]\nunused = \"x\"\n");
    assert!(Catalog::from_sources(&flow, &[(Lang::Nl, &with_extra)]).is_err());
    let en_drift = EN_TOML.replacen("Hi {team}!", "Hi {squad}!", 1);
    assert_ne!(en_drift, EN_TOML);
    assert!(Catalog::from_sources(&flow, &[(Lang::Nl, NL_TOML), (Lang::En, &en_drift)]).is_err());
    let missing = "[msg]\nhelp = \"x\"\n";
    assert!(Catalog::from_sources(&flow, &[(Lang::Nl, missing)]).is_err());
}

#[test]
fn fill_replaces_known_and_keeps_unknown_placeholders() {
    assert_eq!(fill("a {x} b {y} {", &[("x", "1")]), "a 1 b {y} {");
    assert_eq!(fill("{x}{x}", &[("x", "é")]), "éé");
}

#[test]
fn languages_parse_from_codes_and_names() {
    assert_eq!(Lang::parse(" EN "), Some(Lang::En));
    assert_eq!(Lang::parse("Nederlands"), Some(Lang::Nl));
    assert_eq!(Lang::parse("fr"), None);
}
