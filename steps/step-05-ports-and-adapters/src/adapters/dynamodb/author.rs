//! `Author#<id>` / `Author#<id>`: `type`, `name`, `birthdate`, timestamps.

use crate::adapters::dynamodb::item::{self, Change, Item, reference, s};
use crate::core::Entity;
use crate::core::model::{Author, AuthorChanges, AuthorId};
use crate::core::ports::StorageError;

pub fn key(id: &AuthorId) -> Item {
    let own = reference(Entity::Author, id);
    item::key(own.clone(), own)
}

pub fn to_item(author: &Author) -> Item {
    item::new_item(
        Entity::Author,
        key(&author.id),
        [
            ("name", s(&author.name)),
            ("birthdate", s(author.birthdate.to_string())),
        ],
    )
}

pub fn from_item(item: &Item) -> Result<Author, StorageError> {
    Ok(Author {
        id: item::id_in(item, item::RESOURCE_ID, AuthorId::parse)?,
        name: item::text(item, "name")?,
        birthdate: item::timestamp(item, "birthdate")?,
    })
}

pub fn changes(changes: &AuthorChanges) -> Vec<Change> {
    let mut set = Vec::new();
    if let Some(name) = &changes.name {
        set.push(("name", s(name)));
    }
    if let Some(birthdate) = changes.birthdate {
        set.push(("birthdate", s(birthdate.to_string())));
    }
    set
}
