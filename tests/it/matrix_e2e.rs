//! End to end on a real homeserver: Synapse on 127.0.0.1 (installed and started by
//! `tests/matrix/synapse.py`), people on matrix-sdk clients, and the real `koers run` binary.
//! One file in `matrix/` per feature; the answers and the first question they share are here.

#[path = "matrix/circle.rs"]
mod circle;
#[path = "matrix/coach.rs"]
mod coach;
#[path = "matrix/delete.rs"]
mod delete;
#[path = "matrix/experiment.rs"]
mod experiment;
#[path = "matrix/full.rs"]
mod full;
#[path = "matrix/not_assessed.rs"]
mod not_assessed;
#[path = "matrix/picture.rs"]
mod picture;
#[path = "matrix/policy.rs"]
mod policy;
#[path = "matrix/reminders_fail.rs"]
mod reminders_fail;
#[path = "matrix/reminders_once.rs"]
mod reminders_once;
#[path = "matrix/restart.rs"]
mod restart;
#[path = "matrix/rooms.rs"]
mod rooms;
#[path = "matrix/rounds.rs"]
mod rounds;
#[path = "matrix/safe_to_invite.rs"]
mod safe_to_invite;
#[path = "matrix/sending.rs"]
mod sending;
#[path = "matrix/smart_check.rs"]
mod smart_check;
#[path = "matrix/step_two.rs"]
mod step_two;
#[path = "matrix/web.rs"]
mod web;

const HULPVRAGEN: [&str; 7] = [
    "Jong publiek",
    "Bereik",
    "Marketing",
    "Sanne",
    "Studenten",
    "Budget",
    "Korting",
];
/// The answer to "Wat willen jullie bereiken?", after the hulpvragen.
const ACHIEVE: &str = "Meer studenten in de zaal";
const STATEMENT: &str = "Hoeveel studenten kopen via de webshop een kaartje?";
const FOCUS_QUESTION: &str = "Met welke plek beginnen jullie?";
