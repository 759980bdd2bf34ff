//! Safe to invite: only the room's managers change the plan, what concerns one person goes to
//! that person alone, nothing said before koers joined is answered, talk not meant for koers is
//! left alone when the team asks for that, and koers never pings anyone.

use std::time::Duration;

use koers::states::{GoalStatus, Listen};
use serde_json::json;

use super::FOCUS_QUESTION as FOCUS;
use crate::matrix::{
    Bot, Event, Human, NOW, Stored, count_containing, homeserver, plan_dump, poll,
    settled_plan_dump,
};

/// The question after the first two (prompts/nl.toml `question.measure`).
const MEASURE: &str = "willen meten";

/// The refusal of a plan change to a member (prompts/nl.toml `msg.error.not_manager`).
const REFUSED: &str = "mag alleen een beheerder";

/// Every message koers sent carries an empty `m.mentions`, so it notifies no one.
fn assert_no_pings(msgs: &[Event]) {
    assert!(!msgs.is_empty());
    for m in msgs {
        assert_eq!(
            m.json["content"]["m.mentions"],
            json!({}),
            "koers' message pings no one: {}",
            m.body().chars().take(80).collect::<String>()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_is_refused_every_plan_change_in_the_room_and_a_manager_is_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (anna, ben, carla, dora) = (
        Human::login("anna").await,
        Human::login("ben").await,
        Human::login("carla").await,
        Human::login("dora").await,
    );
    let managers = [("KOERS_MATRIX_MANAGERS", carla.id.as_str())];
    let mut bot = Bot::start("bot-power", dir.path(), NOW, &managers);
    let room = anna
        .create_room(
            "Rechten",
            false,
            &[&bot.user_id, &ben.id, &carla.id, &dora.id],
        )
        .await;
    for member in [&ben, &carla, &dora] {
        member.join(&room).await;
    }
    anna.wait_text(&room, &bot.user_id, 0, FOCUS).await;
    // A goal to try to move, close and drop (anna created the room: she holds every right).
    anna.say(
        &room,
        "!koers doel nieuw Het aantal studenten dat via de webshop koopt stijgt van 40 naar 60 \
         vóór 1 december 2026",
    )
    .await;
    anna.say(&room, "Sanne").await;
    anna.say(&room, "ja").await;
    anna.say(&room, "40").await;
    anna.say(&room, "nee").await;
    anna.wait_text(&room, &bot.user_id, 0, "Herinneringen komen 7 en 1")
        .await;
    assert_eq!(
        anna.state(&room, "m.room.power_levels").await["users"][&dora.id],
        serde_json::Value::Null,
        "dora has the room's default level, 0"
    );

    // dora (power level 0) tries every manager-only command, every way it can be typed.
    let before = settled_plan_dump(dir.path()).await;
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    let tries = [
        "!koers nieuw",
        "!nieuw",
        "/nieuw",
        "!KOERS NIEUW",
        "!koers new",
        "!goal drop 1",
        "!koers doel schrap 1",
        "!koers doel verzet 1 30-06-2027 omdat het kan",
        "!koers doel sluit 1",
        "!koers tijdzone Europe/London",
        "!koers herinneringen 3",
        "!koers luisteren antwoorden",
        "!koers listen replies",
        "!koers link",
        "!link nieuw",
        "!koers link off",
    ];
    for line in tries {
        dora.say(&room, line).await;
    }
    let msgs = anna
        .wait_for(&room, &bot.user_id, "a refusal for each try", |m| {
            m.len() >= seen + tries.len()
        })
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let msgs_now = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(msgs_now.len(), msgs.len(), "one reply per try, no more");
    let replies = &msgs[seen..];
    assert_eq!(
        count_containing(replies, REFUSED),
        tries.len(),
        "each refused in the room: {:#?}",
        replies.iter().map(Event::body).collect::<Vec<_>>()
    );
    assert_eq!(
        settled_plan_dump(dir.path()).await,
        before,
        "a refused command writes nothing"
    );

    // Raised to the level the room asks to change its name (50), dora may.
    anna.set_power(&room, &dora.id, 50).await;
    dora.say(&room, "!koers luisteren antwoorden").await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "koers leest hier alleen reacties",
    )
    .await;
    // carla has level 0 but is listed in matrix_managers.
    carla.say(&room, "!koers doel schrap 1").await;
    anna.wait_text(&room, &bot.user_id, seen, "Doel 1 is geschrapt")
        .await;
    dora.say(&room, "!KOERS NIEUW").await;
    anna.wait_text(&room, &bot.user_id, seen, "Ronde 2 is begonnen")
        .await;
    let stored = Stored::open(dir.path());
    let team = stored.team(&room);
    assert_eq!((team.listen, team.round), (Listen::Replies, 2));
    assert_eq!(
        stored.goal(&room, 1).map(|g| g.goal.status),
        Some(GoalStatus::Dropped)
    );
    let all = anna.messages_from(&room, &bot.user_id).await;
    assert_eq!(
        count_containing(&all[seen..], REFUSED),
        tries.len(),
        "no refusal for a manager"
    );
    assert_no_pings(&all);
    assert_ne!(plan_dump(dir.path()), before);

    // After a restart koers has seen no power levels yet: it reads them from the room.
    bot.kill();
    let bot = Bot::start("bot-power", dir.path(), NOW, &managers);
    let seen = all.len();
    ben.say(&room, "!koers nieuw").await;
    anna.wait_text(&room, &bot.user_id, seen, REFUSED).await;
    dora.say(&room, "!koers herinneringen 3").await;
    let set = anna
        .wait_for(&room, &bot.user_id, "a reply to dora", |m| {
            m.len() >= seen + 2
        })
        .await;
    assert!(
        !set[seen + 1].body().contains(REFUSED),
        "dora is still a manager: {}",
        set[seen + 1].body()
    );
    assert_eq!(Stored::open(dir.path()).team(&room).reminder_days, "3");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_koers_keeps_about_a_person_goes_to_them_alone_by_direct_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (anna, ben) = (Human::login("anna").await, Human::login("ben").await);
    let bot = Bot::start("bot-private", dir.path(), NOW, &[]);
    let room = anna
        .create_room("Privé", false, &[&bot.user_id, &ben.id])
        .await;
    ben.join(&room).await;
    anna.wait_text(&room, &bot.user_id, 0, FOCUS).await;
    anna.say(&room, "3").await;
    ben.say(&room, "Jong publiek").await;
    anna.wait_text(&room, &bot.user_id, 0, MEASURE).await;
    let stored = Stored::open(dir.path());
    let names = stored.answer_names(&room);
    assert_eq!(
        names["question.focus"].1, anna.name,
        "the display name is shown"
    );
    assert_eq!(
        stored.answers(&room)["question.focus"].1,
        anna.id,
        "the id decides"
    );

    // anna asks for her data: a direct message with the JSON as a file, her rows alone.
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    anna.say(&room, "!koers mijndata").await;
    let note = anna
        .wait_text(&room, &bot.user_id, seen, "privébericht")
        .await;
    assert!(note.body().contains(&anna.name), "{}", note.body());
    let dm = poll(async || anna.direct_invites_from(&bot.user_id).await.pop())
        .await
        .expect("koers invited anna to a direct room");
    anna.join(&dm).await;
    let file = anna
        .wait_for(&dm, &bot.user_id, "the JSON file", |m| {
            m.iter().any(|e| e.json["content"]["msgtype"] == "m.file")
        })
        .await
        .into_iter()
        .find(|e| e.json["content"]["msgtype"] == "m.file")
        .expect("m.file");
    assert_eq!(file.json["content"]["filename"], "koers-mijndata.json");
    let url = file.json["content"]["url"].as_str().expect("mxc url");
    let data: serde_json::Value =
        serde_json::from_slice(&anna.download(url).await).expect("the person's JSON");
    assert_eq!(data["id"], anna.id.as_str());
    assert_eq!(data["teams"][0]["team"], room.as_str());
    let answers = data["teams"][0]["answers"].as_array().expect("answers");
    assert_eq!(answers.len(), 1, "{data}");
    assert_eq!(answers[0]["key"], "question.focus");
    assert!(!data.to_string().contains(ben.id.as_str()), "{data}");

    // Forgetting: what the way will do, then done; both in the direct room.
    anna.say(&room, "!koers vergeetmij 1").await;
    anna.wait_text(&dm, &bot.user_id, 0, "Dit gebeurt").await;
    anna.say(&room, "!koers vergeetmij 1 ja").await;
    let done = anna.wait_text(&dm, &bot.user_id, 0, "Gedaan").await;
    assert!(done.body().contains("'oud-lid 1'"), "{}", done.body());

    // Asked again, koers uses the same direct room (the answer arrives there).
    anna.say(&room, "!koers privacy").await;
    anna.wait_text(&dm, &bot.user_id, 0, "bij 0 antwoord(en)")
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let in_room = anna.messages_from(&room, &bot.user_id).await;
    let in_dm = anna.messages_from(&dm, &bot.user_id).await;
    assert_eq!(
        in_dm.len(),
        5,
        "no greeting in the direct room, only the answers: the data's text and file, what \
         forgetting will do, done, and the privacy summary"
    );
    assert_eq!(
        count_containing(&in_room[seen..], "privébericht"),
        4,
        "the room hears only where the answers went"
    );
    for private in ["Gedaan", "oud-lid", "antwoord(en)", "koers-person"] {
        assert_eq!(
            count_containing(&in_room, private),
            0,
            "{private} stays private"
        );
    }
    assert_eq!(stored.teams(), 1, "the direct room is no team");

    // anna's name is gone; ben keeps his.
    let names = stored.answer_names(&room);
    assert_eq!(names["question.focus"].1, "oud-lid 1");
    assert_eq!(names["question.important"].1, ben.name);
    assert_eq!(stored.answers(&room)["question.important"].1, ben.id);
    assert_no_pings(&in_room);
    assert_no_pings(&in_dm);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_said_before_koers_joined_is_answered_and_its_greeting_comes_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let anna = Human::login("anna").await;
    let bot = Bot::start("bot-prejoin", dir.path(), NOW, &[]);
    let room = anna.create_room("Vooraf", false, &[]).await;
    // More than one sync's timeline (10 events), so koers' join also pages back.
    anna.say(&room, "!koers status").await;
    for i in 0..12 {
        anna.say(&room, &format!("Bericht {i}")).await;
    }
    anna.say(&room, "3").await;
    anna.say(&room, "!koers status").await;
    anna.invite(&room, &bot.user_id).await;

    anna.wait_text(&room, &bot.user_id, 0, FOCUS).await;
    anna.say(&room, "!koers status").await;
    anna.wait_text(&room, &bot.user_id, 0, "Status van Vooraf")
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let msgs = anna.messages_from(&room, &bot.user_id).await;
    assert!(
        msgs[0].body().contains("Vooraf")
            && msgs[0].body().contains(FOCUS)
            && !msgs[0].body().contains("Status van"),
        "the greeting is the first thing koers says: {}",
        msgs[0].body()
    );
    assert_eq!(
        count_containing(&msgs, "Status van"),
        1,
        "only the status asked for after the join"
    );
    assert!(
        !Stored::open(dir.path())
            .answers(&room)
            .contains_key("question.focus"),
        "the 3 said before the join is no answer"
    );
    bot.wait_log("leaving alone what was said before koers joined")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listening_to_replies_only_leaves_chatter_alone_and_reads_replies_and_mentions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (anna, ben) = (Human::login("anna").await, Human::login("ben").await);
    let bot = Bot::start("bot-listen", dir.path(), NOW, &[]);
    let room = anna
        .create_room("Luisteren", false, &[&bot.user_id, &ben.id])
        .await;
    ben.join(&room).await;
    let focus = anna.wait_text(&room, &bot.user_id, 0, FOCUS).await;
    assert!(
        focus.body().contains("Luisteren: alles"),
        "the greeting says what koers reads: {}",
        focus.body()
    );
    anna.say(&room, "!koers luisteren antwoorden").await;
    anna.wait_text(&room, &bot.user_id, 0, "koers leest hier alleen reacties")
        .await;

    // Chatter, even an answer-like line and a reply to someone else, is not koers' business.
    let before = settled_plan_dump(dir.path()).await;
    let seen = anna.messages_from(&room, &bot.user_id).await.len();
    let lunch = ben.say(&room, "Zullen we eerst lunchen?").await;
    ben.say(&room, "3").await;
    anna.reply(&room, lunch.as_str(), "ja").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        anna.messages_from(&room, &bot.user_id).await.len(),
        seen,
        "no reply to chatter"
    );
    assert_eq!(
        settled_plan_dump(dir.path()).await,
        before,
        "chatter is not stored"
    );

    // A reply to koers' question is an answer.
    ben.reply(&room, &focus.event_id, "3").await;
    anna.wait_text(
        &room,
        &bot.user_id,
        seen,
        "Wat is de komende periode belangrijk",
    )
    .await;
    // So is a line that mentions koers (as Element writes a mention), without the mention.
    let account = homeserver().account("bot-listen");
    anna.send_raw(
        &room,
        json!({"msgtype": "m.text", "body": format!("{}: Jong publiek", account.display_name),
               "m.mentions": {"user_ids": [bot.user_id]}}),
    )
    .await;
    anna.wait_text(&room, &bot.user_id, seen, MEASURE).await;
    let answers = Stored::open(dir.path()).answers(&room);
    assert_eq!(
        answers["question.focus"],
        (Some("marketing".into()), ben.id.clone())
    );
    assert_eq!(
        answers["question.important"],
        (Some("Jong publiek".into()), anna.id.clone())
    );
}
