//! The engine test harness on in-memory `SQLite`: a [`Chat`] with one team, and a complete
//! walk ([`WALK`]). The tests are by feature: `tests_walk.rs` (every step and the edge cases
//! of the walk), `tests_commands.rs`, `tests_goals.rs` and `tests_panic.rs`.

use std::sync::Arc;

use super::*;
use crate::store::Db;

pub(super) fn engine() -> Arc<Engine> {
    let now: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().expect("timestamp");
    Arc::new(Engine::new(Box::new(FixedClock(now)), Settings::default()).expect("engine"))
}

fn team(id: &str) -> TeamKey {
    TeamKey {
        platform: "test".into(),
        id: id.into(),
        name: id.into(),
    }
}

/// The seven level questions of step 2, in the order [`WALK`] answers them.
pub(super) const LEVEL_KEYS: [&str; 7] = [
    "data.strategy",
    "data.vision",
    "data.owner",
    "data.knowledge",
    "data.customer_base",
    "data.possibilities",
    "data.systems",
];

pub(super) struct Chat {
    pub(super) engine: Arc<Engine>,
    pub(super) db: Db,
    pub(super) team: TeamKey,
    pub(super) user: String,
    /// What the person sending may do (a manager unless a test says otherwise).
    pub(super) role: Role,
}

impl Chat {
    /// The team's goal (or step-4 action) number `n`, as stored.
    pub(super) fn goal(&self, n: i64) -> crate::store::TrackedGoal {
        let team = self.team.clone();
        self.db
            .run(move |s| {
                let t = s
                    .find_team(&team.platform, &team.id)?
                    .ok_or_else(|| anyhow::anyhow!("team"))?;
                s.find_goal_by_number(t.id, n)?
                    .ok_or_else(|| anyhow::anyhow!("goal {n}"))
            })
            .expect("goal")
    }

    /// The team's answers of its current round, as stored.
    pub(super) fn answers(&self) -> Vec<crate::store::Answer> {
        let team = self.team.clone();
        self.db
            .run(move |s| {
                let t = s
                    .find_team(&team.platform, &team.id)?
                    .ok_or_else(|| anyhow::anyhow!("team"))?;
                s.list_answers(t.id, t.round)
            })
            .expect("answers")
    }

    /// Walk to the first goal (on the harness's today, 25-11-2026), enter `text` with support,
    /// baseline 200 and no experiment, and end the actions: the team is at step 4.
    pub(super) fn with_goal(text: &str) -> Chat {
        let mut chat = Chat::new();
        for (key, answer) in WALK {
            if *key == "action.action#1.goal#1.text" {
                break;
            }
            chat.say(answer);
        }
        chat.say(text);
        for (key, answer) in [
            ("action.action#1.goal#1.agreed", "ja"),
            ("action.action#1.goal#1.baseline", "200"),
            ("action.action#1.goal#1.experiment", "nee"),
            ("action.action#1.goal#1", "nee"),
            ("action.action#1", "nee"),
        ] {
            assert_eq!(chat.cursor().as_deref(), Some(key), "before {answer:?}");
            chat.say(answer);
        }
        assert_eq!(chat.cursor().as_deref(), Some("implementation.policy_what"));
        chat
    }

    /// A chat that followed [`WALK`] up to the question `key` (to the end: `""`).
    pub(super) fn walked_to(key: &str) -> Chat {
        let mut chat = Chat::new();
        for (at, answer) in WALK {
            if *at == key {
                break;
            }
            chat.say(answer);
        }
        chat
    }

    pub(super) fn new() -> Chat {
        Self::on(engine(), Db::open_in_memory().expect("db"), "t")
    }

    pub(super) fn on(engine: Arc<Engine>, db: Db, id: &str) -> Chat {
        let mut chat = Chat {
            engine,
            db,
            team: team(id),
            user: "ann".into(),
            role: Role::Manager,
        };
        chat.send(Body::Start { lang: None });
        chat
    }

    /// The same person, as the same team id on `platform` (a team of its own there), says
    /// `text`; the replies whole (pictures and files too).
    pub(super) fn replies_on(&self, platform: &str, text: &str) -> Vec<Reply> {
        let mut team = self.team.clone();
        team.platform = platform.into();
        self.engine
            .handle(
                &self.db,
                Incoming {
                    team,
                    person: Person::named(&self.user),
                    role: self.role,
                    body: Body::Text(text.into()),
                },
            )
            .expect("handled")
    }

    pub(super) fn send(&mut self, body: Body) -> String {
        let replies = self
            .engine
            .handle(
                &self.db,
                Incoming {
                    team: self.team.clone(),
                    person: Person::named(&self.user),
                    role: self.role,
                    body,
                },
            )
            .expect("handled");
        assert!(!replies.is_empty(), "every message gets a reply");
        replies
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    pub(super) fn say(&mut self, text: &str) -> String {
        self.send(Body::Text(text.into()))
    }

    pub(super) fn cursor(&self) -> Option<String> {
        let team = self.team.clone();
        self.db
            .run(move |s| {
                Ok(s.find_team(&team.platform, &team.id)?
                    .and_then(|t| t.cursor))
            })
            .expect("cursor")
    }

    pub(super) fn value(&self, key: &str) -> Option<String> {
        let team = self.team.clone();
        let key = key.to_string();
        self.db
            .run(move |s| {
                let t = s.find_team(&team.platform, &team.id)?.context("team")?;
                Ok(s.get_answer(t.id, t.round, &key)?.and_then(|a| a.value))
            })
            .expect("value")
    }

    /// Answer until the cursor is at `key`.
    pub(super) fn answer_until(&mut self, key: &str, answer: &str) {
        for _ in 0..200 {
            if self.cursor().as_deref() == Some(key) {
                return;
            }
            let before = self.cursor();
            self.say(answer);
            assert_ne!(
                before,
                self.cursor(),
                "stuck at {before:?} answering {answer:?}"
            );
        }
        panic!("never reached {key}");
    }
}

/// A complete Dutch walk: (expected cursor before the answer, answer).
pub(super) const WALK: &[(&str, &str)] = &[
    ("question.focus", "marketing"),
    ("question.important", "Jong publiek"),
    ("question.measure", "Bereik onder jongeren"),
    ("question.departments", "Marketing"),
    ("question.people", "Sanne en Piet"),
    ("question.audience", "Studenten"),
    ("question.obstacles", "Budget"),
    ("question.unwanted", "Korting"),
    ("question.achieve", "Meer studenten in de zaal"),
    ("question.why_offer", "nee"),
    (
        "question.statement",
        "Hoeveel studenten kopen via de webshop een kaartje?",
    ),
    ("data.strategy", "ja"),
    ("data.vision", "klopt"),
    ("data.owner", "nee"),
    ("data.knowledge", "nog niet"),
    ("data.customer_base", "jazeker"),
    ("data.possibilities", "niet echt"),
    ("data.systems", "deels"),
    ("data.doing", "Nieuwsbrief"),
    ("data.keep", "Het CRM"),
    ("data.next", "Koppelen"),
    ("data.source#1.name", "Ticketing"),
    ("data.source#1.origin", "intern"),
    ("data.source#1.kind", "anoniem"),
    ("data.source#1.relevant", "ja"),
    ("data.source#1.current", "ja"),
    ("data.source#1.usable", "ja"),
    ("data.source#1", "nee"),
    ("action.action#1.what", "Instagram-campagne"),
    (
        "action.action#1.goal#1.text",
        "Het aantal studenten dat via de webshop een kaartje koopt met 20% verhogen vóór juni 2027",
    ),
    // The deadline is in the text, so only the owner, baseline and target are asked.
    ("action.action#1.goal#1.owner", "Sanne"),
    ("action.action#1.goal#1.agreed", "ja"),
    ("action.action#1.goal#1.baseline", "100"),
    ("action.action#1.goal#1.target", "120"),
    ("action.action#1.goal#1.experiment", "nee"),
    ("action.action#1.goal#1", "nee"),
    ("action.action#1", "nee"),
    (
        "implementation.policy_what",
        "Elke campagne start met de cijfers uit de webshop",
    ),
    (
        "implementation.policy_how",
        "Marketing bespreekt de cijfers elke maand",
    ),
    (
        "implementation.policy_needs",
        "Een dashboard en vier uur per week",
    ),
    ("implementation.ownership", "ja"),
    ("implementation.mandate", "nee"),
    ("implementation.mandate.owner", "Directie"),
    ("implementation.mandate.date", "31-03-2027"),
    ("implementation.agreements", "ja"),
    ("implementation.top_support", "ja"),
    ("implementation.partners", "ja"),
    ("implementation.sharing", "ja"),
    ("implementation.policy_current", "ja"),
    ("implementation.output_reuse", "ja"),
    ("implementation.privacy_statement", "ja"),
    ("implementation.processing_register", "ja"),
    ("implementation.breach_protocol", "weet ik niet"),
    ("implementation.breach_protocol.owner", "Fatima"),
    ("implementation.breach_protocol.date", "geen"),
    ("implementation.ethics", "ja"),
    ("implementation.expertise", "extern"),
    ("implementation.system_links", "Ja"),
    ("implementation.system_structure", "Ja"),
    ("implementation.system_legal", "Nee"),
    ("implementation.system_use", "Goed"),
];
