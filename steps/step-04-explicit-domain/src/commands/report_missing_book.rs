//! `ReportMissingBook`: a book its borrower cannot bring back. The book is marked MISSING, the
//! borrower SUSPENDED with the reason, and the rental closed, all at once.

use super::{Command, Writer};
use crate::error::{Entity, Error, Rule};
use crate::model::{AuthorId, Book, BookId, Rental, Status, User, UserId, field};
use crate::repository::{book, rental, user};
use crate::storage::Condition;

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

impl Command for ReportMissingBook {
    type Outcome = MissingBookReported;

    async fn handle(self, writer: &Writer) -> Result<MissingBookReported, Error> {
        let ReportMissingBook {
            book_id,
            author_id,
            user_id,
        } = self;
        let reader = writer.reader();
        let book = reader.get::<Book>(book::key(&book_id, &author_id)).await?;
        let user = reader.get::<User>(user::key(&user_id)).await?;
        let not_borrowed = || Rule::BookNotBorrowedByUser {
            book: book_id.clone(),
            user: user_id.clone(),
        };
        // Only the user who holds the book can lose it (the original accepted anyone's report).
        let rental = reader
            .find::<Rental>(rental::key(&book_id, &user_id))
            .await?
            .ok_or_else(not_borrowed)?;
        rental.ensure_borrowed()?;
        let missing = book.report_missing(&user_id)?;

        let at = writer.now();
        let suspension = user.suspend(&book_id, at);
        writer
            .transaction(at)
            .update::<Book>(
                book::transition_key(&missing),
                book::transition_changes(&missing),
                Condition::StatusIs(missing.from.as_str()),
            )
            .update::<User>(
                user::key(&suspension.user_id),
                user::suspension_changes(&suspension),
                Condition::Exists,
            )
            .delete::<Rental>(
                rental::key(&book_id, &user_id),
                Condition::StatusIs(rental.status.as_str()),
            )
            .commit()
            .await
            .map_err(|error| match error {
                // Another report of the same loss got there first.
                Error::Conflict(Entity::Book | Entity::Rental) => not_borrowed().into(),
                // The user was deleted meanwhile: a conflict, and nothing was written.
                other => other,
            })?;
        Ok(MissingBookReported { book_id, user_id })
    }
}
