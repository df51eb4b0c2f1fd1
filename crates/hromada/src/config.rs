//! Settings in layers: defaults, then `hromada.toml`, then `HROMADA_*`
//! variables, then command-line flags. A wrong value stops start-up with one
//! message that names the setting (exit code 2).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// The settings start-up uses. The database URL may hold a password: it is
/// only ever shown through [`hromada_store::redact_url`].
#[derive(Clone, PartialEq, Eq)]
pub struct Settings {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub log_format: LogFormat,
    /// A tracing filter such as `info` or `hromada=debug,info`.
    pub log: String,
    /// The address people reach this installation at (links in e-mails);
    /// `https://…` also marks cookies `Secure` with the `__Host-` prefix.
    pub public_url: String,
    /// Whether `public_url` was configured; if not, the address `hromada init`
    /// stored is used, and only without one the listening address.
    pub public_url_given: bool,
    /// `smtp://USER:PASSWORD@HOST:PORT` or `smtps://…`; without it letters wait in `<data_dir>/outbox`.
    pub smtp_url: Option<String>,
    /// The sender of letters, e.g. `Громада <noreply@hromada.example.org>`.
    pub mail_from: String,
    /// Session time-outs in minutes: (resident idle, resident absolute, staff idle, staff absolute).
    pub session_minutes: [u32; 4],
    /// Trusted reverse proxies in front of the server (for the client address in throttling).
    pub proxy_hops: u8,
    /// Largest upload: one file, and all files of one application, in megabytes.
    pub upload_file_max_mb: u32,
    pub upload_application_max_mb: u32,
    /// Days an untouched draft is kept, and how many days before its deletion the owner is warned.
    pub draft_days: u32,
    pub draft_warning_days: u32,
    /// The pulse's threshold: smaller counts are published as "fewer than" it.
    pub pulse_min_count: u32,
    /// The passphrase that encrypts the documents' signing keys in `<data_dir>/keys/`.
    pub keys_secret: Option<String>,
    /// Seconds a client has to send a request's head, from the connection's start or the end of the previous answer.
    pub header_timeout_seconds: u32,
    /// Seconds a stopping server waits for open connections before it exits anyway.
    pub shutdown_wait_seconds: u32,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: u32,
    /// `/metrics` only with `Authorization: Bearer <this>`.
    pub metrics_token: Option<String>,
    /// `/metrics` only on this address, not on `listen`.
    pub metrics_listen: Option<SocketAddr>,
    /// `serve` backs up into a new folder here every day (unset: it does not).
    pub backup_dir: Option<PathBuf>,
    /// When the daily backup starts, in minutes after midnight, Kyiv time.
    pub backup_at_minute: u16,
    /// How many daily backups `serve` keeps in `backup_dir` (the oldest go).
    pub backup_keep: u32,
}

/// A whole-number setting from the environment (`HROMADA_<NAME>`), else the file, else its default; within a range.
fn number_setting(
    env: &dyn Fn(&str) -> Option<String>,
    name: &str,
    from_file: Option<u32>,
    default: u32,
    (min, max): (u32, u32),
    unit: &str,
) -> Result<u32, ConfigError> {
    let value = match env(&format!("HROMADA_{}", name.to_ascii_uppercase())) {
        Some(text) => text.trim().parse::<u32>().map_err(|_| ConfigError(format!("{name}: \"{text}\" is not a whole number of {unit}")))?,
        None => from_file.unwrap_or(default),
    };
    if !(min..=max).contains(&value) {
        return Err(ConfigError(format!("{name}: {value} is out of range; choose {min} to {max} {unit}")));
    }
    Ok(value)
}

/// Names, defaults and ranges of the session time-outs, in minutes.
const SESSION_SETTINGS: [(&str, u32, u32, u32); 4] = [
    ("resident_idle_minutes", 60, 5, 24 * 60),
    ("resident_session_minutes", 12 * 60, 15, 30 * 24 * 60),
    ("staff_idle_minutes", 15, 5, 4 * 60),
    ("staff_session_minutes", 8 * 60, 15, 24 * 60),
];

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database_url", &hromada_store::redact_url(&self.database_url))
            .field("log_format", &self.log_format)
            .field("log", &self.log)
            .field("public_url", &self.public_url)
            .field("smtp_url", &self.smtp_url.as_deref().map(hromada_store::redact_url))
            .field("mail_from", &self.mail_from)
            .field("session_minutes", &self.session_minutes)
            .field("proxy_hops", &self.proxy_hops)
            .field("upload_file_max_mb", &self.upload_file_max_mb)
            .field("upload_application_max_mb", &self.upload_application_max_mb)
            .field("draft_days", &self.draft_days)
            .field("draft_warning_days", &self.draft_warning_days)
            .field("pulse_min_count", &self.pulse_min_count)
            .field("keys_secret", &self.keys_secret.as_ref().map(|_| "***"))
            .field("header_timeout_seconds", &self.header_timeout_seconds)
            .field("shutdown_wait_seconds", &self.shutdown_wait_seconds)
            .field("max_connections", &self.max_connections)
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "***"))
            .field("metrics_listen", &self.metrics_listen)
            .field("backup_dir", &self.backup_dir)
            .field("backup_at_minute", &self.backup_at_minute)
            .field("backup_keep", &self.backup_keep)
            .finish()
    }
}

/// The optional keys of `hromada.toml`; anything else there is a mistake.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    log_format: Option<String>,
    log: Option<String>,
    public_url: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    resident_idle_minutes: Option<u32>,
    resident_session_minutes: Option<u32>,
    staff_idle_minutes: Option<u32>,
    staff_session_minutes: Option<u32>,
    proxy_hops: Option<u8>,
    upload_file_max_mb: Option<u32>,
    upload_application_max_mb: Option<u32>,
    draft_days: Option<u32>,
    draft_warning_days: Option<u32>,
    pulse_min_count: Option<u32>,
    keys_secret: Option<String>,
    header_timeout_seconds: Option<u32>,
    shutdown_wait_seconds: Option<u32>,
    max_connections: Option<u32>,
    metrics_token: Option<String>,
    metrics_listen: Option<String>,
    backup_dir: Option<PathBuf>,
    backup_at: Option<String>,
    backup_keep: Option<u32>,
}

/// Values given on the command line (they win over everything).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub log_format: Option<LogFormat>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct ConfigError(pub String);

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

impl Settings {
    /// Build the settings from every layer. `env` is passed in so tests control it.
    pub fn load(overrides: &Overrides, env: &dyn Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
        let (file, file_name) = match &overrides.config {
            Some(path) => (read_file(path, true)?, path.display().to_string()),
            None => (read_file(Path::new("hromada.toml"), false)?, "hromada.toml".to_string()),
        };

        let listen_text =
            overrides.listen.clone().or_else(|| env("HROMADA_LISTEN")).or(file.listen).unwrap_or_else(|| DEFAULT_LISTEN.to_string());
        let listen = listen_text.parse::<SocketAddr>().map_err(|_| {
            ConfigError(format!(
                "listen: \"{listen_text}\" is not an address to listen on; write an IP address and a port, e.g. 127.0.0.1:8080 or 0.0.0.0:80"
            ))
        })?;

        let data_dir = overrides
            .data_dir
            .clone()
            .or_else(|| env("HROMADA_DATA_DIR").map(PathBuf::from))
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        if data_dir.as_os_str().is_empty() {
            return Err(ConfigError("data_dir: is empty; give a folder for Hromada's data, e.g. ./data".into()));
        }
        if data_dir.exists() && !data_dir.is_dir() {
            return Err(ConfigError(format!("data_dir: \"{}\" exists but is not a folder", data_dir.display())));
        }

        let database_url = overrides
            .database_url
            .clone()
            .or_else(|| env("HROMADA_DATABASE_URL"))
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("hromada.db").display()));
        let known = ["sqlite:", "postgres://", "postgresql://"];
        if !known.iter().any(|p| database_url.starts_with(p)) {
            return Err(ConfigError(format!(
                "database_url: \"{}\" is not a database URL Hromada knows; use sqlite://PATH or postgres://USER@HOST/DB",
                hromada_store::redact_url(&database_url)
            )));
        }

        let log_format = match overrides.log_format {
            Some(f) => f,
            None => match env("HROMADA_LOG_FORMAT").or(file.log_format) {
                None => LogFormat::Text,
                Some(v) => match v.as_str() {
                    "text" => LogFormat::Text,
                    "json" => LogFormat::Json,
                    other => return Err(ConfigError(format!("log_format: \"{other}\" is not a log format; write \"text\" or \"json\""))),
                },
            },
        };
        let log = env("HROMADA_LOG").or(file.log).unwrap_or_else(|| "info".to_string());
        if tracing_subscriber::EnvFilter::try_new(&log).is_err() {
            return Err(ConfigError(format!("log: \"{log}\" is not a log filter; write e.g. \"info\" or \"hromada=debug,info\"")));
        }
        let _ = file_name;
        let given = env("HROMADA_PUBLIC_URL").or(file.public_url);
        let public_url_given = given.is_some();
        let public_url =
            check_public_url(&given.unwrap_or_else(|| format!("http://{listen}"))).map_err(|e| ConfigError(format!("public_url: {e}")))?;
        let smtp_url = env("HROMADA_SMTP_URL").or(file.smtp_url).filter(|u| !u.trim().is_empty());
        if let Some(url) = &smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(ConfigError(format!(
                "smtp_url: \"{}\" is not a mail server address; write smtp://USER:PASSWORD@HOST:587 or smtps://USER:PASSWORD@HOST:465",
                hromada_store::redact_url(url)
            )));
        }
        let mail_from = env("HROMADA_MAIL_FROM").or(file.mail_from).unwrap_or_else(|| "Громада <noreply@localhost>".to_string());
        let from_file = [file.resident_idle_minutes, file.resident_session_minutes, file.staff_idle_minutes, file.staff_session_minutes];
        let mut session_minutes = [0u32; 4];
        for (i, (name, default, min, max)) in SESSION_SETTINGS.iter().enumerate() {
            let var = format!("HROMADA_{}", name.to_ascii_uppercase());
            let value = match env(&var) {
                Some(text) => {
                    text.trim().parse::<u32>().map_err(|_| ConfigError(format!("{name}: \"{text}\" is not a whole number of minutes")))?
                }
                None => from_file[i].unwrap_or(*default),
            };
            if !(*min..=*max).contains(&value) {
                return Err(ConfigError(format!("{name}: {value} is out of range; choose {min} to {max} minutes")));
            }
            session_minutes[i] = value;
        }
        if session_minutes[0] > session_minutes[1] || session_minutes[2] > session_minutes[3] {
            return Err(ConfigError("resident_idle_minutes/staff_idle_minutes: an idle time-out longer than the session itself would never apply; make it shorter".into()));
        }
        let proxy_hops = match env("HROMADA_PROXY_HOPS") {
            Some(text) => text
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= 5)
                .ok_or_else(|| ConfigError(format!("proxy_hops: \"{text}\" is not a number of proxies from 0 to 5")))?,
            None => file.proxy_hops.unwrap_or(0),
        };
        if proxy_hops > 5 {
            return Err(ConfigError(format!("proxy_hops: {proxy_hops} is more proxies than an installation has; write 0 to 5")));
        }
        let upload_file_max_mb = number_setting(env, "upload_file_max_mb", file.upload_file_max_mb, 10, (1, 100), "megabytes")?;
        let upload_application_max_mb =
            number_setting(env, "upload_application_max_mb", file.upload_application_max_mb, 25, (1, 500), "megabytes")?;
        if upload_application_max_mb < upload_file_max_mb {
            return Err(ConfigError(format!(
                "upload_application_max_mb: {upload_application_max_mb} is less than upload_file_max_mb ({upload_file_max_mb}); an application must hold at least one whole file"
            )));
        }
        let draft_days = number_setting(env, "draft_days", file.draft_days, 30, (1, 365), "days")?;
        let draft_warning_days = number_setting(env, "draft_warning_days", file.draft_warning_days, 7, (0, 364), "days")?;
        if draft_warning_days >= draft_days {
            return Err(ConfigError(format!(
                "draft_warning_days: {draft_warning_days} is not less than draft_days ({draft_days}); warn some days before a draft goes"
            )));
        }
        let pulse_min_count = number_setting(env, "pulse_min_count", file.pulse_min_count, 5, (1, 1000), "cases")?;
        let keys_secret = env("HROMADA_KEYS_SECRET").or(file.keys_secret).filter(|s| !s.is_empty());
        if keys_secret.as_ref().is_some_and(|s| s.trim().chars().count() < 16) {
            return Err(ConfigError(
                "keys_secret: too short to protect the signing keys; use a passphrase of at least 16 characters (several words)".into(),
            ));
        }
        let header_timeout_seconds = number_setting(env, "header_timeout_seconds", file.header_timeout_seconds, 15, (1, 300), "seconds")?;
        let shutdown_wait_seconds = number_setting(env, "shutdown_wait_seconds", file.shutdown_wait_seconds, 10, (0, 600), "seconds")?;
        let max_connections = number_setting(env, "max_connections", file.max_connections, 1024, (1, 1_000_000), "connections")?;
        let metrics_token = env("HROMADA_METRICS_TOKEN").or(file.metrics_token).filter(|s| !s.is_empty());
        if let Some(token) = &metrics_token
            && (token.len() < 16 || !token.chars().all(|c| c.is_ascii_graphic()))
        {
            return Err(ConfigError(
                "metrics_token: use at least 16 characters, letters, digits and punctuation without spaces (e.g. from `openssl rand -hex 32`)"
                    .into(),
            ));
        }
        let metrics_listen = match env("HROMADA_METRICS_LISTEN").or(file.metrics_listen).filter(|s| !s.trim().is_empty()) {
            None => None,
            Some(text) => {
                let address = text.trim().parse::<SocketAddr>().map_err(|_| {
                    ConfigError(format!(
                        "metrics_listen: \"{text}\" is not an address to listen on; write an IP address and a port, e.g. 127.0.0.1:9090"
                    ))
                })?;
                if address == listen && address.port() != 0 {
                    return Err(ConfigError(format!(
                        "metrics_listen: {address} is the address of listen; give /metrics an address of its own, or leave metrics_listen unset"
                    )));
                }
                Some(address)
            }
        };
        let backup_dir = env("HROMADA_BACKUP_DIR").map(PathBuf::from).or(file.backup_dir).filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = &backup_dir {
            if dir.exists() && !dir.is_dir() {
                return Err(ConfigError(format!("backup_dir: \"{}\" exists but is not a folder", dir.display())));
            }
            let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            let (dir_at, data_at) = (absolute(dir), absolute(&data_dir));
            if data_at.starts_with(&dir_at) {
                return Err(ConfigError(format!(
                    "backup_dir: \"{}\" holds data_dir: keep backups and the data they back up in folders apart",
                    dir.display()
                )));
            }
            if dir_at.starts_with(&data_at) {
                return Err(ConfigError(format!(
                    "backup_dir: \"{}\" is inside data_dir: keep backups apart from what they back up, on another disk if you can",
                    dir.display()
                )));
            }
        }
        let backup_at_text = env("HROMADA_BACKUP_AT").or(file.backup_at).unwrap_or_else(|| "02:30".to_string());
        let backup_at_minute = hromada_domain::place::parse_time_of_day(&backup_at_text).filter(|m| *m < 24 * 60).ok_or_else(|| {
            ConfigError(format!("backup_at: \"{backup_at_text}\" is not a time of day; write it as HH:MM, Kyiv time, e.g. 02:30"))
        })?;
        let backup_keep = number_setting(env, "backup_keep", file.backup_keep, 7, (1, 365), "backups")?;
        Ok(Settings {
            listen,
            data_dir,
            database_url,
            log_format,
            log,
            public_url,
            public_url_given,
            smtp_url,
            mail_from,
            session_minutes,
            proxy_hops,
            upload_file_max_mb,
            upload_application_max_mb,
            draft_days,
            draft_warning_days,
            pulse_min_count,
            keys_secret,
            header_timeout_seconds,
            shutdown_wait_seconds,
            max_connections,
            metrics_token,
            metrics_listen,
            backup_dir,
            backup_at_minute,
            backup_keep,
        })
    }
}

fn read_file(path: &Path, must_exist: bool) -> Result<FileSettings, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => return Ok(FileSettings::default()),
        Err(e) => return Err(ConfigError(format!("config: cannot read {}: {e}", path.display()))),
    };
    toml::from_str::<FileSettings>(&text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((1, 1));
        ConfigError(format!("{}:{line}:{column}: {}", path.display(), e.message().trim()))
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, column)
}

/// The address of an installation as people reach it: `https://HOST` (or
/// `http://HOST:PORT` for a local trial), without a trailing slash, a query or
/// a fragment.
pub fn check_public_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/').to_string();
    let host = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or("");
    if host.is_empty() || host.contains(char::is_whitespace) || host.contains(['?', '#']) || host.chars().any(char::is_control) {
        return Err(format!(
            "\"{url}\" is not the address of this installation; write it as https://HOST (or http://HOST:PORT for a local trial)"
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_listen_locally_with_sqlite_in_the_data_dir() {
        let s = Settings::load(&Overrides::default(), &no_env).expect("defaults");
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database_url, "sqlite://data/hromada.db");
        assert_eq!(s.log_format, LogFormat::Text);
        assert_eq!(s.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn session_time_outs_are_checked() {
        assert_eq!(Settings::load(&Overrides::default(), &no_env).expect("defaults").session_minutes, [60, 720, 15, 480]);
        let env = |k: &str| (k == "HROMADA_STAFF_IDLE_MINUTES").then(|| "1".to_string());
        let err = Settings::load(&Overrides::default(), &env).expect_err("must fail");
        assert!(err.0.starts_with("staff_idle_minutes: 1 is out of range"), "{err}");
        let env = |k: &str| (k == "HROMADA_RESIDENT_IDLE_MINUTES").then(|| "an hour".to_string());
        assert!(Settings::load(&Overrides::default(), &env).expect_err("must fail").0.starts_with("resident_idle_minutes:"));
    }

    #[test]
    fn the_pulse_threshold_defaults_to_5_and_is_checked() {
        assert_eq!(Settings::load(&Overrides::default(), &no_env).expect("defaults").pulse_min_count, 5);
        let env = |k: &str| (k == "HROMADA_PULSE_MIN_COUNT").then(|| "10".to_string());
        assert_eq!(Settings::load(&Overrides::default(), &env).expect("ten").pulse_min_count, 10);
        let env = |k: &str| (k == "HROMADA_PULSE_MIN_COUNT").then(|| "0".to_string());
        assert!(
            Settings::load(&Overrides::default(), &env)
                .expect_err("zero hides nothing and means nothing")
                .0
                .starts_with("pulse_min_count: 0 is out of range")
        );
    }

    #[test]
    fn keys_secret_is_optional_long_enough_and_never_printed() {
        let no_env = |_: &str| None;
        assert_eq!(Settings::load(&Overrides::default(), &no_env).expect("defaults").keys_secret, None);
        let short = |k: &str| (k == "HROMADA_KEYS_SECRET").then(|| "short".to_string());
        assert!(Settings::load(&Overrides::default(), &short).expect_err("too short").0.starts_with("keys_secret: too short"));
        let good = |k: &str| (k == "HROMADA_KEYS_SECRET").then(|| "три слова з паролем громади".to_string());
        let settings = Settings::load(&Overrides::default(), &good).expect("long enough");
        assert_eq!(settings.keys_secret.as_deref(), Some("три слова з паролем громади"));
        assert!(!format!("{settings:?}").contains("паролем"), "the passphrase is not in the settings' debug output");
    }

    #[test]
    fn connection_limits_have_defaults_and_are_checked() {
        let s = Settings::load(&Overrides::default(), &no_env).expect("defaults");
        assert_eq!((s.header_timeout_seconds, s.shutdown_wait_seconds, s.max_connections), (15, 10, 1024));
        let env = |k: &str| (k == "HROMADA_HEADER_TIMEOUT_SECONDS").then(|| "0".to_string());
        let err = Settings::load(&Overrides::default(), &env).expect_err("no time at all is no timeout");
        assert!(err.0.starts_with("header_timeout_seconds: 0 is out of range"), "{err}");
        let env = |k: &str| (k == "HROMADA_MAX_CONNECTIONS").then(|| "many".to_string());
        let err = Settings::load(&Overrides::default(), &env).expect_err("must fail");
        assert!(err.0.starts_with("max_connections: \"many\""), "{err}");
    }

    #[test]
    fn metrics_can_have_a_token_and_an_address_of_their_own() {
        let s = Settings::load(&Overrides::default(), &no_env).expect("defaults");
        assert_eq!((s.metrics_token.as_deref(), s.metrics_listen), (None, None), "as before: /metrics on listen, open");
        let env = |k: &str| match k {
            "HROMADA_METRICS_TOKEN" => Some("0123456789abcdef-scrape".to_string()),
            "HROMADA_METRICS_LISTEN" => Some("127.0.0.1:9090".to_string()),
            _ => None,
        };
        let s = Settings::load(&Overrides::default(), &env).expect("both");
        assert_eq!(s.metrics_listen.map(|a| a.port()), Some(9090));
        assert!(!format!("{s:?}").contains("0123456789abcdef"), "the token is not in the settings' debug output");
        let env = |k: &str| (k == "HROMADA_METRICS_TOKEN").then(|| "short".to_string());
        assert!(Settings::load(&Overrides::default(), &env).expect_err("too short").0.starts_with("metrics_token:"));
        let env = |k: &str| (k == "HROMADA_METRICS_LISTEN").then(|| "127.0.0.1:8080".to_string());
        assert!(Settings::load(&Overrides::default(), &env).expect_err("same as listen").0.starts_with("metrics_listen: 127.0.0.1:8080"));
        let env = |k: &str| (k == "HROMADA_METRICS_LISTEN").then(|| "9090".to_string());
        assert!(Settings::load(&Overrides::default(), &env).expect_err("no IP").0.starts_with("metrics_listen: \"9090\""));
    }

    #[test]
    fn daily_backups_are_off_unless_a_folder_is_given_and_their_time_is_checked() {
        let s = Settings::load(&Overrides::default(), &no_env).expect("defaults");
        assert_eq!((s.backup_dir.as_deref(), s.backup_at_minute, s.backup_keep), (None, 150, 7), "off; 02:30 and 7 once on");
        let env = |k: &str| match k {
            "HROMADA_BACKUP_DIR" => Some("/var/backups/hromada".to_string()),
            "HROMADA_BACKUP_AT" => Some("23:05".to_string()),
            "HROMADA_BACKUP_KEEP" => Some("30".to_string()),
            _ => None,
        };
        let s = Settings::load(&Overrides::default(), &env).expect("all three");
        assert_eq!((s.backup_dir, s.backup_at_minute, s.backup_keep), (Some(PathBuf::from("/var/backups/hromada")), 23 * 60 + 5, 30));
        for (var, value, starts) in [
            ("HROMADA_BACKUP_AT", "25:00", "backup_at: \"25:00\" is not a time of day"),
            ("HROMADA_BACKUP_AT", "24:00", "backup_at: \"24:00\" is not a time of day"),
            ("HROMADA_BACKUP_KEEP", "0", "backup_keep: 0 is out of range"),
            ("HROMADA_BACKUP_DIR", "data/backups", "backup_dir: \"data/backups\" is inside data_dir"),
            ("HROMADA_BACKUP_DIR", ".", "backup_dir: \".\" holds data_dir"),
            ("HROMADA_BACKUP_DIR", "./data/../data/b", "backup_dir: \"./data/../data/b\" is inside data_dir"),
        ] {
            let env = |k: &str| (k == var).then(|| value.to_string());
            let err = Settings::load(&Overrides::default(), &env).expect_err(value);
            assert!(err.0.starts_with(starts), "{err}");
        }
    }

    #[test]
    fn the_public_url_must_be_http_or_https() {
        let env = |k: &str| (k == "HROMADA_PUBLIC_URL").then(|| "hromada.example.org".to_string());
        let err = Settings::load(&Overrides::default(), &env).expect_err("must fail");
        assert!(err.0.starts_with("public_url:"), "{err}");
        let env = |k: &str| (k == "HROMADA_PUBLIC_URL").then(|| "https://hromada.example.org/".to_string());
        assert_eq!(Settings::load(&Overrides::default(), &env).expect("ok").public_url, "https://hromada.example.org");
    }

    #[test]
    fn flags_win_over_environment_which_wins_over_the_file() {
        let dir = std::env::temp_dir().join(format!("hromada-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("hromada.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:7000\"\nlog_format = \"json\"\n").expect("write");
        let env = |k: &str| (k == "HROMADA_LISTEN").then(|| "127.0.0.1:7001".to_string());
        let mut o = Overrides { config: Some(file.clone()), ..Overrides::default() };
        let s = Settings::load(&o, &env).expect("load");
        assert_eq!(s.listen.port(), 7001);
        assert_eq!(s.log_format, LogFormat::Json);
        o.listen = Some("127.0.0.1:7002".into());
        assert_eq!(Settings::load(&o, &env).expect("load").listen.port(), 7002);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_wrong_value_names_the_setting() {
        let env = |k: &str| (k == "HROMADA_LISTEN").then(|| "localhost".to_string());
        let err = Settings::load(&Overrides::default(), &env).expect_err("must fail");
        assert!(err.0.starts_with("listen: \"localhost\""), "{err}");
        let env = |k: &str| (k == "HROMADA_DATABASE_URL").then(|| "mysql://root:secret@db/x".to_string());
        let err = Settings::load(&Overrides::default(), &env).expect_err("must fail");
        assert!(err.0.starts_with("database_url:"), "{err}");
        assert!(!err.0.contains("secret"), "the password must not be shown: {err}");
    }

    #[test]
    fn an_unknown_key_in_the_file_is_located() {
        let dir = std::env::temp_dir().join(format!("hromada-config-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("hromada.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:7000\"\nlisten_port = 8\n").expect("write");
        let o = Overrides { config: Some(file.clone()), ..Overrides::default() };
        let err = Settings::load(&o, &no_env).expect_err("must fail");
        assert!(err.0.contains("hromada.toml:2:1"), "{err}");
        assert!(err.0.contains("listen_port"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// `KEY=VALUE` lines of a systemd environment file (quotes around a value
    /// dropped, as systemd drops them); `commented` reads the `#KEY=VALUE` ones instead.
    fn environment_file(text: &str, commented: bool) -> Vec<(String, String)> {
        text.lines()
            .filter_map(|line| if commented { line.strip_prefix('#') } else { (!line.starts_with('#')).then_some(line) })
            .filter_map(|line| line.split_once('='))
            .filter(|(key, _)| key.starts_with("HROMADA_") && key.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
            .map(|(key, value)| (key.to_string(), value.trim().trim_matches('"').to_string()))
            .collect()
    }

    /// The examples shipped in deploy/ are what an operator copies to
    /// /etc/hromada: the TOML loads as it is and with each commented-out
    /// alternative (`# key = value`) in turn, the environment file's variables
    /// (set and commented out) are accepted, secrets are only in the latter,
    /// and every setting Hromada knows is shown in one of the two.
    #[test]
    fn the_deployment_examples_load_and_show_every_setting() {
        let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy");
        let example = std::fs::read_to_string(deploy.join("hromada.toml.example")).expect("deploy/hromada.toml.example");
        let env_file = std::fs::read_to_string(deploy.join("hromada.env.example")).expect("deploy/hromada.env.example");
        let dir = hromada_store::testing::TempDir::new();
        let file = dir.path().join("hromada.toml");
        let load = |text: &str, env: &[(String, String)]| {
            std::fs::write(&file, text).expect("write");
            let lookup = |k: &str| env.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
            Settings::load(&Overrides { config: Some(file.clone()), ..Overrides::default() }, &lookup)
        };

        let s = load(&example, &[]).unwrap_or_else(|e| panic!("deploy/hromada.toml.example: {e}"));
        assert!(s.public_url.starts_with("https://"), "behind TLS: {}", s.public_url);
        assert_eq!(s.proxy_hops, 1, "nginx is one proxy");
        assert!(s.metrics_listen.is_some_and(|a| a.ip().is_loopback()), "/metrics on loopback, not through nginx");
        assert!(s.listen.ip().is_loopback(), "only nginx reaches Hromada");
        assert_eq!((s.keys_secret.as_deref(), s.metrics_token.as_deref()), (None, None), "secrets belong in hromada.env");

        let alternatives: Vec<(usize, &str)> = example
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                line.strip_prefix("# ")
                    .and_then(|l| l.split_once(" = "))
                    .is_some_and(|(key, _)| !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            })
            .collect();
        assert!(alternatives.len() >= 10, "the commented-out settings are found: {alternatives:?}");
        for (number, line) in &alternatives {
            let setting = &line[2..];
            let key = setting.split(" = ").next().unwrap_or_default();
            let text: String = example
                .lines()
                .filter(|l| !l.starts_with(&format!("{key} = ")))
                .map(|l| if l == *line { setting } else { l })
                .map(|l| format!("{l}\n"))
                .collect();
            if let Err(e) = load(&text, &[]) {
                panic!("deploy/hromada.toml.example:{}: `{setting}` uncommented: {e}", number + 1);
            }
        }

        let set = environment_file(&env_file, false);
        assert!(set.iter().any(|(k, _)| k == "HROMADA_KEYS_SECRET"), "the keys' passphrase is in the environment file: {set:?}");
        let s = load(&example, &set).unwrap_or_else(|e| panic!("deploy/hromada.env.example: {e}"));
        assert!(s.keys_secret.is_some());
        for variable in environment_file(&env_file, true) {
            let mut env = set.clone();
            env.push(variable.clone());
            if let Err(e) = load(&example, &env) {
                panic!("deploy/hromada.env.example: #{}={} set: {e}", variable.0, variable.1);
            }
        }

        // Every key the file may hold, as serde lists them for an unknown one.
        let unknown = toml::from_str::<FileSettings>("not_a_setting = 1").expect_err("unknown key").to_string();
        let known: Vec<&str> =
            unknown.split_once("expected one of").map(|(_, l)| l).unwrap_or_default().split('`').skip(1).step_by(2).collect();
        assert!(known.len() >= 20 && known.contains(&"listen"), "the keys of FileSettings: {unknown}");
        for key in known {
            let variable = format!("HROMADA_{}=", key.to_ascii_uppercase());
            assert!(
                example.contains(&format!("{key} = ")) || env_file.contains(&variable),
                "the setting `{key}` is in neither deploy/hromada.toml.example nor (as {variable}…) deploy/hromada.env.example: \
                 show it there, with its default or an example"
            );
        }
    }
}
