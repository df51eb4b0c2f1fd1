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

use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use hromada_domain::Text;
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow};
use hromada_domain::place::{Community, Region};
use sqlx::Row;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::common::{
    GENERATION_KEY, IMPORT_ATTEMPTS, MAX_AUDIT_PAGE, count_u32, details_from_json, details_json, map_sqlx,
    missing_audit_head, sha256_hex, stored_time,
};
use crate::{CaseRecord, ImportOutcome, NewCase, PoolStats, Store, StoreError, StoreResult, StoredService};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const READERS: u32 = 4;
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

const DAY_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

pub struct SqliteStore {
    path: PathBuf,
    /// Exactly one connection: all writes.
    writer: SqlitePool,
    /// Read-only connections: all reads.
    readers: SqlitePool,
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

fn community_from_row(row: &SqliteRow) -> Result<Community, sqlx::Error> {
    Ok(Community {
        slug: row.try_get("slug")?,
        region_slug: row.try_get("region_slug")?,
        code: row.try_get("code")?,
        name: text(row.try_get("name_uk")?, row.try_get("name_en")?),
        address: text(row.try_get("address_uk")?, row.try_get("address_en")?),
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        opening_hours: text(row.try_get("hours_uk")?, row.try_get("hours_en")?),
    })
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

fn case_from_row(row: &SqliteRow) -> StoreResult<CaseRecord> {
    let created_at: String = row.try_get("created_at").map_err(map_err)?;
    Ok(CaseRecord {
        id: row.try_get("id").map_err(map_err)?,
        community_slug: row.try_get("community_slug").map_err(map_err)?,
        service_slug: row.try_get("service_slug").map_err(map_err)?,
        service_version: row.try_get("service_version").map_err(map_err)?,
        state: row.try_get("state").map_err(map_err)?,
        created_at: parse_time(&created_at)?,
    })
}

fn audit_row_from_row(row: &SqliteRow) -> StoreResult<AuditRow> {
    let seq: i64 = row.try_get("seq").map_err(map_err)?;
    let at: String = row.try_get("at").map_err(map_err)?;
    let at = OffsetDateTime::parse(&at, &Rfc3339).map_err(|_| {
        StoreError::Database(format!(
            "audit row {seq} was changed after it was written: its time {at:?} is not a timestamp"
        ))
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
        let base = SqliteConnectOptions::new()
            .filename(path)
            .foreign_keys(true)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(BUSY_TIMEOUT);
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
        Ok(SqliteStore { path: path.to_path_buf(), writer, readers })
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
        let foreign_keys: i64 =
            sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut *conn).await.map_err(map_err)?;
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.map_err(map_err)?;
        Ok((journal, foreign_keys, synchronous))
    }

    async fn try_import(&self, slug: &str, source: &str, sha256: &str, at: &str) -> StoreResult<ImportOutcome> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let latest: Option<(i64, String)> =
            sqlx::query_as("SELECT version, sha256 FROM services WHERE slug = ? ORDER BY version DESC LIMIT 1")
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?;
        if let Some((version, latest_sha)) = &latest
            && latest_sha == sha256
        {
            tx.rollback().await.map_err(map_err)?;
            return Ok(ImportOutcome::Unchanged { version: *version });
        }
        let version = latest.map_or(1, |(version, _)| version + 1);
        sqlx::query("INSERT INTO services (slug, version, source, sha256, imported_at) VALUES (?, ?, ?, ?, ?)")
            .bind(slug)
            .bind(version)
            .bind(source)
            .bind(sha256)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query(BUMP_GENERATION).bind(GENERATION_KEY).execute(&mut *tx).await.map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        Ok(ImportOutcome::Created { version })
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR.run(&self.writer).await.map_err(|e| StoreError::Migration(e.to_string()))
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
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        // The WHERE makes an update that changes nothing affect no row, so the
        // catalogue generation grows only on a real change.
        let changed = sqlx::query(
            "INSERT INTO regions (slug, name_uk, name_en) VALUES (?, ?, ?) \
             ON CONFLICT (slug) DO UPDATE SET name_uk = excluded.name_uk, name_en = excluded.name_en \
             WHERE regions.name_uk IS NOT excluded.name_uk OR regions.name_en IS NOT excluded.name_en",
        )
        .bind(&region.slug)
        .bind(&region.name.uk)
        .bind(&region.name.en)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        if changed > 0 {
            sqlx::query(BUMP_GENERATION).bind(GENERATION_KEY).execute(&mut *tx).await.map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn put_community(&self, community: &Community) -> StoreResult<()> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let changed = sqlx::query(
            "INSERT INTO communities \
               (slug, region_slug, code, name_uk, name_en, address_uk, address_en, phone, email, hours_uk, hours_en) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (slug) DO UPDATE SET \
               region_slug = excluded.region_slug, code = excluded.code, \
               name_uk = excluded.name_uk, name_en = excluded.name_en, \
               address_uk = excluded.address_uk, address_en = excluded.address_en, \
               phone = excluded.phone, email = excluded.email, \
               hours_uk = excluded.hours_uk, hours_en = excluded.hours_en \
             WHERE communities.region_slug IS NOT excluded.region_slug \
                OR communities.code IS NOT excluded.code \
                OR communities.name_uk IS NOT excluded.name_uk OR communities.name_en IS NOT excluded.name_en \
                OR communities.address_uk IS NOT excluded.address_uk \
                OR communities.address_en IS NOT excluded.address_en \
                OR communities.phone IS NOT excluded.phone OR communities.email IS NOT excluded.email \
                OR communities.hours_uk IS NOT excluded.hours_uk OR communities.hours_en IS NOT excluded.hours_en",
        )
        .bind(&community.slug)
        .bind(&community.region_slug)
        .bind(&community.code)
        .bind(&community.name.uk)
        .bind(&community.name.en)
        .bind(&community.address.uk)
        .bind(&community.address.en)
        .bind(&community.phone)
        .bind(&community.email)
        .bind(&community.opening_hours.uk)
        .bind(&community.opening_hours.en)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        if changed > 0 {
            sqlx::query(BUMP_GENERATION).bind(GENERATION_KEY).execute(&mut *tx).await.map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn regions(&self) -> StoreResult<Vec<Region>> {
        let rows: Vec<(String, String, Option<String>)> =
            sqlx::query_as("SELECT slug, name_uk, name_en FROM regions ORDER BY slug")
                .fetch_all(&self.readers)
                .await
                .map_err(map_err)?;
        Ok(rows.into_iter().map(|(slug, uk, en)| Region { slug, name: text(uk, en) }).collect())
    }

    async fn communities(&self) -> StoreResult<Vec<Community>> {
        let rows = sqlx::query(
            "SELECT slug, region_slug, code, name_uk, name_en, address_uk, address_en, phone, email, hours_uk, hours_en \
             FROM communities ORDER BY slug",
        )
        .fetch_all(&self.readers)
        .await
        .map_err(map_err)?;
        rows.iter().map(|row| community_from_row(row).map_err(map_err)).collect()
    }

    async fn import_service(&self, slug: &str, source: &str, now: OffsetDateTime) -> StoreResult<ImportOutcome> {
        let sha256 = sha256_hex(source);
        let at = format_time(now)?;
        let mut attempt = 1;
        loop {
            match self.try_import(slug, source, &sha256, &at).await {
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
        let row = sqlx::query(
            "SELECT slug, version, source, sha256, imported_at FROM services WHERE slug = ? AND version = ?",
        )
        .bind(slug)
        .bind(version)
        .fetch_optional(&self.readers)
        .await
        .map_err(map_err)?;
        row.as_ref().map(service_from_row).transpose()
    }

    async fn offer_service(&self, community_slug: &str, service_slug: &str) -> StoreResult<()> {
        let mut tx = self.writer.begin_with(BEGIN_WRITE).await.map_err(map_err)?;
        let community: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM communities WHERE slug = ?)")
            .bind(community_slug)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        let service: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM services WHERE slug = ?)")
            .bind(service_slug)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        if !community || !service {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        let added = sqlx::query(
            "INSERT INTO offers (community_slug, service_slug) VALUES (?, ?) \
             ON CONFLICT (community_slug, service_slug) DO NOTHING",
        )
        .bind(community_slug)
        .bind(service_slug)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        if added > 0 {
            sqlx::query(BUMP_GENERATION).bind(GENERATION_KEY).execute(&mut *tx).await.map_err(map_err)?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn offers(&self) -> StoreResult<Vec<(String, String)>> {
        sqlx::query_as("SELECT community_slug, service_slug FROM offers ORDER BY community_slug, service_slug")
            .fetch_all(&self.readers)
            .await
            .map_err(map_err)
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
        let days: Vec<String> = sqlx::query_scalar("SELECT day FROM non_working_days ORDER BY day")
            .fetch_all(&self.readers)
            .await
            .map_err(map_err)?;
        days.iter().map(|day| parse_day(day)).collect()
    }

    async fn create_case(&self, case: &NewCase) -> StoreResult<CaseRecord> {
        let created_at = stored_time(case.created_at)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at) \
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&case.community_slug)
        .bind(&case.service_slug)
        .bind(case.service_version)
        .bind(&case.state)
        .bind(format_time(created_at)?)
        .fetch_one(&self.writer)
        .await
        .map_err(map_err)?;
        Ok(CaseRecord {
            id,
            community_slug: case.community_slug.clone(),
            service_slug: case.service_slug.clone(),
            service_version: case.service_version,
            state: case.state.clone(),
            created_at,
        })
    }

    async fn case(&self, id: i64) -> StoreResult<Option<CaseRecord>> {
        let row = sqlx::query(
            "SELECT id, community_slug, service_slug, service_version, state, created_at FROM cases WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.readers)
        .await
        .map_err(map_err)?;
        row.as_ref().map(case_from_row).transpose()
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

    async fn audit_head(&self) -> StoreResult<AuditHead> {
        let head: Option<(i64, String)> = sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&self.readers)
            .await
            .map_err(map_err)?;
        head.map(|(seq, hash)| AuditHead { seq, hash }).ok_or_else(missing_audit_head)
    }
}
