//! `Book#<bookId>` / `Author#<authorId>`: `type`, `title`, `isbn`, `status`, timestamps. A book
//! shares its partition with its rentals.

use crate::adapters::dynamodb::item::{self, Change, Item, reference, s};
use crate::core::Entity;
use crate::core::model::{AuthorId, Book, BookId, BookTransition, Status};
use crate::core::ports::StorageError;

pub fn key(id: &BookId, author: &AuthorId) -> Item {
    item::key(
        reference(Entity::Book, id),
        reference(Entity::Author, author),
    )
}

pub fn to_item(book: &Book) -> Item {
    item::new_item(
        Entity::Book,
        key(&book.id, &book.author_id),
        [
            ("title", s(&book.title)),
            ("isbn", s(&book.isbn)),
            (item::STATUS, s(book.status.as_str())),
        ],
    )
}

pub fn from_item(item: &Item) -> Result<Book, StorageError> {
    Ok(Book {
        id: item::id_in(item, item::RESOURCE_ID, BookId::parse)?,
        author_id: item::id_in(item, item::SUB_RESOURCE_ID, AuthorId::parse)?,
        title: item::text(item, "title")?,
        isbn: item::text(item, "isbn")?,
        status: item::status(item)?,
    })
}

pub fn transition_key(transition: &BookTransition) -> Item {
    key(&transition.book_id, &transition.author_id)
}

pub fn transition_changes(transition: &BookTransition) -> Vec<Change> {
    vec![(item::STATUS, s(transition.to.as_str()))]
}
