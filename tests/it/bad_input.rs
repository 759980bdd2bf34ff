//! End-to-end: input koers must refuse (or store verbatim) without losing the conversation.
//! Each bad line is followed by a normal answer, to show the conversation goes on.

use crate::common::{Chat, FIRST_QUESTION, Sandbox, WALK, line_of};

const EMPTY: &str = "Dat was een leeg antwoord; ik heb het genegeerd.";
const TOO_LONG: &str = "Dat antwoord is te lang: maximaal 2000 tekens.";
const CONTROL: &str = "Er staan stuurtekens (zoals escapecodes) in dat antwoord.";
const NOT_YES_NO: &str = "Dat kon ik niet lezen als ja of nee. Antwoord met ja, nee, deels of weet ik niet (of het nummer).";
const NO_OPTION: &str =
    "Ik weet niet welke optie jullie bedoelen. Antwoord met het nummer of de naam van een optie:";
const UTF8_NL: &str = "koers: Een regel invoer was geen geldige UTF-8-tekst en is genegeerd.";
const UTF8_EN: &str = "koers: A line of input was not valid UTF-8 text and was ignored.";

const SQL: &str = "'; DROP TABLE answers; --";
const WORLD: &str = "🎭 جمهور شاب 👩‍🎤 קהל צעיר — ok";
const MARKDOWN: &str = "Robert'); DROP TABLE teams;-- \"quoted\" 100% _under_ `tick` **bold** <b>";

#[test]
fn bad_input_is_refused_or_kept_verbatim_and_nothing_is_lost() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);

    // A choice: empty, white space, words and numbers that match no option.
    s.answer("", EMPTY);
    s.answer("   \t  ", EMPTY);
    for nothing in ["banaan", "9", "0", "12", "optie 7"] {
        let reply = s.answer(nothing, NO_OPTION);
        assert!(
            !reply.contains(WALK[0].next),
            "{nothing:?} was taken as an answer"
        );
        // The question is asked again with its options.
        s.read_until(FIRST_QUESTION);
        s.read_until("  5) Bedrijfsvoering");
    }
    s.answer(WALK[0].input, WALK[0].next);

    // A megabyte on one line: refused with the limit, not echoed.
    let megabyte = "a".repeat(1 << 20);
    let reply = s.answer(&megabyte, TOO_LONG);
    assert!(
        reply.len() < 1000,
        "the refusal is short, got {} bytes",
        reply.len()
    );
    s.answer(WALK[1].input, WALK[1].next);

    // The limit counts characters: 2001 é is too long, 2000 é are fine. Control characters
    // (terminal escapes, bell, NUL) are refused.
    s.answer(&"é".repeat(2001), TOO_LONG);
    s.answer("\x1b[31mrood\x1b[0m", CONTROL);
    s.answer("\x07", CONTROL);
    s.answer("a\0b", CONTROL);
    let boundary = "é".repeat(2000);
    s.answer(&boundary, WALK[2].next);

    // Invalid UTF-8: an error line on stderr, nothing stored, the same question stays open.
    s.send_line(b"\xff\xfe ja \xc3\x28");
    s.answer(WALK[3].input, WALK[3].next);

    // SQL, scripts from right to left, emoji and Markdown are ordinary answers, kept verbatim.
    s.answer(SQL, WALK[4].next);
    s.answer(WORLD, WALK[5].next);
    s.answer(MARKDOWN, WALK[6].next);
    s.answer(WALK[7].input, WALK[7].next);
    s.answer(WALK[8].input, WALK[8].next);

    // A yes/no question: unreadable answers and a number out of range are asked again.
    for unreadable in ["banaan", "5", "ja nee", "yes and no"] {
        s.answer(unreadable, NOT_YES_NO);
        s.read_until(WALK[8].next);
        s.read_until("  4) weet ik niet");
        assert!(
            sandbox.answer("team", 1, "question.why_offer").is_none(),
            "{unreadable:?} was recorded"
        );
    }
    s.answer("nee", "Probeer het in één vraag te vangen.");
    let statement = WALK[line_of("question.statement")].input;
    s.answer(statement, "(1/7) Is er een strategie");
    s.send_line("/export");
    let done = s.finish();
    done.assert_success();

    // stdout: no control characters and no megabyte were echoed.
    assert!(!done.stdout.contains('\x1b') && !done.stdout.contains('\x07'));
    assert!(!done.stdout.contains('\0'));
    assert!(!done.stdout.contains(&"a".repeat(100)));
    assert!(
        done.stdout.len() < 200_000,
        "stdout is {} bytes",
        done.stdout.len()
    );
    // stderr: exactly the one invalid-UTF-8 line.
    let errors: Vec<&str> = done
        .stderr
        .lines()
        .filter(|l| l.starts_with("koers: "))
        .collect();
    assert_eq!(errors, vec![UTF8_NL], "stderr:\n{}", done.stderr);

    let export = done.export();
    for (label, value) in [
        ("Focusgebied", "Marketingcommunicatie & verkoop"),
        ("Belangrijk komende periode", WALK[1].input),
        ("Vraagstuk om te meten", boundary.as_str()),
        ("Betrokken afdelingen", WALK[3].input),
        ("Betrokken personen", SQL),
        ("Wie we willen bereiken", WORLD),
        ("Uitdagingen en obstakels", MARKDOWN),
        ("Wat we niet willen", WALK[7].input),
        ("Wat we willen bereiken", WALK[8].input),
        ("5x waarom", "nee"),
        ("Vraagstuk", statement),
    ] {
        let want = format!("- **{label}**: {value} (ann, ");
        assert!(export.contains(&want), "export lacks {want:?}:\n{export}");
    }
    assert_eq!(export.lines().filter(|l| l.starts_with("- **")).count(), 11);

    // The database holds exactly those answers, byte for byte; no refused input anywhere.
    let rows = sandbox.answers("team", 1);
    let value = |key: &str| {
        rows.iter()
            .find(|r| r.key == key)
            .and_then(|r| r.value.clone())
            .unwrap_or_else(|| panic!("{key} not stored"))
    };
    assert_eq!(value("question.measure"), boundary);
    assert_eq!(value("question.people"), SQL);
    assert_eq!(value("question.audience"), WORLD);
    assert_eq!(value("question.obstacles"), MARKDOWN);
    assert_eq!(value("question.departments"), WALK[3].input);
    assert_eq!(value("question.why_offer"), "no");
    assert_eq!(rows.iter().filter(|r| !r.computed).count(), 11);
    let database = sandbox.database();
    let history = database.history();
    assert!(
        history.is_empty(),
        "no answer was ever stored and then replaced: {history:#?}"
    );
    let tables = database.tables();
    for table in ["teams", "answers", "answer_history", "goals"] {
        assert!(
            tables.iter().any(|t| t == table),
            "every table is still there: {table} is not in {tables:?}"
        );
    }
}

/// "-1" is a number out of range like "0" or "9"; it must not pick option 1.
#[test]

fn negative_number_picks_no_option() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&Chat::new("team", "ann"), "-1\n-3\n");
    run.assert_success();
    assert_eq!(run.stdout.matches(NO_OPTION).count(), 2, "{}", run.stdout);
    assert!(
        sandbox.answer("team", 1, "question.focus").is_none(),
        "stored: {:?}",
        sandbox.answer("team", 1, "question.focus")
    );
}

#[test]
fn windows_line_endings_are_not_part_of_the_answer() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&Chat::new("team", "ann"), "3\r\nEerste\r\n/status\r\n");
    run.assert_success();
    assert!(
        run.stdout.contains("Huidige vraag: Vraagstuk om te meten"),
        "{}",
        run.stdout
    );
    assert_eq!(
        sandbox
            .answer("team", 1, "question.important")
            .and_then(|r| r.value)
            .as_deref(),
        Some("Eerste")
    );
}

#[test]
fn invalid_utf8_in_an_english_conversation_is_reported_in_english() {
    let sandbox = Sandbox::new();
    let mut input = b"3\n\xff\xfe\n".to_vec();
    input.extend_from_slice(b"Young audiences\n");
    let run = sandbox.run(&Chat::new("team", "ann").lang("en"), input);
    run.assert_success();
    assert_eq!(run.stderr.lines().collect::<Vec<_>>(), vec![UTF8_EN]);
    assert_eq!(
        sandbox
            .answer("team", 1, "question.important")
            .and_then(|r| r.value)
            .as_deref(),
        Some("Young audiences")
    );
}

/// The team chose English earlier; a later run without `--lang` speaks English on stdout, so
/// the invalid-UTF-8 notice on stderr should be English too.
#[test]

fn invalid_utf8_notice_follows_the_team_language() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("team", "ann");
    sandbox.run(&chat, "/taal en\n").assert_success();
    let run = sandbox.run(&chat, b"\xff\xfe\n".to_vec());
    run.assert_success();
    assert!(
        run.stdout.starts_with("Welcome back, team!"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr.lines().collect::<Vec<_>>(), vec![UTF8_EN]);
}

/// The whole database as text, read through koers' own store.
fn dump(sandbox: &Sandbox) -> String {
    let db = koers::store::Db::open(&sandbox.db_path(), &koers::store::Options::default())
        .expect("open the database");
    db.run(|s| s.dump_tables()).expect("dump")
}

#[test]
fn command_arguments_follow_the_rules_of_answers_and_nothing_stored_is_lost() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    s.answer(
        "/doel nieuw Het aantal bezoekers onder 25 met 10% verhogen voor 30-06-2027",
        "eigenaar",
    );
    s.answer("Marketing", "Staan de betrokkenen achter dit doel?");
    s.answer("ja", "nulmeting");
    s.answer("100", "Welke waarde");
    s.answer("110", "Is dit doel een experiment");
    s.answer("nee", "Genoteerd als doel 1");
    s.answer("/status", "Status van team");
    let before = dump(&sandbox);

    let huge = "9".repeat(400);
    // A 400-digit number is a number koers cannot use: refused with how to use the command,
    // never an internal error, never echoed back whole; so is one with an exponent.
    for value in [huge.clone(), "1e400".to_string()] {
        let reply = s.answer(
            &format!("/doel voortgang 1 {value}"),
            "Dat snap ik niet bij /doel voortgang. Gebruik: /doel voortgang 2 150",
        );
        assert!(!reply.contains("Er ging aan mijn kant iets mis"), "{reply}");
        assert!(!reply.contains(&huge), "the value is not echoed");
    }
    // A zero-width space alone is an empty answer, not one to store.
    s.answer("\u{200b}", EMPTY);
    for line in [
        format!("/doel sluit {huge}"),
        format!("/sluimer 1 {huge}"),
        format!("/wijzig {huge}"),
    ] {
        s.answer(&line, "Dat snap ik niet bij");
    }
    // Control characters and a megabyte in a reason or goal text are refused like answers.
    s.answer("/doel schrap 1 weg\u{1b}[2Jermee", CONTROL);
    s.answer(&format!("/doel nieuw {}", "a".repeat(1 << 20)), TOO_LONG);
    s.answer("/tijdzone Europe/Amsterdam\u{7}", CONTROL);
    assert_eq!(dump(&sandbox), before, "a refused command changes nothing");

    // The conversation goes on; a minus is the value's sign.
    s.answer("/doel voortgang 1 -5", "nu -5");
    s.answer("/doel voortgang 1 105", "105");
    s.finish().assert_success();
}
