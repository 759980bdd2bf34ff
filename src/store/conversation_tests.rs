//! Tests of the team, answer and recorded-goal queries (`teams.rs`, `answers.rs`, `goal_record.rs`).

use super::*;

fn answer(key: &str, value: &str, user: &str) -> Answer {
    Answer {
        key: key.into(),
        value: Some(value.into()),
        skipped: false,
        computed: false,
        user: user.into(),
        user_id: Some(user.into()),
        at: "2026-11-25T10:00:00Z".into(),
    }
}

#[test]
fn answers_are_kept_per_team_and_changes_keep_history() {
    let db = Db::open_in_memory().expect("db");
    let (mine, theirs, history) = db
        .run(|s| {
            let now = "2026-11-25T10:00:00Z";
            let a = s.insert_team(
                "terminal",
                "a",
                "A",
                crate::prompts::Lang::Nl,
                "Europe/Amsterdam",
                now,
            )?;
            let b = s.insert_team(
                "terminal",
                "b",
                "B",
                crate::prompts::Lang::En,
                "Europe/Amsterdam",
                now,
            )?;
            s.upsert_answer(a.id, 1, &answer("question.important", "eerste", "ann"))?;
            s.upsert_answer(
                a.id,
                1,
                &answer("question.important", "'; DROP TABLE answers; --", "bob"),
            )?;
            s.upsert_answer(b.id, 1, &answer("question.important", "theirs", "cy"))?;
            Ok((
                s.list_answers(a.id, 1)?,
                s.list_answers(b.id, 1)?,
                s.list_answer_history(a.id, 1, "question.important")?,
            ))
        })
        .expect("run");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].value.as_deref(), Some("'; DROP TABLE answers; --"));
    assert_eq!(mine[0].user, "bob");
    assert_eq!(theirs[0].value.as_deref(), Some("theirs"));
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].value.as_deref(), Some("eerste"));
    assert_eq!(history[0].user, "ann");
}

#[test]
fn teams_are_unique_per_platform_and_id() {
    let db = Db::open_in_memory().expect("db");
    let dup = db.run(|s| {
        s.insert_team(
            "terminal",
            "a",
            "A",
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )?;
        s.insert_team(
            "terminal",
            "a",
            "A",
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )
    });
    assert!(dup.is_err());
    let other = db.run(|s| {
        s.insert_team(
            "terminal",
            "a",
            "A",
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )?;
        s.insert_team(
            "matrix",
            "a",
            "A",
            crate::prompts::Lang::Nl,
            "Europe/Amsterdam",
            "now",
        )
    });
    assert!(other.is_ok());
}

#[test]
fn goals_upsert_by_key_and_new_round_clears_cursor() {
    let db = Db::open_in_memory().expect("db");
    let (goals, team) = db
        .run(|s| {
            let t = s.insert_team(
                "terminal",
                "a",
                "A",
                crate::prompts::Lang::Nl,
                "Europe/Amsterdam",
                "now",
            )?;
            let mut g = Goal {
                key: "action.action#1.goal#1".into(),
                action_text: "campagne".into(),
                text: "meer jongeren".into(),
                owner: None,
                deadline_text: None,
                baseline_text: None,
                target_text: None,
                created_by: "ann".into(),
                created_by_id: Some("ann".into()),
            };
            s.upsert_goal(t.id, 1, &g, "now")?;
            g.owner = Some("Bo".into());
            s.upsert_goal(t.id, 1, &g, "later")?;
            s.update_cursor(t.id, Some("data.intro"), "now")?;
            s.update_round(t.id, 2, "now")?;
            Ok((s.list_goals(t.id, 1)?, s.find_team("terminal", "a")?))
        })
        .expect("run");
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].owner.as_deref(), Some("Bo"));
    let team = team.expect("team");
    assert_eq!((team.round, team.cursor), (2, None));
}
