//! The end of an evaluation: the proposal for the next, sharper goal (the same measure, as far
//! again from where the team stands now), the question after it, and closing the evaluation
//! with the goal's outcome — then the next goal, or back to step 2 when data was missing.

use anyhow::Result;
use jiff::Span;
use jiff::civil::Date;

use super::Turn;
use super::evaluation::fmt_num;
use super::flow::Sibling;
use super::input::is_stop;
use crate::scoring::yesno::{YesNo, parse_yes_no};
use crate::states::{EvaluationStep, GoalEvent, Outcome};
use crate::store::{Evaluation, TrackedGoal};

impl Turn<'_, '_, '_> {
    /// The proposal for the next goal, from the result: the same goal, again as far from
    /// where the team stands now as the old goal was from its baseline, in as much time.
    /// Its text is what the old goal measures with the new numbers and date only: the whole
    /// old text carries the old numbers, deadline and owner, which would make two of each.
    fn proposal(&self, ev: &Evaluation, goal: &TrackedGoal) -> Option<Proposal> {
        let value = ev.value.or(goal.current)?;
        let step = match (goal.baseline, goal.target) {
            (Some(b), Some(t)) => t - b,
            _ => return None,
        };
        let deadline = goal.deadline?;
        let today = self.today();
        let span = (deadline - today).get_days().abs().max(30);
        let new_deadline = today.checked_add(Span::new().days(span)).ok()?;
        let new_target = if ev.outcome == Some(Outcome::Achieved) {
            value + step
        } else {
            goal.target?
        };
        let text = self.f(
            "msg.evaluation.proposal_text",
            &[
                ("what", &what_is_measured(goal, today)),
                ("value", &fmt_num(value)),
                ("target", &fmt_num(new_target)),
                ("deadline", &new_deadline.strftime("%d-%m-%Y").to_string()),
            ],
        );
        Some(Proposal {
            text,
            baseline: value,
            target: new_target,
            deadline: new_deadline,
        })
    }

    /// After the last step of an evaluation: ask for the next goal, or close the evaluation at
    /// once when data was missing.
    pub(super) fn ask_next_goal(&mut self, ev: &Evaluation, goal: &TrackedGoal) -> Result<()> {
        if ev.data_missing == Some(true) {
            return self.finish_evaluation(ev.clone(), goal, None);
        }
        let text = self.next_goal_question(ev, goal);
        self.say(text);
        Ok(())
    }

    /// What comes after a goal: the proposal from its result, or an open question.
    pub(super) fn next_goal_question(&self, ev: &Evaluation, goal: &TrackedGoal) -> String {
        match self.proposal(ev, goal) {
            Some(p) => self.f("msg.evaluation.next_proposal", &[("proposal", &p.text)]),
            None => self.t("msg.evaluation.next").to_string(),
        }
    }

    /// Close the evaluation: the goal gets its outcome, then the next goal or step 2.
    pub(super) fn finish_evaluation(
        &mut self,
        mut ev: Evaluation,
        goal: &TrackedGoal,
        next: Option<&str>,
    ) -> Result<()> {
        let (user, now) = (self.user.clone(), self.now.clone());
        // No outcome is the team not saying: never taken for "not achieved".
        let outcome = ev.outcome;
        ev.step = EvaluationStep::Done;
        self.store.update_evaluation(&ev, &user, Some(&now))?;
        self.move_goal(goal, GoalEvent::Evaluated(outcome), "evaluation")?;
        self.store.cancel_goal_reminders(goal.id)?;
        let n = goal.number.to_string();
        let done = match outcome {
            Some(outcome) => {
                let label = self.t(&format!("msg.goal.status.{outcome}")).to_string();
                self.f("msg.evaluation.done", &[("n", &n), ("outcome", &label)])
            }
            None => self.f("msg.evaluation.done_not_assessed", &[("n", &n)]),
        };
        self.say(done);
        if ev.data_missing == Some(true) {
            let text = match &ev.data_need {
                Some(need) => self.f("msg.evaluation.back_to_data_need", &[("need", need)]),
                None => self.t("msg.evaluation.back_to_data").to_string(),
            };
            self.say(text);
            return self.enter_source_round();
        }
        let new_goal = match next.map(str::trim) {
            None => None,
            Some(t) if is_stop(t) => None,
            Some(t) => match parse_yes_no(t) {
                // Taking the proposal: its numbers and deadline are known, so they are filled in.
                Some(YesNo::Yes) => self.proposal(&ev, goal).map(|p| {
                    let mut known = vec![
                        (Sibling::Baseline, fmt_num(p.baseline)),
                        (Sibling::Target, fmt_num(p.target)),
                        (Sibling::Deadline, p.deadline.to_string()),
                    ];
                    // The next goal keeps its owner.
                    if let Some(owner) = goal.owner.as_ref().filter(|o| !o.trim().is_empty()) {
                        known.push((Sibling::Owner, owner.clone()));
                    }
                    (p.text, known)
                }),
                Some(YesNo::No) => None,
                _ => Some((t.to_string(), Vec::new())),
            },
        };
        if let Some((text, known)) = new_goal {
            let known: Vec<(Sibling, String)> = known;
            self.enter_goal(Some(goal), Some(&text), &known)
        } else {
            let text = self.t("msg.evaluation.no_next").to_string();
            self.say(text);
            self.ask_current()
        }
    }
}

/// The next goal koers proposes after an evaluation.
struct Proposal {
    text: String,
    baseline: f64,
    target: f64,
    deadline: Date,
}

/// What a goal measures, for the text of the next one: its text up to its first number
/// ("Het aantal studentenkaarten verhogen" of "… verhogen naar 300 voor eind februari"),
/// without the word that led to the number; the action's name when that leaves too little
/// or still names a date.
fn what_is_measured(goal: &TrackedGoal, today: Date) -> String {
    const LEADS: &[&str] = &[
        "naar", "met", "tot", "van", "op", "to", "by", "from", "at", "with", "of",
    ];
    let head = goal
        .text
        .split(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or("");
    let mut words: Vec<&str> = head.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| LEADS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let what = words.join(" ");
    let what = what.trim_end_matches([',', ';', ':', '-', '—', ' ']);
    if what.split_whitespace().count() < 3
        || crate::scoring::smart::parse_deadline(what, today).is_some()
    {
        goal.action_text.clone()
    } else {
        what.to_string()
    }
}
