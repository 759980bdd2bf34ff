//! End-to-end: the `/` commands of `koers chat`.

use koers::prompts::Lang;

use crate::common::{Chat, FIRST_QUESTION, Sandbox, WALK, export_in};

/// The question after the focus area (Dutch), and its English version.
const IMPORTANT_NL: &str = "Wat is de komende periode belangrijk voor jullie organisatie?";
const IMPORTANT_EN: &str = "What will be important for your organisation in the coming period?";
const MEASURE_NL: &str = "Is er een (probleem)vraagstuk dat jullie willen meten?";
const DEPARTMENTS_NL: &str = "Is dit een vraagstuk voor jullie eigen afdeling";
const PEOPLE_NL: &str = "Welke personen willen jullie bij dit vraagstuk betrekken?";

#[test]
fn skip_records_a_skip_and_moves_on() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    let reply = s.answer("/overslaan", IMPORTANT_NL);
    assert!(
        reply.contains("Vraag overgeslagen. Met /wijzig kunnen jullie er later op terugkomen."),
        "{reply}"
    );
    let skipped = sandbox
        .answer("team", 1, "question.focus")
        .expect("skip is recorded");
    assert!(skipped.skipped);
    assert_eq!(skipped.value, None);
    assert_eq!(skipped.user, "ann");
    // The English alias works the same.
    s.answer("Iets belangrijks", MEASURE_NL);
    let reply = s.answer("/skip", DEPARTMENTS_NL);
    assert!(reply.contains("Vraag overgeslagen."));
    let export = s.export_now();
    assert!(
        export.contains("- **Focusgebied**: (overgeslagen) (ann, "),
        "{export}"
    );
    assert!(export.contains("- **Belangrijk komende periode**: Iets belangrijks (ann, "));
    assert!(export.contains("- **Vraagstuk om te meten**: (overgeslagen) (ann, "));
    s.finish().assert_success();
}

#[test]
fn back_reasks_the_previous_question_with_the_earlier_answer() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    s.answer("3", IMPORTANT_NL);
    s.answer("Eerste versie", MEASURE_NL);
    let reply = s.answer("/terug", IMPORTANT_NL);
    assert!(!reply.contains(MEASURE_NL));
    let reply = s.read_until("Met /overslaan houden jullie dit antwoord.");
    assert!(reply.contains("Eerder antwoord: Eerste versie"), "{reply}");
    // Answering it again goes on to the question that was open.
    let (which, _) = {
        s.send_line("Tweede versie");
        s.read_until_any(&[MEASURE_NL, DEPARTMENTS_NL])
    };
    assert_eq!(which, 0, "back at the open question");
    // Back twice reaches the first question; once more says so.
    s.answer("/terug", IMPORTANT_NL);
    s.answer("/terug", FIRST_QUESTION);
    let reply = s.read_until("Eerder antwoord: Marketingcommunicatie & verkoop");
    assert!(!reply.contains("We zijn al bij de eerste vraag."));
    let reply = s.answer("/back", FIRST_QUESTION);
    assert!(reply.contains("We zijn al bij de eerste vraag."), "{reply}");
    let export = s.export_now();
    assert!(
        export.contains("- **Belangrijk komende periode**: Tweede versie (ann, "),
        "{export}"
    );
    assert!(!export.contains("Eerste versie"));
    assert_eq!(
        sandbox.history("question.important"),
        vec![Some("Eerste versie".to_string())],
        "the replaced answer is kept in the history"
    );
    s.finish().assert_success();
}

/// The re-asked question says "Met /overslaan houden jullie dit antwoord" (skip keeps this
/// answer), so skipping it must keep the earlier answer. (Regression: it used to be replaced
/// by a skip.)
#[test]
fn skipping_a_reasked_question_keeps_the_earlier_answer() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    s.answer("3", IMPORTANT_NL);
    s.answer("Eerste versie", MEASURE_NL);
    s.answer("/terug", "Met /overslaan houden jullie dit antwoord.");
    let reply = s.answer("/overslaan", MEASURE_NL);
    assert!(
        reply.contains("Het eerdere antwoord blijft staan."),
        "{reply}"
    );
    assert!(!reply.contains("Vraag overgeslagen."), "{reply}");
    s.answer("Meten", DEPARTMENTS_NL);
    s.answer(
        "/wijzig 1",
        "Eerder antwoord: Marketingcommunicatie & verkoop",
    );
    // Back to the question that was open, not to the one after the changed answer.
    s.send_line("/overslaan");
    let (which, reply) = s.read_until_any(&[DEPARTMENTS_NL, IMPORTANT_NL, PEOPLE_NL]);
    assert_eq!(which, 0, "{reply}");
    assert!(!reply.contains("Vraag overgeslagen."), "{reply}");
    let export = s.export_now();
    s.finish().assert_success();
    let important = sandbox
        .answer("team", 1, "question.important")
        .expect("stored");
    assert_eq!(important.value.as_deref(), Some("Eerste versie"));
    assert!(!important.skipped);
    let focus = sandbox.answer("team", 1, "question.focus").expect("stored");
    assert_eq!(focus.value.as_deref(), Some("marketing"));
    assert!(
        export.contains("- **Belangrijk komende periode**: Eerste versie (ann, "),
        "{export}"
    );
    assert!(!export.contains("(overgeslagen)"), "{export}");
}

#[test]
fn change_lists_answers_and_reasks_one_then_returns_to_the_open_question() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    s.answer("3", IMPORTANT_NL);
    s.answer("A", MEASURE_NL);
    s.answer("B", DEPARTMENTS_NL);
    s.answer("C", PEOPLE_NL);
    let list = s.answer("/wijzig", "4. Betrokken afdelingen: C");
    assert!(
        list.ends_with(
            "Jullie antwoorden tot nu toe. Typ /wijzig met een nummer om er één opnieuw te beantwoorden:\n\
             1. Focusgebied: Marketingcommunicatie & verkoop\n\
             2. Belangrijk komende periode: A\n\
             3. Vraagstuk om te meten: B\n\
             4. Betrokken afdelingen: C"
        ),
        "{list}"
    );
    s.answer("/wijzig 2", IMPORTANT_NL);
    s.read_until("Eerder antwoord: A\n");
    s.send_line("A2");
    let (which, _) = s.read_until_any(&[PEOPLE_NL, MEASURE_NL, DEPARTMENTS_NL]);
    assert_eq!(
        which, 0,
        "after the change koers returns to the open question"
    );
    let reply = s.answer(
        "/wijzig 9",
        "Er is geen antwoord met nummer 9. Typ /wijzig voor de lijst.",
    );
    assert!(!reply.contains(IMPORTANT_NL));
    let list = s.answer("/change", "4. Betrokken afdelingen: C");
    assert!(
        list.contains("2. Belangrijk komende periode: A2\n3."),
        "{list}"
    );
    let export = s.export_now();
    s.finish().assert_success();
    assert!(export.contains("- **Belangrijk komende periode**: A2 (ann, "));
    assert!(export.contains("- **Vraagstuk om te meten**: B (ann, "));
    assert!(export.contains("- **Betrokken afdelingen**: C (ann, "));
    assert_eq!(
        sandbox.history("question.important"),
        vec![Some("A".to_string())]
    );
    assert_eq!(
        sandbox.team("team").cursor.as_deref(),
        Some("question.people")
    );
}

#[test]
fn language_switch_mid_conversation_persists_across_a_restart() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("team", "ann");
    let mut s = sandbox.spawn(&chat);
    s.read_until(FIRST_QUESTION);
    s.answer("3", IMPORTANT_NL);
    let reply = s.answer("/taal en", IMPORTANT_EN);
    assert!(reply.contains("From now on I'll speak English."), "{reply}");
    // Answers go on in English.
    let reply = s.answer("Young audiences", "Is there an issue");
    assert!(!reply.contains(MEASURE_NL));
    s.finish().assert_success();
    assert_eq!(sandbox.team("team").lang, Lang::En);

    // A new run without --lang speaks the team's language.
    let run = sandbox.run(&chat, "/status\n/taal nl\n/language en\n/export\n");
    run.assert_success();
    let out = &run.stdout;
    assert!(
        out.starts_with(
            "Welcome back, team! We'll pick up at Step 1 — The question.\n\nIs there an issue"
        ),
        "{out}"
    );
    assert!(out.contains("Vanaf nu praat ik Nederlands.\n\nIs er een (probleem)vraagstuk"));
    assert!(out.contains("From now on I'll speak English.\n\nIs there an issue"));
    let export = run.export();
    assert!(export.starts_with("# koers — team, round 1"), "{export}");
    assert!(export.contains("- **Focus area**: Marketing communication & sales (ann, "));
    assert!(export.contains("- **Important in coming period**: Young audiences (ann, "));
    assert_eq!(sandbox.team("team").lang, Lang::En);
}

#[test]
fn new_round_starts_from_round_one_and_keeps_it_in_the_export() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(
        &Chat::new("team", "ann"),
        "3\nEerste ronde\n/nieuw\nTweede ronde\n/status\n/export\n",
    );
    run.assert_success();
    let out = &run.stdout;
    let new_round = out
        .find("Ronde 2 is begonnen. Eerdere rondes blijven bewaard en staan ook in /export.")
        .expect("new round announced");
    let round_two = &out[new_round..];
    assert!(
        round_two.contains("Ronde 2 begint waar ronde 1 ophield")
            && round_two.contains("Wat is er veranderd sinds de vorige ronde?"),
        "round 2 starts from round 1: {round_two}"
    );
    assert!(
        !round_two.contains(FIRST_QUESTION),
        "the carried focus is not asked again"
    );
    assert!(
        !round_two.contains("Past het vraagstuk"),
        "no vraagstuk came along, so none is checked"
    );
    // The step-1 answers came along: the walk goes on at the first open question.
    assert!(out.contains(
        "Status van team — ronde 2\nStap: Stap 1 — Vraagstuk\nHuidige vraag: Vraagstuk om te meten"
    ));
    let export = export_in(out);
    let round2 = export
        .find("# koers — team, ronde 2")
        .expect("round 2 in export");
    let (one, two) = export.split_at(round2);
    assert!(one.starts_with("# koers — team: de rondes"), "{export}");
    assert!(one.contains("| | Ronde 1 | Ronde 2 |\n"), "{export}");
    let one = &one[one
        .find("\n# koers — team, ronde 1\n")
        .unwrap_or_else(|| panic!("round 1 in full: {export}"))..];
    assert!(one.contains("- **Focusgebied**: Marketingcommunicatie & verkoop (ann, "));
    assert!(one.contains("- **Belangrijk komende periode**: Eerste ronde (ann, "));
    assert!(!one.contains("Tweede ronde"));
    assert!(two.contains("- **Focusgebied**: Marketingcommunicatie & verkoop (ann, "));
    assert!(two.contains("- **Belangrijk komende periode**: Eerste ronde (ann, "));
    assert!(two.contains("- **Wat is er veranderd**: Tweede ronde (ann, "));
    assert_eq!(sandbox.answers("team", 1).len(), 2);
    let two: Vec<String> = sandbox
        .answers("team", 2)
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(
        two,
        [
            "question.carried",
            "question.changed",
            "question.focus",
            "question.important"
        ]
    );
    assert_eq!(sandbox.team("team").round, 2);
}

#[test]
fn help_unknown_commands_and_bad_arguments_are_answered_and_change_nothing() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    let help = s.answer("/help", crate::common::HELP_LAST_LINE_NL);
    for command in [
        "/start",
        "/status",
        "/overslaan (/skip)",
        "/terug (/back)",
        "/wijzig (/change)",
        "/wijzig [nummer]",
        "/taal nl|en (/language)",
        "/export",
        "/nieuw (/new)",
        "/help",
    ] {
        assert!(help.contains(command), "/help lacks {command}:\n{help}");
    }

    let reply = s.answer("/frobnicate", crate::common::HELP_LAST_LINE_NL);
    assert!(
        reply.contains(&format!(
            "Het commando /frobnicate ken ik niet.\n\n{}",
            crate::common::HELP_FIRST_LINE_NL
        )),
        "{reply}"
    );

    let reply = s.answer("/status extra", "Typ alleen /status.");
    assert!(reply.contains("Bij /status hoeven geen extra woorden. Typ alleen /status."));
    let reply = s.answer("/wijzig drie", "Gebruik: /wijzig 3");
    assert!(
        reply.contains("Dat snap ik niet bij /wijzig. Gebruik: /wijzig 3"),
        "{reply}"
    );
    s.answer(
        "/taal fr",
        "Dat snap ik niet bij /taal. Gebruik: /taal nl | /taal en",
    );
    s.answer(
        "/wijzig",
        "Er is nog niets beantwoord, dus ook niets te wijzigen.",
    );

    // None of it was taken as an answer: the focus question is still open.
    assert!(sandbox.answers("team", 1).is_empty());
    assert_eq!(
        sandbox.team("team").cursor.as_deref(),
        Some("question.focus")
    );
    s.answer("3", IMPORTANT_NL);
    let done = s.finish();
    done.assert_success();
    assert!(
        !done.stdout.contains("Status van team"),
        "/status extra did not run /status"
    );
    let rows = sandbox.answers("team", 1);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].value.as_deref(), Some(WALK[0].stored));
}

/// Before step 4 nothing of it was asked, so /status must not call its conditions skipped.
/// (Regression: it used to list all twelve as open and skipped.)
#[test]
fn status_early_on_does_not_call_unasked_questions_skipped() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&Chat::new("team", "ann"), "3\nEerste\n/status\n");
    run.assert_success();
    let status = &run.stdout[run.stdout.find("Status van team").expect("status")..];
    assert!(
        status.contains("Huidige vraag: Vraagstuk om te meten"),
        "{status}"
    );
    assert!(
        !status.contains("(overgeslagen)"),
        "nothing was skipped, yet /status says:\n{status}"
    );
    assert!(!status.contains("Open randvoorwaarden"), "{status}");
}
