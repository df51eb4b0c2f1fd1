//! Operations endpoints: `/healthz`, `/readyz` and `/metrics` (the request
//! metrics of [`crate::http::metrics`] and the job queue's). `/metrics` may
//! need a bearer token (`metrics_token`) and may be served on an address of
//! its own (`metrics_listen`, [`crate::metrics_router`]).

use std::time::Duration;

use axum::extract::State;
use axum::http::header::HeaderValue;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::http::render::Reject;

pub async fn healthz() -> Result<Response, Reject> {
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"))], "ok\n").into_response())
}

/// Ready when the database answers within two seconds.
pub async fn readyz(State(state): State<AppState>) -> Result<Response, Reject> {
    let ping = tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await;
    let text_plain = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    match ping {
        Ok(Ok(())) => Ok((StatusCode::OK, text_plain, "ready\n").into_response()),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness check: database unavailable");
            Ok((StatusCode::SERVICE_UNAVAILABLE, text_plain, "database unavailable\n").into_response())
        }
        Err(_) => {
            tracing::warn!("readiness check: database did not answer within 2 s");
            Ok((StatusCode::SERVICE_UNAVAILABLE, text_plain, "database did not answer\n").into_response())
        }
    }
}

/// The token `/metrics` asks for, kept as its SHA-256 so that comparing
/// takes the same time whatever the length or the first wrong byte.
#[derive(Clone, PartialEq, Eq)]
pub struct MetricsToken([u8; 32]);

impl MetricsToken {
    pub fn new(token: &str) -> MetricsToken {
        MetricsToken(sha256(token.as_bytes()))
    }

    /// Whether an `Authorization` header's value carries this token (`Bearer <token>`).
    fn admits(&self, authorization: Option<&HeaderValue>) -> bool {
        let presented = authorization.and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
        presented.is_some_and(|token| hromada_domain::auth::constant_time_eq(&sha256(token.as_bytes()), &self.0))
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(***)")
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref());
    out
}

pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Reject> {
    if let Some(token) = &state.settings.metrics.token
        && !token.admits(headers.get(header::AUTHORIZATION))
    {
        // What Prometheus reports as "401 Unauthorized" when its scrape lacks the token.
        return Ok((
            StatusCode::UNAUTHORIZED,
            [
                (header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"metrics\"")),
                (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
            ],
            "metrics need a bearer token (metrics_token)\n",
        )
            .into_response());
    }
    let pool = state.store.pool_stats();
    let mut body = state.metrics.render(pool.size, pool.idle, state.store.backend());
    // The queue's gauges are read when scraped; left out if the database does not answer within 2 s.
    let counts = tokio::time::timeout(Duration::from_secs(2), state.store.job_counts()).await.ok().and_then(Result::ok);
    body.push_str(&state.job_stats.render(counts.as_deref()));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}
