//! The queries of Book Management: they read, through the read port only, and change nothing.
//!
//! Each answers every matching book (storage pages are followed to the end), ordered by book id
//! (roughly when the book was added: KSUIDs sort by creation time, to the second), whatever order
//! the storage returns them in.

pub mod get_books_by_author;
pub mod get_borrowed_books_for_user;
pub mod get_missing_books;

pub use get_books_by_author::GetBooksByAuthor;
pub use get_borrowed_books_for_user::GetBorrowedBooksForUser;
pub use get_missing_books::GetMissingBooks;

use crate::core::Error;
use crate::core::model::{Book, Status};

fn by_id(mut books: Vec<Book>) -> Vec<Book> {
    books.sort_by(|a, b| a.id.cmp(&b.id));
    books
}

/// The `status` a query requires, in any case (`?status=missing` is `MISSING`): the talk's API
/// puts it in the request although each query accepts exactly one value.
fn require_status(status: Option<&str>, expected: impl Status, query: &str) -> Result<(), Error> {
    match status {
        Some(text) if text.to_uppercase() == expected.as_str() => Ok(()),
        _ => Err(Error::invalid(format!(
            "Invalid status provided for {query} query"
        ))),
    }
}
