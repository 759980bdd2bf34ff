//! Engine tests of step 4's policy questions and its readiness items tracked as actions: the
//! summary in `/status` and the export, owner and date, the reminders (through the real
//! scheduler, across a restart) and the "is it in place?" evaluation.

use std::sync::{Arc, Mutex};

use anyhow::Context;

use super::tests::{Chat, WALK};
use super::{Engine, FixedClock, Reply, Settings, TeamKey};
use crate::reminders::scheduler::Scheduler;
use crate::reminders::{Delivery, Sending};
use crate::states::{GoalKind, GoalStatus};
use crate::store::{Db, Options, Scope, TrackedGoal};

/// Walk the whole WALK.
fn walked(chat: &mut Chat) {
    for (key, answer) in WALK {
        assert_eq!(chat.cursor().as_deref(), Some(*key), "before {answer:?}");
        chat.say(answer);
    }
    assert_eq!(chat.cursor(), None);
}

/// Walk until the cursor is at `key` (answering the WALK's lines before it).
fn walk_to(chat: &mut Chat, key: &str) {
    for (at, answer) in WALK {
        if *at == key {
            return;
        }
        chat.say(answer);
    }
    panic!("{key} is not in the walk");
}

fn goals(chat: &Chat) -> Vec<TrackedGoal> {
    let team = chat.team.clone();
    chat.db
        .run(move |s| {
            let t = s.find_team(&team.platform, &team.id)?.context("team")?;
            s.list_team_goals(t.id)
        })
        .expect("goals")
}

fn action(chat: &Chat, key: &str) -> Option<TrackedGoal> {
    goals(chat).into_iter().find(|g| g.key == key)
}

fn pending(chat: &Chat, id: i64) -> i64 {
    chat.db
        .run(move |s| Ok(s.count_goal_reminders(id)?.0))
        .expect("count")
}

fn text(chat: &Chat, key: &str) -> String {
    chat.engine
        .texts()
        .get(crate::prompts::Lang::Nl, key)
        .into()
}

#[test]
fn the_policy_answers_are_the_summary_in_status_and_the_export() {
    let mut chat = Chat::new();
    walk_to(&mut chat, "implementation.policy_what");
    let status = chat.say("/status");
    assert!(
        !status.contains(&text(&chat, "msg.readiness_action.policy_header")),
        "no summary before the questions: {status}"
    );
    let mut chat = Chat::new();
    walked(&mut chat);
    let status = chat.say("/status");
    assert!(
        status.contains(&text(&chat, "msg.readiness_action.policy_header")),
        "{status}"
    );
    for (path, answer) in [
        (
            "implementation.policy_what",
            "Elke campagne start met de cijfers uit de webshop",
        ),
        (
            "implementation.policy_how",
            "Marketing bespreekt de cijfers elke maand",
        ),
        (
            "implementation.policy_needs",
            "Een dashboard en vier uur per week",
        ),
    ] {
        let label = text(&chat, &format!("{path}.label"));
        assert!(status.contains(&format!("• {label}: {answer}")), "{status}");
    }
    let export = chat.say("/export");
    let section = format!("## {}", text(&chat, "msg.readiness_action.export_policy"));
    let at = export.find(&section).expect("a policy section");
    assert!(
        export[at..].contains("- Het beleid: Elke campagne start met de cijfers uit de webshop"),
        "{export}"
    );
}

#[test]
fn an_open_item_with_owner_and_date_is_tracked_like_a_goal() {
    let mut chat = Chat::new();
    walk_to(&mut chat, "implementation.mandate.date");
    let said = chat.say("31-03-2027");
    let mandate = action(&chat, "implementation.mandate").expect("tracked");
    assert_eq!(mandate.kind, GoalKind::Readiness);
    assert_eq!(mandate.owner.as_deref(), Some("Directie"));
    assert_eq!(mandate.text, "Duidelijk mandaat");
    assert_eq!(
        mandate.deadline.map(|d| d.to_string()).as_deref(),
        Some("2027-03-31")
    );
    assert_eq!((mandate.number, mandate.status), (2, GoalStatus::Open));
    assert!(
        said.contains("actie 2") && said.contains("31-03-2027"),
        "{said}"
    );
    // The same plan as a goal: 7 and 1 days before, on the date, and the nudge after it.
    assert_eq!(pending(&chat, mandate.id), 4);
    // The rest of the walk: "geen" as a date tracks nothing.
    for (_, answer) in WALK
        .iter()
        .skip_while(|(k, _)| *k != "implementation.mandate.date")
        .skip(1)
    {
        chat.say(answer);
    }
    assert!(action(&chat, "implementation.breach_protocol").is_none());
    assert_eq!(
        chat.value("implementation.breach_protocol.date").as_deref(),
        Some("none")
    );
    let status = chat.say("/status");
    assert!(
        status.contains("Acties uit stap 4 (1):")
            && status.contains(
                "2. Duidelijk mandaat — opgepakt door: Directie, geregeld op: 31-03-2027"
            )
            && status.contains("loopt"),
        "{status}"
    );
    assert!(
        status.contains("Doelen (1):"),
        "goals are counted apart: {status}"
    );
    let list = chat.say("/doel");
    assert!(
        list.contains("2. Duidelijk mandaat — opgepakt door"),
        "{list}"
    );
    let progress = chat.say("/doel voortgang 2 5");
    assert!(progress.contains("randvoorwaarde uit stap 4"), "{progress}");
    let export = chat.say("/export");
    assert!(
        export.contains("## Acties uit stap 4\n\n- 2. Duidelijk mandaat — opgepakt door: Directie"),
        "{export}"
    );
}

#[test]
fn a_date_is_asked_only_with_an_owner_and_must_be_readable() {
    let mut chat = Chat::new();
    walk_to(&mut chat, "implementation.mandate.owner");
    chat.say("/overslaan");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("implementation.agreements"),
        "no owner, no date question"
    );
    let mut chat = Chat::new();
    walk_to(&mut chat, "implementation.mandate.date");
    let out = chat.say("zodra het kan");
    assert!(out.contains(&text(&chat, "msg.unreadable_date")), "{out}");
    assert_eq!(
        chat.cursor().as_deref(),
        Some("implementation.mandate.date")
    );
    assert!(action(&chat, "implementation.mandate").is_none());
}

#[test]
fn a_yes_later_closes_the_action_and_its_reminders() {
    let mut chat = Chat::new();
    walked(&mut chat);
    let mandate = action(&chat, "implementation.mandate").expect("tracked");
    // /wijzig the mandate answer to "ja": the action is in place.
    let list = chat.say("/wijzig");
    let n = list
        .lines()
        .find(|l| l.contains(". Duidelijk mandaat: nee"))
        .and_then(|l| l.split('.').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .expect("the mandate in the list");
    chat.say(&format!("/wijzig {n}"));
    chat.say("ja");
    let mandate = action(&chat, "implementation.mandate").filter(|g| g.id == mandate.id);
    let mandate = mandate.expect("kept");
    assert_eq!(mandate.status, GoalStatus::Closed);
    assert_eq!(pending(&chat, mandate.id), 0);
}

/// A platform that keeps what it was given.
#[derive(Default)]
struct Kept(Mutex<Vec<String>>);

impl Delivery for Kept {
    fn platform(&self) -> &'static str {
        "test"
    }
    fn deliver<'a>(&'a self, _team: &'a TeamKey, reply: &'a Reply, _key: &'a str) -> Sending<'a> {
        self.0.lock().expect("lock").push(reply.text.clone());
        Box::pin(async { Ok(()) })
    }
}

fn engine_at(now: &str) -> Arc<Engine> {
    let now: jiff::Timestamp = now.parse().expect("timestamp");
    Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"))
}

/// Run a scheduler on a freshly opened database file (a restart) at `now`: what it delivered.
async fn deliver_at(path: &std::path::Path, now: &str) -> (Vec<String>, Arc<Engine>, Db) {
    let db = Db::open(path, &Options::default()).expect("open");
    let engine = engine_at(now);
    let kept = Arc::new(Kept::default());
    let (mut scheduler, _h) = Scheduler::new(
        Arc::clone(&engine),
        db.clone(),
        kept.clone(),
        Scope::Platform("test".into()),
    );
    scheduler.deliver_due().await;
    let shown = kept.0.lock().expect("lock").clone();
    (shown, engine, db)
}

#[tokio::test]
async fn the_action_reminder_fires_once_at_its_date_across_restarts_and_asks_if_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("koers.sqlite");
    {
        let db = Db::open(&path, &Options::default()).expect("open");
        let mut chat = Chat::on(super::tests::engine(), db, "t");
        walked(&mut chat);
    }
    // 30 March, 09:00 in Amsterdam (summer time): the day-before reminder, nothing else.
    let (shown, _, _) = deliver_at(&path, "2027-03-30T07:00:05Z").await;
    let deadline_text = "Vandaag (31-03-2027) zou actie 2 'Duidelijk mandaat' geregeld zijn";
    // Both the 7-day and the 1-day reminder fell due: only the later one is sent.
    assert_eq!(shown.len(), 1, "the 1-day reminder only: {shown:?}");
    assert!(
        shown.iter().all(|t| !t.contains(deadline_text)),
        "{shown:?}"
    );
    assert!(shown[0].contains("(bij Directie) moet op 31-03-2027 geregeld zijn (morgen)"));
    // A restart the next morning: the date's reminder comes once, with the question.
    let (shown, engine, db) = deliver_at(&path, "2027-03-31T07:00:05Z").await;
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains(deadline_text), "{shown:?}");
    assert!(shown[0].contains("Is 'Duidelijk mandaat' (actie 2, bij Directie) nu geregeld?"));
    let (again, _, _) = deliver_at(&path, "2027-03-31T07:05:00Z").await;
    assert!(again.is_empty(), "not sent twice: {again:?}");
    // Not in place: a new date reopens it with its reminders; in place at that date closes it.
    let mut chat = Chat::on(engine, db, "t");
    let out = chat.say("nee");
    assert!(out.contains("Wat wordt de nieuwe datum"), "{out}");
    let out = chat.say("30-04-2027");
    assert!(out.contains("30-04-2027"), "{out}");
    let mandate = action(&chat, "implementation.mandate").expect("tracked");
    assert_eq!(mandate.status, GoalStatus::Open);
    assert_eq!(pending(&chat, mandate.id), 4, "planned again for 30 April");
    drop(chat);
    let (shown, engine, db) = deliver_at(&path, "2027-04-30T07:00:05Z").await;
    assert!(
        shown
            .iter()
            .any(|t| t.contains("Vandaag (30-04-2027) zou actie 2")),
        "{shown:?}"
    );
    let mut chat = Chat::on(engine, db, "t");
    let out = chat.say("ja");
    assert!(out.contains("is geregeld en afgesloten"), "{out}");
    let mandate = action(&chat, "implementation.mandate").expect("tracked");
    assert_eq!(mandate.status, GoalStatus::Closed);
    assert_eq!(pending(&chat, mandate.id), 0, "no nudge after it is done");
}

#[test]
fn not_in_place_and_stop_drops_the_action() {
    let mut chat = Chat::new();
    walked(&mut chat);
    let out = chat.say("/evalueer 2");
    assert!(
        out.contains("Is 'Duidelijk mandaat' (actie 2, bij Directie) nu geregeld?"),
        "{out}"
    );
    chat.say("nee");
    let out = chat.say("stop");
    assert!(out.contains("is geschrapt"), "{out}");
    let mandate = action(&chat, "implementation.mandate").expect("tracked");
    assert_eq!(mandate.status, GoalStatus::Dropped);
    assert_eq!(pending(&chat, mandate.id), 0);
}

#[test]
fn a_moved_date_answers_the_open_question_and_no_date_drops_the_action() {
    let mut chat = Chat::new();
    walked(&mut chat);
    let out = chat.say("/evalueer 2");
    assert!(out.starts_with("Actie 2: 'Duidelijk mandaat'."), "{out}");
    // Moved instead of answered: the question is over, text is an answer again.
    chat.say("/doel verzet 2 30-04-2027 omdat de directie pas in april vergadert");
    let mandate = action(&chat, "implementation.mandate").expect("tracked");
    assert_eq!(mandate.status, GoalStatus::Open);
    assert_eq!(pending(&chat, mandate.id), 4);
    let out = chat.say("/status");
    assert!(out.contains("geregeld op: 30-04-2027"), "{out}");
    // The date taken away with /wijzig: the action is dropped.
    let list = chat.say("/wijzig");
    let n = list
        .lines()
        .find(|l| l.contains(". Duidelijk mandaat: geregeld op: 31-03-2027"))
        .and_then(|l| l.split('.').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or_else(|| panic!("the date in {list}"));
    chat.say(&format!("/wijzig {n}"));
    chat.say("geen");
    let mandate = action(&chat, "implementation.mandate").expect("kept");
    assert_eq!(mandate.status, GoalStatus::Dropped);
    assert_eq!(pending(&chat, mandate.id), 0);
    let team = chat.team.clone();
    let open = chat
        .db
        .run(move |s| {
            Ok(s.find_team(&team.platform, &team.id)?
                .context("team")?
                .open_evaluations)
        })
        .expect("team");
    assert_eq!(open, 0, "no question left open");
}
