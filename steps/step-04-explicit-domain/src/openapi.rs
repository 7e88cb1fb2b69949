//! The OpenAPI 3.1 document, generated from the handlers' annotations, and `GET /openapi.json`.

use std::sync::Arc;

use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};
use utoipa::{OpenApi as _, ToSchema};

use crate::AppState;
use crate::error::ErrorBody;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Library API, step 04: explicit domain",
        description = "Book Management as tasks (three commands, three queries), authors and \
                       users as CRUD; the library's rules in domain types, input validation apart \
                       from business validation.",
    ),
    tags(
        (name = "API", description = "About the API itself"),
        (name = "Book Management", description = "Commands and queries: the task-based API"),
        (name = "Author", description = "CRUD for authors (another context)"),
        (name = "User", description = "CRUD for users (another context)"),
    ),
    components(schemas(ErrorBody)),
)]
struct ApiDoc;

/// The document's fixed parts; the routes add their paths and schemas.
pub fn document() -> OpenApi {
    ApiDoc::openapi()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub message: String,
}

#[utoipa::path(get, path = "/", operation_id = "GetApiVersion", tag = "API",
    responses((status = 200, description = "`API v<version>`", body = Message)))]
pub async fn version() -> Json<Message> {
    Json(Message {
        message: format!("API v{}", env!("CARGO_PKG_VERSION")),
    })
}

/// Adds the answers any operation can give, so handlers only declare their own: 503 when
/// DynamoDB is unreachable, 500 for anything unexpected, 413 where a body is read.
pub fn finish(mut document: OpenApi) -> OpenApi {
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
        ];
        for operation in operations.into_iter().flatten() {
            if operation.request_body.is_some() {
                add_error(operation, "413", "Request body over the size limit");
            }
            add_error(
                operation,
                "500",
                "Unexpected failure (details are only logged)",
            );
            add_error(operation, "503", "DynamoDB unreachable");
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

/// `GET /openapi.json`, serving the document built with the router. The handler shares it rather
/// than owning it: axum clones a handler for every request, and the document is large.
pub fn serve(document: OpenApi) -> Router<AppState> {
    let document = Arc::new(document);
    Router::new().route(
        "/openapi.json",
        get(move || async move { Json(&*document).into_response() }),
    )
}
