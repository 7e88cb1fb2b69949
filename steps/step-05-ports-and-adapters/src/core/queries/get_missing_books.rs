//! `GetMissingBooks`: every book reported missing.

use crate::core::model::{Book, BookStatus};
use crate::core::ports::LibraryReads;
use crate::core::queries::{by_id, require_status};
use crate::core::{App, Error};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetMissingBooks;

impl GetMissingBooks {
    /// `status` must be `missing` (any case).
    pub fn parse(status: Option<&str>) -> Result<Self, Error> {
        require_status(status, BookStatus::Missing, "GetMissingBooks")?;
        Ok(Self)
    }
}

impl<S: LibraryReads> App<S> {
    pub async fn get_missing_books(&self, _query: GetMissingBooks) -> Result<Vec<Book>, Error> {
        let books = self.storage().books_in_status(BookStatus::Missing).await?;
        Ok(by_id(books))
    }
}
