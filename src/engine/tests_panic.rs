//! A bug that panics while one message is handled: the team gets the polite reply, nothing of
//! that turn is kept, and the next message is answered as if it never happened.

use std::sync::Arc;

use super::tests::{Chat, engine};
use super::*;
use crate::store::Db;

impl Engine {
    /// The next turn with exactly this text panics once it has done (and written) its work.
    fn panic_once_on(&self, text: &str) {
        *self.panic_once.lock().expect("panic trigger") = Some(text.into());
    }

    /// Whether this turn is the one to panic (the trigger is used up).
    pub(super) fn take_panic_trigger(&self, body: &Body) -> bool {
        let mut trigger = self.panic_once.lock().expect("panic trigger");
        let hit = matches!((body, trigger.as_deref()), (Body::Text(t), Some(p)) if t == p);
        if hit {
            *trigger = None;
        }
        hit
    }
}

fn polite(engine: &Engine) -> String {
    engine
        .texts()
        .get(Lang::Nl, "msg.error_internal")
        .to_string()
}

fn respond(chat: &Chat, text: &str) -> Vec<Reply> {
    chat.engine.respond(
        &chat.db,
        Incoming {
            team: chat.team.clone(),
            person: Person::named(&chat.user),
            role: Role::Manager,
            body: Body::Text(text.into()),
        },
    )
}

#[test]
fn a_panicking_turn_gets_the_polite_reply_keeps_nothing_and_the_next_message_works() {
    let mut chat = Chat::new();
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));
    chat.engine.panic_once_on("marketing");

    let replies = respond(&chat, "marketing");
    assert_eq!(replies, vec![Reply::text(polite(&chat.engine))]);
    assert_eq!(
        chat.value("question.focus"),
        None,
        "the answer was rolled back"
    );
    assert_eq!(chat.cursor().as_deref(), Some("question.focus"));

    // The same message again, now without the bug: answered and stored as usual.
    let reply = chat.say("marketing");
    assert!(!reply.contains(&polite(&chat.engine)), "{reply}");
    assert_eq!(chat.value("question.focus").as_deref(), Some("marketing"));
    assert_eq!(chat.cursor().as_deref(), Some("question.important"));
}

#[test]
fn a_new_team_whose_first_message_panics_is_not_created() {
    let engine: Arc<Engine> = engine();
    let db = Db::open_in_memory().expect("db");
    engine.panic_once_on("hallo");
    let team = TeamKey {
        platform: "test".into(),
        id: "new".into(),
        name: "new".into(),
    };
    let replies = engine.respond(
        &db,
        Incoming {
            team: team.clone(),
            person: Person::named("ann"),
            role: Role::Manager,
            body: Body::Text("hallo".into()),
        },
    );
    assert_eq!(replies, vec![Reply::text(polite(&engine))]);
    let (platform, id) = (team.platform.clone(), team.id.clone());
    let found = db
        .run(move |s| s.find_team(&platform, &id))
        .expect("the store still answers");
    assert!(found.is_none(), "the team row was rolled back");
    // Another team on the same store is served normally.
    let other = Chat::on(Arc::clone(&engine), db, "other");
    assert_eq!(other.cursor().as_deref(), Some("question.focus"));
}
