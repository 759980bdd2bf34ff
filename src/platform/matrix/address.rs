//! Whether a line of free text is meant for koers: it replies to a message (koers' or not,
//! decided later against the store and the homeserver) or mentions koers by `m.mentions`, id or
//! display name. Pure functions, unit-tested.

use serde_json::Value;

use super::events::strip_prefix_ci;

/// koers itself: its user id and the display name people use to mention it.
#[derive(Debug, Clone)]
pub(super) struct Me {
    /// `@koers:example.org`.
    pub id: String,
    /// Its display name (the local part when it has none).
    pub name: String,
}

/// A line of free text and how it is addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Said {
    /// The text, without a quoted reply or a leading mention of koers.
    pub text: String,
    /// The events it answers (a reply, a thread's root), to check whether koers sent one.
    pub replies_to: Vec<String>,
    /// It mentions koers (`m.mentions`, or koers' id or name in the text).
    pub mentions_me: bool,
}

/// Read free text `line` of a message with `content`.
pub(super) fn said(line: &str, content: &Value, me: &Me) -> Said {
    let rel = &content["m.relates_to"];
    let mut replies_to: Vec<String> = rel["m.in_reply_to"]["event_id"]
        .as_str()
        .into_iter()
        .map(String::from)
        .collect();
    // A message in a thread answers the thread's first message.
    if rel["rel_type"].as_str() == Some("m.thread")
        && let Some(root) = rel["event_id"].as_str()
        && !replies_to.iter().any(|r| r == root)
    {
        replies_to.push(root.to_string());
    }
    let listed = content["m.mentions"]["user_ids"]
        .as_array()
        .is_some_and(|ids| ids.iter().any(|id| id.as_str() == Some(me.id.as_str())));
    Said {
        text: strip_mention(line, me).to_string(),
        replies_to,
        mentions_me: listed || names(line, me),
    }
}

/// Whether koers' id or display name is in the text as a word of its own.
fn names(text: &str, me: &Me) -> bool {
    let lower = text.to_lowercase();
    [me.id.as_str(), me.name.as_str()]
        .iter()
        .filter(|n| n.chars().count() >= 2)
        .any(|n| {
            let n = n.to_lowercase();
            lower.match_indices(&n).any(|(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + n.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
}

/// `koers: ja` (how a client writes a mention at the start) → `ja`.
fn strip_mention<'a>(text: &'a str, me: &Me) -> &'a str {
    let trimmed = text.trim_start();
    for name in [me.id.as_str(), me.name.as_str()] {
        if name.is_empty() {
            continue;
        }
        if let Some(rest) = strip_prefix_ci(trimmed, name)
            && (rest.is_empty() || rest.starts_with([':', ',', ' ']))
        {
            let rest = rest.trim_start_matches([':', ',']).trim_start();
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ME: &str = "@koers:localhost";

    fn me() -> Me {
        Me {
            id: ME.into(),
            name: "Koers".into(),
        }
    }

    fn read(content: Value) -> Said {
        let line = content["body"].as_str().unwrap_or("").to_string();
        said(&line, &content, &me())
    }

    #[test]
    fn a_mention_is_addressed_and_taken_off_the_answer() {
        let pill = read(json!({"msgtype": "m.text", "body": "Koers: ja",
                               "m.mentions": {"user_ids": [ME]}}));
        assert_eq!((pill.text.as_str(), pill.mentions_me), ("ja", true));
        let by_id = read(json!({"msgtype": "m.text", "body": "@koers:localhost, nee"}));
        assert_eq!((by_id.text.as_str(), by_id.mentions_me), ("nee", true));
        let in_text = read(json!({"msgtype": "m.text", "body": "wat vindt koers hiervan?"}));
        assert!(in_text.mentions_me, "its name as a word");
        assert_eq!(in_text.text, "wat vindt koers hiervan?");
        let other = read(json!({"msgtype": "m.text", "body": "koersvast blijven",
                                "m.mentions": {"user_ids": ["@ben:x"]}}));
        assert!(!other.mentions_me, "part of a word, someone else listed");
        assert!(other.replies_to.is_empty());
    }

    #[test]
    fn replies_and_threads_name_the_messages_they_answer() {
        let reply = read(json!({"msgtype": "m.text", "body": "ja",
                                "m.relates_to": {"m.in_reply_to": {"event_id": "$q"}}}));
        assert_eq!(reply.replies_to, vec!["$q".to_string()]);
        assert!(!reply.mentions_me);
        let thread = read(json!({"msgtype": "m.text", "body": "ja",
                                 "m.relates_to": {"rel_type": "m.thread", "event_id": "$root",
                                                  "is_falling_back": true,
                                                  "m.in_reply_to": {"event_id": "$last"}}}));
        assert_eq!(
            thread.replies_to,
            vec!["$last".to_string(), "$root".to_string()]
        );
    }
}
