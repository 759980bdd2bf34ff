//! Tests of the stand-in's gateway spoken by hand over a WebSocket: HELLO, heartbeats,
//! IDENTIFY with a wrong and a right token, dispatches in sequence, RESUME and `INVALID_SESSION`.

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use serenity::all::Ready;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

use super::{TOKEN, WAIT, parse};
use crate::standin::StandIn;

async fn next_json<S>(ws: &mut S) -> Value
where
    S: futures::Stream<Item = Result<WsMessage, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let frame = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("a frame in time")
            .expect("connection open")
            .expect("a good frame");
        match frame {
            WsMessage::Text(text) => return serde_json::from_str(&text).expect("JSON frame"),
            WsMessage::Close(close) => panic!("closed: {close:?}"),
            _ => {}
        }
    }
}

async fn next_close<S>(ws: &mut S) -> CloseFrame<'static>
where
    S: futures::Stream<Item = Result<WsMessage, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        match tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("in time")
        {
            Some(Ok(WsMessage::Close(frame))) => return frame.expect("close frame"),
            Some(Ok(_)) => {}
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn gateway_speaks_the_protocol() {
    let standin = StandIn::start(TOKEN);
    let url = format!("{}?v=10&encoding=json", standin.gateway_url());

    // A wrong token is closed with 4004.
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    let hello = next_json(&mut ws).await;
    assert_eq!(hello["op"], 10);
    assert_eq!(hello["d"]["heartbeat_interval"], 45_000);
    ws.send(WsMessage::Text(json!({"op": 1, "d": null}).to_string()))
        .await
        .expect("heartbeat");
    assert_eq!(next_json(&mut ws).await["op"], 11);
    let identify = |token: &str| {
        WsMessage::Text(
            json!({"op": 2, "d": {"token": token, "intents": 513, "properties": {}}}).to_string(),
        )
    };
    ws.send(identify("Bot wrong")).await.expect("identify");
    assert_eq!(u16::from(next_close(&mut ws).await.code), 4004);

    // The right token: READY (s 1), GUILD_CREATE (s 2), then dispatches.
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    assert_eq!(next_json(&mut ws).await["op"], 10);
    ws.send(identify(&format!("Bot {TOKEN}")))
        .await
        .expect("identify");
    let ready = next_json(&mut ws).await;
    assert_eq!(
        (ready["t"].as_str(), ready["s"].as_u64()),
        (Some("READY"), Some(1))
    );
    let ready: Ready = parse("READY", &ready["d"]);
    assert_eq!(ready.resume_gateway_url, standin.gateway_url());
    let create = next_json(&mut ws).await;
    assert_eq!(
        (create["t"].as_str(), create["s"].as_u64()),
        (Some("GUILD_CREATE"), Some(2))
    );
    standin.wait_identified(1, WAIT).await;
    let hello_again = crate::standin::message_create(1, 2, 3, "x", "hoi");
    assert_eq!(standin.dispatch("MESSAGE_CREATE", hello_again), 1);
    let pushed = next_json(&mut ws).await;
    assert_eq!(
        (pushed["t"].as_str(), pushed["s"].as_u64()),
        (Some("MESSAGE_CREATE"), Some(3))
    );
    assert_eq!(pushed["d"]["content"], "hoi");
    assert_eq!(standin.gateway_received()[2]["d"]["intents"], 513);
    drop(ws);

    // RESUME of a known session: RESUMED continuing the sequence; unknown: INVALID_SESSION.
    let resume = |session: &str| {
        WsMessage::Text(
            json!({"op": 6, "d": {"token": format!("Bot {TOKEN}"), "session_id": session, "seq": 3}})
                .to_string(),
        )
    };
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    next_json(&mut ws).await;
    ws.send(resume(&ready.session_id)).await.expect("resume");
    let resumed = next_json(&mut ws).await;
    assert_eq!(
        (resumed["t"].as_str(), resumed["s"].as_u64()),
        (Some("RESUMED"), Some(4))
    );
    standin.close_sessions(4000);
    assert_eq!(u16::from(next_close(&mut ws).await.code), 4000);
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    next_json(&mut ws).await;
    ws.send(resume("no-such-session")).await.expect("resume");
    let invalid = next_json(&mut ws).await;
    assert_eq!(
        (invalid["op"].as_u64(), invalid["d"].as_bool()),
        (Some(9), Some(false))
    );
}
