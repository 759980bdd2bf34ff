//! Sending: replies as HTML messages with a plain fallback that ping no one, reactions to click,
//! and reminders with their idempotency key as transaction id (a resend after a crash is dropped
//! by the homeserver, which scopes transaction ids to the device).

use anyhow::{Context as _, Result};
use matrix_sdk::Client;
use matrix_sdk::ruma::api::client::message::send_message_event;
use matrix_sdk::ruma::api::error::ErrorKind;
use matrix_sdk::ruma::events::Mentions;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedTransactionId, TransactionId};

use super::render::{render, split_long};
use super::{PLATFORM, api_error_is, on_store};
use crate::engine::{Reply, TeamKey};
use crate::reminders::{Delivery, Sending};
use crate::store::Db;

/// Post one reply in a room under transaction id `txn` (a long reply's later parts and the
/// reactions get `txn` plus a suffix), and remember which question it asked so a reaction to it
/// can answer that question.
pub(super) async fn post(
    client: &Client,
    db: &Db,
    room: &str,
    reply: &Reply,
    txn: &str,
    now: String,
) -> Result<OwnedEventId> {
    let room: OwnedRoomId = room.try_into().context("not a Matrix room id")?;
    let mut parts = split_long(reply);
    let last = parts.pop().unwrap_or_else(|| reply.clone());
    for (i, part) in parts.iter().enumerate() {
        post_one(client, db, &room, part, &format!("{txn}.p{i}"), &now).await?;
    }
    post_one(client, db, &room, &last, txn, &now).await
}

async fn post_one(
    client: &Client,
    db: &Db,
    room: &OwnedRoomId,
    reply: &Reply,
    txn: &str,
    now: &str,
) -> Result<OwnedEventId> {
    let rendered = render(reply);
    let mut content = RoomMessageEventContent::text_html(rendered.plain, rendered.html);
    // An explicit empty `m.mentions`: a name or id koers repeats from what people wrote never
    // notifies anyone.
    content.mentions = Some(Mentions::new());
    let request = send_message_event::v3::Request::new(room.clone(), txn_id(txn), &content)
        .context("cannot encode the message")?;
    let event_id = client
        .send(request)
        .await
        .context("the homeserver did not take the message")?
        .event_id;
    if let (Some(question), false) = (&reply.question, rendered.reactions.is_empty()) {
        let (db, id, question, now) = (
            db.clone(),
            event_id.to_string(),
            question.clone(),
            now.to_string(),
        );
        on_store(&db, move |s| {
            s.insert_sent_question(PLATFORM, &id, &question, &now)
        })
        .await?;
        for (i, key) in rendered.reactions.iter().enumerate() {
            let reaction =
                ReactionEventContent::new(Annotation::new(event_id.clone(), (*key).to_string()));
            let request = send_message_event::v3::Request::new(
                room.clone(),
                txn_id(&format!("{txn}.r{i}")),
                &reaction,
            )
            .context("cannot encode a reaction")?;
            // A missing reaction only costs a click; the numbered answer still works.
            if let Err(e) = client.send(request).await {
                tracing::warn!(error = %e, "could not add a reaction");
            }
        }
    }
    Ok(event_id)
}

/// A fresh transaction id for an ordinary reply (sent once, after the commit).
pub(super) fn fresh_txn() -> String {
    TransactionId::new().to_string()
}

fn txn_id(s: &str) -> OwnedTransactionId {
    s.into()
}

/// Whether a send failed because koers is no longer in the room (kicked, left, room gone):
/// retrying cannot help.
pub(super) fn not_in_room(err: &anyhow::Error) -> bool {
    api_error_is(err, |k| {
        matches!(k, ErrorKind::Forbidden | ErrorKind::NotFound)
    })
}

/// Posts due reminders in the team's room.
pub(super) struct MatrixDelivery {
    pub client: Client,
    pub db: Db,
    /// The engine clock's now (RFC 3339), for the question record.
    pub now: Box<dyn Fn() -> String + Send + Sync>,
}

impl Delivery for MatrixDelivery {
    fn platform(&self) -> &str {
        PLATFORM
    }

    fn deliver<'a>(&'a self, team: &'a TeamKey, reply: &'a Reply, key: &'a str) -> Sending<'a> {
        Box::pin(async move {
            match post(&self.client, &self.db, &team.id, reply, key, (self.now)()).await {
                Ok(_) => Ok(()),
                Err(e) if not_in_room(&e) => {
                    // Blocking the queue on a room koers can no longer post in would hold up
                    // every other team's reminders; count it as delivered and say so.
                    tracing::warn!(room = %team.id, error = format!("{e:#}"),
                        "koers is not in the room any more; reminder dropped");
                    Ok(())
                }
                Err(e) => Err(e),
            }
        })
    }
}
