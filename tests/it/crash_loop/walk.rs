//! The walk phase of the crash loop: the scripted walk, killed [`WALK_KILLS`] times while idle,
//! a few ms after a line or while a goal is entered, with no acknowledged answer lost.

use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

use super::{Rng, Tally, WALK_KILLS};
use crate::common::{Chat, FINISHED, FIRST_QUESTION, Sandbox, WALK};

fn is_goal_entry(key: &str) -> bool {
    key.starts_with("action.action#1.goal#1")
}

/// The walk, killed [`WALK_KILLS`] times; returns how many lines were acknowledged.
pub(super) fn walk_with_kills(
    sandbox: &Sandbox,
    chat: &Chat,
    rng: &mut Rng,
    tally: &mut Tally,
) -> usize {
    let mut acked = 0;
    let mut session = sandbox.spawn(chat);
    session.read_until(FIRST_QUESTION);
    while tally.kills < WALK_KILLS {
        // A few lines acknowledged, one at a time while a goal is entered.
        let steps = if WALK.get(acked).is_some_and(|l| is_goal_entry(l.key)) {
            1
        } else {
            1 + rng.below(3) as usize
        };
        let in_flight = rng.below(3) > 0;
        let room = WALK.len() - 2 - acked;
        let steps = steps.min(room.saturating_sub(usize::from(in_flight)));
        for line in &WALK[acked..acked + steps] {
            session.answer(line.input, line.next);
        }
        acked += steps;
        if in_flight && acked < WALK.len() - 2 {
            // Killed a few ms after a line (or at once): the answer may or may not be in.
            session.send_line(WALK[acked].input);
            std::thread::sleep(Duration::from_micros(rng.below(5000)));
        } else {
            // Killed while idle.
            std::thread::sleep(Duration::from_micros(rng.below(10_000)));
        }
        let status = session.kill();
        assert_eq!(status.signal(), Some(9), "killed, not ended: {status}");
        tally.kills += 1;

        // Every acknowledged answer survived the kill.
        let rows = sandbox.answers("team", 1);
        tally.lost_answers += WALK[..acked]
            .iter()
            .filter(|l| !l.computed() && !rows.iter().any(|r| r.key == l.key))
            .count();
        assert_eq!(
            tally.lost_answers, 0,
            "an acknowledged answer is gone: {tally:?}"
        );

        session = sandbox.spawn(chat);
        session.read_until("Welkom terug, team! We gaan verder bij ");
        let candidates: Vec<&str> = if in_flight && acked < WALK.len() - 2 {
            vec![WALK[acked - 1].next, WALK[acked].next]
        } else {
            vec![WALK[acked - 1].next]
        };
        let (which, _) = session.read_until_any(&candidates);
        acked += which;
    }
    for line in &WALK[acked..] {
        session.answer(line.input, line.next);
    }
    let done = session.finish();
    done.assert_success();
    assert!(done.stdout.contains(FINISHED));
    WALK.len()
}
