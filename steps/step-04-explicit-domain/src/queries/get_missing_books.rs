//! `GetMissingBooks`: every book reported missing.

use super::{Query, Reader, by_id, require_status};
use crate::error::{Entity, Error};
use crate::model::{Book, BookStatus, Status};
use crate::storage::IndexQuery;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetMissingBooks;

impl GetMissingBooks {
    /// `status` must be `missing` (any case).
    pub fn parse(status: Option<&str>) -> Result<Self, Error> {
        require_status(status, BookStatus::Missing, "GetMissingBooks")?;
        Ok(Self)
    }
}

impl Query for GetMissingBooks {
    type Answer = Vec<Book>;

    async fn handle(self, reader: &Reader) -> Result<Vec<Book>, Error> {
        let missing = BookStatus::Missing.as_str();
        let query = IndexQuery::by_type_and_status(Entity::Book.name(), missing);
        Ok(by_id(reader.all(query).await?))
    }
}
