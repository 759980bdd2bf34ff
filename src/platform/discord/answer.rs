//! Answering where someone asked, one message a turn. An interaction gets exactly one response:
//! the turn's message (follow-ups only when Discord's limits split it), or a note pointing to
//! the thread the message is posted in; a typed message gets one post. What is for one
//! person alone (a refusal, their own data) goes to them privately: ephemeral for an
//! interaction, a direct message for a typed line, never in the channel.

use anyhow::{Context as _, Result};
use poise::serenity_prelude as serenity;
use serenity::{
    ChannelId, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, Member, User,
};

use super::replies::{Part, message, no_pings, parts, post_text, with_retry};
use crate::engine::Reply;

/// An interaction koers answers: a slash command, a button or menu, or a form.
#[derive(Clone, Copy)]
pub(super) enum Asked<'a> {
    /// A slash command.
    Command(&'a serenity::CommandInteraction),
    /// A button or a select menu.
    Component(&'a serenity::ComponentInteraction),
    /// A submitted form.
    Modal(&'a serenity::ModalInteraction),
}

impl Asked<'_> {
    /// Who did it.
    pub(super) fn user(&self) -> &User {
        match self {
            Asked::Command(i) => &i.user,
            Asked::Component(i) => &i.user,
            Asked::Modal(i) => &i.user,
        }
    }

    /// Their membership, with the permissions Discord computed for the channel.
    pub(super) fn member(&self) -> Option<&Member> {
        match self {
            Asked::Command(i) => i.member.as_deref(),
            Asked::Component(i) => i.member.as_ref(),
            Asked::Modal(i) => i.member.as_ref(),
        }
    }

    /// The interaction's one response.
    pub(super) async fn create_response(
        self,
        http: &serenity::Http,
        response: CreateInteractionResponse,
    ) -> serenity::Result<()> {
        match self {
            Asked::Command(i) => i.create_response(http, response).await,
            Asked::Component(i) => i.create_response(http, response).await,
            Asked::Modal(i) => i.create_response(http, response).await,
        }
    }

    /// The response to a turn with nothing to say: a button or form acknowledged without a
    /// message. A slash command always has something to say (the engine answers every command),
    /// and Discord takes no bare acknowledgement of one; it gets a private empty-handed
    /// "thinking" that is taken back at once.
    async fn acknowledge(self, http: &serenity::Http) -> serenity::Result<()> {
        match self {
            Asked::Command(i) => {
                i.defer_ephemeral(http).await?;
                i.delete_response(http).await
            }
            Asked::Component(i) => {
                i.create_response(http, CreateInteractionResponse::Acknowledge)
                    .await
            }
            Asked::Modal(i) => {
                i.create_response(http, CreateInteractionResponse::Acknowledge)
                    .await
            }
        }
    }

    async fn create_followup(
        self,
        http: &serenity::Http,
        followup: CreateInteractionResponseFollowup,
    ) -> serenity::Result<serenity::Message> {
        match self {
            Asked::Command(i) => i.create_followup(http, followup).await,
            Asked::Component(i) => i.create_followup(http, followup).await,
            Asked::Modal(i) => i.create_followup(http, followup).await,
        }
    }
}

/// Where a turn's replies for the team go, and the note left where someone asked when that is
/// elsewhere (a new thread).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Route {
    /// The channel or thread the team's replies are posted in.
    pub(super) target: ChannelId,
    /// Said where someone asked, when the conversation continues elsewhere.
    pub(super) note: Option<String>,
}

impl Route {
    /// Replies go back where someone asked.
    pub(super) fn here(channel: ChannelId) -> Route {
        Route {
            target: channel,
            note: None,
        }
    }
}

fn response(part: &Part) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .content(part.text.clone())
        .components(part.components.clone())
        .add_files(part.files.clone())
        .ephemeral(part.private)
        .allowed_mentions(no_pings())
}

/// What an interaction's one response was.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Responded {
    /// Not yet.
    No,
    /// The note that the conversation continues elsewhere.
    Note,
    /// The first part of the turn's message for the team.
    Team,
    /// The first part of the message for the person who asked alone.
    Private,
}

/// Answer an interaction with its one response: the note when the conversation continues
/// elsewhere (the team's message is then posted there), else the turn's message. Only a turn
/// split past Discord's limits goes on in follow-ups; what is for the person alone is an
/// ephemeral follow-up after the team's message. A turn with nothing to say is acknowledged,
/// so Discord does not tell the member the interaction failed.
pub(super) async fn answer_interaction(
    http: &serenity::Http,
    asked: Asked<'_>,
    replies: &[Reply],
    route: &Route,
) -> Result<()> {
    let mut responded = Responded::No;
    if let Some(note) = &route.note {
        let note = CreateInteractionResponseMessage::new()
            .content(note.clone())
            .allowed_mentions(no_pings());
        asked
            .create_response(http, CreateInteractionResponse::Message(note))
            .await
            .context("interaction note")?;
        responded = Responded::Note;
    }
    for part in parts(replies) {
        match responded {
            Responded::No => {
                asked
                    .create_response(http, CreateInteractionResponse::Message(response(&part)))
                    .await
                    .context("interaction reply")?;
                responded = if part.private {
                    Responded::Private
                } else {
                    Responded::Team
                };
            }
            // The rest of a message split past Discord's limits, or the private one after the
            // team's or a note: follow-ups to the response, never posted for all to see.
            _ if part.private || responded == Responded::Team => {
                let followup = CreateInteractionResponseFollowup::new()
                    .content(part.text.clone())
                    .components(part.components.clone())
                    .add_files(part.files.clone())
                    .ephemeral(part.private)
                    .allowed_mentions(no_pings());
                with_retry(|| asked.create_followup(http, followup.clone())).await?;
            }
            // The team's message where the conversation runs, when the response was a note or
            // private.
            _ => {
                with_retry(|| route.target.send_message(http, message(&part))).await?;
            }
        }
    }
    if responded == Responded::No {
        asked
            .acknowledge(http)
            .await
            .context("interaction acknowledgement")?;
    }
    Ok(())
}

/// Answer a typed message: the note where it was typed, the team's replies in the route's
/// channel, and private replies as a direct message to its author. When Discord refuses the
/// direct message (the author takes none from server members), `dm_refused` is said where the
/// message was typed instead: it tells them how to ask privately, and carries nothing private.
pub(super) async fn answer_message(
    http: &serenity::Http,
    author: &User,
    here: ChannelId,
    replies: &[Reply],
    route: &Route,
    dm_refused: &str,
) -> Result<()> {
    if let Some(note) = &route.note {
        post_text(http, here, note).await?;
    }
    let mut dm = None;
    let mut refused = false;
    for part in parts(replies) {
        if !part.private {
            with_retry(|| route.target.send_message(http, message(&part))).await?;
            continue;
        }
        if refused {
            continue;
        }
        // A button clicked in a direct message has no team to act in: the text says what to
        // type in the channel instead (`/vergeetmij 1`).
        let part = Part {
            components: Vec::new(),
            ..part
        };
        // One attempt each: a closed inbox does not open by asking again.
        let sent = async {
            let channel = if let Some(channel) = &dm {
                *channel
            } else {
                let channel = author.create_dm_channel(http).await?.id;
                dm = Some(channel);
                channel
            };
            channel.send_message(http, message(&part)).await
        }
        .await;
        if let Err(e) = sent {
            tracing::warn!(error = %e, "could not send a direct message; said so in the channel");
            refused = true;
            post_text(http, here, dm_refused).await?;
        }
    }
    Ok(())
}
