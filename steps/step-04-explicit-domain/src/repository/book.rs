//! Books, stored under `Book#<bookId>` / `Author#<authorId>`. A book shares its partition with
//! its rentals.

use super::Record;
use crate::error::{Entity, Error};
use crate::item::{Item, id_in, status, text};
use crate::model::{AuthorId, Book, BookId, BookTransition, Status};
use crate::storage::{IndexQuery, Key};

/// The sort key of an author's books.
pub fn by_author(author_id: &AuthorId) -> String {
    format!("Author#{author_id}")
}

pub fn key(id: &BookId, author_id: &AuthorId) -> Key {
    Key::new(format!("Book#{id}"), by_author(author_id))
}

/// The book with this id, whoever its author: the book's partition holds the book (sort key
/// `Author#...`) and its rentals (`User#...`).
pub fn by_id(id: &BookId) -> IndexQuery {
    IndexQuery::partition_with_prefix(format!("Book#{id}"), "Author#".to_owned())
}

impl Record for Book {
    const ENTITY: Entity = Entity::Book;

    fn key(&self) -> Key {
        key(&self.id, &self.author_id)
    }

    fn attributes(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("isbn", self.isbn.clone()),
            ("status", self.status.as_str().to_owned()),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, Error> {
        Ok(Self {
            id: id_in(item, "resourceId", BookId::parse)?,
            author_id: id_in(item, "subResourceId", AuthorId::parse)?,
            title: text(item, "title")?,
            isbn: text(item, "isbn")?,
            status: status(item)?,
        })
    }
}

pub fn transition_key(transition: &BookTransition) -> Key {
    key(&transition.book_id, &transition.author_id)
}

pub fn transition_changes(transition: &BookTransition) -> Vec<(&'static str, String)> {
    vec![("status", transition.to.as_str().to_owned())]
}
