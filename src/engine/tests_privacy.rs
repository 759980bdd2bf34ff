//! Engine tests of what a person can do about their own data: `/mijndata` across teams,
//! `/vergeetmij` anonymising or deleting (the team's plan stays consistent), and the notice
//! the first time a person answers in a team.

use anyhow::Context;

use super::person_data::PersonData;
use super::tests::{Chat, WALK, engine};
use super::{Audience, Body, Incoming, Person, Reply, Role, TeamKey};
use crate::store::Db;

fn key(id: &str) -> TeamKey {
    TeamKey {
        platform: "test".into(),
        id: id.into(),
        name: id.into(),
    }
}

/// One message from a person with an id and a display name of their own.
fn from(chat: &Chat, id: &str, name: &str, text: &str) -> Vec<Reply> {
    chat.engine
        .handle(
            &chat.db,
            Incoming {
                team: chat.team.clone(),
                person: Person {
                    id: id.into(),
                    name: name.into(),
                },
                role: Role::Member,
                body: Body::Text(text.into()),
            },
        )
        .expect("handled")
}

fn joined(replies: &[Reply]) -> String {
    replies
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `/mijndata`'s JSON, from the one private reply carrying it.
fn my_data(chat: &Chat, id: &str, name: &str) -> (PersonData, String) {
    let replies = from(chat, id, name, "/mijndata");
    let [reply] = replies.as_slice() else {
        panic!("one reply: {replies:?}");
    };
    assert_eq!(reply.audience, Audience::Personal, "for the person alone");
    let file = reply.file.as_ref().expect("the JSON as a file");
    let body = String::from_utf8(file.bytes.clone()).expect("UTF-8 JSON");
    (serde_json::from_str(&body).expect("person JSON"), body)
}

fn answered_by(chat: &Chat, key: &str) -> Option<(String, Option<String>)> {
    let (team, key) = (chat.team.clone(), key.to_string());
    chat.db
        .run(move |s| {
            let t = s.find_team("test", &team.id)?.context("team")?;
            Ok(s.get_answer(t.id, t.round, &key)?
                .map(|a| (a.user, a.user_id)))
        })
        .expect("read")
}

#[test]
fn my_data_holds_exactly_one_persons_rows_in_every_team_and_nothing_of_a_namesake() {
    let engine = engine();
    let db = Db::open_in_memory().expect("db");
    let one = Chat::on(engine.clone(), db.clone(), "een");
    from(&one, "u-1", "Jan", "marketing");
    from(&one, "u-2", "Jan", "Het geheim van de andere Jan");
    from(&one, "u-1", "Jan", "Bereik onder jongeren");
    let two = Chat::on(engine, db, "twee");
    from(&two, "u-2", "Jan", "strategie");
    from(&two, "u-1", "Jan", "Ouderen in de wijk");
    from(&two, "u-1", "Jan", "/wijzig 2");
    from(&two, "u-1", "Jan", "Ouderen in de hele stad");

    let (data, body) = my_data(&one, "u-1", "Jan");
    assert_eq!(data.schema, "koers-person/1");
    assert_eq!((data.platform.as_str(), data.id.as_str()), ("test", "u-1"));
    let teams: Vec<&str> = data.teams.iter().map(|t| t.team.as_str()).collect();
    assert_eq!(teams, ["een", "twee"]);
    let values = |t: usize| -> Vec<String> {
        data.teams[t]
            .answers
            .iter()
            .map(|a| a.value.clone().unwrap_or_default())
            .collect()
    };
    assert_eq!(values(0), ["marketing", "Bereik onder jongeren"]);
    assert_eq!(values(1), ["Ouderen in de hele stad"]);
    assert_eq!(
        data.teams[1].earlier_versions.len(),
        1,
        "the changed answer"
    );
    assert_eq!(
        data.teams[1].earlier_versions[0].value.as_deref(),
        Some("Ouderen in de wijk")
    );
    assert!(data.teams.iter().all(|t| t.notice_shown_at.is_some()));
    assert!(
        !body.contains("geheim") && !body.contains("strategy") && !body.contains("u-2"),
        "nothing of the other Jan: {body}"
    );

    let (other, _) = my_data(&two, "u-2", "Jan");
    let theirs: Vec<_> = other.teams.iter().map(|t| t.answers.len()).collect();
    assert_eq!(theirs, [1, 1]);
    let (nobody, _) = my_data(&two, "u-3", "Jan");
    assert!(nobody.teams.is_empty());
}

#[test]
fn the_first_answer_in_a_team_tells_once_what_koers_keeps() {
    let engine = engine();
    let db = Db::open_in_memory().expect("db");
    let one = Chat::on(engine.clone(), db.clone(), "een");
    let first = joined(&from(&one, "u-1", "Jan", "marketing"));
    assert_eq!(first.matches("/privacy").count(), 1, "{first}");
    assert!(first.contains("Jan: koers bewaart"), "{first}");
    let second = joined(&from(&one, "u-1", "Jan", "Jong publiek"));
    assert!(!second.contains("/privacy"), "said once: {second}");
    let status = joined(&from(&one, "u-2", "Piet", "/status"));
    assert!(
        !status.contains("koers bewaart je naam"),
        "a command is no answer"
    );
    let other = joined(&from(&one, "u-2", "Piet", "Bereik"));
    assert!(
        other.contains("Piet: koers bewaart"),
        "another person: {other}"
    );
    let two = Chat::on(engine, db, "twee");
    let elsewhere = joined(&from(&two, "u-1", "Jan", "marketing"));
    assert!(
        elsewhere.contains("Jan: koers bewaart"),
        "another team: {elsewhere}"
    );
}

/// A whole walk where `bea` enters the goal (owned by herself) and `ann` answers the rest.
fn walked_with_bea_on_the_goal() -> Chat {
    let mut chat = Chat::new();
    for (at, answer) in WALK {
        chat.user = if at.starts_with("action.action#1.goal#1") {
            "bea".into()
        } else {
            "ann".into()
        };
        let answer = if *at == "action.action#1.goal#1.owner" {
            "bea"
        } else {
            answer
        };
        assert_eq!(chat.cursor().as_deref(), Some(*at));
        chat.say(answer);
    }
    assert_eq!(chat.cursor(), None, "the round is finished");
    chat
}

fn goal_one(chat: &Chat) -> crate::store::TrackedGoal {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s.find_team("test", &team.id)?.context("team")?;
            s.find_goal_by_number(t.id, 1)?.context("goal 1")
        })
        .expect("goal")
}

#[test]
fn anonymising_asks_first_then_puts_a_pseudonym_everywhere_and_the_plan_works_on() {
    let mut chat = walked_with_bea_on_the_goal();
    chat.user = "bea".into();
    let offer = chat.send(Body::Text("/vergeetmij".into()));
    assert!(
        offer.contains("/vergeetmij 1") && offer.contains("/vergeetmij 2"),
        "{offer}"
    );
    let explain = chat.say("/vergeetmij 1");
    assert!(explain.contains("7 antwoord(en)"), "{explain}");
    assert!(
        explain.contains("1 doel(en) met jou als eigenaar"),
        "{explain}"
    );
    assert!(explain.contains("/vergeetmij 1 ja"), "{explain}");
    let owner_key = "action.action#1.goal#1.owner";
    assert_eq!(
        answered_by(&chat, owner_key),
        Some(("bea".into(), Some("bea".into()))),
        "nothing before confirming"
    );

    let done = chat.say("/vergeetmij 1 ja");
    assert!(done.contains("'oud-lid 1'"), "{done}");
    assert_eq!(
        answered_by(&chat, owner_key),
        Some(("oud-lid 1".into(), None)),
        "the answer stays, under the pseudonym"
    );
    assert_eq!(
        chat.value(owner_key).as_deref(),
        Some("bea"),
        "an answer is the team's"
    );
    let goal = goal_one(&chat);
    assert_eq!(
        goal.owner.as_deref(),
        Some("oud-lid 1"),
        "the owner named her id"
    );
    assert_eq!(chat.cursor(), None, "nothing reopened");
    assert_eq!(
        answered_by(&chat, "question.focus").expect("answer").0,
        "ann"
    );

    let (data, _) = my_data(&chat, "bea", "bea");
    assert!(data.teams.is_empty(), "{data:?}");
    chat.user = "ann".into();
    let status = chat.say("/status");
    assert!(status.contains("Status van t"), "{status}");
    assert!(status.contains("studenten"), "the goal is in it: {status}");
    assert!(chat.say("/export").contains("oud-lid 1"));
    assert!(chat.say("/vergeetmij").contains("niets"), "ann has data");
}

#[test]
fn deleting_reopens_the_persons_questions_in_order_and_the_goal_keeps_its_reminders() {
    let mut chat = walked_with_bea_on_the_goal();
    let goal = goal_one(&chat);
    chat.user = "bea".into();
    let explain = chat.say("/vergeetmij 2");
    assert!(explain.contains("7 antwoord(en)"), "{explain}");
    assert!(explain.contains("/vergeetmij 2 ja"), "{explain}");
    assert!(answered_by(&chat, "action.action#1.goal#1.text").is_some());

    let replies = from(&chat, "bea", "bea", "/vergeetmij 2 ja");
    let private: Vec<_> = replies.iter().filter(|r| r.is_private()).collect();
    assert_eq!(private.len(), 1, "{replies:?}");
    assert!(
        private[0].text.contains("7 antwoord(en)"),
        "{}",
        private[0].text
    );
    let team = joined(
        &replies
            .iter()
            .filter(|r| !r.is_private())
            .cloned()
            .collect::<Vec<_>>(),
    );
    assert!(team.contains("weer open"), "the team is told: {team}");
    assert!(team.contains("Eigenaar"), "which questions: {team}");
    for key in [
        "action.action#1.goal#1.text",
        "action.action#1.goal#1.owner",
        "action.action#1.goal#1.baseline",
    ] {
        assert_eq!(answered_by(&chat, key), None, "{key} deleted");
    }
    assert_eq!(
        chat.cursor().as_deref(),
        Some("action.action#1.goal#1.text"),
        "the first reopened question is asked again"
    );
    assert_eq!(answered_by(&chat, "question.focus").expect("kept").0, "ann");

    // The goal itself stays the team's: its reminders still come, its owner is no one's id.
    let kept = goal_one(&chat);
    assert_eq!(kept.id, goal.id);
    assert_eq!(kept.owner.as_deref(), Some("oud-lid 1"));
    let team_id = chat.engine.team_id(&chat.db, &chat.team).expect("team id");
    let reminder = chat
        .db
        .run(move |s| s.list_team_reminders(team_id))
        .expect("read")
        .into_iter()
        .find(|r| r.goal_id == goal.id && r.state == "pending")
        .expect("a pending reminder of goal 1")
        .id;
    let out = chat
        .engine
        .prepare_reminder(&chat.db, reminder)
        .expect("prepared")
        .expect("the reminder still fires");
    assert!(out.reply.text.contains("studenten"), "{}", out.reply.text);

    chat.user = "ann".into();
    let status = chat.say("/status");
    assert!(status.contains("Status van t"), "{status}");
    assert!(chat.say("/export").contains("Instagram-campagne"));
    // The team answers the reopened questions in order, then the plan is finished again.
    for (at, answer) in WALK
        .iter()
        .filter(|(k, _)| k.starts_with("action.action#1.goal#1"))
    {
        assert_eq!(chat.cursor().as_deref(), Some(*at));
        chat.say(answer);
    }
    assert_eq!(
        chat.cursor(),
        None,
        "every other question was still answered"
    );
}

#[test]
fn a_team_not_in_the_conversation_hears_its_reopened_questions_on_its_next_turn() {
    let engine = engine();
    let db = Db::open_in_memory().expect("db");
    let one = Chat::on(engine.clone(), db.clone(), "een");
    from(&one, "ann", "ann", "marketing");
    from(&one, "bea", "bea", "Jong publiek");
    from(&one, "ann", "ann", "Bereik");
    let mut two = Chat::on(engine, db, "twee");
    from(&two, "bea", "bea", "strategie");
    from(&two, "bea", "bea", "/vergeetmij 2 ja");
    assert_eq!(answered_by(&one, "question.important"), None);
    assert_eq!(one.cursor().as_deref(), Some("question.important"));
    two.team = key("een");
    let next = joined(&from(&two, "ann", "ann", "/status"));
    assert!(next.contains("weer open"), "{next}");
    let after = joined(&from(&two, "ann", "ann", "/status"));
    assert!(!after.contains("weer open"), "said once: {after}");
    assert_eq!(
        answered_by(&two, "question.measure").expect("kept").0,
        "ann",
        "others' answers stay"
    );
}
