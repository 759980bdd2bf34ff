//! What every platform adapter shares, so each one only translates its own events: asking the
//! engine off the async threads ([`Link`]), the team's texts in its language, one splitter for
//! text too long for one message ([`split_text`]) and the names people are shown by
//! ([`display_name`]). The ids of quick choices (buttons, menus, reactions) come from the engine:
//! [`crate::engine::QuickChoice`].

use std::sync::Arc;

use anyhow::{Context as _, Result};

use crate::engine::{Engine, Incoming, Person, Reply, TeamKey};
use crate::prompts::Lang;
use crate::store::{Db, Store};

/// An adapter's way to the engine and its database. Every call waits for a `SQLite`
/// transaction, so each runs on the blocking pool, never on an async thread.
#[derive(Clone)]
pub struct Link {
    engine: Arc<Engine>,
    db: Db,
}

impl Link {
    /// The link to `engine` over `db`.
    pub fn new(engine: Arc<Engine>, db: Db) -> Link {
        Link { engine, db }
    }

    /// The engine, for what needs no database (texts, the clock).
    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// The database, for what a platform hands on (the reminder scheduler).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Ask the engine: always something to say; a failed engine task is the polite internal
    /// error in the configured default language (the engine turns its own errors into one).
    pub async fn ask(&self, msg: Incoming) -> Vec<Reply> {
        match self.call(move |engine, db| engine.respond(db, msg)).await {
            Ok(replies) => replies,
            Err(e) => self.task_failed(&e),
        }
    }

    /// [`Link::ask`] for a platform event with an id: `None` when that event was handled
    /// before (see [`Engine::respond_once`]).
    pub async fn ask_once(&self, msg: Incoming, event_id: &str) -> Option<Vec<Reply>> {
        let id = event_id.to_string();
        match self
            .call(move |engine, db| engine.respond_once(db, msg, &id))
            .await
        {
            Ok(replies) => replies,
            Err(e) => Some(self.task_failed(&e)),
        }
    }

    /// [`Link::ask_once`], telling a full store apart: `Err(refusal)` when nothing of the event
    /// could be kept (see [`Engine::respond_once_or_full`]), so the platform can have it
    /// delivered again once there is room.
    pub async fn ask_once_or_full(
        &self,
        msg: Incoming,
        event_id: &str,
    ) -> Result<Option<Vec<Reply>>, Vec<Reply>> {
        let id = event_id.to_string();
        match self
            .call(move |engine, db| engine.respond_once_or_full(db, msg, &id))
            .await
        {
            Ok(answered) => answered,
            Err(e) => Ok(Some(self.task_failed(&e))),
        }
    }

    /// Other engine or store work a platform needs outside a turn.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Arc<Engine>, &Db) -> Result<T> + Send + 'static,
    {
        self.call(work).await?
    }

    /// A store transaction: the platform's own records (threads, rooms, sync position).
    pub async fn store<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store<'_>) -> Result<T> + Send + 'static,
    {
        self.blocking(move |_, db| db.run(f)).await
    }

    /// The team's language: the configured default for a team not seen yet, and, with a log
    /// line, when it cannot be read.
    pub async fn lang(&self, team: &TeamKey) -> Lang {
        let team = team.clone();
        match self
            .blocking(move |engine, db| engine.language_of(db, &team))
            .await
        {
            Ok(lang) => lang,
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "cannot read the team's language");
                self.engine.default_lang()
            }
        }
    }

    /// The text `key` with `args` in the team's language ([`Link::lang`]).
    pub async fn text(&self, team: &TeamKey, key: &str, args: &[(&str, &str)]) -> String {
        let lang = self.lang(team).await;
        self.engine.texts().fmt(lang, key, args)
    }

    /// The one place a blocking call leaves the async threads.
    async fn call<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Arc<Engine>, &Db) -> T + Send + 'static,
    {
        let (engine, db) = (Arc::clone(&self.engine), self.db.clone());
        tokio::task::spawn_blocking(move || work(&engine, &db))
            .await
            .context("the engine task failed")
    }

    fn task_failed(&self, e: &anyhow::Error) -> Vec<Reply> {
        tracing::error!(error = format!("{e:#}"), "engine task failed");
        let lang = self.engine.default_lang();
        vec![Reply::text(
            self.engine.texts().get(lang, "msg.error_internal"),
        )]
    }
}

/// How a platform measures the longest message it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// At most this many characters (Unicode scalar values), as Discord counts.
    Chars(usize),
    /// At most this many bytes of UTF-8, as a Matrix event's size is counted.
    Bytes(usize),
}

impl Limit {
    fn max(self) -> usize {
        match self {
            Limit::Chars(n) | Limit::Bytes(n) => n,
        }
    }

    /// What one character counts for.
    fn unit(self, c: char) -> usize {
        match self {
            Limit::Chars(_) => 1,
            Limit::Bytes(_) => c.len_utf8(),
        }
    }

    fn len(self, s: &str) -> usize {
        s.chars().map(|c| self.unit(c)).sum()
    }

    /// Where to cut `s` (longer than the limit): after the last white space that keeps the
    /// first piece within the limit, else at the last character that does, and after at least
    /// one character (so a limit smaller than a character still moves on).
    fn cut(self, s: &str) -> usize {
        let (mut fit, mut used) = (0, 0);
        for (i, c) in s.char_indices() {
            used += self.unit(c);
            if used > self.max() {
                break;
            }
            fit = i + c.len_utf8();
        }
        if fit == 0 {
            return s.chars().next().map_or(0, char::len_utf8);
        }
        match s[..fit].rfind(breaks) {
            Some(i) if i > 0 => i + s[i..].chars().next().map_or(1, char::len_utf8),
            _ => fit,
        }
    }
}

/// Whether a line may be broken after `c`: white space, but not a no-break space.
fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Split `text` into parts within `limit`: at line ends where it can, a line too long for one
/// part after a word, and a word too long at a character (never inside one). The parts joined
/// are `text` again; there is always at least one part (empty for an empty text).
pub fn split_text(text: &str, limit: Limit) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0;
    for line in text.split_inclusive('\n') {
        let line_len = limit.len(line);
        if !cur.is_empty() && cur_len + line_len > limit.max() {
            parts.push(std::mem::take(&mut cur));
            cur_len = 0;
        }
        let (mut rest, mut rest_len) = (line, line_len);
        while cur.is_empty() && rest_len > limit.max() {
            let (piece, after) = rest.split_at(limit.cut(rest));
            parts.push(piece.to_string());
            rest_len -= limit.len(piece);
            rest = after;
        }
        cur.push_str(rest);
        cur_len += rest_len;
    }
    if !cur.is_empty() || parts.is_empty() {
        parts.push(cur);
    }
    parts
}

/// A name fit to show: trimmed, without control characters (a line break or a terminal escape
/// in a chosen name); `None` when nothing is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let name: String = raw.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The name a person is shown by: the first of `names` (most preferred first: a name they
/// chose, then their account name) that is fit to show ([`clean_name`]), else their `id`.
pub fn display_name<'a>(names: impl IntoIterator<Item = Option<&'a str>>, id: &str) -> String {
    names
        .into_iter()
        .flatten()
        .find_map(clean_name)
        .unwrap_or_else(|| id.to_string())
}

/// A person as the engine knows them: their platform `id`, shown by [`display_name`].
pub fn person<'a>(id: &str, names: impl IntoIterator<Item = Option<&'a str>>) -> Person {
    Person {
        id: id.to_string(),
        name: display_name(names, id),
    }
}

#[cfg(test)]
#[path = "kit_tests.rs"]
mod tests;
