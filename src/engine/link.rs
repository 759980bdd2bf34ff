//! `/link` (manager only, decided in `action.rs` like every manager command): the team's
//! private, read-only web page. `/link` makes its secret link when none works and says since
//! when it works otherwise (koers keeps only the token's hash, so it cannot show a link again);
//! `/link nieuw` makes a new one, which the old one stops working for; `/link uit` closes the
//! page. The link is for the manager who asked alone (a private reply). The token and its hash
//! come from [`crate::web::token`]; the page itself is served by [`crate::web`].

use anyhow::Result;

use super::Turn;
use super::command::LinkAction;
use crate::web::token;

impl Turn<'_, '_, '_> {
    /// `/link [nieuw|uit]`.
    pub(super) fn link(&mut self, action: LinkAction) -> Result<()> {
        let Some(base) = self.engine.settings.web_base.clone() else {
            let text = self.t("msg.link.disabled").to_string();
            self.say_private(text);
            return Ok(());
        };
        let current = self.store.find_web_link(self.team.id)?;
        let working = current.as_ref().filter(|l| l.revoked_at.is_none());
        match (action, working) {
            (LinkAction::Show, Some(link)) => {
                let since = link.created_at.get(..10).unwrap_or(&link.created_at);
                let text = self.f("msg.link.exists", &[("since", since)]);
                self.say_private(text);
            }
            (LinkAction::Show | LinkAction::New, _) => {
                let token = token::generate()?;
                self.store
                    .upsert_web_link(self.team.id, &token::hash(&token), &self.now)?;
                let url = format!("{base}/t/{token}");
                let key = if working.is_some() {
                    "msg.link.renewed"
                } else {
                    "msg.link.made"
                };
                let text = self.f(key, &[("url", &url), ("team", &self.team.name)]);
                self.say_private(text);
            }
            (LinkAction::Off, _) => {
                let key = if self.store.revoke_web_link(self.team.id, &self.now)? {
                    "msg.link.off"
                } else {
                    "msg.link.already_off"
                };
                let text = self.t(key).to_string();
                self.say_private(text);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::engine::tests::Chat;
    use crate::engine::{Audience, Body, Engine, FixedClock, Incoming, Person, Role, Settings};
    use crate::store::Db;
    use crate::web::token;

    fn chat() -> Chat {
        let now: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().expect("timestamp");
        let settings = Settings {
            web_base: Some("https://koers.example.org".into()),
            ..Settings::default()
        };
        let engine = Engine::new(Box::new(FixedClock(now)), settings).expect("engine");
        Chat::on(Arc::new(engine), Db::open_in_memory().expect("db"), "t")
    }

    /// The link in a reply, and the reply's audience.
    fn ask(chat: &Chat, line: &str) -> (String, Audience) {
        let replies = chat
            .engine
            .handle(
                &chat.db,
                Incoming {
                    team: chat.team.clone(),
                    person: Person::named(&chat.user),
                    role: chat.role,
                    body: Body::Text(line.into()),
                },
            )
            .expect("handled");
        assert_eq!(replies.len(), 1, "{line}: one reply");
        (replies[0].text.clone(), replies[0].audience)
    }

    fn url_in(text: &str) -> Option<String> {
        text.split_whitespace()
            .find(|w| w.starts_with("https://koers.example.org/t/"))
            .map(|w| w.trim_end_matches(['.', ')', ',']).to_string())
    }

    /// The working link hashes the database keeps for the team.
    fn stored(chat: &Chat) -> Vec<Vec<u8>> {
        chat.db
            .run(|s| s.list_web_links())
            .expect("links")
            .into_iter()
            .map(|l| l.token_hash)
            .collect()
    }

    #[test]
    fn link_makes_a_private_link_whose_hash_alone_is_stored() {
        let chat = chat();
        let (text, audience) = ask(&chat, "/link");
        assert_eq!(
            audience,
            Audience::Personal,
            "only for the manager who asked"
        );
        let url = url_in(&text).expect("a link in the reply");
        let tok = url.rsplit('/').next().expect("token");
        assert!(token::well_formed(tok), "{tok}");
        assert_eq!(stored(&chat), vec![token::hash(tok).to_vec()]);
        // The token itself is nowhere in the database.
        let dump = chat.db.run(|s| s.dump_tables()).expect("dump");
        assert!(
            !format!("{dump:?}").contains(tok),
            "the token is not stored"
        );
        // Asked again: the link works, and koers cannot show it again.
        let (again, _) = ask(&chat, "/link");
        assert!(url_in(&again).is_none(), "{again}");
        assert!(again.contains("2026-11-25"), "{again}");
        assert_eq!(stored(&chat), vec![token::hash(tok).to_vec()]);
    }

    #[test]
    fn a_new_link_replaces_the_old_and_off_closes_the_page() {
        let chat = chat();
        let first = url_in(&ask(&chat, "/link").0).expect("first");
        for line in ["/link nieuw", "/link new"] {
            let (text, _) = ask(&chat, line);
            let next = url_in(&text).expect("a new link");
            assert_ne!(next, first);
            let tok = next.rsplit('/').next().expect("token");
            assert_eq!(stored(&chat), vec![token::hash(tok).to_vec()], "{line}");
        }
        let (off, _) = ask(&chat, "/link uit");
        assert!(url_in(&off).is_none());
        assert!(stored(&chat).is_empty(), "no working link");
        let (again, _) = ask(&chat, "/link off");
        assert_ne!(again, off, "already off says so");
        let (made, _) = ask(&chat, "/link");
        assert!(url_in(&made).is_some(), "a closed page can be opened again");
    }

    #[test]
    fn a_member_is_refused_and_nothing_is_made() {
        let mut chat = chat();
        chat.role = Role::Member;
        for line in ["/link", "/link nieuw", "/link uit", "!koers link"] {
            let (text, audience) = ask(&chat, line);
            assert_eq!(audience, Audience::Refusal, "{line}: {text}");
            assert!(url_in(&text).is_none());
        }
        assert!(stored(&chat).is_empty());
    }

    #[test]
    fn without_a_web_page_link_says_so() {
        let chat = Chat::new();
        let (text, _) = ask(&chat, "/link");
        assert!(url_in(&text).is_none());
        assert!(
            chat.db
                .run(|s| s.list_web_links())
                .expect("links")
                .is_empty()
        );
    }
}
