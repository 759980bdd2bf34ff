//! Logging in: with `MATRIX_ACCESS_TOKEN` as is, or with `MATRIX_PASSWORD` on the device koers
//! used before (its id is kept in the database, so a restart stays the same device and a
//! reminder resent with the same transaction id is still recognised by the homeserver).

use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::config::RequestConfig;
use matrix_sdk::ruma::api::client::discovery::get_supported_versions;
use matrix_sdk::ruma::{OwnedDeviceId, OwnedUserId};
use matrix_sdk::store::RoomLoadSettings;
use matrix_sdk::{Client, SessionMeta, SessionTokens};

use super::{Options, PLATFORM};
use crate::platform::kit::Link;

/// A logged-in client and koers' own user id.
pub(super) async fn connect(link: &Link, options: &Options) -> Result<(Client, String)> {
    let client = reach(options).await?;
    let stored = link
        .store(|s| s.get_platform_state(PLATFORM, "device_id"))
        .await?;
    if let Some(token) = &options.access_token {
        restore(&client, options, token).await?;
    } else if let Some(password) = &options.password {
        let mut login = client
            .matrix_auth()
            .login_username(&options.user, password)
            .initial_device_display_name("koers");
        if let Some(device) = &stored {
            login = login.device_id(device);
        }
        login
            .send()
            .await
            .context("the homeserver refused the login with MATRIX_PASSWORD")?;
    } else {
        bail!(
            "set MATRIX_PASSWORD (or MATRIX_ACCESS_TOKEN) in the environment for the Matrix \
             account in matrix_user (see README)"
        );
    }
    let me = remember(link, &client).await?;
    Ok((client, me))
}

/// The client for the homeserver, once it answers.
async fn reach(options: &Options) -> Result<Client> {
    let client = Client::builder()
        .homeserver_url(&options.homeserver)
        // Network failures and M_LIMIT_EXCEEDED are retried by the SDK, rate limits after the
        // delay the server asks for.
        .request_config(
            RequestConfig::new()
                .retry_limit(8)
                .timeout(Duration::from_mins(1)),
        )
        .build()
        .await
        .context("cannot set up the Matrix client (is matrix_homeserver a valid URL?)")?;
    // A wrong URL or a homeserver that is down should fail at once with a clear message, not
    // after minutes of the SDK's network retries.
    client
        .send(get_supported_versions::Request::new())
        .with_request_config(
            RequestConfig::new()
                .retry_limit(1)
                .timeout(Duration::from_secs(15)),
        )
        .await
        .with_context(|| {
            format!(
                "cannot reach the Matrix homeserver at {} (matrix_homeserver)",
                options.homeserver
            )
        })?;
    Ok(client)
}

/// Use `MATRIX_ACCESS_TOKEN` as is. The token names its user and device: a probe asks the
/// server which they are.
async fn restore(client: &Client, options: &Options, token: &str) -> Result<()> {
    let probe = Client::builder()
        .homeserver_url(&options.homeserver)
        .build()
        .await
        .context("cannot set up the Matrix client")?;
    let user_id = full_user_id(&options.user, &options.homeserver)?
        .try_into()
        .context("matrix_user is not a valid user id")?;
    probe
        .matrix_auth()
        .restore_session(
            session(user_id, "KOERS".into(), token),
            RoomLoadSettings::default(),
        )
        .await
        .context("cannot use MATRIX_ACCESS_TOKEN")?;
    let who = probe
        .whoami()
        .await
        .context("the homeserver did not accept MATRIX_ACCESS_TOKEN")?;
    let device_id = who
        .device_id
        .context("MATRIX_ACCESS_TOKEN belongs to no device; use a user's access token")?;
    client
        .matrix_auth()
        .restore_session(
            session(who.user_id, device_id, token),
            RoomLoadSettings::default(),
        )
        .await
        .context("cannot use MATRIX_ACCESS_TOKEN")
}

fn session(user_id: OwnedUserId, device_id: OwnedDeviceId, token: &str) -> MatrixSession {
    MatrixSession {
        meta: SessionMeta { user_id, device_id },
        tokens: SessionTokens {
            access_token: token.to_string(),
            refresh_token: None,
        },
    }
}

/// Keep the session's user and device, so the next start logs in on the same device; koers'
/// own user id.
async fn remember(link: &Link, client: &Client) -> Result<String> {
    let meta = client
        .session_meta()
        .context("the Matrix login gave no session")?
        .clone();
    let (user_id, device_id) = (meta.user_id.to_string(), meta.device_id.to_string());
    let stored_user = user_id.clone();
    link.store(move |s| {
        s.set_platform_state(PLATFORM, "user_id", &stored_user)?;
        s.set_platform_state(PLATFORM, "device_id", &device_id)
    })
    .await?;
    Ok(user_id)
}

/// `koers` on `https://matrix.example.org` is `@koers:matrix.example.org`; a full id stays.
fn full_user_id(user: &str, homeserver: &str) -> Result<String> {
    if user.starts_with('@') {
        return Ok(user.to_string());
    }
    let host = homeserver
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .filter(|h| !h.is_empty())
        .context("matrix_homeserver has no host")?;
    Ok(format!("@{user}:{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_part_becomes_a_user_id_on_the_homeserver() {
        assert_eq!(
            full_user_id("koers", "https://matrix.example.org/").unwrap(),
            "@koers:matrix.example.org"
        );
        assert_eq!(
            full_user_id("@koers:example.org", "https://matrix.example.org").unwrap(),
            "@koers:example.org"
        );
        assert!(full_user_id("koers", "https://").is_err());
    }
}
