//! koers' texts name commands the way the terminal and Discord type them (`/status`). In a
//! Matrix room Element keeps a line that starts with `/` to itself, so there a command is typed
//! `!koers status`: before a text is posted, every command it names is written that way.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::engine::COMMANDS;

/// `/word` where `word` is one of koers' command names, at the start of the text or after a
/// space or an opening bracket or quote (so a path in a link is left alone).
fn pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            let mut words: Vec<&str> = COMMANDS
                .iter()
                .flat_map(|c| [c.nl, c.en].into_iter().chain(c.aliases.iter().copied()))
                .collect();
            // The longest first, so `/doelen` is not read as `/doel` followed by `en`.
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
            words.dedup();
            let names: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
            let source = format!(r#"(^|[\s(\[“‘'"])/({})\b"#, names.join("|"));
            match Regex::new(&source) {
                Ok(re) => Some(re),
                Err(e) => {
                    // The table is fixed at compile time; a test builds this pattern.
                    tracing::error!(error = %e, "the Matrix command pattern does not compile");
                    None
                }
            }
        })
        .as_ref()
}

/// `text` with each command it names as it is typed in a Matrix room (`!koers status`).
pub(super) fn as_typed_here(text: &str) -> Cow<'_, str> {
    match pattern() {
        Some(re) => re.replace_all(text, "${1}!koers ${2}"),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_written_as_typed_in_a_room_and_nothing_else_changes() {
        assert!(pattern().is_some(), "the pattern compiles");
        let cases = [
            ("/status", "!koers status"),
            (
                "Typ /verwijder team K7M2QX.",
                "Typ !koers verwijder team K7M2QX.",
            ),
            (
                "/privacy, /mijndata, /vergeetmij — wat",
                "!koers privacy, !koers mijndata, !koers vergeetmij — wat",
            ),
            ("Wissen (/vergeetmij 2)", "Wissen (!koers vergeetmij 2)"),
            (
                "met 'goal add' of /goal add",
                "met 'goal add' of !koers goal add",
            ),
            (
                "zie http://127.0.0.1:8088/t/abc/status",
                "zie http://127.0.0.1:8088/t/abc/status",
            ),
            ("30/06/2027 en a/b", "30/06/2027 en a/b"),
            ("/starten is geen commando", "/starten is geen commando"),
            ("/onbekend", "/onbekend"),
            (
                "regel\n/help — deze uitleg",
                "regel\n!koers help — deze uitleg",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(as_typed_here(text), want, "{text:?}");
        }
    }
}
