//! The dispatcher: which handler serves which operation, and where. The original routed an API
//! Gateway resource to a handler factory at run time; here the same decision is one `match`, and
//! a router built from a subset of operations is what one Lambda function serves.

use axum::Router;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::routing::{MethodRouter, delete, get, post, put};

use crate::adapters::http::{ApiError, author, book, user};
use crate::core::ports::Storage;
use crate::core::{App, Operation};

/// The path and method router of `operation` (paths as in the handlers' OpenAPI annotations; a
/// test checks they agree).
pub fn route<S: Storage>(operation: Operation) -> (&'static str, MethodRouter<App<S>>) {
    match operation {
        Operation::AddNewBook => ("/book/new", post(book::add_new_book::<S>)),
        Operation::BorrowBook => ("/book/{bookId}/borrow", post(book::borrow_book::<S>)),
        Operation::ReportMissingBook => (
            "/book/{bookId}/missing",
            post(book::report_missing_book::<S>),
        ),
        Operation::GetBooksByAuthor => (
            "/book/by-author/{authorId}",
            get(book::get_books_by_author::<S>),
        ),
        Operation::GetBorrowedBooksForUser => (
            "/book/by-user/{userId}",
            get(book::get_borrowed_books_for_user::<S>),
        ),
        Operation::GetMissingBooks => ("/book", get(book::get_missing_books::<S>)),
        Operation::CreateAuthor => ("/author", post(author::create_author::<S>)),
        Operation::ListAuthors => ("/author", get(author::list_authors::<S>)),
        Operation::GetAuthor => ("/author/{id}", get(author::get_author::<S>)),
        Operation::UpdateAuthor => ("/author/{id}", put(author::update_author::<S>)),
        Operation::DeleteAuthor => ("/author/{id}", delete(author::delete_author::<S>)),
        Operation::CreateUser => ("/user", post(user::create_user::<S>)),
        Operation::ListUsers => ("/user", get(user::list_users::<S>)),
        Operation::GetUser => ("/user/{id}", get(user::get_user::<S>)),
        Operation::UpdateUser => ("/user/{id}", put(user::update_user::<S>)),
        Operation::DeleteUser => ("/user/{id}", delete(user::delete_user::<S>)),
    }
}

/// The routes of the whole API, where only `operations` reach their handlers: every other
/// operation answers 404 `No Route Found`, as if it did not exist. Registering the others anyway
/// keeps the rest identical to the whole API: a method no operation has on a path is still a 405.
pub fn routes<S: Storage>(operations: &[Operation]) -> Router<App<S>> {
    Operation::ALL
        .into_iter()
        .fold(Router::new(), |router, operation| {
            let (path, handler) = route::<S>(operation);
            if operations.contains(&operation) {
                router.route(path, handler)
            } else {
                router.route(path, handler.route_layer(middleware::from_fn(not_served)))
            }
        })
}

/// Answers for an operation this router does not serve, before its handler could run.
async fn not_served(_: Request, _: Next) -> ApiError {
    ApiError::NoRoute
}
