//! The SQLite store: one file, WAL journal, one writer connection and a few
//! read-only reader connections.
//!
//! SQLite allows a single writer at a time; several writer connections would
//! only queue on its lock (and could fail with `SQLITE_BUSY`), so every write
//! goes through a pool of exactly one connection, and write transactions start
//! with `BEGIN IMMEDIATE` so that a read-then-write transaction holds the lock
//! from its start (this also covers another process writing the same file).
//! Reads go through a separate pool and, thanks to WAL, never wait for writes.
//!
//! Representation: timestamps are RFC 3339 text in UTC to the whole second,
//! dates are `YYYY-MM-DD` text (see `migrations/sqlite/0001_foundation.sql`).

mod backoffice;
mod cases;
mod documents;
mod feedback;
mod places;
mod pulse;

use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use hromada_domain::account::{
    Account, AccountId, NewAccount, Role, RoleGrant, Scope, SessionRecord, ThrottleDecision, TokenPurpose, TokenRecord, TotpAtRest,
    TotpRecord, canonical_email, tombstone_email,
};
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow};
use hromada_domain::place::{Community, Installation, Offer, Region, ServiceCentre};
use hromada_domain::{Lang, Text};
use sqlx::Row;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::common::{
    GENERATION_KEY, IMPORT_ATTEMPTS, MAX_AUDIT_PAGE, account_columns, case_columns, check_definition, count_u32, details_from_json,
    details_json, email_taken, map_sqlx, missing_audit_head, parse_lang, parse_purpose, parse_role, scope_columns, scope_from_columns,
    session_columns, sha256_hex, sort_grants, stored_time, throttle_decision, token_columns, window_end,
};
use crate::{
    BackupStore, CaseEvent, CaseFile, CaseQuery, CaseRecord, DRAFT_STATE, DraftPage, ImportOutcome, Job, NewCase, NewCaseEvent,
    NewCaseFile, NewJob, Notification, PageRefused, PlaceStore, PlacesOutcome, PoolStats, QueuePage, Store, StoreError, StoreResult,
    StoredService, Submission, SubmitOutcome, Workload,
};
use hromada_domain::definition::Answers;
use hromada_domain::job::JobState;

/// The newest migration of this build.
pub(crate) fn known_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const READERS: u32 = 4;
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

const DAY_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

pub struct SqliteStore {
    path: PathBuf,
    /// Exactly one connection: all writes.
    writer: SqlitePool,
    /// Read-only connections: all reads.
    readers: SqlitePool,
    /// The task that commits submissions in groups (see `cases.rs`).
    submitter: tokio::sync::mpsc::UnboundedSender<cases::SubmitJob>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.path).finish_non_exhaustive()
    }
}

/// SQLite's "database is busy/locked" codes (primary codes 5 and 6, with any
/// extended code) mean "try again later", not a broken request.
fn sqlite_unavailable(code: &str) -> bool {
    code.parse::<i32>().is_ok_and(|code| matches!(code & 0xff, 5 | 6))
}

fn map_err(err: sqlx::Error) -> StoreError {
    map_sqlx(err, sqlite_unavailable)
}

fn format_time(t: OffsetDateTime) -> StoreResult<String> {
    stored_time(t)?.format(&Rfc3339).map_err(|e| StoreError::Database(format!("cannot format timestamp: {e}")))
}

fn parse_time(s: &str) -> StoreResult<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| StoreError::Database(format!("bad stored timestamp {s:?}: {e}")))
}

fn format_day(day: Date) -> StoreResult<String> {
    day.format(DAY_FORMAT).map_err(|e| StoreError::Database(format!("cannot format date: {e}")))
}

fn parse_day(s: &str) -> StoreResult<Date> {
    Date::parse(s, DAY_FORMAT).map_err(|e| StoreError::Database(format!("bad stored date {s:?}: {e}")))
}

fn text(uk: String, en: Option<String>) -> Text {
    Text { uk, en }
}

fn service_from_row(row: &SqliteRow) -> StoreResult<StoredService> {
    let imported_at: String = row.try_get("imported_at").map_err(map_err)?;
    Ok(StoredService {
        slug: row.try_get("slug").map_err(map_err)?,
        version: row.try_get("version").map_err(map_err)?,
        source: row.try_get("source").map_err(map_err)?,
        sha256: row.try_get("sha256").map_err(map_err)?,
        imported_at: parse_time(&imported_at)?,
    })
}

fn get<'r, T>(row: &'r SqliteRow, column: &str) -> StoreResult<T>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get(column).map_err(map_err)
}

fn get_time(row: &SqliteRow, column: &str) -> StoreResult<OffsetDateTime> {
    parse_time(&get::<String>(row, column)?)
}

fn get_opt_time(row: &SqliteRow, column: &str) -> StoreResult<Option<OffsetDateTime>> {
    get::<Option<String>>(row, column)?.as_deref().map(parse_time).transpose()
}

fn format_opt_time(t: Option<OffsetDateTime>) -> StoreResult<Option<String>> {
    t.map(format_time).transpose()
}

fn account_from_row(row: &SqliteRow) -> StoreResult<Account> {
    Ok(Account {
        id: AccountId(get(row, "id")?),
        email: get(row, "email")?,
        display_name: get(row, "display_name")?,
        password_hash: get(row, "password_hash")?,
        email_confirmed_at: get_opt_time(row, "email_confirmed_at")?,
        is_staff: get(row, "is_staff")?,
        preferred_lang: parse_lang(&get::<String>(row, "preferred_lang")?)?,
        created_at: get_time(row, "created_at")?,
        deleted_at: get_opt_time(row, "deleted_at")?,
    })
}

fn grant_from_row(row: &SqliteRow) -> StoreResult<RoleGrant> {
    Ok(RoleGrant {
        account: AccountId(get(row, "account_id")?),
        role: parse_role(&get::<String>(row, "role")?)?,
        scope: scope_from_columns(get(row, "community_slug")?, get(row, "region_slug")?)?,
        granted_by: get::<Option<i64>>(row, "granted_by")?.map(AccountId),
        granted_at: get_time(row, "granted_at")?,
    })
}

fn session_from_row(row: &SqliteRow) -> StoreResult<SessionRecord> {
    Ok(SessionRecord {
        id_hash: get(row, "id_hash")?,
        account: AccountId(get(row, "account_id")?),
        created_at: get_time(row, "created_at")?,
        last_seen_at: get_time(row, "last_seen_at")?,
        idle_expires_at: get_time(row, "idle_expires_at")?,
        absolute_expires_at: get_time(row, "absolute_expires_at")?,
        second_factor_done: get(row, "second_factor_done")?,
    })
}

fn token_from_row(row: &SqliteRow) -> StoreResult<TokenRecord> {
    Ok(TokenRecord {
        hash: get(row, "hash")?,
        purpose: parse_purpose(&get::<String>(row, "purpose")?)?,
        account: get::<Option<i64>>(row, "account_id")?.map(AccountId),
        email: get(row, "email")?,
        payload: get(row, "payload")?,
        created_at: get_time(row, "created_at")?,
        expires_at: get_time(row, "expires_at")?,
        used_at: get_opt_time(row, "used_at")?,
    })
}

/// Whether the account exists and is not deleted (inside a write transaction).
async fn live_account(conn: &mut SqliteConnection, id: AccountId) -> StoreResult<bool> {
    let deleted_at: Option<Option<String>> =
        sqlx::query_scalar("SELECT deleted_at FROM accounts WHERE id = ?").bind(id.0).fetch_optional(conn).await.map_err(map_err)?;
    Ok(matches!(deleted_at, Some(None)))
}

async fn insert_session(conn: &mut SqliteConnection, session: &SessionRecord) -> StoreResult<()> {
    sqlx::query(concat!("INSERT INTO sessions (", session_columns!(), ") VALUES (?, ?, ?, ?, ?, ?, ?)"))
        .bind(&session.id_hash)
        .bind(session.account.0)
        .bind(format_time(session.created_at)?)
        .bind(format_time(session.last_seen_at)?)
        .bind(format_time(session.idle_expires_at)?)
        .bind(format_time(session.absolute_expires_at)?)
        .bind(session.second_factor_done)
        .execute(conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// `NotFound` when an update by id changed no row.
fn found(rows_affected: u64) -> StoreResult<()> {
    if rows_affected > 0 { Ok(()) } else { Err(StoreError::NotFound) }
}

fn audit_row_from_row(row: &SqliteRow) -> StoreResult<AuditRow> {
    let seq: i64 = row.try_get("seq").map_err(map_err)?;
    let at: String = row.try_get("at").map_err(map_err)?;
    let at = OffsetDateTime::parse(&at, &Rfc3339).map_err(|_| {
        StoreError::Database(format!("audit row {seq} was changed after it was written: its time {at:?} is not a timestamp"))
    })?;
    let details: String = row.try_get("details").map_err(map_err)?;
    Ok(AuditRow {
        seq,
        event: AuditEvent {
            at,
            actor: row.try_get("actor").map_err(map_err)?,
            actor_role: row.try_get("actor_role").map_err(map_err)?,
            community: row.try_get("community").map_err(map_err)?,
            action: row.try_get("action").map_err(map_err)?,
            subject: row.try_get("subject").map_err(map_err)?,
            details: details_from_json(&details),
        },
        prev_hash: row.try_get("prev_hash").map_err(map_err)?,
        hash: row.try_get("hash").map_err(map_err)?,
    })
}

const BUMP_GENERATION: &str = "UPDATE meta SET value = value + 1 WHERE key = ?";

impl SqliteStore {
    /// Open (creating if missing, with its directory) the database file at `path`.
    /// Does not migrate: call [`Store::migrate`].
    pub async fn open(path: &Path) -> StoreResult<SqliteStore> {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|e| StoreError::Unavailable(format!("cannot create directory {}: {e}", parent.display())))?;
        }
        let base =
            SqliteConnectOptions::new().filename(path).foreign_keys(true).synchronous(SqliteSynchronous::Full).busy_timeout(BUSY_TIMEOUT);
        let unavailable = |e: sqlx::Error| StoreError::Unavailable(format!("cannot open {}: {e}", path.display()));

        // The writer is opened first: it creates the file and switches it to WAL
        // (a persistent property of the file), which the read-only readers cannot do.
        // Its one connection stays open for the life of the store.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .acquire_timeout(BUSY_TIMEOUT)
            .connect_with(base.clone().create_if_missing(true).journal_mode(SqliteJournalMode::Wal))
            .await
            .map_err(unavailable)?;
        let readers = SqlitePoolOptions::new()
            .max_connections(READERS)
            .acquire_timeout(BUSY_TIMEOUT)
            .connect_with(base.read_only(true))
            .await
            .map_err(unavailable)?;
        let submitter = cases::spawn_submitter(writer.clone());
        Ok(SqliteStore { path: path.to_path_buf(), writer, readers, submitter })
    }

    /// A case read through the writer (it sees what the writer just wrote).
    async fn case_from_writer(&self, id: i64) -> StoreResult<CaseRecord> {
        let row = sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE id = ?"))
            .bind(id)
            .fetch_one(&self.writer)
            .await
            .map_err(map_err)?;
        cases::case_from_row(&row)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// (`journal_mode`, `foreign_keys`, `synchronous`) as the writer connection
    /// sees them; expected `("wal", 1, 2)`.
    pub async fn pragmas(&self) -> StoreResult<(String, i64, i64)> {
        let mut conn = self.writer.acquire().await.map_err(map_err)?;
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await.map_err(map_err)?;
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await.map_err(map_err)?;
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.map_err(map_err)?;
        Ok((journal, foreign_keys, synchronous))
    }

    async fn try_import(&self, services: &[(String, String)], offer_in: &[String], at: &str) -> StoreResult<Vec<ImportOutcome>> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let mut changed = false;
        let mut outcomes = Vec::with_capacity(services.len());
        for (slug, source) in services {
            let sha256 = sha256_hex(source);
            let latest: Option<(i64, String)> =
                sqlx::query_as("SELECT version, sha256 FROM services WHERE slug = ? ORDER BY version DESC LIMIT 1")
                    .bind(slug)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(map_err)?;
            if let Some((version, latest_sha)) = &latest
                && *latest_sha == sha256
            {
                outcomes.push(ImportOutcome::Unchanged { version: *version });
                continue;
            }
            let version = latest.map_or(1, |(version, _)| version + 1);
            sqlx::query("INSERT INTO services (slug, version, source, sha256, imported_at) VALUES (?, ?, ?, ?, ?)")
                .bind(slug)
                .bind(version)
                .bind(source)
                .bind(&sha256)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            changed = true;
            outcomes.push(ImportOutcome::Created { version });
        }
        for community in offer_in {
            let known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM communities WHERE slug = ?)")
                .bind(community)
                .fetch_one(&mut *tx)
                .await
                .map_err(map_err)?;
            if !known {
                tx.rollback().await.map_err(map_err)?;
                return Err(StoreError::NotFound);
            }
            for (slug, _) in services {
                let added = sqlx::query(
                    "INSERT INTO offers (community_slug, service_slug) VALUES (?, ?) \
                     ON CONFLICT (community_slug, service_slug) DO NOTHING",
                )
                .bind(community)
                .bind(slug)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?
                .rows_affected();
                changed |= added > 0;
            }
        }
        if changed {
            sqlx::query(BUMP_GENERATION).bind(GENERATION_KEY).execute(&mut *tx).await.map_err(map_err)?;
            tx.commit().await.map_err(map_err)?;
        } else {
            tx.rollback().await.map_err(map_err)?;
        }
        Ok(outcomes)
    }
}

#[async_trait]
impl PlaceStore for SqliteStore {
    async fn import_places(&self, regions: &[Region], communities: &[Community]) -> StoreResult<PlacesOutcome> {
        places::import_places(&self.writer, regions, communities, true).await
    }

    async fn preview_import_places(&self, regions: &[Region], communities: &[Community]) -> StoreResult<PlacesOutcome> {
        places::import_places(&self.writer, regions, communities, false).await
    }

    async fn add_community(&self, community: &Community) -> StoreResult<()> {
        places::add_community(&self.writer, community).await
    }

    async fn set_community_published(&self, slug: &str, published: bool) -> StoreResult<bool> {
        places::set_community_published(&self.writer, slug, published).await
    }

    async fn community_has_cases(&self, community_slug: &str) -> StoreResult<bool> {
        places::community_has_cases(&self.readers, community_slug).await
    }

    async fn service_centres(&self) -> StoreResult<Vec<ServiceCentre>> {
        places::service_centres(&self.readers).await
    }

    async fn put_service_centre(&self, centre: &ServiceCentre) -> StoreResult<i64> {
        places::put_service_centre(&self.writer, centre).await
    }

    async fn delete_service_centre(&self, community_slug: &str, id: i64) -> StoreResult<bool> {
        places::delete_service_centre(&self.writer, community_slug, id).await
    }

    async fn put_offer(&self, offer: &Offer) -> StoreResult<()> {
        places::put_offer(&self.writer, offer, false).await
    }

    async fn withdraw_offer(&self, community_slug: &str, service_slug: &str) -> StoreResult<bool> {
        places::withdraw_offer(&self.writer, community_slug, service_slug).await
    }

    async fn installation(&self) -> StoreResult<Option<Installation>> {
        places::installation(&self.readers).await
    }

    async fn put_installation(&self, installation: &Installation) -> StoreResult<()> {
        places::put_installation(&self.writer, installation).await
    }
}

#[async_trait]
impl BackupStore for SqliteStore {
    fn known_schema_version(&self) -> i64 {
        known_schema_version()
    }

    async fn schema_version(&self) -> StoreResult<Option<i64>> {
        let migrated: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
            .fetch_one(&self.readers)
            .await
            .map_err(map_err)?;
        if migrated == 0 {
            return Ok(None);
        }
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success").fetch_one(&self.readers).await.map_err(map_err)
    }

    async fn table_count(&self) -> StoreResult<u64> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                .fetch_one(&self.readers)
                .await
                .map_err(map_err)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn snapshot_into(&self, path: &Path) -> StoreResult<Vec<String>> {
        use sqlx::Connection as _;
        let target = path.to_str().ok_or_else(|| StoreError::Invalid(format!("{} is not a UTF-8 path", path.display())))?.to_string();
        // A connection of its own, read-write (the readers' are read-only, and
        // VACUUM INTO writes its copy through the connection), outside the
        // writer's pool, so that submissions go on meanwhile: in WAL, the copy is
        // one read transaction, which writers do not wait for.
        // The copy takes seconds by nature: no "slow statement" warning in the
        // operator's output (or cron's mail) for every backup.
        let options =
            sqlx::ConnectOptions::disable_statement_logging(SqliteConnectOptions::new().filename(&self.path).busy_timeout(BUSY_TIMEOUT));
        let mut connection = SqliteConnection::connect_with(&options).await.map_err(map_err)?;
        // VACUUM INTO does not sync what it writes. Synced once at the end, a
        // copy of gigabytes goes to the disk in one burst that the server's own
        // commits wait behind (bench/backup.sh: seconds of a few hundred
        // submissions a second); synced a little at a time as it grows, it
        // does not.
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let syncing = std::thread::Builder::new()
            .name("hromada-snapshot-sync".into())
            .spawn({
                let (done, file) = (std::sync::Arc::clone(&done), path.to_path_buf());
                move || {
                    let mut opened = None;
                    while !done.load(std::sync::atomic::Ordering::Acquire) {
                        std::thread::sleep(Duration::from_millis(250));
                        if opened.is_none() {
                            opened = std::fs::File::open(&file).ok();
                        }
                        if let Some(f) = &opened {
                            let _ = f.sync_data();
                        }
                    }
                }
            })
            .map_err(|e| StoreError::Database(format!("cannot start the copy's syncing: {e}")))?;
        let copied = sqlx::query("VACUUM INTO ?").bind(&target).execute(&mut connection).await.map_err(map_err);
        done.store(true, std::sync::atomic::Ordering::Release);
        let _ = connection.close().await;
        let _ = tokio::task::spawn_blocking(move || syncing.join()).await;
        copied?;
        // VACUUM INTO does not sync what it wrote: the copy is durable only now.
        let file = path.to_path_buf();
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            std::fs::File::open(&file)?.sync_all()?;
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::File::open(dir)?.sync_all()?;
            }
            Ok(())
        })
        .await
        .map_err(|e| StoreError::Database(e.to_string()))?
        .map_err(|e| StoreError::Database(format!("cannot make {} durable: {e}", path.display())))?;
        // The uploads the copy refers to, from the copy: the live database may
        // have lost a file row since (a draft's file removed), whose content the
        // restored copy still needs. Immutable: nothing is written beside it.
        let options = SqliteConnectOptions::new().filename(path).read_only(true).immutable(true);
        let mut copy = SqliteConnection::connect_with(&options).await.map_err(map_err)?;
        let hashes =
            sqlx::query_scalar("SELECT DISTINCT sha256 FROM case_files ORDER BY sha256").fetch_all(&mut copy).await.map_err(map_err);
        let _ = copy.close().await;
        hashes
    }

    async fn stored_file_hashes(&self) -> StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT DISTINCT sha256 FROM case_files ORDER BY sha256").fetch_all(&self.readers).await.map_err(map_err)
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR.run(&self.writer).await.map_err(|e| StoreError::Migration(e.to_string()))?;
        pulse::rebuild_if_flagged(&self.writer).await
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.readers).await.map_err(map_err)?;
        Ok(())
    }

    fn pool_stats(&self) -> PoolStats {
        PoolStats {
            size: self.writer.size() + self.readers.size(),
            idle: count_u32(self.writer.num_idle()).saturating_add(count_u32(self.readers.num_idle())),
        }
    }

    async fn put_region(&self, region: &Region) -> StoreResult<()> {
        places::put_region(&self.writer, region).await
    }

    async fn put_community(&self, community: &Community) -> StoreResult<()> {
        places::put_community(&self.writer, community).await
    }

    async fn regions(&self) -> StoreResult<Vec<Region>> {
        places::regions(&self.readers).await
    }

    async fn communities(&self) -> StoreResult<Vec<Community>> {
        places::communities(&self.readers).await
    }

    async fn import_services(
        &self,
        services: &[(String, String)],
        offer_in: &[String],
        now: OffsetDateTime,
    ) -> StoreResult<Vec<ImportOutcome>> {
        for (slug, source) in services {
            check_definition(slug, source)?;
        }
        let at = format_time(now)?;
        let mut attempt = 1;
        loop {
            match self.try_import(services, offer_in, &at).await {
                Err(StoreError::Conflict(_)) if attempt < IMPORT_ATTEMPTS => attempt += 1,
                other => return other,
            }
        }
    }

    async fn latest_services(&self) -> StoreResult<Vec<StoredService>> {
        let rows = sqlx::query(
            "SELECT s.slug, s.version, s.source, s.sha256, s.imported_at FROM services s \
             JOIN (SELECT slug, MAX(version) AS version FROM services GROUP BY slug) latest \
               ON latest.slug = s.slug AND latest.version = s.version \
             ORDER BY s.slug",
        )
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        rows.iter().map(service_from_row).collect()
    }

    async fn service_version(&self, slug: &str, version: i64) -> StoreResult<Option<StoredService>> {
        let row = sqlx::query("SELECT slug, version, source, sha256, imported_at FROM services WHERE slug = ? AND version = ?")
            .bind(slug)
            .bind(version)
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        row.as_ref().map(service_from_row).transpose()
    }

    async fn offer_service(&self, community_slug: &str, service_slug: &str) -> StoreResult<()> {
        places::put_offer(&self.writer, &Offer::plain(community_slug, service_slug), true).await
    }

    async fn offers(&self) -> StoreResult<Vec<Offer>> {
        places::offers(&self.readers).await
    }

    async fn catalogue_generation(&self) -> StoreResult<i64> {
        let value: Option<i64> = sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(GENERATION_KEY)
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        Ok(value.unwrap_or(0))
    }

    async fn put_non_working_day(&self, day: Date, note: &str) -> StoreResult<()> {
        sqlx::query("INSERT INTO non_working_days (day, note) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET note = excluded.note")
            .bind(format_day(day)?)
            .bind(note)
            .execute(&self.writer)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn non_working_days(&self) -> StoreResult<Vec<Date>> {
        let days: Vec<String> =
            sqlx::query_scalar("SELECT day FROM non_working_days ORDER BY day").fetch_all(&self.readers).await.map_err(map_err)?;
        days.iter().map(|day| parse_day(day)).collect()
    }

    async fn create_case(&self, case: &NewCase) -> StoreResult<CaseRecord> {
        let created_at = format_time(case.created_at)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at, applicant_account, \
             updated_at, lang, contact_email, owner_token_hash, channel, assisted_by, assisted_note) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&case.community_slug)
        .bind(&case.service_slug)
        .bind(case.service_version)
        .bind(&case.state)
        .bind(&created_at)
        .bind(case.applicant.map(|a| a.0))
        .bind(&created_at)
        .bind(case.lang.code())
        .bind(&case.contact_email)
        .bind(&case.owner_token_hash)
        .bind(case.channel.code())
        .bind(case.assisted_by.map(|a| a.0))
        .bind(&case.assisted_note)
        .fetch_one(&self.writer)
        .await
        .map_err(map_err)?;
        self.case_from_writer(id).await
    }

    async fn case(&self, id: i64) -> StoreResult<Option<CaseRecord>> {
        let row = sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        row.as_ref().map(cases::case_from_row).transpose()
    }

    async fn case_by_owner_token(&self, token_hash: &str) -> StoreResult<Option<CaseRecord>> {
        cases::case_where(&self.readers, cases::CaseKey::OwnerToken, token_hash).await
    }

    async fn case_by_reference(&self, reference: &str) -> StoreResult<Option<CaseRecord>> {
        cases::case_where(&self.readers, cases::CaseKey::Reference, reference).await
    }

    async fn save_draft_answers(&self, case_id: i64, answers: &Answers, now: OffsetDateTime) -> StoreResult<()> {
        cases::save_draft_answers(&self.writer, case_id, answers, now).await
    }

    async fn delete_draft(&self, case_id: i64) -> StoreResult<Option<Vec<String>>> {
        cases::delete_draft(&self.writer, case_id).await
    }

    async fn submit_case(&self, submission: &Submission) -> StoreResult<SubmitOutcome> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let submission = Submission { at: stored_time(submission.at)?, ..submission.clone() };
        self.submitter.send((submission, reply)).map_err(|_| StoreError::Unavailable("the store is shutting down".into()))?;
        answer.await.map_err(|_| StoreError::Unavailable("the store is shutting down".into()))?
    }

    async fn save_draft_page(&self, page: &DraftPage) -> StoreResult<Result<Vec<CaseFile>, PageRefused>> {
        cases::save_draft_page(&self.writer, page).await
    }

    async fn add_case_file(&self, file: &NewCaseFile) -> StoreResult<CaseFile> {
        cases::add_case_file(&self.writer, file).await
    }

    async fn case_files(&self, case_id: i64) -> StoreResult<Vec<CaseFile>> {
        cases::case_files(&self.readers, case_id).await
    }

    async fn remove_case_file(&self, case_id: i64, file_id: i64) -> StoreResult<bool> {
        cases::remove_case_file(&self.writer, case_id, file_id).await
    }

    async fn unreferenced_files(&self, sha256: &[String]) -> StoreResult<Vec<String>> {
        cases::unreferenced_files(&self.readers, sha256).await
    }

    async fn record_case_event(&self, event: &NewCaseEvent) -> StoreResult<CaseEvent> {
        cases::record_case_event(&self.writer, event).await
    }

    async fn case_events(&self, case_id: i64) -> StoreResult<Vec<CaseEvent>> {
        cases::case_events(&self.readers, case_id).await
    }

    async fn drafts_to_warn(&self, updated_before: OffsetDateTime, limit: i64) -> StoreResult<Vec<CaseRecord>> {
        cases::drafts_to_warn(&self.readers, updated_before, limit).await
    }

    async fn mark_draft_warned(&self, case_id: i64, at: OffsetDateTime) -> StoreResult<()> {
        cases::mark_draft_warned(&self.writer, case_id, at).await
    }

    async fn purge_drafts(&self, updated_before: OffsetDateTime) -> StoreResult<Vec<String>> {
        cases::purge_drafts(&self.writer, updated_before).await
    }
    async fn case_queue(&self, query: &CaseQuery) -> StoreResult<QueuePage> {
        backoffice::case_queue(&self.readers, query).await
    }

    async fn workload(&self, communities: &[String], today: Date) -> StoreResult<Vec<Workload>> {
        backoffice::workload(&self.readers, communities, today).await
    }

    async fn assign_cases(&self, ids: &[i64], assignee: Option<AccountId>, only_unassigned: bool, now: OffsetDateTime) -> StoreResult<u64> {
        backoffice::assign_cases(&self.writer, ids, assignee, only_unassigned, now).await
    }

    async fn cases_due_between(&self, from: Date, to: Date) -> StoreResult<Vec<CaseRecord>> {
        backoffice::cases_due_between(&self.readers, from, to).await
    }

    async fn drafts_assisted_by(&self, operator: AccountId) -> StoreResult<Vec<CaseRecord>> {
        backoffice::drafts_assisted_by(&self.readers, operator).await
    }

    async fn staff_of_community(&self, community_slug: &str) -> StoreResult<Vec<(AccountId, String, String, Role)>> {
        backoffice::staff_of_community(&self.readers, community_slug).await
    }

    async fn non_working_days_noted(&self) -> StoreResult<Vec<(Date, String)>> {
        backoffice::non_working_days_noted(&self.readers).await
    }

    async fn delete_non_working_day(&self, day: Date) -> StoreResult<bool> {
        backoffice::delete_non_working_day(&self.writer, day).await
    }

    async fn set_claim_code(&self, case_id: i64, code_hash: &str) -> StoreResult<()> {
        backoffice::set_claim_code(&self.writer, case_id, code_hash).await
    }

    async fn claim_case(&self, code_hash: &str, account: AccountId, now: OffsetDateTime) -> StoreResult<Option<i64>> {
        backoffice::claim_case(&self.writer, code_hash, account, now).await
    }

    async fn enqueue_job(&self, job: &NewJob) -> StoreResult<i64> {
        backoffice::enqueue_job(&self.writer, job).await
    }

    async fn claim_jobs(&self, now: OffsetDateTime, lease: Duration, limit: i64, worker: &str) -> StoreResult<Vec<Job>> {
        backoffice::claim_jobs(&self.writer, now, lease, limit, worker).await
    }

    async fn take_back_jobs(&self, worker: &str) -> StoreResult<u64> {
        backoffice::take_back_jobs(&self.writer, worker).await
    }

    async fn finish_job(&self, id: i64, now: OffsetDateTime) -> StoreResult<()> {
        backoffice::finish_job(&self.writer, id, now).await
    }

    async fn fail_job(&self, id: i64, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()> {
        backoffice::fail_job(&self.writer, id, error, retry_at).await
    }

    async fn job_counts(&self) -> StoreResult<Vec<(JobState, i64)>> {
        backoffice::job_counts(&self.readers).await
    }

    async fn add_notification(
        &self,
        account: AccountId,
        case_id: Option<i64>,
        at: OffsetDateTime,
        title: &str,
        body: &str,
    ) -> StoreResult<i64> {
        backoffice::add_notification(&self.writer, account, case_id, at, title, body).await
    }

    async fn notifications_of(&self, account: AccountId, limit: i64) -> StoreResult<Vec<Notification>> {
        backoffice::notifications_of(&self.readers, account, limit).await
    }

    async fn mark_notifications_read(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<u64> {
        backoffice::mark_notifications_read(&self.writer, account, now).await
    }

    async fn put_satisfaction(&self, case_id: i64, score: u8, comment: Option<&str>, at: OffsetDateTime) -> StoreResult<bool> {
        backoffice::put_satisfaction(&self.writer, case_id, score, comment, at).await
    }

    async fn satisfaction(&self, case_id: i64) -> StoreResult<Option<(u8, Option<String>, OffsetDateTime)>> {
        backoffice::satisfaction(&self.readers, case_id).await
    }

    async fn put_page_feedback(&self, feedback: &crate::NewPageFeedback) -> StoreResult<()> {
        feedback::put(&self.writer, feedback).await
    }

    async fn page_comments(&self, community: &str, before_id: Option<i64>, limit: i64) -> StoreResult<Vec<crate::PageComment>> {
        feedback::comments(&self.readers, community, before_id, limit).await
    }

    async fn append_audit(&self, event: &AuditEvent) -> StoreResult<AuditRow> {
        let event = AuditEvent { at: stored_time(event.at)?, ..event.clone() };
        let at = format_time(event.at)?;
        let details = details_json(&event.details)?;
        // BEGIN IMMEDIATE takes the write lock first, so the head read here is
        // still the head when the row is written (another process included).
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let (head_seq, head_hash): (i64, String) = sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?
            .ok_or_else(missing_audit_head)?;
        let row = AuditRow::seal(head_seq, &head_hash, event);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, actor_role, community, action, subject, details, prev_hash, hash) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(row.seq)
        .bind(&at)
        .bind(&row.event.actor)
        .bind(&row.event.actor_role)
        .bind(&row.event.community)
        .bind(&row.event.action)
        .bind(&row.event.subject)
        .bind(&details)
        .bind(&row.prev_hash)
        .bind(&row.hash)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        sqlx::query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")
            .bind(row.seq)
            .bind(&row.hash)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        Ok(row)
    }

    async fn audit_rows(&self, after_seq: i64, limit: i64) -> StoreResult<Vec<AuditRow>> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, actor_role, community, action, subject, details, prev_hash, hash \
             FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(after_seq)
        .bind(limit.clamp(0, MAX_AUDIT_PAGE))
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        rows.iter().map(audit_row_from_row).collect()
    }

    async fn audit_rows_about(&self, subject: &str, actions: &[&str], before_seq: Option<i64>, limit: i64) -> StoreResult<Vec<AuditRow>> {
        let actions = serde_json::to_string(actions).map_err(|e| StoreError::Database(e.to_string()))?;
        let rows = sqlx::query(
            "SELECT seq, at, actor, actor_role, community, action, subject, details, prev_hash, hash \
             FROM audit_log WHERE subject = ? AND seq < ? AND action IN (SELECT value FROM json_each(?)) \
             ORDER BY seq DESC LIMIT ?",
        )
        .bind(subject)
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(actions)
        .bind(limit.clamp(0, MAX_AUDIT_PAGE))
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        rows.iter().map(audit_row_from_row).collect()
    }

    async fn audit_head(&self) -> StoreResult<AuditHead> {
        let head: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_optional(&self.readers).await.map_err(map_err)?;
        head.map(|(seq, hash)| AuditHead { seq, hash }).ok_or_else(missing_audit_head)
    }

    async fn create_account(&self, account: &NewAccount) -> StoreResult<Account> {
        let email = canonical_email(&account.email);
        let created_at = stored_time(account.created_at)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, password_hash, is_staff, preferred_lang, created_at) \
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&email)
        .bind(&account.display_name)
        .bind(&account.password_hash)
        .bind(account.is_staff)
        .bind(account.preferred_lang.code())
        .bind(format_time(created_at)?)
        .fetch_one(&self.writer)
        .await
        .map_err(|e| email_taken(map_err(e)))?;
        Ok(Account {
            id: AccountId(id),
            email,
            display_name: account.display_name.clone(),
            password_hash: account.password_hash.clone(),
            email_confirmed_at: None,
            is_staff: account.is_staff,
            preferred_lang: account.preferred_lang,
            created_at,
            deleted_at: None,
        })
    }

    async fn account(&self, id: AccountId) -> StoreResult<Option<Account>> {
        let row = sqlx::query(concat!("SELECT ", account_columns!(), " FROM accounts WHERE id = ?"))
            .bind(id.0)
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        let row = sqlx::query(concat!("SELECT ", account_columns!(), " FROM accounts WHERE email = ?"))
            .bind(canonical_email(email))
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn set_password_hash(&self, id: AccountId, password_hash: &str) -> StoreResult<()> {
        let changed = sqlx::query("UPDATE accounts SET password_hash = ? WHERE id = ? AND deleted_at IS NULL")
            .bind(password_hash)
            .bind(id.0)
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected();
        found(changed)
    }

    async fn confirm_email(&self, id: AccountId, at: OffsetDateTime) -> StoreResult<()> {
        let changed = sqlx::query(
            "UPDATE accounts SET email_confirmed_at = COALESCE(email_confirmed_at, ?) \
             WHERE id = ? AND deleted_at IS NULL",
        )
        .bind(format_time(at)?)
        .bind(id.0)
        .execute(&self.writer)
        .await
        .map_err(map_err)?
        .rows_affected();
        found(changed)
    }

    async fn update_profile(&self, id: AccountId, display_name: &str, preferred_lang: Lang) -> StoreResult<()> {
        let changed = sqlx::query("UPDATE accounts SET display_name = ?, preferred_lang = ? WHERE id = ? AND deleted_at IS NULL")
            .bind(display_name)
            .bind(preferred_lang.code())
            .bind(id.0)
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected();
        found(changed)
    }

    async fn grant_role(&self, grant: &RoleGrant) -> StoreResult<bool> {
        let (community, region) = scope_columns(&grant.scope);
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        if !live_account(&mut tx, grant.account).await? {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        let added = sqlx::query(
            "INSERT INTO role_grants (account_id, role, community_slug, region_slug, granted_by, granted_at) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(grant.account.0)
        .bind(grant.role.code())
        .bind(community)
        .bind(region)
        .bind(grant.granted_by.map(|a| a.0))
        .bind(format_time(grant.granted_at)?)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        sqlx::query("UPDATE accounts SET is_staff = 1 WHERE id = ?").bind(grant.account.0).execute(&mut *tx).await.map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        Ok(added > 0)
    }

    async fn revoke_role(&self, account: AccountId, role: Role, scope: &Scope) -> StoreResult<bool> {
        let sql = match scope {
            Scope::Community(_) => "DELETE FROM role_grants WHERE account_id = ? AND role = ? AND community_slug = ?",
            Scope::Region(_) => "DELETE FROM role_grants WHERE account_id = ? AND role = ? AND region_slug = ?",
            Scope::Installation => {
                "DELETE FROM role_grants WHERE account_id = ? AND role = ? AND community_slug IS NULL AND region_slug IS NULL AND ? = ''"
            }
        };
        let removed = sqlx::query(sql)
            .bind(account.0)
            .bind(role.code())
            .bind(scope.slug())
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(removed > 0)
    }

    async fn roles_of(&self, account: AccountId) -> StoreResult<Vec<RoleGrant>> {
        let rows = sqlx::query(
            "SELECT account_id, role, community_slug, region_slug, granted_by, granted_at \
             FROM role_grants WHERE account_id = ?",
        )
        .bind(account.0)
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        let mut grants = rows.iter().map(grant_from_row).collect::<StoreResult<Vec<_>>>()?;
        sort_grants(&mut grants);
        Ok(grants)
    }

    async fn create_session(&self, session: &SessionRecord) -> StoreResult<()> {
        insert_session(&mut *self.writer.acquire().await.map_err(map_err)?, session).await
    }

    async fn session_by_hash(&self, id_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
        let now = format_time(now)?;
        let row = sqlx::query(concat!(
            "SELECT ",
            session_columns!(),
            " FROM sessions WHERE id_hash = ? AND idle_expires_at > ? AND absolute_expires_at > ?"
        ))
        .bind(id_hash)
        .bind(&now)
        .bind(&now)
        .fetch_optional(&self.readers)
        .await
        .map_err(map_err)?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn touch_session(&self, id_hash: &str, now: OffsetDateTime, idle_expires_at: OffsetDateTime) -> StoreResult<bool> {
        let now = format_time(now)?;
        let touched = sqlx::query(
            "UPDATE sessions SET last_seen_at = ?, idle_expires_at = ? \
             WHERE id_hash = ? AND idle_expires_at > ? AND absolute_expires_at > ?",
        )
        .bind(&now)
        .bind(format_time(idle_expires_at)?)
        .bind(id_hash)
        .bind(&now)
        .bind(&now)
        .execute(&self.writer)
        .await
        .map_err(map_err)?
        .rows_affected();
        Ok(touched > 0)
    }

    async fn replace_session(&self, old_hash: &str, session: &SessionRecord) -> StoreResult<()> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let removed =
            sqlx::query("DELETE FROM sessions WHERE id_hash = ?").bind(old_hash).execute(&mut *tx).await.map_err(map_err)?.rows_affected();
        if removed == 0 {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        insert_session(&mut tx, session).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn delete_session(&self, id_hash: &str) -> StoreResult<bool> {
        let removed = sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(id_hash)
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(removed > 0)
    }

    async fn delete_sessions_of(&self, account: AccountId) -> StoreResult<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE account_id = ?")
            .bind(account.0)
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected())
    }

    async fn sessions_of(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<Vec<SessionRecord>> {
        let now = format_time(now)?;
        let rows = sqlx::query(concat!(
            "SELECT ",
            session_columns!(),
            " FROM sessions WHERE account_id = ? AND idle_expires_at > ? AND absolute_expires_at > ? \
             ORDER BY created_at, id_hash"
        ))
        .bind(account.0)
        .bind(&now)
        .bind(&now)
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        rows.iter().map(session_from_row).collect()
    }

    async fn put_token(&self, token: &TokenRecord) -> StoreResult<()> {
        sqlx::query(concat!("INSERT INTO tokens (", token_columns!(), ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
            .bind(&token.hash)
            .bind(token.purpose.code())
            .bind(token.account.map(|a| a.0))
            .bind(canonical_email(&token.email))
            .bind(&token.payload)
            .bind(format_time(token.created_at)?)
            .bind(format_time(token.expires_at)?)
            .bind(format_opt_time(token.used_at)?)
            .execute(&self.writer)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn use_token(&self, hash: &str, purpose: TokenPurpose, now: OffsetDateTime) -> StoreResult<Option<TokenRecord>> {
        let now = format_time(now)?;
        // One statement: the check and the mark cannot be pulled apart.
        let row = sqlx::query(concat!(
            "UPDATE tokens SET used_at = ? \
             WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING ",
            token_columns!()
        ))
        .bind(&now)
        .bind(hash)
        .bind(purpose.code())
        .bind(&now)
        .fetch_optional(&self.writer)
        .await
        .map_err(map_err)?;
        row.as_ref().map(token_from_row).transpose()
    }

    async fn put_totp(&self, totp: &TotpRecord) -> StoreResult<()> {
        let TotpAtRest::Sealed(sealed) = &totp.secret else {
            return Err(StoreError::Conflict("a TOTP secret is kept only sealed".into()));
        };
        sqlx::query(
            "INSERT INTO totp (account_id, secret, sealed, confirmed_at, last_used_step) VALUES (?, NULL, ?, ?, ?) \
             ON CONFLICT (account_id) DO UPDATE SET secret = NULL, sealed = excluded.sealed, \
               confirmed_at = excluded.confirmed_at, last_used_step = excluded.last_used_step",
        )
        .bind(totp.account.0)
        .bind(sealed)
        .bind(format_opt_time(totp.confirmed_at)?)
        .bind(totp.last_used_step)
        .execute(&self.writer)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn totp_of(&self, account: AccountId) -> StoreResult<Option<TotpRecord>> {
        let row = sqlx::query("SELECT account_id, secret, sealed, confirmed_at, last_used_step FROM totp WHERE account_id = ?")
            .bind(account.0)
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        row.map(|row| {
            Ok(TotpRecord {
                account: AccountId(get(&row, "account_id")?),
                secret: match get::<Option<Vec<u8>>>(&row, "sealed")? {
                    Some(sealed) => TotpAtRest::Sealed(sealed),
                    None => TotpAtRest::Clear(get::<Option<Vec<u8>>>(&row, "secret")?.unwrap_or_default()),
                },
                confirmed_at: get_opt_time(&row, "confirmed_at")?,
                last_used_step: get(&row, "last_used_step")?,
            })
        })
        .transpose()
    }

    async fn clear_totp_secrets(&self) -> StoreResult<Vec<(AccountId, Vec<u8>)>> {
        let rows = sqlx::query("SELECT account_id, secret FROM totp WHERE sealed IS NULL ORDER BY account_id")
            .fetch_all(&self.readers)
            .await
            .map_err(map_err)?;
        rows.iter()
            .map(|row| Ok((AccountId(get(row, "account_id")?), get::<Option<Vec<u8>>>(row, "secret")?.unwrap_or_default())))
            .collect()
    }

    async fn seal_totp_secret(&self, account: AccountId, clear: &[u8], sealed: &[u8]) -> StoreResult<bool> {
        let changed = sqlx::query("UPDATE totp SET secret = NULL, sealed = ? WHERE account_id = ? AND sealed IS NULL AND secret = ?")
            .bind(sealed)
            .bind(account.0)
            .bind(clear)
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(changed > 0)
    }

    async fn confirm_totp(&self, account: AccountId, at: OffsetDateTime) -> StoreResult<bool> {
        let changed = sqlx::query("UPDATE totp SET confirmed_at = ? WHERE account_id = ? AND confirmed_at IS NULL")
            .bind(format_time(at)?)
            .bind(account.0)
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(changed > 0)
    }

    async fn advance_totp_step(&self, account: AccountId, step: i64) -> StoreResult<bool> {
        let changed = sqlx::query(
            "UPDATE totp SET last_used_step = ? \
             WHERE account_id = ? AND (last_used_step IS NULL OR last_used_step < ?)",
        )
        .bind(step)
        .bind(account.0)
        .bind(step)
        .execute(&self.writer)
        .await
        .map_err(map_err)?
        .rows_affected();
        Ok(changed > 0)
    }

    async fn put_recovery_codes(&self, account: AccountId, salt: &[u8; 16], code_hashes: &[String]) -> StoreResult<()> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        if !live_account(&mut tx, account).await? {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = ?").bind(account.0).execute(&mut *tx).await.map_err(map_err)?;
        for hash in code_hashes {
            sqlx::query("INSERT INTO recovery_codes (account_id, code_hash, salt) VALUES (?, ?, ?)")
                .bind(account.0)
                .bind(hash)
                .bind(&salt[..])
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn recovery_salt(&self, account: AccountId) -> StoreResult<Option<[u8; 16]>> {
        let salt: Option<Vec<u8>> = sqlx::query_scalar("SELECT salt FROM recovery_codes WHERE account_id = ? AND salt IS NOT NULL LIMIT 1")
            .bind(account.0)
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        Ok(salt.and_then(|s| <[u8; 16]>::try_from(s.as_slice()).ok()))
    }

    async fn use_recovery_code(&self, account: AccountId, code_hash: &str, now: OffsetDateTime) -> StoreResult<bool> {
        let used = sqlx::query("UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL")
            .bind(format_time(now)?)
            .bind(account.0)
            .bind(code_hash)
            .execute(&self.writer)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(used > 0)
    }

    async fn recovery_codes_left(&self, account: AccountId) -> StoreResult<u32> {
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE account_id = ? AND used_at IS NULL")
            .bind(account.0)
            .fetch_one(&self.readers)
            .await
            .map_err(map_err)?;
        Ok(u32::try_from(left).unwrap_or(u32::MAX))
    }

    async fn hit_throttle_by(
        &self,
        key: &str,
        now: OffsetDateTime,
        window: Duration,
        limit: u32,
        cost: u32,
    ) -> StoreResult<ThrottleDecision> {
        let cost = i64::from(cost.max(1));
        let now = stored_time(now)?;
        let end = window_end(now, window)?;
        let now_text = format_time(now)?;
        // One upsert: the count and the window move together, whoever else
        // hits the same key at the same time. (Right-hand sides see the old row.)
        let (hits, end): (i64, String) = sqlx::query_as(
            "INSERT INTO throttle (key, window_end, hits) VALUES (?, ?, ?) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN throttle.window_end <= ? THEN excluded.hits ELSE throttle.hits + excluded.hits END, \
               window_end = CASE WHEN throttle.window_end <= ? THEN excluded.window_end ELSE throttle.window_end END \
             RETURNING hits, window_end",
        )
        .bind(key)
        .bind(format_time(end)?)
        .bind(cost)
        .bind(&now_text)
        .bind(&now_text)
        .fetch_one(&self.writer)
        .await
        .map_err(map_err)?;
        Ok(throttle_decision(hits, parse_time(&end)?, now, limit))
    }

    async fn clear_throttle(&self, key: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM throttle WHERE key = ?").bind(key).execute(&self.writer).await.map_err(map_err)?;
        Ok(())
    }

    async fn purge_expired(&self, now: OffsetDateTime) -> StoreResult<u64> {
        let now = format_time(now)?;
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let mut removed = 0;
        for sql in [
            "DELETE FROM sessions WHERE idle_expires_at <= ?1 OR absolute_expires_at <= ?1",
            "DELETE FROM tokens WHERE expires_at <= ?1",
            "DELETE FROM throttle WHERE window_end <= ?1",
        ] {
            removed += sqlx::query(sql).bind(&now).execute(&mut *tx).await.map_err(map_err)?.rows_affected();
        }
        tx.commit().await.map_err(map_err)?;
        Ok(removed)
    }

    async fn cases_of_applicant(&self, account: AccountId) -> StoreResult<Vec<CaseRecord>> {
        let rows = sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE applicant_account = ? ORDER BY id"))
            .bind(account.0)
            .fetch_all(&self.readers)
            .await
            .map_err(map_err)?;
        rows.iter().map(cases::case_from_row).collect()
    }

    async fn delete_account_personal_data(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<()> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let email: Option<String> = sqlx::query_scalar("SELECT email FROM accounts WHERE id = ?")
            .bind(account.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
        let Some(email) = email else {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        };
        for sql in [
            "DELETE FROM sessions WHERE account_id = ?",
            "DELETE FROM totp WHERE account_id = ?",
            "DELETE FROM recovery_codes WHERE account_id = ?",
            "DELETE FROM role_grants WHERE account_id = ?",
        ] {
            sqlx::query(sql).bind(account.0).execute(&mut *tx).await.map_err(map_err)?;
        }
        // Drafts go; every other case stays, detached from the account.
        sqlx::query("DELETE FROM cases WHERE applicant_account = ? AND state = ?")
            .bind(account.0)
            .bind(DRAFT_STATE)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query("UPDATE cases SET applicant_account = NULL WHERE applicant_account = ?")
            .bind(account.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query("DELETE FROM tokens WHERE account_id = ? OR email = ?")
            .bind(account.0)
            .bind(&email)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query(
            "UPDATE accounts SET email = ?, display_name = '', password_hash = NULL, email_confirmed_at = NULL, \
               deleted_at = COALESCE(deleted_at, ?) WHERE id = ?",
        )
        .bind(tombstone_email(account))
        .bind(format_time(now)?)
        .bind(account.0)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)
    }
}
