//! `Author#<id>` / `Author#<id>`: `name`, `birthdate`.

use super::{Lookup, Record, changed, every};
use crate::adapters::dynamodb::item::{Change, Item, id_in, s, text};
use crate::adapters::dynamodb::table;
use crate::core::model::{Author, AuthorChanges, AuthorId, Book, BookFilter};
use crate::core::ports::{Every, StorageError};

impl Record for Author {
    fn key(id: &AuthorId) -> Item {
        table::key(format!("Author#{id}"), format!("Author#{id}"))
    }

    fn id(&self) -> AuthorId {
        self.id.clone()
    }

    fn attributes(&self) -> Vec<Change> {
        vec![("name", s(&self.name)), ("birthdate", s(&self.birthdate))]
    }

    fn from_item(item: &Item) -> Result<Self, StorageError> {
        Ok(Self {
            id: id_in(item, "resourceId")?,
            name: text(item, "name")?,
            birthdate: text(item, "birthdate")?,
        })
    }

    fn changes(changes: &AuthorChanges) -> Vec<Change> {
        changed([
            ("name", changes.name.as_deref().map(s)),
            ("birthdate", changes.birthdate.as_deref().map(s)),
        ])
    }

    fn lookup(_: &Every) -> Lookup {
        every::<Self>()
    }

    fn books(id: &AuthorId) -> Option<Lookup> {
        Some(Book::lookup(&BookFilter::ByAuthor(id.clone())))
    }
}
