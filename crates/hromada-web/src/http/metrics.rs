//! Operations endpoints and request telemetry: `/healthz`, `/readyz`,
//! `/metrics` in the Prometheus text format, and one log line per request.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Debug, Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<String, RouteStats>>,
    backups: Mutex<Option<BackupFigures>>,
}

/// The daily backups of `serve` (`backup_dir`); `None` when there are none.
#[derive(Debug, Default, Clone, Copy)]
struct BackupFigures {
    /// Unix time the last finished backup was made, and how long it took.
    last_success: Option<(i64, f64)>,
    failures: u64,
}

#[derive(Debug, Default, Clone)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
}

impl Metrics {
    pub fn record(&self, route: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let mut routes = match self.routes.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let stats = match routes.get_mut(route) {
            Some(s) => s,
            None => routes.entry(route.to_string()).or_default(),
        };
        *stats.by_status.entry(status).or_default() += 1;
        stats.count += 1;
        stats.sum_seconds += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                stats.buckets[i] += 1;
            }
        }
    }

    /// Backups are scheduled: their figures are shown from now on, starting
    /// from the last one found (unix time, seconds it took), if any.
    pub fn backups_scheduled(&self, last_success: Option<(i64, f64)>) {
        *lock(&self.backups) = Some(BackupFigures { last_success, failures: 0 });
    }

    /// A scheduled backup finished at `unix_time` after `seconds`.
    pub fn backup_succeeded(&self, unix_time: i64, seconds: f64) {
        lock(&self.backups).get_or_insert_default().last_success = Some((unix_time, seconds));
    }

    pub fn backup_failed(&self) {
        lock(&self.backups).get_or_insert_default().failures += 1;
    }

    /// The Prometheus text exposition of everything recorded.
    pub fn render(&self, pool_size: u32, pool_idle: u32, backend: &str) -> String {
        let routes = match self.routes.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        };
        let mut out = String::new();
        let _ = writeln!(out, "# HELP hromada_http_requests_total HTTP requests answered, by route and status.");
        let _ = writeln!(out, "# TYPE hromada_http_requests_total counter");
        for (route, stats) in &routes {
            for (status, n) in &stats.by_status {
                let _ = writeln!(out, "hromada_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}", escape(route));
            }
        }
        let _ = writeln!(out, "# HELP hromada_http_request_duration_seconds Time to answer, by route.");
        let _ = writeln!(out, "# TYPE hromada_http_request_duration_seconds histogram");
        for (route, stats) in &routes {
            let route = escape(route);
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ =
                    writeln!(out, "hromada_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {}", stats.buckets[i]);
            }
            let _ = writeln!(out, "hromada_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}", stats.count);
            let _ = writeln!(out, "hromada_http_request_duration_seconds_sum{{route=\"{route}\"}} {}", stats.sum_seconds);
            let _ = writeln!(out, "hromada_http_request_duration_seconds_count{{route=\"{route}\"}} {}", stats.count);
        }
        let _ = writeln!(out, "# HELP hromada_db_pool_connections Open database connections.");
        let _ = writeln!(out, "# TYPE hromada_db_pool_connections gauge");
        let _ = writeln!(out, "hromada_db_pool_connections{{backend=\"{backend}\"}} {pool_size}");
        let _ = writeln!(out, "# HELP hromada_db_pool_idle_connections Idle database connections.");
        let _ = writeln!(out, "# TYPE hromada_db_pool_idle_connections gauge");
        let _ = writeln!(out, "hromada_db_pool_idle_connections{{backend=\"{backend}\"}} {pool_idle}");
        if let Some(backups) = *lock(&self.backups) {
            let (at, seconds) = backups.last_success.unwrap_or((0, 0.0));
            let _ = writeln!(
                out,
                "# HELP hromada_backup_last_success_timestamp Unix time of the last finished backup in backup_dir (0: none yet)."
            );
            let _ = writeln!(out, "# TYPE hromada_backup_last_success_timestamp gauge");
            let _ = writeln!(out, "hromada_backup_last_success_timestamp {at}");
            let _ = writeln!(out, "# HELP hromada_backup_last_duration_seconds How long the last finished backup took.");
            let _ = writeln!(out, "# TYPE hromada_backup_last_duration_seconds gauge");
            let _ = writeln!(out, "hromada_backup_last_duration_seconds {seconds}");
            let _ = writeln!(out, "# HELP hromada_backup_failures_total Scheduled backups that failed since the server started.");
            let _ = writeln!(out, "# TYPE hromada_backup_failures_total counter");
            let _ = writeln!(out, "hromada_backup_failures_total {}", backups.failures);
        }
        out
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// The path as the log shows it: routes whose path carries a secret (the
/// tracking link's) are logged by their pattern only.
fn loggable_path(route: &str, path: &str) -> String {
    if route.contains("{token}") { route.to_string() } else { path.to_string() }
}

/// Count, time and log every request. The log names the route and path,
/// never the query string (it may carry tokens or personal data), nor a
/// secret in the path.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_string()).unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().clone();
    let path = loggable_path(&route, request.uri().path());
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    state.metrics.record(&route, status, elapsed);
    tracing::info!(target: "hromada::http", %method, %path, %route, status, micros = elapsed.as_micros() as u64, "request");
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_paths_are_not_logged() {
        assert_eq!(loggable_path("/track/{token}", "/track/abcdefSECRET"), "/track/{token}");
        assert_eq!(loggable_path("/applications/{id}/status", "/applications/7/status"), "/applications/7/status");
    }

    #[test]
    fn the_histogram_is_cumulative_and_counts_match() {
        let m = Metrics::default();
        m.record("/{community}", 200, Duration::from_micros(300));
        m.record("/{community}", 200, Duration::from_millis(30));
        m.record("/{community}", 404, Duration::from_millis(2));
        let text = m.render(5, 4, "sqlite");
        assert!(text.contains("hromada_http_requests_total{route=\"/{community}\",status=\"200\"} 2"));
        assert!(text.contains("hromada_http_requests_total{route=\"/{community}\",status=\"404\"} 1"));
        assert!(text.contains("hromada_http_request_duration_seconds_bucket{route=\"/{community}\",le=\"0.0005\"} 1"));
        assert!(text.contains("hromada_http_request_duration_seconds_bucket{route=\"/{community}\",le=\"0.0025\"} 2"));
        assert!(text.contains("hromada_http_request_duration_seconds_bucket{route=\"/{community}\",le=\"+Inf\"} 3"));
        assert!(text.contains("hromada_db_pool_connections{backend=\"sqlite\"} 5"));
        assert!(!text.contains("hromada_backup"), "no backup figures where backups are not scheduled");
    }

    #[test]
    fn scheduled_backups_show_the_last_success_and_failures() {
        let m = Metrics::default();
        m.backups_scheduled(None);
        let text = m.render(1, 1, "sqlite");
        assert!(text.contains("hromada_backup_last_success_timestamp 0\n"), "none yet reads as 0, so an age alert fires: {text}");
        m.backup_failed();
        m.backup_succeeded(1_796_000_000, 12.5);
        let text = m.render(1, 1, "sqlite");
        assert!(text.contains("hromada_backup_last_success_timestamp 1796000000\n"));
        assert!(text.contains("hromada_backup_last_duration_seconds 12.5\n"));
        assert!(text.contains("hromada_backup_failures_total 1\n"));
    }
}
