//! `GetBorrowedBooksForUser`: the books a user holds right now.

use plumbing::ksuid::INVALID_USER_ID;
use plumbing::page::{Listing, Page};

use super::{Query, by_id, require_status};
use crate::core::model::{Book, BookFilter, Error, Rental, RentalFilter, RentalStatus, UserId};
use crate::core::ports::{Reads, StorageError};

#[derive(Debug)]
pub struct GetBorrowedBooksForUser {
    pub user_id: UserId,
    pub page: Page,
}

impl GetBorrowedBooksForUser {
    /// `status` must be `borrowed` (any case).
    pub fn parse(user_id: &str, status: Option<&str>, page: Page) -> Result<Self, Error> {
        let user_id = UserId::checked(user_id, INVALID_USER_ID)?;
        require_status(status, RentalStatus::Borrowed, "GetBorrowedBooksForUser")?;
        Ok(Self { user_id, page })
    }
}

impl<S: Reads<Book> + Reads<Rental>> Query<S> for GetBorrowedBooksForUser {
    type Answer = Listing<Book>;

    /// A page of the user's rentals makes the page of books. Only rentals still BORROWED count (the original listed every rental, as bare ids). A user
    /// the library does not know simply holds no books.
    async fn handle(self, storage: &S) -> Result<Listing<Book>, StorageError> {
        let of_user = RentalFilter::ByUser(self.user_id);
        let rentals = Reads::<Rental>::list(storage, &of_user, self.page).await?;
        let mut books = Vec::new();
        for rental in rentals
            .items
            .into_iter()
            .filter(|rental| rental.status == RentalStatus::Borrowed)
        {
            let with_id = BookFilter::WithId(rental.book_id);
            books.extend(Reads::<Book>::all(storage, &with_id).await?);
        }
        Ok(by_id(Listing {
            items: books,
            next: rentals.next,
        }))
    }
}
