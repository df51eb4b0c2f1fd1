//! `hromada`: one binary that runs the server, the demo, migrations and the
//! service-definition tools. Only start-up lives here; everything else is in
//! the library crates.

mod backup;
mod config;
mod demo;
mod documents;
mod generate;
mod places;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};
use config::{LogFormat, Overrides, Settings};
use hromada_domain::clock::{Clock, SystemClock};
use hromada_domain::definition::{Severity, parse_definition};
use hromada_domain::place::Community;
use hromada_store::{ImportOutcome, Store, redact_url};
use hromada_web::Tr;

#[derive(Debug, Parser)]
#[command(name = "hromada", version, about = "Public services of a community (hromada) or a region, online.")]
struct Cli {
    /// Configuration file [default: ./hromada.toml, if present]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Log format
    #[arg(long, global = true, value_enum)]
    log_format: Option<LogFormat>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args, Default, Clone)]
struct ServerArgs {
    /// Address to listen on [default: 127.0.0.1:8080; env HROMADA_LISTEN]
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Folder for the SQLite database and files [default: ./data; env HROMADA_DATA_DIR]
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER@HOST/DB [default: SQLite in the data dir; env HROMADA_DATABASE_URL]
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
}

#[derive(Debug, clap::Args, Clone)]
struct DemoArgs {
    #[command(flatten)]
    server: ServerArgs,
    /// Made-up applications over the last two years, with their decisions and documents, made before serving (0 for none; a second run tops up to N, never beyond)
    #[arg(long, value_name = "N", default_value_t = generate::DEFAULT_APPLICATIONS)]
    applications: u64,
    /// Seed of the made-up applications' random draw
    #[arg(long, value_name = "NUMBER", default_value_t = generate::DEFAULT_SEED)]
    seed: u64,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Set up a new installation: its name, its public address and its first administrator (asks for what is not given)
    Init(InitArgs),
    /// Run the server (no demo data)
    Serve(ServerArgs),
    /// Run the server with the demo installation: eight oblasts, their communities, the demo services and two years of applications
    Demo(DemoArgs),
    /// Create or update the database schema, then exit
    Migrate(ServerArgs),
    /// Check and import service definition files
    #[command(subcommand)]
    Services(ServicesCommand),
    /// Regions and communities
    #[command(subcommand)]
    Places(PlacesCommand),
    /// Check the audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Manage administrators
    #[command(subcommand)]
    Admin(AdminCommand),
    /// The communities' signing keys for documents
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Check issued documents
    #[command(subcommand)]
    Document(DocumentCommand),
    /// Back up the database, the uploads and the sealed signing keys into a new folder, while the server runs
    Backup(BackupArgs),
    /// Restore a backup onto an empty data folder and an empty database
    Restore(RestoreArgs),
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// A new (or empty) folder to write the backup into
    #[arg(value_name = "DEST", required = true)]
    dest: Option<PathBuf>,
    /// Language of the messages, uk or en [default: from LC_ALL, LC_MESSAGES or LANG; Ukrainian unless English]
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    #[command(flatten)]
    server: ServerArgs,
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// Check a backup against its manifest: every file's size and SHA-256; exit 1 naming the first bad file
    Verify {
        /// The backup's folder
        #[arg(value_name = "SRC")]
        src: PathBuf,
        /// Language of the messages, uk or en [default: from LC_ALL, LC_MESSAGES or LANG; Ukrainian unless English]
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
struct RestoreArgs {
    /// The backup's folder (made by `hromada backup`)
    #[arg(value_name = "SRC")]
    src: PathBuf,
    /// Language of the messages, uk or en [default: from LC_ALL, LC_MESSAGES or LANG; Ukrainian unless English]
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    #[command(flatten)]
    server: ServerArgs,
}

#[derive(Debug, clap::Args, Clone)]
struct InitArgs {
    /// The installation's name, in Ukrainian (as residents see it)
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// The installation's name in English [default: the Ukrainian name]
    #[arg(long, value_name = "TEXT")]
    name_en: Option<String>,
    /// The address residents reach it at: https://HOST
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// The e-mail address of its first administrator
    #[arg(long, value_name = "ADDRESS")]
    admin_email: Option<String>,
    #[command(flatten)]
    server: ServerArgs,
}

#[derive(Debug, Subcommand)]
enum PlacesCommand {
    /// Create or update the regions (O, K) and communities (H) of Minregion's codifier (КАТОТТГ), saved as CSV: all or nothing
    Import {
        /// The codifier as CSV: UTF-8 or Windows-1251, separated by ; , or tab, as Minregion and data.gov.ua publish it
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Check the file and count what would be added and changed, writing nothing
        #[arg(long)]
        dry_run: bool,
        /// Language of the messages, uk or en [default: from LC_ALL, LC_MESSAGES or LANG; Ukrainian unless English]
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        #[command(flatten)]
        server: ServerArgs,
    },
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Make a new signing key for a community; the old one retires but still verifies its documents
    Rotate {
        /// The community's slug
        #[arg(long, value_name = "SLUG")]
        community: String,
        #[command(flatten)]
        server: ServerArgs,
    },
    /// List every community's keys, in use and retired
    List(ServerArgs),
}

#[derive(Debug, Subcommand)]
enum DocumentCommand {
    /// Check a document offline; exit 0 only if it is genuine and in force (1 if not, 2 if it cannot be checked)
    Verify {
        /// The installation's public keys, saved from /.well-known/hromada-keys.json
        #[arg(long, value_name = "FILE")]
        keys: PathBuf,
        /// The URL the QR code holds, or its payload (the d= part)
        #[arg(value_name = "PAYLOAD_OR_URL")]
        document: String,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Invite an administrator: prints the link with which they set a password and a second factor
    Create {
        /// Their e-mail address
        #[arg(long)]
        email: String,
        /// Administer this region (oblast) [role regional_admin]
        #[arg(long, value_name = "SLUG", conflicts_with_all = ["community", "installation"], required_unless_present_any = ["community", "installation"])]
        region: Option<String>,
        /// Administer the whole installation: its regions and their administrators [role installation_admin]
        #[arg(long, conflicts_with = "community")]
        installation: bool,
        /// Administer this community [role community_admin]
        #[arg(long, value_name = "SLUG")]
        community: Option<String>,
        #[command(flatten)]
        server: ServerArgs,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check the audit trail's hash chain; if broken, name the first row changed, removed or inserted and exit 1
    Verify(ServerArgs),
}

#[derive(Debug, Subcommand)]
enum ServicesCommand {
    /// Report every mistake in definition files (file:line:column); exit 1 if any
    Validate {
        /// Files, or folders whose *.toml files to check
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Store definitions as new versions (all or nothing); cases keep the version they started with
    Import {
        /// Files, or folders whose *.toml files to import
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Offer the services in this community (repeatable) [default: every community]
        #[arg(long = "community", value_name = "SLUG")]
        communities: Vec<String>,
        #[command(flatten)]
        server: ServerArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let server_args = match &cli.command {
        Command::Serve(a)
        | Command::Init(InitArgs { server: a, .. })
        | Command::Demo(DemoArgs { server: a, .. })
        | Command::Migrate(a)
        | Command::Audit(AuditCommand::Verify(a)) => a.clone(),
        Command::Services(ServicesCommand::Import { server, .. })
        | Command::Admin(AdminCommand::Create { server, .. })
        | Command::Places(PlacesCommand::Import { server, .. }) => server.clone(),
        Command::Services(ServicesCommand::Validate { .. })
        | Command::Document(_)
        | Command::Backup(BackupArgs { command: Some(BackupCommand::Verify { .. }), .. }) => ServerArgs::default(),
        Command::Backup(BackupArgs { server, .. }) | Command::Restore(RestoreArgs { server, .. }) => server.clone(),
        Command::Keys(KeysCommand::Rotate { server, .. }) | Command::Keys(KeysCommand::List(server)) => server.clone(),
    };
    // Offline: needs no configuration, no database.
    if let Command::Document(DocumentCommand::Verify { keys, document }) = &cli.command {
        let today = hromada_domain::clock::kyiv_time(time::OffsetDateTime::now_utc()).date();
        let checked = documents::verify(keys, document, today);
        if checked.code == 2 {
            eprintln!("hromada: {}", checked.text);
        } else {
            println!("{}", checked.text);
        }
        return ExitCode::from(checked.code);
    }
    let overrides = Overrides {
        config: cli.config.clone(),
        listen: server_args.listen,
        data_dir: server_args.data_dir,
        database_url: server_args.database_url,
        log_format: cli.log_format,
    };
    let settings = match Settings::load(&overrides, &|k| std::env::var(k).ok()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("hromada: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(&settings);

    if let Command::Services(ServicesCommand::Validate { paths }) = &cli.command {
        return validate(paths);
    }
    // Reads only the backup's folder.
    if let Command::Backup(BackupArgs { command: Some(BackupCommand::Verify { src, lang }), .. }) = &cli.command {
        let (i18n, lang) = match messages(lang.as_deref()) {
            Ok(loaded) => loaded,
            Err(message) => {
                eprintln!("hromada: {message}");
                return ExitCode::from(2);
            }
        };
        let t = Tr { i18n: &i18n, lang };
        return match backup::verify(src) {
            Ok(manifest) => {
                let args = [
                    ("src", src.display().to_string()),
                    ("backend", manifest.backend.clone()),
                    ("schema", manifest.schema_version.to_string()),
                    ("made", manifest.made_at.clone()),
                    ("version", manifest.hromada_version.clone()),
                    ("size", backup::human_bytes(manifest.total_bytes(), t)),
                ];
                println!("{}", t.args_count("backup-verified", &args, "count", backup::count(manifest.files.len() as u64 + 1)));
                ExitCode::SUCCESS
            }
            Err(said) => {
                eprintln!("hromada: {}", said.text(t));
                ExitCode::FAILURE
            }
        };
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hromada: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Init(args) => init(&settings, args).await,
            Command::Serve(_) => run_server(&settings, false, None).await,
            Command::Demo(args) => run_server(&settings, true, Some((args.applications, args.seed))).await,
            Command::Migrate(_) => {
                let store = open_store(&settings).await?;
                println!("Database schema is up to date ({}).", store.backend());
                Ok(())
            }
            Command::Services(ServicesCommand::Import { paths, communities, .. }) => import(&settings, &paths, &communities).await,
            Command::Services(ServicesCommand::Validate { .. }) => Ok(()),
            Command::Places(PlacesCommand::Import { file, dry_run, lang, .. }) => {
                let lang = places::language(lang.as_deref(), &|k| std::env::var(k).ok())?;
                places::import(&file, dry_run, lang, || open_store(&settings)).await.map(|_| ())
            }
            Command::Audit(AuditCommand::Verify(_)) => audit_verify(&settings).await,
            Command::Admin(AdminCommand::Create { email, region, community, installation, .. }) => {
                admin_create(&settings, &email, region, community, installation).await
            }
            Command::Keys(KeysCommand::Rotate { community, .. }) => {
                let store = open_store(&settings).await?;
                println!("{}", documents::rotate(store.as_ref(), &settings.data_dir, settings.keys_secret.as_deref(), &community).await?);
                Ok(())
            }
            Command::Keys(KeysCommand::List(_)) => {
                let store = open_store(&settings).await?;
                println!("{}", documents::list(store.as_ref()).await?);
                Ok(())
            }
            Command::Document(_) => Ok(()),
            Command::Backup(BackupArgs { dest: Some(dest), lang, .. }) => {
                let (i18n, lang) = messages(lang.as_deref())?;
                let t = Tr { i18n: &i18n, lang };
                // As it is: a backup made before an upgrade must not be of a migrated database.
                if let Some(file) = hromada_store::sqlite_path(&settings.database_url)
                    && !file.exists()
                {
                    return Err(t.with("backup-no-database", "path", &file.display().to_string()));
                }
                let store = hromada_store::connect(&settings.database_url).await.map_err(|e| {
                    t.args("backup-cannot-open-database", &[("url", redact_url(&settings.database_url)), ("error", e.to_string())])
                })?;
                let made =
                    backup::make(store.as_ref(), &settings.data_dir, &settings.database_url, &dest).await.map_err(|said| said.text(t))?;
                println!("{}", made.report(t));
                Ok(())
            }
            Command::Backup(_) => Ok(()),
            Command::Restore(RestoreArgs { src, lang, .. }) => {
                let (i18n, lang) = messages(lang.as_deref())?;
                restore(&settings, &src, Tr { i18n: &i18n, lang }).await
            }
        }
    });
    // The server has waited its bounded time for connections; work handed to
    // blocking threads (a PDF, a key) gets a moment more, not forever.
    runtime.shutdown_timeout(Duration::from_secs(2));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hromada: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(settings: &Settings) {
    // PostgreSQL's notices ("relation … already exists, skipping" at every
    // migration check) say nothing to an operator, unless asked for.
    let directives =
        if settings.log.contains("sqlx") { settings.log.clone() } else { format!("{},sqlx::postgres::notice=warn", settings.log) };
    let filter = tracing_subscriber::EnvFilter::try_new(&directives).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match settings.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

async fn open_store(settings: &Settings) -> Result<Arc<dyn Store>, String> {
    if settings.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir)
            .map_err(|e| format!("cannot create the data folder {}: {e}", settings.data_dir.display()))?;
    }
    let store = hromada_store::connect(&settings.database_url)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", redact_url(&settings.database_url)))?;
    store.migrate().await.map_err(|e| format!("cannot bring the database schema up to date: {e}"))?;
    Ok(store)
}

/// `applications`: for the demo, how many generated applications to top up to, and the seed.
async fn run_server(settings: &Settings, demo: bool, applications: Option<(u64, u64)>) -> Result<(), String> {
    let open_files = server::raise_open_files_limit();
    let limits = server::Limits {
        header_timeout: Duration::from_secs(u64::from(settings.header_timeout_seconds)),
        max_connections: server::connections_within(settings.max_connections, open_files),
        shutdown_wait: Duration::from_secs(u64::from(settings.shutdown_wait_seconds)),
    };
    let store = open_store(settings).await?;
    let installation = store.installation().await.map_err(|e| format!("cannot read the installation's settings: {e}"))?;
    let mut settings = settings.clone();
    settings.public_url = public_url_of(&settings, store.as_ref()).await?;
    let settings = &settings;
    // Computed once: it seals the signing keys and the TOTP secrets (the demo's people's too).
    let keys_secret = match (&settings.keys_secret, demo) {
        (Some(secret), _) => Some(hromada_web::keys::KeysSecret::new(secret)),
        (None, true) => {
            println!(
                "Signing keys of the demo's documents are sealed with the demo's own passphrase (keys_secret not set): demo documents are not real."
            );
            Some(hromada_web::keys::KeysSecret::new(hromada_web::keys::DEMO_KEYS_SECRET))
        }
        (None, false) => {
            tracing::warn!(
                "keys_secret (HROMADA_KEYS_SECRET) is not set: decisions that issue documents, and staff sign-in (its second factor), will be refused until it is"
            );
            None
        }
    };
    if demo {
        seed_demo(store.as_ref()).await?;
        seed_demo_people(store.as_ref(), keys_secret.as_ref()).await?;
        if let Some((n, seed)) = applications {
            let keys = hromada_web::keys::KeyFolder::new(&settings.data_dir, keys_secret.clone());
            generate::applications(store.as_ref(), &SystemClock, n, seed, &keys).await?;
        }
    }
    if installation.is_none() && !demo {
        println!("This installation is not set up yet. Run `hromada init` first: it asks for its name, its public address and");
        println!("the e-mail address of its first administrator, and prints that administrator's invitation link.");
        println!("To see a working installation instead, run `hromada demo`.");
    } else if store.communities().await.map_err(|e| e.to_string())?.is_empty() {
        println!("This installation has no communities yet. Import the codifier of administrative-territorial units");
        println!(
            "(КАТОТТГ) with `hromada places import FILE`, or add regions and communities in the admin pages linked from /account once signed in."
        );
        println!("Import service definitions with `hromada services import services/`.");
    }
    let mailer: Arc<dyn hromada_mail::Mailer> = match &settings.smtp_url {
        Some(url) => Arc::new(hromada_mail::SmtpMailer::new(url, &settings.mail_from).map_err(|e| e.to_string())?),
        None => {
            let outbox = settings.data_dir.join("outbox");
            println!("No mail server configured (smtp_url): letters are kept as files in {}", outbox.display());
            Arc::new(hromada_mail::OutboxMailer::new(outbox))
        }
    };
    let web_settings = hromada_web::WebSettings {
        demo,
        secure_cookies: settings.public_url.starts_with("https://"),
        public_url: settings.public_url.clone(),
        sessions: {
            let m = |i: usize| Duration::from_secs(u64::from(settings.session_minutes[i]) * 60);
            hromada_web::SessionTimeouts { resident_idle: m(0), resident_absolute: m(1), staff_idle: m(2), staff_absolute: m(3) }
        },
        password_params: hromada_domain::auth::HashParams::owasp(),
        proxy_hops: settings.proxy_hops,
        data_dir: settings.data_dir.clone(),
        uploads: hromada_web::UploadLimits {
            file_bytes: u64::from(settings.upload_file_max_mb) * 1024 * 1024,
            application_bytes: u64::from(settings.upload_application_max_mb) * 1024 * 1024,
        },
        drafts: hromada_web::DraftPolicy {
            keep: Duration::from_secs(u64::from(settings.draft_days) * 86_400),
            warn_before: Duration::from_secs(u64::from(settings.draft_warning_days) * 86_400),
        },
        pulse: hromada_web::PulseSettings { min_count: u64::from(settings.pulse_min_count) },
        metrics: hromada_web::MetricsAccess {
            token: settings.metrics_token.as_deref().map(hromada_web::MetricsToken::new),
            own_listener: settings.metrics_listen.is_some(),
        },
        keys_secret: keys_secret.clone(),
    };
    let state = hromada_web::AppState::new(Arc::clone(&store), mailer, web_settings).await.map_err(|e| format!("cannot start: {e}"))?;
    state.spawn_catalogue_refresh(Duration::from_secs(10));
    state.spawn_housekeeping();
    state.spawn_jobs();
    state.spawn_pulse_refresh();
    if let Some(dir) = &settings.backup_dir {
        std::fs::create_dir_all(dir).map_err(|e| format!("backup_dir: cannot create {}: {e}", dir.display()))?;
        let schedule = backup::Schedule { dir: dir.clone(), at_minute: settings.backup_at_minute, keep: settings.backup_keep };
        println!(
            "Daily backups at {:02}:{:02} (Kyiv time) into {}, the newest {} kept",
            schedule.at_minute / 60,
            schedule.at_minute % 60,
            dir.display(),
            schedule.keep
        );
        tokio::spawn(backup::run_daily(
            Arc::clone(&store),
            settings.data_dir.clone(),
            settings.database_url.clone(),
            schedule,
            Arc::clone(&state.metrics),
        ));
    }
    let listener =
        tokio::net::TcpListener::bind(settings.listen).await.map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let metrics_listener = match settings.metrics_listen {
        Some(at) => {
            let listener = tokio::net::TcpListener::bind(at).await.map_err(|e| format!("cannot listen on {at} (metrics_listen): {e}"))?;
            Some(listener)
        }
        None => None,
    };
    if settings.metrics_listen.is_none() && settings.metrics_token.is_none() && settings.public_url.starts_with("https://") {
        tracing::warn!(
            "/metrics is open to anyone who reaches {}: set metrics_token or metrics_listen (see README, Security)",
            settings.public_url
        );
    }
    if demo {
        println!("Hromada demo: made-up data, for trying the product. Database: {}", redact_url(&settings.database_url));
    }
    // Take over SIGTERM and Ctrl-C before saying where we listen: a supervisor
    // may stop us the moment it reads that line, and should get a clean exit.
    let shutdown = shutdown_signal()?;
    let (stop, stopping) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });
    let metrics = match metrics_listener {
        Some(listener) => {
            let at = listener.local_addr().map_err(|e| e.to_string())?;
            println!("Metrics on http://{at}/metrics");
            // Prometheus and a person or two: a few connections are plenty.
            let limits = server::Limits { max_connections: 16, ..limits };
            Some(tokio::spawn(server::serve(listener, hromada_web::metrics_router(state.clone()), limits, stopping.clone(), "metrics")))
        }
        None => None,
    };
    println!("Listening on http://{address}/");
    tracing::info!(
        %address,
        backend = store.backend(),
        demo,
        max_connections = limits.max_connections,
        header_timeout_seconds = limits.header_timeout.as_secs(),
        "serving"
    );
    server::serve(listener, hromada_web::router(state), limits, stopping, "main").await;
    if let Some(metrics) = metrics {
        let _ = metrics.await;
    }
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; requests in flight are then finished. The
/// handlers are installed when this is called, not when the future is first polled.
#[cfg(unix)]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).map_err(|e| format!("cannot handle SIGTERM: {e}"))?;
    let mut interrupt = signal(SignalKind::interrupt()).map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::info!("shutting down: finishing requests in flight");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing requests in flight");
    })
}

/// The demo's people, printed one per line: role, community (or region), e-mail,
/// password and, for staff, the TOTP secret.
async fn seed_demo_people(store: &dyn Store, keys_secret: Option<&hromada_web::keys::KeysSecret>) -> Result<(), String> {
    use hromada_domain::account::{NewAccount, Role, RoleGrant, Scope, TotpAtRest, TotpRecord};
    let fail = |e: hromada_store::StoreError| format!("demo people: {e}");
    println!("Demo people (role place e-mail password [TOTP secret for `oathtool --totp -b`]):");
    let regions: Vec<String> = store.regions().await.map_err(fail)?.into_iter().map(|r| r.slug).collect();
    for person in demo::PEOPLE {
        let now = SystemClock.now();
        let account = match store.account_by_email(person.email).await.map_err(fail)? {
            Some(account) => account,
            None => {
                let mut salt = [0u8; 16];
                getrandom::fill(&mut salt).map_err(|e| format!("demo people: no random numbers: {e}"))?;
                // Hashed as a new password is (NFC, OWASP's parameters). The rules of a new
                // password are checked by a test of `demo` instead of here: zxcvbn's
                // dictionaries, once loaded, would hold 5.5 MiB for the life of the demo.
                let hash = hromada_domain::auth::PasswordHash::rehash(person.password, salt, &hromada_domain::auth::HashParams::owasp())
                    .map_err(|e| format!("demo people: {e}"))?;
                let account = store
                    .create_account(&NewAccount {
                        email: person.email.to_string(),
                        display_name: person.name.to_string(),
                        password_hash: Some(hash.to_string()),
                        is_staff: person.totp.is_some(),
                        preferred_lang: hromada_domain::Lang::Uk,
                        created_at: now,
                    })
                    .await
                    .map_err(fail)?;
                store.confirm_email(account.id, now).await.map_err(fail)?;
                account
            }
        };
        if let Some(secret) = person.totp {
            let role = Role::parse(person.role).ok_or_else(|| format!("demo people: unknown role {}", person.role))?;
            let scope = if person.place == demo::INSTALLATION {
                Scope::Installation
            } else if regions.iter().any(|r| r == person.place) {
                Scope::Region(person.place.into())
            } else {
                Scope::Community(person.place.into())
            };
            store.grant_role(&RoleGrant { account: account.id, role, scope, granted_by: None, granted_at: now }).await.map_err(fail)?;
            if store.totp_of(account.id).await.map_err(fail)?.is_none() {
                let bytes = hromada_domain::auth::TotpSecret::from_base32(secret).ok_or("demo people: a TOTP secret is not base32")?;
                let keys = keys_secret.ok_or("demo people: no keys_secret to seal the TOTP secrets with")?;
                let sealed = keys.seal_totp(account.id, bytes.as_bytes()).await.map_err(|e| format!("demo people: {e}"))?;
                store
                    .put_totp(&TotpRecord {
                        account: account.id,
                        secret: TotpAtRest::Sealed(sealed),
                        confirmed_at: Some(now),
                        last_used_step: None,
                    })
                    .await
                    .map_err(fail)?;
            }
            println!("{} {} {} {} {secret}", person.role, person.place, person.email, person.password);
        } else {
            println!("{} {} {} {}", person.role, person.place, person.email, person.password);
        }
    }
    Ok(())
}

/// The demo's places through the code paths an operator's go through: its
/// codifier rows by `places import`'s planning and the store's import (so a
/// restart changes nothing, and a demo database that predates КАТОТТГ codes
/// gets them), then — once, as its administrators would — each community's
/// contacts, publication and ЦНАП.
async fn seed_demo_places(store: &dyn Store) -> Result<(), String> {
    let fail = |e: hromada_store::StoreError| format!("demo data: {e}");
    let codifier = hromada_domain::katottg::parse(demo::CODIFIER).map_err(|m| format!("demo codifier: {m:?}"))?;
    let i18n = hromada_web::I18n::load()?;
    let t = hromada_web::Tr { i18n: &i18n, lang: hromada_domain::Lang::Uk };
    let stored = store.communities().await.map_err(fail)?;
    let (regions, mut communities) = places::plan(&codifier, &store.regions().await.map_err(fail)?, &stored, t)
        .map_err(|mistakes| format!("demo places clash with stored ones: {mistakes:?}"))?;
    let demo = demo::places();
    for community in &mut communities {
        let Some((_, own, _)) = demo.iter().find(|(_, c, _)| c.slug == community.slug) else { continue };
        // The demo's names and reference codes for the communities it makes; later its administrators' own.
        match stored.iter().find(|s| s.slug == community.slug) {
            None => {
                community.name = own.name.clone();
                community.code.clone_from(&own.code);
            }
            Some(kept) => community.name = kept.name.clone(),
        }
    }
    store.import_places(&regions, &communities).await.map_err(fail)?;
    let stored = store.communities().await.map_err(fail)?;
    let centres = store.service_centres().await.map_err(fail)?;
    for (_, own, centre) in demo {
        let community = stored.iter().find(|c| c.slug == own.slug).ok_or_else(|| format!("demo codifier lacks {}", own.slug))?;
        if community.email.is_empty() {
            let profile = Community { phone: own.phone, email: own.email, website: own.website, ..community.clone() };
            store.put_community(&profile).await.map_err(fail)?;
            store.set_community_published(&community.slug, true).await.map_err(fail)?;
        }
        if !centres.iter().any(|c| c.community_slug == own.slug) {
            store.put_service_centre(&centre).await.map_err(fail)?;
        }
    }
    Ok(())
}

async fn seed_demo(store: &dyn Store) -> Result<(), String> {
    let now = SystemClock.now();
    seed_demo_places(store).await?;
    for (file, source) in demo::DEMO_SERVICES {
        let stem = file.trim_end_matches(".toml");
        let parsed = parse_definition(source, Some(stem));
        if let Some(first) = parsed.errors().next() {
            return Err(format!("demo service {file}:{first}"));
        }
        // Offered everywhere when first stored; afterwards each community's administrators decide.
        let outcome = store.import_service(stem, source, now).await.map_err(|e| format!("demo data: {e}"))?;
        if matches!(outcome, ImportOutcome::Created { version: 1 }) {
            for (_, community, _) in demo::places() {
                store.offer_service(&community.slug, stem).await.map_err(|e| format!("demo data: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Every `*.toml` named, or inside the folders named, in a stable order.
fn definition_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

struct Checked {
    stem: String,
    source: String,
}

/// Read and check files; prints every diagnostic; returns the good ones only if all are good.
fn check_files(paths: &[PathBuf]) -> Result<Vec<Checked>, (usize, usize)> {
    let files = match definition_files(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return Err((0, 1));
        }
    };
    let mut good = Vec::new();
    let mut errors = 0;
    let mut bad_files = 0;
    for path in &files {
        let source = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: error: cannot read the file: {e}", path.display());
                errors += 1;
                bad_files += 1;
                continue;
            }
        };
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let parsed = parse_definition(&source, Some(&stem));
        for d in &parsed.diagnostics {
            eprintln!("{}:{d}", path.display());
        }
        let n = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        errors += n;
        if n > 0 {
            bad_files += 1;
        } else {
            good.push(Checked { stem, source });
        }
    }
    if files.is_empty() {
        eprintln!("no definition files (*.toml) found in {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
        return Err((0, 1));
    }
    if errors > 0 {
        eprintln!("{errors} error(s) in {bad_files} of {} file(s).", files.len());
        return Err((bad_files, errors));
    }
    Ok(good)
}

fn validate(paths: &[PathBuf]) -> ExitCode {
    match check_files(paths) {
        Ok(files) => {
            println!("{} definition file(s) are valid.", files.len());
            ExitCode::SUCCESS
        }
        Err(_) => ExitCode::FAILURE,
    }
}

async fn import(settings: &Settings, paths: &[PathBuf], communities: &[String]) -> Result<(), String> {
    let files = check_files(paths).map_err(|(_, errors)| format!("nothing imported: fix the {errors} error(s) above first"))?;
    let store = open_store(settings).await?;
    let known: Vec<String> = store.communities().await.map_err(|e| e.to_string())?.into_iter().map(|c| c.slug).collect();
    for c in communities {
        if !known.contains(c) {
            return Err(format!("--community {c}: no such community; known: {}", known.join(", ")));
        }
    }
    let offer_in: Vec<String> = if communities.is_empty() { known } else { communities.to_vec() };
    // Every file and its offers in one transaction: all of them or, on any failure, none.
    let services: Vec<(String, String)> = files.iter().map(|f| (f.stem.clone(), f.source.clone())).collect();
    let outcomes = store.import_services(&services, &offer_in, SystemClock.now()).await.map_err(|e| format!("nothing imported: {e}"))?;
    for (file, outcome) in files.iter().zip(outcomes) {
        match outcome {
            ImportOutcome::Created { version } => println!("{}: imported as version {version}", file.stem),
            ImportOutcome::Unchanged { version } => println!("{}: unchanged (version {version})", file.stem),
        }
    }
    Ok(())
}

/// Rows read per query while walking the audit trail.
const AUDIT_PAGE: i64 = 1000;

async fn audit_verify(settings: &Settings) -> Result<(), String> {
    let store = open_store(settings).await?;
    let checked = hromada_store::verify_audit_trail(store.as_ref(), AUDIT_PAGE)
        .await
        .map_err(|e| format!("cannot read the audit trail: {e}"))?
        .map_err(|chain_break| format!("audit trail broken: {chain_break}"))?;
    println!("audit trail intact: {checked} rows");
    Ok(())
}

/// The catalogue and the language of a command's messages: `--lang`, else the locale.
fn messages(flag: Option<&str>) -> Result<(hromada_web::I18n, hromada_domain::Lang), String> {
    Ok((hromada_web::I18n::load()?, places::language(flag, &|k| std::env::var(k).ok())?))
}

/// `hromada restore`: the backup into place, then the schema brought up to
/// this build's, the audit trail and the signing keys checked, and the
/// restore itself audited; said in `t`'s language.
async fn restore(settings: &Settings, src: &std::path::Path, t: Tr<'_>) -> Result<(), String> {
    let secret = settings.keys_secret.as_deref().map(hromada_web::keys::KeysSecret::new);
    let target = backup::Target { data_dir: &settings.data_dir, database_url: &settings.database_url, keys_secret: secret.as_ref() };
    let restored = backup::restore(src, &target).await.map_err(|said| said.text(t))?;
    println!("{}", restored.report(t, &target));
    let failed = |key: &str, e: &dyn std::fmt::Display| t.with(key, "error", &e.to_string());
    let store = hromada_store::connect(&settings.database_url)
        .await
        .map_err(|e| t.args("restore-cannot-open", &[("url", redact_url(&settings.database_url)), ("error", e.to_string())]))?;
    store.migrate().await.map_err(|e| failed("restore-cannot-migrate", &e))?;
    let checked = hromada_store::verify_audit_trail(store.as_ref(), AUDIT_PAGE)
        .await
        .map_err(|e| failed("restore-audit-unreadable", &e))?
        .map_err(|chain_break| failed("restore-audit-broken", &chain_break))?;
    println!("  {}", t.count("restore-audit-intact", "count", i64::try_from(checked).unwrap_or(i64::MAX)));
    let keys = store.signing_keys().await.map_err(|e| failed("restore-keys-unreadable", &e))?;
    match &settings.keys_secret {
        Some(secret) => {
            let folder = hromada_web::keys::KeyFolder::new(&settings.data_dir, Some(hromada_web::keys::KeysSecret::new(secret)));
            for record in keys.iter().filter(|k| k.retired_at.is_none()) {
                folder.open(record).await.map_err(|e| {
                    let key = if matches!(e, hromada_web::keys::KeyError::Missing { .. }) {
                        "restore-key-missing"
                    } else {
                        "restore-key-does-not-open"
                    };
                    t.args(key, &[("key", record.id.to_string()), ("error", e.to_string())])
                })?;
            }
            let in_use = keys.iter().filter(|k| k.retired_at.is_none()).count();
            println!("  {}", t.count("restore-keys-open", "count", i64::try_from(in_use).unwrap_or(i64::MAX)));
        }
        None => println!("  {}", t.msg("restore-keys-secret-unset")),
    }
    let event = hromada_domain::audit::AuditEvent {
        at: SystemClock.now(),
        actor: None,
        actor_role: None,
        community: None,
        action: "backup.restored".to_string(),
        subject: Some("installation".to_string()),
        details: [("backup".to_string(), src.display().to_string())].into_iter().collect(),
    };
    store.append_audit(&event).await.map_err(|e| failed("restore-audit-row-failed", &e))?;
    println!("{}", t.msg("restore-start"));
    Ok(())
}

async fn admin_create(
    settings: &Settings,
    email: &str,
    region: Option<String>,
    community: Option<String>,
    installation: bool,
) -> Result<(), String> {
    use hromada_domain::account::{Role, Scope};
    let (role, scope) = match (region, community) {
        _ if installation => (Role::InstallationAdmin, Scope::Installation),
        (Some(region), _) => (Role::RegionalAdmin, Scope::Region(region)),
        (None, Some(community)) => (Role::CommunityAdmin, Scope::Community(community)),
        (None, None) => {
            return Err("say what they administer: --installation, a region (--region SLUG) or a community (--community SLUG)".into());
        }
    };
    let store = open_store(settings).await?;
    let public_url = public_url_of(settings, store.as_ref()).await?;
    let link = hromada_web::invite_staff(store.as_ref(), email, role, scope, None, SystemClock.now(), &public_url)
        .await
        .map_err(|e| e.to_string())?;
    let days = hromada_web::INVITATION_VALID_FOR.as_secs() / 86_400;
    println!("Invited {email}. Send them this link (it works once, for {days} days) to set a password and a second factor:");
    println!("{link}");
    Ok(())
}

/// The address people reach the installation at: the configured one, else the one
/// `hromada init` stored, else the listening address.
async fn public_url_of(settings: &Settings, store: &dyn Store) -> Result<String, String> {
    if settings.public_url_given {
        return Ok(settings.public_url.clone());
    }
    let installation = store.installation().await.map_err(|e| format!("cannot read the installation's settings: {e}"))?;
    Ok(installation.map_or_else(|| settings.public_url.clone(), |i| i.public_url))
}

/// `hromada init`: what it was given, or else asks on a terminal.
async fn init(settings: &Settings, args: InitArgs) -> Result<(), String> {
    use hromada_domain::Text;
    use hromada_domain::account::{Role, Scope};
    use hromada_domain::place::Installation;
    let name = given_or_asked(args.name, "--name", "The installation's name, in Ukrainian (e.g. «Послуги Бучанської громади»)")?;
    let clean = |flag: &str, text: &str| {
        let text = hromada_domain::form::clean_text(text, false)
            .map_err(|_| format!("{flag}: it holds control or unassigned characters; write the name as plain text"))?;
        if text.chars().count() > 200 {
            return Err(format!("{flag}: at most 200 characters"));
        }
        Ok(text)
    };
    let name = clean("--name", &name)?;
    if name.is_empty() {
        return Err("--name: give the installation's name".into());
    }
    let name_en = args.name_en.map(|n| clean("--name-en", &n)).transpose()?.filter(|n| !n.is_empty());
    let url = given_or_asked(args.url, "--url", "The address residents reach it at (https://HOST)")?;
    let url = config::check_public_url(&url).map_err(|e| format!("--url: {e}"))?;
    let email = given_or_asked(args.admin_email, "--admin-email", "The e-mail address of its first administrator")?;
    let email = hromada_domain::values::Email::parse(email.trim())
        .map_err(|_| format!("--admin-email: \"{}\" is not an e-mail address; write it as name@example.org", email.trim()))?;
    let store = open_store(settings).await?;
    if let Some(existing) = store.installation().await.map_err(|e| format!("cannot read the installation's settings: {e}"))? {
        return Err(format!(
            "this database is set up already, as «{}» at {}. Change its name and address at /admin/installation; invite another administrator with `hromada admin create --installation --email ADDRESS`",
            existing.name.uk, existing.public_url
        ));
    }
    let installation = Installation { name: Text { uk: name, en: name_en }, public_url: url.clone() };
    store.put_installation(&installation).await.map_err(|e| format!("nothing set up: {e}"))?;
    let event = hromada_domain::audit::AuditEvent {
        at: SystemClock.now(),
        actor: None,
        actor_role: None,
        community: None,
        action: "installation.init".to_string(),
        subject: Some("installation".to_string()),
        details: [("name".to_string(), installation.name.uk.clone()), ("public_url".to_string(), url.clone())].into_iter().collect(),
    };
    store.append_audit(&event).await.map_err(|e| format!("the installation is set up, but its audit row was not written: {e}"))?;
    // The link must lead to the address just given, unless another is configured.
    let public_url = if settings.public_url_given { settings.public_url.as_str() } else { url.as_str() };
    let link = hromada_web::invite_staff(
        store.as_ref(),
        email.as_str(),
        Role::InstallationAdmin,
        Scope::Installation,
        None,
        SystemClock.now(),
        public_url,
    )
    .await
    .map_err(|e| format!("the installation is set up, but its administrator could not be invited ({e}); invite them with `hromada admin create --installation --email ADDRESS`"))?;
    let days = hromada_web::INVITATION_VALID_FOR.as_secs() / 86_400;
    println!("Set up «{}» at {url} ({}).", installation.name.uk, store.backend());
    println!(
        "Send its first administrator, {}, this link (it works once, for {days} days) to set a password and a second factor:",
        email.as_str()
    );
    println!("{link}");
    if settings.keys_secret.is_none() {
        println!(
            "Before `hromada serve`, set keys_secret (HROMADA_KEYS_SECRET): without it staff cannot pass their second factor and no document can be signed."
        );
    }
    println!("Next: `hromada places import FILE` (the КАТОТТГ codifier), `hromada services import services/`, then `hromada serve`.");
    Ok(())
}

/// A flag's value, or the answer to `question` when standard input is a terminal.
fn given_or_asked(value: Option<String>, flag: &str, question: &str) -> Result<String, String> {
    use std::io::{BufRead, IsTerminal, Write};
    if let Some(value) = value {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        return Err(format!("{flag} is missing: give it, or run `hromada init` in a terminal to be asked"));
    }
    print!("{question}: ");
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the answer: {e}"))?;
    Ok(line.trim().to_string())
}
