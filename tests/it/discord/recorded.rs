//! What the stand-in received: every REST request as [`Recorded`] (with its files and its
//! answer) and every gateway frame, and the waits on them that fail with what did come in.

use std::time::Duration;

use serde_json::Value;

use super::{StandIn, State};

/// One REST request as the stand-in received it, with what it answered.
#[derive(Clone, Debug)]
pub(crate) struct Recorded {
    pub method: String,
    /// The path without query, e.g. `/api/v10/channels/1/messages`.
    pub path: String,
    /// The query string without `?` (serenity writes `?&key=value`), or empty.
    pub query: String,
    /// The `Authorization` header, e.g. `Bot TOKEN`.
    pub authorization: Option<String>,
    /// The JSON body; for multipart/form-data the `payload_json` part.
    pub body: Option<Value>,
    /// Files of a multipart body (every part but `payload_json`).
    pub files: Vec<RecordedFile>,
    /// The status the stand-in answered with.
    pub status: u16,
    /// The JSON the stand-in answered with (none for 204).
    pub response: Option<Value>,
}

/// One file part of a multipart/form-data request.
#[derive(Clone, Debug)]
pub(crate) struct RecordedFile {
    /// The form field name, e.g. `files[0]`.
    pub field: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Recorded {
    /// Whether this is `method` on `path` (exact, with or without the `/api/v10` prefix).
    pub(crate) fn is(&self, method: &str, path: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
            && (self.path == path || self.path.strip_prefix("/api/v10") == Some(path))
    }

    /// The path below `/api/v10`.
    pub(crate) fn route(&self) -> &str {
        self.path.strip_prefix("/api/v10").unwrap_or(&self.path)
    }

    /// `content` of the body, or `data.content` for an interaction callback.
    pub(crate) fn content(&self) -> Option<&str> {
        let body = self.body.as_ref()?;
        body["content"]
            .as_str()
            .or_else(|| body["data"]["content"].as_str())
    }
}

impl StandIn {
    /// Every REST request so far, in order.
    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.inner.state().requests.clone()
    }

    /// Every frame the clients sent on the gateway so far (IDENTIFY, heartbeats, ...).
    pub(crate) fn gateway_received(&self) -> Vec<Value> {
        self.inner.state().gateway_received.clone()
    }

    /// How many IDENTIFYs were answered with READY.
    pub(crate) fn identified(&self) -> usize {
        self.inner.state().identified
    }

    /// The first recorded request (earlier ones included) for which `pred` holds. Panics with
    /// the list of recorded requests after `timeout`.
    pub(crate) async fn wait_for(
        &self,
        pred: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        let found = self
            .wait_until(timeout, |state| {
                state.requests.iter().find(|r| pred(r)).cloned()
            })
            .await;
        match found {
            Some(recorded) => recorded,
            None => panic!(
                "no matching request within {timeout:?}; recorded:\n{}",
                self.describe_requests()
            ),
        }
    }

    /// The first frame a client sent on the gateway (earlier ones included) for which `pred`
    /// holds, e.g. `|f| f["op"] == 6` for a RESUME. Panics after `timeout`.
    pub(crate) async fn wait_for_gateway(
        &self,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Value {
        let found = self
            .wait_until(timeout, |state| {
                state.gateway_received.iter().find(|f| pred(f)).cloned()
            })
            .await;
        match found {
            Some(frame) => frame,
            None => panic!(
                "no matching gateway frame within {timeout:?}; received:\n{:#?}",
                self.gateway_received()
            ),
        }
    }

    /// Waits until `count` frames for which `pred` holds have come in on the gateway. Panics
    /// after `timeout`.
    pub(crate) async fn wait_for_gateway_count(
        &self,
        pred: impl Fn(&Value) -> bool,
        count: usize,
        timeout: Duration,
    ) {
        let found = self
            .wait_until(timeout, |state| {
                (state.gateway_received.iter().filter(|f| pred(f)).count() >= count).then_some(())
            })
            .await;
        assert!(
            found.is_some(),
            "fewer than {count} matching gateway frames within {timeout:?}; received:\n{:#?}",
            self.gateway_received()
        );
    }

    /// Waits until `count` sessions have been identified (READY sent). Panics after `timeout`.
    pub(crate) async fn wait_identified(&self, count: usize, timeout: Duration) {
        let done = self
            .wait_until(timeout, |state| (state.identified >= count).then_some(()))
            .await;
        assert!(
            done.is_some(),
            "{count} gateway session(s) not identified within {timeout:?}; gateway received:\n{:#?}\nrequests:\n{}",
            self.gateway_received(),
            self.describe_requests()
        );
    }

    fn describe_requests(&self) -> String {
        let requests = self.requests();
        if requests.is_empty() {
            return "  (none)".into();
        }
        requests
            .iter()
            .map(|r| {
                let body = r.body.as_ref().map(Value::to_string).unwrap_or_default();
                format!("  {} {} -> {} {}", r.method, r.path, r.status, body)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    async fn wait_until<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changed = self.inner.changed.subscribe();
        loop {
            if let Some(found) = check(&self.inner.state()) {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) | Err(_) => return check(&self.inner.state()),
            }
        }
    }
}
