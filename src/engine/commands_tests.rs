//! Tests of commands.rs.

use super::*;

#[test]
fn commands_parse_in_both_languages() {
    let cases = [
        ("/start", Command::Start),
        ("/status", Command::Status),
        ("/overslaan", Command::Skip),
        ("/skip", Command::Skip),
        ("/terug", Command::Back),
        ("/BACK", Command::Back),
        ("/wijzig", Command::Change(None)),
        ("/change 3", Command::Change(Some(3))),
        ("/taal en", Command::Language(Lang::En)),
        ("/language nederlands", Command::Language(Lang::Nl)),
        ("/export", Command::Export),
        ("/nieuw", Command::NewRound),
        ("/help", Command::Help),
        ("!koers status", Command::Status),
        ("!hulp", Command::Help),
    ];
    for (line, cmd) in cases {
        assert_eq!(parse(line), Ok(cmd), "{line}");
    }
}

#[test]
fn bad_commands_say_what_is_wrong() {
    assert!(
        matches!(parse("/frobnicate"), Err(UserError::UnknownCommand(c)) if c == "/frobnicate")
    );
    assert!(matches!(parse("/"), Err(UserError::UnknownCommand(_))));
    assert_eq!(
        parse("/status nu"),
        Err(UserError::ExtraArgs("/status".into()))
    );
    assert!(matches!(
        parse("/wijzig drie"),
        Err(UserError::BadArg { .. })
    ));
    assert!(matches!(parse("/wijzig 0"), Err(UserError::BadArg { .. })));
    assert!(matches!(
        parse("/wijzig 1 2"),
        Err(UserError::BadArg { .. })
    ));
    assert!(matches!(parse("/taal"), Err(UserError::BadArg { .. })));
    assert!(matches!(parse("/taal fr"), Err(UserError::BadArg { .. })));
    let long = format!("/{}", "x".repeat(10_000));
    assert!(matches!(parse(&long), Err(UserError::UnknownCommand(c)) if c.len() <= 40));
}
