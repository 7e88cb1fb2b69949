//! `GetBooksByAuthor`: every book of one author.

use crate::core::model::{AuthorId, Book};
use crate::core::ports::LibraryReads;
use crate::core::queries::by_id;
use crate::core::{App, Error};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetBooksByAuthor {
    pub author_id: AuthorId,
}

impl GetBooksByAuthor {
    pub fn parse(author_id: &str) -> Result<Self, Error> {
        Ok(Self {
            author_id: AuthorId::parse(author_id)?,
        })
    }
}

impl<S: LibraryReads> App<S> {
    /// An author the library does not know simply has no books.
    pub async fn get_books_by_author(&self, query: GetBooksByAuthor) -> Result<Vec<Book>, Error> {
        let books = self.storage().books_by_author(&query.author_id).await?;
        Ok(by_id(books))
    }
}
