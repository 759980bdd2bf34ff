//! Asking a question: how it is worded (with its group round and any earlier answer), how an
//! answer is shown back, and how a typed answer becomes the stored value.

use anyhow::Result;

use super::error::UserError;
use super::flow::{OpKind, Pos, Role, Sibling};
use super::input::{self, choice_phrases, option_number, yes_no_value};
use super::{Choice, Reply, Turn};
use crate::prompts::Lang;
use crate::scoring::choice::match_choice;
use crate::scoring::smart::{names_no_one, parse_deadline};
use crate::scoring::yesno::YesNo;
use crate::store::Answer;

impl Turn<'_, '_, '_> {
    /// Short name of a position for lists, with its group rounds ("Databron 2 · Herkomst").
    pub(super) fn label(&self, pos: &Pos) -> String {
        let flow = self.flow();
        let op = flow.op(pos.op);
        let own = match &op.kind {
            OpKind::Owner => {
                let of = op.path.trim_end_matches(".owner");
                self.f(
                    "msg.owner_label",
                    &[("label", self.t(&format!("{of}.label")))],
                )
            }
            OpKind::OwnerDate => {
                let of = op.path.trim_end_matches(".date");
                self.f(
                    "msg.readiness_action.date_label",
                    &[("label", self.t(&format!("{of}.label")))],
                )
            }
            OpKind::GroupEnd { .. } => self.t(&format!("{}.more", op.path)).to_string(),
            _ => self.t(&format!("{}.label", op.path)).to_string(),
        };
        let mut parts = self.group_rounds(pos);
        parts.push(own);
        parts.join(" · ")
    }

    /// The group rounds `pos` is in, outermost first ("Databron 2").
    fn group_rounds(&self, pos: &Pos) -> Vec<String> {
        let flow = self.flow();
        flow.op(pos.op)
            .groups
            .iter()
            .zip(&pos.iters)
            .map(|(g, i)| format!("{} {i}", self.t(&format!("{}.label", flow.op(*g).path))))
            .collect()
    }

    /// How a stored value reads for people (labels for yes/no and choices).
    pub(super) fn display_value(&self, pos: &Pos, answer: &Answer) -> String {
        let Some(value) = answer.value.as_deref() else {
            // An owner question without an owner: no one picks it up (yet).
            if !answer.computed && self.is_owner_question(pos) {
                return self.t("msg.report.nobody").to_string();
            }
            return self.t("msg.skipped_value").to_string();
        };
        let op = self.flow().op(pos.op);
        match &op.kind {
            OpKind::YesNo { .. } | OpKind::GroupEnd { .. } => match YesNo::parse_stored(value) {
                Some(v) => self.t(&format!("msg.{}", v.as_str())).to_string(),
                None => value.to_string(),
            },
            OpKind::Choice { .. } => {
                let label = self.t(&format!("{}.option.{value}", op.path));
                label
                    .split(" — ")
                    .next()
                    .unwrap_or(label)
                    .trim()
                    .to_string()
            }
            OpKind::Date => self.show_date(value.parse().ok()),
            OpKind::OwnerDate => match value.parse().ok() {
                Some(d) => self.show_date(Some(d)),
                None => self.t("msg.readiness_action.no_date").to_string(),
            },
            _ => value.to_string(),
        }
    }

    pub(super) fn yes_no_offer(&self, pos: &Pos) -> &'static [YesNo] {
        match self.flow().op(pos.op).kind {
            OpKind::GroupEnd { .. } => &[YesNo::Yes, YesNo::No],
            _ => &YesNo::ALL,
        }
    }

    /// The reply that asks the question at `pos`; `answered` says whether an earlier answer may
    /// exist to show with it (the walk only stops at unanswered questions and says `false`).
    pub(super) fn question_reply(&mut self, pos: &Pos, answered: bool) -> Result<Reply> {
        let flow = self.flow();
        let quote = self.quoted(pos)?;
        let mut text = self.question_text(pos, quote.as_deref());
        if let Some(hint) = self.coach_hint(pos)? {
            text.push('\n');
            text.push_str(&hint);
        }
        let key = flow.key(pos);
        // Without `answered` the walk knows there is no stored answer: not read again.
        let previous = match if answered { self.get(&key)? } else { None } {
            Some(answer) => Some(answer),
            // A goal whose changed text no longer names its owner, deadline or target: what
            // the goal has stands until the team says otherwise.
            None => self.recorded_answer(pos)?,
        };
        // What koers read from the goal text for this question is shown as the answer too.
        if let Some(prev) = previous.filter(|a| !a.computed || a.value.is_some()) {
            let shown = self.display_value(pos, &prev);
            text.push_str("\n\n");
            text.push_str(&self.f("msg.previous_answer", &[("answer", &shown)]));
        }
        let choices = self.question_choices(pos);
        Ok(Reply {
            text,
            about: Some(super::About::Question(key)),
            choices,
            audience: crate::engine::Audience::Team,
            ..Default::default()
        })
    }

    /// How the question at `pos` is worded, after the group rounds it is in; `quote` is the
    /// earlier answer it quotes, if it quotes one.
    fn question_text(&self, pos: &Pos, quote: Option<&str>) -> String {
        let flow = self.flow();
        let op = flow.op(pos.op);
        let text = match &op.kind {
            OpKind::Owner => {
                let of = op.path.trim_end_matches(".owner");
                self.f(
                    "msg.owner_question",
                    &[("label", self.t(&format!("{of}.label")))],
                )
            }
            OpKind::OwnerDate => {
                let of = op.path.trim_end_matches(".date");
                self.f(
                    "msg.readiness_action.date_question",
                    &[("label", self.t(&format!("{of}.label")))],
                )
            }
            OpKind::GroupEnd { .. } => self.t(&format!("{}.more", op.path)).to_string(),
            _ => {
                let (n, max) = match op.groups.last().map(|g| &flow.op(*g).kind) {
                    Some(OpKind::GroupBegin { end }) => match flow.op(*end).kind {
                        OpKind::GroupEnd { max, .. } => {
                            (pos.iters.last().copied().unwrap_or(1), max)
                        }
                        _ => (1, 1),
                    },
                    _ => (1, 1),
                };
                let (key, quote) = match quote {
                    Some(q) => (format!("{}.text", op.path), q),
                    None if !op.quote.is_empty() => (format!("{}.text_plain", op.path), ""),
                    None => (format!("{}.text", op.path), ""),
                };
                self.f(
                    &key,
                    &[
                        ("n", &n.to_string()),
                        ("max", &max.to_string()),
                        ("quote", quote),
                    ],
                )
            }
        };
        // Inside a group, say which round this is so answers are not put on the wrong source.
        let rounds = self.group_rounds(pos);
        if rounds.is_empty() {
            text
        } else {
            format!("[{}] {text}", rounds.join(" · "))
        }
    }

    /// The buttons of the question at `pos`: yes/no, or a choice's options.
    fn question_choices(&self, pos: &Pos) -> Vec<Choice> {
        let op = self.flow().op(pos.op);
        match &op.kind {
            OpKind::YesNo { .. } | OpKind::GroupEnd { .. } => self
                .yes_no_offer(pos)
                .iter()
                .map(|v| Choice {
                    id: v.as_str().to_string(),
                    label: self.t(&format!("msg.{}", v.as_str())).to_string(),
                })
                .collect(),
            OpKind::Choice { options } => options
                .iter()
                .map(|o| Choice {
                    id: o.clone(),
                    label: self.t(&format!("{}.option.{o}", op.path)).to_string(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Say again what the next answer goes to: the open evaluation's question, the open
    /// question, or that the round is done ([`Turn::open`]).
    pub(super) fn ask_current(&mut self) -> Result<()> {
        let open = self.open()?;
        self.ask(open)
    }

    /// Turn a typed answer into what the question at `pos` stores.
    pub(super) fn read_answer(&self, pos: &Pos, text: &str) -> Result<Read, UserError> {
        // Who picks up an item or owns a goal: "nog niemand", "nee", "weet niet" name no one.
        // A yes or a number answers another question (the team misread this one): no owner,
        // asked again.
        if self.is_owner_question(pos) {
            if names_no_one(text) {
                return Ok(Read::Nothing);
            }
            if input::is_not_a_name(text) {
                return Err(UserError::NotAName(text.to_string()));
            }
            return Ok(Read::Value(text.to_string()));
        }
        // Asked to sharpen a goal, "nee" keeps it; "ja" or a lone word is no goal to store.
        if self.is_goal_item(pos, Sibling::Sharpen) {
            if input::keeps_as_is(text) {
                return Ok(Read::Keep);
            }
            if !input::can_be_goal(text) {
                return Err(UserError::NotAGoal);
            }
        }
        self.read_value(pos, text).map(Read::Value)
    }

    /// The value a typed answer stores, by the kind of question at `pos`.
    fn read_value(&self, pos: &Pos, text: &str) -> Result<String, UserError> {
        let op = self.flow().op(pos.op);
        match &op.kind {
            OpKind::YesNo { .. } | OpKind::GroupEnd { .. } => {
                yes_no_value(text, self.yes_no_offer(pos)).map(str::to_string)
            }
            OpKind::Choice { options } => {
                if input::is_number(text) {
                    return option_number(text, options.len())
                        .map(|i| options[i].clone())
                        .ok_or(UserError::UnreadableChoice);
                }
                let texts = &self.engine.texts;
                let phrases: Vec<Vec<String>> = options
                    .iter()
                    .map(|o| {
                        let label_key = format!("{}.option.{o}", op.path);
                        let match_key = format!("{}.match.{o}", op.path);
                        choice_phrases(
                            o,
                            Lang::ALL
                                .iter()
                                .map(|l| texts.get(*l, &label_key).to_string()),
                            Lang::ALL
                                .iter()
                                .map(|l| texts.get(*l, &match_key).to_string()),
                        )
                    })
                    .collect();
                match_choice(text, &phrases)
                    .map(|i| options[i].clone())
                    .ok_or(UserError::UnreadableChoice)
            }
            OpKind::Date => {
                let date = parse_deadline(text, self.today()).ok_or(UserError::UnreadableDate)?;
                // Before today no reminder and no evaluation prompt would come: refused, as
                // `/doel verzet` refuses it ([`Turn::deadline_refusal`] names the goal).
                if date < self.today() {
                    return Err(UserError::DeadlinePassed {
                        deadline: self.show_date(Some(date)),
                        goal: None,
                    });
                }
                Ok(date.to_string())
            }
            OpKind::OwnerDate if input::is_none(text) => {
                Ok(super::readiness_action::NO_DATE.into())
            }
            OpKind::OwnerDate => parse_deadline(text, self.today())
                .map(|d| d.to_string())
                .ok_or(UserError::UnreadableDate),
            OpKind::Number => {
                let n = input::single_number(text)?;
                match op.role {
                    Some(Role::Percent) if !(n > 0.0 && n < 100.0) => {
                        Err(UserError::NotAPercentage)
                    }
                    Some(Role::Count) if n < 0.0 || n.fract() != 0.0 => Err(UserError::NotACount),
                    // A baseline or target counts visitors, tickets, euros, a rate: never
                    // below zero.
                    _ if n < 0.0
                        && (self.is_goal_item(pos, Sibling::Baseline)
                            || self.is_goal_item(pos, Sibling::Target)) =>
                    {
                        Err(UserError::NegativeMeasure)
                    }
                    _ => Ok(n.to_string()),
                }
            }
            _ => Ok(text.to_string()),
        }
    }

    /// Store what an answer to the question `key` does.
    pub(super) fn store_read(&mut self, key: &str, read: Read) -> Result<()> {
        match read {
            Read::Value(value) => self.record(key, Some(&value), false),
            Read::Nothing => self.record(key, None, false),
            // An earlier answer (after /wijzig) stays; without one, none is stored.
            Read::Keep if self.get(key)?.is_none_or(|a| a.computed) => {
                self.record(key, None, false)
            }
            Read::Keep => Ok(()),
        }
    }

    /// Whether the question at `pos` asks who: a readiness item's owner or a goal's owner.
    pub(super) fn is_owner_question(&self, pos: &Pos) -> bool {
        match self.flow().op(pos.op).kind {
            OpKind::Owner => true,
            OpKind::Text => self.is_goal_item(pos, Sibling::Owner),
            _ => false,
        }
    }

    /// Whether the question at `pos` is the goal group's `item`.
    fn is_goal_item(&self, pos: &Pos, item: Sibling) -> bool {
        let flow = self.flow();
        flow.sibling(flow.by_role(Role::GoalGroup), item)
            .is_ok_and(|op| op == pos.op)
    }
}

/// What a typed answer does to the question it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Read {
    /// It stores this value.
    Value(String),
    /// It stores that there is none: an owner question answered "nog niemand".
    Nothing,
    /// What the question holds stays (an earlier answer, or nothing): "nee" to sharpening a
    /// goal.
    Keep,
}
