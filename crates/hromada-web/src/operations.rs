//! Operations endpoints: `/healthz`, `/readyz` and `/metrics` (the request
//! metrics of [`crate::http::metrics`] and the job queue's).

use std::time::Duration;

use axum::extract::State;
use axum::http::header::HeaderValue;
use axum::http::{StatusCode, header};
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

pub async fn metrics(State(state): State<AppState>) -> Result<Response, Reject> {
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
