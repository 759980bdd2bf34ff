//! Tests of the stand-in's HTTP server and its record: connections kept open, chunked bodies,
//! Discord's 404, and a `wait_for` that times out with what was recorded.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use serenity::all::Message;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

use super::{TOKEN, parse};
use crate::standin::StandIn;

#[tokio::test]
async fn wait_for_times_out_with_the_recorded_requests() {
    let standin = Arc::new(StandIn::start(TOKEN));
    standin.http().get_current_user().await.expect("users/@me");
    let waiting = Arc::clone(&standin);
    let outcome = tokio::spawn(async move {
        waiting
            .wait_for(|r| r.method == "DELETE", Duration::from_millis(200))
            .await
    })
    .await;
    let panic = outcome.expect_err("wait_for must panic").into_panic();
    let text = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(text.contains("GET /api/v10/users/@me"), "{text}");
}

/// Reads one HTTP/1.1 response (status and Content-Length body) off a raw connection.
async fn read_response(reader: &mut BufReader<tokio::net::TcpStream>) -> (u16, String) {
    let mut status_line = String::new();
    reader
        .read_line(&mut status_line)
        .await
        .expect("status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.expect("header");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().expect("length");
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.expect("body");
    (status, String::from_utf8(body).expect("UTF-8 body"))
}

#[tokio::test]
async fn http_keeps_connections_open_and_reads_chunked_bodies() {
    let standin = StandIn::start(TOKEN);
    let stream = tokio::net::TcpStream::connect(standin.rest_addr())
        .await
        .expect("connect");
    let mut reader = BufReader::new(stream);
    let auth = format!("Authorization: Bot {TOKEN}\r\n");

    // Two requests on one connection, the second with a chunked JSON body.
    let first = format!("GET /api/v10/users/@me HTTP/1.1\r\nHost: x\r\n{auth}\r\n");
    reader
        .get_mut()
        .write_all(first.as_bytes())
        .await
        .expect("write");
    let (status, body) = read_response(&mut reader).await;
    assert_eq!(status, 200);
    assert!(body.contains(crate::standin::BOT_USERNAME), "{body}");
    let chunked = format!(
        "POST /api/v10/channels/5/messages?x=1 HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\na\r\n{{\"content\"\r\n6\r\n:\"ok\"}}\r\n0\r\n\r\n"
    );
    reader
        .get_mut()
        .write_all(chunked.as_bytes())
        .await
        .expect("write");
    let (status, body) = read_response(&mut reader).await;
    assert_eq!(status, 200);
    let message: Message = parse(
        "chunked answer",
        &serde_json::from_str(&body).expect("JSON"),
    );
    assert_eq!(
        (message.content.as_str(), message.channel_id.get()),
        ("ok", 5)
    );

    // An unknown route: Discord's 404 shape; then `Connection: close` ends the connection.
    let last =
        format!("GET /api/v10/nothing/here HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n");
    reader
        .get_mut()
        .write_all(last.as_bytes())
        .await
        .expect("write");
    let (status, body) = read_response(&mut reader).await;
    assert_eq!(status, 404);
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("JSON"),
        json!({"message": "Unknown", "code": 0})
    );
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).await.expect("closed");
    assert!(rest.is_empty());

    let recorded = standin.requests();
    assert_eq!(recorded.len(), 3);
    assert_eq!(recorded[1].path, "/api/v10/channels/5/messages");
    assert_eq!(recorded[1].query, "x=1");
    assert_eq!(recorded[1].content(), Some("ok"));
}
