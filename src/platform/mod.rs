//! Chat platforms: each translates its events into engine messages and renders the replies.
//! Only this folder knows about terminals, Discord or Matrix.

#[cfg(feature = "discord")]
pub mod discord;
#[cfg(feature = "matrix")]
pub mod matrix;
pub mod terminal;
