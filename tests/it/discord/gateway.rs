//! The stand-in's gateway side: HELLO, IDENTIFY → READY + `GUILD_CREATE`, heartbeat acks,
//! RESUME, and the dispatches pushed by `StandIn::dispatch`. JSON text frames, no compression.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::payloads::{ready_json, snowflake};
use super::{Inner, Outgoing, Session};

fn frame(value: &Value) -> WsMessage {
    WsMessage::Text(value.to_string())
}

/// Accepts the WebSocket upgrade on `/gw` only. The signature is tungstenite's callback.
#[allow(clippy::result_large_err)]
fn check_path(request: &Request, response: Response) -> Result<Response, ErrorResponse> {
    if request.uri().path() == "/gw" {
        Ok(response)
    } else {
        let mut refusal = ErrorResponse::new(Some("not the gateway".into()));
        *refusal.status_mut() = tokio_tungstenite::tungstenite::http::StatusCode::NOT_FOUND;
        Err(refusal)
    }
}

pub(super) async fn serve(stream: TcpStream, inner: Arc<Inner>) {
    let Ok(ws) = tokio_tungstenite::accept_hdr_async(stream, check_path).await else {
        return;
    };
    let conn = inner.next_conn.fetch_add(1, Ordering::Relaxed);
    let (mut sink, mut source) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Outgoing>();
    let mut seq: u64 = 0;
    let hello = json!({"op": 10, "d": {"heartbeat_interval": inner.heartbeat_interval}, "s": null, "t": null});
    if sink.send(frame(&hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = source.next() => {
                let text = match incoming {
                    Some(Ok(WsMessage::Text(text))) => text,
                    Some(Ok(WsMessage::Close(_)) | Err(_)) | None => break,
                    Some(Ok(_)) => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                {
                    inner.state().gateway_received.push(payload.clone());
                }
                inner.bump();
                match payload["op"].as_u64() {
                    Some(1) => {
                        let ack = sink.send(frame(&json!({"op": 11, "d": null}))).await;
                        if ack.is_err() {
                            break;
                        }
                    }
                    Some(2) => {
                        let token = payload["d"]["token"].as_str().unwrap_or_default();
                        if !inner.token_ok(token) {
                            close(&mut sink, 4004, "Authentication failed.").await;
                            break;
                        }
                        identify(&inner, conn, &tx);
                    }
                    Some(6) => {
                        let token = payload["d"]["token"].as_str().unwrap_or_default();
                        let session_id = payload["d"]["session_id"].as_str().unwrap_or_default();
                        if !inner.token_ok(token) {
                            close(&mut sink, 4004, "Authentication failed.").await;
                            break;
                        }
                        // Continue the client's sequence, as Discord does on a resume.
                        seq = payload["d"]["seq"].as_u64().unwrap_or(seq);
                        resume(&inner, conn, session_id, &tx);
                    }
                    _ => {}
                }
            }
            outgoing = rx.recv() => {
                let sent = match outgoing {
                    Some(Outgoing::Dispatch(event, data)) => {
                        seq += 1;
                        sink.send(frame(&json!({"op": 0, "t": event, "s": seq, "d": data}))).await
                    }
                    Some(Outgoing::Raw(value)) => sink.send(frame(&value)).await,
                    Some(Outgoing::Close(code, reason)) => {
                        close(&mut sink, code, &reason).await;
                        break;
                    }
                    None => break,
                };
                if sent.is_err() {
                    break;
                }
            }
        }
    }
    inner.state().sessions.retain(|s| s.conn != conn);
    inner.bump();
}

async fn close<S>(sink: &mut S, code: u16, reason: &str)
where
    S: futures::Sink<WsMessage> + Unpin,
{
    let close = WsMessage::Close(Some(CloseFrame {
        code: CloseCode::from(code),
        reason: reason.to_owned().into(),
    }));
    if sink.send(close).await.is_err() {
        // The peer is gone already.
    }
}

/// READY, `GUILD_CREATE` per guild, then the events dispatched while nobody was connected — all
/// queued under one lock, so a concurrent `dispatch` lands after them.
fn identify(inner: &Inner, conn: u64, tx: &mpsc::UnboundedSender<Outgoing>) {
    let session_id = format!("session-{conn}-{}", snowflake());
    let guild_ids: Vec<u64> = inner
        .guilds
        .iter()
        .filter(|g| g.announced)
        .map(|g| g.id)
        .collect();
    let ready = ready_json(&guild_ids, &session_id, &inner.gateway_url);
    let mut queue = vec![Outgoing::Dispatch("READY".into(), ready)];
    for guild in inner.guilds.iter().filter(|g| g.announced) {
        queue.push(Outgoing::Dispatch(
            "GUILD_CREATE".into(),
            guild.guild_create_json(),
        ));
    }
    {
        let mut state = inner.state();
        queue.extend(
            state
                .pending
                .drain(..)
                .map(|(event, data)| Outgoing::Dispatch(event, data)),
        );
        for out in queue {
            if tx.send(out).is_err() {
                return;
            }
        }
        state.known_sessions.push(session_id);
        state.sessions.push(Session {
            conn,
            tx: tx.clone(),
        });
        state.identified += 1;
    }
    inner.bump();
}

/// RESUMED for a session this stand-in issued; `INVALID_SESSION` (d false) otherwise, so the
/// client identifies again.
fn resume(inner: &Inner, conn: u64, session_id: &str, tx: &mpsc::UnboundedSender<Outgoing>) {
    let mut state = inner.state();
    if !state.known_sessions.iter().any(|s| s == session_id) {
        if tx
            .send(Outgoing::Raw(json!({"op": 9, "d": false})))
            .is_err()
        {
            // The connection is closing.
        }
        return;
    }
    let mut queue = vec![Outgoing::Dispatch("RESUMED".into(), json!({}))];
    queue.extend(
        state
            .pending
            .drain(..)
            .map(|(event, data)| Outgoing::Dispatch(event, data)),
    );
    for out in queue {
        if tx.send(out).is_err() {
            return;
        }
    }
    state.sessions.push(Session {
        conn,
        tx: tx.clone(),
    });
    drop(state);
    inner.bump();
}
