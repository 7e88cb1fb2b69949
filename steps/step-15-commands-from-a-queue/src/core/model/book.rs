//! Books, and the two rules that move them: only an AVAILABLE book is lent, only a lent one goes
//! missing.

use std::convert::Infallible;

use serde::Serialize;
use utoipa::ToSchema;

use crate::core::model::{AuthorId, BookId, BookStatus, Rule, UserId};
use crate::core::ports::Entity;

/// A book, as every query answers it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Book {
    #[schema(value_type = String)]
    pub book_id: BookId,
    #[schema(value_type = String)]
    pub author_id: AuthorId,
    pub title: String,
    pub isbn: String,
    pub status: BookStatus,
}

impl Entity for Book {
    const NAME: &'static str = "Book";
    type Id = BookKey;
    /// Changed only through Book Management's writes.
    type Changes = Infallible;
    type Filter = BookFilter;
}

/// A book's key.
#[derive(Debug)]
pub struct BookKey {
    pub book_id: BookId,
    pub author_id: AuthorId,
}

/// Which books a listing returns.
#[derive(Debug)]
pub enum BookFilter {
    InStatus(BookStatus),
    ByAuthor(AuthorId),
    /// The book with this id, whoever its author.
    WithId(BookId),
}

/// A book moving from one status to another, as a command decided it: the write happens only
/// while the book is still `from`.
#[derive(Debug)]
pub struct BookTransition {
    pub book: BookKey,
    pub from: BookStatus,
    pub to: BookStatus,
}

impl Book {
    /// A new book on the shelf: AVAILABLE.
    pub fn new(book_id: BookId, author_id: AuthorId, title: String, isbn: String) -> Self {
        Self {
            book_id,
            author_id,
            title,
            isbn,
            status: BookStatus::Available,
        }
    }

    /// `BorrowBook`: only an AVAILABLE book can be lent.
    pub fn lend(&self) -> Result<BookTransition, Rule> {
        match self.status {
            BookStatus::Available => Ok(self.transition(BookStatus::NotAvailable)),
            BookStatus::NotAvailable | BookStatus::Missing => {
                Err(Rule::BookNotAvailable(self.book_id.clone()))
            }
        }
    }

    /// `ReportMissingBook`: only a lent book can go missing, reported by `holder`.
    pub fn report_missing(&self, holder: &UserId) -> Result<BookTransition, Rule> {
        match self.status {
            BookStatus::NotAvailable => Ok(self.transition(BookStatus::Missing)),
            BookStatus::Available | BookStatus::Missing => Err(Rule::BookNotBorrowedByUser {
                book: self.book_id.clone(),
                user: holder.clone(),
            }),
        }
    }

    fn transition(&self, to: BookStatus) -> BookTransition {
        BookTransition {
            book: BookKey {
                book_id: self.book_id.clone(),
                author_id: self.author_id.clone(),
            },
            from: self.status,
            to,
        }
    }
}
