//! The OpenAPI 3.1 document, generated from the handlers' annotations, for exactly the operations
//! a router serves; and `GET /` and `GET /openapi.json`.

use std::sync::Arc;

use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::openapi::path::{Operation as OperationDoc, PathItem};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};
use utoipa::{OpenApi as _, ToSchema};

use crate::adapters::http::{ErrorBody, author, book, user};
use crate::core::Operation;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Library API, step 05: ports and adapters",
        description = "Book Management as tasks (three commands, three queries), authors and \
                       users as CRUD; the same core behind HTTP or AWS Lambda, on DynamoDB or in \
                       memory.",
    ),
    paths(
        version,
        book::add_new_book, book::borrow_book, book::report_missing_book,
        book::get_books_by_author, book::get_borrowed_books_for_user, book::get_missing_books,
        author::create_author, author::list_authors, author::get_author, author::update_author,
        author::delete_author,
        user::create_user, user::list_users, user::get_user, user::update_user, user::delete_user,
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

/// `GetApiVersion`, served by every router.
const VERSION_OPERATION: &str = "GetApiVersion";

/// The document for a router serving `operations`.
pub fn document(operations: &[Operation]) -> OpenApi {
    let mut document = ApiDoc::openapi();
    let served = |doc: &Option<OperationDoc>| {
        doc.as_ref()
            .and_then(|doc| doc.operation_id.as_deref())
            .is_some_and(|id| {
                id == VERSION_OPERATION || operations.iter().any(|op| op.name() == id)
            })
    };
    for item in document.paths.paths.values_mut() {
        for doc in methods(item) {
            if !served(doc) {
                *doc = None;
            }
        }
    }
    document
        .paths
        .paths
        .retain(|_, item| methods(item).into_iter().any(|doc| doc.is_some()));
    finish(document)
}

/// A path's operations under the four methods this API uses.
fn methods(item: &mut PathItem) -> [&mut Option<OperationDoc>; 4] {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
    ]
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub message: String,
}

#[utoipa::path(get, path = "/", operation_id = VERSION_OPERATION, tag = "API",
    responses((status = 200, description = "`API v<version>`", body = Message)))]
pub async fn version() -> Json<Message> {
    Json(Message {
        message: format!("API v{}", env!("CARGO_PKG_VERSION")),
    })
}

/// Adds the answers any operation can give, so handlers only declare their own: 503 when
/// storage is unreachable, 500 for anything unexpected, 413 where a body is read.
fn finish(mut document: OpenApi) -> OpenApi {
    for item in document.paths.paths.values_mut() {
        for operation in methods(item).into_iter().flatten() {
            if operation.request_body.is_some() {
                add_error(operation, "413", "Request body over the size limit");
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

fn add_error(operation: &mut OperationDoc, status: &str, description: &str) {
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

/// `GET /` and `GET /openapi.json`. The handler shares the document rather than owning it: axum
/// clones a handler for every request (every invocation, on Lambda), and the document is large.
pub fn routes<S: Clone + Send + Sync + 'static>(document: OpenApi) -> Router<S> {
    let document = Arc::new(document);
    Router::new().route("/", get(version)).route(
        "/openapi.json",
        get(move || async move { Json(&*document).into_response() }),
    )
}
