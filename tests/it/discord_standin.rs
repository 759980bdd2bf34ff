//! Tests of the Discord stand-in (tests/discord/): every payload it builds and every REST answer
//! deserialises into serenity's own types, and a real serenity client and poise framework work
//! against it end to end. One file per part in `discord/standin_*.rs`; what they share is here.

#[path = "discord/standin_client.rs"]
mod client;
#[path = "discord/standin_gateway.rs"]
mod gateway;
#[path = "discord/standin_http.rs"]
mod http;
#[path = "discord/standin_payloads.rs"]
mod payloads;
#[path = "discord/standin_rest.rs"]
mod rest;

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::Value;

const TOKEN: &str = "stand-in-test-token";
const WAIT: Duration = Duration::from_secs(10);

fn parse<T: DeserializeOwned>(what: &str, value: &Value) -> T {
    match serde_json::from_value(value.clone()) {
        Ok(parsed) => parsed,
        Err(e) => panic!("{what} does not deserialise: {e}\n{value:#}"),
    }
}
