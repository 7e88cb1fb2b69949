//! Changes to books: create, update and delete.

use utoipa::ToSchema;

use super::{Command, Writer, changed};
use crate::repository::RepositoryError;
use crate::repository::book::{Book, key};
use crate::status::{BookStatus, Status};

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

/// A new book of an author, under a new id, `NOT_AVAILABLE`.
#[derive(Debug)]
pub struct CreateBook {
    pub author_id: String,
    pub book: NewBook,
}

impl Command for CreateBook {
    /// The new book, which `POST /book/{authorId}` answers.
    type Outcome = Book;

    async fn handle(self, writer: &Writer) -> Result<Book, RepositoryError> {
        let book = Book {
            book_id: writer.new_id(),
            author_id: self.author_id,
            title: self.book.title,
            isbn: self.book.isbn,
            status: BookStatus::NotAvailable,
        };
        writer.create(book).await
    }
}

#[derive(Debug)]
pub struct UpdateBook {
    pub author_id: String,
    pub book_id: String,
    pub changes: BookChanges,
}

impl Command for UpdateBook {
    /// The book after the change, which `PUT /book/{authorId}/{bookId}` answers.
    type Outcome = Book;

    async fn handle(self, writer: &Writer) -> Result<Book, RepositoryError> {
        let fields = changed([
            ("title", self.changes.title),
            ("isbn", self.changes.isbn),
            ("status", self.changes.status.map(|s| s.as_str().to_owned())),
        ]);
        writer
            .update(key(&self.author_id, &self.book_id), fields)
            .await
    }
}

#[derive(Debug)]
pub struct DeleteBook {
    pub author_id: String,
    pub book_id: String,
}

impl Command for DeleteBook {
    type Outcome = ();

    async fn handle(self, writer: &Writer) -> Result<(), RepositoryError> {
        writer
            .delete::<Book>(key(&self.author_id, &self.book_id))
            .await
    }
}
