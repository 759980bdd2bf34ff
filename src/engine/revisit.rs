//! `/stap n`: go back to a step and go through its questions again, in order, each with the
//! answer given; a new answer replaces it, `/overslaan` keeps it. When the walk leaves the step,
//! the team goes on where it was (the first open question), or the round is finished again.

use anyhow::Result;

use super::Turn;
use super::flow::Pos;
use super::walk::Pending;

impl Turn<'_, '_, '_> {
    /// Whether the team is going through step `step` again.
    pub(super) fn revisiting(&self, step: usize) -> bool {
        let flow = self.flow();
        self.team
            .revisit
            .as_deref()
            .is_some_and(|id| flow.steps.get(step).is_some_and(|s| s == id))
    }

    /// `/stap n`: start going through step `n` (1-based) again at its first item. `n` is a
    /// whole number as typed, of any size; one that is no step is named with the range.
    pub(super) fn go_to_step(&mut self, typed: &str) -> Result<()> {
        let flow = self.flow();
        let count = flow.steps.len();
        let found = typed.parse::<usize>().ok().and_then(|n| {
            let first = n
                .checked_sub(1)
                .and_then(|step| flow.ops.iter().position(|op| op.step == step))?;
            Some((n, first))
        });
        let Some((n, first)) = found else {
            let text = self.f(
                "msg.step.unknown",
                &[("n", &shown_number(typed)), ("max", &count.to_string())],
            );
            self.say(text);
            return self.ask_current();
        };
        let step_id = flow.steps[n - 1].clone();
        self.store
            .update_revisit(self.team.id, Some(&step_id), &self.now)?;
        self.team.revisit = Some(step_id);
        let text = self.f("msg.step.start", &[("n", &n.to_string())]);
        self.say(text);
        self.walk(
            Pos {
                op: first,
                iters: vec![],
            },
            None,
        )
    }

    /// The walk enters step `entering` (`usize::MAX`: the end of the round): a step gone
    /// through again is done when the walk leaves it.
    pub(super) fn leave_revisit(
        &mut self,
        entering: usize,
        pending: &mut Vec<Pending>,
    ) -> Result<()> {
        let Some(id) = self.team.revisit.clone() else {
            return Ok(());
        };
        if self.revisiting(entering) {
            return Ok(());
        }
        self.store.update_revisit(self.team.id, None, &self.now)?;
        self.team.revisit = None;
        let flow = self.flow();
        let n = flow
            .steps
            .iter()
            .position(|s| *s == id)
            .map_or(0, |i| i + 1);
        pending.push(Pending {
            text: self.f("msg.step.done", &[("n", &n.to_string())]),
            sticky: true,
            conditional: false,
        });
        Ok(())
    }
}

/// The longest number a reply quotes whole; a longer one is cut and marked "…".
const NUMBER_CHARS: usize = 20;

/// A typed number as a reply quotes it: whole, or its first digits when it is very long.
fn shown_number(typed: &str) -> String {
    if typed.chars().count() <= NUMBER_CHARS {
        return typed.to_string();
    }
    let head: String = typed.chars().take(NUMBER_CHARS).collect();
    format!("{head}…")
}
