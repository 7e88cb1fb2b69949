//! What every router gets around its routes, and serving it.

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::{Layer as _, ServiceExt as _};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::normalize_path::{NormalizePath, NormalizePathLayer};
use tower_http::timeout::TimeoutBody;
use tower_http::trace::TraceLayer;

use crate::Rejection;

/// Generous for a library record, small enough that nobody can make the server buffer megabytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The framework's own answers (unknown route, wrong method, oversized body, a panic) in the same
/// JSON shape as every other error: axum answers them in plain text by default.
pub fn harden<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(TraceLayer::new_for_http())
}

async fn no_route() -> Rejection {
    Rejection::NoRoute
}

async fn method_not_allowed() -> Rejection {
    Rejection::MethodNotAllowed
}

fn panicked(_: Box<dyn Any + Send + 'static>) -> Response {
    Rejection::Panicked.into_response()
}

/// `router` with trailing slashes trimmed before routing (`/book/?status=missing` is
/// `/book?status=missing`, as in the original Express app). It has to wrap the router from
/// outside: middleware added with `Router::layer` runs after the route is chosen.
pub fn tolerate_trailing_slash(router: Router) -> NormalizePath<Router> {
    NormalizePathLayer::trim_trailing_slash().layer(router)
}

/// What one client may hold of the server: a client that stalls or floods gets cut off instead of
/// pinning a task and a file descriptor for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// From a connection's start, or the end of its previous answer, to a complete request
    /// header: a silent or idle connection is closed after this.
    pub header_read: Duration,
    /// From a handler starting to read a body to its last byte: `408` after this.
    pub body: Duration,
    /// Connections served at once. More wait in the kernel's accept queue, not in the process.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
            body: Duration::from_secs(10),
            connections: 512,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, trailing slashes tolerated, within
/// the default [`Limits`].
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, router, Limits::default(), shutdown).await
}

/// [`serve`] within `limits`. HTTP/1.1 only, hyper's connection loop driven directly because
/// `axum::serve` sets no timeout and no connection limit.
///
/// Not JSON, because hyper answers before any router runs and offers no hook: a request whose
/// head cannot be parsed gets hyper's bare `400` (`414` for a URI, `431` for headers over its
/// limits), with no body and no content type, and a header that does not arrive in time gets
/// the connection closed.
pub async fn serve_with(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = tolerate_trailing_slash(router).map_request(move |request: Request<Incoming>| {
        request.map(|body| Body::new(TimeoutBody::new(limits.body, body)))
    });
    let permits = Arc::new(Semaphore::new(limits.connections));
    let (stopping, stop) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit,
            () = &mut shutdown => break,
        };
        let Ok(permit) = permit else { break };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of descriptors or a connection reset before it was taken: the next
                    // accept may work, a tight loop would not help it.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(app.clone());
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let stopping = async move {
                let _ = stop.wait_for(|stopping| *stopping).await.map(|_| ());
            };
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read)
                .serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            let finished = tokio::select! {
                finished = connection.as_mut() => finished,
                () = stopping => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(e) = finished {
                tracing::debug!(error = %e, "connection ended");
            }
            drop(permit);
        });
    }
    // Answers in flight are finished; idle connections close at once.
    let _ = stopping.send(true);
    let all = u32::try_from(limits.connections).unwrap_or(u32::MAX);
    let _ = permits.acquire_many(all).await;
    Ok(())
}
