//! Tests of who may give a command: the permission is decided on the command as read, a
//! refusal is private and changes nothing, and talk not meant for koers is left alone.

use super::*;
use crate::engine::command_parse::parse;
use crate::engine::tests::Chat;
use crate::engine::{Body, Incoming, Person};

#[test]
fn managers_are_needed_exactly_for_what_changes_the_plan() {
    let manager_only = [
        "/nieuw",
        "/doel verzet 1 30-06-2027 omdat",
        "/doel sluit 1",
        "/doel schrap 1",
        "/tijdzone Europe/London",
        "/herinneringen 3",
    ];
    for line in manager_only {
        assert!(parse(line).expect(line).needs_manager(), "{line}");
    }
    let everyone = [
        "/start",
        "/status",
        "/overslaan",
        "/terug",
        "/wijzig 2",
        "/taal en",
        "/export",
        "/help",
        "/privacy",
        "/vergeetmij 2 ja",
        "/mijndata",
        "/doel",
        "/doel nieuw",
        "/doel voortgang 1 5",
        "/evalueer 1",
        "/sluimer 1",
        "/tijdzone",
        "/herinneringen",
    ];
    for line in everyone {
        assert!(!parse(line).expect(line).needs_manager(), "{line}");
    }
}

/// The whole database of a chat, as text, to compare before and after.
fn snapshot(chat: &Chat) -> String {
    chat.db
        .run(|s| s.dump_tables())
        .expect("snapshot of the database")
}

#[test]
fn a_member_is_refused_every_plan_change_and_nothing_is_written() {
    let mut chat = Chat::new();
    for answer in ["3", "Meer jong publiek", "Bereik"] {
        chat.say(answer);
    }
    chat.send(Body::Goal(crate::engine::GoalDraft {
        text: "Het aantal bezoekers onder 25 met 10% verhogen vóór 30-06-2027".into(),
        owner: "Marketing".into(),
        deadline: "30-06-2027".into(),
        baseline: "100".into(),
        target: "110".into(),
    }));
    let before = snapshot(&chat);
    chat.role = Role::Member;
    let lines = [
        "/nieuw",
        "!nieuw",
        "!koers nieuw",
        "/NIEUW",
        "/new",
        "!KOERS New-Round",
        "/doel verzet 1 31-12-2027 omdat later",
        "/goal move 1 31-12-2027 because later",
        "/doel sluit 1",
        "/DOEL SCHRAP 1",
        "/goals drop 1",
        "/tijdzone Europe/London",
        "/timezone Asia/Tokyo",
        "/herinneringen 3",
        "!reminders 2,1",
    ];
    for line in lines {
        let reply = chat.say(line);
        assert!(
            reply.contains("beheerder"),
            "{line} must be refused, got: {reply}"
        );
    }
    let built = Command::Goal(GoalCommand::Drop(1, None));
    let reply = chat.send(Body::Command(built));
    assert!(reply.contains("beheerder"), "{reply}");
    assert_eq!(snapshot(&chat), before, "a refusal writes nothing");

    chat.role = Role::Manager;
    let reply = chat.say("/NIEUW");
    assert!(!reply.contains("beheerder"), "{reply}");
    assert_ne!(snapshot(&chat), before, "a manager's /nieuw starts round 2");
}

#[test]
fn a_refusal_is_private_and_everything_else_a_member_may_do_works() {
    let mut chat = Chat::new();
    chat.role = Role::Member;
    let replies = chat
        .engine
        .handle(
            &chat.db,
            Incoming {
                team: chat.team.clone(),
                person: Person::named("bob"),
                role: Role::Member,
                body: Body::Text("/nieuw".into()),
            },
        )
        .expect("handled");
    assert_eq!(replies.len(), 1);
    assert!(
        replies[0].is_private(),
        "a refusal is for the person asking"
    );
    assert!(!chat.say("/status").contains("beheerder"));
    assert!(!chat.say("/tijdzone").contains("beheerder"));
    assert!(chat.say("3").contains('?'), "a member answers questions");
}

/// Send a line not addressed to koers; the replies, which may be none.
fn aside(chat: &Chat, text: &str) -> Vec<crate::engine::Reply> {
    chat.engine
        .handle(
            &chat.db,
            Incoming {
                team: chat.team.clone(),
                person: Person::named("bob"),
                role: Role::Member,
                body: Body::Aside(text.into()),
            },
        )
        .expect("handled")
}

#[test]
fn talk_not_meant_for_koers_is_neither_answered_nor_kept() {
    let mut chat = Chat::new();
    // Every line is read while a question is open (the default).
    assert!(
        !aside(&chat, "3").is_empty(),
        "an answer to the open question"
    );
    assert_eq!(chat.value("question.focus").as_deref(), Some("marketing"));

    chat.role = Role::Member;
    assert!(chat.say("/luisteren antwoorden").contains("beheerder"));
    chat.role = Role::Manager;
    assert!(
        chat.say("/luisteren antwoorden")
            .contains("alleen reacties")
    );
    let before = snapshot(&chat);
    assert!(aside(&chat, "Wie haalt er koffie?").is_empty());
    assert_eq!(snapshot(&chat), before, "chat among members is not stored");
    // A command is still a command, and a reply to koers is still an answer.
    assert!(!aside(&chat, "!koers status").is_empty());
    assert!(chat.say("Meer jong publiek").contains('?'));
    assert_eq!(
        chat.value("question.important").as_deref(),
        Some("Meer jong publiek")
    );

    // A space koers never talked in gets no team from chatter.
    let other = crate::engine::TeamKey {
        platform: "test".into(),
        id: "nieuw".into(),
        name: "nieuw".into(),
    };
    let replies = chat
        .engine
        .handle(
            &chat.db,
            Incoming {
                team: other.clone(),
                person: Person::named("bob"),
                role: Role::Member,
                body: Body::Aside("hallo allemaal".into()),
            },
        )
        .expect("handled");
    assert!(replies.is_empty());
    let found = chat
        .db
        .run(move |s| s.find_team(&other.platform, &other.id))
        .expect("read");
    assert!(found.is_none(), "no team was made");
}

#[test]
fn a_refusal_names_who_manages_on_the_team_s_own_platform() {
    let chat = Chat::new();
    let texts = chat.engine.texts();
    let say = |platform: &str| {
        UserError::NotManager {
            command: "/nieuw".into(),
            platform: platform.into(),
        }
        .render(texts, Lang::Nl)
    };
    let matrix = say("matrix");
    assert!(
        matrix.contains("moderator") && !matrix.contains("Discord"),
        "{matrix}"
    );
    let discord = say("discord");
    assert!(
        discord.contains("Kanalen beheren") && !discord.contains("moderator"),
        "{discord}"
    );
    assert!(say("test").contains("iemand die dit team beheert"));
}
