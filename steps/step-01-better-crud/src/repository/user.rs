//! Users, stored under `User#<id>` / `User#<id>`, with a new KSUID on create.

use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, Records, RepositoryError, changed};
use crate::ids::IdGenerator;
use crate::item::{Item, id_in, status, text};
use crate::pagination::{Listed, Page};
use crate::status::{Status, UserStatus};
use crate::storage::{Key, Query};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub status: UserStatus,
    /// Why the user has this status.
    pub comment: String,
}

/// Both fields are required. A new user is `NOT_VERIFIED` with an empty comment.
#[derive(Debug, ToSchema)]
pub struct NewUser {
    pub name: String,
    pub email: String,
}

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(Debug, Default, ToSchema)]
pub struct UserChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub status: Option<UserStatus>,
    pub comment: Option<String>,
}

fn key(id: &str) -> Key {
    Key::new(format!("User#{id}"), format!("User#{id}"))
}

impl Entity for User {
    const NAME: &'static str = "User";

    fn key(&self) -> Key {
        key(&self.id)
    }

    fn attributes(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("name", &self.name),
            ("email", &self.email),
            ("status", self.status.as_str()),
            ("comment", &self.comment),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, RepositoryError> {
        Ok(Self {
            id: id_in(item, "resourceId")?,
            name: text(item, "name")?,
            email: text(item, "email")?,
            status: status(item, "status")?,
            comment: text(item, "comment")?,
        })
    }
}

pub struct UserRepository {
    records: Records<User>,
    ids: Arc<dyn IdGenerator>,
}

impl UserRepository {
    pub fn new(records: Records<User>, ids: Arc<dyn IdGenerator>) -> Self {
        Self { records, ids }
    }

    /// Stores a new user under a new id, `NOT_VERIFIED` with an empty comment.
    pub async fn create(&self, new: NewUser) -> Result<User, RepositoryError> {
        let user = User {
            id: self.ids.next_id(),
            name: new.name,
            email: new.email,
            status: UserStatus::NotVerified,
            comment: String::new(),
        };
        self.records.create(user).await
    }

    pub async fn list(&self, page: Page) -> Result<Listed<User>, RepositoryError> {
        self.records.list(Query::by_type(User::NAME), page).await
    }

    pub async fn get(&self, id: &str) -> Result<User, RepositoryError> {
        self.records.get(key(id)).await
    }

    pub async fn update(&self, id: &str, changes: UserChanges) -> Result<User, RepositoryError> {
        let fields = changed([
            ("name", changes.name),
            ("email", changes.email),
            ("status", changes.status.map(|s| s.as_str().to_owned())),
            ("comment", changes.comment),
        ]);
        self.records.update(key(id), fields).await
    }

    pub async fn delete(&self, id: &str) -> Result<(), RepositoryError> {
        self.records.delete(key(id)).await
    }
}
