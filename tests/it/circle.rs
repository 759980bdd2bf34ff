//! End to end through `koers chat`: step 1 and step 3 hold together. "Wat willen jullie
//! bereiken?" starts the 5x waarom, each "waarom?" quotes the answer before it, a repeated
//! answer gets one nudge, a goal that shares nothing with the vraagstuk is asked whether it
//! serves it, and the vraagstuk is shown back next to the actions and goals.

use crate::common::{Chat, FIRST_QUESTION, Sandbox, WALK, line_of};

/// A goal that shares no word with the walk's vraagstuk or its step-1 answers.
pub(crate) const FAR_GOAL: &str =
    "Het aantal museumbezoekers uit Utrecht met 10% verhogen vóór 1 juli 2027";

#[test]
fn the_waarom_quotes_the_answer_before_it_and_a_far_goal_is_asked_about() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    for line in &WALK[..line_of("question.achieve")] {
        s.answer(line.input, line.next);
    }
    s.answer("Meer studenten in de zaal", "Willen jullie dat nu doen?");
    s.answer(
        "ja",
        "[Waarom 1] Jullie zeggen: “Meer studenten in de zaal”. Waarom? (1/5)",
    );
    // Only the same words again: one nudge, quoting what was said.
    s.answer(
        "Omdat we meer studenten in de zaal willen",
        "[Waarom 1] Dat lijkt veel op “Meer studenten in de zaal”.",
    );
    s.answer(
        "Omdat studenten ons toekomstige publiek zijn.",
        "[Waarom 2] Jullie zeggen: “Omdat studenten ons toekomstige publiek zijn”. Waarom? (2/5)",
    );
    s.answer("klaar", "Probeer het in één vraag te vangen.");
    let statement = WALK[line_of("question.statement")];
    s.answer(statement.input, statement.next);
    for line in &WALK[line_of("question.statement") + 1..line_of("action.action#1.goal#1.text")] {
        s.answer(line.input, line.next);
    }
    let asked = s.answer(
        FAR_GOAL,
        "Dient het jullie vraagstuk: “Hoeveel jongeren onder de 30 kopen via onze webshop een \
         kaartje voor onze voorstellingen”?",
    );
    assert!(
        asked.contains("geen woord terug uit jullie vraagstuk"),
        "{asked}"
    );
    let tip = s.answer("nee", "Wie is eigenaar van dit doel?");
    assert!(
        tip.contains("Dan loont het om het doel bij te stellen"),
        "{tip}"
    );
    s.answer("Sanne", "Staan de betrokkenen achter dit doel?");
    s.answer("ja", "Waar staan jullie nu");
    s.answer("200", "Welke waarde willen jullie bereiken");
    s.answer("220", "Is dit doel een experiment");
    s.answer("nee", "Hoort er nog een doel bij deze actie?");
    s.answer("nee", "Willen jullie nog een actie plannen?");
    // The walk's team is lerend: its long-term goal is asked, then the plan is shown.
    s.answer("nee", "doel voor de lange termijn");
    let plan = s.answer(
        "Over twee jaar is een kwart van ons publiek jonger dan 30",
        "Eerst het beleid zelf.",
    );
    let shown = [
        "Zo hangen jullie acties en doelen samen met het vraagstuk.",
        "Vraagstuk: “Hoeveel jongeren onder de 30 kopen via onze webshop een kaartje voor onze voorstellingen”",
        "Actie: Instagram-campagne voor studenten",
        &format!("  • Doel 1: {FAR_GOAL}"),
        "Dienen deze doelen samen jullie vraagstuk?",
    ];
    let mut from = 0;
    for line in shown {
        let at = plan[from..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} not (in order) in:\n{plan}"));
        from += at + line.len();
    }
    let export = s.export_now();
    let done = s.finish();
    done.assert_success();

    // Stored: the answers, the nudge and its answer, the checks koers made.
    let value = |key: &str| {
        sandbox
            .answer("team", 1, key)
            .and_then(|a| a.value)
            .unwrap_or_else(|| panic!("{key} not stored"))
    };
    assert_eq!(value("question.achieve"), "Meer studenten in de zaal");
    assert_eq!(value("question.why#1.repeat"), "repeat");
    assert_eq!(
        value("question.why#1.again"),
        "Omdat studenten ons toekomstige publiek zijn."
    );
    assert_eq!(value("action.action#1.goal#1.overlap"), "none");
    assert_eq!(value("action.action#1.goal#1.serves"), "no");
    assert_eq!(value("action.plan"), "1");
    for line in [
        "- **Wat we willen bereiken**: Meer studenten in de zaal (ann, ",
        "- **Waarom 1 · Waarom, nog eens**: Omdat studenten ons toekomstige publiek zijn. (ann, ",
        "- **Actie 1 · Doel 1 · Dient het vraagstuk**: nee (ann, ",
        "> Zo hangen jullie acties en doelen samen met het vraagstuk.",
    ] {
        assert!(export.contains(line), "export lacks {line:?}:\n{export}");
    }
}
