//! What a backup and a restore ask of the database (`hromada backup`,
//! `hromada restore`): which schema it has, whether it is empty, a consistent
//! copy of it (SQLite only: PostgreSQL's is `pg_dump`'s, run by the binary),
//! and which uploaded contents it refers to.

use std::path::Path;

use async_trait::async_trait;

use crate::StoreResult;

#[async_trait]
pub trait BackupStore {
    /// The newest migration this build of Hromada knows (its number, e.g. 12).
    fn known_schema_version(&self) -> i64;

    /// The newest migration applied to the database, or `None` when it has
    /// none (a new, empty database).
    async fn schema_version(&self) -> StoreResult<Option<i64>>;

    /// How many tables the database holds (0: a new, empty database).
    async fn table_count(&self) -> StoreResult<u64>;

    /// Write a consistent copy of the whole database to `path` (which must
    /// not exist) while others go on writing, and make it durable. SQLite:
    /// `VACUUM INTO` in one read transaction. PostgreSQL: `Invalid` (its copy
    /// is `pg_dump`'s).
    async fn snapshot_into(&self, path: &Path) -> StoreResult<()>;

    /// The SHA-256 of every uploaded content a case refers to, each once, in order.
    async fn stored_file_hashes(&self) -> StoreResult<Vec<String>>;
}
