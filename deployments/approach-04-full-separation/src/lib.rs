//! Approach 04: full separation. One function per operation.
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
pub const FUNCTIONS: [Function; 6] = [
    ADD_NEW_BOOK_COMMAND_HANDLER,
    BORROW_BOOK_COMMAND_HANDLER,
    REPORT_BOOK_AS_MISSING_COMMAND_HANDLER,
    GET_BOOKS_BY_AUTHOR_QUERY_HANDLER,
    GET_BORROWED_BOOKS_FOR_USER_QUERY_HANDLER,
    GET_MISSING_BOOKS_QUERY_HANDLER,
];
// endregion: function-table

/// `AddNewBookCommandHandler`: `AddNewBook`.
pub const ADD_NEW_BOOK_COMMAND_HANDLER: Function = Function {
    name: "AddNewBookCommandHandler",
    binary: "approach-04-add-new-book-command-handler",
    operations: &[Operation::AddNewBook],
};

/// `BorrowBookCommandHandler`: `BorrowBook`.
pub const BORROW_BOOK_COMMAND_HANDLER: Function = Function {
    name: "BorrowBookCommandHandler",
    binary: "approach-04-borrow-book-command-handler",
    operations: &[Operation::BorrowBook],
};

/// `ReportBookAsMissingCommandHandler`: `ReportMissingBook` (the template keeps the original
/// logical id).
pub const REPORT_BOOK_AS_MISSING_COMMAND_HANDLER: Function = Function {
    name: "ReportBookAsMissingCommandHandler",
    binary: "approach-04-report-missing-book-command-handler",
    operations: &[Operation::ReportMissingBook],
};

/// `GetBooksByAuthorQueryHandler`: `GetBooksByAuthor`; only reads.
pub const GET_BOOKS_BY_AUTHOR_QUERY_HANDLER: Function = Function {
    name: "GetBooksByAuthorQueryHandler",
    binary: "approach-04-get-books-by-author-query-handler",
    operations: &[Operation::GetBooksByAuthor],
};

/// `GetBorrowedBooksForUserQueryHandler`: `GetBorrowedBooksForUser`; only reads.
pub const GET_BORROWED_BOOKS_FOR_USER_QUERY_HANDLER: Function = Function {
    name: "GetBorrowedBooksForUserQueryHandler",
    binary: "approach-04-get-borrowed-books-for-user-query-handler",
    operations: &[Operation::GetBorrowedBooksForUser],
};

/// `GetMissingBooksQueryHandler`: `GetMissingBooks`; only reads.
pub const GET_MISSING_BOOKS_QUERY_HANDLER: Function = Function {
    name: "GetMissingBooksQueryHandler",
    binary: "approach-04-get-missing-books-query-handler",
    operations: &[Operation::GetMissingBooks],
};

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
