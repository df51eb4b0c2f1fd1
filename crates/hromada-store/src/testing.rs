//! Fresh databases for tests (of this and other crates): a SQLite file in a temporary
//! folder, or, when `HROMADA_TEST_POSTGRES_URL` is set, a PostgreSQL database
//! created for the test and dropped by [`TestDb::cleanup`].
#![allow(clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{AssertSqlSafe, Connection, PgConnection};

use crate::{PgStore, SqliteStore, Store};

pub const POSTGRES_URL_VAR: &str = "HROMADA_TEST_POSTGRES_URL";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// `<prefix>_<pid>_<counter>_<nanos>`: unique within and across test processes.
pub fn unique_name(prefix: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(unique_name("hromada_test"));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Default for TempDir {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Which backend a test database is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A migrated, empty store of its own.
pub struct TestDb {
    pub store: Arc<dyn Store>,
    pub url: String,
    admin_url: Option<String>,
    database: Option<String>,
    _dir: Option<TempDir>,
}

impl TestDb {
    /// A fresh database on `backend`; `None` for PostgreSQL when the variable is unset.
    pub async fn new(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => Some(TestDb::sqlite().await),
            Backend::Postgres => TestDb::postgres().await,
        }
    }

    pub async fn sqlite() -> TestDb {
        let dir = TempDir::new();
        let path = dir.path().join("hromada.db");
        let store = SqliteStore::open(&path).await.expect("open sqlite store");
        store.migrate().await.expect("migrate sqlite store");
        TestDb { store: Arc::new(store), url: format!("sqlite://{}", path.display()), admin_url: None, database: None, _dir: Some(dir) }
    }

    pub async fn postgres() -> Option<TestDb> {
        let Ok(admin_url) = std::env::var(POSTGRES_URL_VAR) else {
            eprintln!("note: {POSTGRES_URL_VAR} is not set; skipping the PostgreSQL half of this test");
            return None;
        };
        let database = unique_name("hromada_test");
        // CREATE DATABASE copies template1 and can refuse while another one is
        // being created from it; a short retry covers parallel tests.
        let mut attempt = 0;
        loop {
            match admin_execute(&admin_url, format!("CREATE DATABASE \"{database}\"")).await {
                Ok(()) => break,
                Err(err) if attempt < 10 => {
                    attempt += 1;
                    eprintln!("CREATE DATABASE {database} failed ({err}); retrying");
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
                Err(err) => panic!("cannot create test database {database}: {err}"),
            }
        }
        let url = with_database(&admin_url, &database);
        let store = PgStore::connect(&url).await.expect("connect to test database");
        store.migrate().await.expect("migrate postgres store");
        Some(TestDb { store: Arc::new(store), url, admin_url: Some(admin_url), database: Some(database), _dir: None })
    }

    /// Make the database go away under the store (PostgreSQL only): for tests of outages.
    pub async fn drop_database(&self) {
        if let (Some(admin), Some(db)) = (&self.admin_url, &self.database)
            && let Err(err) = admin_execute(admin, format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).await
        {
            eprintln!("warning: could not drop test database {db}: {err}");
        }
    }

    /// Run `sql` (one or more statements) on a connection of its own, past
    /// the store: for tests that tamper with the data as an intruder would.
    pub async fn execute_raw(&self, sql: &str) -> Result<(), sqlx::Error> {
        execute_raw(&self.url, sql).await
    }

    /// Drop the PostgreSQL database; the SQLite folder goes when `self` drops.
    pub async fn cleanup(self) {
        self.drop_database().await;
    }
}

/// `url` with its database name replaced by `database` (query string kept).
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

pub async fn admin_execute(admin_url: &str, sql: String) -> Result<(), sqlx::Error> {
    let mut admin = PgConnection::connect(admin_url).await?;
    let result = sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut admin).await.map(|_| ());
    let _ = admin.close().await;
    result
}

/// Run `sql` (one or more statements) against the database at `url`
/// (`sqlite://PATH` or `postgres://…`) on a connection of its own, past any
/// store: for tests that tamper with the data as an intruder would.
pub async fn execute_raw(url: &str, sql: &str) -> Result<(), sqlx::Error> {
    let sql = AssertSqlSafe(sql.to_string());
    if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        let options = SqliteConnectOptions::new().filename(path).busy_timeout(std::time::Duration::from_secs(5));
        let mut conn = SqliteConnection::connect_with(&options).await?;
        let result = sqlx::raw_sql(sql).execute(&mut conn).await.map(|_| ());
        let _ = conn.close().await;
        result
    } else {
        let mut conn = PgConnection::connect(url).await?;
        let result = sqlx::raw_sql(sql).execute(&mut conn).await.map(|_| ());
        let _ = conn.close().await;
        result
    }
}
