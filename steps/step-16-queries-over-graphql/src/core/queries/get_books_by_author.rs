//! `GetBooksByAuthor`: the books of one author, a page at a time.

use plumbing::ksuid::INVALID_AUTHOR_ID;
use plumbing::page::{Listing, Page};

use super::{Query, by_id};
use crate::core::model::{AuthorId, Book, BookFilter, Error};
use crate::core::ports::{Reads, StorageError};

#[derive(Debug)]
pub struct GetBooksByAuthor {
    pub author_id: AuthorId,
    pub page: Page,
}

impl GetBooksByAuthor {
    pub fn parse(author_id: &str, page: Page) -> Result<Self, Error> {
        let author_id = AuthorId::checked(author_id, INVALID_AUTHOR_ID)?;
        Ok(Self { author_id, page })
    }
}

impl<S: Reads<Book>> Query<S> for GetBooksByAuthor {
    type Answer = Listing<Book>;

    /// An author the library does not know simply has no books.
    async fn handle(self, storage: &S) -> Result<Listing<Book>, StorageError> {
        let by_author = BookFilter::ByAuthor(self.author_id);
        Ok(by_id(storage.list(&by_author, self.page).await?))
    }
}
