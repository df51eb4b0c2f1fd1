//! The client's network address and throttling by it (or by account).

use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::HeaderValue;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::Response;

use crate::AppState;
use crate::http::i18n::Tr;
use crate::http::layout::Ui;
use crate::http::render::{Reject, message};

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
