//! Changes to books, as the library's tasks: add a new book, borrow it, report it missing. Each
//! one is a single transaction, so a book is never lent twice, and never goes missing without
//! its borrower being suspended.

use super::author::NewAuthor;
use super::{Command, Writer};
use crate::error::ApiError;
use crate::repository::author::{self, Author};
use crate::repository::book::{self, Book};
use crate::repository::rental::{self, Rental};
use crate::repository::user::{self, User};
use crate::repository::{Entity, RepositoryError};
use crate::status::{BookStatus, RentalStatus, Status, UserStatus};
use crate::storage::Condition;

/// Who wrote a new book.
#[derive(Debug)]
pub enum AuthorChoice {
    /// An author the library knows.
    Existing { id: String },
    /// A new author, added with the book.
    New(NewAuthor),
}

/// A new book on the shelf, `AVAILABLE`.
#[derive(Debug)]
pub struct AddNewBook {
    pub author: AuthorChoice,
    pub title: String,
    pub isbn: String,
}

/// Where the new book is filed.
#[derive(Debug)]
pub struct BookAdded {
    pub book_id: String,
    pub author_id: String,
}

impl Command for AddNewBook {
    type Outcome = BookAdded;

    async fn handle(self, writer: &Writer) -> Result<BookAdded, ApiError> {
        let known_author = matches!(self.author, AuthorChoice::Existing { .. });
        let at = writer.now();
        let (author_id, transaction) = match self.author {
            AuthorChoice::Existing { id } => {
                // A book is only filed under an author the library knows.
                writer.reader().get::<Author>(author::key(&id)).await?;
                let key = author::key(&id);
                let still_there = writer
                    .transaction(&at)
                    .check::<Author>(key, Condition::Exists);
                (id, still_there)
            }
            AuthorChoice::New(new) => {
                let author = Author {
                    id: writer.new_id(),
                    name: new.name,
                    birthdate: new.birthdate,
                };
                (author.id.clone(), writer.transaction(&at).create(&author))
            }
        };
        let book = Book {
            book_id: writer.new_id(),
            author_id,
            title: self.title,
            isbn: self.isbn,
            // The CRUD API created books NOT_AVAILABLE; adding a book puts it on the shelf.
            status: BookStatus::Available,
        };
        transaction
            .create(&book)
            .commit()
            .await
            .map_err(|error| match error {
                // The known author was deleted between the check above and the write.
                RepositoryError::ConditionFailed(entity)
                    if known_author && entity == Author::NAME =>
                {
                    ApiError::NotFound(entity)
                }
                // A fresh id that is already taken: refuse rather than overwrite.
                RepositoryError::ConditionFailed(entity) => ApiError::AlreadyExists(entity),
                other => other.into(),
            })?;
        Ok(BookAdded {
            book_id: book.book_id,
            author_id: book.author_id,
        })
    }
}

/// A user takes an available book home.
#[derive(Debug)]
pub struct BorrowBook {
    pub book_id: String,
    pub user_id: String,
}

#[derive(Debug)]
pub struct BookBorrowed {
    pub book_id: String,
    pub user_id: String,
}

impl Command for BorrowBook {
    type Outcome = BookBorrowed;

    async fn handle(self, writer: &Writer) -> Result<BookBorrowed, ApiError> {
        let BorrowBook { book_id, user_id } = self;
        let not_available = || ApiError::RuleViolated(format!("Book {book_id} is not available"));
        // The payload does not name the author, so the book is looked up by its id alone.
        let book = writer
            .reader()
            .first::<Book>(book::by_id(&book_id))
            .await?
            .ok_or(ApiError::NotFound(Book::NAME))?;
        // Only a book on the shelf can be lent.
        if book.status != BookStatus::Available {
            return Err(not_available());
        }
        let user = writer.reader().get::<User>(user::key(&user_id)).await?;
        // A suspended user may not borrow.
        if user.status == UserStatus::Suspended {
            return Err(ApiError::RuleViolated(format!(
                "User {user_id} is suspended"
            )));
        }

        let at = writer.now();
        let rental = Rental {
            book_id: book_id.clone(),
            user_id: user_id.clone(),
            status: RentalStatus::Borrowed,
            comment: format!("Borrowed by {user_id} at {at}"),
        };
        let lent = vec![("status", BookStatus::NotAvailable.as_str().to_owned())];
        // The checks above read state that may change before this write; the write's conditions
        // re-check it atomically, so of many concurrent borrows of one book exactly one wins.
        writer
            .transaction(&at)
            .update::<Book>(
                book::key(&book.author_id, &book_id),
                lent,
                Condition::StatusIs(BookStatus::Available.as_str()),
            )
            .create(&rental)
            .check::<User>(
                user::key(&user_id),
                Condition::StatusIsNot(UserStatus::Suspended.as_str()),
            )
            .commit()
            .await
            .map_err(|error| match error {
                RepositoryError::ConditionFailed(entity)
                    if entity == Book::NAME || entity == Rental::NAME =>
                {
                    not_available()
                }
                other => other.into(),
            })?;
        Ok(BookBorrowed { book_id, user_id })
    }
}

/// A book its borrower cannot bring back. The book becomes MISSING, the borrower SUSPENDED with
/// the reason, and the rental is closed.
#[derive(Debug)]
pub struct ReportMissingBook {
    pub book_id: String,
    /// Completes the book's key.
    pub author_id: String,
    pub user_id: String,
}

#[derive(Debug)]
pub struct MissingBookReported {
    pub book_id: String,
    pub user_id: String,
}

impl Command for ReportMissingBook {
    type Outcome = MissingBookReported;

    async fn handle(self, writer: &Writer) -> Result<MissingBookReported, ApiError> {
        let ReportMissingBook {
            book_id,
            author_id,
            user_id,
        } = self;
        let reader = writer.reader();
        let book = reader.get::<Book>(book::key(&author_id, &book_id)).await?;
        reader.get::<User>(user::key(&user_id)).await?;
        let not_borrowed =
            || ApiError::RuleViolated(format!("Book {book_id} is not borrowed by user {user_id}"));
        // Only the user who holds the book can lose it (the original accepted anyone's report).
        let rental = reader
            .find::<Rental>(rental::key(&user_id, &book_id))
            .await?
            .ok_or_else(not_borrowed)?;
        if rental.status != RentalStatus::Borrowed || book.status != BookStatus::NotAvailable {
            return Err(not_borrowed());
        }

        let at = writer.now();
        let missing = vec![("status", BookStatus::Missing.as_str().to_owned())];
        let suspended = vec![
            ("status", UserStatus::Suspended.as_str().to_owned()),
            (
                "comment",
                format!("Suspended due to missing book {book_id} at {at}"),
            ),
        ];
        writer
            .transaction(&at)
            .update::<Book>(
                book::key(&author_id, &book_id),
                missing,
                Condition::StatusIs(BookStatus::NotAvailable.as_str()),
            )
            .update::<User>(user::key(&user_id), suspended, Condition::Exists)
            .delete::<Rental>(
                rental::key(&user_id, &book_id),
                Condition::StatusIs(rental.status.as_str()),
            )
            .commit()
            .await
            .map_err(|error| match error {
                // Another report of the same loss got there first.
                RepositoryError::ConditionFailed(entity)
                    if entity == Book::NAME || entity == Rental::NAME =>
                {
                    not_borrowed()
                }
                // The user was deleted meanwhile: a conflict, and nothing was written.
                other => other.into(),
            })?;
        Ok(MissingBookReported { book_id, user_id })
    }
}
