//! The storage ports. Every method is written out as `-> impl Future<...> + Send` (adapters
//! implement it with a plain `async fn`): the `Send` bound is what lets a handler generic over
//! the storage run on a multi-threaded runtime, behind axum or Lambda.

use crate::core::Entity;
use crate::core::model::{
    Author, AuthorChanges, AuthorId, Book, BookId, BookStatus, BookTransition, Rental, Suspension,
    Timestamp, User, UserChanges, UserId,
};

/// How storage can fail, in terms the core can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// A write's condition on this entity did not hold (it existed, or did not, or its status
    /// had changed); nothing at all was written.
    #[error("the condition on {0} did not hold; nothing was written")]
    ConditionFailed(Entity),
    /// A page was asked to continue from a cursor this storage never issued.
    #[error("not a cursor this listing issued")]
    InvalidCursor,
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    #[error("storage failed: {0}")]
    Failed(String),
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// At most this many items.
    pub size: u32,
    pub order: SortOrder,
    /// Continue after the previous page (its [`Listing::next`]).
    pub after: Option<Cursor>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// By id, i.e. oldest first (KSUIDs sort by creation time, to the second).
    #[default]
    Ascending,
    Descending,
}

/// Where a listing stopped: opaque to the core and to clients, meaningful to the storage that
/// issued it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    pub items: Vec<T>,
    /// Present when more items may follow.
    pub next: Option<Cursor>,
}

impl<T> Listing<T> {
    /// The same page, each item converted (to what an adapter answers, say).
    pub fn map<U>(self, convert: impl FnMut(T) -> U) -> Listing<U> {
        Listing {
            items: self.items.into_iter().map(convert).collect(),
            next: self.next,
        }
    }
}

/// `AddNewBook`'s write: the book, with its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBook {
    pub author: BookAuthor,
    pub book: Book,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookAuthor {
    /// Written with the book; must not exist yet.
    New(Author),
    /// Not written; must still exist when the book is.
    Existing(AuthorId),
}

impl BookAuthor {
    pub fn id(&self) -> &AuthorId {
        match self {
            Self::New(author) => &author.id,
            Self::Existing(id) => id,
        }
    }
}

/// `BorrowBook`'s write, all or nothing: the book moves by `book` (only while still in its
/// `from` status), the rental is created (only if there is none), and the rental's user, the
/// borrower, must still exist and not be SUSPENDED.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Borrowing {
    pub book: BookTransition,
    pub rental: Rental,
}

/// `ReportMissingBook`'s write, all or nothing: the book moves by `book` (only while still in its
/// `from` status), the user gets `suspension` (only if they still exist), and `rental` is
/// deleted (only while it is still in the status it was read with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingReport {
    pub book: BookTransition,
    pub suspension: Suspension,
    pub rental: Rental,
}

/// The read side: everything the library reads. Nothing here writes, so queries, which only get
/// this port, cannot change state.
pub trait LibraryReads: Send + Sync {
    fn author(
        &self,
        id: &AuthorId,
    ) -> impl Future<Output = Result<Option<Author>, StorageError>> + Send;

    /// Authors by id.
    fn authors(
        &self,
        page: Page,
    ) -> impl Future<Output = Result<Listing<Author>, StorageError>> + Send;

    fn user(&self, id: &UserId) -> impl Future<Output = Result<Option<User>, StorageError>> + Send;

    /// Users by id.
    fn users(&self, page: Page)
    -> impl Future<Output = Result<Listing<User>, StorageError>> + Send;

    /// The book with this id and author (its full key).
    fn book(
        &self,
        id: &BookId,
        author: &AuthorId,
    ) -> impl Future<Output = Result<Option<Book>, StorageError>> + Send;

    /// The book with this id, whoever its author (for requests that do not name the author).
    fn find_book(
        &self,
        id: &BookId,
    ) -> impl Future<Output = Result<Option<Book>, StorageError>> + Send;

    /// Every book of the author, in no particular order.
    fn books_by_author(
        &self,
        author: &AuthorId,
    ) -> impl Future<Output = Result<Vec<Book>, StorageError>> + Send;

    /// Every book in the status, in no particular order.
    fn books_in_status(
        &self,
        status: BookStatus,
    ) -> impl Future<Output = Result<Vec<Book>, StorageError>> + Send;

    fn rental(
        &self,
        book: &BookId,
        user: &UserId,
    ) -> impl Future<Output = Result<Option<Rental>, StorageError>> + Send;

    /// Every rental of the user, in any status, in no particular order.
    fn rentals_of_user(
        &self,
        user: &UserId,
    ) -> impl Future<Output = Result<Vec<Rental>, StorageError>> + Send;
}

/// The write side: one method per state change, each atomic, each stamping `updatedAt` (and
/// `createdAt` on create) with `at`. A condition that does not hold is
/// [`StorageError::ConditionFailed`] naming the entity, and nothing is written.
pub trait LibraryWrites: Send + Sync {
    /// Condition: no author with that id.
    fn create_author(
        &self,
        author: &Author,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// Condition: the author exists. Returns the author after the update.
    fn update_author(
        &self,
        id: &AuthorId,
        changes: &AuthorChanges,
        at: Timestamp,
    ) -> impl Future<Output = Result<Author, StorageError>> + Send;

    /// Condition: the author exists.
    fn delete_author(&self, id: &AuthorId)
    -> impl Future<Output = Result<(), StorageError>> + Send;

    /// Condition: no user with that id.
    fn create_user(
        &self,
        user: &User,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// Condition: the user exists. Returns the user after the update.
    fn update_user(
        &self,
        id: &UserId,
        changes: &UserChanges,
        at: Timestamp,
    ) -> impl Future<Output = Result<User, StorageError>> + Send;

    /// Condition: the user exists.
    fn delete_user(&self, id: &UserId) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// Conditions: see [`BookAuthor`]; and no book with that id.
    fn add_book(
        &self,
        new: &NewBook,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// Conditions: see [`Borrowing`].
    fn record_borrowing(
        &self,
        borrowing: &Borrowing,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// Conditions: see [`MissingReport`].
    fn record_missing_book(
        &self,
        report: &MissingReport,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;
}

/// A complete storage adapter: both sides, shareable between requests.
pub trait Storage: LibraryReads + LibraryWrites + Clone + 'static {}

impl<T: LibraryReads + LibraryWrites + Clone + 'static> Storage for T {}
