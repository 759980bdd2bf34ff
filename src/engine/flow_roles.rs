//! Roles: what the engine uses an item of flow.toml for (`role = "focus"`). The engine finds
//! the items it needs by role, never by name; loading a flow checks that each role it needs is
//! there (exactly once, or at least once for the level questions), of the right kind and in the
//! right place (`flow_role_checks.rs`), so renaming or moving an item fails at start-up rather
//! than at a team's question.

use super::{Compute, Flow, OpKind, Pos, Repeat};

/// What the engine uses an item for: `role = "..."` in flow.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The focus-area choice of step 1; the statement score and the source summaries read it.
    Focus,
    /// The vraagstuk statement: scored, and stored with every goal.
    Statement,
    /// The statement's score; `/status` shows it.
    StatementScore,
    /// A yes/no question the experience level counts (several items have this role).
    LevelQuestion,
    /// The experience level from the level questions.
    Level,
    /// The final level after the follow-up question; `/status` shows it.
    LevelResult,
    /// The repeating group of data sources; an evaluation that missed data opens a new round.
    SourceGroup,
    /// A source's name: the first question of a source round.
    SourceName,
    /// A source's summary (access, usability, hygiene).
    SourceSummary,
    /// The repeating group of one goal; a goal entered on the side lands in its next round.
    GoalGroup,
    /// What an action is, in the group that holds the goal group.
    ActionText,
    /// The readiness overview of step 4.
    Readiness,
    /// What a new round took over from the last one; items asked only after a carry-over have a
    /// condition on it.
    CarriedOver,
    /// What changed since the last round, as the team tells it.
    RoundChange,
    /// A starting team's check before its fourth action (`src/engine/coach.rs`).
    ActionLimit,
    /// A learning team's long-term goal; `/status` and the export show it.
    LongTermGoal,
    /// One of step 4's policy questions (what, how, what is needed); the policy summary in
    /// `/status` and the export reads them (several items have this role).
    Policy,
    /// A number read as a percentage, strictly between 0 and 100 (an experiment's expected
    /// conversion rates; several items have this role).
    Percent,
    /// A number of people: a whole number, 0 or more (an experiment's list size).
    Count,
    /// A step-1 answer that says what the vraagstuk is about (several items): a goal that
    /// shares no word with these, the statement or the focus is asked whether it serves it.
    Topic,
}

/// What kind of item a role must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Choice,
    Text,
    YesNo,
    Number,
    Compute(Compute),
    /// A group that asks "more?" after each round (the engine answers it "yes" to reopen it).
    GroupMore,
}

/// Where a role's item must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Outside every group (its key is its path).
    TopLevel,
    /// The first item directly inside the group with this role.
    FirstIn(Role),
    /// Directly inside the group with this role.
    In(Role),
    /// A group directly inside exactly one group.
    NestedOnce,
    /// Directly inside the group that holds the goal group.
    BesideGoals,
    /// The first item of the group that holds the goal group.
    FirstBesideGoals,
    /// Wherever the flow needs it.
    Anywhere,
}

/// Roles whose result `/status` can show; `status = true` is refused on anything else.
pub(super) const STATUS_ROLES: [Role; 5] = [
    Role::StatementScore,
    Role::LevelResult,
    Role::SourceSummary,
    Role::Readiness,
    Role::Policy,
];

/// Pairs (a, b): every item with role a comes before the item with role b, which reads it.
pub(super) const BEFORE: [(Role, Role); 4] = [
    (Role::Focus, Role::StatementScore),
    (Role::Statement, Role::StatementScore),
    (Role::LevelQuestion, Role::Level),
    (Role::Level, Role::LevelResult),
];

impl Role {
    /// Every role, each required by the engine.
    pub const ALL: [Role; 20] = [
        Role::Focus,
        Role::Statement,
        Role::StatementScore,
        Role::LevelQuestion,
        Role::Level,
        Role::LevelResult,
        Role::SourceGroup,
        Role::SourceName,
        Role::SourceSummary,
        Role::GoalGroup,
        Role::ActionText,
        Role::Readiness,
        Role::CarriedOver,
        Role::RoundChange,
        Role::ActionLimit,
        Role::LongTermGoal,
        Role::Policy,
        Role::Percent,
        Role::Count,
        Role::Topic,
    ];

    /// The id written in flow.toml.
    pub fn id(self) -> &'static str {
        match self {
            Role::Focus => "focus",
            Role::Statement => "statement",
            Role::StatementScore => "statement_score",
            Role::LevelQuestion => "level_question",
            Role::Level => "level",
            Role::LevelResult => "level_result",
            Role::SourceGroup => "source_group",
            Role::SourceName => "source_name",
            Role::SourceSummary => "source_summary",
            Role::GoalGroup => "goal_group",
            Role::ActionText => "action_text",
            Role::Readiness => "readiness",
            Role::CarriedOver => "carried_over",
            Role::RoundChange => "round_change",
            Role::ActionLimit => "action_limit",
            Role::LongTermGoal => "long_term_goal",
            Role::Policy => "policy",
            Role::Percent => "percent",
            Role::Count => "count",
            Role::Topic => "topic",
        }
    }

    /// Whether several items may have the role (the level and policy questions, an
    /// experiment's percentages and counts); others have
    /// one.
    pub(super) fn many(self) -> bool {
        matches!(
            self,
            Role::LevelQuestion | Role::Policy | Role::Percent | Role::Count | Role::Topic
        )
    }

    /// What kind of item the role must be.
    pub(super) fn kind(self) -> Kind {
        match self {
            Role::Focus => Kind::Choice,
            Role::Statement
            | Role::SourceName
            | Role::ActionText
            | Role::RoundChange
            | Role::LongTermGoal
            | Role::Policy
            | Role::Topic => Kind::Text,
            Role::LevelQuestion | Role::ActionLimit => Kind::YesNo,
            Role::StatementScore => Kind::Compute(Compute::StatementScore),
            Role::Level => Kind::Compute(Compute::ExperienceLevel),
            Role::LevelResult => Kind::Compute(Compute::ExperienceLevelFinal),
            Role::SourceSummary => Kind::Compute(Compute::SourceSummary),
            Role::Readiness => Kind::Compute(Compute::Readiness),
            Role::CarriedOver => Kind::Compute(Compute::CarriedOver),
            Role::SourceGroup | Role::GoalGroup => Kind::GroupMore,
            Role::Percent | Role::Count => Kind::Number,
        }
    }

    /// Where the role's item must be.
    pub(super) fn place(self) -> Place {
        match self {
            Role::Focus
            | Role::Statement
            | Role::StatementScore
            | Role::LevelQuestion
            | Role::Level
            | Role::LevelResult
            | Role::SourceGroup
            | Role::Readiness
            | Role::CarriedOver
            | Role::RoundChange
            | Role::LongTermGoal
            | Role::Policy
            | Role::Topic => Place::TopLevel,
            Role::SourceName => Place::FirstIn(Role::SourceGroup),
            Role::SourceSummary => Place::In(Role::SourceGroup),
            Role::GoalGroup => Place::NestedOnce,
            Role::ActionText => Place::BesideGoals,
            Role::ActionLimit => Place::FirstBesideGoals,
            Role::Percent | Role::Count => Place::Anywhere,
        }
    }

    /// Who reads the role's item, for the load errors.
    pub(super) fn needed_by(self) -> &'static str {
        match self {
            Role::Focus => "the statement score and the source summaries",
            Role::Statement => "the statement score and recording a goal",
            Role::StatementScore | Role::LevelResult | Role::SourceSummary | Role::Readiness => {
                "/status"
            }
            Role::LevelQuestion => "the experience level",
            Role::Level => "/status (until the final level is known)",
            Role::SourceGroup | Role::SourceName => {
                "the return to step 2 after an evaluation, and /status"
            }
            Role::GoalGroup | Role::ActionText => {
                "goal entry (/doel nieuw, a goal form, the goal after an evaluation)"
            }
            Role::CarriedOver | Role::RoundChange => {
                "a new round (/nieuw) and the rounds side by side in the export"
            }
            Role::ActionLimit => "the check before a starting team's fourth action",
            Role::LongTermGoal => {
                "/status, the export and the plan overview (a learning team's long-term goal)"
            }
            Role::Policy => "the policy summary in /status and the export",
            Role::Percent | Role::Count => "reading the answer (an experiment's rates and list)",
            Role::Topic => "the question whether a goal serves the vraagstuk",
        }
    }

    /// Read a role id from flow.toml.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == s)
    }

    /// The known role ids, for an error message.
    pub(super) fn known() -> String {
        Role::ALL.map(Role::id).join(", ")
    }
}

impl Kind {
    pub(super) fn fits(self, kind: &OpKind) -> bool {
        match (self, kind) {
            (Kind::Choice, OpKind::Choice { .. }) => true,
            (Kind::Text, OpKind::Text) => true,
            (Kind::YesNo, OpKind::YesNo { .. }) => true,
            (Kind::Number, OpKind::Number) => true,
            (Kind::Compute(c), OpKind::Compute(d)) => c == *d,
            (
                Kind::GroupMore,
                OpKind::GroupEnd {
                    repeat: Repeat::More,
                    ..
                },
            ) => true,
            _ => false,
        }
    }

    pub(super) fn describe(self) -> String {
        match self {
            Kind::Choice => "a choice".into(),
            Kind::Text => "a text question".into(),
            Kind::YesNo => "a yesno question".into(),
            Kind::Number => "a number question".into(),
            Kind::Compute(c) => format!("compute = {:?}", c.id()),
            Kind::GroupMore => "a group with repeat = \"more\"".into(),
        }
    }
}

impl Flow {
    /// The op of a role the engine needs exactly once; for a group, its end (whose key is the
    /// group round's, `data.source#2`). Resolved and checked at load.
    pub fn by_role(&self, role: Role) -> usize {
        // resolve_roles refused any flow in which a role has no item.
        self.roles[&role][0]
    }

    /// Every op with `role`, in flow order (the level questions).
    pub fn all_by_role(&self, role: Role) -> &[usize] {
        self.roles.get(&role).map_or(&[], Vec::as_slice)
    }

    /// The position of a role whose item sits outside every group (checked at load).
    pub fn role_pos(&self, role: Role) -> Pos {
        let op = self.by_role(role);
        debug_assert!(self.ops[op].groups.is_empty(), "{role:?} is inside a group");
        Pos { op, iters: vec![] }
    }

    /// Whether `/status` shows the result of the item with `role` (`status = true`).
    pub fn in_status(&self, role: Role) -> bool {
        self.ops[self.by_role(role)].status
    }

    /// The op where the group of a group role begins.
    pub(super) fn group_begin(&self, role: Role) -> usize {
        match self.ops[self.by_role(role)].kind {
            OpKind::GroupEnd { begin, .. } => begin,
            _ => self.by_role(role),
        }
    }
}
