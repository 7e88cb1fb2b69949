//! The OpenAPI 3.1 document: its tags; the handlers' annotations add the rest.

use plumbing::ErrorBody;
use utoipa::OpenApi as _;
use utoipa::openapi::OpenApi;

#[derive(utoipa::OpenApi)]
#[openapi(
    tags(
        (name = "API", description = "About the API itself"),
        (name = "Book Management", description = "Commands and queries: the task-based API"),
        (name = "Author", description = "CRUD for authors (another context)"),
        (name = "User", description = "CRUD for users (another context)"),
    ),
    components(schemas(ErrorBody)),
)]
struct ApiDoc;

/// The document's fixed parts; the routes add their paths and schemas. The step names itself, so
/// this file reads the same in every step with the same API.
pub fn document() -> OpenApi {
    let mut document = ApiDoc::openapi();
    document.info.title = format!("Library API, {}", env!("CARGO_PKG_NAME"));
    document.info.description = Some(env!("CARGO_PKG_DESCRIPTION").to_owned());
    document
}
