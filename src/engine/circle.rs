//! Step 1 and step 3 hold together: a question quotes the earlier answer it asks about (each
//! "waarom?" the answer before it), an answer that only repeats that one is asked once more, a
//! goal that shares nothing with the vraagstuk is asked whether it serves it, and the actions
//! and goals of the round are shown next to the vraagstuk.

use anyhow::Result;

use super::Turn;
use super::flow::{Pos, Role, Sibling};
use crate::scoring::overlap::{repeats, says_nothing, shared_words};

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

    /// `plan_overview`: the vraagstuk, and under it the round's actions with their goals. The
    /// value is the number of goals.
    pub(super) fn plan_overview(&mut self, pos: &Pos) -> Result<(String, String)> {
        let path = self.flow().op(pos.op).path.clone();
        let statement = self.role_value(Role::Statement, &self.flow().role_pos(Role::Statement))?;
        let mut lines = vec![match statement {
            Some(s) => self.f(&format!("{path}.text"), &[("statement", &shorten(&s))]),
            None => self.t(&format!("{path}.no_statement")).to_string(),
        }];
        let goals: Vec<_> = self
            .store
            .list_team_goals(self.team.id)?
            .into_iter()
            .filter(|g| g.round == self.team.round)
            .collect();
        let mut action: Option<&str> = None;
        for g in &goals {
            if action != Some(g.action_text.as_str()) && !g.action_text.is_empty() {
                lines.push(self.f(&format!("{path}.action"), &[("action", &g.action_text)]));
            }
            action = Some(&g.action_text);
            lines.push(self.f(
                &format!("{path}.goal"),
                &[("n", &g.number.to_string()), ("goal", &g.text)],
            ));
        }
        lines.push(if goals.is_empty() {
            self.t(&format!("{path}.no_goals")).to_string()
        } else {
            self.t(&format!("{path}.check")).to_string()
        });
        Ok((goals.len().to_string(), lines.join("\n")))
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
