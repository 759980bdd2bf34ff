//! Tests of the adapters' kit: the splitter, display names, and asking the engine.

use super::*;
use crate::engine::{Body, FixedClock, Role, Settings};

/// Every part within the limit, and the parts joined give the text back.
fn check(text: &str, limit: Limit) -> Vec<String> {
    let parts = split_text(text, limit);
    assert!(!parts.is_empty());
    for p in &parts {
        assert!(
            limit.len(p) <= limit.max(),
            "{} > {}",
            limit.len(p),
            limit.max()
        );
    }
    assert_eq!(parts.concat(), text);
    parts
}

#[test]
fn an_empty_text_is_one_empty_part() {
    assert_eq!(check("", Limit::Chars(10)), [""]);
    assert_eq!(check("", Limit::Bytes(10)), [""]);
}

#[test]
fn a_text_exactly_at_the_limit_stays_whole_and_one_more_is_cut() {
    assert_eq!(check("abcde", Limit::Chars(5)), ["abcde"]);
    assert_eq!(check("ab\ncd", Limit::Chars(5)), ["ab\ncd"]);
    assert_eq!(check("abcdef", Limit::Chars(5)), ["abcde", "f"]);
    assert_eq!(check("ab\ncde", Limit::Chars(5)), ["ab\n", "cde"]);
    // Five é are five characters but ten bytes.
    assert_eq!(check("ééééé", Limit::Chars(5)), ["ééééé"]);
    assert_eq!(check("ééééé", Limit::Bytes(10)), ["ééééé"]);
    assert_eq!(check("ééééé", Limit::Bytes(9)), ["éééé", "é"]);
}

#[test]
fn lines_are_kept_together_then_words_then_characters() {
    let text = "one two\nthree four five\nsix";
    assert_eq!(
        check(text, Limit::Chars(10)),
        ["one two\n", "three ", "four five\n", "six"]
    );
    assert_eq!(check("aa bb cc dd", Limit::Chars(6)), ["aa bb ", "cc dd"]);
    // Lines are packed while they fit.
    assert_eq!(check("a\nb\nc\nd\n", Limit::Chars(4)), ["a\nb\n", "c\nd\n"]);
}

#[test]
fn one_giant_word_is_cut_between_characters() {
    let word = "x".repeat(25);
    assert_eq!(
        check(&word, Limit::Chars(10)),
        ["x".repeat(10), "x".repeat(10), "x".repeat(5)]
    );
    let parts = check(&format!("short\n{word} tail"), Limit::Chars(10));
    assert_eq!(parts[0], "short\n");
    assert_eq!(parts.last().map(String::as_str), Some("xxxxx tail"));
}

#[test]
fn multibyte_text_is_never_cut_inside_a_character() {
    for text in ["é".repeat(101), "🙂é a".repeat(40), "ab🙂".repeat(33)] {
        for max in 4..=12 {
            // `check` slices and compares: a cut inside a character would panic or differ.
            check(&text, Limit::Bytes(max));
            check(&text, Limit::Chars(max));
        }
    }
    // Wide white space is a break too, kept whole; a no-break space is not a break.
    assert_eq!(check("aa\u{3000}bb", Limit::Bytes(6)), ["aa\u{3000}", "bb"]);
    assert_eq!(check("aa\u{a0}bb", Limit::Bytes(5)), ["aa\u{a0}b", "b"]);
    // A limit smaller than one character still moves on, one character a part.
    assert_eq!(split_text("🙂🙂", Limit::Bytes(2)), ["🙂", "🙂"]);
}

#[test]
fn a_long_reply_splits_like_the_platforms_did() {
    // Discord's lines of 999 characters: one message holds one, then the next starts.
    let line = "x".repeat(999) + "\n";
    let parts = check(&line.repeat(4), Limit::Chars(1900));
    assert_eq!(parts, vec![line.clone(); 4]);
    // Matrix: 24 lines of 1000 bytes in one event, the rest in the next.
    let parts = check(&line.repeat(30), Limit::Bytes(24_000));
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0], line.repeat(24));
}

#[test]
fn names_are_cleaned_and_fall_back_to_the_next_then_the_id() {
    assert_eq!(
        display_name([Some("  Anna "), Some("anna_1")], "42"),
        "Anna"
    );
    assert_eq!(display_name([None, Some("anna_1")], "42"), "anna_1");
    assert_eq!(display_name([Some(" \t "), Some("anna_1")], "42"), "anna_1");
    assert_eq!(display_name([Some("A\u{1b}[2Jnn\na")], "42"), "A[2Jnna");
    assert_eq!(display_name([None, Some("")], "@anna:x"), "@anna:x");
    assert_eq!(display_name([], "@anna:x"), "@anna:x");
    let p = person("@anna:x", [Some("Anna ")]);
    assert_eq!((p.id.as_str(), p.name.as_str()), ("@anna:x", "Anna"));
}

fn link(default_lang: Lang) -> Link {
    let now: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().expect("timestamp");
    let settings = Settings {
        default_lang,
        ..Settings::default()
    };
    let engine = Engine::new(Box::new(FixedClock(now)), settings).expect("engine");
    Link::new(Arc::new(engine), Db::open_in_memory().expect("db"))
}

fn team(id: &str) -> TeamKey {
    TeamKey {
        platform: "test".into(),
        id: id.into(),
        name: id.into(),
    }
}

#[tokio::test]
async fn a_team_not_seen_yet_hears_the_configured_default_language() {
    for lang in [Lang::En, Lang::Nl] {
        let link = link(lang);
        let text = link.text(&team("new"), "msg.matrix.encrypted", &[]).await;
        assert_eq!(
            text,
            link.engine().texts().get(lang, "msg.matrix.encrypted")
        );
    }
    assert_ne!(
        link(Lang::En)
            .engine()
            .texts()
            .get(Lang::En, "msg.matrix.encrypted"),
        link(Lang::En)
            .engine()
            .texts()
            .get(Lang::Nl, "msg.matrix.encrypted"),
    );
}

#[tokio::test]
async fn asking_answers_and_an_event_is_handled_once() {
    let link = link(Lang::En);
    let msg = |body| Incoming {
        team: team("t"),
        person: Person::named("ann"),
        role: Role::Manager,
        body,
    };
    let greeting = link.ask(msg(Body::Start { lang: None })).await;
    assert!(greeting.iter().any(|r| r.about.is_some()), "{greeting:?}");
    assert_eq!(link.lang(&team("t")).await, Lang::En);
    let first = link
        .ask_once(msg(Body::Text("/status".into())), "$e1")
        .await;
    assert!(first.is_some_and(|r| !r.is_empty()));
    let again = link
        .ask_once(msg(Body::Text("/status".into())), "$e1")
        .await;
    assert_eq!(again, None);
}
