//! End to end with the real binary: an evaluation that is open when koers starts again is the
//! question the welcome back, `/start` and `/status` show, and the next answer goes to it —
//! whether `/evalueer` opened it before the restart or the deadline's prompt opens it as koers
//! starts (`--now` on the deadline).

use crate::common::chat_at as chat;
use crate::common::goal_plan::PLAN;

/// Before the deadline of the plan's goal (09-12-2026).
const NOW: &str = "2026-11-25T10:00:00+01:00";
const RESULT: &str = "Wat is het resultaat van doel 1? Welke waarde hebben jullie bereikt \
                      (nulmeting 150, doel 180)?";
const EFFECTS: &str = "Wat waren de effecten van de actie bij doel 1";
/// The plan's open question after the goal (the team is "lerend").
const LONG_TERM: &str = "wat is jullie doel voor de lange termijn";
const WELCOME_OPEN: &str = "Welkom terug, lus! Eerst de vraag die nog openstaat";

/// The output from the first `from` on, up to the next `to` (or the end).
fn part<'a>(out: &'a str, from: &str, to: &str) -> &'a str {
    let start = out
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{out}"));
    let rest = &out[start..];
    let end = rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |e| e + from.len());
    &rest[..end]
}

#[test]
fn an_evaluation_opened_before_a_restart_is_the_question_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("koers.sqlite");
    let mut first: Vec<&str> = PLAN.to_vec();
    first.push("/evalueer 1");
    let out = chat(&db, NOW, &first);
    assert!(out.trim_end().ends_with(RESULT), "{out}");

    let out = chat(&db, NOW, &["/start", "/status", "170"]);
    // The welcome back at the start and the one /start gives: the evaluation, not step 4.
    assert_eq!(out.matches(WELCOME_OPEN).count(), 2, "{out}");
    assert_eq!(
        out.matches(RESULT).count(),
        3,
        "twice welcomed, once in /status: {out}"
    );
    let welcome = part(&out, WELCOME_OPEN, "Status van lus");
    assert!(!welcome.contains(LONG_TERM), "{welcome}");
    let status = part(&out, "Status van lus", EFFECTS);
    assert!(
        status.contains(&format!(
            "Huidige vraag (evaluatie van doel 1): {RESULT}\nDaarna verder met: Doel voor de lange termijn\n"
        )),
        "{status}"
    );
    // 170 goes to the evaluation: its next question follows (170 of 180 from 150 is partly, so
    // whether it was reached is not asked).
    assert!(
        out.trim_end()
            .ends_with(&format!("{EFFECTS}: wat is er gebeurd, wat viel op?")),
        "{out}"
    );
}

#[test]
fn a_deadline_prompt_at_the_start_comes_before_the_welcome_that_asks_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("koers.sqlite");
    chat(&db, NOW, PLAN);

    // The deadline, at noon: the reminders that fell due are delivered, then the welcome back
    // asks the evaluation the deadline's prompt opened.
    let out = chat(&db, "2026-12-09T12:00:00+01:00", &["170"]);
    let prompt = out
        .find("is bereikt. Tijd om te evalueren!")
        .expect("the deadline's prompt");
    let welcome = out.find(WELCOME_OPEN).unwrap_or_else(|| panic!("{out}"));
    assert!(prompt < welcome, "the prompt, then the welcome: {out}");
    assert!(out[welcome..].contains(RESULT), "{out}");
    assert!(!out.contains(LONG_TERM), "{out}");
    assert!(
        out.trim_end()
            .ends_with(&format!("{EFFECTS}: wat is er gebeurd, wat viel op?")),
        "{out}"
    );
}
