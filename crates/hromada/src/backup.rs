//! Backups that restore: `hromada backup DEST`, `hromada backup verify SRC`,
//! `hromada restore SRC`, and the daily backups of `serve` (`backup_dir`).
//!
//! A backup is a folder:
//!
//! ```text
//! DEST/manifest.json         written last: its presence marks a finished backup
//! DEST/database.sqlite       SQLite: a consistent copy (VACUUM INTO), or
//! DEST/database.pgdump       PostgreSQL: pg_dump's custom format
//! DEST/uploads/ab/abcdef…    every uploaded content a case of the copy refers to
//! DEST/keys/BUC-2.ed25519    the communities' signing keys, as sealed on disk
//! ```
//!
//! The manifest names the format and its version, the Hromada that made it,
//! the schema version, the time, and every file's size and SHA-256. Keys are
//! copied sealed (with `keys_secret`, which is not in the backup): a backup
//! never holds a private key in clear.
//!
//! Consistency while the server takes submissions: the database is copied
//! first, at one moment; uploads are written to disk before the row that
//! refers to them commits, so every content the copy refers to is on disk
//! when the copy ends, and the server removes no upload while a backup holds
//! `<data_dir>/backup.lock` (see [`hromada_web::FileStore`]): the files are
//! copied after the database, each checked against its name (its SHA-256).
//! Which files is read from the copy itself (SQLite's file, or the dump's
//! `case_files`), not from the live database: a row deleted there after the
//! copy's moment (a draft's file removed) is still in the copy, and so must
//! its content be.
//! A signing key's file is written before its public half is published, so
//! the same holds for keys.
//!
//! Every report and refusal is a message of the web crate's Fluent catalogue
//! (`backup-…`, `restore-…`): the commands word them in the reader's language
//! (`--lang`, else the locale, as `places import`), the daily backups log them
//! in English.

use std::io::{Read as _, Write as _};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use hromada_domain::Lang;
use hromada_store::{BackupStore as _, Store, redact_url, sqlite_path};
use hromada_web::{I18n, Tr};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// What the manifest's `format` says of every Hromada backup.
pub const FORMAT: &str = "hromada-backup";
/// The layout this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "database.sqlite";
const PG_FILE: &str = "database.pgdump";
/// The lock a backup holds on the data folder (the server removes no upload meanwhile).
pub const LOCK_FILE: &str = "backup.lock";
/// A manifest is a few hundred bytes per file; anything this large is not one.
const MANIFEST_MAX_BYTES: u64 = 1 << 30;

/// A refusal or a failure, not yet worded: a message of the catalogue and its
/// arguments (at most one of them a count, which picks the plural form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    key: &'static str,
    args: Vec<(&'static str, String)>,
    count: Option<(&'static str, i64)>,
}

impl Said {
    fn new<const N: usize>(key: &'static str, args: [(&'static str, String); N]) -> Said {
        Said { key, args: args.into(), count: None }
    }

    /// `key` with `path` and `error` (what the system said).
    fn io(key: &'static str, path: &Path, error: impl std::fmt::Display) -> Said {
        Said::new(key, [("path", shown(path)), ("error", error.to_string())])
    }

    fn counting(mut self, name: &'static str, n: u64) -> Said {
        self.count = Some((name, count(n)));
        self
    }

    /// The message in `t`'s language.
    pub fn text(&self, t: Tr<'_>) -> String {
        match self.count {
            Some((name, n)) => t.args_count(self.key, &self.args, name, n),
            None => t.args(self.key, &self.args),
        }
    }

    /// The message in English, for the log (the catalogue is bundled: were it
    /// broken, the key and the arguments).
    pub fn english(&self) -> String {
        match I18n::load() {
            Ok(i18n) => self.text(Tr { i18n: &i18n, lang: Lang::En }),
            Err(_) => format!("{} {:?} {:?}", self.key, self.args, self.count),
        }
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    pub format_version: u32,
    /// The version of the Hromada that made it.
    pub hromada_version: String,
    /// When the database was copied (RFC 3339, UTC).
    pub made_at: String,
    /// How long the backup took, in milliseconds.
    pub took_ms: u64,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// The newest migration of the copied database.
    pub schema_version: i64,
    /// The file of [`Manifest::files`] that holds the database.
    pub database: String,
    /// Where the uploads were, and that they are copied into the backup.
    pub uploads: Uploads,
    /// How many signing keys (sealed) the backup holds.
    pub keys: u64,
    pub files: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uploads {
    /// `file`: they were in the data folder (`<data_dir>/uploads`).
    pub storage: String,
    /// `copied`: every content a case of the copy refers to is in `uploads/`.
    pub kept: String,
    pub count: u64,
    pub bytes: u64,
}

/// One file of the backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Relative to the backup's folder, with `/`.
    pub path: String,
    pub size: u64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

impl Manifest {
    /// Bytes of every file together.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    fn entry(&self, path: &str) -> Option<&Entry> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// A finished backup, for the report.
#[derive(Debug)]
pub struct Made {
    pub dest: PathBuf,
    pub manifest: Manifest,
    pub took: Duration,
}

impl Made {
    /// What `hromada backup` prints.
    pub fn report(&self, t: Tr<'_>) -> String {
        let m = &self.manifest;
        let database = m.entry(&m.database).map_or(0, |e| e.size);
        let dest = shown(&self.dest);
        [
            t.with("backup-written", "dest", &dest),
            format!(
                "  {}",
                t.args(
                    "backup-written-database",
                    &[("backend", m.backend.clone()), ("schema", m.schema_version.to_string()), ("size", human_bytes(database, t))]
                )
            ),
            format!(
                "  {}",
                t.args_count("backup-written-uploads", &[("size", human_bytes(m.uploads.bytes, t))], "count", count(m.uploads.count))
            ),
            format!("  {}", t.numbers("backup-written-keys", &[("count", count(m.keys))])),
            format!(
                "  {}",
                t.args_count(
                    "backup-written-total",
                    &[("size", human_bytes(m.total_bytes(), t)), ("seconds", decimal(self.took.as_secs_f64(), t.lang))],
                    "count",
                    count(m.files.len() as u64 + 1),
                )
            ),
            t.with("backup-written-check", "dest", &dest),
        ]
        .join("\n")
    }
}

/// A count as Fluent takes it.
pub fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A number with one decimal, with the separator of the language: `2,5` (`2.5` in English).
pub fn decimal(value: f64, lang: Lang) -> String {
    let text = format!("{value:.1}");
    if lang == Lang::Uk { text.replace('.', ",") } else { text }
}

/// A size as people say it: `512 B`, `1.5 KB`, `3,0 ГБ`.
pub fn human_bytes(bytes: u64, t: Tr<'_>) -> String {
    const UNITS: [&str; 4] = ["backup-size-kb", "backup-size-mb", "backup-size-gb", "backup-size-tb"];
    if bytes < 1024 {
        return t.with("backup-size-b", "n", &bytes.to_string());
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    t.with(UNITS[unit], "n", &decimal(value, t.lang))
}

// ---- making a backup ----------------------------------------------------------------------

/// The exclusive lock of `<data_dir>/backup.lock`: one backup of a data folder
/// at a time, and no upload removed while it is held.
struct Held(#[allow(dead_code)] std::fs::File);

/// The server holds the lock shared for a moment each time it removes unused
/// uploads; another backup holds it for its whole run. So a busy lock is
/// tried again for a while before the backup gives up.
async fn take_lock(data_dir: &Path) -> Result<Held, Said> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match try_lock(data_dir)? {
            Some(held) => return Ok(held),
            None if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(50)).await,
            None => {
                return Err(Said::new("backup-locked", [("dir", shown(data_dir)), ("lock", shown(&data_dir.join(LOCK_FILE)))]));
            }
        }
    }
}

/// The lock, or `None` while someone else holds it.
fn try_lock(data_dir: &Path) -> Result<Option<Held>, Said> {
    std::fs::create_dir_all(data_dir).map_err(|e| Said::io("backup-cannot-create-data-dir", data_dir, e))?;
    let path = data_dir.join(LOCK_FILE);
    // Read-only is enough for a lock: a lock file made by another user (the
    // server's, or root's) still locks.
    let file = match std::fs::File::open(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)
        }
        opened => opened,
    }
    .map_err(|e| Said::io("backup-cannot-open", &path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Held(file))),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(Said::io("backup-cannot-lock", &path, e)),
    }
}

/// Make a backup of the installation (`store`, the data folder, the database
/// at `database_url`) into `dest`, a new or empty folder. On failure nothing
/// is left in `dest`.
pub async fn make(store: &dyn Store, data_dir: &Path, database_url: &str, dest: &Path) -> Result<Made, Said> {
    let started = Instant::now();
    // The lock first: a second backup into the same folder finds it taken by
    // the first (not empty) and leaves it alone.
    let lock = take_lock(data_dir).await?;
    let created = prepare_dest(dest)?;
    let result = make_into(store, data_dir, database_url, dest, started).await;
    drop(lock);
    if result.is_err() {
        // An unfinished backup is no backup: leave nothing that looks like one
        // — only what this backup wrote, in the folder it claimed.
        if created {
            let _ = std::fs::remove_dir_all(dest);
        } else if let Ok(entries) = std::fs::read_dir(dest) {
            for entry in entries.flatten() {
                let path = entry.path();
                let _ =
                    if entry.file_type().is_ok_and(|t| t.is_dir()) { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            }
        }
    }
    result
}

/// `dest` must not exist (it is made) or be an empty folder. Whether it was made.
fn prepare_dest(dest: &Path) -> Result<bool, Said> {
    match std::fs::read_dir(dest) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                Err(Said::new("backup-dest-not-empty", [("dest", shown(dest))]))
            } else {
                Ok(false)
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| Said::io("backup-cannot-create", parent, e))?;
            }
            // Only its owner reads a backup: it holds every resident's data.
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dest).map_err(|e| Said::io("backup-cannot-create", dest, e))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(Said::new("backup-dest-is-file", [("dest", shown(dest))])),
        Err(e) => Err(Said::io("backup-cannot-read", dest, e)),
    }
}

async fn make_into(store: &dyn Store, data_dir: &Path, database_url: &str, dest: &Path, started: Instant) -> Result<Made, Said> {
    #[cfg(unix)]
    std::fs::set_permissions(dest, std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .map_err(|e| Said::io("backup-cannot-create", dest, e))?;
    let schema_version = store
        .schema_version()
        .await
        .map_err(|e| Said::new("backup-schema-unreadable", [("error", e.to_string())]))?
        .ok_or(Said::new("backup-no-schema", []))?;
    let known = store.known_schema_version();
    if schema_version > known {
        return Err(Said::new("backup-schema-newer", [("schema", schema_version.to_string()), ("known", known.to_string())]));
    }
    let made_at = OffsetDateTime::now_utc();
    let (database, hashes) = match store.backend() {
        "sqlite" => {
            let hashes = store
                .snapshot_into(&dest.join(SQLITE_FILE))
                .await
                .map_err(|e| Said::new("backup-cannot-copy-database", [("error", e.to_string())]))?;
            (SQLITE_FILE, hashes)
        }
        _ => {
            let file = dest.join(PG_FILE);
            let url = database_url.to_string();
            let hashes = blocking(move || pg_dump(&url, &file).and_then(|()| pg_dump_file_hashes(&file))).await?;
            (PG_FILE, hashes)
        }
    };
    // Every key published before the copy signs documents of the copy: its
    // private half must be in the backup. (A key is written to its file before
    // it is published, and renamed a moment after; one made after the copy's
    // moment need not be here.)
    let published = store.signing_keys().await.map_err(|e| Said::new("backup-schema-unreadable", [("error", e.to_string())]))?;
    let keys_dir = data_dir.join("keys");
    let (data_dir, dest_dir) = (data_dir.to_path_buf(), dest.to_path_buf());
    let (files, uploads, keys) = blocking(move || copy_files(&data_dir, &dest_dir, database, &hashes)).await?;
    for key in published.iter().filter(|k| k.created_at + Duration::from_secs(5) < made_at) {
        let path = format!("keys/{}.ed25519", key.id);
        if !files.iter().any(|f| f.path == path) {
            return Err(Said::new("backup-key-missing", [("key", key.id.clone()), ("dir", shown(&keys_dir))]));
        }
    }
    let took = started.elapsed();
    let unwritable = |e: &dyn std::fmt::Display| Said::new("backup-cannot-write-manifest", [("error", e.to_string())]);
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        hromada_version: env!("CARGO_PKG_VERSION").into(),
        made_at: made_at.format(&Rfc3339).map_err(|e| unwritable(&e))?,
        took_ms: u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
        backend: store.backend().into(),
        schema_version,
        database: database.into(),
        uploads,
        keys,
        files,
    };
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| unwritable(&e))?;
    let dest_dir = dest.to_path_buf();
    blocking(move || {
        write_durably(&dest_dir.join(MANIFEST), &text)?;
        // The backup's folder itself, in its parent.
        match dest_dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) => sync_dir(parent),
            None => Ok(()),
        }
    })
    .await?;
    Ok(Made { dest: dest.to_path_buf(), manifest, took })
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, Said> + Send + 'static) -> Result<T, Said> {
    tokio::task::spawn_blocking(work).await.map_err(|e| Said::new("backup-work-stopped", [("error", e.to_string())]))?
}

/// Copies the uploads and keys beside the database file, each made durable;
/// every file's entry (the database's first), what was said of the uploads,
/// and how many keys.
fn copy_files(data_dir: &Path, dest: &Path, database: &str, hashes: &[String]) -> Result<(Vec<Entry>, Uploads, u64), Said> {
    let mut files = vec![hash_file(&dest.join(database), database)?];
    let mut uploads = Uploads { storage: "file".into(), kept: "copied".into(), count: 0, bytes: 0 };
    let mut made_dirs = std::collections::BTreeSet::new();
    for sha in hashes {
        let relative = upload_path(sha).ok_or_else(|| Said::new("backup-upload-bad-name", [("name", format!("{sha:?}"))]))?;
        let from = data_dir.join(&relative);
        let to = dest.join(&relative);
        if let Some(dir) = to.parent()
            && made_dirs.insert(dir.to_path_buf())
        {
            std::fs::create_dir_all(dir).map_err(|e| Said::io("backup-cannot-create", dir, e))?;
        }
        let (size, got) = match copy_hashed(&from, &to) {
            Ok(copied) => copied,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !from.exists() => {
                return Err(Said::new("backup-upload-missing", [("path", shown(&from))]));
            }
            Err(e) => {
                return Err(Said::new("backup-cannot-copy-to", [("from", shown(&from)), ("to", shown(&to)), ("error", e.to_string())]));
            }
        };
        if &got != sha {
            return Err(Said::new("backup-upload-damaged", [("path", shown(&from)), ("sha", got)]));
        }
        uploads.count += 1;
        uploads.bytes += size;
        files.push(Entry { path: relative, size, sha256: got });
    }
    let mut keys = 0;
    let key_dir = data_dir.join("keys");
    let mut names = match std::fs::read_dir(&key_dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| is_key_file(name))
            .collect::<Vec<_>>(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Said::io("backup-cannot-read", &key_dir, e)),
    };
    names.sort();
    if !names.is_empty() {
        make_private_dir(&dest.join("keys"))?;
        made_dirs.insert(dest.join("keys"));
    }
    for name in names {
        let relative = format!("keys/{name}");
        let (size, sha256) = copy_hashed(&key_dir.join(&name), &dest.join(&relative))
            .map_err(|e| Said::io("backup-cannot-copy", &key_dir.join(&name), e))?;
        files.push(Entry { path: relative, size, sha256 });
        keys += 1;
    }
    for dir in made_dirs.iter().rev() {
        sync_dir(dir)?;
    }
    if uploads.count > 0 {
        sync_dir(&dest.join("uploads"))?;
    }
    sync_dir(dest)?;
    Ok((files, uploads, keys))
}

/// `uploads/ab/abcdef…` for a well-formed hex SHA-256.
fn upload_path(sha256: &str) -> Option<String> {
    let well_formed = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    well_formed.then(|| format!("uploads/{}/{sha256}", &sha256[..2]))
}

/// A published key's file (`BUC-2.ed25519`), not one being made (`.new-…`).
fn is_key_file(name: &str) -> bool {
    name.ends_with(".ed25519") && !name.starts_with('.')
}

/// Copies `from` to the new file `to` (made durable), giving its size and SHA-256.
fn copy_hashed(from: &Path, to: &Path) -> std::io::Result<(u64, String)> {
    let mut source = std::fs::File::open(from)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut target = options.open(to)?;
    let hashed = hash_through(&mut source, Some(&mut target))?;
    target.sync_all()?;
    Ok(hashed)
}

/// Reads `source` to its end, writing it to `copy` if given: its size and SHA-256.
fn hash_through(source: &mut std::fs::File, mut copy: Option<&mut std::fs::File>) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = source.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        if let Some(copy) = copy.as_mut() {
            copy.write_all(&buffer[..n])?;
        }
        size += n as u64;
    }
    Ok((size, hex(&hasher.finalize())))
}

/// The entry of a file already written.
fn hash_file(path: &Path, relative: &str) -> Result<Entry, Said> {
    let (size, sha256) = hash_of(path).map_err(|e| Said::io("backup-cannot-read", path, e))?;
    Ok(Entry { path: relative.into(), size, sha256 })
}

fn hash_of(path: &Path) -> std::io::Result<(u64, String)> {
    hash_through(&mut std::fs::File::open(path)?, None)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sync_dir(dir: &Path) -> Result<(), Said> {
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| Said::io("backup-cannot-sync", dir, e))
}

fn make_private_dir(dir: &Path) -> Result<(), Said> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Said::io("backup-cannot-create", dir, e))
}

/// Write `bytes` to `path` so that a crash leaves the old file or the whole new one.
fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), Said> {
    let temporary = path.with_extension("partial");
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(Said::io("backup-cannot-write", path, e));
    }
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

// ---- PostgreSQL's tools -------------------------------------------------------------------

/// A PostgreSQL client tool (`pg_dump`, `pg_restore`) for the database at
/// `url`: the password goes in `PGPASSWORD`, not on the command line (where
/// every user of the machine could read it), and the tool never asks for one.
fn pg_tool(program: &str, url: &str) -> std::process::Command {
    let (url, password) = split_password(&libpq_url(url));
    let mut command = std::process::Command::new(program);
    command.arg("--no-password").arg(format!("--dbname={url}"));
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    command.stdin(std::process::Stdio::null());
    command
}

/// The URL as libpq reads it: without the parameters only sqlx knows
/// (`statement-cache-capacity`), which pg_dump and pg_restore refuse.
fn libpq_url(url: &str) -> String {
    const SQLX_ONLY: [&str; 1] = ["statement-cache-capacity="];
    match url.split_once('?') {
        Some((base, query)) => {
            let kept: Vec<&str> = query.split('&').filter(|pair| !SQLX_ONLY.iter().any(|p| pair.starts_with(p))).collect();
            if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) }
        }
        None => url.to_string(),
    }
}

/// The URL without its password, and the password (percent-decoded): in
/// its user part, or as a `password=` parameter of its query.
fn split_password(url: &str) -> (String, Option<String>) {
    if let Some((base, query)) = url.split_once('?') {
        let (mut kept, mut password) = (Vec::new(), None);
        for pair in query.split('&') {
            match pair.strip_prefix("password=") {
                Some(value) => password = Some(percent_decode(value)),
                None => kept.push(pair),
            }
        }
        if password.is_some() {
            let without = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
            let (without, in_user) = split_password(&without);
            return (without, in_user.or(password));
        }
    }
    let Some(scheme_end) = url.find("://") else { return (url.to_string(), None) };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else { return (url.to_string(), None) };
    let userinfo = &rest[..at];
    let Some(colon) = userinfo.find(':') else { return (url.to_string(), None) };
    let without = format!("{}{}{}", &url[..scheme_end + 3], &userinfo[..colon], &rest[at..]);
    (without, Some(percent_decode(&userinfo[colon + 1..])))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs a PostgreSQL tool to its end: its complaint when it fails.
fn run_pg_tool(program: &str, mut command: std::process::Command) -> Result<(), Said> {
    let output = command.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Said::new("backup-pg-tool-missing", [("program", program.to_string())])
        } else {
            Said::new("backup-cannot-run", [("program", program.to_string()), ("error", e.to_string())])
        }
    })?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let said: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).take(5).collect();
    Err(Said::new(
        "backup-pg-tool-failed",
        [("program", program.to_string()), ("status", output.status.to_string()), ("said", said.join(" / "))],
    ))
}

fn pg_dump(url: &str, file: &Path) -> Result<(), Said> {
    let mut command = pg_tool("pg_dump", url);
    command.arg("--format=custom").arg(format!("--file={}", file.display()));
    run_pg_tool("pg_dump", command)?;
    std::fs::File::open(file).and_then(|f| f.sync_all()).map_err(|e| Said::io("backup-cannot-sync", file, e))
}

/// The SHA-256 of every upload the dump's `case_files` refers to, each once,
/// in order: its rows as `pg_restore` writes them out (a `COPY … FROM stdin`
/// block, one row a line, columns by tabs), read as they come.
fn pg_dump_file_hashes(file: &Path) -> Result<Vec<String>, Said> {
    use std::io::BufRead as _;
    let cannot_run = |e: std::io::Error| Said::new("backup-dump-cannot-run", [("error", e.to_string())]);
    let mut child = std::process::Command::new("pg_restore")
        .args(["--data-only", "--table=case_files", "--file=-"])
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    let stdout = child.stdout.take().ok_or(Said::new("backup-dump-no-output", []))?;
    let read = copied_hashes(std::io::BufReader::new(stdout).lines());
    let output = child.wait_with_output().map_err(cannot_run)?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(Said::new("backup-dump-failed", [("status", output.status.to_string()), ("said", said.trim().to_string())]));
    }
    read
}

/// The `sha256` column of the `case_files` COPY block of a SQL script, each value once, in order.
fn copied_hashes(lines: impl Iterator<Item = std::io::Result<String>>) -> Result<Vec<String>, Said> {
    let mut column = None;
    let mut found = false;
    let mut hashes = std::collections::BTreeSet::new();
    for line in lines {
        let line = line.map_err(|e| Said::new("backup-dump-output-unreadable", [("error", e.to_string())]))?;
        match column {
            None => {
                let Some((_, names)) = line.strip_prefix("COPY ").filter(|l| l.contains("case_files (")).and_then(|l| l.split_once('('))
                else {
                    continue;
                };
                column = Some(
                    names
                        .split(')')
                        .next()
                        .unwrap_or_default()
                        .split(", ")
                        .position(|name| name.trim() == "sha256")
                        .ok_or_else(|| Said::new("backup-dump-no-sha-column", [("line", line.clone())]))?,
                );
                found = true;
            }
            Some(_) if line == "\\." => column = None,
            Some(i) => {
                let sha = line.split('\t').nth(i).ok_or_else(|| Said::new("backup-dump-row-no-sha", [("line", line.clone())]))?;
                hashes.insert(sha.to_string());
            }
        }
    }
    if !found {
        return Err(Said::new("backup-dump-no-case-files", []));
    }
    Ok(hashes.into_iter().collect())
}

fn pg_restore(url: &str, file: &Path) -> Result<(), Said> {
    let mut command = pg_tool("pg_restore", url);
    command.args(["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges"]).arg(file);
    run_pg_tool("pg_restore", command)
}

// ---- checking a backup --------------------------------------------------------------------

/// Read and check the manifest of the backup in `src`, then every file
/// against it: the manifest, or one message naming the first thing wrong.
pub fn verify(src: &Path) -> Result<Manifest, Said> {
    let manifest = read_manifest(src)?;
    for entry in &manifest.files {
        let path = src.join(&entry.path);
        // A backup's files are plain files of their stated size: a link (to
        // /etc/shadow, /dev/zero) is neither read nor measured.
        match std::fs::symlink_metadata(&path) {
            Ok(m) if !m.file_type().is_file() => return Err(Said::new("backup-verify-changed", [("path", shown(&path))])),
            Ok(m) if m.len() != entry.size => {
                return Err(Said::new("backup-verify-size", [("path", shown(&path)), ("expected", entry.size.to_string())])
                    .counting("size", m.len()));
            }
            _ => {}
        }
        let (size, sha256) = match hash_of(&path) {
            Ok(found) => found,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Said::new("backup-verify-missing", [("path", shown(&path))]));
            }
            Err(e) => return Err(Said::io("backup-verify-unreadable", &path, e)),
        };
        if size != entry.size {
            return Err(
                Said::new("backup-verify-size", [("path", shown(&path)), ("expected", entry.size.to_string())]).counting("size", size)
            );
        }
        if sha256 != entry.sha256 {
            return Err(Said::new("backup-verify-changed", [("path", shown(&path))]));
        }
    }
    Ok(manifest)
}

fn read_manifest(src: &Path) -> Result<Manifest, Said> {
    let path = src.join(MANIFEST);
    let damaged = |key: &'static str| Said::new(key, [("path", shown(&path))]);
    let metadata = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(if src.is_dir() {
                Said::new("backup-no-manifest", [("src", shown(src)), ("manifest", MANIFEST.to_string())])
            } else {
                Said::new("backup-no-folder", [("src", shown(src))])
            });
        }
        Err(e) => return Err(Said::io("backup-cannot-read", &path, e)),
    };
    if metadata.len() > MANIFEST_MAX_BYTES {
        return Err(damaged("backup-manifest-too-large"));
    }
    let bytes = std::fs::read(&path).map_err(|e| Said::io("backup-cannot-read", &path, e))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| Said::io("backup-manifest-not-json", &path, e))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(damaged("backup-manifest-foreign"));
    }
    let version = value.get("format_version").and_then(serde_json::Value::as_u64);
    let of_format = |key: &'static str, v: u64| {
        Said::new(key, [("path", shown(&path)), ("format", v.to_string()), ("known", FORMAT_VERSION.to_string())])
    };
    match version {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => return Err(of_format("backup-manifest-newer", v)),
        Some(v) => return Err(of_format("backup-manifest-unknown-format", v)),
        None => return Err(damaged("backup-manifest-no-version")),
    }
    let manifest: Manifest = serde_json::from_value(value).map_err(|e| Said::io("backup-manifest-damaged", &path, e))?;
    for entry in &manifest.files {
        if !is_safe_relative(&entry.path) {
            return Err(Said::new("backup-manifest-outside", [("path", shown(&path)), ("named", format!("{:?}", entry.path))]));
        }
    }
    if ![SQLITE_FILE, PG_FILE].contains(&manifest.database.as_str()) || manifest.entry(&manifest.database).is_none() {
        return Err(damaged("backup-manifest-no-database"));
    }
    Ok(manifest)
}

/// A path inside the backup: relative, of plain names only.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path).components().all(|c| matches!(c, Component::Normal(_)))
        && (path == SQLITE_FILE || path == PG_FILE || path.starts_with("uploads/") || path.starts_with("keys/"))
}

// ---- restoring ----------------------------------------------------------------------------

/// Where a restore puts things.
pub struct Target<'a> {
    pub data_dir: &'a Path,
    pub database_url: &'a str,
    /// The passphrase the keys must open with, when set.
    pub keys_secret: Option<&'a hromada_web::keys::KeysSecret>,
}

/// A restore done, for the report.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    pub took: Duration,
}

impl Restored {
    /// What `hromada restore` prints first.
    pub fn report(&self, t: Tr<'_>, target: &Target<'_>) -> String {
        let m = &self.manifest;
        [
            t.args(
                "restore-done",
                &[
                    ("made", m.made_at.clone()),
                    ("version", m.hromada_version.clone()),
                    ("schema", m.schema_version.to_string()),
                    ("seconds", decimal(self.took.as_secs_f64(), t.lang)),
                ],
            ),
            format!("  {}", t.args("restore-done-database", &[("backend", m.backend.clone()), ("url", redact_url(target.database_url))])),
            format!(
                "  {}",
                t.args_count(
                    "restore-done-uploads",
                    &[("size", human_bytes(m.uploads.bytes, t)), ("dir", shown(&target.data_dir.join("uploads")))],
                    "count",
                    count(m.uploads.count),
                )
            ),
            format!("  {}", t.args_count("restore-done-keys", &[("dir", shown(&target.data_dir.join("keys")))], "count", count(m.keys))),
        ]
        .join("\n")
    }
}

/// Restore the backup in `src` onto an empty data folder and an empty
/// database: check the backup whole first, then the target; nothing is
/// written before both are found good. What it did, for the report.
pub async fn restore(src: &Path, target: &Target<'_>) -> Result<Restored, Said> {
    let started = Instant::now();
    let folder = src.to_path_buf();
    let manifest = blocking(move || verify(&folder)).await?;
    let backend = if sqlite_path(target.database_url).is_some() { "sqlite" } else { "postgres" };
    if manifest.backend != backend {
        return Err(Said::new(
            "restore-wrong-backend",
            [("backup", manifest.backend.clone()), ("target", backend.to_string()), ("url", redact_url(target.database_url))],
        ));
    }
    let known = hromada_store::known_schema_version(backend);
    if manifest.schema_version > known {
        return Err(Said::new(
            "restore-schema-newer",
            [("version", manifest.hromada_version.clone()), ("schema", manifest.schema_version.to_string()), ("known", known.to_string())],
        ));
    }
    if let (Some(secret), Some(key)) = (target.keys_secret, manifest.files.iter().find(|e| e.path.starts_with("keys/"))) {
        // One passphrase seals every key: one key tells.
        let (secret, file) = (secret.clone(), src.join(&key.path));
        let opens = blocking(move || Ok(std::fs::read(&file).is_ok_and(|bytes| secret.opens_key_file(&bytes)))).await?;
        if !opens {
            return Err(Said::new("restore-keys-secret-wrong", [("key", key.path.clone())]));
        }
    }
    check_empty_folder(target.data_dir)?;
    match sqlite_path(target.database_url) {
        Some(file) => check_no_database_file(file)?,
        None => {
            let store = hromada_store::PgStore::connect(target.database_url).await.map_err(|e| {
                Said::new("backup-cannot-open-database", [("url", redact_url(target.database_url)), ("error", e.to_string())])
            })?;
            let tables = store.table_count().await.map_err(|e| Said::new("restore-database-unreadable", [("error", e.to_string())]))?;
            if tables > 0 {
                return Err(Said::new("restore-database-not-empty", [("url", redact_url(target.database_url))]).counting("count", tables));
            }
        }
    }

    // Files first, into a folder of their own beside their places; then the
    // database; then the files are moved into place. A failure before the
    // last step leaves the target as it was.
    let staging = target.data_dir.join(format!(".restoring-{}", std::process::id()));
    let (from, to, listed) = (src.to_path_buf(), staging.clone(), manifest.clone());
    let staged = blocking(move || stage_files(&from, &to, &listed)).await;
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let database = src.join(&manifest.database);
    let restored_database = match sqlite_path(target.database_url) {
        Some(file) => {
            let (file, entry) = (file.to_path_buf(), manifest.entry(&manifest.database).cloned());
            blocking(move || place_sqlite(&database, &file, entry.as_ref())).await
        }
        None => {
            let url = target.database_url.to_string();
            blocking(move || pg_restore(&url, &database)).await
        }
    };
    if let Err(e) = restored_database {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let (data_dir, staged_dir) = (target.data_dir.to_path_buf(), staging.clone());
    blocking(move || move_into_place(&staged_dir, &data_dir)).await?;
    Ok(Restored { manifest, took: started.elapsed() })
}

/// The data folder may hold anything but uploads and keys (a configuration
/// file, letters, a lock): those would be mixed with the backup's.
fn check_empty_folder(data_dir: &Path) -> Result<(), Said> {
    if let Ok(entries) = std::fs::read_dir(data_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".restoring-") {
                return Err(Said::new("restore-unfinished", [("dir", shown(data_dir)), ("name", name)]));
            }
        }
    }
    for part in ["uploads", "keys"] {
        let dir = data_dir.join(part);
        if holds_files(&dir).map_err(|e| Said::io("backup-cannot-read", &dir, e))? {
            return Err(Said::new("restore-data-dir-not-empty", [("dir", shown(&dir))]));
        }
    }
    Ok(())
}

/// Whether a folder (or one of its folders) holds a file.
fn holds_files(dir: &Path) -> std::io::Result<bool> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if !entry.file_type()?.is_dir() || holds_files(&entry.path())? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn check_no_database_file(file: &Path) -> Result<(), Said> {
    for candidate in [file.to_path_buf(), PathBuf::from(format!("{}-wal", file.display()))] {
        match std::fs::metadata(&candidate) {
            Ok(m) if m.len() > 0 => {
                return Err(Said::new("restore-database-file-exists", [("path", shown(&candidate))]));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Copies the backup's uploads and keys into `staging` (`uploads/`, `keys/`), each checked against the manifest.
fn stage_files(src: &Path, staging: &Path, manifest: &Manifest) -> Result<(), Said> {
    std::fs::create_dir_all(staging).map_err(|e| Said::io("backup-cannot-create", staging, e))?;
    make_private_dir(&staging.join("keys"))?;
    std::fs::create_dir_all(staging.join("uploads")).map_err(|e| Said::io("backup-cannot-create", &staging.join("uploads"), e))?;
    let mut dirs = std::collections::BTreeSet::new();
    for entry in manifest.files.iter().filter(|e| e.path != manifest.database) {
        let to = staging.join(&entry.path);
        if let Some(dir) = to.parent()
            && dirs.insert(dir.to_path_buf())
        {
            std::fs::create_dir_all(dir).map_err(|e| Said::io("backup-cannot-create", dir, e))?;
        }
        let (size, sha256) =
            copy_hashed(&src.join(&entry.path), &to).map_err(|e| Said::io("backup-cannot-copy", Path::new(&entry.path), e))?;
        if (size, sha256.as_str()) != (entry.size, entry.sha256.as_str()) {
            return Err(Said::new("restore-changed-meanwhile", [("path", shown(&src.join(&entry.path)))]));
        }
    }
    for dir in dirs.iter().rev() {
        sync_dir(dir)?;
    }
    sync_dir(&staging.join("uploads"))?;
    sync_dir(&staging.join("keys"))?;
    sync_dir(staging)
}

/// Copies the SQLite database into place (a temporary name, checked, synced, renamed).
fn place_sqlite(from: &Path, file: &Path, entry: Option<&Entry>) -> Result<(), Said> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Said::io("backup-cannot-create", dir, e))?;
    }
    let temporary = PathBuf::from(format!("{}.restoring", file.display()));
    let _ = std::fs::remove_file(&temporary);
    let copied = copy_hashed(from, &temporary).map_err(|e| Said::io("restore-cannot-copy-database", &temporary, e));
    let checked = copied.and_then(|(size, sha256)| match entry {
        Some(e) if (e.size, e.sha256.as_str()) == (size, sha256.as_str()) => Ok(()),
        _ => Err(Said::new("restore-changed-meanwhile", [("path", shown(from))])),
    });
    if let Err(e) = checked.and_then(|()| {
        std::fs::rename(&temporary, file).map_err(|e| Said::new("restore-cannot-place-database", [("error", e.to_string())]))
    }) {
        let _ = std::fs::remove_file(&temporary);
        return Err(e);
    }
    sync_dir(file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")))
}

fn move_into_place(staging: &Path, data_dir: &Path) -> Result<(), Said> {
    for part in ["uploads", "keys"] {
        let place = data_dir.join(part);
        // Found empty by the check: only empty folders can be in the way.
        if place.exists() {
            std::fs::remove_dir_all(&place).map_err(|e| Said::io("restore-cannot-clear", &place, e))?;
        }
        std::fs::rename(staging.join(part), &place).map_err(|e| Said::io("restore-cannot-move", &place, e))?;
    }
    std::fs::remove_dir(staging).map_err(|e| Said::io("restore-cannot-remove", staging, e))?;
    sync_dir(data_dir)
}

// ---- the daily backups of `serve` ---------------------------------------------------------

/// `backup_dir`, `backup_at`, `backup_keep`.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub dir: PathBuf,
    /// Minutes after midnight, Kyiv time.
    pub at_minute: u16,
    pub keep: u32,
}

/// The names of the daily backups: `hromada-YYYY-MM-DD-HHMM` (Kyiv time), so
/// that their order by name is their order in time.
const DAILY_PREFIX: &str = "hromada-";

/// Back up every day at the scheduled time into a new folder of
/// `schedule.dir`, keep the newest `schedule.keep`, and report to `/metrics`.
/// Runs until the process ends; a backup cut short by the end leaves a folder
/// without a manifest, which the next run removes.
pub async fn run_daily(
    store: std::sync::Arc<dyn Store>,
    data_dir: PathBuf,
    database_url: String,
    schedule: Schedule,
    metrics: std::sync::Arc<hromada_web::Metrics>,
) {
    metrics.backups_scheduled(newest_finished(&schedule.dir));
    loop {
        tokio::time::sleep(until_next(OffsetDateTime::now_utc(), schedule.at_minute)).await;
        let dest = schedule.dir.join(daily_name(&schedule.dir, OffsetDateTime::now_utc()));
        match make(store.as_ref(), &data_dir, &database_url, &dest).await {
            Ok(made) => {
                metrics.backup_succeeded(OffsetDateTime::now_utc().unix_timestamp(), made.took.as_secs_f64());
                tracing::info!(
                    dest = %dest.display(),
                    seconds = made.took.as_secs_f64(),
                    bytes = made.manifest.total_bytes(),
                    uploads = made.manifest.uploads.count,
                    "daily backup made"
                );
                match prune(&schedule.dir, schedule.keep) {
                    Ok(removed) if !removed.is_empty() => tracing::info!(removed = removed.join(", "), "older backups removed"),
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "older backups could not be removed"),
                }
            }
            Err(error) => {
                metrics.backup_failed();
                tracing::error!(error = error.english(), dest = %dest.display(), "the daily backup failed");
            }
        }
    }
}

/// How long from `now` until the next `at_minute` (Kyiv time); a full day when it is now.
fn until_next(now: OffsetDateTime, at_minute: u16) -> Duration {
    let here = hromada_domain::clock::kyiv_time(now);
    let at = time::Time::from_hms(u8::try_from(at_minute / 60).unwrap_or(0), u8::try_from(at_minute % 60).unwrap_or(0), 0)
        .unwrap_or(time::Time::MIDNIGHT);
    let mut next = here.replace_time(at);
    if next <= here {
        next += time::Duration::days(1);
    }
    // The offset of that day, not today's: across a change of summer time
    // the backup still starts at the same hour on the clock.
    let offset = hromada_domain::clock::kyiv_time(next).offset();
    let next = next.replace_offset(offset);
    Duration::try_from(next - now).unwrap_or(Duration::from_secs(60))
}

/// A new folder's name in `dir` for a backup made at `now`.
fn daily_name(dir: &Path, now: OffsetDateTime) -> String {
    let here = hromada_domain::clock::kyiv_time(now);
    let base =
        format!("{DAILY_PREFIX}{:04}-{:02}-{:02}-{:02}{:02}", here.year(), u8::from(here.month()), here.day(), here.hour(), here.minute());
    let mut name = base.clone();
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("{base}-{n}");
    }
    name
}

/// `hromada-YYYY-MM-DD-HHMM`, or with `-N` after it.
fn is_daily_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(DAILY_PREFIX) else { return false };
    let (stamp, suffix) = rest.split_at(rest.len().min(15));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let stamp_ok = stamp.len() == 15 && stamp.split('-').map(str::len).eq([4, 2, 2, 4]) && stamp.split('-').all(digits);
    stamp_ok && (suffix.is_empty() || suffix.strip_prefix('-').is_some_and(digits))
}

/// The daily backups in `dir`, oldest first: (name, finished).
fn daily_backups(dir: &Path) -> std::io::Result<Vec<(String, bool)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        // Only a real folder of exactly a daily backup's name: nothing else
        // there (a data folder, a backup made by hand) is ever pruned.
        if is_daily_name(&name) && entry.file_type()?.is_dir() {
            let finished = entry.path().join(MANIFEST).is_file();
            // An unfinished one is a daily backup a stop cut short, unless it is still being written.
            let stale = finished || entry.metadata()?.modified()?.elapsed().is_ok_and(|age| age > Duration::from_secs(6 * 3600));
            if stale {
                found.push((name, finished));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Removes the unfinished daily backups and the finished ones beyond the
/// newest `keep`; the names removed.
fn prune(dir: &Path, keep: u32) -> std::io::Result<Vec<String>> {
    let backups = daily_backups(dir)?;
    let finished = backups.iter().filter(|(_, f)| *f).count();
    let mut beyond = finished.saturating_sub(keep as usize);
    let mut removed = Vec::new();
    for (name, is_finished) in backups {
        if is_finished {
            if beyond == 0 {
                continue;
            }
            beyond -= 1;
        }
        std::fs::remove_dir_all(dir.join(&name))?;
        removed.push(name);
    }
    if !removed.is_empty() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(removed)
}

/// When the newest finished daily backup in `dir` ended (unix time) and how long it took.
fn newest_finished(dir: &Path) -> Option<(i64, f64)> {
    let backups = daily_backups(dir).ok()?;
    let (name, _) = backups.iter().rev().find(|(_, finished)| *finished)?;
    let manifest = read_manifest(&dir.join(name)).ok()?;
    let made_at = OffsetDateTime::parse(&manifest.made_at, &Rfc3339).ok()?;
    let took = manifest.took_ms as f64 / 1000.0;
    Some(((made_at + Duration::from_millis(manifest.took_ms)).unix_timestamp(), took))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_daily_backup_waits_for_its_time_in_kyiv() {
        // 01:00 UTC in winter is 03:00 in Kyiv: 02:30 is tomorrow, 23.5 hours on.
        assert_eq!(until_next(datetime!(2026-12-07 01:00 UTC), 150), Duration::from_secs(23 * 3600 + 1800));
        // 23:00 UTC is 01:00 in Kyiv: 02:30 is in an hour and a half.
        assert_eq!(until_next(datetime!(2026-12-07 23:00 UTC), 150), Duration::from_secs(5400));
        // At the very minute: the next day's.
        assert_eq!(until_next(datetime!(2026-12-07 00:30 UTC), 150), Duration::from_secs(24 * 3600));
        // Summer time begins on 29 March 2026 at 03:00: at 02:31 (00:31 UTC) the next 02:30 is on
        // 30 March, 23:30 UTC on the 29th (UTC+3), not an hour later.
        assert_eq!(until_next(datetime!(2026-03-29 00:31 UTC), 150), Duration::from_secs(22 * 3600 + 59 * 60));
        // And it ends on 25 October 2026 at 04:00: from 02:31 (23:31 UTC on the 24th, UTC+3), the next
        // 02:30 is 00:30 UTC on the 26th (UTC+2).
        assert_eq!(until_next(datetime!(2026-10-24 23:31 UTC), 150), Duration::from_secs(24 * 3600 + 59 * 60));
    }

    #[test]
    fn the_oldest_and_unfinished_backups_go_and_others_files_stay() {
        let dir = std::env::temp_dir().join(format!("hromada-prune-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (name, finished) in [
            ("hromada-2026-12-01-0230", true),
            ("hromada-2026-12-02-0230", false),
            ("hromada-2026-12-03-0230", true),
            ("hromada-2026-12-04-0230", true),
            ("hromada-2026-12-05-0230", false),
            ("by-hand", true),
            ("hromada-data", false),
            ("hromada-before-upgrade", true),
            ("hromada-2026-12-06-0230-manual", false),
        ] {
            std::fs::create_dir_all(dir.join(name)).unwrap();
            if finished {
                std::fs::write(dir.join(name).join(MANIFEST), "{}").unwrap();
            }
        }
        // One unfinished daily backup a stop cut short hours ago; the other is being written now.
        let hours_ago = std::time::SystemTime::now() - Duration::from_secs(7 * 3600);
        std::fs::File::open(dir.join("hromada-2026-12-02-0230")).unwrap().set_modified(hours_ago).unwrap();
        std::fs::write(dir.join("hromada-notes.txt"), "mine").unwrap();
        let removed = prune(&dir, 2).unwrap();
        assert_eq!(removed, vec!["hromada-2026-12-01-0230".to_string(), "hromada-2026-12-02-0230".to_string()]);
        let left: Vec<String> = daily_backups(&dir).unwrap().into_iter().map(|(n, _)| n).collect();
        assert_eq!(left, vec!["hromada-2026-12-03-0230".to_string(), "hromada-2026-12-04-0230".to_string()]);
        for other in ["by-hand", "hromada-data", "hromada-before-upgrade", "hromada-2026-12-06-0230-manual", "hromada-2026-12-05-0230"] {
            assert!(dir.join(other).is_dir(), "{other}: only finished or long-unfinished daily backups are pruned");
        }
        assert!(dir.join("hromada-notes.txt").is_file());
        assert!(
            is_daily_name("hromada-2026-12-04-0230-12")
                && !is_daily_name("hromada-2026-12-04-023")
                && !is_daily_name("hromada-2026-1a-04-0230")
        );
        assert_eq!(daily_name(&dir, datetime!(2026-12-04 00:30 UTC)), "hromada-2026-12-04-0230-2", "a name is never reused");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn parameters_only_sqlx_knows_are_not_given_to_libpq() {
        assert_eq!(libpq_url("postgres://h@db/x?statement-cache-capacity=50&sslmode=require"), "postgres://h@db/x?sslmode=require");
        assert_eq!(libpq_url("postgres://h@db/x?statement-cache-capacity=50"), "postgres://h@db/x");
        assert_eq!(libpq_url("postgres://h@db/x"), "postgres://h@db/x");
    }

    #[test]
    fn passwords_go_to_the_environment_not_the_command_line() {
        assert_eq!(
            split_password("postgres://hromada:s%40cret@db.example:5432/hromada?sslmode=require"),
            ("postgres://hromada@db.example:5432/hromada?sslmode=require".to_string(), Some("s@cret".to_string()))
        );
        assert_eq!(
            split_password("postgres://hromada@db/hromada?sslmode=require&password=s%26cret"),
            ("postgres://hromada@db/hromada?sslmode=require".to_string(), Some("s&cret".to_string()))
        );
        assert_eq!(split_password("postgres://postgres@127.0.0.1/test"), ("postgres://postgres@127.0.0.1/test".to_string(), None));
        assert_eq!(split_password("postgres://127.0.0.1/test?user=a@b"), ("postgres://127.0.0.1/test?user=a@b".to_string(), None));
    }

    #[test]
    fn a_manifest_names_only_paths_inside_the_backup() {
        assert!(is_safe_relative("uploads/ab/abcdef"));
        assert!(is_safe_relative("keys/BUC-2.ed25519"));
        assert!(is_safe_relative("database.sqlite"));
        for hostile in ["../etc/passwd", "/etc/passwd", "uploads/../../x", "", "manifest.json", "uploads\\..\\x"] {
            assert!(!is_safe_relative(hostile), "{hostile}");
        }
    }

    #[test]
    fn the_uploads_of_a_dump_are_read_from_its_case_files() {
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        let script = format!(
            "--\n-- Data for Name: case_files; Type: TABLE DATA\n--\n\nCOPY public.case_files (id, case_id, field, event_id, name, content_type, size, sha256, uploaded_at) FROM stdin;\n\
             1\t7\tpassport\t\\N\tскан\\tпаспорта.pdf\tapplication/pdf\t10\t{b}\t2026-01-01 10:00:00+00\n\
             2\t8\t\\N\t3\tфото.png\timage/png\t20\t{a}\t2026-01-01 10:00:00+00\n\
             3\t9\tpassport\t\\N\tскан.pdf\tapplication/pdf\t10\t{b}\t2026-01-01 10:00:00+00\n\\.\n\n"
        );
        let lines = script.lines().map(|l| Ok(l.to_string()));
        assert_eq!(copied_hashes(lines).expect("read"), vec![a, b], "each content once, in order; an escaped tab is no column");
        let empty = "COPY public.case_files (id, sha256) FROM stdin;\n\\.\n";
        assert!(copied_hashes(empty.lines().map(|l| Ok(l.to_string()))).expect("read").is_empty());
        assert!(copied_hashes("COPY public.cases (id) FROM stdin;\n\\.\n".lines().map(|l| Ok(l.to_string()))).is_err());
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        let i18n = I18n::load().expect("catalogues");
        let (en, uk) = (Tr { i18n: &i18n, lang: Lang::En }, Tr { i18n: &i18n, lang: Lang::Uk });
        assert_eq!(human_bytes(512, en), "512 B");
        assert_eq!(human_bytes(1536, en), "1.5 KB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024, en), "3.0 GB");
        assert_eq!(human_bytes(512, uk), "512 Б");
        assert_eq!(human_bytes(1536, uk), "1,5 КБ");
        assert_eq!(human_bytes(5 * 1024 * 1024 * 1024 * 1024, uk), "5,0 ТБ");
    }

    /// The keys of the catalogue this file and main.rs's backup and restore use: every string literal `"backup-…"` or `"restore-…"`.
    fn keys_used() -> Vec<String> {
        let mut keys = Vec::new();
        for source in [include_str!("backup.rs"), include_str!("main.rs")] {
            for prefix in ["\"backup-", "\"restore-"] {
                for piece in source.split(prefix).skip(1) {
                    let rest = piece.split('"').next().unwrap_or_default();
                    if rest.starts_with(|c: char| c.is_ascii_lowercase()) && rest.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        keys.push(format!("{}{rest}", &prefix[1..]));
                    }
                }
            }
        }
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn every_message_of_backup_and_restore_exists_in_both_languages() {
        let i18n = I18n::load().expect("catalogues");
        let keys = keys_used();
        assert!(keys.len() > 70, "the scan found too few keys ({}); is it still reading the sources?", keys.len());
        for key in &keys {
            for lang in Lang::ALL {
                assert!(i18n.has(lang, key), "{key} is missing in {}", lang.code());
            }
        }
    }

    #[test]
    fn every_count_agrees_with_its_noun_from_1_to_25() {
        let i18n = I18n::load().expect("catalogues");
        // (message, its number, Ukrainian nouns for one, few and many, English for one and other)
        let messages: &[(&str, &str, [&str; 3], [&str; 2])] = &[
            ("backup-written-uploads", "count", ["файл", "файли", "файлів"], ["file", "files"]),
            ("backup-written-total", "count", ["файл", "файли", "файлів"], ["file", "files"]),
            ("backup-verified", "count", ["файл", "файли", "файлів"], ["file", "files"]),
            ("backup-verify-size", "size", ["байт", "байти", "байтів"], ["byte", "bytes"]),
            ("restore-database-not-empty", "count", ["таблиця", "таблиці", "таблиць"], ["table", "tables"]),
            ("restore-done-uploads", "count", ["файл", "файли", "файлів"], ["file", "files"]),
            ("restore-audit-intact", "count", ["запис", "записи", "записів"], ["row", "rows"]),
        ];
        let texts = ["path", "expected", "size", "src", "backend", "schema", "made", "version", "url", "dir", "seconds"];
        for (key, number, uk, en) in messages {
            let args: Vec<(&str, String)> = texts.iter().filter(|name| *name != number).map(|name| (*name, "x".to_string())).collect();
            for n in 1..=25_i64 {
                let uk_noun = match (n % 10, n % 100) {
                    (1, r) if r != 11 => uk[0],
                    (2..=4, r) if !(12..=14).contains(&r) => uk[1],
                    _ => uk[2],
                };
                let en_noun = en[usize::from(n != 1)];
                for (lang, noun) in [(Lang::Uk, uk_noun), (Lang::En, en_noun)] {
                    let text = Tr { i18n: &i18n, lang }.args_count(key, &args, number, n);
                    let wanted = format!(" {n} {noun}");
                    let whole = text
                        .match_indices(&wanted)
                        .any(|(at, _)| !text[at + wanted.len()..].starts_with(|c: char| c.is_alphabetic()) && !text.contains('{'));
                    assert!(whole, "{key} ({}) for {n} should say “{n} {noun}”: {text}", lang.code());
                }
            }
        }
    }

    /// A backup folder with one upload, its manifest as `make` writes it.
    fn little_backup(dir: &Path) -> PathBuf {
        let _ = std::fs::remove_dir_all(dir);
        let upload = "hello".as_bytes();
        let sha = hex(&Sha256::digest(upload));
        let relative = upload_path(&sha).unwrap();
        std::fs::create_dir_all(dir.join(&relative).parent().unwrap()).unwrap();
        std::fs::write(dir.join(&relative), upload).unwrap();
        std::fs::write(dir.join(SQLITE_FILE), b"SQLite format 3").unwrap();
        let files = [SQLITE_FILE, relative.as_str()].map(|path| hash_file(&dir.join(path), path).unwrap()).to_vec();
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            hromada_version: "0.1.0".into(),
            made_at: "2026-12-07T00:30:00Z".into(),
            took_ms: 1200,
            backend: "sqlite".into(),
            schema_version: 12,
            database: SQLITE_FILE.into(),
            uploads: Uploads { storage: "file".into(), kept: "copied".into(), count: 1, bytes: upload.len() as u64 },
            keys: 0,
            files,
        };
        std::fs::write(dir.join(MANIFEST), serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
        dir.join(relative)
    }

    #[test]
    fn a_refusal_names_its_file_and_the_fix_in_either_language() {
        let i18n = I18n::load().expect("catalogues");
        let (en, uk) = (Tr { i18n: &i18n, lang: Lang::En }, Tr { i18n: &i18n, lang: Lang::Uk });
        let dir = std::env::temp_dir().join(format!("hromada-backup-words-{}", std::process::id()));
        let upload = little_backup(&dir);
        assert!(verify(&dir).is_ok());

        std::fs::write(&upload, "hell").unwrap();
        let said = verify(&dir).expect_err("a truncated upload");
        let path = upload.display().to_string();
        assert_eq!(said.text(en), format!("{path}: 4 bytes, but the manifest says 5: the file is truncated or changed"));
        assert_eq!(said.text(uk), format!("{path}: 4 байти, а в маніфесті — 5: файл обрізано або змінено"));
        std::fs::write(&upload, "h").unwrap();
        let said = verify(&dir).expect_err("a truncated upload");
        assert!(said.text(en).contains(": 1 byte, but") && said.text(uk).contains(": 1 байт, а"), "{}", said.text(en));

        std::fs::remove_file(dir.join(MANIFEST)).unwrap();
        let said = verify(&dir).expect_err("no manifest");
        let folder = dir.display().to_string();
        assert_eq!(
            said.text(en),
            format!("{folder} has no manifest.json: it is not a finished Hromada backup (a backup writes its manifest last)")
        );
        assert_eq!(
            said.text(uk),
            format!("у {folder} немає manifest.json: це не завершена резервна копія Hromada (маніфест записується останнім)")
        );

        let said = prepare_dest(&dir).expect_err("a folder that holds files");
        assert_eq!(said.text(en), format!("{folder} is not empty: give a new folder for each backup"));
        assert_eq!(said.text(uk), format!("тека {folder} не порожня: для кожної резервної копії вкажіть нову теку"));

        for said in [
            check_empty_folder(&dir).expect_err("uploads there"),
            check_no_database_file(&dir.join(SQLITE_FILE)).expect_err("a database there"),
            read_manifest(&dir.join("nothing")).expect_err("no folder"),
            Said::new("restore-database-not-empty", [("url", "postgres://x@db/hromada".into())]).counting("count", 23),
        ] {
            for t in [en, uk] {
                let text = said.text(t);
                assert!(!text.contains('{') && !text.contains(said.key), "every argument given: {text}");
            }
        }
        assert!(Said::new("restore-database-not-empty", [("url", "u".into())]).counting("count", 23).text(uk).contains("23 таблиці"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
