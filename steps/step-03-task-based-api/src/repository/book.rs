//! Books, stored under `Book#<bookId>` / `Author#<authorId>`.

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, RepositoryError};
use crate::item::{Item, id_in, status, text};
use crate::status::{BookStatus, Status};
use crate::storage::{IndexQuery, Key};

/// A book, as every query answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Book {
    pub book_id: String,
    pub author_id: String,
    pub title: String,
    pub isbn: String,
    pub status: BookStatus,
}

/// The sort key of an author's books.
pub fn by_author(author_id: &str) -> String {
    format!("Author#{author_id}")
}

pub fn key(author_id: &str, book_id: &str) -> Key {
    Key::new(format!("Book#{book_id}"), by_author(author_id))
}

/// The book with this id, whoever its author: the book's partition holds the book (sort key
/// `Author#...`) and its rentals (`User#...`).
pub fn by_id(book_id: &str) -> IndexQuery {
    IndexQuery::partition_with_prefix(format!("Book#{book_id}"), "Author#".to_owned())
}

impl Entity for Book {
    const NAME: &'static str = "Book";

    fn key(&self) -> Key {
        key(&self.author_id, &self.book_id)
    }

    fn attributes(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("title", &self.title),
            ("isbn", &self.isbn),
            ("status", self.status.as_str()),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, RepositoryError> {
        Ok(Self {
            book_id: id_in(item, "resourceId")?,
            author_id: id_in(item, "subResourceId")?,
            title: text(item, "title")?,
            isbn: text(item, "isbn")?,
            status: status(item, "status")?,
        })
    }
}
