//! Rentals of a book by a user, stored under `Book#<bookId>` / `User#<userId>`.

use super::Record;
use crate::error::{Entity, Error};
use crate::item::{Item, id_in, status, text};
use crate::model::{BookId, Rental, Status, UserId};
use crate::storage::Key;

/// The sort key of a user's rentals.
pub fn by_user(user_id: &UserId) -> String {
    format!("User#{user_id}")
}

pub fn key(book_id: &BookId, user_id: &UserId) -> Key {
    Key::new(format!("Book#{book_id}"), by_user(user_id))
}

impl Record for Rental {
    const ENTITY: Entity = Entity::Rental;

    fn key(&self) -> Key {
        key(&self.book_id, &self.user_id)
    }

    fn attributes(&self) -> Vec<(&'static str, String)> {
        vec![
            ("status", self.status.as_str().to_owned()),
            ("comment", self.comment.clone()),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, Error> {
        Ok(Self {
            book_id: id_in(item, "resourceId", BookId::parse)?,
            user_id: id_in(item, "subResourceId", UserId::parse)?,
            status: status(item)?,
            comment: text(item, "comment")?,
        })
    }
}
