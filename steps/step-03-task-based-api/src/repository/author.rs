//! Authors, stored under `Author#<id>` / `Author#<id>`.

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, RepositoryError};
use crate::item::{Item, id_in, text};
use crate::storage::Key;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Author {
    pub id: String,
    pub name: String,
    /// UTC, with milliseconds.
    pub birthdate: String,
}

pub fn key(id: &str) -> Key {
    Key::new(format!("Author#{id}"), format!("Author#{id}"))
}

impl Entity for Author {
    const NAME: &'static str = "Author";

    fn key(&self) -> Key {
        key(&self.id)
    }

    fn attributes(&self) -> Vec<(&'static str, &str)> {
        vec![("name", &self.name), ("birthdate", &self.birthdate)]
    }

    fn from_item(item: &Item) -> Result<Self, RepositoryError> {
        Ok(Self {
            id: id_in(item, "resourceId")?,
            name: text(item, "name")?,
            birthdate: text(item, "birthdate")?,
        })
    }
}
