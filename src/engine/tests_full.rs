//! A full store (the disk, or the operator's `store_max_page_count`): an answer is refused with
//! "could not save, try again", never taken; nothing stored before is damaged; and the same
//! answer goes through once there is room, without a restart.

use super::tests::{Chat, WALK};
use super::*;

fn respond(chat: &Chat, text: &str) -> String {
    chat.engine
        .respond(
            &chat.db,
            Incoming {
                team: chat.team.clone(),
                person: Person::named(&chat.user),
                role: Role::Manager,
                body: Body::Text(text.into()),
            },
        )
        .iter()
        .map(|r| r.text.clone())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn integrity(chat: &Chat) -> Vec<String> {
    chat.db.run(|s| s.check_integrity()).expect("integrity")
}

/// A long answer, different each time (so no page is shared by repetition).
fn long_answer(n: usize) -> String {
    (0..180).map(|i| format!("woord{n}x{i} ")).collect()
}

#[test]
fn a_full_store_refuses_the_answer_keeps_everything_and_takes_it_once_there_is_room() {
    let mut chat = Chat::new();
    for (key, answer) in &WALK[..3] {
        assert_eq!(chat.cursor().as_deref(), Some(*key));
        chat.say(answer);
    }
    let full_text = chat
        .engine
        .texts()
        .get(Lang::Nl, "msg.store_full")
        .to_string();
    assert!(full_text.starts_with("Kon niet opslaan, probeer het opnieuw"));
    // No page more than the database has now: it fills within a few long answers.
    let pages = chat.db.run(|s| s.get_page_count()).expect("pages");
    assert_eq!(
        chat.db
            .run(move |s| s.set_max_page_count(pages))
            .expect("cap"),
        pages
    );
    let mut refused = None;
    for n in 0..20 {
        let before = (chat.cursor(), chat.answers());
        let answer = long_answer(n);
        let reply = respond(&chat, &answer);
        if reply == full_text {
            refused = Some((before, answer));
            break;
        }
        assert!(!reply.contains(&full_text), "{reply}");
    }
    let ((cursor, kept), answer) = refused.expect("the store filled up and refused an answer");
    // Not taken: the team is where it was, the answer is not stored, nothing else changed.
    assert_eq!(chat.cursor(), cursor);
    let key = cursor.clone().expect("an open question");
    assert_eq!(chat.value(&key), None);
    assert_eq!(chat.answers(), kept, "what was stored before is unchanged");
    assert_eq!(integrity(&chat), ["ok"]);
    // Refused again while full, in English for an English team too.
    assert_eq!(respond(&chat, &answer), full_text);
    // Room again: the same answer goes through, on the same engine and connection.
    chat.db
        .run(move |s| s.set_max_page_count(pages * 10))
        .expect("room");
    let reply = respond(&chat, &answer);
    assert!(!reply.contains(&full_text), "{reply}");
    assert_ne!(chat.cursor(), cursor, "the answer was taken");
    assert_eq!(chat.value(&key).as_deref(), Some(answer.trim()));
    assert_eq!(integrity(&chat), ["ok"]);
    let after = chat.answers();
    assert!(
        kept.iter().all(|a| after.contains(a)),
        "earlier answers kept"
    );
}

#[test]
fn a_full_store_is_said_in_the_team_s_language() {
    let mut chat = Chat::new();
    chat.say("/taal en");
    chat.say("marketing");
    let pages = chat.db.run(|s| s.get_page_count()).expect("pages");
    chat.db
        .run(move |s| s.set_max_page_count(pages))
        .expect("cap");
    let full_text = chat
        .engine
        .texts()
        .get(Lang::En, "msg.store_full")
        .to_string();
    assert!(full_text.starts_with("Could not save, try again"));
    let said = (0..20)
        .map(|n| respond(&chat, &long_answer(n)))
        .find(|r| r.contains("try again") || r.contains("opnieuw"));
    assert_eq!(said, Some(full_text));
}
