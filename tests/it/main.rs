//! End-to-end tests, in one crate: they drive the real `koers` binary (terminal, `koers run`)
//! and the real platform adapters — Discord against an offline stand-in on 127.0.0.1, Matrix
//! against a real Synapse that `matrix/synapse.py` installs and starts — and share one build,
//! one link and one homeserver.

mod common;
#[cfg(feature = "matrix")]
mod matrix;
#[cfg(feature = "discord")]
#[path = "discord/standin.rs"]
mod standin;

mod answers;
mod bad_input;
mod chat_flow;
mod circle;
mod coach;
mod commands;
mod crash_loop;
mod crash_resume;
#[cfg(feature = "discord")]
mod discord_crash_loop;
#[cfg(feature = "discord")]
mod discord_e2e;
#[cfg(feature = "discord")]
mod discord_standin;
mod evaluation_resume;
mod experiment_flow;
mod export_cli;
mod export_picture;
mod full_store;
mod goal_flow;
mod goal_loop;
#[cfg(feature = "matrix")]
mod matrix_e2e;
mod picture_chat;
mod policy_flow;
mod privacy_person;
mod privacy_team;
mod rounds;
#[cfg(feature = "discord")]
mod run_lease;
mod web_page;
