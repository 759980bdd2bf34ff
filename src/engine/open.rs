//! What the team's next answer goes to, decided in one place: an open evaluation (of a goal, or
//! the "is it in place?" check of a step-4 action) comes before the plan's open question. Every
//! place that reads an answer and every place that shows "the current question" (asking it
//! again, `/start` and the welcome back, `/status`, where a walk stops) asks [`Turn::open`], so
//! the question shown is always the one the next answer is taken for.

use std::sync::Arc;

use anyhow::Result;

use super::action::Action;
use super::flow::Pos;
use super::{Engine, GoalDraft, TeamKey, Turn};
use crate::states::GoalKind;
use crate::store::{Db, Evaluation, Person, TrackedGoal};

/// The question the next line of text answers.
pub(super) enum Open {
    /// An evaluation that is not finished, with its goal (boxed: the other kinds are small).
    Evaluation(Box<Evaluation>, Box<TrackedGoal>),
    /// The plan's open question.
    Question(Pos),
    /// Nothing is asked: the round is done and no evaluation is open.
    Finished,
}

impl Engine {
    /// Whether a goal form submitted now would be entered, by the rule every way in follows
    /// ([`Action::moves_the_question`]): not while an evaluation keeps the next answer. A
    /// platform asks before it opens its form, so no one fills one in only to hear that the
    /// evaluation comes first; the submit is decided again in its own turn.
    pub fn takes_goal_form(self: &Arc<Self>, db: &Db, team: &TeamKey) -> Result<bool> {
        let engine = Arc::clone(self);
        let team = team.clone();
        db.run(move |store| {
            let Some(found) = store.find_team(&team.platform, &team.id)? else {
                return Ok(true);
            };
            let mut turn = Turn::new(&engine, store, found, Person::named(""));
            let waits = Action::Goal(GoalDraft::default()).moves_the_question()
                && matches!(turn.open()?, Open::Evaluation(..));
            Ok(!waits)
        })
    }
}

impl Turn<'_, '_, '_> {
    /// What the next answer goes to.
    pub(super) fn open(&mut self) -> Result<Open> {
        if let Some((ev, goal)) = self.open_evaluation()? {
            return Ok(Open::Evaluation(Box::new(ev), Box::new(goal)));
        }
        Ok(match self.current_pos() {
            Some(pos) => Open::Question(pos),
            None => Open::Finished,
        })
    }

    /// The team's oldest unfinished evaluation, with its goal.
    fn open_evaluation(&mut self) -> Result<Option<(Evaluation, TrackedGoal)>> {
        if self.team.open_evaluations == 0 {
            return Ok(None);
        }
        let Some(ev) = self.store.find_open_evaluation(self.team.id)? else {
            return Ok(None);
        };
        Ok(self.goal_by_id(ev.goal_id)?.map(|goal| (ev, goal)))
    }

    /// Ask what the next answer goes to: the evaluation's question at its step (after which
    /// goal it is about), the plan's open question, or that the round is done.
    pub(super) fn ask(&mut self, open: Open) -> Result<()> {
        match open {
            Open::Evaluation(ev, goal) => {
                let text = format!(
                    "{}\n\n{}",
                    self.evaluation_heading(&goal),
                    self.evaluation_step_question(&ev, &goal)?
                );
                self.say(text);
            }
            Open::Question(pos) => {
                let reply = self.question_reply(&pos, true)?;
                self.out.push(reply);
            }
            Open::Finished => {
                let text = self.t("msg.finished").to_string();
                self.say(text);
            }
        }
        Ok(())
    }

    /// Ask the open evaluation's question, if one is open; `false` when none is. Where the walk
    /// stops at a question of the plan, an open evaluation still takes the next answer.
    pub(super) fn ask_open_evaluation(&mut self) -> Result<bool> {
        match self.open_evaluation()? {
            Some((ev, goal)) => {
                self.ask(Open::Evaluation(Box::new(ev), Box::new(goal)))?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// A command that would take the next answer elsewhere, given while an evaluation is
    /// open: say the evaluation comes first, and ask its question again.
    pub(super) fn evaluation_first(&mut self, open: Open) -> Result<()> {
        if let Open::Evaluation(_, goal) = &open {
            let key = if goal.kind == GoalKind::Readiness {
                "msg.readiness_action.first"
            } else {
                "msg.evaluation.first"
            };
            let text = self.f(key, &[("n", &goal.number.to_string())]);
            self.say(text);
        }
        self.ask(open)
    }

    /// Which goal or step-4 action an evaluation is about ("Evaluatie van doel 1: '…'.").
    pub(super) fn evaluation_heading(&self, goal: &TrackedGoal) -> String {
        let key = if goal.kind == GoalKind::Readiness {
            "msg.readiness_action.evaluation_start"
        } else {
            "msg.evaluation.start"
        };
        self.f(
            key,
            &[("n", &goal.number.to_string()), ("goal", &goal.text)],
        )
    }

    /// The line `/status` shows for the question the next answer goes to.
    pub(super) fn status_current(&mut self, open: &Open) -> Result<Option<String>> {
        Ok(match open {
            Open::Evaluation(ev, goal) => {
                let key = if goal.kind == GoalKind::Readiness {
                    "msg.status.current_action"
                } else {
                    "msg.status.current_evaluation"
                };
                let question = self.evaluation_step_question(ev, goal)?;
                Some(self.f(
                    key,
                    &[("n", &goal.number.to_string()), ("question", &question)],
                ))
            }
            Open::Question(pos) => {
                let label = self.label(pos);
                Some(self.f("msg.status.current", &[("question", &label)]))
            }
            Open::Finished => None,
        })
    }
}
