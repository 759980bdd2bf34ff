//! The command line: `koers chat`, `run`, `serve` (their serving in `cli/serving.rs`), `score`,
//! `export` (`cli/export.rs`) and `admin` (`cli/admin.rs`).

pub mod admin;
pub mod admin_person;
pub mod export;
mod serving;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::engine::{Clock, Engine, OffsetClock, Settings, SystemClock};
use crate::platform::{display_name, terminal};
use crate::prompts::Lang;
use crate::store::{Db, Lease, Options};
use serving::{serve, serve_web};

/// koers — coaching for data-driven audience work (Stappenplan: aan de slag met publieksdata).
#[derive(Debug, Parser)]
#[command(name = "koers", version, about)]
pub struct Cli {
    /// Config file (default: ./config.toml when present, or `KOERS_CONFIG`).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: CliCommand,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Talk to koers in this terminal, on a local `SQLite` file. No account, no token.
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
        /// `SQLite` database file (default from config: koers.sqlite).
        #[arg(long)]
        db: Option<PathBuf>,
        /// Pretend it is this moment (RFC 3339, e.g. 2027-06-30T09:00:00+02:00) and let time
        /// run on from there: see deadlines pass and reminders fire without waiting.
        #[arg(long, value_parser = parse_now)]
        now: Option<jiff::Timestamp>,
    },
    /// Serve teams on chat platforms: Discord with `DISCORD_TOKEN` set (a build with
    /// `--features discord`), Matrix with `matrix_homeserver` configured (`--features matrix`).
    Run {
        /// Pretend it is this moment (RFC 3339) and let time run on from there.
        #[arg(long, value_parser = parse_now)]
        now: Option<jiff::Timestamp>,
        /// `SQLite` database file (default from config: koers.sqlite).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// Serve the teams' private web pages (`/link` makes a team's link) on the local database,
    /// without a chat platform: for teams that use `koers chat`. Stops with Ctrl-C.
    Serve {
        /// `SQLite` database file (default from config: koers.sqlite).
        #[arg(long)]
        db: Option<PathBuf>,
        /// Where to listen, host:port (default from config: `web_address`, 127.0.0.1:8088);
        /// port 0 takes a free one. The address is printed once it listens.
        #[arg(long)]
        address: Option<String>,
    },
    /// Write a team's plan as Markdown (what /export gives), JSON (docs/export-json.md), a
    /// printable HTML report or a PNG picture (PNG needs --out).
    /// Reads the database read-only; it may run beside `koers run`.
    Export {
        /// The team's name (for Discord and Matrix: the channel's or room's name, or its id).
        #[arg(long)]
        team: String,
        /// The team's platform, when teams on several platforms have the name.
        #[arg(long, value_enum)]
        platform: Option<export::Platform>,
        /// `SQLite` database file (default from config: koers.sqlite).
        #[arg(long)]
        db: Option<PathBuf>,
        /// md, json, html or png.
        #[arg(long, value_enum)]
        format: export::Format,
        /// File to write (default: stdout; png needs one).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Date the export at this moment (RFC 3339) instead of now.
        #[arg(long, value_parser = parse_now)]
        now: Option<jiff::Timestamp>,
    },
    /// Operators' tasks on the database file (`koers admin delete-team|export-person|forget-person …`).
    Admin {
        /// What to do.
        #[command(subcommand)]
        command: admin::AdminCommand,
    },
    /// Score a goal against SMART and print what is missing.
    Score {
        /// Language of the explanations: nl or en.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// The day to resolve relative deadlines against (YYYY-MM-DD; default: today in the
        /// configured time zone).
        #[arg(long)]
        today: Option<jiff::civil::Date>,
        /// Print one JSON object instead of an explanation.
        #[arg(long)]
        json: bool,
        /// The goal, e.g. "Het aantal bezoekers uit Utrecht met 10% verhogen vóór december 2027".
        goal: String,
    },
}

fn parse_now(s: &str) -> Result<jiff::Timestamp, String> {
    s.parse::<jiff::Timestamp>().map_err(|e| {
        format!("{s:?} is not an RFC 3339 moment such as 2027-06-30T09:00:00+02:00: {e}")
    })
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
        CliCommand::Run { now, db } => {
            let db_path = db.unwrap_or_else(|| config.db_path.clone());
            // Held until `serve` returns; the kernel drops it if the process dies.
            let _lease = lease(&db_path)?;
            let (engine, db) = open(&config, Some(db_path), now, config.web_enabled)?;
            serve(engine, db, &config)
        }
        CliCommand::Admin { command } => admin::run(command, &config),
        CliCommand::Serve { db, address } => {
            let (engine, db) = open(&config, db, None, true)?;
            let address = address.unwrap_or_else(|| config.web_address.clone());
            serve_web(engine, db, &address)
        }
        CliCommand::Score {
            lang,
            today,
            json,
            goal,
        } => score(&config, lang, today, json, &goal),
        CliCommand::Export {
            team,
            platform,
            db,
            format,
            out,
            now,
        } => {
            let request = export::Request {
                team,
                platform,
                db: db.unwrap_or_else(|| config.db_path.clone()),
                format,
                out,
                now,
            };
            export::run(&request, settings(&config, false))
        }
        CliCommand::Chat {
            team,
            user,
            lang,
            db,
            now,
        } => {
            let db_path = db.unwrap_or_else(|| config.db_path.clone());
            // `/plaatje` writes the picture next to the database: a place the user chose.
            let pictures = db_path.parent().map(Path::to_path_buf).unwrap_or_default();
            // `/link` gives a link for `koers serve` to open.
            let (engine, db) = open(&config, Some(db_path), now, true)?;
            // Shown by the name given, else the login name; "ik" (me) when neither is usable.
            let user = display_name([user.as_deref(), env("USER").as_deref()], "ik");
            let session = terminal::Session {
                team,
                user,
                lang,
                prompt: std::io::stdin().is_terminal(),
                pictures,
            };
            terminal::run(
                &engine,
                &db,
                &session,
                Box::new(std::io::BufReader::new(std::io::stdin())),
                &mut std::io::stdout().lock(),
                &mut std::io::stderr(),
            )
            .context("the terminal conversation stopped")
        }
    }
}

/// `koers score`: a goal scored against SMART, explained or as JSON.
fn score(
    config: &Config,
    lang: Option<Lang>,
    today: Option<jiff::civil::Date>,
    json: bool,
    goal: &str,
) -> Result<()> {
    let engine = Engine::new(Box::new(SystemClock), settings(config, false))?;
    let lang = lang.unwrap_or(config.default_lang);
    let today = match today {
        Some(d) => d,
        None => jiff::Timestamp::now()
            .in_tz(&config.default_timezone)
            .context("the configured time zone is unknown")?
            .date(),
    };
    let report = crate::engine::score_report(engine.texts(), lang, goal, today);
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        let score = crate::scoring::smart::score_goal(goal, today);
        println!(
            "{}",
            crate::engine::explain_alone(engine.texts(), lang, &score)
        );
    }
    Ok(())
}

/// The lease of `koers run` on its database, taken before the database is opened and before
/// any platform is contacted, so a second bot on the same file stops at once. An in-memory
/// database is private to the process and needs none.
fn lease(db: &Path) -> Result<Option<Lease>> {
    if db.as_os_str().is_empty() || db == Path::new(":memory:") {
        return Ok(None);
    }
    Lease::acquire(db).map(Some)
}

/// How the database file is opened, from the config: one place, so the bot and the admin
/// tasks open it alike.
fn store_options(config: &Config) -> Options {
    Options {
        sync: config.sync,
        busy_timeout_ms: config.busy_timeout_ms,
        max_page_count: config.store_max_page_count,
    }
}

/// The database (from `--db` or the config) and the engine with its clock (`--now` or real);
/// with `web`, `/link` gives out links to the web page.
fn open(
    config: &Config,
    db: Option<PathBuf>,
    now: Option<jiff::Timestamp>,
    web: bool,
) -> Result<(Arc<Engine>, Db)> {
    let db_path = db.unwrap_or_else(|| config.db_path.clone());
    let db = Db::open(&db_path, &store_options(config))?;
    let clock: Box<dyn Clock> = match now {
        Some(start) => Box::new(OffsetClock::new(start)),
        None => Box::new(SystemClock),
    };
    Ok((Arc::new(Engine::new(clock, settings(config, web))?), db))
}

fn settings(config: &Config, web: bool) -> Settings {
    Settings {
        max_answer_chars: config.max_answer_chars,
        default_lang: config.default_lang,
        default_timezone: config.default_timezone.clone(),
        retention_days: config.retention_days,
        web_base: web.then(|| config.web_base()),
    }
}
