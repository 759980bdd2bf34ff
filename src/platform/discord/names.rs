//! Names, not numbers: a team is called after its channel (`#marketing`, from serenity's cache)
//! and keeps that name when the channel is renamed; a person is shown by their server nickname,
//! else the name they chose for Discord, else their user name.

use anyhow::Result;
use poise::serenity_prelude as serenity;
use serenity::{ChannelId, GuildChannel, GuildId};

use super::Data;
use crate::engine::{Person, TeamKey};
use crate::platform::kit::{self, Link, clean_name};
use crate::store::Store;

/// The platform name teams on Discord are stored under.
const PLATFORM: &str = "discord";

/// The engine's key of a channel's team: keyed by the channel's id, named `#<name>` after the
/// channel, or `#<id>` when its name is not known.
pub(super) fn team_of(channel: ChannelId, name: Option<&str>) -> TeamKey {
    TeamKey {
        platform: PLATFORM.into(),
        id: channel.get().to_string(),
        name: team_name(channel, name),
    }
}

/// A team's name for a channel called `name`.
fn team_name(channel: ChannelId, name: Option<&str>) -> String {
    match name.and_then(clean_name) {
        Some(name) => format!("#{name}"),
        None => format!("#{}", channel.get()),
    }
}

/// The name of a channel of `guild` as serenity's cache knows it (filled from `GUILD_CREATE`
/// and kept up to date by `CHANNEL_UPDATE`).
pub(super) fn channel_name(
    cache: &serenity::Cache,
    guild: Option<GuildId>,
    channel: ChannelId,
) -> Option<String> {
    let guild = cache.guild(guild?)?;
    guild.channels.get(&channel).map(|c| c.name.clone())
}

/// A Discord user as the engine knows them: the user id, shown by their nickname on the server
/// (`nick`, from their membership), else the name they chose for Discord, else their user name.
pub(super) fn person_of(user: &serenity::User, nick: Option<&str>) -> Person {
    kit::person(
        &user.id.get().to_string(),
        [nick, user.global_name.as_deref(), Some(user.name.as_str())],
    )
}

/// A channel was changed (`CHANNEL_UPDATE`): when it is a team's channel with a new name, the
/// team takes that name.
pub(super) async fn on_channel_update(data: &Data, channel: &GuildChannel) -> Result<()> {
    rename_team(&data.link, channel.id, Some(&channel.name)).await
}

/// Give the team of `channel` the name the channel has now, if it has a team and the name
/// changed; nothing for a channel without a team or a name.
pub(super) async fn rename_team(link: &Link, channel: ChannelId, name: Option<&str>) -> Result<()> {
    let Some(name) = name.and_then(clean_name) else {
        return Ok(());
    };
    let name = team_name(channel, Some(&name));
    let now = jiff::Timestamp::now().to_string();
    let renamed = link
        .store(move |s| rename_in_store(s, channel, &name, &now))
        .await?;
    if renamed {
        tracing::info!(
            channel = channel.get(),
            "a team follows its renamed channel"
        );
    }
    Ok(())
}

/// [`rename_team`] in one transaction: whether the team's name changed.
fn rename_in_store(s: &mut Store<'_>, channel: ChannelId, name: &str, now: &str) -> Result<bool> {
    match s.find_team(PLATFORM, &channel.get().to_string())? {
        Some(team) if team.name != name => {
            s.update_team_name(team.id, name, now)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompts::Lang;
    use crate::store::Db;

    #[test]
    fn a_team_is_named_after_its_channel_and_by_its_id_without_one() {
        let channel = ChannelId::new(1_577_030_164_267_794_441);
        assert_eq!(team_of(channel, Some("marketing")).name, "#marketing");
        assert_eq!(
            team_of(channel, Some("  \u{7}")).name,
            "#1577030164267794441"
        );
        assert_eq!(team_of(channel, None).name, "#1577030164267794441");
        assert_eq!(team_of(channel, None).id, "1577030164267794441");
    }

    #[test]
    fn a_person_is_shown_by_nickname_then_chosen_name_then_user_name() {
        let mut user = serenity::User::default();
        user.id = serenity::UserId::new(7);
        user.name = "sam_01".into();
        assert_eq!(person_of(&user, None).name, "sam_01");
        user.global_name = Some("Sam".into());
        assert_eq!(person_of(&user, None).name, "Sam");
        assert_eq!(person_of(&user, Some("Sam (kassa)")).name, "Sam (kassa)");
        assert_eq!(person_of(&user, Some(" ")).name, "Sam");
        assert_eq!(person_of(&user, Some("Sam (kassa)")).id, "7");
    }

    #[test]
    fn a_renamed_channel_renames_its_team_and_leaves_others_alone() {
        let db = Db::open_in_memory().expect("db");
        let channel = ChannelId::new(42);
        let other = ChannelId::new(43);
        db.run(|s| {
            s.insert_team(PLATFORM, "42", "#algemeen", Lang::Nl, "UTC", "then")?;
            s.insert_team(PLATFORM, "43", "#publiek", Lang::Nl, "UTC", "then")?;
            Ok(())
        })
        .expect("seed");
        let renamed = db
            .run(move |s| rename_in_store(s, channel, "#marketing", "now"))
            .expect("rename");
        let again = db
            .run(move |s| rename_in_store(s, channel, "#marketing", "now"))
            .expect("rename again");
        let nobody = db
            .run(|s| rename_in_store(s, ChannelId::new(44), "#nieuw", "now"))
            .expect("no team");
        assert!(renamed);
        assert!(!again, "the same name is no change");
        assert!(!nobody, "a channel without a team");
        let names = db
            .run(move |s| {
                Ok((
                    s.find_team(PLATFORM, "42")?.map(|t| t.name),
                    s.find_team(PLATFORM, &other.get().to_string())?
                        .map(|t| t.name),
                ))
            })
            .expect("read");
        assert_eq!(
            names,
            (Some("#marketing".to_string()), Some("#publiek".to_string()))
        );
    }
}
