//! Turning engine replies into Discord messages: components for choices (buttons for yes/no
//! and reminder actions, a select menu for other choices), 2000-character chunks, and calls
//! retried with a growing pause.

use std::time::Duration;

use anyhow::{Context as _, Result, anyhow};
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, ChannelId, CreateActionRow, CreateButton, CreateInteractionResponseMessage,
    CreateMessage,
};

use crate::engine::Reply;

/// Choice ids that are yes/no answers or reminder actions: always buttons.
const BUTTON_CHOICES: &[&str] = &[
    "yes", "no", "partly", "unknown", "snooze", "move", "evaluate",
];

/// Components for a reply's choices. Custom ids carry question and choice (`k|q|choice`,
/// select menus `s|q`), so they keep working after a restart.
pub(super) fn buttons(reply: &Reply) -> Vec<CreateActionRow> {
    let Some(question) = &reply.question else {
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
        let id = format!("s|{question}");
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
                        let id = format!("k|{question}|{}", c.id);
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

/// Discord takes at most 2000 characters a message: split on line ends.
pub(super) fn chunks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.split_inclusive('\n') {
        if cur.chars().count() + line.chars().count() > 1900 && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if line.chars().count() > 1900 {
            let mut buf = String::new();
            for ch in line.chars() {
                buf.push(ch);
                if buf.chars().count() >= 1900 {
                    out.push(std::mem::take(&mut buf));
                }
            }
            cur.push_str(&buf);
        } else {
            cur.push_str(line);
        }
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// Send replies into a channel, with retries on failure.
pub(super) async fn post(
    http: &serenity::Http,
    channel: ChannelId,
    replies: &[Reply],
) -> Result<()> {
    for reply in replies {
        let parts = chunks(&reply.text);
        let last = parts.len() - 1;
        for (i, part) in parts.into_iter().enumerate() {
            let mut msg = CreateMessage::new().content(part);
            if i == last {
                msg = msg.components(buttons(reply));
            }
            with_retry(|| channel.send_message(http, msg.clone())).await?;
        }
    }
    Ok(())
}

/// Retry a Discord call a few times with a growing pause (server errors, rate limits).
async fn with_retry<T, F, Fut>(mut call: F) -> Result<T>
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

/// Answer an interaction with the first reply, then post the rest in the channel.
pub(super) async fn respond<'a, F, Fut>(
    http: &serenity::Http,
    channel: ChannelId,
    replies: &[Reply],
    first: F,
) -> Result<()>
where
    F: FnOnce(CreateInteractionResponseMessage) -> Fut,
    Fut: std::future::Future<Output = serenity::Result<()>> + 'a,
{
    let Some((head, rest)) = replies.split_first() else {
        return Ok(());
    };
    let parts = chunks(&head.text);
    let mut response = CreateInteractionResponseMessage::new()
        .content(parts[0].clone())
        // A refusal or someone's own data is for them alone.
        .ephemeral(head.is_private());
    if parts.len() == 1 {
        response = response.components(buttons(head));
    }
    first(response).await.context("interaction reply")?;
    let mut tail: Vec<Reply> = parts[1..].iter().map(|p| Reply::text(p.clone())).collect();
    if parts.len() > 1
        && let Some(last) = tail.last_mut()
    {
        last.question.clone_from(&head.question);
        last.choices.clone_from(&head.choices);
    }
    tail.extend(rest.iter().cloned());
    post(http, channel, &tail).await
}
