//! Finding a person's id in free text (goal owners, evaluation texts) and replacing it: a
//! Discord mention of it, or the id standing alone, never a longer name or id that holds it.

/// Characters that continue an id (so `bea` is not found in `beatrix` or `@bea:x`).
fn continues(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '@')
}

/// Whether `text` carries `id` itself: a Discord mention of it, or the id standing alone.
pub fn carries_id(text: &str, id: &str) -> bool {
    without_id(text, id, "") != text
}

/// `text` with every mention of `id` (`<@id>`, `<@!id>`, the id standing alone) replaced by
/// `pseudonym`.
pub fn without_id(text: &str, id: &str, pseudonym: &str) -> String {
    if id.is_empty() {
        return text.to_string();
    }
    let text = text
        .replace(&format!("<@!{id}>"), pseudonym)
        .replace(&format!("<@{id}>"), pseudonym);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(id) {
        out.push_str(&rest[..at]);
        let after = &rest[at + id.len()..];
        let alone = !out.chars().next_back().is_some_and(continues) && !goes_on(after);
        out.push_str(if alone { pseudonym } else { id });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether the text after a found id continues it (`bea` in `bea.smith`, not in `bea.`).
fn goes_on(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some('.') => chars.next().is_some_and(char::is_alphanumeric),
        Some(c) => continues(c),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_counts_only_where_it_stands_alone_or_is_mentioned() {
        assert!(carries_id("<@123456>", "123456"));
        assert!(carries_id("Ann en <@!123456>", "123456"));
        assert!(carries_id("@bea:localhost, marketing", "@bea:localhost"));
        assert!(carries_id("bea", "bea"));
        assert!(carries_id("bea en ann.", "bea"));
        assert!(!carries_id("beatrix", "bea"));
        assert!(!carries_id("@bea:localhost", "bea"));
        assert!(!carries_id("@bea:localhost2", "@bea:localhost"));
        assert!(!carries_id("<@1234567>", "123456"));
        assert!(!carries_id("anything", ""));
        assert_eq!(
            without_id("<@123> en bea, niet beatrix", "123", "oud-lid 1"),
            "oud-lid 1 en bea, niet beatrix"
        );
        assert_eq!(
            without_id("bea en beatrix", "bea", "oud-lid 2"),
            "oud-lid 2 en beatrix"
        );
        assert!(!carries_id("bea.smith", "bea"));
    }
}
