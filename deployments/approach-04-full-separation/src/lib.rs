//! Approach 04: full separation. One function per operation.
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
pub const FUNCTIONS: [&dyn Deployed; 6] = [
    &ADD_NEW_BOOK_COMMAND_HANDLER,
    &BORROW_BOOK_COMMAND_HANDLER,
    &REPORT_BOOK_AS_MISSING_COMMAND_HANDLER,
    &GET_BOOKS_BY_AUTHOR_QUERY_HANDLER,
    &GET_BORROWED_BOOKS_FOR_USER_QUERY_HANDLER,
    &GET_MISSING_BOOKS_QUERY_HANDLER,
];
// endregion: function-table

/// `AddNewBookCommandHandler`: `AddNewBook`.
pub const ADD_NEW_BOOK_COMMAND_HANDLER: Function<AddNewBook> = Function::new(
    "AddNewBookCommandHandler",
    "approach-04-add-new-book-command-handler",
);

/// `BorrowBookCommandHandler`: `BorrowBook`.
pub const BORROW_BOOK_COMMAND_HANDLER: Function<BorrowBook> = Function::new(
    "BorrowBookCommandHandler",
    "approach-04-borrow-book-command-handler",
);

/// `ReportBookAsMissingCommandHandler`: `ReportMissingBook` (the template keeps the original
/// logical id).
pub const REPORT_BOOK_AS_MISSING_COMMAND_HANDLER: Function<ReportMissingBook> = Function::new(
    "ReportBookAsMissingCommandHandler",
    "approach-04-report-missing-book-command-handler",
);

/// `GetBooksByAuthorQueryHandler`: `GetBooksByAuthor`; only reads.
pub const GET_BOOKS_BY_AUTHOR_QUERY_HANDLER: Function<GetBooksByAuthor> = Function::new(
    "GetBooksByAuthorQueryHandler",
    "approach-04-get-books-by-author-query-handler",
);

/// `GetBorrowedBooksForUserQueryHandler`: `GetBorrowedBooksForUser`; only reads.
pub const GET_BORROWED_BOOKS_FOR_USER_QUERY_HANDLER: Function<GetBorrowedBooksForUser> =
    Function::new(
        "GetBorrowedBooksForUserQueryHandler",
        "approach-04-get-borrowed-books-for-user-query-handler",
    );

/// `GetMissingBooksQueryHandler`: `GetMissingBooks`; only reads.
pub const GET_MISSING_BOOKS_QUERY_HANDLER: Function<GetMissingBooks> = Function::new(
    "GetMissingBooksQueryHandler",
    "approach-04-get-missing-books-query-handler",
);

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
