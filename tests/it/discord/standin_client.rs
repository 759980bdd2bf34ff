//! Tests with a real serenity client and poise framework against the stand-in: connect, receive
//! and answer, resume after a reconnect, heartbeats acknowledged, a wrong token stops it, and a
//! poise slash command answered through the callback.

use std::sync::Arc;

use serde_json::json;
use serenity::all::{Client, ClientBuilder, Context, EventHandler, GatewayIntents, Message, Ready};
use tokio::sync::mpsc;

use super::{TOKEN, WAIT};
use crate::standin::{Recorded, StandIn};

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
