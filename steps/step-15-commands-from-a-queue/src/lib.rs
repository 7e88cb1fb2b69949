//! Step 15, commands from a queue: the same core, unchanged, behind one more adapter. Book
//! Management's commands arrive from an SQS queue ([`adapters::queue`]), on AWS Lambda.

pub mod adapters;
pub mod core;

use axum::Router;
use axum::routing::get;

use crate::adapters::http::dispatcher::{Endpoints, Everything};
use crate::adapters::http::openapi;
use crate::core::ports::Storage;

pub use crate::adapters::dynamodb::table::Table;
pub use crate::adapters::http::error::ApiError;
pub use crate::adapters::memory::InMemory;
pub use crate::core::App;
pub use plumbing::http::serve;

/// The OpenAPI 3.1 document of the whole API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    openapi::document(&Everything::operations())
}

/// The application: what the binary serves and what the tests drive, on any storage.
pub fn router<S: Storage>(app: App<S>) -> Router {
    router_for::<Everything, S>(app)
}

/// A router serving exactly the operations of `E` (a Lambda function's share, say), plus `GET /`
/// and `GET /openapi.json` describing them. Any other route answers 404 `No Route Found`.
pub fn router_for<E: Endpoints, S: Storage>(app: App<S>) -> Router {
    let routes = E::add_to(Router::new())
        .route("/", get(plumbing::openapi::version))
        .merge(plumbing::openapi::serve(
            openapi::document(&E::operations()),
        ));
    plumbing::http::harden(routes).with_state(app)
}
