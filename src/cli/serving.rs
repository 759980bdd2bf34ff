//! Serving: `koers run` serves every configured platform (and the web page) at once, `koers
//! serve` the web page alone, each until it stops.

use std::sync::Arc;

use anyhow::{Context, Result};

use crate::config::Config;
use crate::engine::Engine;
use crate::store::Db;

/// `koers serve`: the web page alone, until the process is stopped.
pub(super) fn serve_web(engine: Arc<Engine>, db: Db, address: &str) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = crate::web::bind(address).await?;
        let addr = listener.local_addr().context("the web page's address")?;
        // Operators and tests read where it listens (port 0 picks one) from this line.
        println!("koers serve: listening on http://{addr}");
        std::io::Write::flush(&mut std::io::stdout()).context("cannot write to stdout")?;
        crate::web::serve(listener, engine, db).await
    })
}

/// An environment variable that is set and not blank (tokens and passwords).
#[cfg(any(feature = "discord", feature = "matrix"))]
fn secret_env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.trim().is_empty())
}

/// Serve every configured platform at once; the first to stop for good stops koers.
#[cfg_attr(
    not(any(feature = "discord", feature = "matrix")),
    allow(unused_variables, unused_mut)
)]
pub(super) fn serve(engine: Arc<Engine>, db: Db, config: &Config) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let mut platforms = tokio::task::JoinSet::new();
        // The web page first: a taken port stops koers before it contacts any platform.
        if config.web_enabled {
            let listener = crate::web::bind(&config.web_address).await?;
            let (engine, db) = (Arc::clone(&engine), db.clone());
            platforms.spawn(async move { crate::web::serve(listener, engine, db).await });
        }
        #[cfg(feature = "discord")]
        if let Some(token) = secret_env("DISCORD_TOKEN") {
            let options = crate::platform::discord::Options {
                token,
                api_base: config.discord_api_base.clone(),
                manager_role: config.discord_manager_role,
                guild: config.discord_guild,
                message_content: config.discord_message_content,
            };
            let (engine, db) = (Arc::clone(&engine), db.clone());
            platforms.spawn(async move {
                crate::platform::discord::run(engine, db, options)
                    .await
                    .context("Discord")
            });
        }
        #[cfg(feature = "matrix")]
        if let Some(homeserver) = config.matrix_homeserver.clone() {
            let options = crate::platform::matrix::Options {
                homeserver,
                user: config.matrix_user.clone().unwrap_or_default(),
                password: secret_env("MATRIX_PASSWORD"),
                access_token: secret_env("MATRIX_ACCESS_TOKEN"),
                allowed_inviters: config.matrix_allowed_inviters.clone(),
                manager_level: config.matrix_manager_level,
                managers: config.matrix_managers.clone(),
            };
            let (engine, db) = (Arc::clone(&engine), db.clone());
            platforms.spawn(async move {
                crate::platform::matrix::run(engine, db, options)
                    .await
                    .context("Matrix")
            });
        }
        match platforms.join_next().await {
            Some(ended) => ended.context("a platform task failed")?,
            None => anyhow::bail!("{}", nothing_to_serve()),
        }
    })
}

/// Why `koers run` has nothing to do, for this build's platforms.
fn nothing_to_serve() -> &'static str {
    if cfg!(all(feature = "discord", feature = "matrix")) {
        "nothing to serve: set DISCORD_TOKEN for Discord, or matrix_homeserver and matrix_user \
         (config or KOERS_MATRIX_*) with MATRIX_PASSWORD for Matrix (see README)"
    } else if cfg!(feature = "discord") {
        "set DISCORD_TOKEN to the bot token of your Discord application (see README); for \
         Matrix, build with `--features matrix`"
    } else if cfg!(feature = "matrix") {
        "set matrix_homeserver and matrix_user (config or KOERS_MATRIX_*) and MATRIX_PASSWORD \
         (see README); for Discord, build with `--features discord`"
    } else {
        "this koers was built without a chat platform; build it with `--features discord` or \
         `--features matrix` (see README), or use `koers chat`"
    }
}
