//! Who is a manager: the configured role, or Manage Channels or Administrator in the team's
//! channel, channel overwrites included. Interactions carry the permissions Discord computed;
//! for a typed command koers computes them from serenity's cache (guild roles, the member's
//! roles from the message, the channel's overwrites — a thread's are its parent's), and over
//! Discord's REST API when the guild is not cached. When neither can say, the author is a member.

use poise::serenity_prelude as serenity;
use serenity::{
    ChannelId, ChannelType, GuildChannel, GuildId, Message, PartialMember, Permissions, UserId,
};

use crate::engine::Role;

fn manages(permissions: Permissions) -> bool {
    permissions.contains(Permissions::MANAGE_CHANNELS)
        || permissions.contains(Permissions::ADMINISTRATOR)
}

fn has_role(roles: &[serenity::RoleId], manager_role: Option<u64>) -> bool {
    manager_role.is_some_and(|r| roles.iter().any(|id| id.get() == r))
}

/// The role of someone who used an interaction. `member.permissions` is what Discord computed
/// for the channel (overwrites included).
pub(super) fn role_of(member: Option<&serenity::Member>, manager_role: Option<u64>) -> Role {
    let Some(member) = member else {
        return Role::Member;
    };
    if member.permissions.is_some_and(manages) || has_role(&member.roles, manager_role) {
        Role::Manager
    } else {
        Role::Member
    }
}

/// The role of the author of a typed command in the team's `channel`.
pub(super) async fn role_of_author(
    ctx: &serenity::Context,
    m: &Message,
    channel: ChannelId,
    manager_role: Option<u64>,
) -> Role {
    let (Some(guild), Some(member)) = (m.guild_id, m.member.as_deref()) else {
        return Role::Member;
    };
    if has_role(&member.roles, manager_role) {
        return Role::Manager;
    }
    // The message's member carries the roles, not the user: permissions are computed for the
    // author (serenity checks that a user, when given, is that author).
    let mut member = member.clone();
    member.user = None;
    let permissions = match cached(ctx, guild, channel, m.author.id, &member) {
        Some(p) => Some(p),
        None => fetched(ctx, guild, channel, m.author.id, &member).await,
    };
    match permissions {
        Some(p) if manages(p) => Role::Manager,
        Some(_) => Role::Member,
        None => {
            tracing::warn!(
                guild = guild.get(),
                channel = channel.get(),
                "cannot work out a member's permissions; treating them as a member"
            );
            Role::Member
        }
    }
}

/// From serenity's cache: `None` when the guild or channel is not in it.
fn cached(
    ctx: &serenity::Context,
    guild: GuildId,
    channel: ChannelId,
    author: UserId,
    member: &PartialMember,
) -> Option<Permissions> {
    let guild = ctx.cache.guild(guild)?;
    let channel = if let Some(c) = guild.channels.get(&channel) {
        c
    } else {
        let parent = guild.threads.iter().find(|t| t.id == channel)?.parent_id?;
        guild.channels.get(&parent)?
    };
    Some(guild.partial_member_permissions_in(channel, author, member))
}

/// Over Discord's REST API (async, it does not block): the guild's roles and owner, and the
/// channel (a thread's parent for a thread).
async fn fetched(
    ctx: &serenity::Context,
    guild: GuildId,
    channel: ChannelId,
    author: UserId,
    member: &PartialMember,
) -> Option<Permissions> {
    let partial = match ctx.http.get_guild(guild).await {
        Ok(g) => g,
        Err(e) => {
            tracing::warn!(error = %e, "cannot fetch the guild for permissions");
            return None;
        }
    };
    let mut found = guild_channel(ctx, channel).await?;
    if matches!(
        found.kind,
        ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread
    ) && let Some(parent) = found.parent_id
    {
        found = guild_channel(ctx, parent).await?;
    }
    Some(partial.partial_member_permissions_in(&found, author, member))
}

async fn guild_channel(ctx: &serenity::Context, channel: ChannelId) -> Option<GuildChannel> {
    match ctx.http.get_channel(channel).await {
        Ok(c) => c.guild(),
        Err(e) => {
            tracing::warn!(error = %e, "cannot fetch the channel for permissions");
            None
        }
    }
}
