//! The applicant's own case: who may see and change it as its applicant — the
//! signed-in resident who applied, whoever holds the case's secret (a cookie
//! set when the draft was made, the same secret as the tracking link), or the
//! operator who made an assisted application, on the pages of the journey
//! only. Anyone else gets the same 404 as for a case that does not exist.
//! A case in a community that was unpublished stays its applicant's.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header::{HeaderMap, HeaderValue};
use axum::http::request::Parts;
use hromada_domain::auth::{SecretToken, constant_time_eq};
use hromada_domain::case::CaseChannel;
use hromada_domain::definition::ServiceDefinition;
use hromada_domain::place::Community;
use hromada_domain::policy::{Action, Person, Place, Resource, decide};
use hromada_store::{CaseRecord, StoreError};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::access::ids::CaseId;
use crate::access::session::Visitor;
use crate::access::staff::person_of;
use crate::http::render::Reject;
use crate::http::url::cookie;

/// The cookie that holds the secret of a case made without an account.
pub(crate) fn case_cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-hromada_case" } else { "hromada_case" }
}

pub(crate) fn case_cookie(secure: bool, token: &str) -> HeaderValue {
    let attributes = if secure { "; Secure" } else { "" };
    let value = format!("{}={token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{attributes}", case_cookie_name(secure));
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The case secret the visitor's cookie carries, if any.
pub(crate) fn case_secret(headers: &HeaderMap, secure: bool) -> Option<SecretToken> {
    cookie(headers, case_cookie_name(secure)).and_then(SecretToken::parse)
}

/// Whether this visitor may see and change this case as its applicant.
pub(crate) fn owns(case: &CaseRecord, visitor: &Visitor, headers: &HeaderMap, secure: bool) -> bool {
    // The applicant's own pages: the policy decides, for the person as a resident of the case.
    let by_account = visitor.signed_in.as_ref().is_some_and(|s| {
        let place = Place { community: case.community_slug.clone(), region: String::new() };
        decide(&Person::Resident(s.account.id), Action::Change, &Resource::Case { place, applicant: case.applicant }).allowed()
    });
    let by_secret = match (&case.owner_token_hash, case_secret(headers, secure)) {
        (Some(hash), Some(secret)) => constant_time_eq(hash.as_bytes(), secret.hash().as_bytes()),
        _ => false,
    };
    // An operator at a service centre acts for the resident on the assisted case they made.
    by_account || by_secret || made_by(case, visitor)
}

/// Whether the visitor's cookie holds the secret that owns this case (so the
/// tracking link made of it leads to this case, not to another draft of theirs).
pub(crate) fn secret_owns(case: &CaseRecord, secret: &SecretToken) -> bool {
    case.owner_token_hash.as_deref().is_some_and(|hash| constant_time_eq(hash.as_bytes(), secret.hash().as_bytes()))
}

/// A case the visitor owns, with its definition and community.
pub(crate) struct Owned {
    pub case: CaseRecord,
    pub definition: Arc<ServiceDefinition>,
    pub community: Community,
}

/// Load case `id` for its applicant, or answer 404 (unknown, not theirs) or 503.
pub(crate) async fn load_owned(state: &AppState, path: &str, visitor: &Visitor, headers: &HeaderMap, id: i64) -> Result<Owned, Reject> {
    let case = match state.store.case(id).await? {
        Some(case) if owns(&case, visitor, headers, state.settings.secure_cookies) => case,
        _ => return Err(Reject::NotFound),
    };
    if !operator_may_act(state, path, visitor, &case).await? {
        return Err(Reject::NotFound);
    }
    let definition =
        state.definitions.get(state.store.as_ref(), &case.service_slug, case.service_version).await?.ok_or(Reject::NotFound)?;
    let catalogue = state.catalogue.get();
    // Published or not: an unpublished community is hidden from the public,
    // not from the people whose cases it has (starting a new one is refused
    // where it starts, in the journey).
    let community = catalogue.any_community(&case.community_slug).cloned().ok_or(Reject::NotFound)?;
    Ok(Owned { case, definition, community })
}

impl FromRequestParts<AppState> for Owned {
    type Rejection = Reject;

    /// The case of the path's `{id}`, for the one who may act on it as its applicant.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Owned, Reject> {
        let CaseId(id) = CaseId::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        load_owned(state, parts.uri.path(), &visitor, &parts.headers, id).await
    }
}

/// `CaseRecord::assisted_note`: for whom the operator applied, and on what grounds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AssistedNote {
    /// The resident's name: as recorded, or their account's.
    pub for_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// `passport`, `id_card` or `other`.
    pub identity_check: String,
    /// Which document, for `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_note: Option<String>,
    /// When the resident consented (RFC 3339).
    pub consent_at: String,
}

/// The note of an assisted case, if it has one that reads.
pub(crate) fn note_of(case: &CaseRecord) -> Option<AssistedNote> {
    case.assisted_note.as_deref().and_then(|n| serde_json::from_str(n).ok())
}

/// Whether the visitor is the operator who made this assisted case (after their second factor).
pub(crate) fn made_by(case: &CaseRecord, visitor: &Visitor) -> bool {
    match (&visitor.signed_in, case.assisted_by) {
        (Some(s), Some(operator)) => {
            case.channel == CaseChannel::Assisted && s.account.is_staff && s.session.second_factor_done && s.account.id == operator
        }
        _ => false,
    }
}

/// The pages of a case its operator uses: the journey (fill, check, send or
/// delete the draft), the confirmation, the receipt and the status page with
/// its files. Anything else of the case (messages, withdrawal, the survey) is
/// the resident's, and any page added later is too until it is listed here.
fn operator_page(path: &str, case_id: i64) -> bool {
    let Some(rest) = path.strip_prefix(&format!("/applications/{case_id}")) else { return false };
    matches!(rest, "" | "/check" | "/submit" | "/done" | "/receipt" | "/status" | "/delete")
        || rest.starts_with("/page/")
        || rest.starts_with("/files/")
}

/// For the operator who made an assisted case: whether `path` is one of their
/// pages and they still work at the counter of the case's community. For
/// anyone else `true`: their ownership was decided by [`crate::access::owner::owns`].
pub(crate) async fn operator_may_act(state: &AppState, path: &str, visitor: &Visitor, case: &CaseRecord) -> Result<bool, StoreError> {
    if !made_by(case, visitor) {
        return Ok(true);
    }
    if !operator_page(path, case.id) {
        return Ok(false);
    }
    let Some(place) = place_of(state, &case.community_slug) else { return Ok(false) };
    let person = person_of(state, visitor).await?;
    Ok(decide(&person, Action::Change, &Resource::Counter(place)).allowed())
}

/// The place of a community, published or not.
pub(crate) fn place_of(state: &AppState, community: &str) -> Option<Place> {
    state.catalogue.get().any_community(community).map(|c| Place { community: c.slug.clone(), region: c.region_slug.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_operator_reaches_only_the_pages_of_the_journey_receipt_and_status() {
        for allowed in [
            "/applications/7",
            "/applications/7/page/whom",
            "/applications/7/check",
            "/applications/7/submit",
            "/applications/7/done",
            "/applications/7/receipt",
            "/applications/7/status",
            "/applications/7/files/3",
            "/applications/7/delete",
        ] {
            assert!(operator_page(allowed, 7), "{allowed}");
        }
        for refused in [
            "/applications/7/reply",
            "/applications/7/withdraw",
            "/applications/7/survey",
            "/applications/70/status",
            "/applications/8/status",
            "/track/x",
        ] {
            assert!(!operator_page(refused, 7), "{refused}");
        }
    }
}
