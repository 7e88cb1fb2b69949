//! Rentals of a book by a user, stored under `Book#<bookId>` / `User#<userId>`.

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, RepositoryError};
use crate::item::{Item, id_in, status, text};
use crate::status::{RentalStatus, Status};
use crate::storage::Key;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Rental {
    pub book_id: String,
    pub user_id: String,
    pub status: RentalStatus,
    pub comment: String,
}

/// The sort key of a user's rentals.
pub fn by_user(user_id: &str) -> String {
    format!("User#{user_id}")
}

pub fn key(user_id: &str, book_id: &str) -> Key {
    Key::new(format!("Book#{book_id}"), by_user(user_id))
}

impl Entity for Rental {
    const NAME: &'static str = "Rental";

    fn key(&self) -> Key {
        key(&self.user_id, &self.book_id)
    }

    fn attributes(&self) -> Vec<(&'static str, &str)> {
        vec![("status", self.status.as_str()), ("comment", &self.comment)]
    }

    fn from_item(item: &Item) -> Result<Self, RepositoryError> {
        Ok(Self {
            book_id: id_in(item, "resourceId")?,
            user_id: id_in(item, "subResourceId")?,
            status: status(item, "status")?,
            comment: text(item, "comment")?,
        })
    }
}
