//! End-to-end: answers koers must not guess at, in one goal of the real binary. "nee" to the
//! request to sharpen a goal keeps the goal (and the deadline read from it); "nog niemand" as
//! its owner names no one; a baseline with two numbers in it is asked again.

use crate::common::{Chat, FIRST_QUESTION, Sandbox, WALK, line_of};

const GOAL: &str = "Meer studenten via Instagram voor 1 maart 2027";
const SHARPEN: &str = "(Met 'nee' of /overslaan houden jullie het zoals het is.)";
const NOT_A_GOAL: &str = "Dat lees ik niet als doel.";
const KEPT: &str =
    "Het doel blijft zoals het was: “Meer studenten via Instagram voor 1 maart 2027”.";
const SERVES: &str = "Dient het jullie vraagstuk";
const OWNER: &str = "Wie is eigenaar van dit doel? Een naam";
const AGREED: &str = "Staan de betrokkenen achter dit doel?";
const BASELINE: &str = "Waar staan jullie nu: wat is de huidige waarde (de nulmeting)?";
const SEVERAL: &str =
    "Ik zie meer dan één getal (200, 250, 2026) en gok niet welk jullie bedoelen.";
const TARGET: &str = "Welke waarde willen jullie bereiken";
const EXPERIMENT: &str = "Is dit doel een experiment met twee varianten";
const ANOTHER_GOAL: &str = "[Actie 1 · Doel 1] Hoort er nog een doel bij deze actie?";

#[test]
fn no_keeps_a_weak_goal_nobody_is_no_owner_and_two_numbers_are_asked_again() {
    let sandbox = Sandbox::new();
    let mut s = sandbox.spawn(&Chat::new("team", "ann"));
    s.read_until(FIRST_QUESTION);
    for line in &WALK[..line_of("action.action#1.goal#1.text")] {
        s.answer(line.input, line.next);
    }
    let key = |item: &str| format!("action.action#1.goal#1.{item}");
    let value = |item: &str| sandbox.answer("team", 1, &key(item)).and_then(|r| r.value);

    // A weak goal with a deadline in it: the deadline is read, sharpening asked.
    let reply = s.answer(GOAL, SHARPEN);
    assert!(reply.contains("SMART-check: "), "{reply}");
    assert_eq!(value("deadline").as_deref(), Some("2027-02-28"));

    // "ja" is no goal: asked again, nothing stored.
    s.answer("ja", NOT_A_GOAL);
    s.read_until(SHARPEN);
    assert_eq!(sandbox.answer("team", 1, &key("sharpen")), None);

    // "nee" keeps the goal as it was, deadline and all; it goes on with the next question.
    let reply = s.answer("nee", SERVES);
    assert!(reply.contains(KEPT), "{reply}");
    assert!(
        !reply.contains("SMART-check: "),
        "checked once, not twice: {reply}"
    );
    assert_eq!(value("sharpen"), None);
    assert_eq!(value("deadline").as_deref(), Some("2027-02-28"));
    s.answer("ja", OWNER);

    // "Nog niemand" names no one.
    s.answer("Nog niemand", AGREED);
    let owner = sandbox.answer("team", 1, &key("owner")).expect("answered");
    assert_eq!((owner.value, owner.user.as_str()), (None, "ann"));
    s.answer("ja", BASELINE);

    // A range and a year: which number is meant is not guessed.
    s.answer("tussen 200 en 250 denk ik, in 2026", SEVERAL);
    s.read_until(BASELINE);
    assert_eq!(value("baseline"), None);
    s.answer("200", TARGET);
    s.answer("300", EXPERIMENT);
    s.answer("nee", ANOTHER_GOAL);

    let goals = sandbox.goals("team");
    assert_eq!(goals.len(), 1, "{goals:#?}");
    let goal = &goals[0];
    assert_eq!(goal.text, GOAL);
    assert_eq!(goal.owner, None);
    assert_eq!(goal.deadline.as_deref(), Some("2027-02-28"));
    assert_eq!((goal.baseline, goal.target), (Some(200.0), Some(300.0)));
    s.finish().assert_success();
}
