//! Turning engine replies into Discord messages: components for choices (buttons for yes/no
//! and reminder actions, a select menu for other choices), texts cut under Discord's 2000 characters, no pings, and
//! calls retried with a growing pause.

use std::time::Duration;

use anyhow::{Result, anyhow};
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, ChannelId, CreateActionRow, CreateAllowedMentions, CreateButton, CreateMessage,
};

use crate::engine::{QuickChoice, Reply};
use crate::platform::kit::{Limit, split_text};

/// How long one message may be. Discord takes 2000 characters; koers has always kept 100
/// under that, so its posts are cut where they always were.
const MESSAGE_LIMIT: Limit = Limit::Chars(1900);

/// Choice ids that are yes/no answers or reminder actions: always buttons.
const BUTTON_CHOICES: &[&str] = &[
    "yes", "no", "partly", "unknown", "snooze", "move", "evaluate",
];

/// Components for a reply's choices. Their custom ids are the engine's [`QuickChoice`] ids,
/// which carry what the reply was about and the choice, so they keep working after a restart.
pub(super) fn buttons(reply: &Reply) -> Vec<CreateActionRow> {
    let Some(about) = &reply.about else {
        return Vec::new();
    };
    // Yes/no, reminder actions and short choices (origin, kind of data …) are buttons; long
    // lists such as the five focus areas are a select menu.
    if reply.choices.len() > 3
        && reply
            .choices
            .iter()
            .any(|c| !BUTTON_CHOICES.contains(&c.id.as_str()))
    {
        let id = QuickChoice::menu_id(about);
        if id.len() > 100 {
            return Vec::new();
        }
        let options = reply
            .choices
            .iter()
            .take(25)
            .map(|c| {
                let label: String = c.label.chars().take(100).collect();
                serenity::CreateSelectMenuOption::new(label, c.id.clone())
            })
            .collect();
        return vec![CreateActionRow::SelectMenu(
            serenity::CreateSelectMenu::new(id, serenity::CreateSelectMenuKind::String { options }),
        )];
    }
    reply
        .choices
        .chunks(5)
        .take(5)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .filter_map(|c| {
                        let id = QuickChoice::button_id(about, &c.id);
                        (id.len() <= 100).then(|| {
                            let label: String = c.label.chars().take(80).collect();
                            CreateButton::new(id)
                                .label(label)
                                .style(ButtonStyle::Secondary)
                        })
                    })
                    .collect(),
            )
        })
        .collect()
}

/// A text in as many messages as Discord needs ([`MESSAGE_LIMIT`]).
pub(super) fn chunks(text: &str) -> Vec<String> {
    split_text(text, MESSAGE_LIMIT)
}

/// No one is pinged by what koers posts: no @everyone, no roles, no users, no reply ping, even
/// when a reply repeats what someone wrote (a goal's owner, an answer with a mention in it).
pub(super) fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

/// One Discord message of a reply: a chunk of its text, with the reply's components on its last
/// chunk, and whether it is for the person who asked alone.
#[derive(Clone)]
pub(super) struct Part {
    pub(super) text: String,
    pub(super) components: Vec<CreateActionRow>,
    pub(super) private: bool,
}

/// The replies as messages, in order.
pub(super) fn parts(replies: &[Reply]) -> Vec<Part> {
    let mut out = Vec::new();
    for reply in replies {
        let texts = chunks(&reply.text);
        let last = texts.len() - 1;
        for (i, text) in texts.into_iter().enumerate() {
            out.push(Part {
                text,
                components: if i == last {
                    buttons(reply)
                } else {
                    Vec::new()
                },
                private: reply.is_private(),
            });
        }
    }
    out
}

/// A channel message for a part.
pub(super) fn message(part: &Part) -> CreateMessage {
    CreateMessage::new()
        .content(part.text.clone())
        .components(part.components.clone())
        .allowed_mentions(no_pings())
}

/// Post a plain text in a channel (a note), with retries.
pub(super) async fn post_text(http: &serenity::Http, channel: ChannelId, text: &str) -> Result<()> {
    let part = Part {
        text: text.to_string(),
        components: Vec::new(),
        private: false,
    };
    with_retry(|| channel.send_message(http, message(&part))).await?;
    Ok(())
}

/// Retry a Discord call a few times with a growing pause (server errors, rate limits).
pub(super) async fn with_retry<T, F, Fut>(mut call: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<T>>,
{
    let mut pause = Duration::from_millis(250);
    let mut last = None;
    for _ in 0..4 {
        match call().await {
            Ok(v) => return Ok(v),
            Err(e) => {
                tracing::warn!(error = %e, "Discord call failed; retrying");
                last = Some(e);
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
        }
    }
    Err(last.map_or_else(|| anyhow!("Discord call failed"), |e| anyhow!(e)))
}
