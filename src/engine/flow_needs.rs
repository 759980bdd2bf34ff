//! What each computation needs from the flow: the sibling items it reads by name and the texts
//! it says. This is the one list of both; loading a flow checks the siblings, and the language
//! files are checked against [`Flow::text_keys`].

use std::collections::BTreeSet;

use anyhow::{Context, Result, bail};

use super::siblings::Sibling;
use super::{Compute, Flow, OpKind, Repeat, Role};
use crate::scoring::sources::Purpose;
use crate::scoring::statement::Criterion;

impl Compute {
    /// Every computation.
    pub const ALL: [Compute; 13] = [
        Compute::StatementScore,
        Compute::ExperienceLevel,
        Compute::ExperienceLevelFinal,
        Compute::SourceSummary,
        Compute::SmartCheck,
        Compute::RecordGoal,
        Compute::Readiness,
        Compute::CarriedOver,
        Compute::ReopenStatement,
        Compute::ExperimentPlan,
        Compute::RepeatCheck,
        Compute::VraagstukOverlap,
        Compute::PlanOverview,
    ];

    /// The id written as `compute = ...` in flow.toml.
    pub fn id(self) -> &'static str {
        match self {
            Compute::StatementScore => "statement_score",
            Compute::ExperienceLevel => "experience_level",
            Compute::ExperienceLevelFinal => "experience_level_final",
            Compute::SourceSummary => "source_summary",
            Compute::SmartCheck => "smart_check",
            Compute::RecordGoal => "record_goal",
            Compute::Readiness => "readiness",
            Compute::CarriedOver => "carried_over",
            Compute::ReopenStatement => "reopen_statement",
            Compute::ExperimentPlan => "experiment_plan",
            Compute::RepeatCheck => "repeat_check",
            Compute::VraagstukOverlap => "vraagstuk_overlap",
            Compute::PlanOverview => "plan_overview",
        }
    }

    /// The items next to it that the computation reads (the ones found by role are checked
    /// with the roles).
    pub fn siblings(self) -> &'static [Sibling] {
        use Sibling as S;
        match self {
            Compute::StatementScore | Compute::ExperienceLevel => &[],
            Compute::ExperienceLevelFinal => &[S::Level, S::Embedded],
            Compute::SourceSummary => &[
                S::Name,
                S::Origin,
                S::Kind,
                S::Relevant,
                S::Current,
                S::Usable,
            ],
            Compute::SmartCheck => &[
                S::Text,
                S::Sharpen,
                S::Owner,
                S::Agreed,
                S::Deadline,
                S::Baseline,
                S::Target,
            ],
            Compute::RecordGoal => &[
                S::Text,
                S::Sharpen,
                S::Owner,
                S::Agreed,
                S::Deadline,
                S::Baseline,
                S::Target,
                S::Experiment,
                S::VariantA,
                S::VariantB,
                S::RateA,
                S::RateB,
                S::ListSize,
            ],
            Compute::Readiness => &[S::Expertise],
            Compute::CarriedOver | Compute::ReopenStatement => &[],
            Compute::ExperimentPlan => &[
                S::Experiment,
                S::VariantA,
                S::VariantB,
                S::RateA,
                S::RateB,
                S::ListSize,
            ],
            Compute::RepeatCheck => &[S::Answer],
            Compute::VraagstukOverlap => &[S::Text, S::Sharpen],
            Compute::PlanOverview => &[],
        }
    }

    /// The group the computation must sit directly in, if any.
    fn within(self) -> Option<Role> {
        match self {
            Compute::SourceSummary => Some(Role::SourceGroup),
            Compute::SmartCheck
            | Compute::RecordGoal
            | Compute::ExperimentPlan
            | Compute::VraagstukOverlap => Some(Role::GoalGroup),
            _ => None,
        }
    }

    /// The texts the computation says, relative to its item.
    pub fn texts(self) -> Vec<String> {
        let fixed: &[&str] = match self {
            Compute::StatementScore => &["text", "low"],
            Compute::ExperienceLevel => &[
                "text",
                "name.startend",
                "name.lerend",
                "name.uitvoerend",
                "advice.startend",
                "advice.lerend",
            ],
            Compute::ExperienceLevelFinal => &["uitvoerend", "stays_lerend"],
            Compute::SourceSummary => &[
                "text",
                "access.internal",
                "access.external",
                "access.partner",
                "usability",
                "rating.high",
                "rating.low",
                "focus",
                "focus_none",
                "hygiene_ok",
                "hygiene_issues",
            ],
            // The SMART texts are shared by every check, so they live under `msg.smart`.
            Compute::SmartCheck => &[],
            Compute::RecordGoal => &["text", "text_no_action"],
            // Both are silent: the question after them says what they found.
            Compute::RepeatCheck | Compute::VraagstukOverlap => &[],
            Compute::PlanOverview => &[
                "text",
                "no_statement",
                "action",
                "goal",
                "no_goals",
                "long_term",
                "check",
            ],
            Compute::Readiness => &[
                "text",
                "all_done",
                "open_header",
                "open_item",
                "no_owner",
                "expertise",
            ],
            Compute::CarriedOver => &["text", "statement", "sources", "goals", "open_items", "how"],
            Compute::ReopenStatement => &["text"],
            Compute::ExperimentPlan => &[
                "text",
                "no_rates",
                "enough",
                "too_small",
                "peeking",
                "example",
                "error.rate_out_of_range",
                "error.no_expected_difference",
                "error.difference_too_small",
                "error.count_too_large",
            ],
        };
        let mut keys: Vec<String> = fixed.iter().map(std::string::ToString::to_string).collect();
        match self {
            Compute::StatementScore => {
                for crit in Criterion::ALL {
                    for part in ["label", "pass", "fail"] {
                        keys.push(format!("criterion.{}.{part}", crit.id()));
                    }
                }
            }
            Compute::SourceSummary => {
                for p in Purpose::ALL {
                    keys.push(format!("purpose.{}", p.id()));
                }
            }
            _ => {}
        }
        keys
    }
}

impl Role {
    /// The items inside a group role that the engine reads by name: a goal entered on the side
    /// fills in what it knows, and a changed goal text drops its sharpened version. The first
    /// is the group's first question.
    fn children(self) -> &'static [Sibling] {
        use Sibling as S;
        match self {
            Role::GoalGroup => &[
                S::Text,
                S::Sharpen,
                S::Owner,
                S::Agreed,
                S::Deadline,
                S::Baseline,
                S::Target,
                S::Serves,
            ],
            _ => &[],
        }
    }
}

impl Flow {
    /// The op of `sibling` as declared by the computation at `op` (or the group role ending at
    /// `op`). An error means the code reads a sibling it did not declare.
    pub fn sibling(&self, op: usize, sibling: Sibling) -> Result<usize> {
        self.needs.get(&(op, sibling)).copied().with_context(|| {
            format!(
                "{} reads {:?} without declaring it (flow_needs.rs)",
                self.ops[op].path,
                sibling.name()
            )
        })
    }

    /// Resolve the siblings every computation and group role declares; refuse the flow when
    /// one is missing or a computation is outside the group it works in.
    pub(super) fn resolve_needs(&mut self) -> Result<()> {
        self.needs.clear();
        for (idx, op) in self.ops.iter().enumerate() {
            let (base, declared, who) = match (&op.kind, op.role) {
                (OpKind::Compute(c), _) => {
                    if let Some(role) = c.within() {
                        let begin = match self.ops[self.by_role(role)].kind {
                            OpKind::GroupEnd { begin, .. } => begin,
                            _ => usize::MAX,
                        };
                        if op.groups.last() != Some(&begin) {
                            bail!(
                                "{} (compute {:?}) must sit directly in the group with role {:?}",
                                op.path,
                                c.id(),
                                role.id()
                            );
                        }
                    }
                    let base = op.path.rsplit_once('.').map_or("", |(p, _)| p);
                    (base, c.siblings(), format!("compute {:?}", c.id()))
                }
                (OpKind::GroupEnd { .. }, Some(role)) => (
                    op.path.as_str(),
                    role.children(),
                    format!("role {:?}", role.id()),
                ),
                _ => continue,
            };
            for (i, s) in declared.iter().enumerate() {
                let path = format!("{base}.{}", s.name());
                let Some(found) = self.find(&path) else {
                    bail!(
                        "{} ({who}) needs the item {path}, which prompts/flow.toml does not have",
                        op.path
                    );
                };
                // A group role's first child is where a new round starts.
                if let OpKind::GroupEnd { begin, .. } = op.kind
                    && i == 0
                    && found != begin + 1
                {
                    bail!("{} ({who}) needs {path} as its first item", op.path);
                }
                self.needs.insert((idx, *s), found);
            }
        }
        Ok(())
    }

    /// Every text key the flow needs in every language: titles, questions, labels, options,
    /// "more?" questions and what each computation says.
    pub fn text_keys(&self) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for step in &self.steps {
            keys.insert(format!("{step}.title"));
        }
        for op in &self.ops {
            let p = &op.path;
            match &op.kind {
                OpKind::Info => {
                    keys.insert(format!("{p}.text"));
                }
                OpKind::Text | OpKind::Date | OpKind::Number | OpKind::YesNo { .. } => {
                    keys.insert(format!("{p}.text"));
                    keys.insert(format!("{p}.label"));
                }
                OpKind::Choice { options } => {
                    keys.insert(format!("{p}.text"));
                    keys.insert(format!("{p}.label"));
                    for o in options {
                        keys.insert(format!("{p}.option.{o}"));
                        keys.insert(format!("{p}.match.{o}"));
                    }
                }
                OpKind::GroupBegin { .. } | OpKind::Owner | OpKind::OwnerDate => {}
                OpKind::GroupEnd { repeat, .. } => {
                    keys.insert(format!("{p}.label"));
                    if *repeat == Repeat::More {
                        keys.insert(format!("{p}.more"));
                    }
                }
                OpKind::Compute(c) => {
                    for k in c.texts() {
                        keys.insert(format!("{p}.{k}"));
                    }
                }
            }
            // A question that quotes an earlier answer needs a text for when there is none.
            if !op.quote.is_empty() {
                keys.insert(format!("{p}.text_plain"));
            }
        }
        keys
    }
}
