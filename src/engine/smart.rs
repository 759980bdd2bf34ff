//! SMART goals in the conversation: score a goal the moment it is written, fill in what its text
//! already says, ask only for what is missing, and record the finished goal with its reminders.
//! The score as shown and as JSON (`koers score`) is in `smart_report.rs`.

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role, Sibling};
use super::smart_final::{GoalAnswers, final_score};
use super::smart_report::{Context, explain, score_report_of};
use crate::scoring::smart::{SmartScore, Unit, score_goal};
use crate::store::Goal;

impl Turn<'_, '_, '_> {
    /// The goal text as it stands: the sharpened version when the team gave one.
    fn goal_text(&mut self, pos: &Pos) -> Result<Option<String>> {
        if let Some(sharp) = self.sibling_value(Sibling::Sharpen, pos)? {
            return Ok(Some(sharp));
        }
        self.sibling_value(Sibling::Text, pos)
    }

    /// Fill a question of the goal with what the text says (recorded as koers's). An answer a
    /// person gave is never overwritten; koers's own earlier reading is.
    fn prefill(&mut self, item: Sibling, value: Option<String>, pos: &Pos) -> Result<()> {
        let op = self.flow().sibling(pos.op, item)?;
        let Some(key) = self.flow().key_of_op_in_context(op, pos) else {
            return Ok(());
        };
        match (self.get(&key)?, value) {
            (Some(a), _) if !a.computed => {}
            (Some(a), Some(v)) if a.value.as_deref() == Some(v.as_str()) => {}
            (_, Some(v)) => self.record(&key, Some(&v), true)?,
            (Some(_), None) => {
                self.store
                    .delete_computed_answer(self.team.id, self.team.round, &key)?;
            }
            (None, None) => {}
        }
        Ok(())
    }

    /// A changed goal text makes its sharpened version and the answer whether it serves the
    /// vraagstuk obsolete: the team is asked again if the new text still needs it.
    pub(super) fn forget_derived(&mut self, pos: &Pos) -> Result<()> {
        let flow = self.flow();
        let goal = flow.by_role(Role::GoalGroup);
        if flow.sibling(goal, Sibling::Text)? != pos.op {
            return Ok(());
        }
        // Whether the goal serves the vraagstuk was asked about the old text too.
        for derived in [Sibling::Sharpen, Sibling::Serves] {
            let op = flow.sibling(goal, derived)?;
            if let Some(key) = flow.key_of_op_in_context(op, pos) {
                let now = self.now.clone();
                self.store
                    .delete_answer(self.team.id, self.team.round, &key, &now)?;
            }
        }
        Ok(())
    }

    /// `smart_check`: score the goal text, fill in owner / deadline / target it names, and say
    /// what is missing. Value `ok`, or `weak` when it is not specific or not measurable (then
    /// the team is asked to sharpen it).
    pub(super) fn smart_check(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let Some(text) = self.goal_text(pos)? else {
            return Ok(None);
        };
        let score = score_goal(&text, self.today());
        self.prefill(Sibling::Owner, score.owner.clone(), pos)?;
        // A recorded goal's text read again today would move a relative deadline ("eind
        // maart" a year on, "binnen drie maanden" by the months since): the one read when it
        // was written stays, unless the text changed.
        let read_before = self.sibling_value(Sibling::Deadline, pos)?.is_some()
            && self.recorded_from(pos, &text)?;
        if !read_before {
            self.prefill(
                Sibling::Deadline,
                score.deadline.map(|d| d.to_string()),
                pos,
            )?;
        }
        // "van 18% naar 30%" gives both ends, percentages too: the team sees them in the check
        // and need not type them again.
        let (start, end) = match score.stated {
            Some((start, end)) => (Some(start.to_string()), Some(end.to_string())),
            None => (
                None,
                score
                    .target
                    .as_ref()
                    .filter(|t| t.unit == Unit::Absolute)
                    .map(|t| t.value.to_string()),
            ),
        };
        self.prefill(Sibling::Baseline, start, pos)?;
        self.prefill(Sibling::Target, end, pos)?;
        let value = if score.specific && score.measurable {
            "ok"
        } else {
            "weak"
        };
        // What the team already gave (a goal form's fields, answers from before the text was
        // changed) counts, so the check asks only for what is still missing.
        // The check after "make it sharper" answered "nee": the goal stands, said in a line.
        if self.flow().sibling(pos.op, Sibling::Sharpen)? < pos.op
            && self.sibling_value(Sibling::Sharpen, pos)?.is_none()
        {
            let kept = self.f(
                "msg.smart.kept",
                &[("goal", &super::circle::shorten(&text))],
            );
            return Ok(Some((value.to_string(), kept)));
        }
        let known = self.goal_answers(text, pos)?;
        let (score, _, _) = final_score(&known, self.today());
        Ok(Some((
            value.to_string(),
            explain(&self.engine.texts, self.lang, &score),
        )))
    }

    /// A goal's text with the answers given so far in its group, and whether the goal they
    /// make is done with.
    fn goal_answers(&mut self, text: String, pos: &Pos) -> Result<GoalAnswers> {
        let goal_group = self.flow().by_role(Role::GoalGroup);
        let finished = match self.flow().key_of_op_in_context(goal_group, pos) {
            Some(key) => self
                .store
                .find_goal_by_key(self.team.id, self.team.round, &key)?
                .is_some_and(|g| g.status.is_finished()),
            None => false,
        };
        Ok(GoalAnswers {
            action_text: self.role_value(Role::ActionText, pos)?.unwrap_or_default(),
            text,
            owner: self.sibling_value(Sibling::Owner, pos)?,
            agreed: self.goal_agreed(pos)?,
            deadline: self.sibling_value(Sibling::Deadline, pos)?,
            baseline: self.sibling_value(Sibling::Baseline, pos)?,
            target: self.sibling_value(Sibling::Target, pos)?,
            finished,
        })
    }

    /// `record_goal`: the final SMART score with the team's answers (owner → acceptable,
    /// baseline and target → realistic), the goal row, its number and its reminders. Named
    /// steps: [`Self::store_goal`], [`final_score`], [`Self::track_goal`],
    /// [`Self::recorded_text`].
    pub(super) fn record_goal(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let Some(goal) = self.store_goal(pos)? else {
            return Ok(None);
        };
        let (score, base, target) = final_score(&goal.answers, self.today());
        self.track_goal(goal.id, &score, base, target)?;
        self.record_experiment(goal.id, pos)?;
        let text = self.recorded_text(pos, &goal, &score)?;
        Ok(Some(("recorded".to_string(), text)))
    }

    /// Store (or update) the goal row from the group's answers and give it its number.
    fn store_goal(&mut self, pos: &Pos) -> Result<Option<StoredGoal>> {
        let Some(text) = self.goal_text(pos)? else {
            return Ok(None);
        };
        let goal_group = self.flow().by_role(Role::GoalGroup);
        let Some(key) = self.flow().key_of_op_in_context(goal_group, pos) else {
            return Ok(None);
        };
        let mut answers = self.goal_answers(text, pos)?;
        let kept = self.kept_deadline(&key, &answers.text, answers.deadline.as_deref())?;
        let goal = Goal {
            key,
            action_text: answers.action_text.clone(),
            text: answers.text.clone(),
            owner: answers.owner.clone(),
            deadline_text: answers.deadline.clone(),
            baseline_text: answers.baseline.clone(),
            target_text: answers.target.clone(),
            created_by: self.user.name.clone(),
            created_by_id: Some(self.user.id.clone()),
        };
        let id = self
            .store
            .upsert_goal(self.team.id, self.team.round, &goal, &self.now)?;
        let number = self.store.update_goal_number(id)?;
        // The row keeps the deadline answer as given; the score and reminders go by the
        // deadline the goal keeps.
        if kept.is_some() {
            answers.deadline = kept;
        }
        Ok(Some(StoredGoal {
            id,
            number,
            answers,
        }))
    }

    /// Keep the goal's score, numbers and deadline for tracking, and plan its reminders.
    fn track_goal(
        &mut self,
        id: i64,
        score: &SmartScore,
        base: Option<f64>,
        target: Option<f64>,
    ) -> Result<()> {
        let unit = score.target.as_ref().map(|t| t.unit);
        let vraagstuk = self.role_value(Role::Statement, &self.flow().role_pos(Role::Statement))?;
        let json = serde_json::to_string(&score_report_of(
            &self.engine.texts,
            self.lang,
            score,
            Context::Chat,
        ))?;
        let deadline_iso = score.deadline.map(|d| d.to_string());
        self.store.update_goal_tracking(
            id,
            deadline_iso.as_deref(),
            &self.team.timezone,
            base,
            target,
            unit,
            i64::from(score.score()),
            &json,
            vraagstuk.as_deref(),
        )?;
        if let Some(g) = self.store.get_goal(id)? {
            self.schedule_reminders(&g)?;
        }
        Ok(())
    }

    /// What koers says once the goal is recorded: its number, the score explained, and when
    /// reminders come.
    fn recorded_text(
        &mut self,
        pos: &Pos,
        goal: &StoredGoal,
        score: &SmartScore,
    ) -> Result<String> {
        let path = &self.flow().op(pos.op).path;
        let action_text = &goal.answers.action_text;
        let mut explained = explain(&self.engine.texts, self.lang, score);
        if score.acceptable == Some(false) {
            explained.push('\n');
            explained.push_str(self.t("msg.coach.support_missing"));
        }
        let key = if action_text.is_empty() {
            format!("{path}.text_no_action")
        } else {
            format!("{path}.text")
        };
        let text = self.f(
            &key,
            &[("n", &goal.number.to_string()), ("action", action_text)],
        );
        let (pending, _) = self.store.count_goal_reminders(goal.id)?;
        // A goal recorded again after its evaluation (`/stap 3`, `/wijzig`) has no reminders
        // because it is done with, not because its deadline passed; only such a goal is read
        // again, for its status and kind.
        let finished = if goal.answers.finished {
            self.store
                .get_goal(goal.id)?
                .and_then(|g| self.finished_no_reminders(&g))
        } else {
            None
        };
        let reminders = match (finished, score.deadline) {
            (Some(finished), _) => finished,
            (None, Some(_)) if pending > 0 => {
                let days = self.days_list(&self.team.reminder_days);
                self.f("msg.goal.reminders_planned", &[("days", &days)])
            }
            (None, Some(_)) => self.t("msg.goal.no_reminders_passed").to_string(),
            (None, None) => self.t("msg.goal.no_reminders").to_string(),
        };
        Ok(format!("{text}\n{explained}\n{reminders}"))
    }
}

/// A goal as stored: its row id, the team's number for it, and the answers it came from.
struct StoredGoal {
    id: i64,
    number: i64,
    answers: GoalAnswers,
}
