//! The evaluation of a goal whose deadline passed: what was the result, what were the effects,
//! what must change — then the next, sharper goal (`evaluation_next.rs`; or back to step 2 when
//! data was missing: `data_detour.rs`).

use anyhow::Result;

use super::Turn;
use super::experiment_eval::CountsAnswer;
use super::input::single_number;
use super::open::Open;
use crate::scoring::yesno::{YesNo, parse_yes_no};
use crate::states::{EvaluationStep, GoalEvent, Outcome};
use crate::store::{Evaluation, TrackedGoal};

pub(super) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

impl Turn<'_, '_, '_> {
    /// The question of an evaluation step, worded for `goal` (for an experiment, the result is
    /// asked as its counts).
    pub(super) fn evaluation_question(
        &mut self,
        step: EvaluationStep,
        goal: &TrackedGoal,
    ) -> Result<String> {
        if goal.kind == crate::states::GoalKind::Readiness {
            return Ok(self.readiness_question(step, goal));
        }
        if step == EvaluationStep::Result
            && let Some(question) = self.experiment_question(goal)?
        {
            return Ok(question);
        }
        let none = self.t("msg.skipped_value").to_string();
        let target = goal.target.map_or(none.clone(), fmt_num);
        let baseline = goal.baseline.map_or(none, fmt_num);
        // Where the team stood last (`/doel voortgang`), between the baseline and the target.
        let current = goal.current.map_or_else(String::new, |current| {
            self.f(
                "msg.evaluation.result_current",
                &[("current", &fmt_num(current))],
            )
        });
        Ok(self.f(
            &format!("msg.evaluation.{step}"),
            &[
                ("n", &goal.number.to_string()),
                ("goal", &goal.text),
                ("target", &target),
                ("baseline", &baseline),
                ("current", &current),
            ],
        ))
    }

    /// An evaluation answer koers could not read: say so and ask the same question again.
    fn ask_evaluation_again(&mut self, step: EvaluationStep, goal: &TrackedGoal) -> Result<()> {
        let again = format!(
            "{}\n\n{}",
            self.t("msg.unreadable_yesno"),
            self.evaluation_question(step, goal)?
        );
        self.say(again);
        Ok(())
    }

    /// An evaluation answer koers refuses: say why (the text at `key`) and ask again.
    fn refuse_evaluation_answer(
        &mut self,
        key: &str,
        step: EvaluationStep,
        goal: &TrackedGoal,
    ) -> Result<()> {
        let again = format!(
            "{}\n\n{}",
            self.t(key),
            self.evaluation_question(step, goal)?
        );
        self.say(again);
        Ok(())
    }

    /// `/evalueer n`: start (or resume) the evaluation of a goal now.
    pub(super) fn start_evaluation(&mut self, goal: &TrackedGoal) -> Result<()> {
        let now = self.now.clone();
        self.move_goal(goal, GoalEvent::EvaluationStarted, "/evalueer")?;
        self.store.cancel_goal_reminders(goal.id)?;
        // A finished evaluation started again begins at the start, as an open one: the answers
        // that follow must go to it.
        if self
            .store
            .find_goal_evaluation(goal.id)?
            .is_some_and(|e| e.step == EvaluationStep::Done)
        {
            self.restart_experiment(goal)?;
            self.store.delete_goal_evaluation(goal.id)?;
        }
        self.store.insert_evaluation(goal.id, &now)?;
        // The count read at the start of the turn: it only spares a query when it is zero, so
        // one too many is harmless and one too few would hide this evaluation.
        self.team.open_evaluations += 1;
        let open = self.open()?;
        if let Open::Evaluation(_, first) = &open
            && first.id != goal.id
        {
            // Answers go to the oldest open evaluation; this goal comes after it.
            let text = self.f("msg.evaluation.queued", &[("n", &goal.number.to_string())]);
            self.say(text);
        }
        self.ask(open)
    }

    /// The question an open evaluation asks at its step, worded as when it was first asked:
    /// the step-4 action's check, the proposal for the next goal, or the step's own question.
    pub(super) fn evaluation_step_question(
        &mut self,
        ev: &Evaluation,
        goal: &TrackedGoal,
    ) -> Result<String> {
        if goal.kind == crate::states::GoalKind::Readiness {
            return Ok(self.readiness_question(ev.step, goal));
        }
        if ev.step == EvaluationStep::Next {
            return Ok(self.next_goal_question(ev, goal));
        }
        self.evaluation_question(ev.step, goal)
    }

    /// A line of text while an evaluation is open: the answer to its current question.
    /// `None` skips the question.
    pub(super) fn evaluation_answer(
        &mut self,
        mut ev: Evaluation,
        text: Option<&str>,
    ) -> Result<()> {
        let Some(goal) = self.goal_by_id(ev.goal_id)? else {
            return Ok(());
        };
        if goal.kind == crate::states::GoalKind::Readiness {
            return self.readiness_evaluation_answer(ev, &goal, text);
        }
        let yes_no = |t: Option<&str>| t.and_then(parse_yes_no);
        // What this step's answer says; the order of the steps is `EvaluationStep::next`.
        match ev.step {
            EvaluationStep::Result => {
                // An experiment's result is its counts, variant by variant.
                if let Some(t) = text
                    && let Some(answer) = self.experiment_counts_answer(&goal, t)?
                {
                    match answer {
                        CountsAnswer::Asked => return Ok(()),
                        CountsAnswer::Reported(kept) => {
                            ev.result = Some(kept);
                            ev.value = None;
                            ev.outcome = None;
                            ev.step = EvaluationStep::Outcome;
                            self.store.update_evaluation(&ev, &self.user, None)?;
                            let question = self.evaluation_question(ev.step, &goal)?;
                            self.say(question);
                            return Ok(());
                        }
                    }
                }
                if let Some(t) = text
                    && let Some(why) = impossible_result(&goal, t)
                {
                    return self.refuse_evaluation_answer(why, EvaluationStep::Result, &goal);
                }
                ev.result = text.map(str::to_string);
                // Two different numbers ("280, in 2027") leave the outcome to be asked: never guessed.
                ev.value = text.and_then(|t| single_number(t).ok());
                ev.outcome = outcome_from_numbers(&goal, ev.value);
            }
            EvaluationStep::Outcome => match yes_no(text) {
                Some(v) => ev.outcome = outcome_said(v),
                // Skipped: the team did not say, so the outcome stays unknown.
                None if text.is_none() => {}
                None => {
                    return self.ask_evaluation_again(EvaluationStep::Outcome, &goal);
                }
            },
            EvaluationStep::Effects => ev.effects = text.map(str::to_string),
            EvaluationStep::Change => ev.change = text.map(str::to_string),
            EvaluationStep::Data => match yes_no(text) {
                // "deels" is some data missing: which, is asked next.
                Some(v) => ev.data_missing = Some(matches!(v, YesNo::Yes | YesNo::Partly)),
                None if text.is_none() => {}
                None => {
                    return self.ask_evaluation_again(EvaluationStep::Data, &goal);
                }
            },
            EvaluationStep::DataNeed => ev.data_need = text.map(str::to_string),
            EvaluationStep::Next | EvaluationStep::Done => {
                return self.finish_evaluation(ev, &goal, text);
            }
        }
        // A skipped result settles nothing: whether the goal was reached is asked, never assumed.
        ev.step = ev
            .step
            .next(ev.outcome.is_some(), ev.data_missing == Some(true));
        self.store.update_evaluation(&ev, &self.user, None)?;
        if ev.step == EvaluationStep::Next {
            return self.ask_next_goal(&ev, &goal);
        }
        let question = self.evaluation_question(ev.step, &goal)?;
        self.say(question);
        Ok(())
    }
}

/// Why a result cannot be what a goal reached, as the key of the sentence that says so: no
/// word or number at all ("🎉🎉"), a value below zero, or above 100 for a goal that aims at a
/// level in percent. None for a result koers keeps (words without a number are kept: then
/// whether the goal was reached is asked).
fn impossible_result(goal: &TrackedGoal, text: &str) -> Option<&'static str> {
    if !text.chars().any(char::is_alphanumeric) {
        return Some("msg.evaluation.result_no_words");
    }
    let value = single_number(text).ok()?;
    if value < 0.0 {
        Some("msg.evaluation.result_negative")
    } else if value > 100.0 && super::relative::aims_at_percent_level(&goal.text) {
        Some("msg.evaluation.result_over_100")
    } else {
        None
    }
}

/// The outcome the team's answer to "is the goal achieved?" says; `None` for "weet niet":
/// not knowing is not "not achieved".
fn outcome_said(answer: YesNo) -> Option<Outcome> {
    match answer {
        YesNo::Yes => Some(Outcome::Achieved),
        YesNo::Partly => Some(Outcome::Partly),
        YesNo::No => Some(Outcome::NotAchieved),
        YesNo::Unknown => None,
    }
}

/// The outcome the numbers tell, when the goal has a baseline and a target: reached the target
/// (in its direction), moved towards it, or not.
fn outcome_from_numbers(goal: &TrackedGoal, value: Option<f64>) -> Option<Outcome> {
    let (v, t) = (value?, goal.target?);
    let b = goal.baseline?;
    let up = t >= b;
    Some(if (up && v >= t) || (!up && v <= t) {
        Outcome::Achieved
    } else if (up && v > b) || (!up && v < b) {
        Outcome::Partly
    } else {
        Outcome::NotAchieved
    })
}
