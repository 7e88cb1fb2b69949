//! The parts of an OpenAPI document no operation declares itself, and serving the document.

use std::sync::Arc;

use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};

#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub message: String,
}

// `GET /`: which API this is (a doc comment would become its OpenAPI summary).
#[utoipa::path(get, path = "/", operation_id = "GetApiVersion", tag = "API",
    responses((status = 200, description = "`API v<version>`", body = Message)))]
#[allow(
    clippy::unused_async,
    reason = "an axum handler, which steps register from their own crate"
)]
pub async fn version() -> Json<Message> {
    Json(Message {
        message: format!("API v{}", env!("CARGO_PKG_VERSION")),
    })
}

/// A path's operations under the four methods the API uses.
pub fn methods(item: &mut PathItem) -> [&mut Option<Operation>; 4] {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
    ]
}

/// Adds the answers any operation can give, so handlers only declare their own: 503 when
/// storage is unreachable, 500 for anything unexpected, and where a body is read 408, 413 and 415
/// (a body late, too large, or not declared as JSON). Every error
/// answer is an `ErrorBody`, which the document must list among its schemas.
pub fn finish(mut document: OpenApi) -> OpenApi {
    for item in document.paths.paths.values_mut() {
        for operation in methods(item).into_iter().flatten() {
            if operation.request_body.is_some() {
                add_error(operation, "408", "Request body did not arrive in time");
                add_error(operation, "413", "Request body over the size limit");
                add_error(
                    operation,
                    "415",
                    "Request body not sent as application/json",
                );
            }
            add_error(
                operation,
                "500",
                "Unexpected failure (details are only logged)",
            );
            add_error(operation, "503", "Storage unreachable");
        }
    }
    document
}

fn add_error(operation: &mut Operation, status: &str, description: &str) {
    let body = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    let response = ResponseBuilder::new()
        .description(description)
        .content("application/json", body)
        .build();
    operation
        .responses
        .responses
        .entry(status.to_owned())
        .or_insert(RefOr::T(response));
}

/// `GET /openapi.json`. The handler shares the document rather than owning it: axum clones a
/// handler for every request (every invocation, on Lambda), and the document is large.
pub fn serve<S: Clone + Send + Sync + 'static>(document: OpenApi) -> Router<S> {
    let document = Arc::new(document);
    Router::new().route(
        "/openapi.json",
        get(move || async move { Json(&*document).into_response() }),
    )
}
