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

use std::io::{Read as _, Write as _};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use hromada_store::{BackupStore as _, Store, redact_url, sqlite_path};
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
    pub fn report(&self) -> String {
        let m = &self.manifest;
        let database = m.entry(&m.database).map_or(0, |e| e.size);
        format!(
            "Backup written to {}\n  database ({}, schema {}): {}\n  uploads: {} files, {}\n  signing keys (sealed): {}\n  in all: {} files, {}, in {:.1} s\nCheck it with `hromada backup verify {}`.",
            self.dest.display(),
            m.backend,
            m.schema_version,
            human_bytes(database),
            m.uploads.count,
            human_bytes(m.uploads.bytes),
            m.keys,
            m.files.len() + 1,
            human_bytes(m.total_bytes()),
            self.took.as_secs_f64(),
            self.dest.display(),
        )
    }
}

pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

// ---- making a backup ----------------------------------------------------------------------

/// The exclusive lock of `<data_dir>/backup.lock`: one backup of a data folder
/// at a time, and no upload removed while it is held.
struct Held(#[allow(dead_code)] std::fs::File);

/// The server holds the lock shared for a moment each time it removes unused
/// uploads; another backup holds it for its whole run. So a busy lock is
/// tried again for a while before the backup gives up.
async fn take_lock(data_dir: &Path) -> Result<Held, String> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match try_lock(data_dir)? {
            Some(held) => return Ok(held),
            None if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(50)).await,
            None => {
                return Err(format!(
                    "another backup of {} is running (it holds {}): wait for it to finish",
                    data_dir.display(),
                    data_dir.join(LOCK_FILE).display()
                ));
            }
        }
    }
}

/// The lock, or `None` while someone else holds it.
fn try_lock(data_dir: &Path) -> Result<Option<Held>, String> {
    std::fs::create_dir_all(data_dir).map_err(|e| format!("cannot create the data folder {}: {e}", data_dir.display()))?;
    let path = data_dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Held(file))),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(format!("cannot lock {}: {e}", path.display())),
    }
}

/// Make a backup of the installation (`store`, the data folder, the database
/// at `database_url`) into `dest`, a new or empty folder. On failure nothing
/// is left in `dest`.
pub async fn make(store: &dyn Store, data_dir: &Path, database_url: &str, dest: &Path) -> Result<Made, String> {
    let started = Instant::now();
    let created = prepare_dest(dest)?;
    let result = make_into(store, data_dir, database_url, dest, started).await;
    if result.is_err() {
        // An unfinished backup is no backup: leave nothing that looks like one.
        let _ = std::fs::remove_dir_all(dest);
        if !created {
            let _ = std::fs::create_dir(dest);
        }
    }
    result
}

/// `dest` must not exist (it is made) or be an empty folder. Whether it was made.
fn prepare_dest(dest: &Path) -> Result<bool, String> {
    match std::fs::read_dir(dest) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                Err(format!("{} is not empty: give a new folder for each backup", dest.display()))
            } else {
                Ok(false)
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dest).map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            Err(format!("{} is a file: give a new folder for the backup", dest.display()))
        }
        Err(e) => Err(format!("cannot read {}: {e}", dest.display())),
    }
}

async fn make_into(store: &dyn Store, data_dir: &Path, database_url: &str, dest: &Path, started: Instant) -> Result<Made, String> {
    let lock = take_lock(data_dir).await?;
    let schema_version = store
        .schema_version()
        .await
        .map_err(|e| format!("cannot read the database's schema version: {e}"))?
        .ok_or("the database has no schema yet: there is nothing to back up")?;
    let known = store.known_schema_version();
    if schema_version > known {
        return Err(format!(
            "the database was brought to schema {schema_version} by a newer Hromada (this one knows up to {known}): back it up with that version"
        ));
    }
    let made_at = OffsetDateTime::now_utc();
    let (database, hashes) = match store.backend() {
        "sqlite" => {
            let hashes = store.snapshot_into(&dest.join(SQLITE_FILE)).await.map_err(|e| format!("cannot copy the database: {e}"))?;
            (SQLITE_FILE, hashes)
        }
        _ => {
            let file = dest.join(PG_FILE);
            let url = database_url.to_string();
            let hashes = blocking(move || pg_dump(&url, &file).and_then(|()| pg_dump_file_hashes(&file))).await?;
            (PG_FILE, hashes)
        }
    };
    let (data_dir, dest_dir) = (data_dir.to_path_buf(), dest.to_path_buf());
    let (files, uploads, keys) = blocking(move || copy_files(&data_dir, &dest_dir, database, &hashes)).await?;
    drop(lock);
    let took = started.elapsed();
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        hromada_version: env!("CARGO_PKG_VERSION").into(),
        made_at: made_at.format(&Rfc3339).map_err(|e| e.to_string())?,
        took_ms: u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
        backend: store.backend().into(),
        schema_version,
        database: database.into(),
        uploads,
        keys,
        files,
    };
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
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

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, String> + Send + 'static) -> Result<T, String> {
    tokio::task::spawn_blocking(work).await.map_err(|e| format!("the backup's work stopped: {e}"))?
}

/// Copies the uploads and keys beside the database file, each made durable;
/// every file's entry (the database's first), what was said of the uploads,
/// and how many keys.
fn copy_files(data_dir: &Path, dest: &Path, database: &str, hashes: &[String]) -> Result<(Vec<Entry>, Uploads, u64), String> {
    let mut files = vec![hash_file(&dest.join(database), database)?];
    let mut uploads = Uploads { storage: "file".into(), kept: "copied".into(), count: 0, bytes: 0 };
    let mut made_dirs = std::collections::BTreeSet::new();
    for sha in hashes {
        let relative = upload_path(sha).ok_or_else(|| format!("a case refers to an upload named {sha:?}, which is not a SHA-256"))?;
        let from = data_dir.join(&relative);
        let to = dest.join(&relative);
        if let Some(dir) = to.parent()
            && made_dirs.insert(dir.to_path_buf())
        {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let (size, got) = match copy_hashed(&from, &to) {
            Ok(copied) => copied,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !from.exists() => {
                return Err(format!("{}: a case refers to it but it is missing from the data folder", from.display()));
            }
            Err(e) => return Err(format!("cannot copy {} to {}: {e}", from.display(), to.display())),
        };
        if &got != sha {
            return Err(format!(
                "{} is damaged: its content's SHA-256 is {got}, not its name; put back the file from an earlier backup",
                from.display()
            ));
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
        Err(e) => return Err(format!("cannot read {}: {e}", key_dir.display())),
    };
    names.sort();
    if !names.is_empty() {
        make_private_dir(&dest.join("keys"))?;
        made_dirs.insert(dest.join("keys"));
    }
    for name in names {
        let relative = format!("keys/{name}");
        let (size, sha256) = copy_hashed(&key_dir.join(&name), &dest.join(&relative))
            .map_err(|e| format!("cannot copy {}: {e}", key_dir.join(&name).display()))?;
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
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = source.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        target.write_all(&buffer[..n])?;
        size += n as u64;
    }
    target.sync_all()?;
    Ok((size, hex(&hasher.finalize())))
}

/// The entry of a file already written.
fn hash_file(path: &Path, relative: &str) -> Result<Entry, String> {
    let (size, sha256) = hash_of(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Entry { path: relative.into(), size, sha256 })
}

fn hash_of(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
    Ok((size, hex(&hasher.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sync_dir(dir: &Path) -> Result<(), String> {
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| format!("cannot make {} durable: {e}", dir.display()))
}

fn make_private_dir(dir: &Path) -> Result<(), String> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

/// Write `bytes` to `path` so that a crash leaves the old file or the whole new one.
fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let temporary = path.with_extension("partial");
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

// ---- PostgreSQL's tools -------------------------------------------------------------------

/// A PostgreSQL client tool (`pg_dump`, `pg_restore`) for the database at
/// `url`: the password goes in `PGPASSWORD`, not on the command line (where
/// every user of the machine could read it), and the tool never asks for one.
fn pg_tool(program: &str, url: &str) -> std::process::Command {
    let (url, password) = split_password(url);
    let mut command = std::process::Command::new(program);
    command.arg("--no-password").arg(format!("--dbname={url}"));
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    command.stdin(std::process::Stdio::null());
    command
}

/// The URL without its password, and the password (percent-decoded).
fn split_password(url: &str) -> (String, Option<String>) {
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
fn run_pg_tool(program: &str, mut command: std::process::Command) -> Result<(), String> {
    let output = command.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "{program} is not installed or not on PATH: install PostgreSQL's client tools of your server's major version (on Debian: apt-get install postgresql-client-NN, NN as in `psql -c 'SHOW server_version'`)"
            )
        } else {
            format!("cannot run {program}: {e}")
        }
    })?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let said: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).take(5).collect();
    Err(format!("{program} failed ({}): {}", output.status, said.join(" / ")))
}

fn pg_dump(url: &str, file: &Path) -> Result<(), String> {
    let mut command = pg_tool("pg_dump", url);
    command.arg("--format=custom").arg(format!("--file={}", file.display()));
    run_pg_tool("pg_dump", command)?;
    std::fs::File::open(file).and_then(|f| f.sync_all()).map_err(|e| format!("cannot make {} durable: {e}", file.display()))
}

/// The SHA-256 of every upload the dump's `case_files` refers to, each once,
/// in order: its rows as `pg_restore` writes them out (a `COPY … FROM stdin`
/// block, one row a line, columns by tabs), read as they come.
fn pg_dump_file_hashes(file: &Path) -> Result<Vec<String>, String> {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new("pg_restore")
        .args(["--data-only", "--table=case_files", "--file=-"])
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run pg_restore to read the dump's uploads: {e}"))?;
    let stdout = child.stdout.take().ok_or("pg_restore gave no output")?;
    let read = copied_hashes(std::io::BufReader::new(stdout).lines());
    let output = child.wait_with_output().map_err(|e| format!("cannot run pg_restore to read the dump's uploads: {e}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(format!("pg_restore could not read the dump's uploads ({}): {}", output.status, said.trim()));
    }
    read
}

/// The `sha256` column of the `case_files` COPY block of a SQL script, each value once, in order.
fn copied_hashes(lines: impl Iterator<Item = std::io::Result<String>>) -> Result<Vec<String>, String> {
    let mut column = None;
    let mut found = false;
    let mut hashes = std::collections::BTreeSet::new();
    for line in lines {
        let line = line.map_err(|e| format!("cannot read pg_restore's output: {e}"))?;
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
                        .ok_or_else(|| format!("the dump's case_files has no sha256 column: {line}"))?,
                );
                found = true;
            }
            Some(_) if line == "\\." => column = None,
            Some(i) => {
                let sha = line.split('\t').nth(i).ok_or_else(|| format!("a row of the dump's case_files has no sha256: {line}"))?;
                hashes.insert(sha.to_string());
            }
        }
    }
    if !found {
        return Err("the dump holds no case_files table: it is not of a Hromada database".into());
    }
    Ok(hashes.into_iter().collect())
}

fn pg_restore(url: &str, file: &Path) -> Result<(), String> {
    let mut command = pg_tool("pg_restore", url);
    command.args(["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges"]).arg(file);
    run_pg_tool("pg_restore", command)
}

// ---- checking a backup --------------------------------------------------------------------

/// Read and check the manifest of the backup in `src`, then every file
/// against it: the manifest, or one message naming the first thing wrong.
pub fn verify(src: &Path) -> Result<Manifest, String> {
    let manifest = read_manifest(src)?;
    for entry in &manifest.files {
        let path = src.join(&entry.path);
        let (size, sha256) = match hash_of(&path) {
            Ok(found) => found,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!("{}: missing (the manifest lists it): the backup is incomplete", path.display()));
            }
            Err(e) => return Err(format!("{}: cannot read it: {e}", path.display())),
        };
        if size != entry.size {
            return Err(format!(
                "{}: {size} bytes, but the manifest says {}: the file is truncated or changed",
                path.display(),
                entry.size
            ));
        }
        if sha256 != entry.sha256 {
            return Err(format!("{}: its content has changed since the backup (SHA-256 differs from the manifest's)", path.display()));
        }
    }
    Ok(manifest)
}

fn read_manifest(src: &Path) -> Result<Manifest, String> {
    let path = src.join(MANIFEST);
    let metadata = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(if src.is_dir() {
                format!("{} has no {MANIFEST}: it is not a finished Hromada backup (a backup writes its manifest last)", src.display())
            } else {
                format!("{}: no such folder", src.display())
            });
        }
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    if metadata.len() > MANIFEST_MAX_BYTES {
        return Err(format!("{}: too large to be a manifest", path.display()));
    }
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: not a manifest ({e}): the file is damaged", path.display()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(format!("{}: not the manifest of a Hromada backup", path.display()));
    }
    let version = value.get("format_version").and_then(serde_json::Value::as_u64);
    match version {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(format!(
                "{}: backup format {v} was made by a newer Hromada; this one reads format {FORMAT_VERSION}: use that newer version",
                path.display()
            ));
        }
        Some(v) => {
            return Err(format!("{}: backup format {v} is not one this Hromada reads (format {FORMAT_VERSION})", path.display()));
        }
        None => return Err(format!("{}: it names no format_version: the file is damaged", path.display())),
    }
    let manifest: Manifest = serde_json::from_value(value).map_err(|e| format!("{}: {e}: the file is damaged", path.display()))?;
    for entry in &manifest.files {
        if !is_safe_relative(&entry.path) {
            return Err(format!("{}: it names {:?}, a path outside the backup: refused", path.display(), entry.path));
        }
    }
    if ![SQLITE_FILE, PG_FILE].contains(&manifest.database.as_str()) || manifest.entry(&manifest.database).is_none() {
        return Err(format!("{}: it names no database file of its own: the file is damaged", path.display()));
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

/// Restore the backup in `src` onto an empty data folder and an empty
/// database: check the backup whole first, then the target; nothing is
/// written before both are found good. What it did, for the report.
pub async fn restore(src: &Path, target: &Target<'_>) -> Result<String, String> {
    let started = Instant::now();
    let folder = src.to_path_buf();
    let manifest = blocking(move || verify(&folder)).await?;
    let backend = if sqlite_path(target.database_url).is_some() { "sqlite" } else { "postgres" };
    if manifest.backend != backend {
        return Err(format!(
            "this backup is of a {} database, and database_url is {} ({}): restore it onto a database of its kind",
            manifest.backend,
            backend,
            redact_url(target.database_url)
        ));
    }
    let known = hromada_store::known_schema_version(backend);
    if manifest.schema_version > known {
        return Err(format!(
            "this backup was made by a newer Hromada ({}, schema {}); this one knows schema {known} at most: restore it with that version or a newer one",
            manifest.hromada_version, manifest.schema_version
        ));
    }
    if let (Some(secret), Some(key)) = (target.keys_secret, manifest.files.iter().find(|e| e.path.starts_with("keys/"))) {
        // One passphrase seals every key: one key tells.
        let (secret, file) = (secret.clone(), src.join(&key.path));
        let opens = blocking(move || Ok(std::fs::read(&file).is_ok_and(|bytes| secret.opens_key_file(&bytes)))).await?;
        if !opens {
            return Err(format!(
                "keys_secret does not open the backup's signing key {}: set keys_secret (HROMADA_KEYS_SECRET) to the passphrase of the installation the backup came from",
                key.path
            ));
        }
    }
    check_empty_folder(target.data_dir)?;
    match sqlite_path(target.database_url) {
        Some(file) => check_no_database_file(file)?,
        None => {
            let store = hromada_store::PgStore::connect(target.database_url)
                .await
                .map_err(|e| format!("cannot open the database {}: {e}", redact_url(target.database_url)))?;
            let tables = store.table_count().await.map_err(|e| format!("cannot read the database: {e}"))?;
            if tables > 0 {
                return Err(format!(
                    "the database {} already has {tables} tables: restore needs a new, empty database (createdb), so that nothing in it is overwritten",
                    redact_url(target.database_url)
                ));
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
    Ok(format!(
        "Restored the backup of {} (Hromada {}, schema {}) in {:.1} s:\n  database ({}) {}\n  uploads: {} files, {} into {}\n  signing keys (sealed): {} into {}",
        manifest.made_at,
        manifest.hromada_version,
        manifest.schema_version,
        started.elapsed().as_secs_f64(),
        manifest.backend,
        redact_url(target.database_url),
        manifest.uploads.count,
        human_bytes(manifest.uploads.bytes),
        target.data_dir.join("uploads").display(),
        manifest.keys,
        target.data_dir.join("keys").display(),
    ))
}

/// The data folder may hold anything but uploads and keys (a configuration
/// file, letters, a lock): those would be mixed with the backup's.
fn check_empty_folder(data_dir: &Path) -> Result<(), String> {
    if let Ok(entries) = std::fs::read_dir(data_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".restoring-") {
                return Err(format!(
                    "an earlier restore into {} did not finish (it left {name}): start again on a new, empty data folder and database",
                    data_dir.display()
                ));
            }
        }
    }
    for part in ["uploads", "keys"] {
        let dir = data_dir.join(part);
        if holds_files(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))? {
            return Err(format!(
                "{} already holds files: restore needs an empty data folder (data_dir), so that nothing in it is overwritten",
                dir.display()
            ));
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

fn check_no_database_file(file: &Path) -> Result<(), String> {
    for candidate in [file.to_path_buf(), PathBuf::from(format!("{}-wal", file.display()))] {
        match std::fs::metadata(&candidate) {
            Ok(m) if m.len() > 0 => {
                return Err(format!(
                    "the database file {} already exists: restore needs a new database (another database_url, or move that file away)",
                    candidate.display()
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Copies the backup's uploads and keys into `staging` (`uploads/`, `keys/`), each checked against the manifest.
fn stage_files(src: &Path, staging: &Path, manifest: &Manifest) -> Result<(), String> {
    std::fs::create_dir_all(staging).map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
    make_private_dir(&staging.join("keys"))?;
    std::fs::create_dir_all(staging.join("uploads")).map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
    let mut dirs = std::collections::BTreeSet::new();
    for entry in manifest.files.iter().filter(|e| e.path != manifest.database) {
        let to = staging.join(&entry.path);
        if let Some(dir) = to.parent()
            && dirs.insert(dir.to_path_buf())
        {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let (size, sha256) = copy_hashed(&src.join(&entry.path), &to).map_err(|e| format!("cannot copy {}: {e}", entry.path))?;
        if (size, sha256.as_str()) != (entry.size, entry.sha256.as_str()) {
            return Err(format!("{}: changed while it was being restored: run the restore again", src.join(&entry.path).display()));
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
fn place_sqlite(from: &Path, file: &Path, entry: Option<&Entry>) -> Result<(), String> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let temporary = PathBuf::from(format!("{}.restoring", file.display()));
    let _ = std::fs::remove_file(&temporary);
    let copied = copy_hashed(from, &temporary).map_err(|e| format!("cannot copy the database to {}: {e}", temporary.display()));
    let checked = copied.and_then(|(size, sha256)| match entry {
        Some(e) if (e.size, e.sha256.as_str()) == (size, sha256.as_str()) => Ok(()),
        _ => Err(format!("{}: changed while it was being restored: run the restore again", from.display())),
    });
    if let Err(e) =
        checked.and_then(|()| std::fs::rename(&temporary, file).map_err(|e| format!("cannot move the database into place: {e}")))
    {
        let _ = std::fs::remove_file(&temporary);
        return Err(e);
    }
    sync_dir(file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")))
}

fn move_into_place(staging: &Path, data_dir: &Path) -> Result<(), String> {
    for part in ["uploads", "keys"] {
        let place = data_dir.join(part);
        // Found empty by the check: only empty folders can be in the way.
        if place.exists() {
            std::fs::remove_dir_all(&place).map_err(|e| format!("cannot clear {}: {e}", place.display()))?;
        }
        std::fs::rename(staging.join(part), &place).map_err(|e| format!("cannot move {} into place: {e}", place.display()))?;
    }
    std::fs::remove_dir(staging).map_err(|e| format!("cannot remove {}: {e}", staging.display()))?;
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
                tracing::error!(%error, dest = %dest.display(), "the daily backup failed");
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
    Duration::try_from(next - here).unwrap_or(Duration::from_secs(60))
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

/// The daily backups in `dir`, oldest first: (name, finished).
fn daily_backups(dir: &Path) -> std::io::Result<Vec<(String, bool)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        if name.starts_with(DAILY_PREFIX) && entry.file_type()?.is_dir() {
            let finished = entry.path().join(MANIFEST).is_file();
            found.push((name, finished));
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
            ("by-hand", true),
        ] {
            std::fs::create_dir_all(dir.join(name)).unwrap();
            if finished {
                std::fs::write(dir.join(name).join(MANIFEST), "{}").unwrap();
            }
        }
        std::fs::write(dir.join("hromada-notes.txt"), "mine").unwrap();
        let removed = prune(&dir, 2).unwrap();
        assert_eq!(removed, vec!["hromada-2026-12-01-0230".to_string(), "hromada-2026-12-02-0230".to_string()]);
        let left: Vec<String> = daily_backups(&dir).unwrap().into_iter().map(|(n, _)| n).collect();
        assert_eq!(left, vec!["hromada-2026-12-03-0230".to_string(), "hromada-2026-12-04-0230".to_string()]);
        assert!(dir.join("by-hand").is_dir() && dir.join("hromada-notes.txt").is_file(), "only daily backups are pruned");
        assert_eq!(daily_name(&dir, datetime!(2026-12-04 00:30 UTC)), "hromada-2026-12-04-0230-2", "a name is never reused");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn passwords_go_to_the_environment_not_the_command_line() {
        assert_eq!(
            split_password("postgres://hromada:s%40cret@db.example:5432/hromada?sslmode=require"),
            ("postgres://hromada@db.example:5432/hromada?sslmode=require".to_string(), Some("s@cret".to_string()))
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
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GB");
    }
}
