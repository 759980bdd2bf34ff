//! Sending: replies as HTML messages with a plain fallback that ping no one, reactions to click,
//! and reminders with their idempotency key as transaction id (a resend after a crash is dropped
//! by the homeserver, which scopes transaction ids to the device).

use std::time::Duration;

use anyhow::{Context as _, Result};
use matrix_sdk::Client;
use matrix_sdk::config::RequestConfig;
use matrix_sdk::ruma::api::client::media::create_content;
use matrix_sdk::ruma::api::client::message::send_message_event;
use matrix_sdk::ruma::api::error::ErrorBody;
use matrix_sdk::ruma::api::error::{ErrorKind, RetryAfter};
use matrix_sdk::ruma::events::Mentions;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::ImageInfo;
use matrix_sdk::ruma::events::room::message::{
    FileInfo, FileMessageEventContent, ImageMessageEventContent, MessageType,
    RoomMessageEventContent,
};
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedTransactionId, TransactionId, UInt};

use super::PLATFORM;
use super::render::{render, split_long};
use crate::engine::{Attachment, Image, Reply, TeamKey};
use crate::platform::kit::Link;
use crate::reminders::{Delivery, DeliveryError, Sending};

/// Post one reply in a room under transaction id `txn` (a long reply's later parts and the
/// reactions get `txn` plus a suffix), and remember which question it asked so a reaction to it
/// can answer that question.
pub(super) async fn post(
    client: &Client,
    link: &Link,
    room: &str,
    reply: &Reply,
    txn: &str,
    now: String,
) -> Result<OwnedEventId> {
    post_with(client, link, room, reply, txn, &now, None).await
}

/// [`post`] with its own request settings for the messages (reminders: no retries in the SDK).
async fn post_with(
    client: &Client,
    link: &Link,
    room: &str,
    reply: &Reply,
    txn: &str,
    now: &str,
    config: Option<RequestConfig>,
) -> Result<OwnedEventId> {
    let room: OwnedRoomId = room.try_into().context("not a Matrix room id")?;
    let mut parts = split_long(reply);
    let last = parts.pop().unwrap_or_else(|| reply.clone());
    for (i, part) in parts.iter().enumerate() {
        post_one(
            client,
            link,
            &room,
            part,
            &format!("{txn}.p{i}"),
            now,
            config,
        )
        .await?;
    }
    post_one(client, link, &room, &last, txn, now, config).await
}

async fn post_one(
    client: &Client,
    link: &Link,
    room: &OwnedRoomId,
    reply: &Reply,
    txn: &str,
    now: &str,
    config: Option<RequestConfig>,
) -> Result<OwnedEventId> {
    let rendered = render(reply);
    let mut content = RoomMessageEventContent::text_html(rendered.plain, rendered.html);
    // An explicit empty `m.mentions`: a name or id koers repeats from what people wrote never
    // notifies anyone.
    content.mentions = Some(Mentions::new());
    let request = send_message_event::v3::Request::new(room.clone(), txn_id(txn), &content)
        .context("cannot encode the message")?;
    let mut send = client.send(request);
    if let Some(config) = config {
        send = send.with_request_config(config);
    }
    let event_id = send
        .await
        .context("the homeserver did not take the message")?
        .event_id;
    if let (Some(about), false) = (&reply.about, rendered.reactions.is_empty()) {
        // Kept in the engine's compact form (the same strings as ever), read back with
        // `About::decode` when someone reacts.
        let (id, about, now) = (event_id.to_string(), about.encode(), now.to_string());
        let team = room.to_string();
        link.store(move |s| s.insert_sent_question(PLATFORM, &team, &id, &about, &now))
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

/// Post a picture in a room: the PNG uploaded to the homeserver's media repository, then an
/// `m.image` event with its size and type, its alt text as the body.
pub(super) async fn post_image(
    client: &Client,
    room: &str,
    image: &Image,
    txn: &str,
) -> Result<OwnedEventId> {
    let room: OwnedRoomId = room.try_into().context("not a Matrix room id")?;
    let mut upload = create_content::v3::Request::new(image.png.clone());
    upload.content_type = Some(PNG.to_string());
    upload.filename = Some(image.name.clone());
    let uri = client
        .send(upload)
        .await
        .context("the homeserver did not take the picture")?
        .content_uri;
    let mut info = ImageInfo::new();
    info.width = Some(UInt::from(image.width));
    info.height = Some(UInt::from(image.height));
    info.mimetype = Some(PNG.to_string());
    info.size = UInt::new(image.png.len() as u64);
    let mut picture = ImageMessageEventContent::plain(image.alt.clone(), uri);
    picture.filename = Some(image.name.clone());
    picture.info = Some(Box::new(info));
    let mut content = RoomMessageEventContent::new(MessageType::Image(picture));
    content.mentions = Some(Mentions::new());
    let request = send_message_event::v3::Request::new(room, txn_id(txn), &content)
        .context("cannot encode the picture's message")?;
    Ok(client
        .send(request)
        .await
        .context("the homeserver did not take the picture's message")?
        .event_id)
}

/// Post a file in a room (`/export html`): uploaded to the homeserver's media repository, then
/// an `m.file` event with its name, type and size.
pub(super) async fn post_file(
    client: &Client,
    room: &str,
    file: &Attachment,
    txn: &str,
) -> Result<OwnedEventId> {
    let room: OwnedRoomId = room.try_into().context("not a Matrix room id")?;
    let mut upload = create_content::v3::Request::new(file.bytes.clone());
    upload.content_type = Some(file.mime.clone());
    upload.filename = Some(file.name.clone());
    let uri = client
        .send(upload)
        .await
        .context("the homeserver did not take the file")?
        .content_uri;
    let mut info = FileInfo::new();
    info.mimetype = Some(file.mime.clone());
    info.size = UInt::new(file.bytes.len() as u64);
    let mut event = FileMessageEventContent::plain(file.name.clone(), uri);
    event.filename = Some(file.name.clone());
    event.info = Some(Box::new(info));
    let mut content = RoomMessageEventContent::new(MessageType::File(event));
    content.mentions = Some(Mentions::new());
    let request = send_message_event::v3::Request::new(room, txn_id(txn), &content)
        .context("cannot encode the file's message")?;
    Ok(client
        .send(request)
        .await
        .context("the homeserver did not take the file's message")?
        .event_id)
}

/// The media type of koers' pictures.
const PNG: &str = "image/png";

/// A fresh transaction id for an ordinary reply (sent once, after the commit).
pub(super) fn fresh_txn() -> String {
    TransactionId::new().to_string()
}

fn txn_id(s: &str) -> OwnedTransactionId {
    s.into()
}

/// Sort a failed reminder post: koers removed or muted (`M_FORBIDDEN`), room unknown
/// (`M_NOT_FOUND`), message too large (`M_TOO_LARGE`) and other refusals (4xx) cannot pass;
/// rate limits (429), the bot's own login (401), network and server errors may.
fn delivery_error(err: anyhow::Error) -> DeliveryError {
    let api = err.chain().find_map(|e| {
        e.downcast_ref::<matrix_sdk::HttpError>()
            .and_then(matrix_sdk::HttpError::as_client_api_error)
    });
    let Some(api) = api else {
        return DeliveryError::Transient(err);
    };
    let status = api.status_code.as_u16();
    if let Some(ErrorKind::LimitExceeded(data)) = api.error_kind() {
        // The homeserver says how long: every reminder send waits that long, then this one
        // goes again (not counted as a failed try). Without a time, a second.
        let pause = match &data.retry_after {
            Some(RetryAfter::Delay(d)) => *d,
            Some(RetryAfter::DateTime(at)) => at
                .duration_since(std::time::SystemTime::now())
                .unwrap_or_default(),
            None => Duration::from_secs(1),
        };
        return DeliveryError::RateLimited(pause);
    }
    let permanent = match api.error_kind() {
        Some(ErrorKind::LimitExceeded(_) | ErrorKind::UnknownToken(_)) => false,
        Some(ErrorKind::Forbidden | ErrorKind::NotFound | ErrorKind::TooLarge) => true,
        _ => (400..500).contains(&status) && !matches!(status, 401 | 408 | 429),
    };
    if !permanent {
        return DeliveryError::Transient(err);
    }
    let reason = match &api.body {
        ErrorBody::Standard(body) => format!("matrix {} {}", body.kind.errcode(), body.message),
        _ => format!("matrix {status}"),
    };
    DeliveryError::Permanent(reason)
}

/// Posts due reminders in the team's room.
pub(super) struct MatrixDelivery {
    pub client: Client,
    pub link: Link,
}

impl Delivery for MatrixDelivery {
    fn platform(&self) -> &str {
        PLATFORM
    }

    fn deliver<'a>(&'a self, team: &'a TeamKey, reply: &'a Reply, key: &'a str) -> Sending<'a> {
        Box::pin(async move {
            // One try: the scheduler tries again later, so a failing room never keeps a
            // delivery slot busy with the SDK's own retries.
            let config = RequestConfig::new()
                .disable_retry()
                .timeout(Duration::from_secs(30));
            let now = self.link.engine().now().to_string();
            match post_with(
                &self.client,
                &self.link,
                &team.id,
                reply,
                key,
                &now,
                Some(config),
            )
            .await
            {
                Ok(_) if reply.farewell => {
                    // A team retention deleted: koers stops reading its room.
                    leave(&self.client, &team.id).await;
                    Ok(())
                }
                Ok(_) => Ok(()),
                Err(e) => Err(delivery_error(e)),
            }
        })
    }
}

/// Leave a room whose team is gone; a failure is only logged (the team's data is gone anyway).
async fn leave(client: &Client, room: &str) {
    let room: OwnedRoomId = match room.try_into() {
        Ok(room) => room,
        Err(e) => {
            tracing::warn!(room, error = %e, "not a Matrix room id");
            return;
        }
    };
    if let Err(e) = client
        .send(matrix_sdk::ruma::api::client::membership::leave_room::v3::Request::new(room.clone()))
        .await
    {
        tracing::warn!(%room, error = %e, "could not leave the room of a deleted team");
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use matrix_sdk::HttpError;
    use matrix_sdk::ruma::api::client::uiaa::UiaaResponse;
    use matrix_sdk::ruma::api::error::{
        Error, ErrorBody, ErrorKind, FromHttpResponseError, LimitExceededErrorData, RetryAfter,
        StandardErrorBody,
    };
    use matrix_sdk::ruma::exports::http::StatusCode;

    use super::delivery_error;
    use crate::reminders::DeliveryError;

    /// What the homeserver's answer `kind` with `status` becomes, as the SDK hands it over.
    fn from_server(status: StatusCode, kind: ErrorKind) -> DeliveryError {
        let body = ErrorBody::Standard(StandardErrorBody::new(kind, "from the test".into()));
        let api = UiaaResponse::MatrixError(Error::new(status, body));
        let err = HttpError::Api(Box::new(FromHttpResponseError::Server(api)));
        delivery_error(anyhow::Error::new(err).context("cannot post the reminder"))
    }

    #[test]
    fn limit_exceeded_holds_the_sends_for_the_time_the_homeserver_asks() {
        let mut data = LimitExceededErrorData::new();
        data.retry_after = Some(RetryAfter::Delay(Duration::from_millis(1500)));
        let got = from_server(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::LimitExceeded(data),
        );
        assert!(
            matches!(got, DeliveryError::RateLimited(d) if d == Duration::from_millis(1500)),
            "{got:?}"
        );
        let got = from_server(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::LimitExceeded(LimitExceededErrorData::new()),
        );
        assert!(
            matches!(got, DeliveryError::RateLimited(d) if d == Duration::from_secs(1)),
            "without a time, a second: {got:?}"
        );
    }

    #[test]
    fn a_room_koers_may_not_post_in_fails_for_good_and_a_server_error_may_pass() {
        let got = from_server(StatusCode::FORBIDDEN, ErrorKind::Forbidden);
        assert!(matches!(got, DeliveryError::Permanent(_)), "{got:?}");
        let got = from_server(StatusCode::BAD_GATEWAY, ErrorKind::Unknown);
        assert!(matches!(got, DeliveryError::Transient(_)), "{got:?}");
    }
}
