//! Who may change the plan, through every way in, and what is private stays private: the real
//! adapter against the stand-in. One file per side (`e2e_access_*.rs`); the guild, its people
//! and the ways to ask are here.

use super::*;

#[path = "e2e_access_managers.rs"]
mod managers;
#[path = "e2e_access_refused.rs"]
mod refused;

const MANAGE_CHANNELS: u64 = 1 << 4;
const ADMINISTRATOR: u64 = 1 << 3;

/// Roles of the guild: Manage Channels; Administrator; Manage Channels taken away in the
/// team's channel by an overwrite. [`ROLE_ID`] is koers' configured manager role.
const BEHEER: u64 = 1_300_000_000_000_000_310;
const ADMIN: u64 = 1_300_000_000_000_000_311;
const ELDERS: u64 = 1_300_000_000_000_000_312;

/// People: a plain member; one whose Manage Channels is denied in the team's channel; one with
/// the configured role; one with Manage Channels; one with Administrator.
const PLAIN: u64 = 1_300_000_000_000_000_410;
const DENIED: u64 = 1_300_000_000_000_000_411;
const COACH: u64 = 1_300_000_000_000_000_412;
const CHANNEL_MANAGER: u64 = 1_300_000_000_000_000_413;
const ADMIN_USER: u64 = 1_300_000_000_000_000_414;

/// (user, roles, the channel permissions Discord computes for them in the team's channel).
fn person(user: u64) -> (&'static [u64], u64) {
    match user {
        DENIED => (&[ELDERS], EVERYONE_PERMISSIONS),
        COACH => (&[ROLE_ID], EVERYONE_PERMISSIONS),
        CHANNEL_MANAGER => (&[BEHEER], EVERYONE_PERMISSIONS | MANAGE_CHANNELS),
        ADMIN_USER => (&[ADMIN], EVERYONE_PERMISSIONS | ADMINISTRATOR),
        _ => (&[], EVERYONE_PERMISSIONS),
    }
}

fn guild() -> GuildSpec {
    GuildSpec::new(GUILD_ID, "Koers test")
        .channel(CHANNEL_ID, "algemeen")
        .role(ROLE_ID, "coach", 0)
        .role(BEHEER, "beheer", MANAGE_CHANNELS)
        .role(ADMIN, "admin", ADMINISTRATOR)
        .role(ELDERS, "beheer elders", MANAGE_CHANNELS)
        .overwrite(CHANNEL_ID, ELDERS, 0, 0, MANAGE_CHANNELS)
}

/// A started team in [`CHANNEL_ID`] with goals 1 to 3; returns its thread.
async fn team_with_goals(standin: &StandIn, db: &Db) -> u64 {
    slash(standin, CHANNEL_ID, "start", json!([])).await;
    let thread = thread_of(standin, CHANNEL_ID).await;
    // The greeting, with the first question, is one message in the thread after the slash
    // command's answer; wait for it, or a later test step takes it for its own reply.
    let in_thread = format!("/channels/{thread}/messages");
    standin
        .wait_for(
            |r| {
                r.is("POST", &in_thread)
                    && r.body.as_ref().is_some_and(|b| {
                        b["content"]
                            .as_str()
                            .is_some_and(|c| c.contains("Met welke plek beginnen jullie?"))
                    })
            },
            WAIT,
        )
        .await;
    db.run(|s| {
        let t = s
            .find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team");
        for n in 1..=3 {
            let goal = Goal {
                key: format!("action.action#1.goal#{n}"),
                action_text: "actie".into(),
                text: format!("Doel {n}"),
                owner: None,
                deadline_text: None,
                baseline_text: None,
                target_text: None,
                created_by: "ann".into(),
                created_by_id: None,
            };
            let id = s.upsert_goal(t.id, 1, &goal, "now")?;
            s.update_goal_number(id)?;
        }
        Ok(())
    })
    .expect("goals");
    thread
}

fn dump(db: &Db) -> String {
    db.run(|s| s.dump_tables()).expect("dump")
}

fn sub(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

/// A slash command by `user` in `channel`; its callback body.
async fn slash_by(standin: &StandIn, user: u64, channel: u64, name: &str, options: Value) -> Value {
    let (roles, permissions) = person(user);
    let seen = count(standin, callback);
    standin.dispatch(
        "INTERACTION_CREATE",
        interaction_slash(GUILD_ID, channel, user, roles, permissions, name, options),
    );
    next(standin, seen, callback).await.body.expect("body")
}

/// `user` types `text` in `channel`; the message koers sends back, wherever it goes.
async fn type_by(standin: &StandIn, user: u64, channel: u64, text: &str) -> Recorded {
    let (roles, _) = person(user);
    let seen = count(standin, sent_message);
    standin.dispatch(
        "MESSAGE_CREATE",
        with_roles(
            message_create(GUILD_ID, channel, user, &format!("user-{user}"), text),
            roles,
        ),
    );
    next(standin, seen, sent_message).await
}

/// A refusal says the command needs a manager.
fn refusal(text: Option<&str>) -> bool {
    text.is_some_and(|t| t.contains("alleen een beheerder"))
}

fn team(db: &Db) -> koers::store::Team {
    db.run(|s| {
        Ok(s.find_team("discord", &CHANNEL_ID.to_string())?
            .expect("team"))
    })
    .expect("team")
}
