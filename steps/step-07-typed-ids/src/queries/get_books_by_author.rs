//! `GetBooksByAuthor`: the books of one author, a page at a time.

use plumbing::page::{Listing, Page};

use super::{Query, by_id};
use crate::book::{Book, BookFilter};
use crate::ids::AuthorId;
use crate::repository::{Reads, StorageError};

#[derive(Debug)]
pub struct GetBooksByAuthor {
    pub author_id: AuthorId,
    pub page: Page,
}

impl<S: Reads<Book>> Query<S> for GetBooksByAuthor {
    type Answer = Listing<Book>;

    /// An author the library does not know simply has no books.
    async fn handle(self, storage: &S) -> Result<Listing<Book>, StorageError> {
        let by_author = BookFilter::ByAuthor(self.author_id);
        Ok(by_id(storage.list(&by_author, self.page).await?))
    }
}
