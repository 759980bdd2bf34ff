//! The private, read-only web page of each team: `GET /t/<token>` shows the team's plan
//! ([`page`]); any other path, and a wrong, unknown or switched-off token, gets the same 404.
//! Every response carries `Referrer-Policy: no-referrer`, `X-Robots-Tag: noindex` and
//! `Cache-Control: no-store`, and a Content-Security-Policy that lets the page fetch nothing.
//!
//! axum and its types stay in this module: the engine reads the plan ([`Engine::plan_in`]) and
//! the store looks the link up ([`crate::store::Store::list_web_links`]), both on the blocking
//! pool through one [`Db::run`]; the token's hash and comparison are [`token`].

pub mod page;
pub mod token;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::engine::{Engine, TeamKey};
use crate::report::Texts;
use crate::store::Db;

/// What the handlers share.
struct Web {
    engine: Arc<Engine>,
    db: Db,
}

/// The headers on every response, the 404s included.
const HEADERS: &[(&str, &str)] = &[
    ("referrer-policy", "no-referrer"),
    ("x-robots-tag", "noindex, nofollow"),
    ("cache-control", "no-store"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    (
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; \
         base-uri 'none'; form-action 'none'",
    ),
];

/// The web page's routes over `engine` and `db`.
pub fn router(engine: Arc<Engine>, db: Db) -> Router {
    let web = Arc::new(Web { engine, db });
    Router::new()
        .route("/t/{token}", get(team_page))
        .fallback(unknown)
        .with_state(Arc::clone(&web))
        .layer(axum::middleware::map_response(with_headers))
}

/// Listen on `address`; the error names it (taken, or not this machine's).
pub async fn bind(address: &str) -> Result<tokio::net::TcpListener> {
    let addr: SocketAddr = address
        .parse()
        .with_context(|| format!("{address:?} is not an address to listen on"))?;
    tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("the web page cannot listen on {address}"))
}

/// Serve the web page on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, engine: Arc<Engine>, db: Db) -> Result<()> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "serving the teams' web pages");
    }
    axum::serve(listener, router(engine, db))
        .await
        .context("the web page's server stopped")
}

async fn with_headers(mut response: Response) -> Response {
    let headers: &mut HeaderMap = response.headers_mut();
    for (name, value) in HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// `GET /t/<token>`: the plan of the team whose working link this is; else the 404.
async fn team_page(State(web): State<Arc<Web>>, Path(token): Path<String>) -> Response {
    if !token::well_formed(&token) {
        return not_found(&web);
    }
    let (engine, db) = (Arc::clone(&web.engine), web.db.clone());
    let read = tokio::task::spawn_blocking(move || {
        db.run(move |store| {
            let links = store.list_web_links()?;
            let Some(link) = token::find(&links, &token) else {
                return Ok(None);
            };
            let key = TeamKey {
                platform: link.platform.clone(),
                id: link.external_id.clone(),
                name: link.name.clone(),
            };
            engine.plan_in(store, &key)
        })
    })
    .await;
    match read {
        Ok(Ok(Some(plan))) => {
            let texts = Texts::new(web.engine.texts(), &plan);
            Html(page::render(&plan, &texts).into_string()).into_response()
        }
        Ok(Ok(None)) => not_found(&web),
        Ok(Err(e)) => failed(&web, &format!("{e:#}")),
        Err(e) => failed(&web, &e.to_string()),
    }
}

/// Any other path.
async fn unknown(State(web): State<Arc<Web>>) -> Response {
    not_found(&web)
}

fn not_found(web: &Web) -> Response {
    let lang = web.engine.default_lang();
    let body = page::not_found(web.engine.texts(), lang).into_string();
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

fn failed(web: &Web, why: &str) -> Response {
    tracing::error!(error = why, "the web page could not be read");
    let lang = web.engine.default_lang();
    let body = web.engine.texts().get(lang, "msg.web.error").to_string();
    (StatusCode::INTERNAL_SERVER_ERROR, body).into_response()
}

#[cfg(test)]
mod tests;
