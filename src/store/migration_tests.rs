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
