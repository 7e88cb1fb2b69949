//! `GetBorrowedBooksForUser`: the books a user holds right now.

use crate::core::model::{Book, RentalStatus, UserId};
use crate::core::ports::LibraryReads;
use crate::core::queries::{by_id, require_status};
use crate::core::{App, Error};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetBorrowedBooksForUser {
    pub user_id: UserId,
}

impl GetBorrowedBooksForUser {
    /// `status` must be `borrowed` (any case).
    pub fn parse(user_id: &str, status: Option<&str>) -> Result<Self, Error> {
        let user_id = UserId::parse(user_id)?;
        require_status(status, RentalStatus::Borrowed, "GetBorrowedBooksForUser")?;
        Ok(Self { user_id })
    }
}

impl<S: LibraryReads> App<S> {
    /// Only rentals still BORROWED count (the original listed every rental, as bare ids). A user
    /// the library does not know simply holds no books.
    pub async fn get_borrowed_books_for_user(
        &self,
        query: GetBorrowedBooksForUser,
    ) -> Result<Vec<Book>, Error> {
        let rentals = self.storage().rentals_of_user(&query.user_id).await?;
        let mut books = Vec::new();
        for rental in rentals
            .iter()
            .filter(|rental| rental.status == RentalStatus::Borrowed)
        {
            if let Some(book) = self.storage().find_book(&rental.book_id).await? {
                books.push(book);
            }
        }
        Ok(by_id(books))
    }
}
