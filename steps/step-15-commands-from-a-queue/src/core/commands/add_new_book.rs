//! `AddNewBook`: a new book on the shelf, AVAILABLE, by an author the library knows or by a new
//! one, added with it.

use plumbing::clock::Timestamp;
use plumbing::field::required;
use plumbing::idempotency::IdempotencyKey;
use plumbing::ksuid::{INVALID_AUTHOR_ID, IdGenerator};
use serde::{Deserialize, Serialize};

use super::{Command, done_before, receipt};
use crate::core::model::{Author, AuthorId, Book, BookId, Error};
use crate::core::ports::{
    BookAuthor, BookManagement, Entity, NewBook, Reads, Receipts, StorageError,
};

/// Who wrote the new book.
#[derive(Debug)]
pub enum AuthorChoice {
    /// An author the library knows.
    Existing(AuthorId),
    /// A new author, added with the book.
    New(Author),
}

/// The payload as sent: `{author: {id} | {name, birthdate}, title, isbn}`.
#[derive(Debug, Default)]
pub struct AddNewBookPayload {
    pub author: Option<AuthorPayload>,
    pub title: Option<String>,
    pub isbn: Option<String>,
}

#[derive(Debug, Default)]
pub struct AuthorPayload {
    pub id: Option<String>,
    pub name: Option<String>,
    pub birthdate: Option<String>,
}

/// `AddNewBook`, validated: every field there and well-formed, the new ids drawn.
#[derive(Debug)]
pub struct AddNewBook {
    pub author: AuthorChoice,
    pub book_id: BookId,
    pub title: String,
    pub isbn: String,
    pub idempotency_key: Option<IdempotencyKey>,
}

impl AddNewBook {
    /// What was asked, without the ids made for it: a retry gets new ones.
    fn request(&self) -> String {
        let author = match &self.author {
            AuthorChoice::Existing(id) => format!("{id:?}"),
            AuthorChoice::New(author) => format!("{:?} {:?}", author.name, author.birthdate),
        };
        format!("AddNewBook {author} {:?} {:?}", self.title, self.isbn)
    }
}

impl AddNewBook {
    pub fn parse(payload: AddNewBookPayload, ids: &dyn IdGenerator) -> Result<Self, Error> {
        let author = match payload.author {
            None => return Err(Error::invalid("Field `author` is required")),
            Some(AuthorPayload {
                id: Some(id),
                name: None,
                birthdate: None,
            }) => AuthorChoice::Existing(AuthorId::checked(&id, INVALID_AUTHOR_ID)?),
            Some(AuthorPayload { id: Some(_), .. }) => {
                return Err(Error::invalid(
                    "Field `author` takes either `id` or `name` and `birthdate`, not both",
                ));
            }
            Some(AuthorPayload {
                id: None,
                name,
                birthdate,
            }) => AuthorChoice::New(Author::parse("author.", name, birthdate, ids)?),
        };
        Ok(Self {
            author,
            title: required("title", payload.title)?,
            isbn: required("isbn", payload.isbn)?,
            book_id: ids.next_id().into(),
            idempotency_key: None,
        })
    }
}

/// Where the new book is filed.
#[derive(Debug, Serialize, Deserialize)]
pub struct BookAdded {
    pub book_id: BookId,
    pub author_id: AuthorId,
}

impl<S: Reads<Author> + Receipts + BookManagement> Command<S> for AddNewBook {
    type Outcome = BookAdded;

    async fn handle(self, storage: &S, at: Timestamp) -> Result<BookAdded, Error> {
        let request = self.request();
        let key = self.idempotency_key;
        if let Some(outcome) = done_before(storage, key.as_ref(), &request, at).await? {
            return Ok(outcome);
        }
        let (author_id, author) = match self.author {
            AuthorChoice::Existing(id) => {
                // A book is only filed under an author the library knows.
                storage.get(&id).await?;
                (id.clone(), BookAuthor::Existing(id))
            }
            AuthorChoice::New(author) => (author.id.clone(), BookAuthor::New(author)),
        };
        // The CRUD API created books NOT_AVAILABLE; adding a book puts it on the shelf.
        let book = Book::new(self.book_id, author_id, self.title, self.isbn);
        let known_author = matches!(author, BookAuthor::Existing(_));
        let outcome = BookAdded {
            book_id: book.book_id.clone(),
            author_id: book.author_id.clone(),
        };
        let receipt = receipt(key, request, &outcome, at)?;
        let new = NewBook {
            author,
            book,
            receipt,
        };
        storage
            .add_book(&new, at)
            .await
            .map_err(|error| match error {
                // The known author was deleted between the check above and the write.
                StorageError::ConditionFailed(entity) if known_author && entity == Author::NAME => {
                    Error::NotFound(entity)
                }
                // A fresh id that is already taken: refuse rather than overwrite.
                StorageError::ConditionFailed(entity) => Error::AlreadyExists(entity),
                other => other.into(),
            })?;
        Ok(outcome)
    }
}
