//! `/verwijder team`: who may, the code, and that nothing of the team is left in any table of
//! the schema while another team keeps everything.

use std::sync::Arc;

use anyhow::Context;

use super::super::tests::{Chat, WALK, engine};
use super::super::*;
use crate::store::{Db, Scope, TeamRows};

/// A team with rows in every table a team can have: the whole walk with an A/B experiment, a
/// changed answer, an evaluation, a sent reminder, a closed round, a thread and platform marks.
fn full_team(engine: &Arc<Engine>, db: &Db, id: &str) -> Chat {
    let mut chat = Chat::on(Arc::clone(engine), db.clone(), id);
    for (key, answer) in WALK {
        if *key == "action.action#1.goal#1.experiment" {
            for a in [
                "ja",
                "huidige nieuwsbrief",
                "nieuwsbrief met video",
                "5%",
                "6,5 procent",
                "10.000",
            ] {
                chat.say(a);
            }
            continue;
        }
        chat.say(answer);
    }
    chat.say("/wijzig 2");
    chat.say("Jong en oud publiek");
    let team_id = chat.team_id();
    let pending = db
        .run(move |s| s.next_pending_reminder(&Scope::Team(team_id)))
        .expect("next")
        .expect("a reminder");
    let out = engine
        .prepare_reminder(db, pending.0)
        .expect("prepare")
        .expect("worded");
    engine.confirm_reminder(db, &out, "test").expect("sent");
    chat.say("/evalueer 1");
    chat.say("130");
    chat.say("/nieuw");
    let ext = id.to_string();
    db.run(move |s| {
        s.insert_discord_thread(team_id, &format!("thread-{ext}"), 2, "now")?;
        s.upsert_web_link(team_id, &[ext.as_bytes()[0]; 32], "now")?;
        s.insert_handled_event("test", &ext, &format!("$event-{ext}"), "now")?;
        s.insert_sent_question(
            "test",
            &ext,
            &format!("$msg-{ext}"),
            "question.focus",
            "now",
        )
    })
    .expect("platform rows");
    chat
}

impl Chat {
    fn team_id(&self) -> i64 {
        let team = self.team.clone();
        self.db
            .run(move |s| Ok(s.find_team(&team.platform, &team.id)?.context("team")?.id))
            .expect("team id")
    }

    fn rows(&self, team_id: i64) -> TeamRows {
        self.db
            .run(move |s| s.count_team_rows(team_id))
            .expect("rows")
    }

    /// Send a line and keep the replies whole (the farewell flag).
    fn replies(&mut self, text: &str) -> Vec<Reply> {
        self.engine
            .handle(
                &self.db,
                Incoming {
                    team: self.team.clone(),
                    person: Person::named(&self.user),
                    role: self.role,
                    body: Body::Text(text.into()),
                },
            )
            .expect("handled")
    }
}

/// The code in koers' confirmation: the word after `/verwijder team `.
fn code_in(text: &str) -> String {
    let (_, after) = text
        .split_once("/verwijder team ")
        .expect("the code is shown");
    after
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

#[test]
fn deleting_a_team_leaves_no_row_of_it_in_any_table_and_the_other_team_untouched() {
    let (engine, db) = (engine(), Db::open_in_memory().expect("db"));
    let mut a = full_team(&engine, &db, "a");
    let b = full_team(&engine, &db, "b");
    let (a_id, b_id) = (a.team_id(), b.team_id());
    let before = a.rows(a_id);
    // The set-up reaches every table that can hold a team's rows, so the check below means
    // something for each of them.
    for (table, n) in &before.counts {
        assert!(*n > 0, "the set-up left {table} empty for team a");
    }
    assert_eq!(
        before.unlinked,
        ["platform_state"],
        "a table with no link to teams: give it a team_id, or list it here with why"
    );
    let b_before = b.rows(b_id);

    let asked = a.say("/verwijder team");
    let code = code_in(&asked);
    assert_eq!(code.len(), 6, "{asked}");
    let replies = a.replies(&format!("/verwijder team {}", code.to_lowercase()));
    assert!(Reply::ends_team(&replies), "{replies:?}");

    let after = a.rows(a_id);
    for (table, n) in &after.counts {
        assert_eq!(*n, 0, "{table} still holds rows of the deleted team");
    }
    assert_eq!(b.rows(b_id), b_before, "the other team is untouched");
    let scheduled = db
        .run(move |s| s.next_pending_reminder(&Scope::Team(a_id)))
        .expect("next");
    assert_eq!(scheduled, None, "no reminder of the deleted team is left");
}

#[test]
fn a_wrong_code_cancels_and_the_right_one_then_no_longer_works() {
    let mut chat = Chat::new();
    let id = chat.team_id();
    let code = code_in(&chat.say("/verwijder team"));
    let wrong = if code == "AAAAAA" { "BBBBBB" } else { "AAAAAA" };
    let out = chat.say(&format!("/verwijder team {wrong}"));
    assert!(
        out.contains(
            chat.engine
                .texts()
                .get(crate::prompts::Lang::Nl, "msg.delete_team.wrong")
        ),
        "{out}"
    );
    let out = chat.say(&format!("/verwijder team {code}"));
    assert!(out.contains("geen verwijdering"), "cancelled: {out}");
    assert_eq!(chat.rows(id).counts["teams"], 1, "the team is still there");
}

#[test]
fn delete_alone_names_nothing_and_starts_no_deletion() {
    for typed in ["/verwijder", "/delete", "/VERWIJDER"] {
        let mut chat = Chat::new();
        let out = chat.say(typed);
        assert!(
            out.contains("Gebruik:") && out.contains(" team"),
            "{typed}: the usage: {out}"
        );
        assert!(
            !out.contains("binnen 10 minuten"),
            "{typed}: no code is shown: {out}"
        );
        let out = chat.say("/verwijder team ABCDEF");
        assert!(
            out.contains("geen verwijdering"),
            "{typed}: nothing was pending: {out}"
        );
    }
}

#[test]
fn an_expired_code_deletes_nothing() {
    let db = Db::open_in_memory().expect("db");
    let then: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().expect("time");
    let later = then + jiff::SignedDuration::from_mins(11);
    let at =
        |t| Arc::new(Engine::new(Box::new(FixedClock(t)), Settings::default()).expect("engine"));
    let mut chat = Chat::on(at(then), db.clone(), "t");
    let code = code_in(&chat.say("/verwijder team"));
    let mut late = Chat::on(at(later), db, "t");
    let out = late.say(&format!("/verwijder team {code}"));
    assert!(out.contains("verlopen"), "{out}");
    let id = late.team_id();
    assert_eq!(late.rows(id).counts["teams"], 1);
}

#[test]
fn only_a_manager_may_delete_the_team() {
    let mut chat = Chat::new();
    chat.role = Role::Member;
    let id = chat.team_id();
    let out = chat.say("/verwijder team");
    assert!(
        !out.contains("/verwijder team "),
        "no code for a member: {out}"
    );
    let out = chat.say("!koers delete team ABCDEF");
    assert!(!out.contains("verwijderd"), "{out}");
    assert_eq!(chat.rows(id).counts["teams"], 1);
}
