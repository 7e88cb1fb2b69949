//! `BorrowBook`: a user takes an available book home.

use plumbing::clock::Timestamp;
use plumbing::idempotency::IdempotencyKey;
use serde::{Deserialize, Serialize};

use super::{Command, done_before, receipt};
use crate::book::{Book, BookFilter, BookKey};
use crate::error::ApiError;
use crate::rental::Rental;
use crate::repository::{BookManagement, Borrowing, Entity, Reads, Receipts, StorageError};
use crate::status::{BookStatus, RentalStatus, UserStatus};
use crate::user::{User, UserId};

#[derive(Debug)]
pub struct BorrowBook {
    pub book_id: String,
    pub user_id: String,
    pub idempotency_key: Option<IdempotencyKey>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct BookBorrowed {
    pub book_id: String,
    pub user_id: String,
}

impl<S: Reads<Book> + Reads<User> + Receipts + BookManagement> Command<S> for BorrowBook {
    type Outcome = BookBorrowed;

    async fn handle(self, storage: &S, at: Timestamp) -> Result<BookBorrowed, ApiError> {
        let BorrowBook {
            book_id,
            user_id,
            idempotency_key: key,
        } = self;
        let request = format!("BorrowBook {book_id} {user_id}");
        if let Some(outcome) = done_before(storage, key.as_ref(), &request, at).await? {
            return Ok(outcome);
        }
        let not_available = || ApiError::RuleViolated(format!("Book {book_id} is not available"));
        // The payload does not name the author, so the book is looked up by its id alone.
        let with_id = BookFilter::WithId(book_id.clone());
        let book = Reads::<Book>::all(storage, &with_id)
            .await?
            .into_iter()
            .next()
            .ok_or(ApiError::NotFound(Book::NAME))?;
        // Only a book on the shelf can be lent.
        if book.status != BookStatus::Available {
            return Err(not_available());
        }
        let user = Reads::<User>::get(
            storage,
            &UserId {
                id: user_id.clone(),
            },
        )
        .await?;
        // A suspended user may not borrow.
        if user.status == UserStatus::Suspended {
            return Err(ApiError::RuleViolated(format!(
                "User {user_id} is suspended"
            )));
        }

        let outcome = BookBorrowed {
            book_id: book_id.clone(),
            user_id: user_id.clone(),
        };
        let borrowing = Borrowing {
            book: BookKey {
                book_id: book_id.clone(),
                author_id: book.author_id,
            },
            rental: Rental {
                book_id: book_id.clone(),
                user_id: user_id.clone(),
                status: RentalStatus::Borrowed,
                comment: format!("Borrowed by {user_id} at {at}"),
            },
            receipt: receipt(key, request, &outcome, at)?,
        };
        // The checks above read state that may change before this write; its conditions re-check
        // it atomically, so of many concurrent borrows of one book exactly one wins.
        storage
            .record_borrowing(&borrowing, at)
            .await
            .map_err(|error| match error {
                StorageError::ConditionFailed(entity)
                    if entity == Book::NAME || entity == Rental::NAME =>
                {
                    not_available()
                }
                other => other.into(),
            })?;
        Ok(outcome)
    }
}
