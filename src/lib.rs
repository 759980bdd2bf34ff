//! koers: a chat bot that coaches teams at cultural institutions through the four steps of
//! "Stappenplan: aan de slag met publieksdata" (vraagstuk → data → actie & evaluatie →
//! implementatie).
//!
//! Layout: [`engine`] is the platform-neutral conversation (state machine, computations),
//! [`scoring`] reads and scores answers, [`store`] owns `SQLite`, [`prompts`] holds every sentence
//! in every language, [`platform`] adapts chat platforms to the engine, [`config`] layers the
//! settings, [`report`] draws the plan (SVG, PNG, HTML), [`states`] types the words stored for
//! statuses and kinds, [`web`] serves each team's private web page, and [`cli`] is the command
//! line.

pub mod cli;
pub mod config;
pub mod engine;
#[cfg(test)]
mod fuzz;
pub mod platform;
pub mod prompts;
pub mod reminders;
pub mod report;
pub mod scoring;
pub mod states;
pub mod store;
pub mod web;
