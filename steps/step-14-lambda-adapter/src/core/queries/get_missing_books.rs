//! `GetMissingBooks`: every book reported missing.

use super::{Query, by_id, require_status};
use crate::core::model::{Book, BookFilter, BookStatus, Error};
use crate::core::ports::{Reads, StorageError};

#[derive(Debug)]
pub struct GetMissingBooks;

impl GetMissingBooks {
    /// `status` must be `missing` (any case).
    pub fn parse(status: Option<&str>) -> Result<Self, Error> {
        require_status(status, BookStatus::Missing, "GetMissingBooks")?;
        Ok(Self)
    }
}

impl<S: Reads<Book>> Query<S> for GetMissingBooks {
    type Answer = Vec<Book>;

    async fn handle(self, storage: &S) -> Result<Vec<Book>, StorageError> {
        let missing = BookFilter::InStatus(BookStatus::Missing);
        Ok(by_id(storage.all(&missing).await?))
    }
}
