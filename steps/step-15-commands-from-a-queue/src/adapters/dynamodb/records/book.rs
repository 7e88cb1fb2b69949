//! `Book#<bookId>` / `Author#<authorId>`: `title`, `isbn`, `status`.

use std::convert::Infallible;

use super::{Lookup, Record, by_sort_key};
use crate::adapters::dynamodb::item::{Change, Item, id_in, s, status, text};
use crate::adapters::dynamodb::table::{self, Index};
use crate::core::model::{AuthorId, Book, BookFilter, BookKey, Status};
use crate::core::ports::{Entity as _, StorageError};

/// The sort key of an author's books.
fn by_author(author_id: &AuthorId) -> String {
    format!("Author#{author_id}")
}

impl Record for Book {
    fn key(id: &BookKey) -> Item {
        table::key(format!("Book#{}", id.book_id), by_author(&id.author_id))
    }

    fn id(&self) -> BookKey {
        BookKey {
            book_id: self.book_id.clone(),
            author_id: self.author_id.clone(),
        }
    }

    fn attributes(&self) -> Vec<Change> {
        vec![
            ("title", s(&self.title)),
            ("isbn", s(&self.isbn)),
            ("status", s(self.status.as_str())),
        ]
    }

    fn from_item(item: &Item) -> Result<Self, StorageError> {
        Ok(Self {
            book_id: id_in(item, "resourceId")?,
            author_id: id_in(item, "subResourceId")?,
            title: text(item, "title")?,
            isbn: text(item, "isbn")?,
            status: status(item)?,
        })
    }

    fn changes(never: &Infallible) -> Vec<Change> {
        match *never {}
    }

    fn lookup(filter: &BookFilter) -> Lookup {
        match filter {
            BookFilter::InStatus(status) => Lookup::equal(
                Index::EntityStatus,
                vec![
                    ("type", Self::NAME.to_owned()),
                    ("status", status.as_str().to_owned()),
                ],
            ),
            BookFilter::ByAuthor(author_id) => by_sort_key::<Self>(by_author(author_id)),
            // The book's partition holds the book (sort key `Author#...`) and its rentals.
            BookFilter::WithId(book_id) => Lookup {
                index: Index::Table,
                equal: vec![("resourceId", format!("Book#{book_id}"))],
                prefix: Some(("subResourceId", "Author#".to_owned())),
            },
        }
    }
}
