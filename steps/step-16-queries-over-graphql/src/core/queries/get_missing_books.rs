//! `GetMissingBooks`: the books reported missing, a page at a time.

use plumbing::page::{Listing, Page};

use super::{Query, by_id, require_status};
use crate::core::model::{Book, BookFilter, BookStatus, Error};
use crate::core::ports::{Reads, StorageError};

#[derive(Debug)]
pub struct GetMissingBooks {
    pub page: Page,
}

impl GetMissingBooks {
    /// `status` must be `missing` (any case).
    pub fn parse(status: Option<&str>, page: Page) -> Result<Self, Error> {
        require_status(status, BookStatus::Missing, "GetMissingBooks")?;
        Ok(Self { page })
    }
}

impl<S: Reads<Book>> Query<S> for GetMissingBooks {
    type Answer = Listing<Book>;

    async fn handle(self, storage: &S) -> Result<Listing<Book>, StorageError> {
        let missing = BookFilter::InStatus(BookStatus::Missing);
        Ok(by_id(storage.list(&missing, self.page).await?))
    }
}
