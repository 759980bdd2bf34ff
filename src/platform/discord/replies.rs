//! Turning engine replies into Discord messages: one message a turn for the team (and one for
//! the person who asked alone), components for choices (buttons for yes/no and reminder
//! actions, a select menu for other choices), split only past Discord's 2000 characters with the
//! components on the last part, no pings, and calls retried with a growing pause.

use std::time::Duration;

use anyhow::{Result, anyhow};
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, ChannelId, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateMessage,
};

use crate::engine::{QuickChoice, Reply};
use crate::platform::kit::{Limit, split_text};

/// How long one message's text may be: Discord takes 2000 characters of content.
pub(super) const CONTENT_CHARS: usize = 2000;

/// [`CONTENT_CHARS`] for [`split_text`].
const MESSAGE_LIMIT: Limit = Limit::Chars(CONTENT_CHARS);

/// How many rows of components one message may have.
const ACTION_ROWS: usize = 5;

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

/// One Discord message of a turn: its text, its components (on the last message of a split
/// turn only), its files (the pictures, on the first message), and whether it is for the
/// person who asked alone.
#[derive(Clone)]
pub(super) struct Part {
    pub(super) text: String,
    pub(super) components: Vec<CreateActionRow>,
    pub(super) files: Vec<CreateAttachment>,
    pub(super) private: bool,
}

/// A reply's picture as a Discord file.
pub(super) fn attachment(image: &crate::engine::Image) -> CreateAttachment {
    CreateAttachment::bytes(image.png.clone(), image.name.clone()).description(image.alt.clone())
}

/// The files a reply carries (its picture, its file) as Discord attachments.
fn attachments(reply: &Reply) -> impl Iterator<Item = CreateAttachment> + '_ {
    let file = reply
        .file
        .as_ref()
        .map(|f| CreateAttachment::bytes(f.bytes.clone(), f.name.clone()));
    reply.image.as_ref().map(attachment).into_iter().chain(file)
}

/// A turn's replies as messages: everything for the team in one message, everything for the
/// person who asked alone in one other, in the order their first replies came. A message is
/// split only past Discord's limits ([`CONTENT_CHARS`] characters, [`ACTION_ROWS`] rows of
/// components): its text where the replies meet when it can, and its components on the last
/// part.
pub(super) fn parts(replies: &[Reply]) -> Vec<Part> {
    let (private, team): (Vec<&Reply>, Vec<&Reply>) = replies.iter().partition(|r| r.is_private());
    let mut groups = [(team, false), (private, true)];
    if replies.first().is_some_and(Reply::is_private) {
        groups.reverse();
    }
    groups
        .into_iter()
        .flat_map(|(group, private)| message_parts(&group, private))
        .collect()
}

/// Between two replies in one message.
const BETWEEN: &str = "\n\n";

/// One audience's replies as one message, in parts only where Discord's limits make it.
fn message_parts(replies: &[&Reply], private: bool) -> Vec<Part> {
    let texts = texts(replies);
    let mut rows = rows(replies).into_iter();
    let mut out: Vec<Part> = texts
        .into_iter()
        .map(|text| Part {
            text,
            components: Vec::new(),
            files: Vec::new(),
            private,
        })
        .collect();
    // The pictures and files go with the message's first part: an interaction's one response.
    if let Some(first) = out.first_mut() {
        first.files = replies.iter().flat_map(|r| attachments(r)).collect();
    }
    if let Some(last) = out.last_mut() {
        last.components = rows.by_ref().take(ACTION_ROWS).collect();
    }
    // More rows than one message holds (never in one turn of koers' flow): on their own after.
    let rest: Vec<CreateActionRow> = rows.collect();
    for chunk in rest.chunks(ACTION_ROWS) {
        out.push(Part {
            text: String::new(),
            components: chunk.to_vec(),
            files: Vec::new(),
            private,
        });
    }
    out
}

/// The replies' texts joined, cut into as few messages as [`CONTENT_CHARS`] allows: between
/// replies where it can, a reply too long for one message at its lines.
fn texts(replies: &[&Reply]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for reply in replies {
        let text = reply.text.trim_end();
        if text.is_empty() {
            continue;
        }
        for piece in chunks(text) {
            let fits = chars(&cur) + chars(BETWEEN) + chars(&piece) <= CONTENT_CHARS;
            if !cur.is_empty() && !fits {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push_str(BETWEEN);
            }
            cur.push_str(&piece);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The component rows of the replies in order; a reply about the same thing as a later one
/// gives way to it, as Discord takes each custom id once a message.
fn rows(replies: &[&Reply]) -> Vec<CreateActionRow> {
    replies
        .iter()
        .enumerate()
        .filter(|(i, reply)| {
            reply.about.is_some() && !replies[i + 1..].iter().any(|r| r.about == reply.about)
        })
        .flat_map(|(_, reply)| buttons(reply))
        .collect()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A channel message for a part.
pub(super) fn message(part: &Part) -> CreateMessage {
    CreateMessage::new()
        .content(part.text.clone())
        .components(part.components.clone())
        .add_files(part.files.clone())
        .allowed_mentions(no_pings())
}

/// Post a plain text in a channel (a note), with retries.
pub(super) async fn post_text(http: &serenity::Http, channel: ChannelId, text: &str) -> Result<()> {
    let part = Part {
        text: text.to_string(),
        components: Vec::new(),
        files: Vec::new(),
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

#[cfg(test)]
#[path = "replies_tests.rs"]
mod tests;
