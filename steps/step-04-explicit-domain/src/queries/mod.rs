//! The read side. A query asks for data and changes nothing: its handler is given a
//! [`Reader`], the read-only repository, which is built on [`ReadStorage`] and so has no way to
//! write. Not a convention but the types keep queries from changing state. Changes are the other
//! side's business, in [`crate::commands`].
//!
//! Each Book Management module holds the query parsed from its request (input validation: an id
//! that is a KSUID, the one `status` the query takes) and its handler.

pub mod author;
pub mod get_books_by_author;
pub mod get_borrowed_books_for_user;
pub mod get_missing_books;
pub mod user;

pub use get_books_by_author::GetBooksByAuthor;
pub use get_borrowed_books_for_user::GetBorrowedBooksForUser;
pub use get_missing_books::GetMissingBooks;

use std::sync::Arc;

use crate::error::Error;
use crate::model::{Book, Status};
use crate::pagination::{Listed, Page};
use crate::repository::{Record, named};
use crate::storage::{IndexQuery, Key, ReadStorage};

/// A question about the data, with its handler.
pub trait Query: Send {
    /// What the API answers.
    type Answer;

    fn handle(self, reader: &Reader) -> impl Future<Output = Result<Self::Answer, Error>> + Send;
}

/// The read-only repository: reads entities back from the stored items.
pub struct Reader {
    storage: Arc<dyn ReadStorage>,
}

impl Reader {
    pub fn new(storage: Arc<dyn ReadStorage>) -> Self {
        Self { storage }
    }

    pub async fn get<E: Record>(&self, key: Key) -> Result<E, Error> {
        self.find(key).await?.ok_or(Error::NotFound(E::ENTITY))
    }

    /// The entity under `key`, if there is one.
    pub async fn find<E: Record>(&self, key: Key) -> Result<Option<E>, Error> {
        let item = self
            .storage
            .get(key)
            .await
            .map_err(|error| named(E::ENTITY, error))?;
        item.as_ref().map(E::from_item).transpose()
    }

    /// One page of `query`, each item read back as the entity.
    pub async fn list<E: Record>(&self, query: IndexQuery, page: Page) -> Result<Listed<E>, Error> {
        let listed = self
            .storage
            .query(query, page)
            .await
            .map_err(|error| named(E::ENTITY, error))?;
        let items = listed
            .items
            .iter()
            .map(E::from_item)
            .collect::<Result<_, _>>()?;
        Ok(Listed {
            items,
            next: listed.next,
        })
    }

    /// The first result of `query`, if any: for queries that find at most one entity.
    pub async fn first<E: Record>(&self, query: IndexQuery) -> Result<Option<E>, Error> {
        let listed = self.list(query, Page::first_of_all()).await?;
        Ok(listed.items.into_iter().next())
    }

    /// Every result of `query`, page after page: a query that answers "all the books" must not
    /// stop at the storage's first page (the original did).
    pub async fn all<E: Record>(&self, query: IndexQuery) -> Result<Vec<E>, Error> {
        let mut page = Page::first_of_all();
        let mut found = Vec::new();
        loop {
            let listed = self.list(query.clone(), page.clone()).await?;
            found.extend(listed.items);
            match listed.next {
                Some(token) => page.start = Some(token),
                None => return Ok(found),
            }
        }
    }
}

/// Book Management's answers are ordered by book id (roughly when the book was added: KSUIDs sort
/// by creation time, to the second), whatever order the storage returns them in.
fn by_id(mut books: Vec<Book>) -> Vec<Book> {
    books.sort_by(|a, b| a.id.cmp(&b.id));
    books
}

/// The `status` a query requires, in any case (`?status=missing` is `MISSING`): the talk's API
/// puts it in the request although each query accepts exactly one value.
fn require_status(status: Option<&str>, expected: impl Status, query: &str) -> Result<(), Error> {
    match status {
        Some(text) if text.to_uppercase() == expected.as_str() => Ok(()),
        _ => Err(Error::invalid(format!(
            "Invalid status provided for {query} query"
        ))),
    }
}
