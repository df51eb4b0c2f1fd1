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

mod backoffice;
mod cases;
mod documents;
mod feedback;
mod places;
mod pulse;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use hromada_domain::account::{
    Account, AccountId, NewAccount, Role, RoleGrant, Scope, SessionRecord, ThrottleDecision, TokenPurpose, TokenRecord, TotpAtRest,
    TotpRecord, canonical_email, tombstone_email,
};
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow};
use hromada_domain::place::{Community, Installation, Offer, Region, ServiceCentre};
use hromada_domain::{Lang, Text};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions, PgRow};
use sqlx::{PgTransaction, Row};
use time::{Date, OffsetDateTime};

use crate::common::{
    GENERATION_KEY, IMPORT_ATTEMPTS, MAX_AUDIT_PAGE, account_columns, case_columns, check_definition, count_u32, details_from_json,
    details_json, email_taken, map_sqlx, missing_audit_head, parse_lang, parse_purpose, parse_role, scope_columns, scope_from_columns,
    scrub_password, session_columns, sha256_hex, sort_grants, stored_time, throttle_decision, token_columns, window_end,
};
use crate::{
    BackupStore, CaseEvent, CaseFile, CaseQuery, CaseRecord, DRAFT_STATE, DraftPage, ImportOutcome, Job, NewCase, NewCaseEvent,
    NewCaseFile, NewJob, Notification, PageRefused, PlaceStore, PlacesOutcome, PoolStats, QueuePage, Store, StoreError, StoreResult,
    StoredService, Submission, SubmitOutcome, Workload, redact_url,
};
use hromada_domain::definition::Answers;
use hromada_domain::job::JobState;

/// The newest migration of this build.
pub(crate) fn known_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

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

fn service_from_row(row: &PgRow) -> Result<StoredService, sqlx::Error> {
    Ok(StoredService {
        slug: row.try_get("slug")?,
        version: row.try_get("version")?,
        source: row.try_get("source")?,
        sha256: row.try_get("sha256")?,
        imported_at: row.try_get("imported_at")?,
    })
}

fn get<'r, T>(row: &'r PgRow, column: &str) -> StoreResult<T>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(column).map_err(map_err)
}

fn account_from_row(row: &PgRow) -> StoreResult<Account> {
    Ok(Account {
        id: AccountId(get(row, "id")?),
        email: get(row, "email")?,
        display_name: get(row, "display_name")?,
        password_hash: get(row, "password_hash")?,
        email_confirmed_at: get(row, "email_confirmed_at")?,
        is_staff: get(row, "is_staff")?,
        preferred_lang: parse_lang(&get::<String>(row, "preferred_lang")?)?,
        created_at: get(row, "created_at")?,
        deleted_at: get(row, "deleted_at")?,
    })
}

fn grant_from_row(row: &PgRow) -> StoreResult<RoleGrant> {
    Ok(RoleGrant {
        account: AccountId(get(row, "account_id")?),
        role: parse_role(&get::<String>(row, "role")?)?,
        scope: scope_from_columns(get(row, "community_slug")?, get(row, "region_slug")?)?,
        granted_by: get::<Option<i64>>(row, "granted_by")?.map(AccountId),
        granted_at: get(row, "granted_at")?,
    })
}

fn session_from_row(row: &PgRow) -> StoreResult<SessionRecord> {
    Ok(SessionRecord {
        id_hash: get(row, "id_hash")?,
        account: AccountId(get(row, "account_id")?),
        created_at: get(row, "created_at")?,
        last_seen_at: get(row, "last_seen_at")?,
        idle_expires_at: get(row, "idle_expires_at")?,
        absolute_expires_at: get(row, "absolute_expires_at")?,
        second_factor_done: get(row, "second_factor_done")?,
    })
}

fn token_from_row(row: &PgRow) -> StoreResult<TokenRecord> {
    Ok(TokenRecord {
        hash: get(row, "hash")?,
        purpose: parse_purpose(&get::<String>(row, "purpose")?)?,
        account: get::<Option<i64>>(row, "account_id")?.map(AccountId),
        email: get(row, "email")?,
        payload: get(row, "payload")?,
        created_at: get(row, "created_at")?,
        expires_at: get(row, "expires_at")?,
        used_at: get(row, "used_at")?,
    })
}

/// Lock the account's row for the rest of the transaction: whether it exists
/// and is not deleted.
async fn lock_live_account(conn: &mut PgConnection, id: AccountId) -> StoreResult<bool> {
    let deleted_at: Option<Option<OffsetDateTime>> = sqlx::query_scalar("SELECT deleted_at FROM accounts WHERE id = $1 FOR UPDATE")
        .bind(id.0)
        .fetch_optional(conn)
        .await
        .map_err(map_err)?;
    Ok(matches!(deleted_at, Some(None)))
}

async fn insert_session(conn: &mut PgConnection, session: &SessionRecord) -> StoreResult<()> {
    sqlx::query(concat!("INSERT INTO sessions (", session_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(&session.id_hash)
        .bind(session.account.0)
        .bind(stored_time(session.created_at)?)
        .bind(stored_time(session.last_seen_at)?)
        .bind(stored_time(session.idle_expires_at)?)
        .bind(stored_time(session.absolute_expires_at)?)
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
    sqlx::query("SELECT value FROM meta WHERE key = $1 FOR UPDATE").bind(GENERATION_KEY).execute(&mut *tx).await.map_err(map_err)?;
    Ok(tx)
}

async fn bump_generation(tx: &mut PgTransaction<'static>) -> StoreResult<()> {
    sqlx::query("UPDATE meta SET value = value + 1 WHERE key = $1").bind(GENERATION_KEY).execute(&mut **tx).await.map_err(map_err)?;
    Ok(())
}

impl PgStore {
    /// Connect to the database at `url`. Fails with [`StoreError::Unavailable`]
    /// (whose message never holds the password) when it cannot be reached
    /// within a few seconds. Does not migrate: call [`Store::migrate`].
    pub async fn connect(url: &str) -> StoreResult<PgStore> {
        let redacted = redact_url(url);
        let unavailable = |what: &str, e: sqlx::Error| StoreError::Unavailable(scrub_password(&format!("{what} {redacted}: {e}"), url));
        let options = PgConnectOptions::from_str(url).map_err(|e| unavailable("invalid database URL", e))?.application_name("hromada");
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|e| unavailable("cannot connect to", e))?;
        Ok(PgStore { url: redacted, pool })
    }

    async fn try_import(&self, services: &[(String, String)], offer_in: &[String], at: OffsetDateTime) -> StoreResult<Vec<ImportOutcome>> {
        let mut tx = begin_catalogue_write(&self.pool).await?;
        let mut changed = false;
        let mut outcomes = Vec::with_capacity(services.len());
        for (slug, source) in services {
            let sha256 = sha256_hex(source);
            let latest: Option<(i64, String)> =
                sqlx::query_as("SELECT version, sha256 FROM services WHERE slug = $1 ORDER BY version DESC LIMIT 1")
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
            sqlx::query("INSERT INTO services (slug, version, source, sha256, imported_at) VALUES ($1, $2, $3, $4, $5)")
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
            let known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM communities WHERE slug = $1)")
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
                    "INSERT INTO offers (community_slug, service_slug) VALUES ($1, $2) \
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
            bump_generation(&mut tx).await?;
            tx.commit().await.map_err(map_err)?;
        } else {
            tx.rollback().await.map_err(map_err)?;
        }
        Ok(outcomes)
    }
}

#[async_trait]
impl PlaceStore for PgStore {
    async fn import_places(&self, regions: &[Region], communities: &[Community]) -> StoreResult<PlacesOutcome> {
        places::import_places(&self.pool, regions, communities, true).await
    }

    async fn preview_import_places(&self, regions: &[Region], communities: &[Community]) -> StoreResult<PlacesOutcome> {
        places::import_places(&self.pool, regions, communities, false).await
    }

    async fn add_community(&self, community: &Community) -> StoreResult<()> {
        places::add_community(&self.pool, community).await
    }

    async fn set_community_published(&self, slug: &str, published: bool) -> StoreResult<bool> {
        places::set_community_published(&self.pool, slug, published).await
    }

    async fn community_has_cases(&self, community_slug: &str) -> StoreResult<bool> {
        places::community_has_cases(&self.pool, community_slug).await
    }

    async fn service_centres(&self) -> StoreResult<Vec<ServiceCentre>> {
        places::service_centres(&self.pool).await
    }

    async fn put_service_centre(&self, centre: &ServiceCentre) -> StoreResult<i64> {
        places::put_service_centre(&self.pool, centre).await
    }

    async fn delete_service_centre(&self, community_slug: &str, id: i64) -> StoreResult<bool> {
        places::delete_service_centre(&self.pool, community_slug, id).await
    }

    async fn put_offer(&self, offer: &Offer) -> StoreResult<()> {
        places::put_offer(&self.pool, offer, false).await
    }

    async fn withdraw_offer(&self, community_slug: &str, service_slug: &str) -> StoreResult<bool> {
        places::withdraw_offer(&self.pool, community_slug, service_slug).await
    }

    async fn installation(&self) -> StoreResult<Option<Installation>> {
        places::installation(&self.pool).await
    }

    async fn put_installation(&self, installation: &Installation) -> StoreResult<()> {
        places::put_installation(&self.pool, installation).await
    }
}

#[async_trait]
impl BackupStore for PgStore {
    fn known_schema_version(&self) -> i64 {
        known_schema_version()
    }

    async fn schema_version(&self) -> StoreResult<Option<i64>> {
        let migrated: bool =
            sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL").fetch_one(&self.pool).await.map_err(map_err)?;
        if !migrated {
            return Ok(None);
        }
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success").fetch_one(&self.pool).await.map_err(map_err)
    }

    async fn table_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn snapshot_into(&self, _path: &Path) -> StoreResult<Vec<String>> {
        Err(StoreError::Invalid("a PostgreSQL database is copied by pg_dump, not by the store".into()))
    }

    async fn stored_file_hashes(&self) -> StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT DISTINCT sha256 FROM case_files ORDER BY sha256").fetch_all(&self.pool).await.map_err(map_err)
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR.run(&self.pool).await.map_err(|e| StoreError::Migration(e.to_string()))?;
        pulse::rebuild_if_flagged(&self.pool).await
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(map_err)?;
        Ok(())
    }

    fn pool_stats(&self) -> PoolStats {
        PoolStats { size: self.pool.size(), idle: count_u32(self.pool.num_idle()) }
    }

    async fn put_region(&self, region: &Region) -> StoreResult<()> {
        places::put_region(&self.pool, region).await
    }

    async fn put_community(&self, community: &Community) -> StoreResult<()> {
        places::put_community(&self.pool, community).await
    }

    async fn regions(&self) -> StoreResult<Vec<Region>> {
        places::regions(&self.pool).await
    }

    async fn communities(&self) -> StoreResult<Vec<Community>> {
        places::communities(&self.pool).await
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
        let at = stored_time(now)?;
        let mut attempt = 1;
        loop {
            match self.try_import(services, offer_in, at).await {
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
        let row = sqlx::query("SELECT slug, version, source, sha256, imported_at FROM services WHERE slug = $1 AND version = $2")
            .bind(slug)
            .bind(version)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.as_ref().map(service_from_row).transpose().map_err(map_err)
    }

    async fn offer_service(&self, community_slug: &str, service_slug: &str) -> StoreResult<()> {
        places::put_offer(&self.pool, &Offer::plain(community_slug, service_slug), true).await
    }

    async fn offers(&self) -> StoreResult<Vec<Offer>> {
        places::offers(&self.pool).await
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
        sqlx::query("INSERT INTO non_working_days (day, note) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET note = excluded.note")
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
        let row = sqlx::query(concat!(
            "INSERT INTO cases (community_slug, service_slug, service_version, state, created_at, applicant_account, \
             updated_at, lang, contact_email, owner_token_hash, channel, assisted_by, assisted_note) \
             VALUES ($1, $2, $3, $4, $5, $6, $5, $7, $8, $9, $10, $11, $12) RETURNING ",
            case_columns!()
        ))
        .bind(&case.community_slug)
        .bind(&case.service_slug)
        .bind(case.service_version)
        .bind(&case.state)
        .bind(created_at)
        .bind(case.applicant.map(|a| a.0))
        .bind(case.lang.code())
        .bind(&case.contact_email)
        .bind(&case.owner_token_hash)
        .bind(case.channel.code())
        .bind(case.assisted_by.map(|a| a.0))
        .bind(&case.assisted_note)
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        cases::case_from_row(&row)
    }

    async fn case(&self, id: i64) -> StoreResult<Option<CaseRecord>> {
        let row = sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.as_ref().map(cases::case_from_row).transpose()
    }

    async fn case_by_owner_token(&self, token_hash: &str) -> StoreResult<Option<CaseRecord>> {
        cases::case_where(&self.pool, cases::CaseKey::OwnerToken, token_hash).await
    }

    async fn case_by_reference(&self, reference: &str) -> StoreResult<Option<CaseRecord>> {
        cases::case_where(&self.pool, cases::CaseKey::Reference, reference).await
    }

    async fn save_draft_answers(&self, case_id: i64, answers: &Answers, now: OffsetDateTime) -> StoreResult<()> {
        cases::save_draft_answers(&self.pool, case_id, answers, now).await
    }

    async fn delete_draft(&self, case_id: i64) -> StoreResult<Option<Vec<String>>> {
        cases::delete_draft(&self.pool, case_id).await
    }

    async fn submit_case(&self, submission: &Submission) -> StoreResult<SubmitOutcome> {
        cases::submit_case(&self.pool, submission).await
    }

    async fn save_draft_page(&self, page: &DraftPage) -> StoreResult<Result<Vec<CaseFile>, PageRefused>> {
        cases::save_draft_page(&self.pool, page).await
    }

    async fn add_case_file(&self, file: &NewCaseFile) -> StoreResult<CaseFile> {
        cases::add_case_file(&self.pool, file).await
    }

    async fn case_files(&self, case_id: i64) -> StoreResult<Vec<CaseFile>> {
        cases::case_files(&self.pool, case_id).await
    }

    async fn remove_case_file(&self, case_id: i64, file_id: i64) -> StoreResult<bool> {
        cases::remove_case_file(&self.pool, case_id, file_id).await
    }

    async fn unreferenced_files(&self, sha256: &[String]) -> StoreResult<Vec<String>> {
        cases::unreferenced_files(&self.pool, sha256).await
    }

    async fn record_case_event(&self, event: &NewCaseEvent) -> StoreResult<CaseEvent> {
        cases::record_case_event(&self.pool, event).await
    }

    async fn case_events(&self, case_id: i64) -> StoreResult<Vec<CaseEvent>> {
        cases::case_events(&self.pool, case_id).await
    }

    async fn drafts_to_warn(&self, updated_before: OffsetDateTime, limit: i64) -> StoreResult<Vec<CaseRecord>> {
        cases::drafts_to_warn(&self.pool, updated_before, limit).await
    }

    async fn mark_draft_warned(&self, case_id: i64, at: OffsetDateTime) -> StoreResult<()> {
        cases::mark_draft_warned(&self.pool, case_id, at).await
    }

    async fn purge_drafts(&self, updated_before: OffsetDateTime) -> StoreResult<Vec<String>> {
        cases::purge_drafts(&self.pool, updated_before).await
    }
    async fn case_queue(&self, query: &CaseQuery) -> StoreResult<QueuePage> {
        backoffice::case_queue(&self.pool, query).await
    }

    async fn workload(&self, communities: &[String], today: Date) -> StoreResult<Vec<Workload>> {
        backoffice::workload(&self.pool, communities, today).await
    }

    async fn assign_cases(&self, ids: &[i64], assignee: Option<AccountId>, only_unassigned: bool, now: OffsetDateTime) -> StoreResult<u64> {
        backoffice::assign_cases(&self.pool, ids, assignee, only_unassigned, now).await
    }

    async fn cases_due_between(&self, from: Date, to: Date) -> StoreResult<Vec<CaseRecord>> {
        backoffice::cases_due_between(&self.pool, from, to).await
    }

    async fn drafts_assisted_by(&self, operator: AccountId) -> StoreResult<Vec<CaseRecord>> {
        backoffice::drafts_assisted_by(&self.pool, operator).await
    }

    async fn staff_of_community(&self, community_slug: &str) -> StoreResult<Vec<(AccountId, String, String, Role)>> {
        backoffice::staff_of_community(&self.pool, community_slug).await
    }

    async fn non_working_days_noted(&self) -> StoreResult<Vec<(Date, String)>> {
        backoffice::non_working_days_noted(&self.pool).await
    }

    async fn delete_non_working_day(&self, day: Date) -> StoreResult<bool> {
        backoffice::delete_non_working_day(&self.pool, day).await
    }

    async fn set_claim_code(&self, case_id: i64, code_hash: &str) -> StoreResult<()> {
        backoffice::set_claim_code(&self.pool, case_id, code_hash).await
    }

    async fn claim_case(&self, code_hash: &str, account: AccountId, now: OffsetDateTime) -> StoreResult<Option<i64>> {
        backoffice::claim_case(&self.pool, code_hash, account, now).await
    }

    async fn enqueue_job(&self, job: &NewJob) -> StoreResult<i64> {
        backoffice::enqueue_job(&self.pool, job).await
    }

    async fn claim_jobs(&self, now: OffsetDateTime, lease: Duration, limit: i64, worker: &str) -> StoreResult<Vec<Job>> {
        backoffice::claim_jobs(&self.pool, now, lease, limit, worker).await
    }

    async fn take_back_jobs(&self, worker: &str) -> StoreResult<u64> {
        backoffice::take_back_jobs(&self.pool, worker).await
    }

    async fn finish_job(&self, id: i64, now: OffsetDateTime) -> StoreResult<()> {
        backoffice::finish_job(&self.pool, id, now).await
    }

    async fn fail_job(&self, id: i64, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()> {
        backoffice::fail_job(&self.pool, id, error, retry_at).await
    }

    async fn job_counts(&self) -> StoreResult<Vec<(JobState, i64)>> {
        backoffice::job_counts(&self.pool).await
    }

    async fn add_notification(
        &self,
        account: AccountId,
        case_id: Option<i64>,
        at: OffsetDateTime,
        title: &str,
        body: &str,
    ) -> StoreResult<i64> {
        backoffice::add_notification(&self.pool, account, case_id, at, title, body).await
    }

    async fn notifications_of(&self, account: AccountId, limit: i64) -> StoreResult<Vec<Notification>> {
        backoffice::notifications_of(&self.pool, account, limit).await
    }

    async fn mark_notifications_read(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<u64> {
        backoffice::mark_notifications_read(&self.pool, account, now).await
    }

    async fn put_satisfaction(&self, case_id: i64, score: u8, comment: Option<&str>, at: OffsetDateTime) -> StoreResult<bool> {
        backoffice::put_satisfaction(&self.pool, case_id, score, comment, at).await
    }

    async fn satisfaction(&self, case_id: i64) -> StoreResult<Option<(u8, Option<String>, OffsetDateTime)>> {
        backoffice::satisfaction(&self.pool, case_id).await
    }

    async fn put_page_feedback(&self, feedback: &crate::NewPageFeedback) -> StoreResult<()> {
        feedback::put(&self.pool, feedback).await
    }

    async fn page_comments(&self, community: &str, before_id: Option<i64>, limit: i64) -> StoreResult<Vec<crate::PageComment>> {
        feedback::comments(&self.pool, community, before_id, limit).await
    }

    async fn append_audit(&self, event: &AuditEvent) -> StoreResult<AuditRow> {
        let event = AuditEvent { at: stored_time(event.at)?, ..event.clone() };
        let details = details_json(&event.details)?;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        // The lock on the head row serialises appenders, across server
        // instances too: the next one reads the head this one leaves.
        let (head_seq, head_hash): (i64, String) = sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
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

    async fn audit_rows_about(&self, subject: &str, actions: &[&str], before_seq: Option<i64>, limit: i64) -> StoreResult<Vec<AuditRow>> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, actor_role, community, action, subject, details, prev_hash, hash \
             FROM audit_log WHERE subject = $1 AND seq < $2 AND action = ANY($3) ORDER BY seq DESC LIMIT $4",
        )
        .bind(subject)
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(actions.iter().map(|a| a.to_string()).collect::<Vec<String>>())
        .bind(limit.clamp(0, MAX_AUDIT_PAGE))
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter().map(audit_row_from_row).collect::<Result<_, _>>().map_err(map_err)
    }

    async fn audit_head(&self) -> StoreResult<AuditHead> {
        let head: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_optional(&self.pool).await.map_err(map_err)?;
        head.map(|(seq, hash)| AuditHead { seq, hash }).ok_or_else(missing_audit_head)
    }

    async fn create_account(&self, account: &NewAccount) -> StoreResult<Account> {
        let email = canonical_email(&account.email);
        let created_at = stored_time(account.created_at)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, display_name, password_hash, is_staff, preferred_lang, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&email)
        .bind(&account.display_name)
        .bind(&account.password_hash)
        .bind(account.is_staff)
        .bind(account.preferred_lang.code())
        .bind(created_at)
        .fetch_one(&self.pool)
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
        let row = sqlx::query(concat!("SELECT ", account_columns!(), " FROM accounts WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        let row = sqlx::query(concat!("SELECT ", account_columns!(), " FROM accounts WHERE email = $1"))
            .bind(canonical_email(email))
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn set_password_hash(&self, id: AccountId, password_hash: &str) -> StoreResult<()> {
        let changed = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2 AND deleted_at IS NULL")
            .bind(password_hash)
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected();
        found(changed)
    }

    async fn confirm_email(&self, id: AccountId, at: OffsetDateTime) -> StoreResult<()> {
        let changed = sqlx::query(
            "UPDATE accounts SET email_confirmed_at = COALESCE(email_confirmed_at, $1) \
             WHERE id = $2 AND deleted_at IS NULL",
        )
        .bind(stored_time(at)?)
        .bind(id.0)
        .execute(&self.pool)
        .await
        .map_err(map_err)?
        .rows_affected();
        found(changed)
    }

    async fn update_profile(&self, id: AccountId, display_name: &str, preferred_lang: Lang) -> StoreResult<()> {
        let changed = sqlx::query("UPDATE accounts SET display_name = $1, preferred_lang = $2 WHERE id = $3 AND deleted_at IS NULL")
            .bind(display_name)
            .bind(preferred_lang.code())
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected();
        found(changed)
    }

    async fn grant_role(&self, grant: &RoleGrant) -> StoreResult<bool> {
        let (community, region) = scope_columns(&grant.scope);
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        if !lock_live_account(&mut tx, grant.account).await? {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        let added = sqlx::query(
            "INSERT INTO role_grants (account_id, role, community_slug, region_slug, granted_by, granted_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(grant.account.0)
        .bind(grant.role.code())
        .bind(community)
        .bind(region)
        .bind(grant.granted_by.map(|a| a.0))
        .bind(stored_time(grant.granted_at)?)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?
        .rows_affected();
        sqlx::query("UPDATE accounts SET is_staff = TRUE WHERE id = $1").bind(grant.account.0).execute(&mut *tx).await.map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        Ok(added > 0)
    }

    async fn revoke_role(&self, account: AccountId, role: Role, scope: &Scope) -> StoreResult<bool> {
        let sql = match scope {
            Scope::Community(_) => "DELETE FROM role_grants WHERE account_id = $1 AND role = $2 AND community_slug = $3",
            Scope::Region(_) => "DELETE FROM role_grants WHERE account_id = $1 AND role = $2 AND region_slug = $3",
            Scope::Installation => {
                "DELETE FROM role_grants WHERE account_id = $1 AND role = $2 AND community_slug IS NULL AND region_slug IS NULL AND $3 = ''"
            }
        };
        let removed = sqlx::query(sql)
            .bind(account.0)
            .bind(role.code())
            .bind(scope.slug())
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(removed > 0)
    }

    async fn roles_of(&self, account: AccountId) -> StoreResult<Vec<RoleGrant>> {
        let rows = sqlx::query(
            "SELECT account_id, role, community_slug, region_slug, granted_by, granted_at \
             FROM role_grants WHERE account_id = $1",
        )
        .bind(account.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        let mut grants = rows.iter().map(grant_from_row).collect::<StoreResult<Vec<_>>>()?;
        sort_grants(&mut grants);
        Ok(grants)
    }

    async fn create_session(&self, session: &SessionRecord) -> StoreResult<()> {
        insert_session(&mut *self.pool.acquire().await.map_err(map_err)?, session).await
    }

    async fn session_by_hash(&self, id_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            session_columns!(),
            " FROM sessions WHERE id_hash = $1 AND idle_expires_at > $2 AND absolute_expires_at > $2"
        ))
        .bind(id_hash)
        .bind(stored_time(now)?)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn touch_session(&self, id_hash: &str, now: OffsetDateTime, idle_expires_at: OffsetDateTime) -> StoreResult<bool> {
        let touched = sqlx::query(
            "UPDATE sessions SET last_seen_at = $1, idle_expires_at = $2 \
             WHERE id_hash = $3 AND idle_expires_at > $1 AND absolute_expires_at > $1",
        )
        .bind(stored_time(now)?)
        .bind(stored_time(idle_expires_at)?)
        .bind(id_hash)
        .execute(&self.pool)
        .await
        .map_err(map_err)?
        .rows_affected();
        Ok(touched > 0)
    }

    async fn replace_session(&self, old_hash: &str, session: &SessionRecord) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let removed =
            sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(old_hash).execute(&mut *tx).await.map_err(map_err)?.rows_affected();
        if removed == 0 {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        insert_session(&mut tx, session).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn delete_session(&self, id_hash: &str) -> StoreResult<bool> {
        let removed = sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(removed > 0)
    }

    async fn delete_sessions_of(&self, account: AccountId) -> StoreResult<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account.0)
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected())
    }

    async fn sessions_of(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<Vec<SessionRecord>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            session_columns!(),
            " FROM sessions WHERE account_id = $1 AND idle_expires_at > $2 AND absolute_expires_at > $2 \
             ORDER BY created_at, id_hash COLLATE \"C\""
        ))
        .bind(account.0)
        .bind(stored_time(now)?)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.iter().map(session_from_row).collect()
    }

    async fn put_token(&self, token: &TokenRecord) -> StoreResult<()> {
        sqlx::query(concat!("INSERT INTO tokens (", token_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
            .bind(&token.hash)
            .bind(token.purpose.code())
            .bind(token.account.map(|a| a.0))
            .bind(canonical_email(&token.email))
            .bind(&token.payload)
            .bind(stored_time(token.created_at)?)
            .bind(stored_time(token.expires_at)?)
            .bind(token.used_at.map(stored_time).transpose()?)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn use_token(&self, hash: &str, purpose: TokenPurpose, now: OffsetDateTime) -> StoreResult<Option<TokenRecord>> {
        // One statement: a concurrent use waits for the row lock, then sees
        // `used_at` set and matches nothing.
        let row = sqlx::query(concat!(
            "UPDATE tokens SET used_at = $1 \
             WHERE hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING ",
            token_columns!()
        ))
        .bind(stored_time(now)?)
        .bind(hash)
        .bind(purpose.code())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_err)?;
        row.as_ref().map(token_from_row).transpose()
    }

    async fn put_totp(&self, totp: &TotpRecord) -> StoreResult<()> {
        let TotpAtRest::Sealed(sealed) = &totp.secret else {
            return Err(StoreError::Conflict("a TOTP secret is kept only sealed".into()));
        };
        sqlx::query(
            "INSERT INTO totp (account_id, secret, sealed, confirmed_at, last_used_step) VALUES ($1, NULL, $2, $3, $4) \
             ON CONFLICT (account_id) DO UPDATE SET secret = NULL, sealed = excluded.sealed, \
               confirmed_at = excluded.confirmed_at, last_used_step = excluded.last_used_step",
        )
        .bind(totp.account.0)
        .bind(sealed)
        .bind(totp.confirmed_at.map(stored_time).transpose()?)
        .bind(totp.last_used_step)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn totp_of(&self, account: AccountId) -> StoreResult<Option<TotpRecord>> {
        let row = sqlx::query("SELECT account_id, secret, sealed, confirmed_at, last_used_step FROM totp WHERE account_id = $1")
            .bind(account.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.map(|row| {
            Ok(TotpRecord {
                account: AccountId(get(&row, "account_id")?),
                secret: match get::<Option<Vec<u8>>>(&row, "sealed")? {
                    Some(sealed) => TotpAtRest::Sealed(sealed),
                    None => TotpAtRest::Clear(get::<Option<Vec<u8>>>(&row, "secret")?.unwrap_or_default()),
                },
                confirmed_at: get(&row, "confirmed_at")?,
                last_used_step: get(&row, "last_used_step")?,
            })
        })
        .transpose()
    }

    async fn clear_totp_secrets(&self) -> StoreResult<Vec<(AccountId, Vec<u8>)>> {
        let rows = sqlx::query("SELECT account_id, secret FROM totp WHERE sealed IS NULL ORDER BY account_id")
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        rows.iter()
            .map(|row| Ok((AccountId(get(row, "account_id")?), get::<Option<Vec<u8>>>(row, "secret")?.unwrap_or_default())))
            .collect()
    }

    async fn seal_totp_secret(&self, account: AccountId, clear: &[u8], sealed: &[u8]) -> StoreResult<bool> {
        let changed = sqlx::query("UPDATE totp SET secret = NULL, sealed = $1 WHERE account_id = $2 AND sealed IS NULL AND secret = $3")
            .bind(sealed)
            .bind(account.0)
            .bind(clear)
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(changed > 0)
    }

    async fn confirm_totp(&self, account: AccountId, at: OffsetDateTime) -> StoreResult<bool> {
        let changed = sqlx::query("UPDATE totp SET confirmed_at = $1 WHERE account_id = $2 AND confirmed_at IS NULL")
            .bind(stored_time(at)?)
            .bind(account.0)
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(changed > 0)
    }

    async fn advance_totp_step(&self, account: AccountId, step: i64) -> StoreResult<bool> {
        // A concurrent advance waits for the row lock and re-checks the
        // condition against the committed step.
        let changed = sqlx::query(
            "UPDATE totp SET last_used_step = $1 \
             WHERE account_id = $2 AND (last_used_step IS NULL OR last_used_step < $1)",
        )
        .bind(step)
        .bind(account.0)
        .execute(&self.pool)
        .await
        .map_err(map_err)?
        .rows_affected();
        Ok(changed > 0)
    }

    async fn put_recovery_codes(&self, account: AccountId, salt: &[u8; 16], code_hashes: &[String]) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        // The account's row lock makes concurrent replacements take turns.
        if !lock_live_account(&mut tx, account).await? {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1").bind(account.0).execute(&mut *tx).await.map_err(map_err)?;
        for hash in code_hashes {
            sqlx::query("INSERT INTO recovery_codes (account_id, code_hash, salt) VALUES ($1, $2, $3)")
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
        let salt: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT salt FROM recovery_codes WHERE account_id = $1 AND salt IS NOT NULL LIMIT 1")
                .bind(account.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(salt.and_then(|s| <[u8; 16]>::try_from(s.as_slice()).ok()))
    }

    async fn use_recovery_code(&self, account: AccountId, code_hash: &str, now: OffsetDateTime) -> StoreResult<bool> {
        let used = sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL")
            .bind(stored_time(now)?)
            .bind(account.0)
            .bind(code_hash)
            .execute(&self.pool)
            .await
            .map_err(map_err)?
            .rows_affected();
        Ok(used > 0)
    }

    async fn recovery_codes_left(&self, account: AccountId) -> StoreResult<u32> {
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL")
            .bind(account.0)
            .fetch_one(&self.pool)
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
        // One upsert: a concurrent first hit on the same key waits for the
        // other's insert and then counts as an update. (Right-hand sides see the old row.)
        let (hits, end): (i64, OffsetDateTime) = sqlx::query_as(
            "INSERT INTO throttle (key, window_end, hits) VALUES ($1, $2, $4) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN throttle.window_end <= $3 THEN excluded.hits ELSE throttle.hits + excluded.hits END, \
               window_end = CASE WHEN throttle.window_end <= $3 THEN excluded.window_end ELSE throttle.window_end END \
             RETURNING hits, window_end",
        )
        .bind(key)
        .bind(end)
        .bind(now)
        .bind(cost)
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(throttle_decision(hits, end, now, limit))
    }

    async fn clear_throttle(&self, key: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM throttle WHERE key = $1").bind(key).execute(&self.pool).await.map_err(map_err)?;
        Ok(())
    }

    async fn purge_expired(&self, now: OffsetDateTime) -> StoreResult<u64> {
        let now = stored_time(now)?;
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let mut removed = 0;
        for sql in [
            "DELETE FROM sessions WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1",
            "DELETE FROM tokens WHERE expires_at <= $1",
            "DELETE FROM throttle WHERE window_end <= $1",
        ] {
            removed += sqlx::query(sql).bind(now).execute(&mut *tx).await.map_err(map_err)?.rows_affected();
        }
        tx.commit().await.map_err(map_err)?;
        Ok(removed)
    }

    async fn cases_of_applicant(&self, account: AccountId) -> StoreResult<Vec<CaseRecord>> {
        let rows = sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE applicant_account = $1 ORDER BY id"))
            .bind(account.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        rows.iter().map(cases::case_from_row).collect()
    }

    async fn delete_account_personal_data(&self, account: AccountId, now: OffsetDateTime) -> StoreResult<()> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        // The row lock makes a concurrent grant or code replacement wait, and
        // then find the account deleted.
        let email: Option<String> = sqlx::query_scalar("SELECT email FROM accounts WHERE id = $1 FOR UPDATE")
            .bind(account.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
        let Some(email) = email else {
            tx.rollback().await.map_err(map_err)?;
            return Err(StoreError::NotFound);
        };
        for sql in [
            "DELETE FROM sessions WHERE account_id = $1",
            "DELETE FROM totp WHERE account_id = $1",
            "DELETE FROM recovery_codes WHERE account_id = $1",
            "DELETE FROM role_grants WHERE account_id = $1",
        ] {
            sqlx::query(sql).bind(account.0).execute(&mut *tx).await.map_err(map_err)?;
        }
        // Drafts go; every other case stays, detached from the account.
        sqlx::query("DELETE FROM cases WHERE applicant_account = $1 AND state = $2")
            .bind(account.0)
            .bind(DRAFT_STATE)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query("UPDATE cases SET applicant_account = NULL WHERE applicant_account = $1")
            .bind(account.0)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query("DELETE FROM tokens WHERE account_id = $1 OR email = $2")
            .bind(account.0)
            .bind(&email)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query(
            "UPDATE accounts SET email = $1, display_name = '', password_hash = NULL, email_confirmed_at = NULL, \
               deleted_at = COALESCE(deleted_at, $2) WHERE id = $3",
        )
        .bind(tombstone_email(account))
        .bind(stored_time(now)?)
        .bind(account.0)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)
    }
}
