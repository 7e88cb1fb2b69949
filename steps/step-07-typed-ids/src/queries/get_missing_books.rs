//! `GetMissingBooks`: every book reported missing.

use super::{Query, by_id};
use crate::book::{Book, BookFilter};
use crate::repository::{Reads, StorageError};
use crate::status::BookStatus;

#[derive(Debug)]
pub struct GetMissingBooks;

impl<S: Reads<Book>> Query<S> for GetMissingBooks {
    type Answer = Vec<Book>;

    async fn handle(self, storage: &S) -> Result<Vec<Book>, StorageError> {
        let missing = BookFilter::InStatus(BookStatus::Missing);
        Ok(by_id(storage.all(&missing).await?))
    }
}
