//! `Book#<bookId>` / `User#<userId>`: `status`, `comment`. A rental shares its book's partition.

use std::convert::Infallible;

use super::{Lookup, Record, by_sort_key};
use crate::adapters::dynamodb::item::{Change, Item, id_in, s, status, text};
use crate::adapters::dynamodb::table;
use crate::core::model::{Rental, RentalFilter, RentalKey, Status, UserId};
use crate::core::ports::StorageError;

/// The sort key of a user's rentals.
fn by_user(user_id: &UserId) -> String {
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

    fn changes(never: &Infallible) -> Vec<Change> {
        match *never {}
    }

    fn lookup(filter: &RentalFilter) -> Lookup {
        match filter {
            RentalFilter::ByUser(user_id) => by_sort_key::<Self>(by_user(user_id)),
        }
    }
}
