//! Users, stored under `User#<id>` / `User#<id>`.

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, RepositoryError};
use crate::item::{Item, id_in, status, text};
use crate::status::{Status, UserStatus};
use crate::storage::Key;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub status: UserStatus,
    /// Why the user has this status.
    pub comment: String,
}

pub fn key(id: &str) -> Key {
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
