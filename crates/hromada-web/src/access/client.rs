//! The client's network address and throttling by it (or by account).

use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::HeaderValue;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::Response;

use hromada_domain::account::AccountId;

use crate::AppState;
use crate::http::forms::UploadPart;
use crate::http::i18n::Tr;
use crate::http::layout::Ui;
use crate::http::render::{Reject, message};

// ---- the limits ----------------------------------------------------------------------
//
// What one network address, or one account, may do in a fixed window; beyond it
// the 429 page. Everyone at a service centre (ЦНАП), a library or behind a mobile
// operator's NAT shares one address, so a limit per address is set for a busy
// centre in its busiest hour — well above what one resident ever does — and
// still far below what a robot needs to fill the disk or guess a code. A limit
// per account is tight, since only the one person uses it. (Sign-in,
// registration and reset keep theirs in `account`.)

const HOUR: Duration = Duration::from_secs(60 * 60);
const QUARTER_HOUR: Duration = Duration::from_secs(15 * 60);

/// Drafts started without an account, per address per hour. A busy centre
/// helps 20–30 people an hour, each with a draft or two; a robot making
/// drafts to fill the database gets 100 an hour from an address.
pub(crate) const DRAFTS_PER_ADDRESS: (Duration, u32) = (HOUR, 100);

/// Uploads per address per hour, counted in bytes, as so many applications
/// filled to the upload limit (`upload_application_max_mb`; 20 × 25 MB = 500 MB
/// by default). Scans are mostly a few megabytes, so a centre sending an
/// application every few minutes stays far below it; a robot filling the disk
/// gets 12 GB a day from an address at most, and drafts nobody sends expire.
pub(crate) const UPLOAD_APPLICATIONS_PER_ADDRESS: (Duration, u64) = (HOUR, 20);

/// `/verify` checks (a typed code or a QR code's payload) per address per
/// minute. A person checks a document or two, an office a few a minute; a
/// code has 50 bits: at 30 guesses a minute, an address needs millions of years
/// to find a given one.
pub(crate) const VERIFY_PER_ADDRESS: (Duration, u32) = (Duration::from_secs(60), 30);

/// Password checks of someone signed in (changing the password, deleting the
/// account), as sign-in: 5 per account and 100 per address in 15 minutes, so
/// that a stolen session cannot be used to guess the password (to take the
/// account for good).
pub(crate) const PASSWORD_CHECKS_PER_ACCOUNT: (Duration, u32) = (QUARTER_HOUR, 5);
pub(crate) const PASSWORD_CHECKS_PER_ADDRESS: (Duration, u32) = (QUARTER_HOUR, 100);

/// Answers to "Was this page useful?" per address per hour: a busy centre's
/// residents answering a page or two each stay below it; a robot filling the
/// table or tipping the pulse gets 60 an hour from an address.
pub(crate) const FEEDBACK_PER_ADDRESS: (Duration, u32) = (HOUR, 60);

/// Answers about one page from one address: one in 15 minutes. A second is a
/// repeat (a button pressed twice, a page sent again), refused as such.
pub(crate) const FEEDBACK_PER_PAGE: (Duration, u32) = (QUARTER_HOUR, 1);

/// The client's network address, for throttling: the socket's peer, or, behind
/// `proxy_hops` trusted reverse proxies, the address the outermost of them saw
/// (counted from the right of `X-Forwarded-For`, so a client cannot forge it).
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<ClientAddr, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(ClientAddr(client_address(peer, &parts.headers, state.settings.proxy_hops).unwrap_or_else(|| "unknown".to_string())))
    }
}

pub(crate) fn client_address(peer: Option<String>, headers: &axum::http::HeaderMap, proxy_hops: u8) -> Option<String> {
    if proxy_hops == 0 {
        return peer;
    }
    let forwarded: Vec<String> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|a| a.trim().to_string())
        .filter(|a| a.parse::<std::net::IpAddr>().is_ok())
        .collect();
    let hops = usize::from(proxy_hops);
    // Each trusted proxy appended the address it saw; the outermost one's entry is `hops` from the end.
    forwarded.len().checked_sub(hops).and_then(|i| forwarded.get(i).cloned()).or(peer)
}

fn throttled(state: &AppState, ui: &Ui, retry_after: Duration) -> Response {
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let minutes = retry_after.as_secs().div_ceil(60).max(1);
    let mut response =
        message(state, ui, StatusCode::TOO_MANY_REQUESTS, "throttled-title", t.count("throttled-text", "minutes", minutes as i64));
    if let Ok(v) = HeaderValue::from_str(&retry_after.as_secs().max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// `Ok(())` if allowed, else the 429 page.
pub(crate) async fn throttle(state: &AppState, ui: &Ui, key: String, (window, limit): (Duration, u32)) -> Result<(), Reject> {
    let decision = state.store.hit_throttle(&key, state.clock.now(), window, limit).await?;
    if decision.allowed { Ok(()) } else { Err(throttled(state, ui, decision.retry_after).into()) }
}

/// Count an upload's bytes against its address's hourly budget: `Ok(())` when
/// it fits (or there are no bytes), else the 429 page, before anything is kept.
pub(crate) async fn throttle_uploads(state: &AppState, ui: &Ui, ip: &str, files: &[UploadPart]) -> Result<(), Reject> {
    let bytes: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    if bytes == 0 {
        return Ok(());
    }
    let (window, applications) = UPLOAD_APPLICATIONS_PER_ADDRESS;
    // Counted in KiB, so that any configured limit fits the counter.
    let kib = |n: u64| u32::try_from(n.div_ceil(1024)).unwrap_or(u32::MAX);
    let limit = kib(state.settings.uploads.application_bytes.saturating_mul(applications));
    let decision = state.store.hit_throttle_by(&format!("upload:ip:{ip}"), state.clock.now(), window, limit, kib(bytes)).await?;
    if decision.allowed { Ok(()) } else { Err(throttled(state, ui, decision.retry_after).into()) }
}

/// Before an answer to "Was this page useful?" is stored: within the limit per
/// address, and not a repeat about the same page (its own 429 page says so).
pub(crate) async fn throttle_feedback(state: &AppState, ui: &Ui, ip: &str, page: &str) -> Result<(), Reject> {
    throttle(state, ui, format!("feedback:ip:{ip}"), FEEDBACK_PER_ADDRESS).await?;
    let (window, limit) = FEEDBACK_PER_PAGE;
    let decision = state.store.hit_throttle(&format!("feedback:ip:{ip}:{page}"), state.clock.now(), window, limit).await?;
    if decision.allowed {
        return Ok(());
    }
    let t = Tr { i18n: &state.i18n, lang: ui.lang };
    let minutes = decision.retry_after.as_secs().div_ceil(60).max(1);
    let mut response = message(
        state,
        ui,
        StatusCode::TOO_MANY_REQUESTS,
        "feedback-repeated-title",
        t.count("feedback-repeated-text", "minutes", minutes as i64),
    );
    if let Ok(v) = HeaderValue::from_str(&decision.retry_after.as_secs().max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    Err(response.into())
}

/// Before a signed-in person's password is checked: one attempt per account
/// and per address, or the 429 page.
pub(crate) async fn throttle_password_check(state: &AppState, ui: &Ui, ip: &str, account: AccountId) -> Result<(), Reject> {
    throttle(state, ui, format!("password:ip:{ip}"), PASSWORD_CHECKS_PER_ADDRESS).await?;
    throttle(state, ui, password_key(account), PASSWORD_CHECKS_PER_ACCOUNT).await
}

/// The right password was given: the account's failures are forgotten.
pub(crate) async fn password_check_passed(state: &AppState, account: AccountId) {
    if let Err(error) = state.store.clear_throttle(&password_key(account)).await {
        tracing::warn!(%error, "could not clear a password throttle");
    }
}

fn password_key(account: AccountId) -> String {
    format!("password:account:{account}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_proxies_the_address_comes_from_the_right_of_x_forwarded_for() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.7"));
        let peer = Some("10.0.0.2".to_string());
        assert_eq!(client_address(peer.clone(), &headers, 0).as_deref(), Some("10.0.0.2"), "no proxy: the header is ignored");
        assert_eq!(
            client_address(peer.clone(), &headers, 1).as_deref(),
            Some("203.0.113.7"),
            "what our proxy saw, not what the client wrote"
        );
        assert_eq!(client_address(peer.clone(), &headers, 2).as_deref(), Some("6.6.6.6"));
        assert_eq!(client_address(peer.clone(), &headers, 3).as_deref(), Some("10.0.0.2"), "fewer entries than proxies: the peer");
        headers.insert("x-forwarded-for", HeaderValue::from_static("not-an-ip"));
        assert_eq!(client_address(peer, &headers, 1).as_deref(), Some("10.0.0.2"));
    }
}
