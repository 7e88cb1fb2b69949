//! Books, stored under `Book#<bookId>` / `Author#<authorId>`, with a new KSUID on create.

use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, Records, RepositoryError, changed};
use crate::ids::IdGenerator;
use crate::item::{Item, id_in, status, text};
use crate::pagination::{Listed, Page};
use crate::status::{BookStatus, Status};
use crate::storage::{Key, Query};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Book {
    pub book_id: String,
    pub author_id: String,
    pub title: String,
    pub isbn: String,
    pub status: BookStatus,
}

/// Both fields are required. A new book is always `NOT_AVAILABLE`.
#[derive(Debug, ToSchema)]
pub struct NewBook {
    pub title: String,
    pub isbn: String,
}

/// Any of the fields; the others stay as they are.
#[derive(Debug, Default, ToSchema)]
pub struct BookChanges {
    pub title: Option<String>,
    pub isbn: Option<String>,
    pub status: Option<BookStatus>,
}

/// The sort key of an author's books.
fn by_author(author_id: &str) -> String {
    format!("Author#{author_id}")
}

fn key(author_id: &str, book_id: &str) -> Key {
    Key::new(format!("Book#{book_id}"), by_author(author_id))
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

pub struct BookRepository {
    records: Records<Book>,
    ids: Arc<dyn IdGenerator>,
}

impl BookRepository {
    pub fn new(records: Records<Book>, ids: Arc<dyn IdGenerator>) -> Self {
        Self { records, ids }
    }

    /// Stores a new book of `author_id` under a new id, `NOT_AVAILABLE`.
    pub async fn create(&self, author_id: String, new: NewBook) -> Result<Book, RepositoryError> {
        let book = Book {
            book_id: self.ids.next_id(),
            author_id,
            title: new.title,
            isbn: new.isbn,
            status: BookStatus::NotAvailable,
        };
        self.records.create(book).await
    }

    /// Every book, or those in `status`.
    pub async fn list(
        &self,
        status: Option<BookStatus>,
        page: Page,
    ) -> Result<Listed<Book>, RepositoryError> {
        let query = match status {
            Some(status) => Query::by_type_and_status(Book::NAME, status.as_str()),
            None => Query::by_type(Book::NAME),
        };
        self.records.list(query, page).await
    }

    pub async fn list_by_author(
        &self,
        author_id: &str,
        page: Page,
    ) -> Result<Listed<Book>, RepositoryError> {
        let query = Query::by_type_and_sort_key(Book::NAME, by_author(author_id));
        self.records.list(query, page).await
    }

    pub async fn get(&self, author_id: &str, book_id: &str) -> Result<Book, RepositoryError> {
        self.records.get(key(author_id, book_id)).await
    }

    pub async fn update(
        &self,
        author_id: &str,
        book_id: &str,
        changes: BookChanges,
    ) -> Result<Book, RepositoryError> {
        let fields = changed([
            ("title", changes.title),
            ("isbn", changes.isbn),
            ("status", changes.status.map(|s| s.as_str().to_owned())),
        ]);
        self.records.update(key(author_id, book_id), fields).await
    }

    pub async fn delete(&self, author_id: &str, book_id: &str) -> Result<(), RepositoryError> {
        self.records.delete(key(author_id, book_id)).await
    }
}
