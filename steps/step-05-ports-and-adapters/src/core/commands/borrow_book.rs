//! `BorrowBook`: a user takes an available book home.

use crate::core::model::{BookId, Rental, UserId, field};
use crate::core::ports::{Borrowing, LibraryReads, LibraryWrites, StorageError};
use crate::core::{App, Entity, Error, Rule};

/// The payload as sent: `{userId}`; the book comes from the path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BorrowBookPayload {
    pub user_id: Option<String>,
}

/// `BorrowBook`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BorrowBook {
    pub book_id: BookId,
    pub user_id: UserId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookBorrowed {
    pub book_id: BookId,
    pub user_id: UserId,
}

impl BorrowBook {
    pub fn parse(book_id: &str, payload: BorrowBookPayload) -> Result<Self, Error> {
        Ok(Self {
            book_id: BookId::parse(book_id)?,
            user_id: field::required_id("userId", payload.user_id, UserId::parse)?,
        })
    }
}

impl<S: LibraryReads + LibraryWrites> App<S> {
    pub async fn borrow_book(&self, command: BorrowBook) -> Result<BookBorrowed, Error> {
        let BorrowBook { book_id, user_id } = command;
        // The payload does not name the author, so the book is looked up by its id alone.
        let book = self
            .storage()
            .find_book(&book_id)
            .await?
            .ok_or(Error::NotFound(Entity::Book))?;
        let lending = book.lend()?;
        let user = self
            .storage()
            .user(&user_id)
            .await?
            .ok_or(Error::NotFound(Entity::User))?;
        user.ensure_may_borrow()?;

        let at = self.now();
        let borrowing = Borrowing {
            book: lending,
            rental: Rental::borrowed(book_id.clone(), user_id.clone(), at),
        };
        // The checks above read state that may change before this write; the write's conditions
        // re-check it atomically, so of many concurrent borrows of one book exactly one wins.
        self.storage()
            .record_borrowing(&borrowing, at)
            .await
            .map_err(|error| match error {
                StorageError::ConditionFailed(Entity::Book | Entity::Rental) => {
                    Rule::BookNotAvailable(book_id.clone()).into()
                }
                other => Error::from(other),
            })?;
        Ok(BookBorrowed { book_id, user_id })
    }
}
