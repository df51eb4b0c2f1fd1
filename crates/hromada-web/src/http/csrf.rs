//! Protection against cross-site request forgery, in one place for every
//! state-changing request: a layer refuses any request other than GET, HEAD
//! and OPTIONS unless
//!
//! - its `Origin` header (when the browser sends one) is this site, and
//! - its form field `_csrf` (or, for uploads, the query parameter `_csrf`)
//!   equals the visitor's CSRF cookie (double submit; the cookie is HttpOnly,
//!   SameSite=Strict and `__Host-` prefixed when served over TLS).
//!
//! Because the check is a layer over the whole router, a route added later is
//! protected without doing anything; `tests/http.rs` walks every POST route to
//! make sure.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hromada_domain::auth::{SecretToken, constant_time_eq};

use crate::AppState;
use crate::http::layout::ui_of;
use crate::http::render::{BodyProblem, MAX_FORM_BYTES, Reject, message_page};
use crate::http::secret::{NoRandomness, random};
use crate::http::url::{cookie, form_urlencoded_pairs};

/// Form field and query parameter that carry the token.
pub const FIELD: &str = "_csrf";

pub fn cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-hromada_csrf" } else { "hromada_csrf" }
}

/// The token a page embeds in its forms: the visitor's, or a new one that the
/// response then sets as a cookie (only if a page used it).
#[derive(Clone, Debug)]
pub struct CsrfToken {
    /// The visitor's own token, if their cookie carries one.
    existing: Option<String>,
    /// A new token, made only when a page embeds one (pages without forms
    /// need none); `None` when the system gave no random bytes for it.
    fresh: std::sync::Arc<std::sync::OnceLock<Option<String>>>,
}

impl CsrfToken {
    pub fn for_request(headers: &HeaderMap, secure: bool) -> CsrfToken {
        CsrfToken { existing: token_from_cookies(headers, secure), fresh: Default::default() }
    }

    /// The value of the hidden `_csrf` field (empty if no token could be made:
    /// then [`CsrfToken::failed`] says so, and the page is not sent).
    pub fn value(&self) -> &str {
        match &self.existing {
            Some(token) => token,
            None => self.fresh.get_or_init(|| new_token().ok()).as_deref().unwrap_or(""),
        }
    }

    /// Whether a page needed a new token and the system gave no random bytes for it.
    pub fn failed(&self) -> bool {
        matches!(self.fresh.get(), Some(None))
    }

    /// The cookie to set with the response, when a page embedded a new token.
    pub fn cookie_to_set(&self, secure: bool) -> Option<HeaderValue> {
        self.fresh.get().and_then(Option::as_deref).and_then(|token| set_cookie(token, secure))
    }
}

/// The visitor's CSRF token from their cookie, if they have a well-formed one.
pub fn token_from_cookies(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookie(headers, cookie_name(secure)).filter(|v| is_well_formed(v)).map(str::to_string)
}

/// A token as [`new_token`] makes it (a [`SecretToken`]'s text).
fn is_well_formed(token: &str) -> bool {
    SecretToken::parse(token).is_some()
}

/// A fresh token: 256 random bits, as a [`SecretToken`]'s 43 base64url characters.
pub fn new_token() -> Result<String, NoRandomness> {
    Ok(SecretToken::from_bytes(random()?).to_string())
}

/// The `Set-Cookie` value that gives a visitor their token.
pub fn set_cookie(token: &str, secure: bool) -> Option<HeaderValue> {
    let attributes = if secure { "; Path=/; Secure; HttpOnly; SameSite=Strict" } else { "; Path=/; HttpOnly; SameSite=Strict" };
    HeaderValue::from_str(&format!("{}={token}{attributes}", cookie_name(secure))).ok()
}

/// The layer: lets safe methods through, checks every other request.
/// Every request carries the visitor's token (or a new one) for the pages
/// that embed it; a new one is set as a cookie with the response. A page that
/// needed a new token when none could be made is not sent (its form could not
/// work): the answer is the 503 page.
pub async fn protect(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let secure = state.settings.secure_cookies;
    let token = CsrfToken::for_request(request.headers(), secure);
    request.extensions_mut().insert(token.clone());
    let mut response = check(&state, request, next).await;
    if token.failed() {
        return Reject::Unavailable.into_response();
    }
    if let Some(cookie) = token.cookie_to_set(secure) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

async fn check(state: &AppState, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let secure = state.settings.secure_cookies;
    let (parts, body) = request.into_parts();
    if !origin_is_ours(&parts.headers) {
        tracing::warn!(path = %parts.uri.path(), "refused a state-changing request from another origin");
        return refuse(state, &parts);
    }
    let Some(expected) = token_from_cookies(&parts.headers, secure) else { return refuse(state, &parts) };
    let from_query = parts.uri.query().and_then(|q| form_urlencoded_pairs(q).into_iter().find(|(k, _)| k == FIELD).map(|(_, v)| v));
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (given, body) = if is_form {
        // The largest form without files; uploads carry the token in the query.
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            // Too large to be any form of ours: say so, rather than blame the token.
            return Reject::Body(BodyProblem::TooLarge).into_response();
        };
        // An urlencoded body is ASCII; one that is not even UTF-8 was not made by a
        // form: say it could not be read, rather than blame the token.
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Reject::Body(BodyProblem::Malformed).into_response();
        };
        let given = form_urlencoded_pairs(text).into_iter().find(|(k, _)| k == FIELD).map(|(_, v)| v);
        (given.or(from_query), Body::from(bytes))
    } else {
        (from_query, body)
    };
    match given {
        Some(given) if constant_time_eq(given.as_bytes(), expected.as_bytes()) => next.run(Request::from_parts(parts, body)).await,
        _ => refuse(state, &parts),
    }
}

/// When the browser says where the request comes from, it must be this site.
fn origin_is_ours(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else { return false };
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    origin_host == host
}

fn refuse(state: &AppState, parts: &axum::http::request::Parts) -> Response {
    let ui = ui_of(parts);
    let mut response = message_page(state, &ui, StatusCode::FORBIDDEN, "csrf-title", "csrf-text");
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_randomness_a_page_gets_no_token_and_is_not_sent() {
        crate::http::secret::fail_in_this_thread(true);
        let token = CsrfToken::for_request(&HeaderMap::new(), false);
        let value = token.value().to_string();
        let made = new_token();
        crate::http::secret::fail_in_this_thread(false);
        assert!(made.is_err());
        assert_eq!(value, "", "no predictable token in the form");
        assert!(token.failed(), "the layer answers 503 instead of the page");
        assert!(token.cookie_to_set(false).is_none());
    }

    #[test]
    fn tokens_are_43_base64url_characters_and_differ() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert!(is_well_formed(&a), "{a}");
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(!is_well_formed("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), "padding is not a token");
    }
}
