//! Books: which author wrote them, and whether they are on the shelf.

use std::convert::Infallible;

use serde::Serialize;
use utoipa::ToSchema;

use crate::model::{AuthorId, BookId, BookStatus};
use crate::repository::Entity;

/// A book, as every query answers it.
#[derive(Debug, Serialize, ToSchema)]
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
