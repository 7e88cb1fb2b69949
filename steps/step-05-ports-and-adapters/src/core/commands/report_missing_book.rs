//! `ReportMissingBook`: a book its borrower cannot bring back. The book is marked MISSING, the
//! borrower SUSPENDED with the reason, and the rental closed, all at once.

use crate::core::model::{AuthorId, BookId, UserId, field};
use crate::core::ports::{LibraryReads, LibraryWrites, MissingReport, StorageError};
use crate::core::{App, Entity, Error, Rule};

/// The payload as sent: `{userId, authorId}` (the author completes the book's key); the book
/// comes from the path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportMissingBookPayload {
    pub user_id: Option<String>,
    pub author_id: Option<String>,
}

/// `ReportMissingBook`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMissingBook {
    pub book_id: BookId,
    pub author_id: AuthorId,
    pub user_id: UserId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingBookReported {
    pub book_id: BookId,
    pub user_id: UserId,
}

impl ReportMissingBook {
    pub fn parse(book_id: &str, payload: ReportMissingBookPayload) -> Result<Self, Error> {
        Ok(Self {
            book_id: BookId::parse(book_id)?,
            user_id: field::required_id("userId", payload.user_id, UserId::parse)?,
            author_id: field::required_id("authorId", payload.author_id, AuthorId::parse)?,
        })
    }
}

impl<S: LibraryReads + LibraryWrites> App<S> {
    pub async fn report_missing_book(
        &self,
        command: ReportMissingBook,
    ) -> Result<MissingBookReported, Error> {
        let ReportMissingBook {
            book_id,
            author_id,
            user_id,
        } = command;
        let book = self
            .storage()
            .book(&book_id, &author_id)
            .await?
            .ok_or(Error::NotFound(Entity::Book))?;
        let user = self
            .storage()
            .user(&user_id)
            .await?
            .ok_or(Error::NotFound(Entity::User))?;
        let not_borrowed = || Rule::BookNotBorrowedByUser {
            book: book_id.clone(),
            user: user_id.clone(),
        };
        // Only the user who holds the book can lose it (the original accepted anyone's report).
        let rental = self
            .storage()
            .rental(&book_id, &user_id)
            .await?
            .ok_or_else(not_borrowed)?;
        rental.ensure_borrowed()?;
        let missing = book.report_missing(&user_id)?;

        let at = self.now();
        let report = MissingReport {
            book: missing,
            suspension: user.suspend(&book_id, at),
            rental,
        };
        self.storage()
            .record_missing_book(&report, at)
            .await
            .map_err(|error| match error {
                // Another report of the same loss got there first.
                StorageError::ConditionFailed(Entity::Book | Entity::Rental) => {
                    not_borrowed().into()
                }
                // The user was deleted meanwhile: a conflict, and nothing was written.
                other => Error::from(other),
            })?;
        Ok(MissingBookReported { book_id, user_id })
    }
}
