//! Questions about users: one by id, or all of them.

use super::{Query, Reader};
use crate::error::{Entity, Error};
use crate::model::{User, UserId};
use crate::pagination::{Listed, Page};
use crate::repository::user::key;
use crate::storage::IndexQuery;

#[derive(Debug)]
pub struct GetUser {
    pub id: UserId,
}

impl Query for GetUser {
    type Answer = User;

    async fn handle(self, reader: &Reader) -> Result<User, Error> {
        reader.get(key(&self.id)).await
    }
}

#[derive(Debug)]
pub struct ListUsers {
    pub page: Page,
}

impl Query for ListUsers {
    type Answer = Listed<User>;

    async fn handle(self, reader: &Reader) -> Result<Listed<User>, Error> {
        let query = IndexQuery::by_type(Entity::User.name());
        reader.list(query, self.page).await
    }
}
