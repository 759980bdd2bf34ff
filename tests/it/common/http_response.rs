//! Reading a plain HTTP/1.1 response of koers' web page, and the headers every one of them
//! must carry. Shared by the page's unit tests (`src/web/tests.rs`, which include this file by
//! its path) and the browser tests (`tests/it/web_page.rs`).

/// A whole response (read to its end): the status, the headers (names in lower case) and the
/// body.
pub(crate) fn parse(raw: &str) -> (u16, Vec<(String, String)>, String) {
    let (head, body) = raw.split_once("\r\n\r\n").expect("a head and a body");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

/// The value of header `name` (lower case), if it was sent.
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The headers that keep a team's page private: no referrer, no index, no cache, nothing
/// loaded from elsewhere.
pub(crate) fn assert_private_headers(headers: &[(String, String)], what: &str) {
    assert_eq!(
        header(headers, "referrer-policy"),
        Some("no-referrer"),
        "{what}"
    );
    assert!(
        header(headers, "x-robots-tag").is_some_and(|v| v.contains("noindex")),
        "{what}: {headers:?}"
    );
    assert_eq!(header(headers, "cache-control"), Some("no-store"), "{what}");
    assert!(
        header(headers, "content-security-policy")
            .is_some_and(|v| v.contains("default-src 'none'")),
        "{what}: {headers:?}"
    );
}
