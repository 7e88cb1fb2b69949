//! Questions about authors: one by id, or all of them.

use super::{Query, Reader};
use crate::error::{Entity, Error};
use crate::model::{Author, AuthorId};
use crate::pagination::{Listed, Page};
use crate::repository::author::key;
use crate::storage::IndexQuery;

#[derive(Debug)]
pub struct GetAuthor {
    pub id: AuthorId,
}

impl Query for GetAuthor {
    type Answer = Author;

    async fn handle(self, reader: &Reader) -> Result<Author, Error> {
        reader.get(key(&self.id)).await
    }
}

#[derive(Debug)]
pub struct ListAuthors {
    pub page: Page,
}

impl Query for ListAuthors {
    type Answer = Listed<Author>;

    async fn handle(self, reader: &Reader) -> Result<Listed<Author>, Error> {
        let query = IndexQuery::by_type(Entity::Author.name());
        reader.list(query, self.page).await
    }
}
