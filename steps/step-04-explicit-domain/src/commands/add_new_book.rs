//! `AddNewBook`: a librarian puts a new book on the shelf, by an author the library already knows
//! or by a new one, added with it.

use super::{Command, Writer};
use crate::error::{Entity, Error};
use crate::model::{Author, AuthorDetails, AuthorId, Book, BookId, field};
use crate::repository::author;
use crate::storage::Condition;

/// The payload as sent: `{author: {id} | {name, birthdate}, title, isbn}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddNewBookPayload {
    pub author: Option<AuthorPayload>,
    pub title: Option<String>,
    pub isbn: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorPayload {
    pub id: Option<String>,
    pub name: Option<String>,
    pub birthdate: Option<String>,
}

/// `AddNewBook`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddNewBook {
    pub author: AuthorChoice,
    pub title: String,
    pub isbn: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorChoice {
    Existing(AuthorId),
    New(AuthorDetails),
}

/// What the librarian gets back: where the new book is filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookAdded {
    pub book_id: BookId,
    pub author_id: AuthorId,
}

impl AddNewBook {
    pub fn parse(payload: AddNewBookPayload) -> Result<Self, Error> {
        let author = match payload.author {
            None => return Err(Error::invalid("Field `author` is required")),
            Some(AuthorPayload {
                id: Some(id),
                name: None,
                birthdate: None,
            }) => AuthorChoice::Existing(AuthorId::parse(&id)?),
            Some(AuthorPayload { id: Some(_), .. }) => {
                return Err(Error::invalid(
                    "Field `author` takes either `id` or `name` and `birthdate`, not both",
                ));
            }
            Some(AuthorPayload {
                id: None,
                name,
                birthdate,
            }) => AuthorChoice::New(AuthorDetails::parse("author.", name, birthdate)?),
        };
        Ok(Self {
            author,
            title: field::required("title", payload.title)?,
            isbn: field::required("isbn", payload.isbn)?,
        })
    }
}

impl Command for AddNewBook {
    type Outcome = BookAdded;

    async fn handle(self, writer: &Writer) -> Result<BookAdded, Error> {
        let known_author = matches!(self.author, AuthorChoice::Existing(_));
        let at = writer.now();
        let (author_id, transaction) = match self.author {
            AuthorChoice::Existing(id) => {
                // A book is only filed under an author the library knows.
                writer.reader().get::<Author>(author::key(&id)).await?;
                // Not written; it must still exist when the book is.
                let still_there = writer
                    .transaction(at)
                    .check::<Author>(author::key(&id), Condition::Exists);
                (id, still_there)
            }
            AuthorChoice::New(details) => {
                let author = details.into_author(writer.new_id().into());
                (author.id.clone(), writer.transaction(at).create(&author))
            }
        };
        let book = Book::new(writer.new_id().into(), author_id, self.title, self.isbn);
        let added = BookAdded {
            book_id: book.id.clone(),
            author_id: book.author_id.clone(),
        };
        transaction
            .create(&book)
            .commit()
            .await
            .map_err(|error| match error {
                // The known author was deleted between the check above and the write.
                Error::Conflict(Entity::Author) if known_author => Error::NotFound(Entity::Author),
                // A fresh id that is already taken: refuse rather than overwrite.
                Error::Conflict(entity) => Error::AlreadyExists(entity),
                other => other,
            })?;
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(author: AuthorPayload) -> AddNewBookPayload {
        AddNewBookPayload {
            author: Some(author),
            title: Some("T".into()),
            isbn: Some("I".into()),
        }
    }

    fn message(payload: AddNewBookPayload) -> String {
        AddNewBook::parse(payload)
            .map(|_| ())
            .map_err(|e| e.to_string())
            .err()
            .unwrap_or_default()
    }

    #[test]
    fn an_author_is_either_known_or_new() {
        let existing = payload(AuthorPayload {
            id: Some("2Yd89pQbgTAtJeRmhmmMnFIAs4u".into()),
            ..AuthorPayload::default()
        });
        assert!(matches!(
            AddNewBook::parse(existing).map(|c| c.author),
            Ok(AuthorChoice::Existing(_))
        ));
        let new = payload(AuthorPayload {
            name: Some("Ann".into()),
            birthdate: Some("1966-03-02".into()),
            ..AuthorPayload::default()
        });
        assert!(matches!(
            AddNewBook::parse(new).map(|c| c.author),
            Ok(AuthorChoice::New(_))
        ));
        let both = payload(AuthorPayload {
            id: Some("2Yd89pQbgTAtJeRmhmmMnFIAs4u".into()),
            name: Some("Ann".into()),
            birthdate: None,
        });
        assert_eq!(
            message(both),
            "Validation Error: 'Field `author` takes either `id` or `name` and `birthdate`, not both'"
        );
    }

    #[test]
    fn checks_author_then_title_then_isbn() {
        assert_eq!(
            message(AddNewBookPayload::default()),
            "Validation Error: 'Field `author` is required'"
        );
        let bad_id = payload(AuthorPayload {
            id: Some("x".into()),
            ..AuthorPayload::default()
        });
        assert_eq!(
            message(AddNewBookPayload {
                title: None,
                ..bad_id
            }),
            "Validation Error: 'The provided author ID must be a valid KSUID'"
        );
        let new = payload(AuthorPayload {
            name: Some("Ann".into()),
            birthdate: Some("1966-03-02".into()),
            ..AuthorPayload::default()
        });
        assert_eq!(
            message(AddNewBookPayload {
                title: Some(String::new()),
                isbn: None,
                ..new
            }),
            "Validation Error: 'Field `title` is required and should be a non-empty string'"
        );
    }
}
