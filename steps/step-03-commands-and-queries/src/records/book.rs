//! `Book#<bookId>` / `Author#<authorId>`: `title`, `isbn`, `status`.

use super::{Lookup, Record, changed, every};
use crate::book::{Book, BookChanges, BookFilter, BookKey};
use crate::item::{Change, Item, id_in, s, status, text};
use crate::repository::{Entity as _, StorageError};
use crate::status::Status;
use crate::table::{self, Index};

/// The sort key of an author's books.
fn by_author(author_id: &str) -> String {
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

    fn changes(changes: &BookChanges) -> Vec<Change> {
        changed([
            ("title", changes.title.as_deref().map(s)),
            ("isbn", changes.isbn.as_deref().map(s)),
            ("status", changes.status.map(|status| s(status.as_str()))),
        ])
    }

    fn lookup(filter: &BookFilter) -> Lookup {
        match filter {
            BookFilter::Every => every::<Self>(),
            BookFilter::InStatus(status) => (
                Index::EntityStatus,
                vec![
                    ("type", Self::NAME.to_owned()),
                    ("status", status.as_str().to_owned()),
                ],
            ),
            BookFilter::ByAuthor(author_id) => (
                Index::EntityType,
                vec![
                    ("type", Self::NAME.to_owned()),
                    ("subResourceId", by_author(author_id)),
                ],
            ),
        }
    }
}
