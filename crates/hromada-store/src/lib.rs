//! The Store: everything Hromada keeps, behind one trait with a SQLite and a
//! PostgreSQL implementation.
//!
//! Architecture Invariant: only this crate knows SQL. Callers see domain types.

mod common;
mod postgres;
mod sqlite;
pub mod testing;

use async_trait::async_trait;
use hromada_domain::audit::{AuditEvent, AuditHead, AuditRow, ChainBreak, ChainVerifier};
use hromada_domain::place::{Community, Region};
use time::{Date, OffsetDateTime};

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Database(String),
    #[error("migration failed: {0}")]
    Migration(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// One stored version of a service definition. `source` is the TOML text as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredService {
    pub slug: String,
    pub version: i64,
    pub source: String,
    /// Hex SHA-256 of `source`; an import of identical text makes no new version.
    pub sha256: String,
    pub imported_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Created { version: i64 },
    Unchanged { version: i64 },
}

/// A case as far as the foundation knows it: which community, which service
/// version it was made under, and its state. Later issues add answers, owner, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub community_slug: String,
    pub service_slug: String,
    pub service_version: i64,
    /// `draft` or a workflow state id of the definition version.
    pub state: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub community_slug: String,
    pub service_slug: String,
    pub service_version: i64,
    pub state: String,
    pub created_at: OffsetDateTime,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// "sqlite" or "postgres", for logs and metrics.
    fn backend(&self) -> &'static str;
    /// Apply every pending migration. Idempotent.
    async fn migrate(&self) -> StoreResult<()>;
    /// A cheap round trip, for `/readyz`.
    async fn ping(&self) -> StoreResult<()>;
    /// (size, idle) of the connection pool(s), for `/metrics`.
    fn pool_stats(&self) -> PoolStats;

    /// Insert or update by slug.
    async fn put_region(&self, region: &Region) -> StoreResult<()>;
    /// Insert or update by slug; the region must exist.
    async fn put_community(&self, community: &Community) -> StoreResult<()>;
    async fn regions(&self) -> StoreResult<Vec<Region>>;
    async fn communities(&self) -> StoreResult<Vec<Community>>;

    /// Store `source` as the next version of service `slug`, unless the latest
    /// version has the same SHA-256. Bumps the catalogue generation on change.
    async fn import_service(&self, slug: &str, source: &str, now: OffsetDateTime) -> StoreResult<ImportOutcome>;
    /// The latest version of every service.
    async fn latest_services(&self) -> StoreResult<Vec<StoredService>>;
    async fn service_version(&self, slug: &str, version: i64) -> StoreResult<Option<StoredService>>;
    /// Make a service available in a community (idempotent). Bumps the generation.
    async fn offer_service(&self, community_slug: &str, service_slug: &str) -> StoreResult<()>;
    /// (community slug, service slug) pairs on offer.
    async fn offers(&self) -> StoreResult<Vec<(String, String)>>;
    /// A number that grows whenever the catalogue changes, so that servers
    /// holding it in memory know when to reload.
    async fn catalogue_generation(&self) -> StoreResult<i64>;

    /// Days that are not working days (public holidays in peace time, …).
    async fn put_non_working_day(&self, day: Date, note: &str) -> StoreResult<()>;
    async fn non_working_days(&self) -> StoreResult<Vec<Date>>;

    async fn create_case(&self, case: &NewCase) -> StoreResult<CaseRecord>;
    async fn case(&self, id: i64) -> StoreResult<Option<CaseRecord>>;

    /// Append `event` to the audit trail as the next row, chained to the last
    /// one, and give the row as stored (`at` to the whole second, UTC). Appends
    /// are serialised by the database, so concurrent appends, from any number
    /// of servers, make one unbroken chain. `event.details` must hold no secrets.
    async fn append_audit(&self, event: &AuditEvent) -> StoreResult<AuditRow>;
    /// Up to `limit` rows with `seq > after_seq`, in `seq` order: walk the
    /// trail in pages with `after_seq` = the last `seq` of the page before.
    async fn audit_rows(&self, after_seq: i64, limit: i64) -> StoreResult<Vec<AuditRow>>;
    /// The number and hash of the last row the store appended (0 and 64 zeros
    /// while the trail is empty), to compare the end of a walk with.
    async fn audit_head(&self) -> StoreResult<AuditHead>;
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    pub size: u32,
    pub idle: u32,
}

/// Walk the whole audit trail in pages of `page_size` rows and check the
/// chain, then compare its end with the head the store recorded: the number of
/// rows checked, or the first break. Safe while servers keep appending: rows
/// appended during the walk are walked too.
pub async fn verify_audit_trail(store: &dyn Store, page_size: i64) -> StoreResult<Result<u64, ChainBreak>> {
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    loop {
        let page = store.audit_rows(after, page_size.max(1)).await?;
        let Some(last) = page.last() else {
            // The head is read after the walk, and an append writes its row and
            // the head in one transaction, so every row the walk saw is at or
            // before this head. A head beyond the walk is a row appended since,
            // unless there is none to read: then rows were removed from the end.
            let head = store.audit_head().await?;
            if head.seq > after && !store.audit_rows(after, 1).await?.is_empty() {
                continue;
            }
            return Ok(verifier.finish(Some(&head)));
        };
        after = last.seq;
        for row in &page {
            if let Err(chain_break) = verifier.check(row) {
                return Ok(Err(chain_break));
            }
        }
    }
}

/// Open the store that a database URL names: `sqlite://path` (or a bare
/// file path ending in `.db`/`.sqlite`) or `postgres://…`.
pub async fn connect(url: &str) -> StoreResult<std::sync::Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(std::sync::Arc::new(PgStore::connect(url).await?))
    } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        Ok(std::sync::Arc::new(SqliteStore::open(std::path::Path::new(path)).await?))
    } else {
        Err(StoreError::Unavailable(format!(
            "unsupported database URL (expected sqlite://PATH or postgres://…): {}",
            redact_url(url)
        )))
    }
}

/// A URL with any password replaced by `***`, safe for logs and messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme_end + 3], &userinfo[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
