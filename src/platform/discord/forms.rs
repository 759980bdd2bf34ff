//! Forms: the goal form of `/doel nieuw` and the move-deadline form of a reminder's button, and
//! what their submits ask of the engine.

use anyhow::{Context as _, Result};
use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, CreateActionRow, CreateInteractionResponse};

use super::Data;
use super::answer::{Asked, Route, answer_interaction};
use super::ask::{ask, incoming};
use super::threads::place_of;
use crate::engine::{Body, Command, GoalCommand, GoalDraft};
use crate::prompts::Lang;

/// The five goal fields of the form: (custom id, prompt key, paragraph, required).
const GOAL_FIELDS: [(&str, &str, bool, bool); 5] = [
    ("text", "msg.discord.modal_text", true, true),
    ("deadline", "msg.discord.modal_deadline", false, false),
    ("owner", "msg.discord.modal_owner", false, false),
    ("baseline", "msg.discord.modal_baseline", false, false),
    ("target", "msg.discord.modal_target", false, false),
];

/// A form title or label: Discord takes at most 45 characters.
fn label(data: &Data, lang: Lang, key: &str) -> String {
    data.link
        .engine()
        .texts()
        .get(lang, key)
        .chars()
        .take(45)
        .collect()
}

/// Open the goal form.
pub(super) async fn goal_modal(
    data: &Data,
    http: &serenity::Http,
    interaction: &serenity::CommandInteraction,
    lang: Lang,
) -> Result<()> {
    let rows = GOAL_FIELDS
        .iter()
        .map(|(id, key, paragraph, required)| {
            let style = if *paragraph {
                serenity::InputTextStyle::Paragraph
            } else {
                serenity::InputTextStyle::Short
            };
            CreateActionRow::InputText(
                serenity::CreateInputText::new(style, label(data, lang, key), *id)
                    .required(*required),
            )
        })
        .collect();
    let title = label(data, lang, "msg.discord.modal_title");
    interaction
        .create_response(
            http,
            CreateInteractionResponse::Modal(
                serenity::CreateModal::new("goal-form", title).components(rows),
            ),
        )
        .await
        .context("goal form")
}

/// Open the move-deadline form for goal `n`.
pub(super) async fn move_modal(
    data: &Data,
    http: &serenity::Http,
    c: &ComponentInteraction,
    n: i64,
    lang: Lang,
) -> Result<()> {
    let field = |id: &str, key: &str| {
        CreateActionRow::InputText(serenity::CreateInputText::new(
            serenity::InputTextStyle::Short,
            label(data, lang, key),
            id,
        ))
    };
    let title = label(data, lang, "msg.discord.move_title");
    let modal = serenity::CreateModal::new(format!("move-form|{n}"), title).components(vec![
        field("date", "msg.discord.arg_datum"),
        field("reason", "msg.discord.arg_reden"),
    ]);
    c.create_response(http, CreateInteractionResponse::Modal(modal))
        .await
        .context("move form")
}

/// The text fields of a submitted form, by custom id.
fn form_values(m: &serenity::ModalInteraction) -> Vec<(String, String)> {
    m.data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .filter_map(|c| match c {
            serenity::ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

/// The move-deadline form: the same move command as typed; the engine decides who may.
fn move_body(m: &serenity::ModalInteraction, n: &str) -> Option<Body> {
    let values = form_values(m);
    let get = |id: &str| {
        values
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let n = n.parse::<i64>().ok()?;
    let reason = Some(get("reason")).filter(|r| !r.is_empty());
    Some(Body::Command(Command::Goal(GoalCommand::Move(
        n,
        get("date"),
        reason,
    ))))
}

fn goal_body(m: &serenity::ModalInteraction) -> Body {
    let mut draft = GoalDraft::default();
    for (id, value) in form_values(m) {
        match id.as_str() {
            "text" => draft.text = value,
            "deadline" => draft.deadline = value,
            "owner" => draft.owner = value,
            "baseline" => draft.baseline = value,
            "target" => draft.target = value,
            _ => {}
        }
    }
    Body::Goal(draft)
}

/// A submitted form: handed to the engine and answered.
pub(super) async fn on_modal(
    ctx: &serenity::Context,
    data: &Data,
    m: &serenity::ModalInteraction,
) -> Result<()> {
    let asked = Asked::Modal(m);
    let body = match m.data.custom_id.strip_prefix("move-form|") {
        Some(n) => move_body(m, n),
        None if m.data.custom_id == "goal-form" => Some(goal_body(m)),
        None => None,
    };
    let Some(body) = body else {
        tracing::info!(id = m.data.custom_id, "a form koers cannot read");
        return answer_interaction(&ctx.http, asked, &[], &Route::here(m.channel_id)).await;
    };
    let place = place_of(&ctx.cache, m.guild_id, data, m.channel_id).await?;
    let replies = ask(data, incoming(data, asked, &place, body)).await;
    answer_interaction(&ctx.http, asked, &replies, &Route::here(m.channel_id)).await
}
