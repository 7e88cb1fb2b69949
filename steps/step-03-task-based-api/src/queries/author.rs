//! Questions about authors: one by id, or all of them.

use super::{Query, Reader};
use crate::pagination::{Listed, Page};
use crate::repository::author::{Author, key};
use crate::repository::{Entity, RepositoryError};
use crate::storage::IndexQuery;

#[derive(Debug)]
pub struct GetAuthor {
    pub id: String,
}

impl Query for GetAuthor {
    type Answer = Author;

    async fn handle(self, reader: &Reader) -> Result<Author, RepositoryError> {
        reader.get(key(&self.id)).await
    }
}

#[derive(Debug)]
pub struct ListAuthors {
    pub page: Page,
}

impl Query for ListAuthors {
    type Answer = Listed<Author>;

    async fn handle(self, reader: &Reader) -> Result<Listed<Author>, RepositoryError> {
        let query = IndexQuery::by_type(Author::NAME);
        reader.list(query, self.page).await
    }
}
