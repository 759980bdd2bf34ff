//! A walk across several runs: each run welcomes the team back at the open question, and
//! everything answered so far is kept.

use super::{DEADLINE_QUESTION_NL, expected_walk_rows, stored_rows};
use crate::common::{
    Chat, FINISHED, FIRST_QUESTION, Sandbox, WALK, assert_walk_stored, line_of, script,
    step_title_nl, walk_rows,
};

#[test]
fn resume_across_runs_welcomes_back_at_the_open_question() {
    let sandbox = Sandbox::new();
    let chat = Chat::new("alfa", "ann");
    // Five runs, each ended by end of input: inside step 1, inside a data source, right after
    // the goal text (its SMART check and the deadline it names are in), in the middle of step
    // 4's conditions, and to the end.
    let cuts = [
        0,
        5,
        27,
        line_of("action.action#1.goal#1.text") + 1,
        50,
        WALK.len(),
    ];
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let input = format!("{}/export\n", script(&WALK[from..to]));
        let run = sandbox.run(&chat, input);
        run.assert_success();
        let out = &run.stdout;
        if from == 0 {
            assert!(out.starts_with("Hoi alfa! Ik ben koers."), "{out}");
            assert!(!out.contains("Welkom terug"));
        } else {
            assert!(
                !out.contains("Hoi alfa!"),
                "a returning team is not greeted as new"
            );
            let open = &WALK[from];
            let welcome = format!(
                "Welkom terug, alfa! We gaan verder bij {}.",
                step_title_nl(open.key)
            );
            // The welcome back, then straight away the question that was open.
            assert!(
                out.starts_with(&welcome),
                "run from line {from} starts with:\n{}",
                &out[..out.len().min(600)]
            );
            let after = &out[welcome.len()..];
            let asked = after.find(WALK[from - 1].next).unwrap_or_else(|| {
                panic!(
                    "open question {:?} not asked again:\n{after}",
                    WALK[from - 1].next
                )
            });
            assert_eq!(
                &after[..asked],
                "\n\n",
                "the open question follows the welcome back directly"
            );
            assert!(
                !out.contains(FIRST_QUESTION),
                "answered questions are not asked again"
            );
        }
        // The deadline the goal names is never asked, neither before nor after a restart.
        assert!(!out.contains(DEADLINE_QUESTION_NL), "run from line {from}");
        // Everything answered so far, in this run and the earlier ones, is in the export.
        assert_walk_stored(&sandbox, "alfa", "ann", to, run.export());
        assert_eq!(stored_rows(&sandbox, "alfa"), walk_rows(to));
    }
    assert_eq!(stored_rows(&sandbox, "alfa"), expected_walk_rows());

    // A finished plan, opened again, says so and keeps everything.
    let run = sandbox.run(&chat, "/export\n");
    run.assert_success();
    assert!(run.stdout.contains(FINISHED), "{}", run.stdout);
    assert_walk_stored(&sandbox, "alfa", "ann", WALK.len(), run.export());
}
