//! The environment layer: `KOERS_<KEY>` for every key of [`Config`], read without a line of
//! code per key. The keys are the struct's own field names (as serde sees them); each value is
//! tried in the spellings an environment variable may have and checked on its own, so an error
//! names the variable rather than the merged configuration.

use anyhow::{Result, bail};
use serde::Deserialize as _;
use serde::de::{self, Deserializer, Visitor};
use toml::{Table, Value};

use super::Config;

/// The variable that sets `key`: `KOERS_` and the key in capitals.
pub(super) fn var_of(key: &str) -> String {
    format!("KOERS_{}", key.to_uppercase())
}

/// Every `KOERS_<KEY>` that is set, as a table of `config.toml` keys; each value is one that
/// key accepts.
pub(super) fn table(env: &dyn Fn(&str) -> Option<String>) -> Result<Table> {
    let mut table = Table::new();
    for key in keys() {
        let var = var_of(key);
        if let Some(raw) = env(&var) {
            table.insert((*key).to_string(), value(key, &var, &raw)?);
        }
    }
    Ok(table)
}

/// The first spelling of `raw` that `key` accepts; none: an error naming the variable.
fn value(key: &str, var: &str, raw: &str) -> Result<Value> {
    let typed = raw.trim().parse::<Value>().ok();
    let mut first_error = None;
    for candidate in spellings(raw, typed.clone()) {
        match accepts(key, candidate.clone()) {
            Ok(()) => return Ok(candidate),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    // Said against the value as TOML read it when it reads as one (`-5`: a negative number),
    // else against the text as given.
    let why = match typed {
        Some(v) => accepts(key, v).err(),
        None => None,
    }
    .or(first_error)
    .unwrap_or_default();
    bail!("{var}={raw:?} is not a valid {key}: {why}")
}

/// How an environment variable may write a value, most literal first: the text itself, the
/// text as a TOML value (`700`, `true`, `["a", "b"]`), in lower case (`FULL`), as a switch
/// (`1`, `yes`, `no`), and as a comma list (`a, b,`).
fn spellings(raw: &str, typed: Option<Value>) -> Vec<Value> {
    let lower = raw.trim().to_lowercase();
    let switch = match lower.as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    };
    let list = raw
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Value::String(s.to_string()))
        .collect();
    [
        Some(Value::String(raw.to_string())),
        typed,
        Some(Value::String(lower)),
        switch.map(Value::Boolean),
        Some(Value::Array(list)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Whether `key` takes `value`: a configuration with only that key set deserializes.
fn accepts(key: &str, value: Value) -> Result<(), String> {
    let mut one = Table::new();
    one.insert(key.to_string(), value);
    one.try_into::<Config>()
        .map(drop)
        .map_err(|e| e.message().to_string())
}

/// The keys of `config.toml`: the field names of [`Config`], asked from its `Deserialize`.
pub(super) fn keys() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // An error by design: `deserialize_struct` notes the names and stops.
    let stopped = Config::deserialize(FieldNames(&mut fields));
    debug_assert!(stopped.is_err());
    fields
}

/// A deserializer that only notes the field names a struct asks for.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only a struct's field names are read"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("the field names are read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}
