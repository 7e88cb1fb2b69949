//! `BorrowBook`: a user takes an available book home.

use super::{Command, Writer};
use crate::error::{Entity, Error, Rule};
use crate::model::{Book, BookId, Rental, Status, User, UserId, UserStatus, field};
use crate::repository::{book, user};
use crate::storage::Condition;

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

impl Command for BorrowBook {
    type Outcome = BookBorrowed;

    async fn handle(self, writer: &Writer) -> Result<BookBorrowed, Error> {
        let BorrowBook { book_id, user_id } = self;
        // The payload does not name the author, so the book is looked up by its id alone.
        let book = writer
            .reader()
            .first::<Book>(book::by_id(&book_id))
            .await?
            .ok_or(Error::NotFound(Entity::Book))?;
        let lending = book.lend()?;
        let user = writer.reader().get::<User>(user::key(&user_id)).await?;
        user.ensure_may_borrow()?;

        let at = writer.now();
        let rental = Rental::borrowed(book_id.clone(), user_id.clone(), at);
        // The checks above read state that may change before this write; the write's conditions
        // re-check it atomically, so of many concurrent borrows of one book exactly one wins.
        writer
            .transaction(at)
            .update::<Book>(
                book::transition_key(&lending),
                book::transition_changes(&lending),
                Condition::StatusIs(lending.from.as_str()),
            )
            .create(&rental)
            // The user rule ("not SUSPENDED") as a condition.
            .check::<User>(
                user::key(&user_id),
                Condition::StatusIsNot(UserStatus::Suspended.as_str()),
            )
            .commit()
            .await
            .map_err(|error| match error {
                Error::Conflict(Entity::Book | Entity::Rental) => {
                    Rule::BookNotAvailable(book_id.clone()).into()
                }
                other => other,
            })?;
        Ok(BookBorrowed { book_id, user_id })
    }
}
