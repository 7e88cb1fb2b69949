//! The commands of Book Management: tasks that change the library's state.
//!
//! Each module holds the payload as a client sends it, the validated command parsed from it
//! (input validation: is this processable at all?), and the handler, a method on
//! [`App`](crate::core::App) that applies the business rules and makes one atomic write.

pub mod add_new_book;
pub mod borrow_book;
pub mod report_missing_book;

pub use add_new_book::{AddNewBook, AddNewBookPayload, AuthorChoice, AuthorPayload, BookAdded};
pub use borrow_book::{BookBorrowed, BorrowBook, BorrowBookPayload};
pub use report_missing_book::{MissingBookReported, ReportMissingBook, ReportMissingBookPayload};
