//! `ReportMissingBook`: a book its borrower cannot bring back. The book becomes MISSING, the
//! borrower SUSPENDED with the reason, and the rental is closed.

use plumbing::clock::Timestamp;
use plumbing::idempotency::IdempotencyKey;
use plumbing::ksuid::{INVALID_AUTHOR_ID, INVALID_BOOK_ID, INVALID_USER_ID};
use serde::{Deserialize, Serialize};

use super::{Command, done_before, receipt};
use crate::core::model::{
    AuthorId, Book, BookId, BookKey, Error, Rental, RentalKey, Rule, User, UserId,
};
use crate::core::ports::{BookManagement, Entity, MissingReport, Reads, Receipts, StorageError};

/// The payload as sent: `{userId, authorId}`; the book comes from the path.
#[derive(Debug, Default)]
pub struct ReportMissingBookPayload {
    pub user_id: Option<String>,
    pub author_id: Option<String>,
}

/// `ReportMissingBook`, validated.
#[derive(Debug)]
pub struct ReportMissingBook {
    pub book_id: BookId,
    /// Completes the book's key.
    pub author_id: AuthorId,
    pub user_id: UserId,
    pub idempotency_key: Option<IdempotencyKey>,
}

impl ReportMissingBook {
    pub fn parse(book_id: &str, payload: ReportMissingBookPayload) -> Result<Self, Error> {
        Ok(Self {
            book_id: BookId::checked(book_id, INVALID_BOOK_ID)?,
            user_id: UserId::required("userId", payload.user_id, INVALID_USER_ID)?,
            author_id: AuthorId::required("authorId", payload.author_id, INVALID_AUTHOR_ID)?,
            idempotency_key: None,
        })
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct MissingBookReported {
    pub book_id: BookId,
    pub user_id: UserId,
}

impl<S: Reads<Book> + Reads<User> + Reads<Rental> + Receipts + BookManagement> Command<S>
    for ReportMissingBook
{
    type Outcome = MissingBookReported;

    async fn handle(self, storage: &S, at: Timestamp) -> Result<MissingBookReported, Error> {
        let ReportMissingBook {
            book_id,
            author_id,
            user_id,
            idempotency_key,
        } = self;
        let request = format!("ReportMissingBook {book_id} {author_id} {user_id}");
        let done = done_before(storage, idempotency_key.as_ref(), &request, at).await?;
        if let Some(outcome) = done {
            return Ok(outcome);
        }
        let key = BookKey {
            book_id: book_id.clone(),
            author_id,
        };
        let book = Reads::<Book>::get(storage, &key).await?;
        let user = Reads::<User>::get(storage, &user_id).await?;
        let not_borrowed = || Rule::BookNotBorrowedByUser {
            book: book_id.clone(),
            user: user_id.clone(),
        };
        let rental = RentalKey {
            user_id: user_id.clone(),
            book_id: book_id.clone(),
        };
        match Reads::<Rental>::get(storage, &rental).await {
            Ok(rental) => rental.ensure_borrowed()?,
            Err(StorageError::NotFound(_)) => return Err(not_borrowed().into()),
            Err(other) => return Err(other.into()),
        }
        let missing = book.report_missing(&user_id)?;

        let outcome = MissingBookReported {
            book_id: book_id.clone(),
            user_id: user_id.clone(),
        };
        let report = MissingReport {
            book: missing,
            suspension: user.suspend(&book_id, at),
            rental,
            receipt: receipt(idempotency_key, request, &outcome, at)?,
        };
        storage
            .record_missing_book(&report, at)
            .await
            .map_err(|error| match error {
                // Another report of the same loss got there first.
                StorageError::ConditionFailed(entity)
                    if entity == Book::NAME || entity == Rental::NAME =>
                {
                    not_borrowed().into()
                }
                // The user was deleted meanwhile: a conflict, and nothing was written.
                other => Error::from(other),
            })?;
        Ok(outcome)
    }
}
