//! Teams side by side on one database: interleaved and simultaneous runs keep their answers
//! apart, and a first start of several processes on a fresh database succeeds for each.

use super::assert_in_order;
use crate::common::{Chat, FIRST_QUESTION, Sandbox, export_in};

#[test]
fn two_teams_share_a_database_but_not_their_answers() {
    let sandbox = Sandbox::new();
    let alfa = Chat::new("alfa", "ann");
    let beta = Chat::new("beta", "bob");
    // Runs one after the other, interleaved.
    sandbox.run(&alfa, "3\nAlfa belangrijk\n").assert_success();
    sandbox
        .run(&beta, "1\nBeta belangrijk\nBeta meten\n")
        .assert_success();
    sandbox.run(&alfa, "Alfa meten\n").assert_success();
    // Then both at the same time, on the same file, taking turns.
    let mut a = sandbox.spawn(&alfa);
    let mut b = sandbox.spawn(&beta);
    a.read_until("Welkom terug, alfa!");
    b.read_until("Welkom terug, beta!");
    a.read_until("Is dit een vraagstuk voor jullie eigen afdeling");
    b.read_until("Is dit een vraagstuk voor jullie eigen afdeling");
    a.answer("Alfa afdelingen", "Welke personen willen jullie");
    b.answer("Beta afdelingen", "Welke personen willen jullie");
    b.answer("Beta personen", "Wie willen jullie bereiken?");
    for s in [&mut a, &mut b] {
        s.send_line("/status");
        s.send_line("/wijzig");
        s.send_line("/export");
    }
    let a = a.finish();
    let b = b.finish();
    a.assert_success();
    b.assert_success();

    let a_out = &a.stdout;
    assert_in_order(
        a_out,
        &[
            "Status van alfa — ronde 1\nStap: Stap 1 — Vraagstuk\nHuidige vraag: Betrokken personen",
            "Jullie antwoorden tot nu toe. Typ /wijzig met een nummer om er één opnieuw te beantwoorden:\n\
             1. Focusgebied: Marketingcommunicatie & verkoop\n\
             2. Belangrijk komende periode: Alfa belangrijk\n\
             3. Vraagstuk om te meten: Alfa meten\n\
             4. Betrokken afdelingen: Alfa afdelingen\n\n",
            "# koers — alfa, ronde 1",
        ],
    );
    let b_out = &b.stdout;
    assert_in_order(
        b_out,
        &[
            "Status van beta — ronde 1\nStap: Stap 1 — Vraagstuk\nHuidige vraag: Wie we willen bereiken",
            "Jullie antwoorden tot nu toe. Typ /wijzig met een nummer om er één opnieuw te beantwoorden:\n\
             1. Focusgebied: Strategie\n\
             2. Belangrijk komende periode: Beta belangrijk\n\
             3. Vraagstuk om te meten: Beta meten\n\
             4. Betrokken afdelingen: Beta afdelingen\n\
             5. Betrokken personen: Beta personen\n\n",
            "# koers — beta, ronde 1",
        ],
    );
    // Nothing of one team shows up in the other's conversation, list or export.
    for (out, other, other_user) in [(a_out, "Beta", "bob"), (b_out, "Alfa", "ann")] {
        assert!(!out.contains(other), "{other} leaks into:\n{out}");
        assert!(!export_in(out).contains(&format!("({other_user}, ")));
    }
    let a_export = export_in(a_out);
    assert_eq!(
        a_export.lines().filter(|l| l.starts_with("- **")).count(),
        4
    );
    assert!(a_export.contains("- **Belangrijk komende periode**: Alfa belangrijk (ann, "));
    let b_export = export_in(b_out);
    assert_eq!(
        b_export.lines().filter(|l| l.starts_with("- **")).count(),
        5
    );
    assert!(b_export.contains("- **Focusgebied**: Strategie (bob, "));

    let a_rows = sandbox.answers("alfa", 1);
    let b_rows = sandbox.answers("beta", 1);
    assert_eq!(a_rows.len(), 4);
    assert_eq!(b_rows.len(), 5);
    assert!(a_rows.iter().all(|r| r.user == "ann"));
    assert!(b_rows.iter().all(|r| r.user == "bob"));
    assert_eq!(
        sandbox.team("alfa").cursor.as_deref(),
        Some("question.people")
    );
    assert_eq!(
        sandbox.team("beta").cursor.as_deref(),
        Some("question.audience")
    );
}

/// Two people of different teams open koers for the first time at the same moment, on a
/// database file that does not exist yet. Both must get their conversation.
#[test]
fn first_start_of_two_processes_on_a_fresh_database_both_succeed() {
    let teams = ["alfa", "beta", "gamma"];
    for attempt in 0..5 {
        let sandbox = Sandbox::new();
        let runs: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = teams
                .iter()
                .map(|team| {
                    let sandbox = &sandbox;
                    scope.spawn(move || sandbox.run(&Chat::new(team, "ann"), ""))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("run thread"))
                .collect()
        });
        for (team, run) in teams.iter().zip(&runs) {
            assert!(
                run.status.success(),
                "attempt {attempt}: the first start of team {team} failed with {}:\n{}",
                run.status,
                crate::common::tail(&run.stderr, 600)
            );
            assert!(run.stdout.contains(FIRST_QUESTION));
            assert_eq!(
                sandbox.team(team).cursor.as_deref(),
                Some("question.focus"),
                "team {team} was created"
            );
        }
    }
}
