//! Step 16, queries over GraphQL: the same core, unchanged, behind one more adapter. The three
//! queries are a GraphQL schema ([`adapters::graphql`]), for AWS AppSync and at `/graphql`, as
//! step 15's commands arrive from a queue. This crate's library is what every phase 2 deployment links, one thin
//! binary per function.

pub mod adapters;
pub mod core;

use axum::Router;
use axum::routing::{get, post};

use crate::adapters::graphql;
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

/// The application: what the binary serves and what the tests drive, on any storage. Besides
/// the HTTP API, the GraphQL schema at `POST /graphql`.
pub fn router<S: Storage>(app: App<S>) -> Router {
    let routes = Everything::add_to(Router::new()).route("/graphql", post(graphql::serve));
    serve_with_document::<Everything, S>(routes, app)
}

/// A router serving exactly the operations of `E` (a Lambda function's share, say), plus `GET /`
/// and `GET /openapi.json` describing them. Any other route answers 404 `No Route Found`.
pub fn router_for<E: Endpoints, S: Storage>(app: App<S>) -> Router {
    serve_with_document::<E, S>(E::add_to(Router::new()), app)
}

fn serve_with_document<E: Endpoints, S: Storage>(routes: Router<App<S>>, app: App<S>) -> Router {
    let routes =
        routes
            .route("/", get(plumbing::openapi::version))
            .merge(plumbing::openapi::serve(
                openapi::document(&E::operations()),
            ));
    plumbing::http::harden(routes).with_state(app)
}
