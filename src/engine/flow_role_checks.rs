//! Loading a flow checks its roles: each role the engine needs is there (exactly once, or at
//! least once for the roles several items share), of the right kind, in the right place and in
//! the right order. What the roles are is [`super::roles`].

use anyhow::{Result, bail};

use super::roles::{BEFORE, Place, Role, STATUS_ROLES};
use super::{Flow, OpKind};

impl Flow {
    /// Collect the items of every role and check their number, kind, place and order.
    pub(super) fn resolve_roles(&mut self) -> Result<()> {
        self.collect_roles()?;
        self.check_role_counts()?;
        // Kinds before places: a place is judged against another role's group, so that one
        // must be a group.
        self.check_role_kinds()?;
        self.check_role_places()?;
        self.check_role_order()
    }

    /// The items of each role, in flow order (a group counted once, by its end); `status =
    /// true` only on what `/status` can show.
    fn collect_roles(&mut self) -> Result<()> {
        self.roles.clear();
        for (idx, op) in self.ops.iter().enumerate() {
            if matches!(op.kind, OpKind::GroupBegin { .. }) {
                continue;
            }
            if op.status && !op.role.is_some_and(|r| STATUS_ROLES.contains(&r)) {
                let shown = STATUS_ROLES.map(Role::id).join(", ");
                bail!(
                    "{}: status = true, but /status only shows the items with role {shown}",
                    op.path
                );
            }
            if let Some(role) = op.role {
                self.roles.entry(role).or_default().push(idx);
            }
        }
        Ok(())
    }

    /// Every role is on an item, and only the level questions on more than one.
    fn check_role_counts(&self) -> Result<()> {
        for role in Role::ALL {
            match self.all_by_role(role) {
                [] => bail!(
                    "prompts/flow.toml has no item with role {:?} (needed by {})",
                    role.id(),
                    role.needed_by()
                ),
                [a, b, ..] if !role.many() => bail!(
                    "role {:?} is on both {} and {}; only one may have it (needed by {})",
                    role.id(),
                    self.ops[*a].path,
                    self.ops[*b].path,
                    role.needed_by()
                ),
                _ => {}
            }
        }
        Ok(())
    }

    /// Every role's item is of the kind the engine reads.
    fn check_role_kinds(&self) -> Result<()> {
        for role in Role::ALL {
            for &op in self.all_by_role(role) {
                if !role.kind().fits(&self.ops[op].kind) {
                    bail!(
                        "{}: role {:?} must be {} (read by {})",
                        self.ops[op].path,
                        role.id(),
                        role.kind().describe(),
                        role.needed_by()
                    );
                }
            }
        }
        Ok(())
    }

    /// Every role's item is where the engine looks for it.
    fn check_role_places(&self) -> Result<()> {
        for role in Role::ALL {
            for &op in self.all_by_role(role) {
                if let Some(wrong) = self.misplaced(op, role.place()) {
                    bail!(
                        "{}: role {:?} must be {wrong}",
                        self.ops[op].path,
                        role.id()
                    );
                }
            }
        }
        Ok(())
    }

    /// What a computation reads comes before it ([`BEFORE`]).
    fn check_role_order(&self) -> Result<()> {
        for (first, then) in BEFORE {
            let reader = self.by_role(then);
            if let Some(&late) = self.all_by_role(first).iter().find(|&&op| op > reader) {
                bail!(
                    "{} (role {:?}) must come before {} (role {:?}), which reads it",
                    self.ops[late].path,
                    first.id(),
                    self.ops[reader].path,
                    then.id()
                );
            }
        }
        Ok(())
    }

    /// `Some(where it must be)` when op `op` is not at `place`.
    fn misplaced(&self, op: usize, place: Place) -> Option<String> {
        // A group's place is where its begin is; the end also counts itself as a group.
        let at = match self.ops[op].kind {
            OpKind::GroupEnd { begin, .. } => begin,
            _ => op,
        };
        let groups = &self.ops[at].groups;
        let directly_in = |role: Role| groups.last() == Some(&self.group_begin(role));
        match place {
            Place::TopLevel if !groups.is_empty() => Some("outside every group".into()),
            Place::In(role) if !directly_in(role) => Some(format!(
                "directly inside the group with role {:?}",
                role.id()
            )),
            Place::FirstIn(role) if !directly_in(role) || self.group_begin(role) + 1 != at => Some(
                format!("the first item of the group with role {:?}", role.id()),
            ),
            Place::NestedOnce if groups.len() != 1 => {
                Some("a group directly inside exactly one group".into())
            }
            Place::BesideGoals
                if groups.len() != 1
                    || *groups != self.ops[self.group_begin(Role::GoalGroup)].groups =>
            {
                Some("directly inside the group that holds the goal_group".into())
            }
            Place::FirstBesideGoals
                if groups.len() != 1
                    || *groups != self.ops[self.group_begin(Role::GoalGroup)].groups
                    || groups[0] + 1 != at =>
            {
                Some("the first item of the group that holds the goal_group".into())
            }
            _ => None,
        }
    }
}
