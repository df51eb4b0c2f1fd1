//! The PostgreSQL store: one connection pool.
//!
//! Writes to the catalogue (services, offers, regions, communities) lock the
//! `catalogue_generation` row of `meta` first, so they are serialised: two
//! concurrent imports of the same slug cannot both pick the same next version
//! (and if one ever did, the primary key would reject it and the import is
//! tried again). Audit appends likewise lock the one row of `audit_head`, so
//! the audit trail stays one chain whichever instance writes to it.
//!
//! Representation: timestamps are `timestamptz` written to the whole second in
//! UTC, dates are `date` (see `migrations/postgres/0001_foundation.sql`).

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use hromada_domain::Text;
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow};
use hromada_domain::place::{Community, Region};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{PgTransaction, Row};
use time::{Date, OffsetDateTime};

use crate::common::{
    GENERATION_KEY, IMPORT_ATTEMPTS, MAX_AUDIT_PAGE, count_u32, details_from_json, details_json, map_sqlx,
    missing_audit_head, scrub_password, sha256_hex, stored_time,
};
use crate::{CaseRecord, ImportOutcome, NewCase, PoolStats, Store, StoreError, StoreResult, StoredService, redact_url};

static MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

const MAX_CONNECTIONS: u32 = 10;
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

pub struct PgStore {
    /// The URL with its password redacted, for `Debug`.
    url: String,
    pool: PgPool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("url", &self.url).finish_non_exhaustive()
    }
}

/// SQLSTATEs meaning "the server is not there for us right now": class 08
/// (connection exception), 57P01–57P03 (shutting down, cannot connect now),
/// 53300 (too many connections).
fn pg_unavailable(code: &str) -> bool {
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
}

fn map_err(err: sqlx::Error) -> StoreError {
    map_sqlx(err, pg_unavailable)
}

fn text(uk: String, en: Option<String>) -> Text {
    Text { uk, en }
}

fn community_from_row(row: &PgRow) -> Result<Community, sqlx::Error> {
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

fn service_from_row(row: &PgRow) -> Result<StoredService, sqlx::Error> {
    Ok(StoredService {
        slug: row.try_get("slug")?,
        version: row.try_get("version")?,
        source: row.try_get("source")?,
        sha256: row.try_get("sha256")?,
        imported_at: row.try_get("imported_at")?,
    })
}

fn case_from_row(row: &PgRow) -> Result<CaseRecord, sqlx::Error> {
    Ok(CaseRecord {
        id: row.try_get("id")?,
        community_slug: row.try_get("community_slug")?,
        service_slug: row.try_get("service_slug")?,
        service_version: row.try_get("service_version")?,
        state: row.try_get("state")?,
        created_at: row.try_get("created_at")?,
    })
}

fn audit_row_from_row(row: &PgRow) -> Result<AuditRow, sqlx::Error> {
    let details: String = row.try_get("details")?;
    Ok(AuditRow {
        seq: row.try_get("seq")?,
        event: AuditEvent {
            at: row.try_get("at")?,
            actor: row.try_get("actor")?,
            actor_role: row.try_get("actor_role")?,
            community: row.try_get("community")?,
            action: row.try_get("action")?,
            subject: row.try_get("subject")?,
            details: details_from_json(&details),
        },
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

/// Begin a transaction that writes the catalogue: it holds the lock on the
/// generation row until it ends.
async fn begin_catalogue_write(pool: &PgPool) -> StoreResult<PgTransaction<'static>> {
    let mut tx = pool.begin().await.map_err(map_err)?;
    sqlx::query("SELECT value FROM meta WHERE key = $1 FOR UPDATE")
        .bind(GENERATION_KEY)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    Ok(tx)
}

async fn bump_generation(tx: &mut PgTransaction<'static>) -> StoreResult<()> {
    sqlx::query("UPDATE meta SET value = value + 1 WHERE key = $1")
        .bind(GENERATION_KEY)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    Ok(())
}

impl PgStore {
    /// Connect to the database at `url`. Fails with [`StoreError::Unavailable`]
    /// (whose message never holds the password) when it cannot be reached
    /// within a few seconds. Does not migrate: call [`Store::migrate`].
    pub async fn connect(url: &str) -> StoreResult<PgStore> {
        let redacted = redact_url(url);
        let unavailable = |what: &str, e: sqlx::Error| {
            StoreError::Unavailable(scrub_password(&format!("{what} {redacted}: {e}"), url))
        };
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| unavailable("invalid database URL", e))?
            .application_name("hromada");
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|e| unavailable("cannot connect to", e))?;
        Ok(PgStore { url: redacted, pool })
    }

    async fn try_import(
        &self,
        slug: &str,
        source: &str,
        sha256: &str,
        at: OffsetDateTime,
    ) -> StoreResult<ImportOutcome> {
        let mut tx = begin_catalogue_write(&self.pool).await?;
        let latest: Option<(i64, String)> =
            sqlx::query_as("SELECT version, sha256 FROM services WHERE slug = $1 ORDER BY version DESC LIMIT 1")
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
        sqlx::query("INSERT INTO services (slug, version, source, sha256, imported_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(slug)
            .bind(version)
            .bind(source)
            .bind(sha256)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        bump_generation(&mut tx).await?;
        tx.commit().await.map_err(map_err)?;
        Ok(ImportOutcome::Created { version })
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR.run(&self.pool).await.map_err(|e| StoreError::Migration(e.to_string()))
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(map_err)?;
        Ok(())
    }

    fn pool_stats(&self) -> PoolStats {
        PoolStats { size: self.pool.size(), idle: count_u32(self.pool.num_idle()) }
    }

    async fn put_region(&self, region: &Region) -> StoreResult<()> {
        let mut tx = begin_catalogue_write(&self.pool).await?;
        // The WHERE makes an update that changes nothing affect no row, so the
        // catalogue generation grows only on a real change.
        let changed = sqlx::query(
            "INSERT INTO regions (slug, name_uk, name_en) VALUES ($1, $2, $3) \
             ON CONFLICT (slug) DO UPDATE SET name_uk = excluded.name_uk, name_en = excluded.name_en \
             WHERE (regions.name_uk, regions.name_en) IS DISTINCT FROM (excluded.name_uk, excluded.name_en)",
        )
        .bind(&region.slug)
        .bind(&region.name.uk)
        .bind(&region.name.en)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        if changed > 0 {
            bump_generation(&mut tx).await?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn put_community(&self, community: &Community) -> StoreResult<()> {
        let mut tx = begin_catalogue_write(&self.pool).await?;
        let changed = sqlx::query(
            "INSERT INTO communities \
               (slug, region_slug, code, name_uk, name_en, address_uk, address_en, phone, email, hours_uk, hours_en) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (slug) DO UPDATE SET \
               region_slug = excluded.region_slug, code = excluded.code, \
               name_uk = excluded.name_uk, name_en = excluded.name_en, \
               address_uk = excluded.address_uk, address_en = excluded.address_en, \
               phone = excluded.phone, email = excluded.email, \
               hours_uk = excluded.hours_uk, hours_en = excluded.hours_en \
             WHERE (communities.region_slug, communities.code, communities.name_uk, communities.name_en, \
                    communities.address_uk, communities.address_en, communities.phone, communities.email, \
                    communities.hours_uk, communities.hours_en) \
               IS DISTINCT FROM \
                   (excluded.region_slug, excluded.code, excluded.name_uk, excluded.name_en, \
                    excluded.address_uk, excluded.address_en, excluded.phone, excluded.email, \
                    excluded.hours_uk, excluded.hours_en)",
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
            bump_generation(&mut tx).await?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn regions(&self) -> StoreResult<Vec<Region>> {
        let rows: Vec<(String, String, Option<String>)> =
            sqlx::query_as("SELECT slug, name_uk, name_en FROM regions ORDER BY slug COLLATE \"C\"")
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(rows.into_iter().map(|(slug, uk, en)| Region { slug, name: text(uk, en) }).collect())
    }

    async fn communities(&self) -> StoreResult<Vec<Community>> {
        let rows = sqlx::query(
            "SELECT slug, region_slug, code, name_uk, name_en, address_uk, address_en, phone, email, hours_uk, hours_en \
             FROM communities ORDER BY slug COLLATE \"C\"",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter().map(community_from_row).collect::<Result<_, _>>().map_err(map_err)
    }

    async fn import_service(&self, slug: &str, source: &str, now: OffsetDateTime) -> StoreResult<ImportOutcome> {
        let sha256 = sha256_hex(source);
        let at = stored_time(now)?;
        let mut attempt = 1;
        loop {
            match self.try_import(slug, source, &sha256, at).await {
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
             ORDER BY s.slug COLLATE \"C\"",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter().map(service_from_row).collect::<Result<_, _>>().map_err(map_err)
    }

    async fn service_version(&self, slug: &str, version: i64) -> StoreResult<Option<StoredService>> {
        let row = sqlx::query(
            "SELECT slug, version, source, sha256, imported_at FROM services WHERE slug = $1 AND version = $2",
        )
        .bind(slug)
        .bind(version)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        row.as_ref().map(service_from_row).transpose().map_err(map_err)
    }

    async fn offer_service(&self, community_slug: &str, service_slug: &str) -> StoreResult<()> {
        let mut tx = begin_catalogue_write(&self.pool).await?;
        let community: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM communities WHERE slug = $1)")
            .bind(community_slug)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        let service: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM services WHERE slug = $1)")
            .bind(service_slug)
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        if !community || !service {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        let added = sqlx::query(
            "INSERT INTO offers (community_slug, service_slug) VALUES ($1, $2) \
             ON CONFLICT (community_slug, service_slug) DO NOTHING",
        )
        .bind(community_slug)
        .bind(service_slug)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        if added > 0 {
            bump_generation(&mut tx).await?;
        }
        tx.commit().await.map_err(map_err)
    }

    async fn offers(&self) -> StoreResult<Vec<(String, String)>> {
        sqlx::query_as(
            "SELECT community_slug, service_slug FROM offers \
             ORDER BY community_slug COLLATE \"C\", service_slug COLLATE \"C\"",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)
    }

    async fn catalogue_generation(&self) -> StoreResult<i64> {
        let value: Option<i64> = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(GENERATION_KEY)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(value.unwrap_or(0))
    }

    async fn put_non_working_day(&self, day: Date, note: &str) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO non_working_days (day, note) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET note = excluded.note",
        )
        .bind(day)
        .bind(note)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn non_working_days(&self) -> StoreResult<Vec<Date>> {
        sqlx::query_scalar("SELECT day FROM non_working_days ORDER BY day").fetch_all(&self.pool).await.map_err(map_err)
    }

    async fn create_case(&self, case: &NewCase) -> StoreResult<CaseRecord> {
        let created_at = stored_time(case.created_at)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&case.community_slug)
        .bind(&case.service_slug)
        .bind(case.service_version)
        .bind(&case.state)
        .bind(created_at)
        .fetch_one(&self.pool)
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
            "SELECT id, community_slug, service_slug, service_version, state, created_at FROM cases WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        row.as_ref().map(case_from_row).transpose().map_err(map_err)
    }

    async fn append_audit(&self, event: &AuditEvent) -> StoreResult<AuditRow> {
        let event = AuditEvent { at: stored_time(event.at)?, ..event.clone() };
        let details = details_json(&event.details)?;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        // The lock on the head row serialises appenders, across server
        // instances too: the next one reads the head this one leaves.
        let (head_seq, head_hash): (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .fetch_optional(&mut *tx)
                .await
                .map_err(map_err)?
                .ok_or_else(missing_audit_head)?;
        let row = AuditRow::seal(head_seq, &head_hash, event);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, actor_role, community, action, subject, details, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(row.seq)
        .bind(row.event.at)
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
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
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
             FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(limit.clamp(0, MAX_AUDIT_PAGE))
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter().map(audit_row_from_row).collect::<Result<_, _>>().map_err(map_err)
    }

    async fn audit_head(&self) -> StoreResult<AuditHead> {
        let head: Option<(i64, String)> = sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        head.map(|(seq, hash)| AuditHead { seq, hash }).ok_or_else(missing_audit_head)
    }
}
