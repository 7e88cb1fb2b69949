//! Questions about books, as the library asks them: an author's books, the books a user holds,
//! the missing books. Each answers every matching book (all pages), ordered by book id (KSUIDs
//! sort by creation time, to the second), whatever order the storage returns them in.

use super::{Query, Reader};
use crate::repository::book::{self, Book, by_author};
use crate::repository::rental::{Rental, by_user};
use crate::repository::{Entity, RepositoryError};
use crate::status::{BookStatus, RentalStatus, Status};
use crate::storage::IndexQuery;

fn by_id(mut books: Vec<Book>) -> Vec<Book> {
    books.sort_by(|a, b| a.book_id.cmp(&b.book_id));
    books
}

/// An author the library does not know simply has no books.
#[derive(Debug)]
pub struct GetBooksByAuthor {
    pub author_id: String,
}

impl Query for GetBooksByAuthor {
    type Answer = Vec<Book>;

    async fn handle(self, reader: &Reader) -> Result<Vec<Book>, RepositoryError> {
        let query = IndexQuery::by_type_and_sort_key(Book::NAME, by_author(&self.author_id));
        Ok(by_id(reader.all(query).await?))
    }
}

/// The books a user holds right now: only rentals still BORROWED count (the original listed
/// every rental, as bare ids). A user the library does not know simply holds no books.
#[derive(Debug)]
pub struct GetBorrowedBooksForUser {
    pub user_id: String,
}

impl Query for GetBorrowedBooksForUser {
    type Answer = Vec<Book>;

    async fn handle(self, reader: &Reader) -> Result<Vec<Book>, RepositoryError> {
        let query = IndexQuery::by_type_and_sort_key(Rental::NAME, by_user(&self.user_id));
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

#[derive(Debug)]
pub struct GetMissingBooks;

impl Query for GetMissingBooks {
    type Answer = Vec<Book>;

    async fn handle(self, reader: &Reader) -> Result<Vec<Book>, RepositoryError> {
        let query = IndexQuery::by_type_and_status(Book::NAME, BookStatus::Missing.as_str());
        Ok(by_id(reader.all(query).await?))
    }
}
