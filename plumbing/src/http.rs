//! What every router gets around its routes, and serving it.

use std::any::Any;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tower::Layer as _;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::normalize_path::{NormalizePath, NormalizePathLayer};
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

/// Serves `router` on `listener` until `shutdown` resolves, trailing slashes tolerated.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = tolerate_trailing_slash(router);
    axum::serve(
        listener,
        axum::ServiceExt::<Request>::into_make_service(app),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
