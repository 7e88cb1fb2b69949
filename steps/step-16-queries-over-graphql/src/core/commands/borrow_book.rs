//! `BorrowBook`: a user takes an available book home.

use plumbing::clock::Timestamp;
use plumbing::idempotency::IdempotencyKey;
use plumbing::ksuid::{INVALID_BOOK_ID, INVALID_USER_ID};
use serde::{Deserialize, Serialize};

use super::{Command, done_before, receipt};
use crate::core::model::{Book, BookFilter, BookId, Error, Rental, Rule, User, UserId};
use crate::core::ports::{BookManagement, Borrowing, Entity, Reads, Receipts, StorageError};

/// The payload as sent: `{userId}`; the book comes from the path.
#[derive(Debug, Default)]
pub struct BorrowBookPayload {
    pub user_id: Option<String>,
}

/// `BorrowBook`, validated.
#[derive(Debug)]
pub struct BorrowBook {
    pub book_id: BookId,
    pub user_id: UserId,
    pub idempotency_key: Option<IdempotencyKey>,
}

impl BorrowBook {
    pub fn parse(book_id: &str, payload: BorrowBookPayload) -> Result<Self, Error> {
        Ok(Self {
            book_id: BookId::checked(book_id, INVALID_BOOK_ID)?,
            user_id: UserId::required("userId", payload.user_id, INVALID_USER_ID)?,
            idempotency_key: None,
        })
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct BookBorrowed {
    pub book_id: BookId,
    pub user_id: UserId,
}

impl<S: Reads<Book> + Reads<User> + Receipts + BookManagement> Command<S> for BorrowBook {
    type Outcome = BookBorrowed;

    async fn handle(self, storage: &S, at: Timestamp) -> Result<BookBorrowed, Error> {
        let BorrowBook {
            book_id,
            user_id,
            idempotency_key: key,
        } = self;
        let request = format!("BorrowBook {book_id} {user_id}");
        if let Some(outcome) = done_before(storage, key.as_ref(), &request, at).await? {
            return Ok(outcome);
        }
        // The payload does not name the author, so the book is looked up by its id alone.
        let with_id = BookFilter::WithId(book_id.clone());
        let book = Reads::<Book>::all(storage, &with_id)
            .await?
            .into_iter()
            .next()
            .ok_or(Error::NotFound(Book::NAME))?;
        let lending = book.lend()?;
        let user = Reads::<User>::get(storage, &user_id).await?;
        user.ensure_may_borrow()?;

        let outcome = BookBorrowed {
            book_id: book_id.clone(),
            user_id: user_id.clone(),
        };
        let borrowing = Borrowing {
            book: lending,
            rental: Rental::borrowed(book_id.clone(), user_id.clone(), at),
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
                    Rule::BookNotAvailable(book_id.clone()).into()
                }
                other => Error::from(other),
            })?;
        Ok(outcome)
    }
}
