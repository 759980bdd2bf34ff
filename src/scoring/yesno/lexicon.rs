//! The emoji `parse_yes_no` reads. The words it reads are data: `[yesno]` in
//! `prompts/lexicon/nl.toml` and `en.toml`.

/// Emoji that answer on their own; they are read as the word they stand for, because
/// normalising would otherwise drop them.
pub(super) const EMOJI: &[(char, &str)] = &[
    ('👍', " ja "),
    ('✅', " ja "),
    ('✔', " ja "),
    ('👎', " nee "),
    ('❌', " nee "),
    ('🤷', " weet niet "),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::lexicon::lists;
    use crate::scoring::normalize::normalize;

    #[test]
    fn every_emoji_stands_for_a_phrase() {
        let phrases = lists().yesno.phrases;
        for (emoji, word) in EMOJI {
            assert_eq!(
                normalize(&emoji.to_string()),
                "",
                "{emoji} survives normalising"
            );
            assert!(
                phrases.iter().any(|(phrase, _)| *phrase == word.trim()),
                "{emoji} stands for {word:?}, which is no phrase"
            );
        }
    }
}
