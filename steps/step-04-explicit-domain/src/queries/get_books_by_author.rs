//! `GetBooksByAuthor`: every book of one author.

use super::{Query, Reader, by_id};
use crate::error::{Entity, Error};
use crate::model::{AuthorId, Book};
use crate::repository::book;
use crate::storage::IndexQuery;

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

impl Query for GetBooksByAuthor {
    type Answer = Vec<Book>;

    /// An author the library does not know simply has no books.
    async fn handle(self, reader: &Reader) -> Result<Vec<Book>, Error> {
        let sort_key = book::by_author(&self.author_id);
        let query = IndexQuery::by_type_and_sort_key(Entity::Book.name(), sort_key);
        Ok(by_id(reader.all(query).await?))
    }
}
