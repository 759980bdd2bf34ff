//! Reminders on Discord: posted in the team's thread (else its channel), whole (in parts when long), each part
//! with its own enforced nonce; a refusal that cannot pass is told apart from one that may.

use std::sync::Arc;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use serenity::{ChannelId, CreateMessage, Nonce};

use super::replies::{buttons, chunks, no_pings};
use super::threads::conversation_of;
use crate::engine::{Reply, TeamKey};
use crate::platform::kit::Link;
use crate::reminders::{Delivery, DeliveryError, Sending};

/// Discord's longest message nonce.
const NONCE_CHARS: usize = 25;

/// Posts reminders in the team's thread (else its channel) with their key as an enforced nonce.
pub(super) struct DiscordDelivery {
    pub(super) http: Arc<serenity::Http>,
    pub(super) link: Link,
}

impl Delivery for DiscordDelivery {
    fn platform(&self) -> &'static str {
        "discord"
    }

    /// Discord's global limit for a bot: 50 requests a second.
    fn sends_per_second(&self) -> Option<u32> {
        Some(50)
    }

    fn deliver<'a>(&'a self, team: &'a TeamKey, reply: &'a Reply, key: &'a str) -> Sending<'a> {
        Box::pin(async move {
            let channel: u64 = team
                .id
                .parse()
                .context("a Discord team id is a channel id")?;
            let channel = conversation_of(&self.link, ChannelId::new(channel)).await?;
            // One try per part, no pause in between: the scheduler tries the reminder again
            // later, so a failing channel never keeps a delivery slot busy.
            let parts = chunks(&reply.text);
            let last = parts.len() - 1;
            for (i, part) in parts.into_iter().enumerate() {
                let mut msg = CreateMessage::new()
                    .content(part)
                    .nonce(Nonce::String(part_nonce(key, i)))
                    .enforce_nonce(true)
                    .allowed_mentions(no_pings());
                if i == last {
                    msg = msg.components(buttons(reply));
                }
                channel
                    .send_message(&self.http, msg)
                    .await
                    .map_err(delivery_error)?;
            }
            Ok(())
        })
    }
}

/// The nonce of part `i` of the reminder with idempotency key `key`: at most 25 characters.
/// The first part's is the end of the key; a later part's is the end of the key with `~i`, so
/// every part is deduplicated on its own.
pub(super) fn part_nonce(key: &str, i: usize) -> String {
    let suffix = if i == 0 {
        String::new()
    } else {
        format!("~{i}")
    };
    let room = NONCE_CHARS.saturating_sub(suffix.chars().count());
    let chars: Vec<char> = key.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(room)..].iter().collect();
    format!("{tail}{suffix}")
}

/// The reason a refusal with this HTTP status cannot pass, or `None` when it may: 401 is the
/// bot's token (every team alike), 408 and 429 are time-outs and rate limits, 5xx the server.
fn permanent_reason(status: u16, message: &str) -> Option<String> {
    let permanent = (400..500).contains(&status) && !matches!(status, 401 | 408 | 429);
    permanent.then(|| format!("discord {status} {message}"))
}

/// Sort a failed Discord call: channel gone (404 Unknown Channel), koers removed or muted (403),
/// message refused (other 4xx) cannot pass; network, rate limits and server errors may.
fn delivery_error(e: ::serenity::Error) -> DeliveryError {
    if let ::serenity::Error::Http(::serenity::http::HttpError::UnsuccessfulRequest(resp)) = &e {
        let status = resp.status_code.as_u16();
        if let Some(reason) = permanent_reason(status, &resp.error.message) {
            tracing::warn!(
                status,
                code = resp.error.code,
                message = resp.error.message,
                "Discord refused a reminder"
            );
            return DeliveryError::Permanent(reason);
        }
    }
    // serenity checks a message before sending it (length, known missing permissions): sending
    // the same message again cannot pass either.
    if let ::serenity::Error::Model(m) = &e {
        return DeliveryError::Permanent(format!("discord model {m}"));
    }
    DeliveryError::Transient(anyhow::Error::new(e).context("Discord did not take the reminder"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_has_its_own_nonce_within_discords_limit() {
        let key = "koers-g123456-r42-before-and-some-more";
        let nonces: Vec<String> = (0..12).map(|i| part_nonce(key, i)).collect();
        assert!(
            nonces.iter().all(|n| n.chars().count() <= NONCE_CHARS),
            "{nonces:?}"
        );
        let mut unique = nonces.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), nonces.len(), "{nonces:?}");
        // Stable, and a short key is its own first nonce.
        assert_eq!(part_nonce(key, 3), nonces[3]);
        assert_eq!(part_nonce("koers-g1-r1-before", 0), "koers-g1-r1-before");
        assert_eq!(part_nonce("koers-g1-r1-before", 1), "koers-g1-r1-before~1");
    }

    #[test]
    fn refusals_are_permanent_and_server_trouble_is_not() {
        assert_eq!(
            permanent_reason(404, "Unknown Channel").as_deref(),
            Some("discord 404 Unknown Channel")
        );
        assert!(permanent_reason(403, "Missing Access").is_some());
        assert!(permanent_reason(400, "Invalid Form Body").is_some());
        for status in [401, 408, 429, 500, 502, 503] {
            assert_eq!(permanent_reason(status, "x"), None, "{status}");
        }
    }
}
