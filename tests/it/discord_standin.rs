//! Tests of the Discord stand-in (tests/discord/): every payload it builds and every REST answer
//! deserialises into serenity's own types, and a real serenity client and poise framework work
//! against it end to end.

use std::sync::Arc;
use std::time::Duration;

use crate::standin::{Recorded, StandIn};
use futures::{SinkExt, StreamExt};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serenity::all::{
    ActionRowComponent, Channel, ChannelId, Client, ClientBuilder, Command, CommandDataOptionValue,
    ComponentInteractionDataKind, Context, CreateActionRow, CreateAttachment, CreateButton,
    CreateCommand, CreateEmbed, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption, CurrentApplicationInfo, CurrentUser, EditInteractionResponse,
    EditMessage, EventHandler, GatewayIntents, Guild, GuildChannel, GuildId, Interaction, Member,
    Message, MessageFlags, MessageId, PrivateChannel, Ready, Role, RoleId, UserId,
};
use serenity::model::event::Event;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;

const TOKEN: &str = "stand-in-test-token";
const WAIT: Duration = Duration::from_secs(10);

fn parse<T: DeserializeOwned>(what: &str, value: &Value) -> T {
    match serde_json::from_value(value.clone()) {
        Ok(parsed) => parsed,
        Err(e) => panic!("{what} does not deserialise: {e}\n{value:#}"),
    }
}

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

fn http_status(result: serenity::Result<impl std::fmt::Debug>) -> (u16, isize, String) {
    match result {
        Err(serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(e))) => {
            (e.status_code.as_u16(), e.error.code, e.error.message)
        }
        other => panic!("expected an unsuccessful request, got {other:?}"),
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

#[tokio::test]
async fn rest_answers_reach_serenity_http() {
    let standin = StandIn::start(TOKEN);
    let http = standin.http();

    assert_eq!(
        http.get_gateway().await.expect("gateway").url,
        standin.gateway_url()
    );
    assert_eq!(http.get_bot_gateway().await.expect("gateway/bot").shards, 1);
    assert_eq!(
        http.get_current_user().await.expect("users/@me").id.get(),
        crate::standin::BOT_USER_ID
    );
    let app = http
        .get_current_application_info()
        .await
        .expect("applications/@me");
    assert_eq!(app.id.get(), crate::standin::APPLICATION_ID);
    http.set_application_id(app.id);

    let global =
        Command::set_global_commands(&http, vec![CreateCommand::new("ping").description("Ping")])
            .await
            .expect("global commands");
    assert_eq!(global[0].name, "ping");
    assert_eq!(global[0].id.get(), crate::standin::command_id("ping"));
    let guild = GuildId::new(crate::standin::GUILD_ID);
    let local = guild
        .set_commands(
            &http,
            vec![CreateCommand::new("start").description("Begin")],
        )
        .await
        .expect("guild commands");
    assert_eq!(local[0].guild_id, Some(guild));
    assert_eq!(
        standin.commands(Some(crate::standin::GUILD_ID))[0]["name"],
        "start"
    );

    let channel = ChannelId::new(crate::standin::CHANNEL_ID);
    let said = channel.say(&http, "hallo").await.expect("say");
    assert_eq!(said.content, "hallo");
    let recorded = standin
        .wait_for(
            |r| r.is("POST", &format!("/channels/{channel}/messages")),
            WAIT,
        )
        .await;
    assert_eq!(
        recorded.authorization.as_deref(),
        Some(&*format!("Bot {TOKEN}"))
    );
    assert_eq!(recorded.content(), Some("hallo"));

    let rich = channel
        .send_message(
            &http,
            CreateMessage::new()
                .content("Kies")
                .embed(CreateEmbed::new().title("Stap"))
                .button(CreateButton::new("step:2").label("Twee")),
        )
        .await
        .expect("send_message");
    assert!(rich.id > said.id, "snowflakes rise");
    assert_eq!(rich.components[0].components.len(), 1);

    let edited = channel
        .edit_message(&http, rich.id, EditMessage::new().content("Gekozen"))
        .await
        .expect("edit");
    assert_eq!(edited.content, "Gekozen");
    assert!(edited.edited_timestamp.is_some());
    assert_eq!(
        standin.message(rich.id.get()).expect("kept")["content"],
        "Gekozen"
    );

    let upload = channel
        .send_files(
            &http,
            [CreateAttachment::bytes(
                b"a;b\n1;2\n".to_vec(),
                "export.csv",
            )],
            CreateMessage::new().content("De export"),
        )
        .await
        .expect("send_files");
    assert_eq!(upload.attachments[0].filename, "export.csv");
    let recorded = standin.wait_for(|r| !r.files.is_empty(), WAIT).await;
    assert_eq!(recorded.content(), Some("De export"));
    assert_eq!(recorded.files[0].bytes, b"a;b\n1;2\n");
    assert_eq!(recorded.files[0].filename.as_deref(), Some("export.csv"));

    match http.get_channel(channel).await.expect("channel") {
        Channel::Guild(c) => assert_eq!(c.name, "algemeen"),
        other => panic!("not a guild channel: {other:?}"),
    }
    let member = http
        .get_member(guild, UserId::new(crate::standin::USER_ID))
        .await
        .expect("member");
    assert_eq!(member.roles, vec![RoleId::new(crate::standin::ROLE_ID)]);
    assert_eq!(http.get_guild_roles(guild).await.expect("roles").len(), 2);
    let dm = UserId::new(crate::standin::USER_ID)
        .create_dm_channel(&http)
        .await
        .expect("DM channel");
    assert_eq!(dm.recipient.id.get(), crate::standin::USER_ID);

    // A thread: answered as serenity reads it, kept for `GET /channels/{id}`.
    let thread = channel
        .create_thread(
            &http,
            serenity::all::CreateThread::new("Stappenplan — ronde 1")
                .kind(serenity::all::ChannelType::PublicThread),
        )
        .await
        .expect("thread");
    assert_eq!(thread.parent_id, Some(channel));
    assert_eq!(thread.kind, serenity::all::ChannelType::PublicThread);
    assert_eq!(standin.threads().len(), 1);
    match http.get_channel(thread.id).await.expect("thread by id") {
        Channel::Guild(c) => assert_eq!(c.name, "Stappenplan — ronde 1"),
        other => panic!("not a guild channel: {other:?}"),
    }
    assert_eq!(
        standin.dm_channel(crate::standin::USER_ID),
        Some(dm.id.get())
    );
    let partial = http.get_guild(guild).await.expect("guild");
    assert_eq!(partial.roles.len(), 2);

    // Anything else: a Discord-shaped 404 that serenity decodes (code -1 would mean it could
    // not).
    let (status, code, message) = http_status(http.get_guild_webhooks(guild).await);
    assert_eq!((status, code, message.as_str()), (404, 0, "Unknown"));

    standin.override_route(
        "POST",
        "/channels/",
        403,
        json!({"message": "Missing Permissions", "code": 50013}),
        Some(1),
    );
    let (status, code, _) = http_status(channel.say(&http, "mag niet").await);
    assert_eq!((status, code), (403, 50013));
    channel
        .say(&http, "mag weer")
        .await
        .expect("override used up");
    assert!(standin.requests().iter().any(|r| r.status == 403));

    let wrong = serenity::http::HttpBuilder::new("wrong")
        .proxy(standin.rest_base())
        .ratelimiter_disabled(true)
        .build();
    assert_eq!(http_status(wrong.get_current_user().await).0, 401);
}

#[tokio::test]
async fn interaction_responses_reach_serenity_http() {
    let standin = StandIn::start(TOKEN);
    let http = standin.http();
    // A connected client takes this from READY.
    http.set_application_id(crate::standin::APPLICATION_ID.into());

    let payload = crate::standin::interaction_slash(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        &[],
        0,
        "start",
        json!([]),
    );
    // Dispatched with no client connected: kept for the next session, and the token is known.
    assert_eq!(standin.dispatch("INTERACTION_CREATE", payload.clone()), 0);
    let Interaction::Command(command) = parse("slash", &payload) else {
        panic!("not a command");
    };

    command
        .create_response(
            &http,
            CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new().content("Hoi"),
            ),
        )
        .await
        .expect("callback");
    let callback = standin
        .wait_for(
            |r| {
                r.is(
                    "POST",
                    &format!("/interactions/{}/{}/callback", command.id, command.token),
                )
            },
            WAIT,
        )
        .await;
    assert_eq!(callback.status, 204);
    assert_eq!(callback.body.as_ref().expect("body")["type"], 4);
    assert_eq!(callback.content(), Some("Hoi"));

    let original = command.get_response(&http).await.expect("@original");
    assert_eq!(original.content, "Hoi");
    assert_eq!(original.channel_id.get(), crate::standin::CHANNEL_ID);
    let edited = command
        .edit_response(&http, EditInteractionResponse::new().content("Hoi!"))
        .await
        .expect("edit @original");
    assert_eq!((edited.id, edited.content.as_str()), (original.id, "Hoi!"));

    let followup = command
        .create_followup(
            &http,
            CreateInteractionResponseFollowup::new()
                .content("Nog iets")
                .ephemeral(true),
        )
        .await
        .expect("followup");
    assert!(
        followup
            .flags
            .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL))
    );
    let followup = command
        .edit_followup(
            &http,
            followup.id,
            CreateInteractionResponseFollowup::new().content("Nog één ding"),
        )
        .await
        .expect("edit followup");
    assert_eq!(followup.content, "Nog één ding");
    command
        .delete_followup(&http, followup.id)
        .await
        .expect("delete followup");
    command
        .delete_response(&http)
        .await
        .expect("delete @original");

    // Deferred first, then the answer as an edit of @original.
    let deferred = crate::standin::interaction_slash(1, 2, 3, &[], 0, "export", json!([]));
    let Interaction::Command(deferred) = parse("slash", &deferred) else {
        panic!("not a command");
    };
    deferred.defer(&http).await.expect("defer");
    let late = deferred
        .edit_response(&http, EditInteractionResponse::new().content("Klaar"))
        .await
        .expect("edit after defer");
    assert_eq!(late.content, "Klaar");

    // A button click answered by updating the message it was on.
    let carrier = crate::standin::bot_message(crate::standin::CHANNEL_ID, "Klaar?", json!([]));
    let click = crate::standin::interaction_button(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        "answer:yes",
        carrier.clone(),
    );
    standin.dispatch("INTERACTION_CREATE", click.clone());
    let Interaction::Component(click) = parse("button", &click) else {
        panic!("not a component");
    };
    click
        .create_response(
            &http,
            CreateInteractionResponse::UpdateMessage(
                CreateInteractionResponseMessage::new().content("Ja, klaar"),
            ),
        )
        .await
        .expect("update message");
    let updated = standin
        .message(crate::standin::id_of(&carrier))
        .expect("updated message");
    assert_eq!(updated["content"], "Ja, klaar");
    let _: Message = parse("updated message", &updated);
}

#[tokio::test]
async fn wait_for_times_out_with_the_recorded_requests() {
    let standin = Arc::new(StandIn::start(TOKEN));
    standin.http().get_current_user().await.expect("users/@me");
    let waiting = Arc::clone(&standin);
    let outcome = tokio::spawn(async move {
        waiting
            .wait_for(|r| r.method == "DELETE", Duration::from_millis(200))
            .await
    })
    .await;
    let panic = outcome.expect_err("wait_for must panic").into_panic();
    let text = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(text.contains("GET /api/v10/users/@me"), "{text}");
}

/// Reads one HTTP/1.1 response (status and Content-Length body) off a raw connection.
async fn read_response(reader: &mut BufReader<tokio::net::TcpStream>) -> (u16, String) {
    let mut status_line = String::new();
    reader
        .read_line(&mut status_line)
        .await
        .expect("status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.expect("header");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().expect("length");
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.expect("body");
    (status, String::from_utf8(body).expect("UTF-8 body"))
}

#[tokio::test]
async fn http_keeps_connections_open_and_reads_chunked_bodies() {
    let standin = StandIn::start(TOKEN);
    let stream = tokio::net::TcpStream::connect(standin.rest_addr())
        .await
        .expect("connect");
    let mut reader = BufReader::new(stream);
    let auth = format!("Authorization: Bot {TOKEN}\r\n");

    // Two requests on one connection, the second with a chunked JSON body.
    let first = format!("GET /api/v10/users/@me HTTP/1.1\r\nHost: x\r\n{auth}\r\n");
    reader
        .get_mut()
        .write_all(first.as_bytes())
        .await
        .expect("write");
    let (status, body) = read_response(&mut reader).await;
    assert_eq!(status, 200);
    assert!(body.contains(crate::standin::BOT_USERNAME), "{body}");
    let chunked = format!(
        "POST /api/v10/channels/5/messages?x=1 HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\na\r\n{{\"content\"\r\n6\r\n:\"ok\"}}\r\n0\r\n\r\n"
    );
    reader
        .get_mut()
        .write_all(chunked.as_bytes())
        .await
        .expect("write");
    let (status, body) = read_response(&mut reader).await;
    assert_eq!(status, 200);
    let message: Message = parse(
        "chunked answer",
        &serde_json::from_str(&body).expect("JSON"),
    );
    assert_eq!(
        (message.content.as_str(), message.channel_id.get()),
        ("ok", 5)
    );

    // An unknown route: Discord's 404 shape; then `Connection: close` ends the connection.
    let last =
        format!("GET /api/v10/nothing/here HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n");
    reader
        .get_mut()
        .write_all(last.as_bytes())
        .await
        .expect("write");
    let (status, body) = read_response(&mut reader).await;
    assert_eq!(status, 404);
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("JSON"),
        json!({"message": "Unknown", "code": 0})
    );
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).await.expect("closed");
    assert!(rest.is_empty());

    let recorded = standin.requests();
    assert_eq!(recorded.len(), 3);
    assert_eq!(recorded[1].path, "/api/v10/channels/5/messages");
    assert_eq!(recorded[1].query, "x=1");
    assert_eq!(recorded[1].content(), Some("ok"));
}

async fn next_json<S>(ws: &mut S) -> Value
where
    S: futures::Stream<Item = Result<WsMessage, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let frame = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("a frame in time")
            .expect("connection open")
            .expect("a good frame");
        match frame {
            WsMessage::Text(text) => return serde_json::from_str(&text).expect("JSON frame"),
            WsMessage::Close(close) => panic!("closed: {close:?}"),
            _ => {}
        }
    }
}

async fn next_close<S>(ws: &mut S) -> CloseFrame<'static>
where
    S: futures::Stream<Item = Result<WsMessage, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        match tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("in time")
        {
            Some(Ok(WsMessage::Close(frame))) => return frame.expect("close frame"),
            Some(Ok(_)) => {}
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn gateway_speaks_the_protocol() {
    let standin = StandIn::start(TOKEN);
    let url = format!("{}?v=10&encoding=json", standin.gateway_url());

    // A wrong token is closed with 4004.
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    let hello = next_json(&mut ws).await;
    assert_eq!(hello["op"], 10);
    assert_eq!(hello["d"]["heartbeat_interval"], 45_000);
    ws.send(WsMessage::Text(json!({"op": 1, "d": null}).to_string()))
        .await
        .expect("heartbeat");
    assert_eq!(next_json(&mut ws).await["op"], 11);
    let identify = |token: &str| {
        WsMessage::Text(
            json!({"op": 2, "d": {"token": token, "intents": 513, "properties": {}}}).to_string(),
        )
    };
    ws.send(identify("Bot wrong")).await.expect("identify");
    assert_eq!(u16::from(next_close(&mut ws).await.code), 4004);

    // The right token: READY (s 1), GUILD_CREATE (s 2), then dispatches.
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    assert_eq!(next_json(&mut ws).await["op"], 10);
    ws.send(identify(&format!("Bot {TOKEN}")))
        .await
        .expect("identify");
    let ready = next_json(&mut ws).await;
    assert_eq!(
        (ready["t"].as_str(), ready["s"].as_u64()),
        (Some("READY"), Some(1))
    );
    let ready: Ready = parse("READY", &ready["d"]);
    assert_eq!(ready.resume_gateway_url, standin.gateway_url());
    let create = next_json(&mut ws).await;
    assert_eq!(
        (create["t"].as_str(), create["s"].as_u64()),
        (Some("GUILD_CREATE"), Some(2))
    );
    standin.wait_identified(1, WAIT).await;
    let hello_again = crate::standin::message_create(1, 2, 3, "x", "hoi");
    assert_eq!(standin.dispatch("MESSAGE_CREATE", hello_again), 1);
    let pushed = next_json(&mut ws).await;
    assert_eq!(
        (pushed["t"].as_str(), pushed["s"].as_u64()),
        (Some("MESSAGE_CREATE"), Some(3))
    );
    assert_eq!(pushed["d"]["content"], "hoi");
    assert_eq!(standin.gateway_received()[2]["d"]["intents"], 513);
    drop(ws);

    // RESUME of a known session: RESUMED continuing the sequence; unknown: INVALID_SESSION.
    let resume = |session: &str| {
        WsMessage::Text(
            json!({"op": 6, "d": {"token": format!("Bot {TOKEN}"), "session_id": session, "seq": 3}})
                .to_string(),
        )
    };
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    next_json(&mut ws).await;
    ws.send(resume(&ready.session_id)).await.expect("resume");
    let resumed = next_json(&mut ws).await;
    assert_eq!(
        (resumed["t"].as_str(), resumed["s"].as_u64()),
        (Some("RESUMED"), Some(4))
    );
    standin.close_sessions(4000);
    assert_eq!(u16::from(next_close(&mut ws).await.code), 4000);
    let (mut ws, _) = tokio_tungstenite::connect_async(&url)
        .await
        .expect("connect");
    next_json(&mut ws).await;
    ws.send(resume("no-such-session")).await.expect("resume");
    let invalid = next_json(&mut ws).await;
    assert_eq!(
        (invalid["op"].as_u64(), invalid["d"].as_bool()),
        (Some(9), Some(false))
    );
}

struct Handler {
    events: mpsc::UnboundedSender<String>,
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        self.events
            .send(format!("ready {}", ready.user.name))
            .expect("test still listening");
    }

    async fn message(&self, ctx: Context, msg: Message) {
        if msg.author.bot {
            return;
        }
        // The guild is in the cache only if GUILD_CREATE deserialised.
        let guild = msg
            .guild_id
            .and_then(|g| ctx.cache.guild(g).map(|g| g.name.clone()))
            .unwrap_or_default();
        self.events
            .send(format!("message {} in {guild}", msg.content))
            .expect("test still listening");
        msg.channel_id
            .say(&ctx.http, format!("pong: {}", msg.content))
            .await
            .expect("say");
    }
}

async fn next_event(events: &mut mpsc::UnboundedReceiver<String>, standin: &StandIn) -> String {
    match tokio::time::timeout(WAIT, events.recv()).await {
        Ok(Some(event)) => event,
        _ => panic!(
            "no event within {WAIT:?}; gateway received {:#?}; requests {:#?}",
            standin.gateway_received(),
            standin.requests()
        ),
    }
}

async fn stop(client_run: tokio::task::JoinHandle<serenity::Result<()>>, client: &ShardStopper) {
    client.0.shutdown_all().await;
    tokio::time::timeout(WAIT, client_run)
        .await
        .expect("client stops in time")
        .expect("client task")
        .expect("client ran without error");
}

struct ShardStopper(Arc<serenity::gateway::ShardManager>);

fn intents() -> GatewayIntents {
    GatewayIntents::GUILD_MESSAGES | GatewayIntents::MESSAGE_CONTENT | GatewayIntents::GUILDS
}

async fn start_client(
    http: serenity::http::Http,
) -> (
    ShardStopper,
    tokio::task::JoinHandle<serenity::Result<()>>,
    mpsc::UnboundedReceiver<String>,
) {
    let (events, received) = mpsc::unbounded_channel();
    let mut client: Client = ClientBuilder::new_with_http(http, intents())
        .event_handler(Handler { events })
        .await
        .expect("client");
    let stopper = ShardStopper(Arc::clone(&client.shard_manager));
    let run = tokio::spawn(async move { client.start().await });
    (stopper, run, received)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_client_connects_receives_and_answers() {
    let standin = StandIn::start(TOKEN);
    let (stopper, run, mut events) = start_client(standin.http()).await;

    assert_eq!(
        next_event(&mut events, &standin).await,
        format!("ready {}", crate::standin::BOT_USERNAME)
    );
    let identify = standin
        .gateway_received()
        .into_iter()
        .find(|f| f["op"] == 2)
        .expect("IDENTIFY");
    assert_eq!(identify["d"]["intents"].as_u64(), Some(intents().bits()));

    standin.dispatch(
        "MESSAGE_CREATE",
        crate::standin::message_create(
            crate::standin::GUILD_ID,
            crate::standin::CHANNEL_ID,
            crate::standin::USER_ID,
            "tester",
            "ping",
        ),
    );
    assert_eq!(
        next_event(&mut events, &standin).await,
        "message ping in Koers test"
    );
    let said: Recorded = standin
        .wait_for(
            |r| {
                r.is(
                    "POST",
                    &format!("/channels/{}/messages", crate::standin::CHANNEL_ID),
                ) && r.content() == Some("pong: ping")
            },
            WAIT,
        )
        .await;
    assert_eq!(said.status, 200);
    assert!(standin.requests().iter().any(|r| r.is("GET", "/gateway")));

    stop(run, &stopper).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_client_resumes_after_reconnect() {
    let standin = StandIn::start(TOKEN);
    let (stopper, run, mut events) = start_client(standin.http()).await;
    next_event(&mut events, &standin).await;

    standin.request_reconnect();
    let resumed = standin.wait_for_gateway(|f| f["op"] == 6, WAIT).await;
    assert_eq!(resumed["d"]["seq"], 2, "READY and GUILD_CREATE were seen");
    standin.dispatch(
        "MESSAGE_CREATE",
        crate::standin::message_create(
            crate::standin::GUILD_ID,
            crate::standin::CHANNEL_ID,
            crate::standin::USER_ID,
            "tester",
            "weer daar",
        ),
    );
    assert_eq!(
        next_event(&mut events, &standin).await,
        "message weer daar in Koers test"
    );
    assert_eq!(standin.identified(), 1, "resumed, not identified again");

    stop(run, &stopper).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_client_heartbeats_are_acknowledged() {
    let options = crate::standin::Options {
        heartbeat_interval: 50,
        ..Default::default()
    };
    let standin = StandIn::start_with(TOKEN, options);
    let (stopper, run, mut events) = start_client(standin.http()).await;
    next_event(&mut events, &standin).await;
    // serenity reconnects instead of beating again when a beat was not acknowledged.
    for beats in 1..=3 {
        standin
            .wait_for_gateway_count(|f| f["op"] == 1, beats, WAIT)
            .await;
    }
    let received = standin.gateway_received();
    assert!(
        !received.iter().any(|f| f["op"] == 6),
        "no RESUME: {received:#?}"
    );
    assert_eq!(standin.identified(), 1);
    stop(run, &stopper).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_client_with_a_wrong_token_stops() {
    let standin = StandIn::start(TOKEN);
    let wrong = serenity::http::HttpBuilder::new("the-wrong-token")
        .proxy(standin.rest_base())
        .ratelimiter_disabled(true)
        .build();
    let (_stopper, run, _events) = start_client(wrong).await;
    let outcome = tokio::time::timeout(WAIT, run)
        .await
        .expect("client gives up in time")
        .expect("client task");
    assert!(
        matches!(
            outcome,
            Err(serenity::Error::Gateway(
                serenity::gateway::GatewayError::InvalidAuthentication
            ))
        ),
        "{outcome:?}"
    );
    assert_eq!(standin.identified(), 0);
    assert!(standin.requests().iter().any(|r| r.is("GET", "/gateway")));
}

type PoiseError = Box<dyn std::error::Error + Send + Sync>;

/// Answers with Pong!
#[poise::command(slash_command)]
async fn ping(ctx: poise::Context<'_, (), PoiseError>) -> Result<(), PoiseError> {
    ctx.say("Pong!").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poise_slash_command_answers_through_the_callback() {
    let standin = StandIn::start(TOKEN);
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: vec![ping()],
            ..Default::default()
        })
        .setup(|ctx, _ready, framework| {
            Box::pin(async move {
                poise::builtins::register_globally(ctx, &framework.options().commands).await?;
                Ok(())
            })
        })
        .build();
    let mut client = ClientBuilder::new_with_http(standin.http(), intents())
        .framework(framework)
        .await
        .expect("client");
    let stopper = ShardStopper(Arc::clone(&client.shard_manager));
    let run = tokio::spawn(async move { client.start().await });

    let registered = standin
        .wait_for(
            |r| {
                r.is(
                    "PUT",
                    &format!("/applications/{}/commands", crate::standin::APPLICATION_ID),
                )
            },
            WAIT,
        )
        .await;
    let commands = registered.body.expect("commands");
    assert_eq!(commands[0]["name"], "ping");
    assert_eq!(commands[0]["description"], "Answers with Pong!");
    assert_eq!(standin.commands(None).len(), 1);

    let interaction = crate::standin::interaction_slash(
        crate::standin::GUILD_ID,
        crate::standin::CHANNEL_ID,
        crate::standin::USER_ID,
        &[crate::standin::ROLE_ID],
        0,
        "ping",
        json!([]),
    );
    standin.dispatch("INTERACTION_CREATE", interaction.clone());
    let path = format!(
        "/interactions/{}/{}/callback",
        crate::standin::id_of(&interaction),
        crate::standin::interaction_token(&interaction)
    );
    let answer = standin.wait_for(|r| r.is("POST", &path), WAIT).await;
    assert_eq!(answer.status, 204);
    assert_eq!(answer.body.as_ref().expect("body")["type"], 4);
    assert_eq!(answer.content(), Some("Pong!"));

    stop(run, &stopper).await;
}
