//! `GetMissingBooks`: the books reported missing, a page at a time.

use plumbing::page::{Listing, Page};

use super::{Query, by_id};
use crate::book::{Book, BookFilter};
use crate::repository::{Reads, StorageError};
use crate::status::BookStatus;

#[derive(Debug)]
pub struct GetMissingBooks {
    pub page: Page,
}

impl<S: Reads<Book>> Query<S> for GetMissingBooks {
    type Answer = Listing<Book>;

    async fn handle(self, storage: &S) -> Result<Listing<Book>, StorageError> {
        let missing = BookFilter::InStatus(BookStatus::Missing);
        Ok(by_id(storage.list(&missing, self.page).await?))
    }
}
