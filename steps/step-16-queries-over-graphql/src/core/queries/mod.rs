//! The read side. A query asks for data and changes nothing: its handler only has [`Reads`], the
//! read half of the storage port, so it has no way to write. Not a convention: the types keep
//! queries from changing state. Changes are the other side's business, in
//! [`crate::core::commands`].
//!
//! Book Management's queries are tasks, one module each: each answers a page of the matching
//! books (`pageSize`, `next`), ordered by book id within the page (KSUIDs sort by creation time, to
//! the second), whatever order the storage returns them in. Authors and users stay CRUD, with the
//! two queries below.

pub mod get_books_by_author;
pub mod get_borrowed_books_for_user;
pub mod get_missing_books;

pub use get_books_by_author::GetBooksByAuthor;
pub use get_borrowed_books_for_user::GetBorrowedBooksForUser;
pub use get_missing_books::GetMissingBooks;

use plumbing::page::{Listing, Page};

use crate::core::model::{Book, Error, Status};
use crate::core::ports::{Entity, Reads, StorageError};

fn by_id(mut books: Listing<Book>) -> Listing<Book> {
    books.items.sort_by(|a, b| a.book_id.cmp(&b.book_id));
    books
}

/// The `status` a query requires, in any case (`?status=missing` is `MISSING`): the talk's API
/// puts it in the request although each query accepts exactly one value.
fn require_status(status: Option<&str>, expected: impl Status, query: &str) -> Result<(), Error> {
    match status {
        Some(text) if text.eq_ignore_ascii_case(expected.as_str()) => Ok(()),
        _ => Err(Error::invalid(format!(
            "Invalid status provided for {query} query"
        ))),
    }
}

/// A question about the data, with its handler; `S` is the storage it reads.
pub trait Query<S>: Send {
    /// What the API answers.
    type Answer;

    fn handle(self, storage: &S)
    -> impl Future<Output = Result<Self::Answer, StorageError>> + Send;
}

/// One entity, by its id.
pub struct Get<E: Entity>(pub E::Id);

impl<E: Entity, S: Reads<E>> Query<S> for Get<E> {
    type Answer = E;

    async fn handle(self, storage: &S) -> Result<E, StorageError> {
        storage.get(&self.0).await
    }
}

/// One page of the entities `filter` selects.
pub struct List<E: Entity> {
    pub filter: E::Filter,
    pub page: Page,
}

impl<E: Entity, S: Reads<E>> Query<S> for List<E> {
    type Answer = Listing<E>;

    async fn handle(self, storage: &S) -> Result<Listing<E>, StorageError> {
        storage.list(&self.filter, self.page).await
    }
}
