//! The OpenAPI 3.1 document: what this step is, its tags; the handlers' annotations add the rest.

use plumbing::ErrorBody;
use utoipa::OpenApi as _;
use utoipa::openapi::OpenApi;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Library API, step 01: repositories",
        description = "The same CRUD API as step 00; the handlers ask a repository per entity \
                       instead of building DynamoDB items.",
    ),
    tags(
        (name = "API", description = "About the API itself"),
        (name = "Author", description = "CRUD for authors"),
        (name = "Book", description = "CRUD for books"),
        (name = "Rental", description = "CRUD for rentals"),
        (name = "User", description = "CRUD for users"),
    ),
    components(schemas(ErrorBody)),
)]
struct ApiDoc;

/// The document's fixed parts; the routes add their paths and schemas.
pub fn document() -> OpenApi {
    ApiDoc::openapi()
}
