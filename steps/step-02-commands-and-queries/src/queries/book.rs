//! Questions about books: one by its key, all of them (or those in a status), or an author's.

use super::{Query, Reader};
use crate::pagination::{Listed, Page};
use crate::repository::book::{Book, by_author, key};
use crate::repository::{Entity, RepositoryError};
use crate::status::{BookStatus, Status};
use crate::storage::IndexQuery;

#[derive(Debug)]
pub struct GetBook {
    pub author_id: String,
    pub book_id: String,
}

impl Query for GetBook {
    type Answer = Book;

    async fn handle(self, reader: &Reader) -> Result<Book, RepositoryError> {
        reader.get(key(&self.author_id, &self.book_id)).await
    }
}

/// Every book, or those in `status`.
#[derive(Debug)]
pub struct ListBooks {
    pub status: Option<BookStatus>,
    pub page: Page,
}

impl Query for ListBooks {
    type Answer = Listed<Book>;

    async fn handle(self, reader: &Reader) -> Result<Listed<Book>, RepositoryError> {
        let query = match self.status {
            Some(status) => IndexQuery::by_type_and_status(Book::NAME, status.as_str()),
            None => IndexQuery::by_type(Book::NAME),
        };
        reader.list(query, self.page).await
    }
}

#[derive(Debug)]
pub struct ListBooksByAuthor {
    pub author_id: String,
    pub page: Page,
}

impl Query for ListBooksByAuthor {
    type Answer = Listed<Book>;

    async fn handle(self, reader: &Reader) -> Result<Listed<Book>, RepositoryError> {
        let query = IndexQuery::by_type_and_sort_key(Book::NAME, by_author(&self.author_id));
        reader.list(query, self.page).await
    }
}
