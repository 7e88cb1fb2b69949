//! The HTTP adapter: axum in front of the core. It knows requests, status codes and OpenAPI; the
//! core knows none of them.
//!
//! - [`router`]: the routes of any subset of operations, hardened (JSON errors for everything,
//!   body limit, panics caught), with `GET /` and `GET /openapi.json`;
//! - [`serve`]: run a router on a listener (trailing slashes tolerated);
//! - [`openapi`]: the document of a subset of operations.

mod author;
mod book;
mod dispatcher;
mod error;
mod listing;
mod openapi;
mod request;
mod user;

use axum::Router;
use axum::extract::Request;
use tokio::net::TcpListener;
use tower::Layer as _;
use tower_http::normalize_path::{NormalizePath, NormalizePathLayer};

pub use error::{ApiError, ErrorBody};
pub use listing::NEXT_TOKEN_HEADER;
pub use request::BODY_LIMIT;

use crate::core::ports::Storage;
use crate::core::{App, Operation};

/// A router serving exactly `operations` (in any order, duplicates ignored), plus `GET /` and
/// `GET /openapi.json` describing them. Every other operation, and any path the API does not
/// have, answers 404 `{"message":"No Route Found"}`; a method the API has on no operation of a
/// path answers 405.
///
/// `router(app, &Operation::ALL)` is the whole API; a Lambda function serving two commands uses
/// `router(app, &[Operation::AddNewBook, Operation::BorrowBook])`.
pub fn router<S: Storage>(app: App<S>, operations: &[Operation]) -> Router {
    let routes = dispatcher::routes(operations).merge(openapi::routes(openapi(operations)));
    request::harden(routes).with_state(app)
}

/// The OpenAPI 3.1 document of a router serving `operations`.
pub fn openapi(operations: &[Operation]) -> utoipa::openapi::OpenApi {
    openapi::document(operations)
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
