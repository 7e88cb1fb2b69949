//! Approach 02: extract subdomains. Split by domain rather than by kind: the missing-books
//! subdomain (its command and its query) gets a function of its own.
//!
//! Fixed from the original, whose missing-books function ran the queries' entry point and so
//! could not serve its command: here it serves both of its operations.
//!
//! The function table below is the approach: its binaries run it, its tests check it against
//! `template.yaml`, and the local gateway serves it. See the README for routes, IAM and when to
//! pick this shape.

use library::adapters::lambda::{Deployed, Function};
use library::core::commands::{AddNewBook, BorrowBook, ReportMissingBook};
use library::core::queries::{GetBooksByAuthor, GetBorrowedBooksForUser, GetMissingBooks};

/// The approach's name, as `cargo xtask` and the local gateway know it.
pub const NAME: &str = env!("CARGO_PKG_NAME");

/// The approach's SAM template.
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/template.yaml");

/// Every function of the approach: one binary each, one resource each in `template.yaml`.
pub const FUNCTIONS: [&dyn Deployed; 3] = [
    &MISSING_BOOKS_HANDLER,
    &REST_OF_COMMANDS_DISPATCHER,
    &REST_OF_QUERIES_DISPATCHER,
];

// region: missing-books-handler
/// `MissingBooksHandler`: the missing-books subdomain: `ReportMissingBook` and `GetMissingBooks`.
/// It serves a command, so it may write.
pub const MISSING_BOOKS_HANDLER: Function<(ReportMissingBook, GetMissingBooks)> =
    Function::new("MissingBooksHandler", "approach-02-missing-books-handler");
// endregion: missing-books-handler

/// `RestOfCommandsDispatcher`: the other commands: `AddNewBook` and `BorrowBook`.
pub const REST_OF_COMMANDS_DISPATCHER: Function<(AddNewBook, BorrowBook)> = Function::new(
    "RestOfCommandsDispatcher",
    "approach-02-rest-of-commands-dispatcher",
);

/// `RestOfQueriesDispatcher`: the other queries: `GetBooksByAuthor` and `GetBorrowedBooksForUser`;
/// only reads.
pub const REST_OF_QUERIES_DISPATCHER: Function<(GetBooksByAuthor, GetBorrowedBooksForUser)> =
    Function::new(
        "RestOfQueriesDispatcher",
        "approach-02-rest-of-queries-dispatcher",
    );

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
