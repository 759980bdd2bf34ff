//! Chat platforms: each translates its events into engine messages and renders the replies.
//! Only this folder knows about terminals, Discord or Matrix. What they share (asking the
//! engine, the team's texts, splitting long text, display names) is the [`kit`].

#[cfg(feature = "discord")]
pub mod discord;
pub mod kit;
#[cfg(feature = "matrix")]
pub mod matrix;
pub mod terminal;

pub use kit::{Limit, Link, clean_name, display_name, person, split_text};
