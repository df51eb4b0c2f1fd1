//! What both backends share: hashing, the time representation, error mapping.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::{StoreError, StoreResult};

/// The `meta` key of the catalogue generation.
pub(crate) const GENERATION_KEY: &str = "catalogue_generation";

/// How many times an import is tried when a concurrent import took the version
/// number it meant to use (the primary key rejects the second insert).
pub(crate) const IMPORT_ATTEMPTS: usize = 3;

/// Lower-case hex SHA-256 of `source`.
pub(crate) fn sha256_hex(source: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(source.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

/// Timestamps are stored to the whole second, in UTC, by both backends, so that
/// what is read back equals what was written (after this normalisation) and is
/// the same whichever backend holds it.
pub(crate) fn stored_time(t: OffsetDateTime) -> StoreResult<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(t.unix_timestamp())
        .map_err(|e| StoreError::Database(format!("timestamp out of range: {e}")))
}

/// Audit `details` as stored: a JSON object of strings.
pub(crate) fn details_json(details: &BTreeMap<String, String>) -> StoreResult<String> {
    serde_json::to_string(details).map_err(|e| StoreError::Database(format!("cannot encode audit details: {e}")))
}

/// Audit `details` read back. A row whose details are not a JSON object of
/// strings is read as a row with one `details` entry holding the raw text, so
/// that a walk still reaches it and its hash check names it as changed.
pub(crate) fn details_from_json(text: &str) -> BTreeMap<String, String> {
    serde_json::from_str(text).unwrap_or_else(|_| BTreeMap::from([(String::from("details"), text.to_string())]))
}

/// The `audit_head` row is gone: only someone who dropped its trigger could do that.
pub(crate) fn missing_audit_head() -> StoreError {
    StoreError::Database("the head of the audit trail (audit_head) is missing: it was deleted".into())
}

/// How many audit rows one page may hold.
pub(crate) const MAX_AUDIT_PAGE: i64 = 10_000;

/// A count from the pool as the `u32` of [`crate::PoolStats`].
pub(crate) fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Map an sqlx error after the backend has picked out its own "unavailable"
/// codes: I/O and pool exhaustion are `Unavailable`, a unique violation is a
/// `Conflict`, a foreign-key violation means a referenced row is missing
/// (`NotFound`), everything else is `Database`. Messages come from the
/// database or the driver, never from the connection URL.
pub(crate) fn map_sqlx(err: sqlx::Error, unavailable_code: fn(&str) -> bool) -> StoreError {
    match err {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(err.to_string()),
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                StoreError::Conflict(db.message().to_string())
            } else if db.is_foreign_key_violation() {
                StoreError::NotFound
            } else if db.code().is_some_and(|code| unavailable_code(&code)) {
                StoreError::Unavailable(db.message().to_string())
            } else {
                StoreError::Database(db.message().to_string())
            }
        }
        other => StoreError::Database(other.to_string()),
    }
}

/// `message` with the password of `url` (if any) blanked out, for errors that
/// might echo parts of the URL back.
pub(crate) fn scrub_password(message: &str, url: &str) -> String {
    let password = url
        .find("://")
        .and_then(|scheme_end| {
            let rest = &url[scheme_end + 3..];
            let userinfo = &rest[..rest.rfind('@')?];
            userinfo.find(':').map(|colon| &userinfo[colon + 1..])
        })
        .filter(|password| !password.is_empty());
    match password {
        Some(password) => message.replace(password, "***"),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_vectors() {
        assert_eq!(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn stored_time_is_utc_whole_seconds() {
        let t = time::macros::datetime!(2026-03-01 11:30:05.987654321 +02:00);
        let s = stored_time(t).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        assert_eq!(s, time::macros::datetime!(2026-03-01 09:30:05 UTC));
        assert_eq!(s.offset(), time::UtcOffset::UTC);
    }

    #[test]
    fn scrubs_password() {
        let url = "postgres://hromada:s3cr%40t@db:5432/hromada";
        assert_eq!(scrub_password("auth failed for s3cr%40t", url), "auth failed for ***");
        assert_eq!(scrub_password("no secret here", "postgres://hromada@db/x"), "no secret here");
    }
}
