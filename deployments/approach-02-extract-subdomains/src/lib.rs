//! Approach 02: extract subdomains. Split by domain rather than by kind: the missing-books
//! subdomain (its command and its query) gets a function of its own.
//!
//! Fixed from the original, whose missing-books function ran the queries' entry point and so
//! could not serve its command: here it serves both of its operations.
//!
//! The function table below is the approach: its binaries run it, its tests check it against
//! `template.yaml`, and the local gateway serves it. See the README for routes, IAM and when to
//! pick this shape.

use step_05_ports_and_adapters::Operation;
use step_05_ports_and_adapters::adapters::lambda::Function;

/// The approach's name, as `cargo xtask` and the local gateway know it.
pub const NAME: &str = env!("CARGO_PKG_NAME");

/// The approach's SAM template.
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/template.yaml");

/// Every function of the approach: one binary each, one resource each in `template.yaml`.
pub const FUNCTIONS: [Function; 3] = [
    MISSING_BOOKS_HANDLER,
    REST_OF_COMMANDS_DISPATCHER,
    REST_OF_QUERIES_DISPATCHER,
];

// region: missing-books-handler
/// `MissingBooksHandler`: the missing-books subdomain: `ReportMissingBook` and `GetMissingBooks`.
/// It serves a command, so it may write.
pub const MISSING_BOOKS_HANDLER: Function = Function {
    name: "MissingBooksHandler",
    binary: "approach-02-missing-books-handler",
    operations: &[Operation::ReportMissingBook, Operation::GetMissingBooks],
};
// endregion: missing-books-handler

/// `RestOfCommandsDispatcher`: the other commands: `AddNewBook` and `BorrowBook`.
pub const REST_OF_COMMANDS_DISPATCHER: Function = Function {
    name: "RestOfCommandsDispatcher",
    binary: "approach-02-rest-of-commands-dispatcher",
    operations: &[Operation::AddNewBook, Operation::BorrowBook],
};

/// `RestOfQueriesDispatcher`: the other queries: `GetBooksByAuthor` and `GetBorrowedBooksForUser`;
/// only reads.
pub const REST_OF_QUERIES_DISPATCHER: Function = Function {
    name: "RestOfQueriesDispatcher",
    binary: "approach-02-rest-of-queries-dispatcher",
    operations: &[
        Operation::GetBooksByAuthor,
        Operation::GetBorrowedBooksForUser,
    ],
};

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
