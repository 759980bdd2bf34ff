//! Compiling `prompts/flow.toml`: the raw TOML shape, the tree flattened into [`Op`]s, and the
//! check that every condition names an earlier item.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::{Compute, Cond, Flow, Op, OpKind, Repeat, Role};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFlow {
    step: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: String,
    item: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    kind: String,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    ask_owner: bool,
    #[serde(default)]
    repeat: Option<String>,
    #[serde(default)]
    max: Option<u32>,
    #[serde(default)]
    compute: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    status: bool,
    #[serde(default)]
    quote: Vec<String>,
    #[serde(default)]
    item: Vec<RawItem>,
}

impl Flow {
    /// Parse the TOML and flatten it into ops; roles and needs are not resolved yet.
    pub(super) fn compile_source(src: &str) -> Result<Flow> {
        let raw: RawFlow = toml::from_str(src).context("prompts/flow.toml is not valid")?;
        let mut flow = Flow {
            steps: Vec::new(),
            ops: Vec::new(),
            roles: BTreeMap::default(),
            needs: BTreeMap::default(),
        };
        for (step_idx, step) in raw.step.iter().enumerate() {
            flow.steps.push(step.id.clone());
            flow.compile(&step.item, &step.id, step_idx, &[])?;
        }
        Ok(flow)
    }

    fn compile(
        &mut self,
        items: &[RawItem],
        prefix: &str,
        step: usize,
        groups: &[usize],
    ) -> Result<()> {
        for item in items {
            let base = self.base_op(item, prefix, step, groups)?;
            self.compile_item(item, base)?;
        }
        Ok(())
    }

    /// What every kind of item shares (path, step, groups, condition, role), once its id and
    /// the fields only some kinds may have are checked.
    fn base_op(&self, item: &RawItem, prefix: &str, step: usize, groups: &[usize]) -> Result<Op> {
        if item.id.is_empty() || !item.id.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            bail!(
                "flow item id {:?} must be lowercase ascii letters or _",
                item.id
            );
        }
        let path = format!("{prefix}.{}", item.id);
        if self.ops.iter().any(|o| o.path == path) {
            bail!("flow item {path} is defined twice");
        }
        let when = match &item.when {
            Some(w) => Some(parse_cond(w, prefix).with_context(|| format!("in {path}"))?),
            None => None,
        };
        let role = match &item.role {
            Some(r) => Some(Role::parse(r).with_context(|| {
                format!("{path}: unknown role {r:?} (known: {})", Role::known())
            })?),
            None => None,
        };
        if item.kind != "group" && !item.item.is_empty() {
            bail!("{path}: only groups have items");
        }
        if item.kind != "choice" && !item.options.is_empty() {
            bail!("{path}: only choices have options");
        }
        if !item.quote.is_empty() && !QUOTING.contains(&item.kind.as_str()) {
            bail!("{path}: only questions quote an earlier answer");
        }
        let quote = item.quote.iter().map(|q| full_path(q, prefix)).collect();
        Ok(Op {
            path,
            step,
            groups: groups.to_vec(),
            when,
            kind: OpKind::Info,
            role,
            status: item.status,
            quote,
        })
    }

    /// The op of one item by its kind; a yes/no question and a group add more than one.
    fn compile_item(&mut self, item: &RawItem, base: Op) -> Result<()> {
        let path = &base.path;
        let kind = match item.kind.as_str() {
            "info" => OpKind::Info,
            "text" => OpKind::Text,
            "date" => OpKind::Date,
            "number" => OpKind::Number,
            "yesno" => {
                self.compile_yesno(item, base);
                return Ok(());
            }
            "choice" => {
                if item.options.len() < 2 {
                    bail!("{path}: a choice needs at least two options");
                }
                OpKind::Choice {
                    options: item.options.clone(),
                }
            }
            "compute" => {
                let what = item.compute.as_deref().unwrap_or_default();
                let compute = Compute::parse(what)
                    .with_context(|| format!("{path}: unknown compute {what:?}"))?;
                OpKind::Compute(compute)
            }
            "group" => return self.compile_group(item, base),
            other => bail!("{path}: unknown kind {other:?}"),
        };
        self.ops.push(Op { kind, ..base });
        Ok(())
    }

    /// A yes/no question, and after it the questions who takes it on and by when, when the
    /// answer is not yes (`ask_owner`).
    fn compile_yesno(&mut self, item: &RawItem, base: Op) {
        self.ops.push(Op {
            kind: OpKind::YesNo {
                ask_owner: item.ask_owner,
            },
            ..base.clone()
        });
        if item.ask_owner {
            let path = base.path.clone();
            let open = Cond {
                path: path.clone(),
                value: "yes".into(),
                negated: true,
            };
            self.ops.push(Op {
                path: format!("{path}.owner"),
                when: Some(open.clone()),
                kind: OpKind::Owner,
                role: None,
                status: false,
                quote: Vec::new(),
                ..base.clone()
            });
            self.ops.push(Op {
                path: format!("{path}.date"),
                when: Some(open),
                kind: OpKind::OwnerDate,
                role: None,
                status: false,
                quote: Vec::new(),
                ..base
            });
        }
    }

    /// A group: its begin, its items (inside it), and its end, which says how it repeats.
    fn compile_group(&mut self, item: &RawItem, base: Op) -> Result<()> {
        let path = base.path.clone();
        let repeat = match item.repeat.as_deref() {
            Some("more") => Repeat::More,
            Some("until_stop") => Repeat::UntilStop,
            other => {
                bail!("{path}: group repeat must be more or until_stop, not {other:?}")
            }
        };
        let max = item.max.unwrap_or(10).max(1);
        if item.item.is_empty() {
            bail!("{path}: a group needs items");
        }
        let begin = self.ops.len();
        self.ops.push(Op {
            kind: OpKind::GroupBegin { end: 0 },
            ..base.clone()
        });
        let mut inner = base.groups.clone();
        inner.push(begin);
        self.compile(&item.item, &path, base.step, &inner)?;
        let end = self.ops.len();
        // The end belongs to its own group: its key carries the round it closes.
        self.ops.push(Op {
            kind: OpKind::GroupEnd { begin, repeat, max },
            when: None,
            quote: Vec::new(),
            groups: inner,
            ..base
        });
        self.ops[begin].kind = OpKind::GroupBegin { end };
        Ok(())
    }

    /// Every quoted item is a question the team answered before: earlier in the flow, or in
    /// the same group (then the round before is quoted).
    pub(super) fn check_quotes(&self) -> Result<()> {
        for (idx, op) in self.ops.iter().enumerate() {
            for path in &op.quote {
                let target = self
                    .find(path)
                    .filter(|t| self.ops[*t].is_question())
                    .with_context(|| format!("{}: quotes {path}, which is no question", op.path))?;
                let groups = &self.ops[target].groups;
                let same_group = !groups.is_empty() && *groups == op.groups;
                let earlier = target < idx
                    && groups.len() <= op.groups.len()
                    && groups[..] == op.groups[..groups.len()];
                if !same_group && !earlier {
                    bail!(
                        "{}: quotes {path}, which is neither earlier nor in its own group",
                        op.path
                    );
                }
            }
        }
        Ok(())
    }

    pub(super) fn check_conditions(&self) -> Result<()> {
        for (idx, op) in self.ops.iter().enumerate() {
            if let Some(cond) = &op.when {
                let target = self
                    .ops
                    .iter()
                    .position(|o| o.path == cond.path && !matches!(o.kind, OpKind::GroupEnd { .. }))
                    .with_context(|| {
                        format!("{}: condition on unknown item {}", op.path, cond.path)
                    })?;
                if target >= idx {
                    bail!("{}: condition on {} which comes later", op.path, cond.path);
                }
            }
        }
        Ok(())
    }
}

/// The kinds of item that may quote an earlier answer in their question.
const QUOTING: [&str; 5] = ["text", "yesno", "choice", "date", "number"];

/// A path as written in flow.toml: a sibling's id, or a full path (with a dot).
fn full_path(name: &str, prefix: &str) -> String {
    if name.contains('.') {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn parse_cond(src: &str, prefix: &str) -> Result<Cond> {
    let (lhs, value, negated) = if let Some((l, r)) = src.split_once("!=") {
        (l, r, true)
    } else if let Some((l, r)) = src.split_once('=') {
        (l, r, false)
    } else {
        bail!("condition {src:?} needs = or !=");
    };
    let path = full_path(lhs.trim(), prefix);
    Ok(Cond {
        path,
        value: value.trim().to_string(),
        negated,
    })
}
