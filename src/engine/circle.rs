//! Step 1 and step 3 hold together: a question quotes the earlier answer it asks about (each
//! "waarom?" the answer before it), an answer that only repeats that one is asked once more, a
//! goal that shares nothing with the vraagstuk is asked whether it serves it, and the actions
//! and goals of the round are shown next to the vraagstuk.

use std::collections::BTreeMap;

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role, Sibling};
use crate::scoring::overlap::{repeats, says_nothing, shared_words};
use crate::states::GoalKind;
use crate::store::TrackedGoal;

/// The longest quote, in characters; a longer answer is cut at a word and marked "…".
const QUOTE_CHARS: usize = 120;

/// An answer as a question quotes it: trimmed, without the full stop at its end, and cut at a
/// word when it is long.
pub(super) fn shorten(answer: &str) -> String {
    let text = answer
        .trim()
        .trim_end_matches(['.', '!', '?', '…', ' '])
        .trim();
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(QUOTE_CHARS).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

impl Turn<'_, '_, '_> {
    /// The earlier answer the question at `pos` quotes (`quote = [...]` in flow.toml), as it
    /// reads for people: the first of the quoted items that has an answer. An item of the
    /// question's own repeating group is read from the round before (none in round 1).
    pub(super) fn quoted(&mut self, pos: &Pos) -> Result<Option<String>> {
        let flow = self.flow();
        let op = flow.op(pos.op);
        for path in &op.quote {
            let Some(target) = flow.find(path) else {
                continue;
            };
            let groups = &flow.op(target).groups;
            let iters = if !groups.is_empty() && *groups == op.groups {
                let mut iters = pos.iters.clone();
                match iters.last_mut() {
                    Some(round) if *round > 1 => *round -= 1,
                    _ => continue,
                }
                iters
            } else {
                pos.iters[..groups.len().min(pos.iters.len())].to_vec()
            };
            let at = Pos { op: target, iters };
            if let Some(answer) = self.get(&flow.key(&at))?.filter(|a| a.value.is_some()) {
                return Ok(Some(shorten(&self.display_value(&at, &answer))));
            }
        }
        Ok(None)
    }

    /// `repeat_check`: `repeat` when the `answer` next to it only repeats the answer its
    /// question quoted, or says nothing but words like "omdat" and "willen" (then the team is
    /// asked once more), else `new`.
    pub(super) fn repeat_check(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let Some(answer) = self.sibling_value(Sibling::Answer, pos)? else {
            return Ok(None);
        };
        let asked = Pos {
            op: self.flow().sibling(pos.op, Sibling::Answer)?,
            iters: pos.iters.clone(),
        };
        let said = self.quoted(&asked)?;
        let value = match said {
            Some(said) if repeats(&said, &answer) => "repeat",
            _ if says_nothing(&answer) => "repeat",
            _ => "new",
        };
        Ok(Some((value.to_string(), String::new())))
    }

    /// `vraagstuk_overlap`: `shared` when the goal shares a content word with the vraagstuk,
    /// the focus or the step-1 answers about its topic; `none` when it shares nothing (then
    /// the team is asked whether it serves the vraagstuk); `unknown` while there is no
    /// vraagstuk to serve.
    pub(super) fn vraagstuk_overlap(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let goal = match self.sibling_value(Sibling::Sharpen, pos)? {
            Some(sharp) => sharp,
            None => match self.sibling_value(Sibling::Text, pos)? {
                Some(text) => text,
                None => return Ok(None),
            },
        };
        let statement = self.role_value(Role::Statement, &self.flow().role_pos(Role::Statement))?;
        let references = self.vraagstuk_texts()?;
        // Without a vraagstuk (a goal entered before step 1 is done) there is nothing to serve.
        let value = if statement.is_none_or(|s| s.trim().is_empty()) {
            "unknown"
        } else {
            let refs: Vec<&str> = references.iter().map(String::as_str).collect();
            if shared_words(&goal, &refs).is_empty() {
                "none"
            } else {
                "shared"
            }
        };
        Ok(Some((value.to_string(), String::new())))
    }

    /// What step 1 says the vraagstuk is about: the statement, the focus area's name and the
    /// answers with role `topic`.
    fn vraagstuk_texts(&mut self) -> Result<Vec<String>> {
        let flow = self.flow();
        let top = Pos {
            op: 0,
            iters: vec![],
        };
        let mut texts = Vec::new();
        texts.extend(self.role_value(Role::Statement, &top)?);
        texts.extend(self.focus_label(&top)?.map(|(_, label)| label));
        for &op in flow.all_by_role(Role::Topic) {
            texts.extend(self.value_at(op, &top)?);
        }
        Ok(texts)
    }

    /// `plan_overview`: the vraagstuk, under it each of the round's actions with its own goals,
    /// and a learning team's long-term goal. Step-4 actions are not goals of an action: they
    /// are listed with the policy. The value is the number of goals.
    pub(super) fn plan_overview(&mut self, pos: &Pos) -> Result<(String, String)> {
        let flow = self.flow();
        let path = flow.op(pos.op).path.clone();
        let statement = self.role_value(Role::Statement, &flow.role_pos(Role::Statement))?;
        let mut lines = vec![match statement {
            Some(s) => self.f(&format!("{path}.text"), &[("statement", &shorten(&s))]),
            None => self.t(&format!("{path}.no_statement")).to_string(),
        }];
        // By the action each goal was set under (its key says which), not by the action's
        // name: two actions may share a name, and a goal added later comes after the others.
        let mut actions: BTreeMap<u32, Vec<TrackedGoal>> = BTreeMap::new();
        for g in self.store.list_team_goals(self.team.id)? {
            if g.round != self.team.round || g.kind != GoalKind::Goal {
                continue;
            }
            let action = flow
                .parse_key(&g.key)
                .and_then(|p| p.iters.first().copied())
                .unwrap_or(0);
            actions.entry(action).or_default().push(g);
        }
        let count: usize = actions.values().map(Vec::len).sum();
        for goals in actions.values() {
            let name = goals
                .iter()
                .map(|g| g.action_text.trim())
                .find(|a| !a.is_empty())
                .unwrap_or(self.t("msg.skipped_value"));
            lines.push(self.f(&format!("{path}.action"), &[("action", name)]));
            for g in goals {
                lines.push(self.f(
                    &format!("{path}.goal"),
                    &[("n", &g.number.to_string()), ("goal", &g.text)],
                ));
            }
        }
        if count == 0 {
            lines.push(self.t(&format!("{path}.no_goals")).to_string());
        }
        let long_term = self.role_value(Role::LongTermGoal, &flow.role_pos(Role::LongTermGoal))?;
        if let Some(goal) = long_term.filter(|g| !g.trim().is_empty()) {
            lines.push(self.f(&format!("{path}.long_term"), &[("goal", &goal)]));
        }
        if count > 0 {
            lines.push(self.t(&format!("{path}.check")).to_string());
        }
        Ok((count.to_string(), lines.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn a_quote_loses_its_full_stop_and_long_answers_are_cut_at_a_word() {
        assert_eq!(
            shorten("  Meer studenten in de zaal. "),
            "Meer studenten in de zaal"
        );
        assert_eq!(shorten("Waarom niet?!"), "Waarom niet");
        let long = "woord ".repeat(40);
        let short = shorten(&long);
        assert!(short.ends_with("woord…"), "{short}");
        assert!(short.chars().count() <= 121, "{short}");
    }
}
