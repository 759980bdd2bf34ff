//! The conversation's shape, loaded from `prompts/flow.toml` and compiled into a flat program.
//!
//! The tree in flow.toml (steps → items → nested groups) is flattened into a list of [`Op`]s so
//! the engine can move through it with a plain index plus one iteration counter per open group.
//! A position in the conversation is a [`Pos`]; its string form (`data.source#2.origin`) is what
//! the store keeps as the answer key and the team's cursor.
//!
//! The engine never finds an item by its name: it asks for a [`Role`] (`flow.by_role(..)`), and
//! a computation reads the siblings it declared ([`Sibling`], `flow.sibling(..)`). Both are
//! resolved and checked when the flow is loaded, so renaming an item in flow.toml fails at
//! start-up with a message naming the item and what needed it.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::Result;

#[path = "flow_compile.rs"]
mod compile;
#[path = "flow_needs.rs"]
mod needs;
#[path = "flow_role_checks.rs"]
mod role_checks;
#[path = "flow_roles.rs"]
mod roles;
#[path = "flow_siblings.rs"]
mod siblings;

pub use roles::Role;
pub use siblings::Sibling;

/// The flow definition shipped with the binary.
pub const FLOW_TOML: &str = include_str!("../../prompts/flow.toml");

/// What the engine works out at a `compute` item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Compute {
    /// Score the step-1 vraagstuk statement against the rubric.
    StatementScore,
    /// Experience level from the seven step-2 questions.
    ExperienceLevel,
    /// Final level after the lerend follow-up question.
    ExperienceLevelFinal,
    /// Access, usability and hygiene of one data source.
    SourceSummary,
    /// SMART-check a goal text, fill in what it already says (owner, deadline, target).
    SmartCheck,
    /// Store a completed goal of step 3 with its SMART score, and plan its reminders.
    RecordGoal,
    /// The people each variant of an A/B experiment needs, and whether the team's list holds
    /// them.
    ExperimentPlan,
    /// The step-4 readiness overview.
    Readiness,
    /// What a new round took over from the last one (nothing in the first round).
    CarriedOver,
    /// Ask the vraagstuk again when the team said the carried one no longer fits.
    ReopenStatement,
    /// Whether a "waarom" answer only repeats the answer it was asked about.
    RepeatCheck,
    /// Whether a goal shares a word with the vraagstuk or the focus of step 1.
    VraagstukOverlap,
    /// The vraagstuk shown back next to the actions and goals of the round.
    PlanOverview,
}

impl Compute {
    fn parse(s: &str) -> Option<Self> {
        Compute::ALL.into_iter().find(|c| c.id() == s)
    }
}

/// How a group decides whether to run another round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// Ask the group's `.more` yes/no question after each round.
    More,
    /// Go on until the team says it is done (a stop word) or `max` is reached.
    UntilStop,
}

/// A condition on an earlier answer: `item=value` or `item!=value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cond {
    /// Path of the item whose answer is tested (group-relative ones are resolved at load).
    pub path: String,
    /// The stored value compared against.
    pub value: String,
    /// True for `!=`.
    pub negated: bool,
}

/// One instruction of the compiled flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpKind {
    /// Say `<path>.text`, go on.
    Info,
    /// Ask for free text.
    Text,
    /// Ask for a date ("30-06-2027", "eind maart", "binnen drie maanden").
    Date,
    /// Ask for a number ("150", "1.000").
    Number,
    /// Ask ja/nee; with `ask_owner`, a non-yes answer is followed by an owner question and a
    /// date question.
    YesNo {
        /// Whether a non-yes answer makes an open item that needs an owner.
        ask_owner: bool,
    },
    /// Ask for one of the options (ids).
    Choice {
        /// Option ids, in the order shown.
        options: Vec<String>,
    },
    /// The owner question for the yes/no item just before it.
    Owner,
    /// The date the owner's item must be done by (after [`OpKind::Owner`]); with an owner and a
    /// date the item becomes a tracked action.
    OwnerDate,
    /// Start of a group; `end` is the index of its [`OpKind::GroupEnd`].
    GroupBegin {
        /// Index of the matching end.
        end: usize,
    },
    /// End of a group: ask `.more` or check for a stop, then loop to `begin + 1` or go on.
    GroupEnd {
        /// Index of the matching begin.
        begin: usize,
        /// How the group repeats.
        repeat: Repeat,
        /// Most rounds allowed.
        max: u32,
    },
    /// The engine works something out and says it.
    Compute(Compute),
}

/// One compiled instruction with its static path (`data.source.origin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    /// Dotted path without iteration numbers; also the prefix of its prompt keys.
    pub path: String,
    /// Index of the step (0..4) this op belongs to.
    pub step: usize,
    /// Indices of the enclosing groups' `GroupBegin` ops, outermost first.
    pub groups: Vec<usize>,
    /// Only run when this holds.
    pub when: Option<Cond>,
    /// What the op does.
    pub kind: OpKind,
    /// What the engine uses this item for (`role = ...` in flow.toml), if anything.
    pub role: Option<Role>,
    /// Whether `/status` shows this item's result (`status = true`).
    pub status: bool,
    /// Earlier answers the question quotes as `{quote}` (`quote = [...]`), the first one
    /// given; an item of its own group is read from the round before.
    pub quote: Vec<String>,
}

impl Op {
    /// Whether the engine waits for an answer at this op.
    pub fn is_question(&self) -> bool {
        matches!(
            self.kind,
            OpKind::Text
                | OpKind::Date
                | OpKind::Number
                | OpKind::YesNo { .. }
                | OpKind::Choice { .. }
                | OpKind::Owner
                | OpKind::OwnerDate
        ) || matches!(
            self.kind,
            OpKind::GroupEnd {
                repeat: Repeat::More,
                ..
            }
        )
    }
}

/// The compiled conversation.
#[derive(Debug)]
pub struct Flow {
    /// Step ids in order (`question`, `data`, `action`, `implementation`).
    pub steps: Vec<String>,
    /// The flat program.
    pub ops: Vec<Op>,
    /// The ops of each role, in flow order; filled and checked at load.
    roles: BTreeMap<Role, Vec<usize>>,
    /// The siblings each computation (and each group role) declared, resolved at load:
    /// (op of the computation or group end, sibling) → op of the sibling.
    needs: BTreeMap<(usize, Sibling), usize>,
}

/// A concrete place in the conversation: an op plus the round of every enclosing group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Index into [`Flow::ops`].
    pub op: usize,
    /// 1-based round of each enclosing group, outermost first.
    pub iters: Vec<u32>,
}

impl Flow {
    /// Parse and compile a flow definition, and check that it has every role the engine needs
    /// and every sibling its computations declare.
    pub fn parse(src: &str) -> Result<Flow> {
        let mut flow = Self::compile_source(src)?;
        flow.check_conditions()?;
        flow.check_quotes()?;
        flow.resolve_roles()?;
        flow.resolve_needs()?;
        Ok(flow)
    }

    /// The flow shipped in the binary.
    pub fn builtin() -> Result<Flow> {
        Self::parse(FLOW_TOML)
    }

    /// The op at `idx`.
    pub fn op(&self, idx: usize) -> &Op {
        &self.ops[idx]
    }

    /// The key of a position: the op path with each group's round after the group's segment
    /// (`action.action#2.goal#1.owner`). Stable: stored as answer key and cursor.
    pub fn key(&self, pos: &Pos) -> String {
        let op = &self.ops[pos.op];
        let mut key = op.path.clone();
        // Insert rounds from the innermost group outwards so earlier offsets stay valid.
        for (g, iter) in op.groups.iter().zip(&pos.iters).rev() {
            let glen = self.ops[*g].path.len();
            key.insert_str(glen, &format!("#{iter}"));
        }
        key
    }

    /// Parse a key made by [`Flow::key`]; `None` when it names nothing in this flow.
    pub fn parse_key(&self, key: &str) -> Option<Pos> {
        let mut path = String::with_capacity(key.len());
        let mut iters = Vec::new();
        for (i, seg) in key.split('.').enumerate() {
            if i > 0 {
                path.push('.');
            }
            match seg.split_once('#') {
                Some((name, n)) => {
                    path.push_str(name);
                    iters.push(n.parse::<u32>().ok().filter(|n| *n >= 1)?);
                }
                None => path.push_str(seg),
            }
        }
        let op = self
            .ops
            .iter()
            .position(|o| o.path == path && !matches!(o.kind, OpKind::GroupBegin { .. }))?;
        (self.ops[op].groups.len() == iters.len()).then_some(Pos { op, iters })
    }

    /// Ordering of positions in conversation order (group rounds before later ops).
    pub fn order(&self, pos: &Pos) -> Vec<usize> {
        let op = &self.ops[pos.op];
        let mut v = Vec::with_capacity(op.groups.len() * 2 + 1);
        for (g, iter) in op.groups.iter().zip(&pos.iters) {
            v.push(*g);
            v.push(*iter as usize);
        }
        v.push(pos.op);
        v
    }

    /// The key of `path` as seen from `pos`: group rounds shared with `pos` are filled in.
    pub fn key_in_context(&self, path: &str, pos: &Pos) -> Option<String> {
        self.key_of_op_in_context(self.find(path)?, pos)
    }

    /// The key of op `target` as seen from `pos`: group rounds shared with `pos` are filled in.
    /// `None` when `target` sits in a group round `pos` is not in.
    pub fn key_of_op_in_context(&self, target: usize, pos: &Pos) -> Option<String> {
        let groups = &self.ops[target].groups;
        let here = &self.ops[pos.op].groups;
        if groups.len() > here.len() || groups[..] != here[..groups.len()] {
            return None;
        }
        Some(self.key(&Pos {
            op: target,
            iters: pos.iters[..groups.len()].to_vec(),
        }))
    }

    /// The op index of a path (not group begins); used for text lookups.
    pub fn find(&self, path: &str) -> Option<usize> {
        self.ops
            .iter()
            .position(|o| o.path == path && !matches!(o.kind, OpKind::GroupBegin { .. }))
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "op {} {:?}", self.op, self.iters)
    }
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "flow_check_tests.rs"]
mod check_tests;
