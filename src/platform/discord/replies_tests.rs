use super::*;
use crate::engine::{About, Audience, Choice};

fn question(key: &str, text: &str, choices: &[&str]) -> Reply {
    Reply {
        text: text.into(),
        about: Some(About::Question(key.into())),
        choices: choices
            .iter()
            .map(|c| Choice {
                id: (*c).into(),
                label: c.to_uppercase(),
            })
            .collect(),
        audience: Audience::Team,
        ..Reply::default()
    }
}

fn private(text: &str) -> Reply {
    Reply {
        audience: Audience::Personal,
        ..Reply::text(text)
    }
}

/// The custom ids of a part's components, row by row.
fn ids(part: &Part) -> Vec<String> {
    let rows = serde_json::to_value(&part.components).expect("components serialise");
    rows.as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_first_contact_is_one_message_with_the_questions_buttons() {
    let replies = [
        Reply::text("Hoi #marketing!"),
        Reply::text("Stap 1: het vraagstuk."),
        question("q.ready", "Zijn jullie er klaar voor?", &["yes", "no"]),
    ];
    let parts = parts(&replies);
    assert_eq!(parts.len(), 1, "one message");
    assert_eq!(
        parts[0].text,
        "Hoi #marketing!\n\nStap 1: het vraagstuk.\n\nZijn jullie er klaar voor?"
    );
    assert_eq!(ids(&parts[0]), ["k|q.ready|yes", "k|q.ready|no"]);
    assert!(!parts[0].private);
}

#[test]
fn what_is_for_one_person_is_a_message_of_its_own_in_the_order_it_came() {
    let team_first = parts(&[
        Reply::text("voor het team"),
        private("alleen voor jou"),
        Reply::text("ook voor het team"),
    ]);
    let texts: Vec<(&str, bool)> = team_first
        .iter()
        .map(|p| (p.text.as_str(), p.private))
        .collect();
    assert_eq!(
        texts,
        [
            ("voor het team\n\nook voor het team", false),
            ("alleen voor jou", true)
        ]
    );
    let private_first = parts(&[private("nee"), Reply::text("team")]);
    assert_eq!(
        private_first.iter().map(|p| p.private).collect::<Vec<_>>(),
        [true, false]
    );
    assert!(parts(&[]).is_empty());
    assert!(parts(&[Reply::text(""), Reply::text("  \n")]).is_empty());
}

#[test]
fn a_turn_past_discords_limit_is_split_with_the_buttons_on_the_last_part() {
    let long: String = (0..60)
        .map(|i| format!("Regel {i:02} van een lang overzicht met veel woorden erin.\n"))
        .collect();
    assert!(long.chars().count() > CONTENT_CHARS);
    let replies = [
        Reply::text(long.clone()),
        question("q.next", "En nu?", &["yes", "no"]),
    ];
    let parts = parts(&replies);
    assert!(parts.len() >= 2, "split: {}", parts.len());
    for (i, part) in parts.iter().enumerate() {
        assert!(part.text.chars().count() <= CONTENT_CHARS, "part {i}");
        let last = i == parts.len() - 1;
        assert_eq!(ids(part).is_empty(), !last, "components on part {i}");
    }
    let all: String = parts.iter().map(|p| p.text.as_str()).collect();
    assert!(
        all.starts_with("Regel 00") && all.ends_with("En nu?"),
        "{all}"
    );
    for i in 0..60 {
        assert!(all.contains(&format!("Regel {i:02} ")), "line {i} kept");
    }
}

#[test]
fn replies_that_fit_stay_whole_when_a_turn_is_split() {
    let a = "a".repeat(1500);
    let b = "b ".repeat(400);
    let parts = parts(&[Reply::text(a.clone()), Reply::text(b.clone())]);
    let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, [a.as_str(), b.trim_end()]);
    // Exactly at the limit, two replies still share one message.
    let c = "c".repeat(CONTENT_CHARS - 2 - 10);
    let together = super::parts(&[Reply::text(c), Reply::text("d".repeat(10))]);
    assert_eq!(together.len(), 1);
    assert_eq!(together[0].text.chars().count(), CONTENT_CHARS);
}

#[test]
fn a_question_asked_twice_in_one_turn_has_its_buttons_once() {
    let replies = [
        question("q.a", "Eerst?", &["yes", "no"]),
        question("q.b", "Dan?", &["yes"]),
        question("q.a", "Nog eens?", &["yes", "no"]),
    ];
    let parts = parts(&replies);
    assert_eq!(parts.len(), 1);
    assert_eq!(ids(&parts[0]), ["k|q.b|yes", "k|q.a|yes", "k|q.a|no"]);
}

#[test]
fn a_picture_goes_once_on_the_first_part_of_its_message() {
    let long = "x".repeat(1500);
    let pictured = Reply {
        image: Some(crate::engine::Image {
            png: b"\x89PNG-bytes".to_vec(),
            name: "koers-t-plan.png".into(),
            alt: "Het plan".into(),
            width: 2,
            height: 1,
        }),
        ..Reply::text(long.clone())
    };
    let parts = parts(&[pictured, Reply::text(long)]);
    assert_eq!(parts.len(), 2, "split past the limit");
    assert_eq!(parts[0].files.len(), 1);
    assert!(parts[1].files.is_empty());
    let file = &parts[0].files[0];
    assert_eq!(file.filename, "koers-t-plan.png");
    assert_eq!(file.data, b"\x89PNG-bytes");
    assert_eq!(file.description.as_deref(), Some("Het plan"));
}
