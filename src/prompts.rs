//! Every sentence the bot says, per language, from `prompts/<lang>.toml`.
//!
//! The files are embedded in the binary and checked at start-up against the flow: every text the
//! flow needs exists in every language, both languages have exactly the same keys and the same
//! `{placeholders}`, and no key is left that nothing uses.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use anyhow::{Context, Result, bail};

use crate::engine::flow::Flow;

const NL_TOML: &str = include_str!("../prompts/nl.toml");
const EN_TOML: &str = include_str!("../prompts/en.toml");

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Dutch, the default.
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The code stored in the database and used in commands.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Read a language from a code or name a user may type.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "nl" | "nederlands" | "dutch" | "nld" => Some(Lang::Nl),
            "en" | "engels" | "english" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

// In `config.toml`, a language is written as a user may type it (`nl`, `english`…).
impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Lang, D::Error> {
        let word = String::deserialize(d)?;
        Lang::parse(&word)
            .ok_or_else(|| serde::de::Error::custom(format!("language {word:?} is not nl or en")))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The texts of all languages.
#[derive(Debug)]
pub struct Catalog {
    texts: BTreeMap<Lang, BTreeMap<String, String>>,
}

impl Catalog {
    /// Load the embedded language files and validate them against `flow`.
    pub fn builtin(flow: &Flow) -> Result<Catalog> {
        Self::from_sources(flow, &[(Lang::Nl, NL_TOML), (Lang::En, EN_TOML)])
    }

    /// Load and validate language files given as TOML text.
    pub fn from_sources(flow: &Flow, sources: &[(Lang, &str)]) -> Result<Catalog> {
        let mut texts = BTreeMap::new();
        for (lang, src) in sources {
            let value: toml::Table =
                toml::from_str(src).with_context(|| format!("prompts/{lang}.toml is not valid"))?;
            let mut flat = BTreeMap::new();
            flatten("", &toml::Value::Table(value), &mut flat)
                .with_context(|| format!("in prompts/{lang}.toml"))?;
            texts.insert(*lang, flat);
        }
        let catalog = Catalog { texts };
        catalog.validate(flow)?;
        Ok(catalog)
    }

    fn validate(&self, flow: &Flow) -> Result<()> {
        let required = flow.text_keys();
        let mut first: Option<(Lang, &BTreeMap<String, String>)> = None;
        for (lang, map) in &self.texts {
            let missing: Vec<_> = required.iter().filter(|k| !map.contains_key(*k)).collect();
            if !missing.is_empty() {
                bail!("prompts/{lang}.toml lacks {missing:?}");
            }
            let dangling: Vec<_> = map
                .keys()
                .filter(|k| !required.contains(*k) && !is_owned_key(k))
                .collect();
            if !dangling.is_empty() {
                bail!("prompts/{lang}.toml has keys nothing uses: {dangling:?}");
            }
            if let Some((other, other_map)) = first {
                let a: BTreeSet<_> = map.keys().collect();
                let b: BTreeSet<_> = other_map.keys().collect();
                if a != b {
                    let diff: Vec<_> = a.symmetric_difference(&b).collect();
                    bail!("prompts/{lang}.toml and prompts/{other}.toml differ in keys: {diff:?}");
                }
                for (key, text) in map {
                    if placeholders(text) != placeholders(&other_map[key]) {
                        bail!("{key}: placeholders differ between {lang} and {other}");
                    }
                }
            } else {
                first = Some((*lang, map));
            }
        }
        Ok(())
    }

    /// The text for `key` in `lang`. A missing key (prevented by validation) yields "…" and
    /// an error in the log rather than a crash.
    pub fn get(&self, lang: Lang, key: &str) -> &str {
        if let Some(t) = self.texts.get(&lang).and_then(|m| m.get(key)) {
            t
        } else {
            tracing::error!(key, %lang, "missing prompt text");
            "…"
        }
    }

    /// Whether `key` exists (optional texts such as choice synonyms).
    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.texts.get(&lang).is_some_and(|m| m.contains_key(key))
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fmt(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(lang, key), args)
    }

    /// All keys of one language (for tests and tools).
    pub fn keys(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.texts
            .get(&lang)
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
    }
}

/// Fill `{name}` placeholders; unknown placeholders stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        if let Some(end) = after.find('}') {
            let name = &after[..end];
            if let Some((_, v)) = args.iter().find(|(n, _)| *n == name) {
                out.push_str(v);
            } else {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            rest = &after[end + 1..];
        } else {
            out.push_str(&rest[start..]);
            rest = "";
        }
    }
    out.push_str(rest);
    out
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut set = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            set.insert(name);
        }
        rest = &after[end + 1..];
    }
    set
}

fn flatten(prefix: &str, value: &toml::Value, out: &mut BTreeMap<String, String>) -> Result<()> {
    match value {
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out)?;
            }
        }
        _ => bail!("{prefix}: every text must be a string"),
    }
    Ok(())
}

/// Keys outside the flow-derived set that are still in use: engine messages.
fn is_owned_key(key: &str) -> bool {
    key.starts_with("msg.")
}

#[cfg(test)]
#[path = "prompts_tests.rs"]
mod tests;
