//! Authors, stored under `Author#<id>` / `Author#<id>`.

use super::Record;
use crate::error::{Entity, Error};
use crate::item::{Item, id_in, text, timestamp};
use crate::model::{Author, AuthorId};
use crate::storage::Key;

pub fn key(id: &AuthorId) -> Key {
    Key::new(format!("Author#{id}"), format!("Author#{id}"))
}

impl Record for Author {
    const ENTITY: Entity = Entity::Author;

    fn key(&self) -> Key {
        key(&self.id)
    }

    fn attributes(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("birthdate", self.birthdate.to_string()),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, Error> {
        Ok(Self {
            id: id_in(item, "resourceId", AuthorId::parse)?,
            name: text(item, "name")?,
            birthdate: timestamp(item, "birthdate")?,
        })
    }
}
