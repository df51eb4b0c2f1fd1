//! Ids a path carries, parsed once by their extractors: a malformed id names
//! nothing we have, so it is the same 404 as an unknown one.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

use crate::http::render::Reject;

/// The path parameter `name` as a positive number written as we write it, else
/// the 404 of a thing that does not exist.
async fn positive_number<S: Send + Sync>(parts: &mut Parts, state: &S, name: &str) -> Result<i64, Reject> {
    let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| Reject::NotFound)?;
    let value = params.iter().find(|(param, _)| *param == name).map(|(_, value)| value);
    // Only the id as we write it: digits, no sign, no leading zero (one address for one thing).
    let canonical = value.filter(|v| v.bytes().all(|b| b.is_ascii_digit()) && !v.starts_with('0'));
    canonical.and_then(|v| v.parse::<i64>().ok()).ok_or(Reject::NotFound)
}

/// A case's id from the path (`{id}`): a number, or the case does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CaseId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for CaseId {
    type Rejection = Reject;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<CaseId, Reject> {
        positive_number(parts, state, "id").await.map(CaseId)
    }
}

/// A case file's id from the path (`{file}`); whether the file belongs to the
/// case is the handler's question, asked of the case it loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for FileId {
    type Rejection = Reject;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<FileId, Reject> {
        positive_number(parts, state, "file").await.map(FileId)
    }
}
