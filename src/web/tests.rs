//! The web page served for real on 127.0.0.1 (a free port), asked over plain HTTP/1.1: the
//! right team's plan for its token, the same 404 for anything else, the headers on both.

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::engine::{Body, Engine, FixedClock, Incoming, Person, Role, Settings, TeamKey};
use crate::store::Db;

#[path = "../../tests/it/common/http_response.rs"]
mod http_response;
use http_response::{assert_private_headers, header};

struct Site {
    engine: Arc<Engine>,
    db: Db,
    addr: std::net::SocketAddr,
}

impl Site {
    async fn start() -> Site {
        let now: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().expect("timestamp");
        let settings = Settings {
            web_base: Some("http://koers.test".into()),
            ..Settings::default()
        };
        let engine = Arc::new(Engine::new(Box::new(FixedClock(now)), settings).expect("engine"));
        let db = Db::open_in_memory().expect("db");
        let listener = super::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(super::serve(listener, Arc::clone(&engine), db.clone()));
        Site { engine, db, addr }
    }

    /// Say `line` in team `team` as a manager; the replies' texts.
    async fn say(&self, team: &str, line: &str) -> String {
        let (engine, db) = (Arc::clone(&self.engine), self.db.clone());
        let msg = Incoming {
            team: TeamKey {
                platform: "test".into(),
                id: team.into(),
                name: team.into(),
            },
            person: Person::named("ann"),
            role: Role::Manager,
            body: Body::Text(line.into()),
        };
        let replies = tokio::task::spawn_blocking(move || engine.handle(&db, msg))
            .await
            .expect("joined")
            .expect("handled");
        replies
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `/link …` in `team`: the token of the link it gives.
    async fn link(&self, team: &str, line: &str) -> String {
        let text = self.say(team, line).await;
        let url = text
            .split_whitespace()
            .find(|w| w.starts_with("http://koers.test/t/"))
            .unwrap_or_else(|| panic!("no link in {text:?}"));
        url.trim_start_matches("http://koers.test/t/")
            .trim_end_matches(['.', ')', ','])
            .to_string()
    }

    /// GET `path`: the status, the headers (lower case) and the body.
    async fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        let mut stream = tokio::net::TcpStream::connect(self.addr)
            .await
            .expect("connect");
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: koers.test\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.expect("read");
        http_response::parse(&String::from_utf8(raw).expect("utf-8"))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_opens_its_own_teams_plan_and_nothing_else() {
    let site = Site::start().await;
    for (team, answer) in [
        ("alfa", "Het Alfa-museum wil jongeren"),
        ("beta", "Theater Beta zoekt ouderen"),
    ] {
        site.say(team, "/start").await;
        site.say(team, "marketing").await;
        site.say(team, answer).await;
    }
    let (a, b) = (
        site.link("alfa", "/link").await,
        site.link("beta", "/link").await,
    );

    let (status, headers, body) = site.get(&format!("/t/{a}")).await;
    assert_eq!(status, 200, "{body}");
    assert_private_headers(&headers, "the page");
    assert!(header(&headers, "content-type").is_some_and(|v| v.starts_with("text/html")));
    assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
    assert!(
        body.contains("Het Alfa-museum wil jongeren"),
        "alfa's answer"
    );
    assert!(!body.contains("Theater Beta"), "nothing of beta");
    assert!(body.contains("<svg"), "inline charts");
    assert!(
        !body.contains("src=\"http") && !body.contains("href=\"http"),
        "nothing fetched from elsewhere"
    );

    let (status, _, body) = site.get(&format!("/t/{b}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("Theater Beta zoekt ouderen"));
    assert!(!body.contains("Alfa-museum"), "nothing of alfa");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_rotated_and_revoked_tokens_get_the_same_404_as_any_path() {
    let site = Site::start().await;
    site.say("alfa", "/start").await;
    let old = site.link("alfa", "/link").await;
    let (status, _, _) = site.get(&format!("/t/{old}")).await;
    assert_eq!(status, 200, "the first link works");

    let (status, headers, unknown_body) = site.get("/nowhere").await;
    assert_eq!(status, 404);
    assert_private_headers(&headers, "an unknown path");

    let mut wrong = old.clone();
    let last = wrong.pop().expect("a character");
    wrong.push(if last == 'A' { 'B' } else { 'A' });
    let new = site.link("alfa", "/link nieuw").await;
    for (path, what) in [
        (format!("/t/{wrong}"), "one character off"),
        (format!("/t/{old}"), "the rotated-away token"),
        ("/t/short".to_string(), "not a token"),
        ("/t/".to_string(), "no token"),
        (format!("/t/{old}/x"), "a deeper path"),
    ] {
        let (status, headers, body) = site.get(&path).await;
        assert_eq!(status, 404, "{what}");
        assert_eq!(
            body, unknown_body,
            "{what}: the same body as any unknown path"
        );
        assert_private_headers(&headers, what);
    }
    let (status, _, _) = site.get(&format!("/t/{new}")).await;
    assert_eq!(status, 200, "the new link works");

    site.say("alfa", "/link uit").await;
    let (status, _, body) = site.get(&format!("/t/{new}")).await;
    assert_eq!(status, 404, "switched off");
    assert_eq!(body, unknown_body);
}
