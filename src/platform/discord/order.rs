//! The messages of one channel (or thread) are handled one after another, in the order Discord
//! sent them, so two quick answers land on the questions they answer.
//!
//! serenity hands every event to its own tokio task, and a task spawned later may run first
//! (tokio runs the newest spawned task next), so a lock taken in the handler alone would keep
//! the order the tasks happen to run in, not the order the messages came in. serenity fills its
//! message cache in arrival order before any task runs: whoever holds a channel's lock handles
//! every cached message of that channel up to its own, oldest first, and the tasks of those
//! messages then find them done.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use poise::serenity_prelude as serenity;
use serenity::{ChannelId, Message};

/// How many recent messages per channel serenity keeps: enough for any burst that arrives
/// while one answer is being handled.
pub(super) const MESSAGES_KEPT: usize = 64;

/// One lock per channel, holding the id of the newest message handled there.
#[derive(Default)]
pub(super) struct Lanes {
    lanes: Mutex<HashMap<ChannelId, Arc<tokio::sync::Mutex<u64>>>>,
}

impl Lanes {
    fn lane(&self, channel: ChannelId) -> Arc<tokio::sync::Mutex<u64>> {
        let mut lanes = self
            .lanes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(lanes.entry(channel).or_default())
    }

    /// Handle `m`, after every message that came before it in its channel.
    pub(super) async fn in_order<F, Fut>(&self, cache: &serenity::Cache, m: &Message, mut handle: F)
    where
        F: FnMut(Message) -> Fut,
        Fut: std::future::Future<Output = anyhow::Result<()>>,
    {
        let lane = self.lane(m.channel_id);
        let mut newest = lane.lock().await;
        if m.id.get() <= *newest {
            return;
        }
        let mut due: Vec<Message> = cache
            .channel_messages(m.channel_id)
            .map(|cached| {
                cached
                    .values()
                    .filter(|c| c.id.get() > *newest && c.id < m.id)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        // Message ids rise in the order Discord received the messages.
        due.sort_by_key(|c| c.id);
        due.push(m.clone());
        for message in due {
            *newest = message.id.get();
            if let Err(e) = handle(message).await {
                tracing::error!(error = format!("{e:#}"), "Discord message failed");
            }
        }
    }
}
