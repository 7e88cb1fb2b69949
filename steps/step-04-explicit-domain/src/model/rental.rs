//! Rentals: which user holds which book.

use crate::error::Rule;
use crate::model::{BookId, RentalStatus, Timestamp, UserId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rental {
    pub book_id: BookId,
    pub user_id: UserId,
    pub status: RentalStatus,
    /// Why the rental has its status.
    pub comment: String,
}

impl Rental {
    /// The rental `BorrowBook` creates.
    pub fn borrowed(book_id: BookId, user_id: UserId, at: Timestamp) -> Self {
        let comment = format!("Borrowed by {user_id} at {at}");
        Self {
            book_id,
            user_id,
            status: RentalStatus::Borrowed,
            comment,
        }
    }

    /// `ReportMissingBook`: the reporting user must currently hold the book.
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
