//! Shared helpers for the end-to-end tests of `koers chat`:
//! - `harness.rs`, the process harness: a [`Sandbox`] folder, the real binary run to its end
//!   ([`Finished`]), and reading its output;
//! - `session.rs`, the binary driven line by line ([`Session`]);
//! - `database.rs`, the database reader: what the binary stored, read through koers' own
//!   store ([`Database`]), never through SQL of the tests' own;
//! - `http_response.rs`, reading the web page's responses and their private headers;
//! - `goal_plan.rs`, the plan through one SMART goal (`goal_loop.rs` and the answer bench);
//! - `chat_at.rs`, `koers chat` run to its end at a set time ([`chat_at`]);
//! - `walk.rs`, the walk: the scripted Dutch conversation ([`WALK`]), what koers computes along
//!   it ([`WALK_COMPUTED`]) and the checks built on them ([`assert_walk_stored`],
//!   [`smart_check`]).

mod chat_at;
mod database;
pub(crate) mod goal_plan;
mod harness;
pub(crate) mod http_response;
mod session;
mod walk;

pub(crate) use chat_at::*;
pub(crate) use database::*;
pub(crate) use harness::*;
pub(crate) use session::*;
pub(crate) use walk::*;
