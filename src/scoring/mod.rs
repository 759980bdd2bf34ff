//! Reading and scoring the team's answers: free-text yes/no and choice answers, the
//! experience level of step 2, the data-source checks of the guide's appendix and the
//! rubric for the step-1 "vraagstuk" statement.
//!
//! Everything here is pure and deterministic and returns enums or ids only; the sentences
//! the bot says about a result live in the prompt files, keyed by those ids. The word lists
//! the scorers read are data too: `prompts/lexicon/nl.toml` and `en.toml` (see [`load_word_lists`]).

pub mod choice;
pub mod experiment;
#[cfg(test)]
mod fuzz_tests;
pub mod level;
mod lexicon;
pub mod normalize;
pub mod overlap;
pub mod smart;
pub mod sources;
pub mod statement;
pub mod yesno;

pub use lexicon::load_word_lists;
