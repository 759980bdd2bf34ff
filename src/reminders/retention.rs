//! Retention on chat platforms: once a day (from the start of `koers run`) the teams of the
//! scheduler's platform are swept ([`crate::engine::Engine::retention_sweep`]). Warnings and
//! the farewells of deleted teams go out through the same [`Delivery`] as reminders; a team is
//! marked warned once its warning is delivered, or when its space is gone for good (then no
//! one is left to warn), so a warning that failed for a passing reason comes again next day.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use super::{Delivery, DeliveryError};
use crate::engine::{Engine, Reply, Sweep, TeamKey};
use crate::store::Db;

/// How often one message of a sweep waits out a rate limit before it is left to the next sweep.
const RATE_LIMIT_TRIES: usize = 5;

/// Time between two sweeps.
pub const EVERY: Duration = Duration::from_hours(24);

/// Sweep now and then once a day, for ever (the scheduler aborts it when it stops).
pub(super) async fn daily(engine: Arc<Engine>, db: Db, delivery: Arc<dyn Delivery>) {
    loop {
        if let Err(e) = sweep(&engine, &db, delivery.as_ref()).await {
            tracing::error!(error = format!("{e:#}"), "retention sweep failed");
        }
        tokio::time::sleep(EVERY).await;
    }
}

/// One sweep of `delivery`'s platform: remove what is due, then deliver the farewells and
/// warnings. Returns what the sweep found.
pub async fn sweep(engine: &Arc<Engine>, db: &Db, delivery: &dyn Delivery) -> Result<Sweep> {
    let (e, d, platform) = (
        Arc::clone(engine),
        db.clone(),
        delivery.platform().to_string(),
    );
    let found = tokio::task::spawn_blocking(move || e.retention_sweep(&d, &platform))
        .await
        .context("the retention task failed")??;
    for gone in &found.deleted {
        if let Err(e) = deliver_paced(delivery, &gone.team, &gone.reply, &gone.key).await {
            tracing::warn!(team = gone.team_id, error = %e, "could not post a deleted team's farewell");
        }
    }
    for warning in &found.warnings {
        let delivered = deliver_paced(delivery, &warning.team, &warning.reply, &warning.key).await;
        match delivered {
            Ok(()) | Err(DeliveryError::Permanent(_)) => {
                let (e, d, id) = (Arc::clone(engine), db.clone(), warning.team_id);
                tokio::task::spawn_blocking(move || e.mark_warned(&d, id))
                    .await
                    .context("the retention task failed")??;
            }
            Err(e @ (DeliveryError::Transient(_) | DeliveryError::RateLimited(_))) => {
                tracing::warn!(
                    team = warning.team_id,
                    error = format!("{e:#}"),
                    "retention warning not delivered; tried again tomorrow"
                );
            }
        }
    }
    Ok(found)
}

/// Deliver one message, waiting out the platform's rate limit as often as it asks (a few times
/// at most): a sweep's messages are few, and a warning put off to tomorrow for a 429 would be
/// a day late for nothing.
async fn deliver_paced(
    delivery: &dyn Delivery,
    team: &TeamKey,
    reply: &Reply,
    key: &str,
) -> Result<(), DeliveryError> {
    for _ in 0..RATE_LIMIT_TRIES {
        match delivery.deliver(team, reply, key).await {
            Err(DeliveryError::RateLimited(wait)) => tokio::time::sleep(wait).await,
            other => return other,
        }
    }
    Err(DeliveryError::Transient(anyhow::anyhow!(
        "still rate limited after {RATE_LIMIT_TRIES} tries"
    )))
}
