//! The evaluation of a goal whose deadline passed: what was the result, what were the effects,
//! what must change — then the next, sharper goal (or back to step 2 when data was missing).
//! Also how a new goal enters the step-3 questions.

use anyhow::Result;
use jiff::Span;
use jiff::civil::Date;

use super::GoalDraft;
use super::Turn;
use super::flow::{OpKind, Pos};
use super::input::{self, first_number, is_stop};
use crate::scoring::smart::parse_deadline;
use crate::scoring::yesno::{YesNo, parse_yes_no};
use crate::store::{Evaluation, GoalField, TrackedGoal};

/// The step-3 group a goal's questions live in.
const GOAL_GROUP: &str = "action.action.goal";
/// The action group around it.
const ACTION_GROUP: &str = "action.action";
/// Answer key (outside the flow) holding the question to return to after a goal detour.
const DETOUR_RETURN: &str = "~return";
/// Where a team goes back to when data was missing.
const SOURCE_NAME: &str = "data.source.name";

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

impl Turn<'_, '_, '_> {
    /// The question of an evaluation step, worded for `goal`.
    pub(super) fn evaluation_question(&self, step: &str, goal: &TrackedGoal) -> String {
        let none = self.t("msg.skipped_value").to_string();
        let target = goal.target.map_or(none.clone(), fmt_num);
        let baseline = goal.baseline.map_or(none, fmt_num);
        self.f(
            &format!("msg.evaluation.{step}"),
            &[
                ("n", &goal.number.to_string()),
                ("goal", &goal.text),
                ("target", &target),
                ("baseline", &baseline),
            ],
        )
    }

    /// `/evalueer n`: start (or resume) the evaluation of a goal now.
    pub(super) fn start_evaluation(&mut self, goal: &TrackedGoal) -> Result<()> {
        let now = self.now.clone();
        let user = self.user.clone();
        if goal.status == "open" {
            self.store.update_goal_field(
                goal.id,
                GoalField::Status,
                Some("evaluating"),
                Some("/evalueer"),
                &user,
                &now,
            )?;
        }
        self.store.cancel_goal_reminders(goal.id)?;
        self.store.insert_evaluation(goal.id, &now)?;
        let step = self
            .store
            .find_goal_evaluation(goal.id)?
            .map_or_else(|| "result".to_string(), |e| e.step);
        let step = if step == "done" {
            "result".to_string()
        } else {
            step
        };
        let text = format!(
            "{}\n\n{}",
            self.f(
                "msg.evaluation.start",
                &[("n", &goal.number.to_string()), ("goal", &goal.text)]
            ),
            self.evaluation_question(&step, goal)
        );
        self.say(text);
        Ok(())
    }

    /// A line of text while an evaluation is open: the answer to its current question.
    /// `None` skips the question.
    pub(super) fn evaluation_answer(
        &mut self,
        mut ev: Evaluation,
        text: Option<&str>,
    ) -> Result<()> {
        let Some(goal) = self.store.get_goal(ev.goal_id)? else {
            return Ok(());
        };
        let yes_no = |t: Option<&str>| t.and_then(parse_yes_no);
        match ev.step.as_str() {
            "result" => {
                ev.result = text.map(str::to_string);
                ev.value = text.and_then(first_number);
                ev.outcome = outcome_from_numbers(&goal, ev.value).map(str::to_string);
                ev.step = if ev.outcome.is_some() || text.is_none() {
                    "effects"
                } else {
                    "outcome"
                }
                .into();
            }
            "outcome" => match yes_no(text) {
                Some(v) => {
                    ev.outcome = Some(
                        match v {
                            YesNo::Yes => "achieved",
                            YesNo::Partly => "partly",
                            YesNo::No | YesNo::Unknown => "not_achieved",
                        }
                        .into(),
                    );
                    ev.step = "effects".into();
                }
                None if text.is_none() => ev.step = "effects".into(),
                None => {
                    let again = format!(
                        "{}\n\n{}",
                        self.t("msg.unreadable_yesno"),
                        self.evaluation_question("outcome", &goal)
                    );
                    self.say(again);
                    return Ok(());
                }
            },
            "effects" => {
                ev.effects = text.map(str::to_string);
                ev.step = "change".into();
            }
            "change" => {
                ev.change = text.map(str::to_string);
                ev.step = "data".into();
            }
            "data" => match yes_no(text) {
                Some(v) => {
                    ev.data_missing = Some(v == YesNo::Yes);
                    ev.step = "next".into();
                }
                None if text.is_none() => ev.step = "next".into(),
                None => {
                    let again = format!(
                        "{}\n\n{}",
                        self.t("msg.unreadable_yesno"),
                        self.evaluation_question("data", &goal)
                    );
                    self.say(again);
                    return Ok(());
                }
            },
            _ => return self.finish_evaluation(ev, &goal, text),
        }
        self.store.update_evaluation(&ev, None)?;
        if ev.step == "next" {
            return self.ask_next_goal(&ev, &goal);
        }
        let question = self.evaluation_question(&ev.step, &goal);
        self.say(question);
        Ok(())
    }

    /// The proposal for the next goal, from the result: the same goal, again as far from
    /// where the team stands now as the old goal was from its baseline, in as much time.
    fn proposal(&self, ev: &Evaluation, goal: &TrackedGoal) -> Option<Proposal> {
        let value = ev.value.or(goal.current)?;
        let step = match (goal.baseline, goal.target) {
            (Some(b), Some(t)) => t - b,
            _ => return None,
        };
        let deadline: Date = goal.deadline.as_deref()?.parse().ok()?;
        let today = self.today();
        let span = (deadline - today).get_days().abs().max(30);
        let new_deadline = today.checked_add(Span::new().days(span)).ok()?;
        let new_target = if ev.outcome.as_deref() == Some("achieved") {
            value + step
        } else {
            goal.target?
        };
        let text = self.f(
            "msg.evaluation.proposal_text",
            &[
                ("goal", &goal.text),
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

    fn ask_next_goal(&mut self, ev: &Evaluation, goal: &TrackedGoal) -> Result<()> {
        if ev.data_missing == Some(true) {
            return self.finish_evaluation(ev.clone(), goal, None);
        }
        let text = match self.proposal(ev, goal) {
            Some(p) => self.f("msg.evaluation.next_proposal", &[("proposal", &p.text)]),
            None => self.t("msg.evaluation.next").to_string(),
        };
        self.say(text);
        Ok(())
    }

    /// Close the evaluation: the goal gets its outcome, then the next goal or step 2.
    fn finish_evaluation(
        &mut self,
        mut ev: Evaluation,
        goal: &TrackedGoal,
        next: Option<&str>,
    ) -> Result<()> {
        let (user, now) = (self.user.clone(), self.now.clone());
        let outcome = ev.outcome.clone().unwrap_or_else(|| "not_achieved".into());
        ev.step = "done".into();
        self.store.update_evaluation(&ev, Some(&now))?;
        self.store.update_goal_field(
            goal.id,
            GoalField::Status,
            Some(&outcome),
            Some("evaluation"),
            &user,
            &now,
        )?;
        self.store.cancel_goal_reminders(goal.id)?;
        let label = self.t(&format!("msg.goal.status.{outcome}")).to_string();
        let done = self.f(
            "msg.evaluation.done",
            &[("n", &goal.number.to_string()), ("outcome", &label)],
        );
        self.say(done);
        if ev.data_missing == Some(true) {
            let text = self.t("msg.evaluation.back_to_data").to_string();
            self.say(text);
            return self.enter_source_round();
        }
        let new_goal = match next.map(str::trim) {
            None => None,
            Some(t) if is_stop(t) => None,
            Some(t) => match parse_yes_no(t) {
                // Taking the proposal: its numbers and deadline are known, so they are filled in.
                Some(YesNo::Yes) => self.proposal(&ev, goal).map(|p| {
                    let known = vec![
                        ("baseline", fmt_num(p.baseline)),
                        ("target", fmt_num(p.target)),
                        ("deadline", p.deadline.to_string()),
                    ];
                    (p.text, known)
                }),
                Some(YesNo::No) => None,
                _ => Some((t.to_string(), Vec::new())),
            },
        };
        match new_goal {
            Some((text, known)) => {
                let known: Vec<(&str, String)> = known;
                self.enter_goal(Some(goal), Some(&text), &known)
            }
            None => {
                let text = self.t("msg.evaluation.no_next").to_string();
                self.say(text);
                self.ask_current()
            }
        }
    }

    /// Open a new data-source round in step 2 and ask its first question.
    fn enter_source_round(&mut self) -> Result<()> {
        let flow = self.flow();
        let Some(op) = flow.find(SOURCE_NAME) else {
            return self.ask_current();
        };
        let mut n = 1;
        while self.get(&flow.key(&Pos { op, iters: vec![n] }))?.is_some() {
            n += 1;
        }
        let pos = Pos { op, iters: vec![n] };
        // The "more sources?" answer of the round before would otherwise end the group.
        if n > 1 {
            let end = flow.key(&Pos {
                op: flow.find("data.source").unwrap_or(op),
                iters: vec![n - 1],
            });
            self.record(&end, Some("yes"), false)?;
        }
        let key = flow.key(&pos);
        self.store
            .update_cursor(self.team.id, Some(&key), &self.now)?;
        self.team.cursor = Some(key);
        self.ask_current()
    }

    /// The question to return to after a goal entered on the side, taken (and forgotten).
    pub(super) fn take_detour_return(&mut self) -> Result<Option<String>> {
        let back = self.get(DETOUR_RETURN)?.and_then(|a| a.value);
        if back.is_some() {
            self.store
                .delete_computed_answer(self.team.id, self.team.round, DETOUR_RETURN)?;
        }
        Ok(back)
    }

    /// A goal from a form: what is filled in and readable becomes the team's answers, the rest
    /// is asked after the SMART check.
    pub(super) fn goal_draft(&mut self, draft: &GoalDraft) -> Result<()> {
        let text = match input::clean(&draft.text, self.engine.settings.max_answer_chars) {
            Ok(t) => t.to_string(),
            Err(e) => {
                self.refuse(e);
                return Ok(());
            }
        };
        let mut known: Vec<(&str, String)> = Vec::new();
        if let Ok(owner) = input::clean(&draft.owner, self.engine.settings.max_answer_chars) {
            known.push(("owner", owner.to_string()));
        }
        if let Some(d) = parse_deadline(&draft.deadline, self.today()) {
            known.push(("deadline", d.to_string()));
        }
        for (item, value) in [("baseline", &draft.baseline), ("target", &draft.target)] {
            if let Some(n) = first_number(value) {
                known.push((item, fmt_num(n)));
            }
        }
        self.enter_goal(None, Some(&text), &known)
    }

    /// Enter a goal through the step-3 questions: under the action of `like` (or the last action
    /// of this round), in the next free goal slot. With `text`, that is the goal's first answer.
    pub(super) fn enter_goal(
        &mut self,
        like: Option<&TrackedGoal>,
        text: Option<&str>,
        known: &[(&str, String)],
    ) -> Result<()> {
        let flow = self.flow();
        let (Some(what), Some(goal_text)) = (
            flow.find(&format!("{ACTION_GROUP}.what")),
            flow.find(&format!("{GOAL_GROUP}.text")),
        ) else {
            return self.ask_current();
        };
        let Some(goal_end) = flow.find(GOAL_GROUP) else {
            return self.ask_current();
        };
        let OpKind::GroupEnd { max, .. } = flow.op(goal_end).kind else {
            return self.ask_current();
        };
        // The last action of this round that has an answer, or the first.
        let mut a = 1;
        while self
            .get(&flow.key(&Pos {
                op: what,
                iters: vec![a + 1],
            }))?
            .is_some()
        {
            a += 1;
        }
        let mut g = 1;
        while g <= max
            && self
                .get(&flow.key(&Pos {
                    op: goal_text,
                    iters: vec![a, g],
                }))?
                .is_some()
        {
            g += 1;
        }
        if g > max {
            let text = self.t("msg.goal.full").to_string();
            self.say(text);
            return self.ask_current();
        }
        let what_key = flow.key(&Pos {
            op: what,
            iters: vec![a],
        });
        if self.get(&what_key)?.is_none() {
            let action = like.map(|l| l.action_text.clone()).unwrap_or_default();
            if !action.is_empty() {
                self.record(&what_key, Some(&action), false)?;
            }
        }
        if g > 1 {
            // Reopen the goal group: "another goal for this action?" is now yes.
            let more = flow.key(&Pos {
                op: goal_end,
                iters: vec![a, g - 1],
            });
            self.record(&more, Some("yes"), false)?;
        }
        let pos = Pos {
            op: goal_text,
            iters: vec![a, g],
        };
        for (item, value) in known {
            if let Some(op) = flow.find(&format!("{GOAL_GROUP}.{item}")) {
                let key = flow.key(&Pos {
                    op,
                    iters: vec![a, g],
                });
                // The team took the proposal with these numbers: they are its answers.
                self.record(&key, Some(value), false)?;
            }
        }
        // Entered on the side while the team is at an earlier question: come back to it after.
        if let Some(cursor) = self.team.cursor.clone()
            && let Some(cur) = flow.parse_key(&cursor)
            && flow.order(&cur) < flow.order(&pos)
        {
            self.record(DETOUR_RETURN, Some(&cursor), true)?;
        }
        match text {
            Some(t) => self.answer(pos, t),
            None => {
                let key = flow.key(&pos);
                self.store
                    .update_cursor(self.team.id, Some(&key), &self.now)?;
                self.team.cursor = Some(key);
                self.ask_current()
            }
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

/// The outcome the numbers tell, when the goal has a baseline and a target: reached the target
/// (in its direction), moved towards it, or not.
fn outcome_from_numbers(goal: &TrackedGoal, value: Option<f64>) -> Option<&'static str> {
    let (v, t) = (value?, goal.target?);
    let b = goal.baseline?;
    let up = t >= b;
    Some(if (up && v >= t) || (!up && v <= t) {
        "achieved"
    } else if (up && v > b) || (!up && v < b) {
        "partly"
    } else {
        "not_achieved"
    })
}
