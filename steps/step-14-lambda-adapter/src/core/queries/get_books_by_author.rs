//! `GetBooksByAuthor`: every book of one author.

use plumbing::ksuid::INVALID_AUTHOR_ID;

use super::{Query, by_id};
use crate::core::model::{AuthorId, Book, BookFilter, Error};
use crate::core::ports::{Reads, StorageError};

#[derive(Debug)]
pub struct GetBooksByAuthor {
    pub author_id: AuthorId,
}

impl GetBooksByAuthor {
    pub fn parse(author_id: &str) -> Result<Self, Error> {
        let author_id = AuthorId::checked(author_id, INVALID_AUTHOR_ID)?;
        Ok(Self { author_id })
    }
}

impl<S: Reads<Book>> Query<S> for GetBooksByAuthor {
    type Answer = Vec<Book>;

    /// An author the library does not know simply has no books.
    async fn handle(self, storage: &S) -> Result<Vec<Book>, StorageError> {
        let books = storage.all(&BookFilter::ByAuthor(self.author_id)).await?;
        Ok(by_id(books))
    }
}
