//! Approach 03: extract individual commands or queries. `ReportMissingBook` and
//! `GetMissingBooks` each get a function of their own; the rest stays in two dispatchers.
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
// region: function-table
pub const FUNCTIONS: [&dyn Deployed; 4] = [
    &REST_OF_COMMANDS_DISPATCHER,
    &REPORT_BOOK_AS_MISSING_COMMAND_HANDLER,
    &REST_OF_QUERIES_DISPATCHER,
    &GET_MISSING_BOOKS_QUERY_HANDLER,
];
// endregion: function-table

/// `RestOfCommandsDispatcher`: the other commands: `AddNewBook` and `BorrowBook`.
pub const REST_OF_COMMANDS_DISPATCHER: Function<(AddNewBook, BorrowBook)> = Function::new(
    "RestOfCommandsDispatcher",
    "approach-03-rest-of-commands-dispatcher",
);

/// `ReportBookAsMissingCommandHandler`: `ReportMissingBook` on its own (the template keeps the
/// original logical id).
pub const REPORT_BOOK_AS_MISSING_COMMAND_HANDLER: Function<ReportMissingBook> = Function::new(
    "ReportBookAsMissingCommandHandler",
    "approach-03-report-missing-book-command-handler",
);

/// `RestOfQueriesDispatcher`: the other queries: `GetBooksByAuthor` and `GetBorrowedBooksForUser`;
/// only reads.
pub const REST_OF_QUERIES_DISPATCHER: Function<(GetBooksByAuthor, GetBorrowedBooksForUser)> =
    Function::new(
        "RestOfQueriesDispatcher",
        "approach-03-rest-of-queries-dispatcher",
    );

/// `GetMissingBooksQueryHandler`: `GetMissingBooks` on its own; only reads.
pub const GET_MISSING_BOOKS_QUERY_HANDLER: Function<GetMissingBooks> = Function::new(
    "GetMissingBooksQueryHandler",
    "approach-03-get-missing-books-query-handler",
);

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
