//! What a backup and a restore ask of the database (`hromada backup`,
//! `hromada restore`): which schema it has, whether it is empty, which
//! uploaded contents it refers to, and a consistent copy of it with the
//! uploaded contents the copy refers to (SQLite only: PostgreSQL's is
//! `pg_dump`'s, run by the binary, which reads them from the dump).

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
    /// not exist) while others go on writing, and make it durable; then the
    /// SHA-256 of every uploaded content a case of the copy refers to, each
    /// once, in order — read from the copy, not from the live database, where
    /// a file row may have been deleted since the copy's moment. SQLite:
    /// `VACUUM INTO` in one read transaction. PostgreSQL: `Invalid` (its copy
    /// is `pg_dump`'s).
    async fn snapshot_into(&self, path: &Path) -> StoreResult<Vec<String>>;

    /// The SHA-256 of every uploaded content a case refers to now, each once,
    /// in order. (Not what a backup copies: see [`BackupStore::snapshot_into`].)
    async fn stored_file_hashes(&self) -> StoreResult<Vec<String>>;
}
