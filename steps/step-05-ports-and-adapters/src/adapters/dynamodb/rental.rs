//! `Book#<bookId>` / `User#<userId>`: `type`, `status`, `comment`, timestamps.

use crate::adapters::dynamodb::item::{self, Item, reference, s};
use crate::core::Entity;
use crate::core::model::{BookId, Rental, Status, UserId};
use crate::core::ports::StorageError;

pub fn key(book: &BookId, user: &UserId) -> Item {
    item::key(reference(Entity::Book, book), reference(Entity::User, user))
}

pub fn to_item(rental: &Rental) -> Item {
    item::new_item(
        Entity::Rental,
        key(&rental.book_id, &rental.user_id),
        [
            (item::STATUS, s(rental.status.as_str())),
            ("comment", s(&rental.comment)),
        ],
    )
}

pub fn from_item(item: &Item) -> Result<Rental, StorageError> {
    Ok(Rental {
        book_id: item::id_in(item, item::RESOURCE_ID, BookId::parse)?,
        user_id: item::id_in(item, item::SUB_RESOURCE_ID, UserId::parse)?,
        status: item::status(item)?,
        comment: item::text(item, "comment")?,
    })
}
