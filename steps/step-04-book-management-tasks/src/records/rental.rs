//! `Book#<bookId>` / `User#<userId>`: `status`, `comment`. A rental shares its book's partition.

use super::{Lookup, Record, by_sort_key, changed, every};
use crate::item::{Change, Item, id_in, s, status, text};
use crate::rental::{Rental, RentalChanges, RentalFilter, RentalKey};
use crate::repository::StorageError;
use crate::status::Status;
use crate::table;

/// The sort key of a user's rentals.
fn by_user(user_id: &str) -> String {
    format!("User#{user_id}")
}

impl Record for Rental {
    fn key(id: &RentalKey) -> Item {
        table::key(format!("Book#{}", id.book_id), by_user(&id.user_id))
    }

    fn id(&self) -> RentalKey {
        RentalKey {
            user_id: self.user_id.clone(),
            book_id: self.book_id.clone(),
        }
    }

    fn attributes(&self) -> Vec<Change> {
        vec![
            ("status", s(self.status.as_str())),
            ("comment", s(&self.comment)),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, StorageError> {
        Ok(Self {
            book_id: id_in(item, "resourceId")?,
            user_id: id_in(item, "subResourceId")?,
            status: status(item)?,
            comment: text(item, "comment")?,
        })
    }

    fn changes(changes: &RentalChanges) -> Vec<Change> {
        changed([
            ("status", changes.status.map(|status| s(status.as_str()))),
            ("comment", changes.comment.as_deref().map(s)),
        ])
    }

    fn lookup(filter: &RentalFilter) -> Lookup {
        match filter {
            RentalFilter::Every => every::<Self>(),
            RentalFilter::ByUser(user_id) => by_sort_key::<Self>(by_user(user_id)),
        }
    }
}
