//! Tests of the stand-in's REST answers through serenity's own `Http`: the bot's REST calls,
//! interaction responses and follow-ups, overrides and Discord-shaped errors.

use serde_json::json;
use serenity::all::{
    Channel, ChannelId, Command, CreateAttachment, CreateButton, CreateCommand, CreateEmbed,
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage, EditInteractionResponse, EditMessage, GuildId, Interaction, Message,
    MessageFlags, RoleId, UserId,
};

use super::{TOKEN, WAIT, parse};
use crate::standin::StandIn;

fn http_status(result: serenity::Result<impl std::fmt::Debug>) -> (u16, isize, String) {
    match result {
        Err(serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(e))) => {
            (e.status_code.as_u16(), e.error.code, e.error.message)
        }
        other => panic!("expected an unsuccessful request, got {other:?}"),
    }
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
