//! The dispatcher: which handler serves which operation, and where. The original routed an API
//! Gateway resource to a handler factory at run time; here each operation is a type (the
//! command or query it runs), and a router is built for a set of them at compile time: a router
//! serving only queries contains no command handler at all.

use axum::Router;
use axum::routing::{MethodRouter, delete, get, post, put};

use crate::adapters::http::{author, book, user};
use crate::core::commands::{AddNewBook, BorrowBook, Create, Delete, ReportMissingBook, Update};
use crate::core::model::{Author, User};
use crate::core::ports::Storage;
use crate::core::queries::{Get, GetBooksByAuthor, GetBorrowedBooksForUser, GetMissingBooks, List};
use crate::core::{App, Operation};

/// An operation the HTTP adapter serves: its name, its path (as in its handler's OpenAPI
/// annotation; a test checks they agree) and its method router on any storage.
pub trait Endpoint {
    const OPERATION: Operation;
    const PATH: &'static str;

    fn handler<S: Storage>() -> MethodRouter<App<S>>;
}

/// A set of endpoints a router serves: one, or a tuple of sets.
pub trait Endpoints {
    /// Each operation, with its path.
    fn paths() -> Vec<(Operation, &'static str)>;

    fn add_to<S: Storage>(router: Router<App<S>>) -> Router<App<S>>;

    fn operations() -> Vec<Operation> {
        Self::paths()
            .into_iter()
            .map(|(operation, _)| operation)
            .collect()
    }
}

impl<E: Endpoint> Endpoints for E {
    fn paths() -> Vec<(Operation, &'static str)> {
        vec![(E::OPERATION, E::PATH)]
    }

    fn add_to<S: Storage>(router: Router<App<S>>) -> Router<App<S>> {
        router.route(E::PATH, E::handler())
    }
}

macro_rules! tuple_endpoints {
    ($($set:ident),+) => {
        impl<$($set: Endpoints),+> Endpoints for ($($set,)+) {
            fn paths() -> Vec<(Operation, &'static str)> {
                [$($set::paths()),+].concat()
            }

            fn add_to<S: Storage>(router: Router<App<S>>) -> Router<App<S>> {
                $(let router = $set::add_to(router);)+
                router
            }
        }
    };
}

tuple_endpoints!(A);
tuple_endpoints!(A, B);
tuple_endpoints!(A, B, C);
tuple_endpoints!(A, B, C, D);
tuple_endpoints!(A, B, C, D, E);
tuple_endpoints!(A, B, C, D, E, F);

pub type BookCommands = (AddNewBook, BorrowBook, ReportMissingBook);
pub type BookQueries = (GetBooksByAuthor, GetBorrowedBooksForUser, GetMissingBooks);
/// What the talk's deployments serve.
pub type BookManagement = (BookCommands, BookQueries);
pub type AuthorCrud = (
    Create<Author>,
    List<Author>,
    Get<Author>,
    Update<Author>,
    Delete<Author>,
);
pub type UserCrud = (
    Create<User>,
    List<User>,
    Get<User>,
    Update<User>,
    Delete<User>,
);
/// The whole API.
pub type Everything = (BookManagement, AuthorCrud, UserCrud);

macro_rules! endpoint {
    ($operation:ty, $name:ident, $path:literal, $method:ident($module:ident::$handler:ident)) => {
        impl Endpoint for $operation {
            const OPERATION: Operation = Operation::$name;
            const PATH: &'static str = $path;

            fn handler<S: Storage>() -> MethodRouter<App<S>> {
                $method($module::$handler::<S>)
            }
        }
    };
}

endpoint!(
    AddNewBook,
    AddNewBook,
    "/book/new",
    post(book::add_new_book)
);
endpoint!(
    BorrowBook,
    BorrowBook,
    "/book/{bookId}/borrow",
    post(book::borrow_book)
);
endpoint!(
    ReportMissingBook,
    ReportMissingBook,
    "/book/{bookId}/missing",
    post(book::report_missing_book)
);
endpoint!(
    GetBooksByAuthor,
    GetBooksByAuthor,
    "/book/by-author/{authorId}",
    get(book::get_books_by_author)
);
endpoint!(
    GetBorrowedBooksForUser,
    GetBorrowedBooksForUser,
    "/book/by-user/{userId}",
    get(book::get_borrowed_books_for_user)
);
endpoint!(
    GetMissingBooks,
    GetMissingBooks,
    "/book",
    get(book::get_missing_books)
);
endpoint!(
    Create<Author>,
    CreateAuthor,
    "/author",
    post(author::create_author)
);
endpoint!(
    List<Author>,
    ListAuthors,
    "/author",
    get(author::list_authors)
);
endpoint!(
    Get<Author>,
    GetAuthor,
    "/author/{id}",
    get(author::get_author)
);
endpoint!(
    Update<Author>,
    UpdateAuthor,
    "/author/{id}",
    put(author::update_author)
);
endpoint!(
    Delete<Author>,
    DeleteAuthor,
    "/author/{id}",
    delete(author::delete_author)
);
endpoint!(Create<User>, CreateUser, "/user", post(user::create_user));
endpoint!(List<User>, ListUsers, "/user", get(user::list_users));
endpoint!(Get<User>, GetUser, "/user/{id}", get(user::get_user));
endpoint!(
    Update<User>,
    UpdateUser,
    "/user/{id}",
    put(user::update_user)
);
endpoint!(
    Delete<User>,
    DeleteUser,
    "/user/{id}",
    delete(user::delete_user)
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::http::openapi;

    #[test]
    fn the_whole_api_serves_every_operation_once() {
        let mut operations = Everything::operations();
        operations.sort_unstable();
        assert_eq!(operations, Operation::ALL);
    }

    #[test]
    fn each_route_is_where_its_handler_is_documented() {
        let document = openapi::document(&Operation::ALL);
        for (operation, path) in Everything::paths() {
            let mut item = document.paths.paths.get(path).cloned().unwrap_or_default();
            let ids: Vec<_> = plumbing::openapi::methods(&mut item)
                .into_iter()
                .filter_map(|doc| doc.as_ref()?.operation_id.clone())
                .collect();
            assert!(
                ids.iter().any(|id| id == operation.name()),
                "{operation} at {path}: {ids:?}"
            );
        }
    }
}
