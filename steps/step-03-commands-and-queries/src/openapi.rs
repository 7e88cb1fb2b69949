//! The OpenAPI 3.1 document: what this step is, its tags; the handlers' annotations add the rest.

use plumbing::ErrorBody;
use utoipa::OpenApi as _;
use utoipa::openapi::OpenApi;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Library API, step 03: commands and queries",
        description = "The same CRUD API as step 00; every route is a command, which may write, \
                       or a query, which can only read.",
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
