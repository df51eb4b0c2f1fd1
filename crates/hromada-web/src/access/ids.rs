//! Ids a path carries, parsed once by their extractors: a malformed id names
//! nothing we have, so it is the same 404 as an unknown one.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

use crate::http::render::Reject;

/// A case's id from the path (`{id}`): a number, or the case does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CaseId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for CaseId {
    type Rejection = Reject;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<CaseId, Reject> {
        let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| Reject::NotFound)?;
        let id = params.iter().find(|(name, _)| *name == "id").map(|(_, value)| value);
        id.and_then(|v| v.parse::<i64>().ok()).filter(|id| *id > 0).map(CaseId).ok_or(Reject::NotFound)
    }
}
