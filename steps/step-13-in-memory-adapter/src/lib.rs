//! Step 12, the operation dispatcher: the same API, but each operation is a type the HTTP adapter
//! can route ([`adapters::http::dispatcher::Endpoint`]: the command or query it runs), and
//! [`router_for`] serves any set of them, with an OpenAPI document of just that set. What one
//! Lambda function serves is such a set, chosen when it is compiled. (The imports the previous
//! step's move kept working now name the core and the adapters.)

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
