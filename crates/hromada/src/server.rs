//! Serving HTTP within limits, so that slow or idle clients cannot hold the
//! server: a request's head must arrive within `header_timeout`, at most
//! `max_connections` are served at once (more wait in the kernel's listen
//! queue, and the cap being reached is logged), and a stop waits at most
//! `shutdown_wait` for open connections before the process exits anyway.
//! `axum::serve` has none of these, so connections are served here with
//! hyper's HTTP/1 builder.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// The limits of one listener.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request's head must have arrived this long after the connection
    /// opened or the previous answer ended (so idle keep-alive connections
    /// are closed after it too).
    pub header_timeout: Duration,
    /// Connections served at once.
    pub max_connections: u32,
    /// After the stop signal, how long open connections may still finish.
    pub shutdown_wait: Duration,
}

/// Warnings about the cap or failing `accept` are logged at most this often.
const WARN_EVERY: Duration = Duration::from_secs(60);

/// A warning that is logged at most once per [`WARN_EVERY`], counting what it left out.
#[derive(Default)]
struct RateLimited {
    last: Option<Instant>,
    since: u64,
}

impl RateLimited {
    /// `Some(times it happened since the last line)` when a line is due.
    fn due(&mut self) -> Option<u64> {
        self.since += 1;
        if self.last.is_some_and(|at| at.elapsed() < WARN_EVERY) {
            return None;
        }
        self.last = Some(Instant::now());
        Some(std::mem::take(&mut self.since))
    }
}

/// Resolves once `stop` is true (or its sender is gone), holding no lock of the channel.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopping| *stopping).await;
}

/// Serves `app` on `listener` until `stop` turns true, then stops accepting,
/// asks open connections to finish the request in hand and waits for them
/// at most `limits.shutdown_wait`.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, mut stop: watch::Receiver<bool>, name: &'static str) {
    let permits = Arc::new(Semaphore::new(limits.max_connections as usize));
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    let mut at_cap = RateLimited::default();
    let mut accept_failed = RateLimited::default();
    loop {
        let permit = match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                if let Some(times) = at_cap.due() {
                    tracing::warn!(
                        listener = name,
                        max_connections = limits.max_connections,
                        times,
                        "connection limit reached: new connections wait until one closes (setting max_connections)"
                    );
                }
                tokio::select! {
                    permit = Arc::clone(&permits).acquire_owned() => match permit {
                        Ok(permit) => permit,
                        Err(_) => break,
                    },
                    _ = stopped(&mut stop) => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, mostly: wait a little rather than spin.
                    if let Some(times) = accept_failed.due() {
                        tracing::warn!(listener = name, %error, times, "cannot accept a connection");
                    }
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_millis(100)) => continue,
                        _ = stopped(&mut stop) => break,
                    }
                }
            },
            _ = stopped(&mut stop) => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            app.clone().oneshot(request)
        });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let _permit = permit;
            tokio::pin!(connection);
            let result = tokio::select! {
                result = connection.as_mut() => result,
                _ = stopped(&mut stop) => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(error) = result {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    let open = limits.max_connections as usize - permits.available_permits();
    if open == 0 {
        return;
    }
    tracing::info!(listener = name, open, wait_seconds = limits.shutdown_wait.as_secs(), "waiting for open connections");
    if tokio::time::timeout(limits.shutdown_wait, permits.acquire_many(limits.max_connections)).await.is_err() {
        let open = limits.max_connections as usize - permits.available_permits();
        tracing::warn!(
            listener = name,
            open,
            "connections still open after the shutdown wait (setting shutdown_wait_seconds): closing them"
        );
    }
}

/// Raises the soft limit of open files to the hard one (where the system
/// lets us), and returns the limit then in force, if known.
#[cfg(unix)]
pub fn raise_open_files_limit() -> Option<u64> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let Rlimit { current, maximum } = getrlimit(Resource::Nofile);
    // An unlimited hard limit is refused for open files on some systems; a
    // million is more than a server of this kind can use.
    let wanted = maximum.unwrap_or(1 << 20).min(1 << 20);
    match current {
        Some(now) if now < wanted => match setrlimit(Resource::Nofile, Rlimit { current: Some(wanted), maximum }) {
            Ok(()) => {
                tracing::info!(from = now, to = wanted, "raised the limit of open files");
                Some(wanted)
            }
            Err(error) => {
                tracing::warn!(limit = now, %error, "cannot raise the limit of open files");
                Some(now)
            }
        },
        other => other,
    }
}

#[cfg(not(unix))]
pub fn raise_open_files_limit() -> Option<u64> {
    None
}

/// File descriptors kept free of connections: the database, uploads, keys, logs.
pub const SPARE_FILES: u64 = 128;

/// `max_connections`, lowered to fit under the limit of open files (with a warning naming the setting).
pub fn connections_within(max_connections: u32, open_files: Option<u64>) -> u32 {
    let Some(limit) = open_files else { return max_connections };
    let fits = u32::try_from(limit.saturating_sub(SPARE_FILES)).unwrap_or(u32::MAX).max(1);
    if max_connections <= fits {
        return max_connections;
    }
    tracing::warn!(
        max_connections,
        open_files_limit = limit,
        serving = fits,
        "max_connections is more than the limit of open files allows: serving fewer at once (raise `ulimit -n` or lower max_connections)"
    );
    fits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_room_for_files_under_the_limit_of_open_files() {
        assert_eq!(connections_within(1024, Some(1 << 20)), 1024);
        assert_eq!(connections_within(1024, Some(1024)), 1024 - 128);
        assert_eq!(connections_within(1024, None), 1024);
        assert_eq!(connections_within(1024, Some(64)), 1, "never zero");
    }

    #[test]
    fn a_rate_limited_warning_counts_what_it_left_out() {
        let mut warning = RateLimited::default();
        assert_eq!(warning.due(), Some(1));
        assert_eq!(warning.due(), None);
        assert_eq!(warning.due(), None);
        warning.last = Instant::now().checked_sub(WARN_EVERY);
        assert_eq!(warning.due(), Some(3));
    }
}
