//! Tests of migrations that change what existing rows mean.

use rusqlite::Connection;

use super::{Answer, Db, MIGRATIONS, Options};

/// A database as version 6 left it: the same display name in a terminal, a Discord and a
/// Matrix team.
fn version_6(path: &std::path::Path) {
    let mut conn = Connection::open(path).expect("open");
    MIGRATIONS.to_version(&mut conn, 6).expect("migrations 1-6");
    conn.execute_batch(
        "INSERT INTO teams (id, platform, external_id, name, created_at, updated_at) VALUES
           (1, 'terminal', 't', 't', 'then', 'then'),
           (2, 'discord', '42', '#42', 'then', 'then'),
           (3, 'matrix', '!r:x', 'r', 'then', 'then');
         INSERT INTO answers (team_id, round, key, value, computed, user_name, answered_at) VALUES
           (1, 1, 'question.important', 'a', 0, 'jan', 'then'),
           (2, 1, 'question.important', 'b', 0, 'Jan', 'then'),
           (3, 1, 'question.important', 'c', 0, '@jan:x', 'then'),
           (1, 1, 'question.statement_score', '3', 1, 'koers', 'then');
         INSERT INTO goals (id, team_id, round, key, action_text, text, created_by, created_at,
                            updated_at) VALUES
           (1, 2, 1, 'action.action#1.goal#1', 'a', 'g', 'Jan', 'then', 'then'),
           (2, 3, 1, 'action.action#1.goal#1', 'a', 'g', '@jan:x', 'then', 'then');
         INSERT INTO goal_history (goal_id, field, user_name, changed_at) VALUES
           (1, 'current', 'Jan', 'then'), (2, 'current', '@jan:x', 'then'),
           (2, 'status', 'koers', 'then');",
    )
    .expect("old rows");
}

#[test]
fn ids_are_filled_where_the_old_name_was_the_id_and_never_guessed_from_a_display_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v6.sqlite");
    version_6(&path);
    let db = Db::open(&path, &Options::default()).expect("upgrade");
    let (terminal, discord, matrix, computed, counts) = db
        .run(|s| {
            let get = |s: &mut super::Store<'_>, team: i64, key: &str| {
                s.get_answer(team, 1, key).map(|a| a.expect("answer kept"))
            };
            let terminal = get(s, 1, "question.important")?;
            let discord = get(s, 2, "question.important")?;
            let matrix = get(s, 3, "question.important")?;
            let computed = get(s, 1, "question.statement_score")?;
            // Someone on Discord called Jan cannot claim the old rows by their name.
            let counts = (
                s.count_user_data(2, "Jan")?.total(),
                s.count_user_data(3, "@jan:x")?,
            );
            Ok((terminal, discord, matrix, computed, counts))
        })
        .expect("read");
    let id = |a: &Answer| a.user_id.clone();
    assert_eq!(id(&terminal).as_deref(), Some("jan"));
    assert_eq!(id(&matrix).as_deref(), Some("@jan:x"));
    assert_eq!(id(&discord), None, "a Discord display name is not an id");
    assert_eq!(discord.user, "Jan", "the name is kept");
    assert_eq!(id(&computed), None, "koers has no id");
    assert_eq!(counts.0, 0);
    assert_eq!(
        (counts.1.answers, counts.1.goals, counts.1.goal_changes),
        (1, 1, 1)
    );
}

#[test]
fn a_changed_answer_keeps_the_id_of_who_gave_the_earlier_version() {
    let db = Db::open_in_memory().expect("db");
    let history = db
        .run(|s| {
            let t = s.insert_team(
                "discord",
                "1",
                "t",
                crate::prompts::Lang::Nl,
                "Europe/Amsterdam",
                "now",
            )?;
            let mut answer = Answer {
                key: "question.important".into(),
                value: Some("eerst".into()),
                skipped: false,
                computed: false,
                user: "Jan".into(),
                user_id: Some("111".into()),
                at: "t1".into(),
            };
            s.upsert_answer(t.id, 1, &answer)?;
            answer.value = Some("daarna".into());
            answer.user_id = Some("222".into());
            answer.at = "t2".into();
            s.upsert_answer(t.id, 1, &answer)?;
            Ok((
                s.list_answer_history(t.id, 1, "question.important")?,
                s.count_user_data(t.id, "111")?,
            ))
        })
        .expect("write");
    assert_eq!(history.0.len(), 1);
    assert_eq!(history.0[0].user_id.as_deref(), Some("111"));
    assert_eq!((history.1.answers, history.1.history), (0, 1));
}

#[test]
fn a_team_mid_detour_keeps_the_question_it_returns_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v10.sqlite");
    {
        let mut conn = Connection::open(&path).expect("open");
        MIGRATIONS
            .to_version(&mut conn, 10)
            .expect("migrations 1-10");
        conn.execute_batch(
            "INSERT INTO teams (id, platform, external_id, name, round, created_at, updated_at)
               VALUES (1, 'terminal', 't', 't', 2, 'then', 'then');
             INSERT INTO answers (team_id, round, key, value, computed, user_name, answered_at)
               VALUES (1, 1, '~return', 'question.focus', 1, 'koers', 'then'),
                      (1, 2, '~return', 'question.measure', 1, 'koers', 'then'),
                      (1, 2, 'question.focus', 'marketing', 0, 'ann', 'then');",
        )
        .expect("old rows");
    }
    let db = Db::open(&path, &Options::default()).expect("upgrade");
    let (team, answers) = db
        .run(|s| {
            let team = s.find_team("terminal", "t")?.expect("team");
            let answers = s.list_answers(team.id, 2)?;
            Ok((team, answers))
        })
        .expect("read");
    assert_eq!(team.return_to.as_deref(), Some("question.measure"));
    assert_eq!(
        answers.iter().map(|a| a.key.as_str()).collect::<Vec<_>>(),
        vec!["question.focus"],
        "the hidden answer is gone, the real one stays"
    );
}

/// Every row of `table`, each as its values in column order.
fn rows(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
        .expect("select");
    let n = stmt.column_count();
    stmt.query_map([], |row| {
        (0..n)
            .map(|i| Ok(format!("{:?}", row.get_ref(i)?)))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(|values| values.join(" "))
    })
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("read")
}

const GOAL_TABLES: [&str; 6] = [
    "goals",
    "goal_history",
    "evaluations",
    "reminders",
    "reminder_sends",
    "experiments",
];

#[test]
fn rebuilding_goals_keeps_every_goal_and_what_hangs_on_it_and_unjudged_goals_become_not_assessed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v18.sqlite");
    let before: Vec<Vec<String>> = {
        let mut conn = Connection::open(&path).expect("open");
        MIGRATIONS
            .to_version(&mut conn, 18)
            .expect("migrations 1-18");
        // Goal 1: evaluated with its outcome skipped (recorded as not achieved until now);
        // goal 2: the team said "nee"; goal 3 follows goal 1, runs, and is an experiment;
        // goal 4: a step-4 action whose check said not yet.
        conn.execute_batch(
            "INSERT INTO teams (id, platform, external_id, name, created_at, updated_at)
               VALUES (1, 'terminal', 't', 't', 'then', 'then');
             INSERT INTO goals (id, team_id, round, key, action_text, text, created_by,
                                created_at, updated_at, number, status, previous_goal_id, kind)
               VALUES (1, 1, 1, 'a#1.g#1', 'a', 'g1', 'jan', 'then', 'then', 1, 'not_achieved', NULL, 'goal'),
                      (2, 1, 1, 'a#1.g#2', 'a', 'g2', 'jan', 'then', 'then', 2, 'not_achieved', NULL, 'goal'),
                      (3, 1, 1, 'a#1.g#3', 'a', 'g3', 'jan', 'then', 'then', 3, 'open', 1, 'goal'),
                      (4, 1, 1, 'r#1', 'r', 'r1', 'jan', 'then', 'then', 4, 'not_achieved', NULL, 'readiness');
             INSERT INTO goal_history (goal_id, field, old_value, new_value, reason, user_name,
                                       changed_at, user_id)
               VALUES (1, 'status', 'evaluating', 'not_achieved', 'evaluation', 'jan', 'then', 'jan'),
                      (2, 'status', 'evaluating', 'not_achieved', 'evaluation', 'jan', 'then', 'jan'),
                      (3, 'current', NULL, '250', NULL, 'jan', 'then', 'jan');
             INSERT INTO evaluations (goal_id, step, result, outcome, started_at, finished_at,
                                      user_name)
               VALUES (1, 'done', NULL, NULL, 'then', 'then', 'jan'),
                      (2, 'done', 'weinig', 'not_achieved', 'then', 'then', 'jan'),
                      (4, 'done', NULL, NULL, 'then', 'then', 'jan');
             INSERT INTO reminders (id, goal_id, team_id, platform, kind, days, local_at,
                                    timezone, due_at, state, idem_key, sent_at, attempts,
                                    retry_at, handed_at)
               VALUES (1, 1, 1, 'terminal', 'deadline', 0, 'x', 'Europe/Amsterdam', 100,
                       'sent', 'k1', 'then', 1, 50, 'then'),
                      (2, 3, 1, 'terminal', 'before', 7, 'y', 'Europe/Amsterdam', 200,
                       'pending', 'k2', NULL, 0, 300, NULL);
             INSERT INTO reminder_sends (reminder_id, idem_key, platform, sent_at, late)
               VALUES (1, 'k1', 'terminal', 'then', 0);
             INSERT INTO experiments (goal_id, variant_a, variant_b, sent_a, converted_a)
               VALUES (3, 'A', 'B', 100, 7);",
        )
        .expect("old rows");
        GOAL_TABLES.iter().map(|t| rows(&conn, t)).collect()
    };
    drop(Db::open(&path, &Options::default()).expect("upgrade"));
    let conn = Connection::open(&path).expect("reopen");
    let status = |id: i64| -> String {
        conn.query_row("SELECT status FROM goals WHERE id = ?1", [id], |r| r.get(0))
            .expect("status")
    };
    assert_eq!(
        status(1),
        "not_assessed",
        "the skipped outcome was never judged"
    );
    assert_eq!(status(2), "not_achieved", "the team's own no stays");
    assert_eq!(
        status(4),
        "not_achieved",
        "a step-4 action is not a goal's evaluation"
    );
    let (new_value, reason): (String, String) = conn
        .query_row(
            "SELECT new_value, reason FROM goal_history WHERE goal_id = 1 ORDER BY id DESC",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("history");
    assert_eq!(new_value, "not_assessed");
    assert!(reason.contains("0019"), "{reason}");
    let problems: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign key check");
    assert_eq!(problems, 0);
    // The new status is the only change: put it back and every row is as it was.
    conn.execute("UPDATE goals SET status = 'not_achieved' WHERE id = 1", [])
        .expect("put back");
    for (table, before) in GOAL_TABLES.iter().zip(before) {
        let mut after = rows(&conn, table);
        if *table == "goal_history" {
            assert_eq!(after.len(), before.len() + 1, "one history row says why");
            after.pop();
        }
        assert_eq!(after, before, "{table}");
    }
    // The new status is allowed, and a status that is none still is not.
    conn.execute("UPDATE goals SET status = 'not_assessed' WHERE id = 2", [])
        .expect("not_assessed is a status");
    assert!(
        conn.execute("UPDATE goals SET status = 'unknown' WHERE id = 2", [])
            .is_err()
    );
}
