//! Approach 03: extract individual commands or queries. `ReportMissingBook` and
//! `GetMissingBooks` each get a function of their own; the rest stays in two dispatchers.
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
// region: function-table
pub const FUNCTIONS: [Function; 4] = [
    REST_OF_COMMANDS_DISPATCHER,
    REPORT_BOOK_AS_MISSING_COMMAND_HANDLER,
    REST_OF_QUERIES_DISPATCHER,
    GET_MISSING_BOOKS_QUERY_HANDLER,
];
// endregion: function-table

/// `RestOfCommandsDispatcher`: the other commands: `AddNewBook` and `BorrowBook`.
pub const REST_OF_COMMANDS_DISPATCHER: Function = Function {
    name: "RestOfCommandsDispatcher",
    binary: "approach-03-rest-of-commands-dispatcher",
    operations: &[Operation::AddNewBook, Operation::BorrowBook],
};

/// `ReportBookAsMissingCommandHandler`: `ReportMissingBook` on its own (the template keeps the
/// original logical id).
pub const REPORT_BOOK_AS_MISSING_COMMAND_HANDLER: Function = Function {
    name: "ReportBookAsMissingCommandHandler",
    binary: "approach-03-report-missing-book-command-handler",
    operations: &[Operation::ReportMissingBook],
};

/// `RestOfQueriesDispatcher`: the other queries: `GetBooksByAuthor` and `GetBorrowedBooksForUser`;
/// only reads.
pub const REST_OF_QUERIES_DISPATCHER: Function = Function {
    name: "RestOfQueriesDispatcher",
    binary: "approach-03-rest-of-queries-dispatcher",
    operations: &[
        Operation::GetBooksByAuthor,
        Operation::GetBorrowedBooksForUser,
    ],
};

/// `GetMissingBooksQueryHandler`: `GetMissingBooks` on its own; only reads.
pub const GET_MISSING_BOOKS_QUERY_HANDLER: Function = Function {
    name: "GetMissingBooksQueryHandler",
    binary: "approach-03-get-missing-books-query-handler",
    operations: &[Operation::GetMissingBooks],
};

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
