//! The command line: `koers chat` (and later `run`, `score`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::engine::{Engine, Settings, SystemClock};
use crate::platform::terminal;
use crate::prompts::Lang;
use crate::store::{Db, Options};

/// koers — coaching for data-driven audience work (Stappenplan: aan de slag met publieksdata).
#[derive(Debug, Parser)]
#[command(name = "koers", version, about)]
pub struct Cli {
    /// Config file (default: ./config.toml when present, or KOERS_CONFIG).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: CliCommand,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Talk to koers in this terminal, on a local SQLite file. No account, no token.
    Chat {
        /// Team name: each team has its own conversation.
        #[arg(long, default_value = "team")]
        team: String,
        /// Your name, recorded with your answers (default: $USER).
        #[arg(long)]
        user: Option<String>,
        /// Language: nl or en.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// SQLite database file (default from config: koers.sqlite).
        #[arg(long)]
        db: Option<PathBuf>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("{s:?} is not a language koers speaks (nl, en)"))
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("koers: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // A second initialisation (tests) is harmless; ignore it explicitly.
    if tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init()
        .is_err()
    {
        tracing::debug!("logging was already set up");
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let env = |k: &str| std::env::var(k).ok();
    let config = Config::load(cli.config.as_deref(), &env)?;
    init_logging(&config.log);
    match cli.command {
        CliCommand::Chat {
            team,
            user,
            lang,
            db,
        } => {
            let db_path = db.unwrap_or_else(|| config.db_path.clone());
            let db = Db::open(
                &db_path,
                &Options {
                    sync: config.sync,
                    busy_timeout_ms: config.busy_timeout_ms,
                },
            )?;
            let engine = Arc::new(Engine::new(Box::new(SystemClock), settings(&config))?);
            let user = user
                .or_else(|| env("USER"))
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| "ik".into());
            let session = terminal::Session {
                team,
                user,
                lang,
                prompt: std::io::stdin().is_terminal(),
            };
            let stdin = std::io::stdin();
            terminal::run(
                &engine,
                &db,
                &session,
                &mut stdin.lock(),
                &mut std::io::stdout().lock(),
                &mut std::io::stderr(),
            )
            .context("the terminal conversation stopped")
        }
    }
}

fn settings(config: &Config) -> Settings {
    Settings {
        max_answer_chars: config.max_answer_chars,
        default_lang: config.default_lang,
        default_timezone: config.default_timezone.clone(),
    }
}
