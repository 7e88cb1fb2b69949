//! `User#<id>` / `User#<id>`: `name`, `email`, `status`, `comment`.

use super::{Lookup, Record, changed, every};
use crate::adapters::dynamodb::item::{Change, Item, id_in, s, status, text};
use crate::adapters::dynamodb::table;
use crate::core::model::{Rental, RentalFilter, Status, User, UserChanges, UserId};
use crate::core::ports::{Every, StorageError};

impl Record for User {
    fn key(id: &UserId) -> Item {
        table::key(format!("User#{id}"), format!("User#{id}"))
    }

    fn id(&self) -> UserId {
        self.id.clone()
    }

    fn attributes(&self) -> Vec<Change> {
        vec![
            ("name", s(&self.name)),
            ("email", s(&self.email)),
            ("status", s(self.status.as_str())),
            ("comment", s(&self.comment)),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, StorageError> {
        Ok(Self {
            id: id_in(item, "resourceId")?,
            name: text(item, "name")?,
            email: text(item, "email")?,
            status: status(item)?,
            comment: text(item, "comment")?,
        })
    }

    fn changes(changes: &UserChanges) -> Vec<Change> {
        changed([
            ("name", changes.name.as_deref().map(s)),
            ("email", changes.email.as_deref().map(s)),
            ("status", changes.status.map(|status| s(status.as_str()))),
            ("comment", changes.comment.as_deref().map(s)),
        ])
    }

    fn lookup(_: &Every) -> Lookup {
        every::<Self>()
    }

    fn books(id: &UserId) -> Option<Lookup> {
        Some(Rental::lookup(&RentalFilter::ByUser(id.clone())))
    }
}
