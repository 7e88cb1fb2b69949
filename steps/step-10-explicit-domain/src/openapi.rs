//! The OpenAPI 3.1 document: what this step is, its tags; the handlers' annotations add the rest.

use plumbing::ErrorBody;
use utoipa::OpenApi as _;
use utoipa::openapi::OpenApi;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Library API, step 10: explicit domain",
        description = "Book Management as tasks (three commands, three queries), in the \
                       library's words; authors and users stay CRUD.",
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
