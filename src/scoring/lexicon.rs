//! Word lists matched against normalised text (lowercase ASCII, punctuation turned into
//! spaces). Dutch writes compounds as one word with the telling part anywhere in it
//! ("museumbezoekers", "klanttevredenheid"), so Dutch stems are found anywhere; English stems
//! only at the start of a word.

/// Stems that show one thing is named, matched against the padded normalised text
/// (" word word ").
pub(crate) struct Lexicon {
    /// Found anywhere, also inside a word: "bezoek" in "herhaalbezoek".
    pub(crate) inside: &'static [&'static str],
    /// Found at the start of a word; may span words ("sign up"), and a trailing space
    /// asks for the whole word ("pers " does not match "personeel").
    pub(crate) word_start: &'static [&'static str],
}

impl Lexicon {
    /// Whether any stem occurs in `padded`, the normalised text with a space at each end.
    pub(crate) fn found_in(&self, padded: &str) -> bool {
        self.inside.iter().any(|stem| padded.contains(stem))
            || self
                .word_start
                .iter()
                .any(|stem| padded.contains(&format!(" {stem}")))
    }
}
