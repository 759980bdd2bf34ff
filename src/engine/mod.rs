//! The stappenplan state machine: platform-neutral messages in, platform-neutral replies out.
//!
//! The engine is synchronous and deterministic: it touches nothing but the store (inside one
//! transaction per message) and the injected [`Clock`]. Platforms translate their events into an
//! [`Incoming`] and render the [`Reply`]s; they never see engine internals and the engine never
//! sees a platform type.
//!
//! One message is one `Turn`; its methods live by feature, one file each (`walk.rs`,
//! `question.rs`, `commands.rs`, `goal_entry.rs`, `export.rs`, …), and this file only reads the
//! message, decides whether it may act, finds or makes the team and hands the action on.

mod action;
mod carry;
mod circle;
mod clock;
mod coach;
mod command;
mod command_parse;
mod command_spec;
mod command_table;
mod commands;
mod compute;
mod data_detour;
mod error;
mod evaluation;
mod evaluation_next;
mod examples;
mod experiment;
mod experiment_eval;
pub(crate) mod experiment_text;
mod export;
mod export_file;
mod export_rounds;
pub mod flow;
mod forget;
mod goal_commands;
mod goal_entry;
mod goal_keep;
mod goals;
mod input;
mod link;
mod message;
mod move_date;
mod once;
mod open;
pub mod person_data;
mod picture;
mod plan;
mod plan_build;
mod policy;
mod privacy;
mod question;
mod readiness_action;
mod relative;
mod reminder_plan;
mod reminders;
mod retention;
mod revisit;
mod settings;
mod smart;
mod smart_final;
mod smart_report;
mod source_summary;
mod status;
mod take;
mod team_delete;
mod turn;
mod walk;

use std::sync::Arc;

use anyhow::{Context, Result};
use tracing::instrument;

pub use clock::{Clock, FixedClock, OffsetClock, SystemClock};
pub use command::{Command, ExportFormat, Forget, ForgetMode, GoalCommand, LinkAction, Role};
pub use command_parse::{ArgValue, build as build_command, is_command, parse as parse_command};
pub use command_spec::{ArgKind, ArgSpec, CommandId, CommandSpec};
pub use command_table::COMMANDS;
pub use error::UserError;
pub use examples::Example;
pub use forget::ForgottenTeam;
pub use message::{
    About, Attachment, Audience, Body, Choice, GoalDraft, Image, Incoming, QuickChoice, Reply,
    TeamKey,
};
pub use plan::{
    Plan, PlanAnswer, PlanCounts, PlanExperiment, PlanGoal, PlanInterim, PlanIssue, PlanLevel,
    PlanOpenItem, PlanPolicy, PlanReadiness, PlanResult, PlanRound, PlanSource, PlanStatement,
    PlanTeam, SCHEMA_VERSION, StepProgress,
};
pub use reminders::Outgoing;
pub use retention::{Notice, Sweep};
pub use settings::Settings;
pub use smart_report::{ScoreReport, explain, explain_alone, score_report};

use crate::prompts::{Catalog, Lang};
pub use crate::store::Person;
use crate::store::{Db, Store, Team};
use action::Action;
use flow::Flow;
use picture::Turned;
use turn::Turn;

/// The engine: the flow, the texts, the clock and the settings. Share it with an `Arc`.
pub struct Engine {
    flow: Flow,
    texts: Catalog,
    clock: Box<dyn Clock>,
    settings: Settings,
    /// Tests only: a text whose next turn panics after its work is done (`tests_panic.rs`).
    #[cfg(test)]
    panic_once: std::sync::Mutex<Option<String>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Load and validate the built-in flow and texts.
    pub fn new(clock: Box<dyn Clock>, settings: Settings) -> Result<Engine> {
        let flow = Flow::builtin()?;
        let texts = Catalog::builtin(&flow)?;
        crate::scoring::load_word_lists()?;
        Ok(Engine {
            flow,
            texts,
            clock,
            settings,
            #[cfg(test)]
            panic_once: std::sync::Mutex::new(None),
        })
    }

    /// The language of a team koers has not talked with yet (the configured default).
    pub fn default_lang(&self) -> Lang {
        self.settings.default_lang
    }

    /// The texts, for platforms that need a localized line outside a conversation.
    pub fn texts(&self) -> &Catalog {
        &self.texts
    }

    /// Handle one message and always come back with something to say: internal errors become
    /// a polite reply here (and a log line), in one place for every platform.
    pub fn respond(self: &Arc<Self>, db: &Db, msg: Incoming) -> Vec<Reply> {
        let team = msg.team.clone();
        self.handle(db, msg)
            .unwrap_or_else(|err| self.polite(db, &team, &err))
    }

    /// The one turning of an internal error into a log line and a polite reply. A store
    /// without room is said as such ([`UserError::StoreFull`]): nothing was kept, and the same
    /// message goes through once there is room.
    fn polite(self: &Arc<Self>, db: &Db, team: &TeamKey, err: &anyhow::Error) -> Vec<Reply> {
        if crate::store::is_full(err) {
            tracing::error!(
                error = format!("{err:#}"),
                "the store is full: a message was refused"
            );
            // Reading needs no room; the team's language when it can be read.
            let lang = self
                .language_of(db, team)
                .unwrap_or(self.settings.default_lang);
            return vec![Reply::text(UserError::StoreFull.render(&self.texts, lang))];
        }
        tracing::error!(error = format!("{err:#}"), "could not handle a message");
        let lang = self.settings.default_lang;
        vec![Reply::text(self.texts.get(lang, "msg.error_internal"))]
    }

    /// Handle one message in one transaction; the reply exists only after the commit.
    #[instrument(skip_all, err, fields(platform = %msg.team.platform))]
    pub fn handle(self: &Arc<Self>, db: &Db, msg: Incoming) -> Result<Vec<Reply>> {
        let engine = Arc::clone(self);
        let turned = db
            .run(move |store| engine.turn(store, msg))
            .context("the conversation step failed")?;
        picture::develop(turned)
    }

    /// The language a team talks in (the default for a team not seen yet), for platform
    /// notices outside a conversation turn.
    pub fn language_of(self: &Arc<Self>, db: &Db, team: &TeamKey) -> Result<Lang> {
        Ok(find_team(db, team)?.map_or(self.settings.default_lang, |t| t.lang))
    }

    /// The store id of a team that has talked to koers (for scoping its reminders).
    pub fn team_id(self: &Arc<Self>, db: &Db, team: &TeamKey) -> Result<i64> {
        self.known_team_id(db, team)?
            .context("the team has not started a conversation")
    }

    /// The store id of the team, or `None` when koers has not met it yet.
    pub fn known_team_id(self: &Arc<Self>, db: &Db, team: &TeamKey) -> Result<Option<i64>> {
        Ok(find_team(db, team)?.map(|t| t.id))
    }

    /// The team's whole plan as Markdown (all rounds).
    #[instrument(skip_all, err)]
    pub fn export(self: &Arc<Self>, db: &Db, team: TeamKey) -> Result<Option<String>> {
        let engine = Arc::clone(self);
        db.run(move |store| engine.export_in(store, &team))
    }

    fn turn(&self, store: &mut Store<'_>, msg: Incoming) -> Result<Turned> {
        #[cfg(test)]
        let panic_after = self.take_panic_trigger(&msg.body);
        let action = Action::of(msg.body);
        let found = store.find_team(&msg.team.platform, &msg.team.id)?;
        // The one permission decision, on the command as read, before anything is written.
        if let Action::Command(cmd) = &action
            && cmd.needs_manager()
            && msg.role != Role::Manager
        {
            return Ok(Turned::said(self.not_manager(
                found.as_ref(),
                &msg.team.platform,
                cmd,
            )));
        }
        let Some(action) = heard(action, found.as_ref()) else {
            return Ok(Turned::said(Vec::new()));
        };
        let now = self.clock.now().to_string();
        let (team, created) = match found {
            Some(team) => {
                // Any message the team sends keeps it alive (retention).
                let at = self.clock.now().as_second();
                if team.activity_is_stale(at) {
                    store.update_team_activity(team.id, at)?;
                }
                (team, false)
            }
            None => (self.new_team(store, &msg.team, &action, &now)?, true),
        };
        let mut turn = Turn::new(self, store, team, msg.person);
        turn.now = now;
        turn.platform = msg.team.platform;
        if created {
            turn.begin_conversation()?;
            // A first message that asks to start (a platform's start, or a typed `/start`)
            // is answered by the greeting alone.
            if matches!(
                action,
                Action::Start { .. } | Action::Command(Command::Start)
            ) {
                return Ok(turn.done());
            }
        } else {
            turn.replace_lost_cursor()?;
            turn.announce_reopened()?;
        }
        turn.act(action)?;
        #[cfg(test)]
        assert!(!panic_after, "test panic after handling the message");
        Ok(turn.done())
    }

    /// A team koers meets for the first time, in the language its first `/start` asks for.
    fn new_team(
        &self,
        store: &mut Store<'_>,
        key: &TeamKey,
        action: &Action,
        now: &str,
    ) -> Result<Team> {
        let lang = match action {
            Action::Start { lang: Some(l) } => *l,
            _ => self.settings.default_lang,
        };
        store.insert_team(
            &key.platform,
            &key.id,
            &key.name,
            lang,
            &self.settings.default_timezone,
            now,
        )
    }
}

/// The action koers reads, or `None` for talk not addressed to it that it leaves alone: such
/// talk is read only while koers asks something and the team has it read every line;
/// otherwise it is not koers' business, and nothing is kept.
fn heard(action: Action, team: Option<&Team>) -> Option<Action> {
    match action {
        Action::Aside(text) if team.is_some_and(Team::reads_every_line) => Some(Action::Text(text)),
        Action::Aside(_) => None,
        other => Some(other),
    }
}

/// A team's row, read in its own transaction (for platform helpers outside a turn).
fn find_team(db: &Db, team: &TeamKey) -> Result<Option<Team>> {
    let (platform, id) = (team.platform.clone(), team.id.clone());
    db.run(move |store| store.find_team(&platform, &id))
}

#[cfg(test)]
mod fuzz_engine_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_answers;
#[cfg(test)]
mod tests_circle;
#[cfg(test)]
mod tests_commands;
#[cfg(test)]
mod tests_deadline;
#[cfg(test)]
mod tests_detour;
#[cfg(test)]
mod tests_display;
#[cfg(test)]
mod tests_experiment;
#[cfg(test)]
mod tests_full;
#[cfg(test)]
mod tests_goals;
#[cfg(test)]
mod tests_heads_up;
#[cfg(test)]
mod tests_keep;
#[cfg(test)]
mod tests_keep_relative;
#[cfg(test)]
mod tests_not_assessed;
#[cfg(test)]
mod tests_open;
#[cfg(test)]
mod tests_open_commands;
#[cfg(test)]
mod tests_panic;
#[cfg(test)]
mod tests_person_json;
#[cfg(test)]
mod tests_plan;
#[cfg(test)]
mod tests_policy;
#[cfg(test)]
mod tests_privacy;
#[cfg(test)]
mod tests_progress;
#[cfg(test)]
mod tests_result;
#[cfg(test)]
mod tests_rounds;
#[cfg(test)]
mod tests_snooze;
#[cfg(test)]
mod tests_target;
#[cfg(test)]
mod tests_unfinished;
#[cfg(test)]
mod tests_walk;
