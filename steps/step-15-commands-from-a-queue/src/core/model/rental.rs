//! Rentals: which user has which book. No route of their own: Book Management's commands create
//! and delete them, its queries read them.

use std::convert::Infallible;

use plumbing::clock::Timestamp;

use crate::core::model::{BookId, RentalStatus, Rule, UserId};
use crate::core::ports::Entity;

#[derive(Debug, Clone)]
pub struct Rental {
    pub book_id: BookId,
    pub user_id: UserId,
    pub status: RentalStatus,
    pub comment: String,
}

impl Entity for Rental {
    const NAME: &'static str = "Rental";
    type Id = RentalKey;
    /// Never changed, only created and deleted.
    type Changes = Infallible;
    type Filter = RentalFilter;
}

/// A rental's key.
#[derive(Debug)]
pub struct RentalKey {
    pub user_id: UserId,
    pub book_id: BookId,
}

/// Which rentals a listing returns.
#[derive(Debug)]
pub enum RentalFilter {
    ByUser(UserId),
}

impl Rental {
    /// `BorrowBook`'s new rental.
    pub fn borrowed(book_id: BookId, user_id: UserId, at: Timestamp) -> Self {
        Self {
            comment: format!("Borrowed by {user_id} at {at}"),
            book_id,
            user_id,
            status: RentalStatus::Borrowed,
        }
    }

    /// `ReportMissingBook`: only the user who holds the book can lose it (the original accepted
    /// anyone's report).
    pub fn ensure_borrowed(&self) -> Result<(), Rule> {
        match self.status {
            RentalStatus::Borrowed => Ok(()),
            RentalStatus::Returned => Err(Rule::BookNotBorrowedByUser {
                book: self.book_id.clone(),
                user: self.user_id.clone(),
            }),
        }
    }
}
