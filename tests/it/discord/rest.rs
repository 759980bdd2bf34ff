//! The stand-in's REST side: a small HTTP/1.1 server (keep-alive, Content-Length or chunked
//! bodies, multipart `payload_json`) that records every request; `routes.rs` answers them.

use std::sync::Arc;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::routes::Call;
use super::{Inner, Recorded, RecordedFile, State};

/// Largest body accepted (Discord's own upload limit is of this order).
const MAX_BODY: usize = 32 * 1024 * 1024;

struct RawRequest {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl RawRequest {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(super) async fn serve(stream: TcpStream, inner: Arc<Inner>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    while let Some(request) = read_request(&mut reader).await {
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let (status, body) = handle(&inner, request);
        let mut out = match &body {
            Some(body) => {
                let text = body.to_string();
                format!(
                    "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{text}",
                    reason(status),
                    text.len()
                )
            }
            None => format!("HTTP/1.1 {status} {}\r\n", reason(status)),
        };
        if body.is_none() {
            if status != 204 {
                out.push_str("content-length: 0\r\n");
            }
            out.push_str("\r\n");
        }
        if write.write_all(out.as_bytes()).await.is_err() || write.flush().await.is_err() {
            return;
        }
        if close {
            return;
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

async fn read_line<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<String> {
    let mut line = Vec::new();
    if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
        return None;
    }
    Some(String::from_utf8_lossy(&line).trim_end().to_owned())
}

async fn read_request<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<RawRequest> {
    let mut line = read_line(reader).await?;
    while line.is_empty() {
        line = read_line(reader).await?;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let line = read_line(reader).await?;
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let mut request = RawRequest {
        method,
        target,
        headers,
        body: Vec::new(),
    };
    if let Some(length) = request.header("content-length") {
        let length: usize = length.parse().ok()?;
        if length > MAX_BODY {
            return None;
        }
        request.body = vec![0; length];
        reader.read_exact(&mut request.body).await.ok()?;
    } else if request
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
    {
        loop {
            let size_line = read_line(reader).await?;
            let size_hex = size_line.split(';').next()?.trim();
            let size = usize::from_str_radix(size_hex, 16).ok()?;
            if size == 0 {
                // Trailers, up to the empty line.
                while !read_line(reader).await?.is_empty() {}
                break;
            }
            if request.body.len() + size > MAX_BODY {
                return None;
            }
            let start = request.body.len();
            request.body.resize(start + size, 0);
            reader.read_exact(&mut request.body[start..]).await.ok()?;
            read_line(reader).await?;
        }
    }
    Some(request)
}

/// Answers one request and records it.
fn handle(inner: &Inner, request: RawRequest) -> (u16, Option<Value>) {
    let (path, query) = match request.target.split_once('?') {
        Some((path, query)) => (path.to_owned(), query.to_owned()),
        None => (request.target.clone(), String::new()),
    };
    let content_type = request.header("content-type").map(str::to_owned);
    let (body, files) = match content_type.as_deref() {
        Some(ct) if ct.starts_with("multipart/form-data") => parse_multipart(&request.body, ct),
        _ if request.body.is_empty() => (None, Vec::new()),
        _ => (
            Some(serde_json::from_slice(&request.body).unwrap_or_else(|_| {
                Value::String(String::from_utf8_lossy(&request.body).into_owned())
            })),
            Vec::new(),
        ),
    };
    let authorization = request.header("authorization").map(str::to_owned);
    let method = request.method.to_ascii_uppercase();
    let route = path.strip_prefix("/api/v10").unwrap_or(&path).to_owned();

    let (status, response) = {
        let mut state = inner.state();
        match take_override(&mut state, &method, &route) {
            Some(answer) => answer,
            None if !path.starts_with("/api/v10/") => not_found(),
            None if needs_auth(&route)
                && !authorization.as_deref().is_some_and(|a| inner.token_ok(a)) =>
            {
                (
                    401,
                    Some(json!({"message": "401: Unauthorized", "code": 0})),
                )
            }
            None => {
                let segments: Vec<&str> = route.trim_matches('/').split('/').collect();
                let call = Call {
                    inner,
                    method: &method,
                    segments: &segments,
                    body: body.as_ref().unwrap_or(&Value::Null),
                    files: &files,
                };
                call.answer(&mut state)
            }
        }
    };
    inner.state().requests.push(Recorded {
        method,
        path,
        query,
        authorization,
        body,
        files,
        status,
        response: response.clone(),
    });
    inner.bump();
    (status, response)
}

/// Interaction callbacks and webhooks are authorised by their token in the path, and
/// `GET /gateway` needs no token. (When `/gateway` fails, serenity connects to the real
/// gateway instead: answering it for any token keeps a wrong-token test offline.)
fn needs_auth(route: &str) -> bool {
    !(route == "/gateway" || route.starts_with("/interactions/") || route.starts_with("/webhooks/"))
}

pub(super) fn not_found() -> (u16, Option<Value>) {
    (404, Some(json!({"message": "Unknown", "code": 0})))
}

fn take_override(state: &mut State, method: &str, route: &str) -> Option<(u16, Option<Value>)> {
    let index = state
        .overrides
        .iter()
        .position(|o| o.method == method && route.starts_with(&o.path_prefix))?;
    let found = &mut state.overrides[index];
    let answer = (
        found.status,
        (found.status != 204).then(|| found.body.clone()),
    );
    if let Some(remaining) = &mut found.remaining {
        *remaining = remaining.saturating_sub(1);
        if *remaining == 0 {
            state.overrides.remove(index);
        }
    }
    Some(answer)
}

fn parse_multipart(body: &[u8], content_type: &str) -> (Option<Value>, Vec<RecordedFile>) {
    let Some(boundary) = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
    else {
        return (None, Vec::new());
    };
    let delimiter = format!("--{}", boundary.trim_matches('"')).into_bytes();
    let mut payload = None;
    let mut files = Vec::new();
    for part in split_bytes(body, &delimiter).into_iter().skip(1) {
        if part.starts_with(b"--") {
            break;
        }
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(split) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..split]);
        let content = &part[split + 4..];
        let mut name = String::new();
        let mut filename = None;
        let mut part_type = None;
        for line in head.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split(';').map(str::trim) {
                        if let Some(v) = param.strip_prefix("name=") {
                            v.trim_matches('"').clone_into(&mut name);
                        } else if let Some(v) = param.strip_prefix("filename=") {
                            filename = Some(v.trim_matches('"').to_owned());
                        }
                    }
                }
                "content-type" => part_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        if name == "payload_json" {
            payload = serde_json::from_slice(content).ok();
        } else {
            files.push(RecordedFile {
                field: name,
                filename,
                content_type: part_type,
                bytes: content.to_vec(),
            });
        }
    }
    (payload, files)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn split_bytes<'a>(mut haystack: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = find(haystack, delimiter) {
        parts.push(&haystack[..at]);
        haystack = &haystack[at + delimiter.len()..];
    }
    parts.push(haystack);
    parts
}
