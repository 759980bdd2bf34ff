//! Tests of the stand-in's payloads: every gateway event and REST answer it builds deserialises
//! into serenity's own types, and a dispatch serenity would drop is refused.

use serde_json::{Value, json};
use serenity::all::{
    ActionRowComponent, ChannelId, CommandDataOptionValue, ComponentInteractionDataKind,
    CreateActionRow, CreateButton, CreateEmbed, CreateMessage, CreateSelectMenu,
    CreateSelectMenuKind, CreateSelectMenuOption, CurrentApplicationInfo, CurrentUser, Guild,
    GuildChannel, GuildId, Interaction, Member, Message, MessageId, PrivateChannel, Role, RoleId,
    UserId,
};
use serenity::model::event::Event;

use super::{TOKEN, parse};
use crate::standin::StandIn;

/// The gateway frame exactly as the stand-in sends it, through serenity's own parser.
fn dispatched(event: &str, data: &Value) -> Event {
    match crate::standin::check_dispatch(event, data) {
        Ok(event) => event,
        Err(why) => panic!("{why}\n{data:#}"),
    }
}

fn interaction_create(data: &Value) -> Interaction {
    match dispatched("INTERACTION_CREATE", data) {
        Event::InteractionCreate(e) => e.interaction,
        other => panic!("not an interaction: {other:?}\n{data:#}"),
    }
}

#[test]
fn gateway_payloads_deserialise_into_serenity_types() {
    let guild = crate::standin::GuildSpec::default_guild();

    let ready = crate::standin::ready_json(&[guild.id], "session-1", "ws://127.0.0.1:1/gw");
    match dispatched("READY", &ready) {
        Event::Ready(e) => {
            assert_eq!(e.ready.user.id, UserId::new(crate::standin::BOT_USER_ID));
            assert!(e.ready.user.bot);
            assert_eq!(e.ready.application.id.get(), crate::standin::APPLICATION_ID);
            assert_eq!(e.ready.guilds.len(), 1);
            assert!(e.ready.guilds[0].unavailable);
        }
        other => panic!("READY: {other:?}"),
    }

    // serenity skips a guild channel it cannot read with only a warning: count them.
    let create = guild.guild_create_json();
    match dispatched("GUILD_CREATE", &create) {
        Event::GuildCreate(e) => {
            assert_eq!(e.guild.id, GuildId::new(crate::standin::GUILD_ID));
            assert_eq!(e.guild.channels.len(), 1, "a channel was skipped");
            assert_eq!(e.guild.roles.len(), 2);
            assert_eq!(e.guild.members.len(), 2);
            let tester = &e.guild.members[&UserId::new(crate::standin::USER_ID)];
            assert_eq!(tester.roles, vec![RoleId::new(crate::standin::ROLE_ID)]);
            assert_eq!(tester.guild_id, e.guild.id);
        }
        other => panic!("GUILD_CREATE: {other:?}"),
    }
    let full: Guild = parse("guild", &create);
    assert_eq!(full.name, "Koers test");

    let message = crate::standin::message_create(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        "tester",
        "hallo",
    );
    match dispatched("MESSAGE_CREATE", &message) {
        Event::MessageCreate(e) => {
            assert_eq!(e.message.content, "hallo");
            assert_eq!(
                e.message.guild_id,
                Some(GuildId::new(crate::standin::GUILD_ID))
            );
            assert_eq!(e.message.author.name, "tester");
            assert!(!e.message.author.bot);
        }
        other => panic!("MESSAGE_CREATE: {other:?}"),
    }
    let dm = crate::standin::dm_message_create(77, crate::standin::USER_ID, "tester", "privé");
    let dm: Message = parse("DM message", &dm);
    assert_eq!(dm.guild_id, None);
    assert_eq!(dm.content, "privé");

    let slash = crate::standin::interaction_slash(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        &[crate::standin::ROLE_ID],
        8,
        "start",
        json!([{"name": "team", "type": 3, "value": "Noord"}]),
    );
    let Interaction::Command(command) = interaction_create(&slash) else {
        panic!("not a command: {slash:#}");
    };
    assert_eq!(command.data.name, "start");
    assert_eq!(
        command.data.options[0].value,
        CommandDataOptionValue::String("Noord".into())
    );
    let member = command.member.as_ref().expect("member");
    assert_eq!(member.roles, vec![RoleId::new(crate::standin::ROLE_ID)]);
    assert_eq!(member.permissions.map(|p| p.bits()), Some(8));
    assert_eq!(command.user.id, UserId::new(crate::standin::USER_ID));
    assert_eq!(command.token, crate::standin::interaction_token(&slash));

    let buttons = json!([{"type": 1, "components": [
        {"type": 2, "style": 1, "custom_id": "answer:yes", "label": "Ja"},
        {"type": 2, "style": 5, "url": "https://example.org", "label": "Uitleg"},
    ]}]);
    let carrier = crate::standin::bot_message(crate::standin::CHANNEL_ID, "Klaar?", buttons);
    let click = crate::standin::interaction_button(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        "answer:yes",
        carrier.clone(),
    );
    let Interaction::Component(click) = interaction_create(&click) else {
        panic!("not a component: {click:#}");
    };
    assert_eq!(click.data.custom_id, "answer:yes");
    assert!(matches!(
        click.data.kind,
        ComponentInteractionDataKind::Button
    ));
    assert_eq!(click.message.id.get(), crate::standin::id_of(&carrier));
    assert_eq!(click.message.components[0].components.len(), 2);

    let select = crate::standin::interaction_select(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        "pick",
        &["a", "c"],
        carrier,
    );
    let Interaction::Component(select) = interaction_create(&select) else {
        panic!("not a component: {select:#}");
    };
    match &select.data.kind {
        ComponentInteractionDataKind::StringSelect { values } => assert_eq!(values, &["a", "c"]),
        other => panic!("not a string select: {other:?}"),
    }

    let modal = crate::standin::interaction_modal_submit(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        "goal",
        &[("what", "Meer jongeren"), ("when", "juni")],
    );
    let Interaction::Modal(modal) = interaction_create(&modal) else {
        panic!("not a modal submit: {modal:#}");
    };
    assert_eq!(modal.data.custom_id, "goal");
    let values: Vec<(String, Option<String>)> = modal
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .map(|c| match c {
            ActionRowComponent::InputText(t) => (t.custom_id.clone(), t.value.clone()),
            other => panic!("not a text input: {other:?}"),
        })
        .collect();
    assert_eq!(
        values,
        vec![
            ("what".to_owned(), Some("Meer jongeren".to_owned())),
            ("when".to_owned(), Some("juni".to_owned())),
        ]
    );

    let coach = crate::standin::with_member(
        crate::standin::interaction_modal_submit(1, 2, 3, "x", &[]),
        &[9],
        32,
    );
    let Interaction::Modal(coach) = interaction_create(&coach) else {
        panic!("not a modal submit");
    };
    let member = coach.member.expect("member");
    assert_eq!(member.roles, vec![RoleId::new(9)]);
    assert_eq!(member.permissions.map(|p| p.bits()), Some(32));
}

#[test]
fn threads_overwrites_and_addressed_messages_deserialise() {
    const MANAGE_CHANNELS: u64 = 1 << 4;
    let guild = crate::standin::GuildSpec::default_guild()
        .role(77, "beheer", MANAGE_CHANNELS)
        .overwrite(crate::standin::CHANNEL_ID, 77, 0, 0, MANAGE_CHANNELS);
    let Event::GuildCreate(created) = dispatched("GUILD_CREATE", &guild.guild_create_json()) else {
        panic!("GUILD_CREATE");
    };
    let channel = &created.guild.channels[&ChannelId::new(crate::standin::CHANNEL_ID)];
    assert_eq!(channel.permission_overwrites.len(), 1);
    // The overwrite takes Manage Channels away in that channel, as serenity computes it.
    let member: Member = parse("member", &crate::standin::member_json(5, "x", &[77]));
    let everywhere = created.guild.member_permissions(&member);
    let here = created.guild.user_permissions_in(channel, &member);
    assert!(everywhere.manage_channels() && !here.manage_channels());
    let partial: serenity::all::PartialGuild = parse("guild", &guild.guild_json());
    assert_eq!(partial.roles.len(), 3);

    let thread = crate::standin::thread_channel_json(
        crate::standin::GUILD_ID,
        9,
        crate::standin::CHANNEL_ID,
        "t",
    );
    match dispatched("THREAD_CREATE", &thread) {
        Event::ThreadCreate(e) => {
            assert_eq!(
                e.thread.parent_id,
                Some(ChannelId::new(crate::standin::CHANNEL_ID))
            );
            assert!(e.thread.thread_metadata.is_some());
        }
        other => panic!("THREAD_CREATE: {other:?}"),
    }

    let question = crate::standin::bot_message(9, "Wat is belangrijk?", json!([]));
    let base = crate::standin::message_create(crate::standin::GUILD_ID, 9, 5, "x", "<@1> ja");
    let addressed = crate::standin::mentioning(
        crate::standin::replying_to(crate::standin::with_roles(base, &[77]), &question),
        crate::standin::bot_user_json(),
    );
    let Event::MessageCreate(e) = dispatched("MESSAGE_CREATE", &addressed) else {
        panic!("MESSAGE_CREATE");
    };
    assert!(
        e.message
            .mentions_user_id(UserId::new(crate::standin::BOT_USER_ID))
    );
    assert_eq!(
        e.message.referenced_message.map(|m| m.author.id.get()),
        Some(crate::standin::BOT_USER_ID)
    );
    assert_eq!(
        e.message.member.map(|m| m.roles),
        Some(vec![RoleId::new(77)])
    );
}

#[tokio::test]
async fn dispatch_refuses_what_serenity_would_drop() {
    let mut message = crate::standin::message_create(1, 2, 3, "x", "hoi");
    message.as_object_mut().expect("object").remove("tts");
    let why = crate::standin::check_dispatch("MESSAGE_CREATE", &message).expect_err("no tts");
    assert!(why.contains("missing field `tts`"), "{why}");
    let misspelt = crate::standin::check_dispatch("MESSAGE_CREATED", &json!({}));
    assert!(misspelt.is_err());

    let standin = StandIn::start(TOKEN);
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        standin.dispatch("MESSAGE_CREATE", message.clone())
    }));
    assert!(refused.is_err(), "dispatch must panic");
    assert_eq!(standin.dispatch_unchecked("MESSAGE_CREATE", message), 0);
}

#[test]
fn rest_payloads_deserialise_into_serenity_types() {
    let user: CurrentUser = parse("bot user", &crate::standin::bot_user_json());
    assert_eq!(user.id.get(), crate::standin::BOT_USER_ID);
    let app: CurrentApplicationInfo = parse("application", &crate::standin::application_json());
    assert_eq!(
        app.owner.map(|o| o.id.get()),
        Some(crate::standin::OWNER_ID)
    );
    let member: Member = parse(
        "member",
        &crate::standin::member_json(
            crate::standin::USER_ID,
            "tester",
            &[crate::standin::ROLE_ID],
        ),
    );
    assert_eq!(member.roles, vec![RoleId::new(crate::standin::ROLE_ID)]);
    let role: Role = parse("role", &crate::standin::role_json(5, "coach", 8, 1));
    assert_eq!(role.permissions.bits(), 8);
    let channel: GuildChannel = parse(
        "channel",
        &crate::standin::text_channel_json(1, 2, "algemeen", 0),
    );
    assert_eq!(channel.name, "algemeen");
    let dm: PrivateChannel = parse(
        "DM channel",
        &crate::standin::dm_channel_json(3, 4, "tester"),
    );
    assert_eq!(dm.recipient.id.get(), 4);

    // What serenity's own builders send, answered as the stand-in answers it.
    let request = CreateMessage::new()
        .content("Kies een stap")
        .embed(
            CreateEmbed::new()
                .title("Stap 1")
                .description("Doel")
                .field("Team", "Noord", true)
                .colour(0x0000_aa00),
        )
        .components(vec![
            CreateActionRow::Buttons(vec![
                CreateButton::new("step:1").label("Eén"),
                CreateButton::new_link("https://example.org").label("Uitleg"),
            ]),
            CreateActionRow::SelectMenu(CreateSelectMenu::new(
                "pick",
                CreateSelectMenuKind::String {
                    options: vec![CreateSelectMenuOption::new("A", "a")],
                },
            )),
        ])
        .reference_message((ChannelId::new(2), MessageId::new(99)));
    let body = serde_json::to_value(&request).expect("serialise CreateMessage");
    let answer = crate::standin::message_from_request(10, 2, &body, &[]);
    let message: Message = parse("message answer", &answer);
    assert_eq!(message.content, "Kies een stap");
    assert_eq!(message.embeds[0].title.as_deref(), Some("Stap 1"));
    assert_eq!(message.components.len(), 2);
    assert_eq!(message.components[0].components.len(), 2);
    assert_eq!(
        message.message_reference.and_then(|r| r.message_id),
        Some(MessageId::new(99))
    );
    assert_eq!(message.author.id.get(), crate::standin::BOT_USER_ID);
}
