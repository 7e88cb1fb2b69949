//! Questions about users: one by id, or all of them.

use super::{Query, Reader};
use crate::pagination::{Listed, Page};
use crate::repository::user::{User, key};
use crate::repository::{Entity, RepositoryError};
use crate::storage::IndexQuery;

#[derive(Debug)]
pub struct GetUser {
    pub id: String,
}

impl Query for GetUser {
    type Answer = User;

    async fn handle(self, reader: &Reader) -> Result<User, RepositoryError> {
        reader.get(key(&self.id)).await
    }
}

#[derive(Debug)]
pub struct ListUsers {
    pub page: Page,
}

impl Query for ListUsers {
    type Answer = Listed<User>;

    async fn handle(self, reader: &Reader) -> Result<Listed<User>, RepositoryError> {
        let query = IndexQuery::by_type(User::NAME);
        reader.list(query, self.page).await
    }
}
