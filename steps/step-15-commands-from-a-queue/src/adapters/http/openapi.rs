//! The OpenAPI 3.1 document, generated from the handlers' annotations, for exactly the operations
//! a router serves.

use plumbing::ErrorBody;
use plumbing::openapi::methods;
use utoipa::OpenApi as _;
use utoipa::openapi::OpenApi;

use crate::adapters::http::{author, book, user};
use crate::core::Operation;

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        plumbing::openapi::version,
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

/// `GetApiVersion`, which every router serves.
const VERSION_OPERATION: &str = "GetApiVersion";

/// The document of a router serving `operations`: every other operation is left out, and so is
/// a path left with none. The step names itself.
pub fn document(operations: &[Operation]) -> OpenApi {
    let mut document = ApiDoc::openapi();
    document.info.title = format!("Library API, {}", env!("CARGO_PKG_NAME"));
    document.info.description = Some(env!("CARGO_PKG_DESCRIPTION").to_owned());
    let served = |id: &str| id == VERSION_OPERATION || operations.iter().any(|op| op.name() == id);
    for item in document.paths.paths.values_mut() {
        for doc in methods(item) {
            if !doc
                .as_ref()
                .and_then(|doc| doc.operation_id.as_deref())
                .is_some_and(served)
            {
                *doc = None;
            }
        }
    }
    document
        .paths
        .paths
        .retain(|_, item| methods(item).into_iter().any(|doc| doc.is_some()));
    plumbing::openapi::finish(document)
}
