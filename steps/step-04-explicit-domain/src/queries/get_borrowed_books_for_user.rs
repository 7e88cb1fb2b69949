//! `GetBorrowedBooksForUser`: the books a user holds right now.

use super::{Query, Reader, by_id, require_status};
use crate::error::{Entity, Error};
use crate::model::{Book, Rental, RentalStatus, UserId};
use crate::repository::{book, rental};
use crate::storage::IndexQuery;

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

impl Query for GetBorrowedBooksForUser {
    type Answer = Vec<Book>;

    /// Only rentals still BORROWED count (the original listed every rental, as bare ids). A user
    /// the library does not know simply holds no books.
    async fn handle(self, reader: &Reader) -> Result<Vec<Book>, Error> {
        let sort_key = rental::by_user(&self.user_id);
        let query = IndexQuery::by_type_and_sort_key(Entity::Rental.name(), sort_key);
        let rentals: Vec<Rental> = reader.all(query).await?;
        let mut books = Vec::new();
        for rental in rentals
            .iter()
            .filter(|rental| rental.status == RentalStatus::Borrowed)
        {
            if let Some(book) = reader.first(book::by_id(&rental.book_id)).await? {
                books.push(book);
            }
        }
        Ok(by_id(books))
    }
}
