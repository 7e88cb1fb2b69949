//! The storage port, in two halves: [`Reads`] for the queries, [`Writes`] and [`BookManagement`]
//! for the commands, each in the library's terms. [`crate::adapters::dynamodb::table`] is the
//! adapter that implements them.

use plumbing::Failure;
use plumbing::clock::Timestamp;
use plumbing::idempotency::{IdempotencyKey, Receipt};
use plumbing::page::{Listing, Page};

use crate::core::model::{
    Author, AuthorId, Book, BookTransition, Rental, RentalKey, Suspension, User,
};

/// What the port needs to know about an entity.
pub trait Entity: Sized + Send + Sync {
    /// The entity's name in errors (and its `type` in the table).
    const NAME: &'static str;
    /// What names one entity: the ids in its key.
    type Id: Send + Sync;
    /// What an update may set: the fields a client gave.
    type Changes: Send + Sync;
    /// Which entities a listing returns.
    type Filter: Send + Sync;
}

/// The filter of a listing that returns every entity of its type.
#[derive(Debug, Clone, Copy)]
pub struct Every;

/// How a storage call can fail, in terms a handler can act on.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A create found the key taken; nothing was overwritten.
    #[error("{0} already exists")]
    AlreadyExists(&'static str),
    /// A delete refused: an author whose books are in the library, or a user who holds some.
    #[error("{0} has books")]
    HasBooks(&'static str),
    /// A write found its entity changed since the command read it (gone, or in another status);
    /// nothing at all was written.
    #[error("the condition on {0} did not hold; nothing was written")]
    ConditionFailed(&'static str),
    /// A page was asked to continue from a cursor this listing never issued.
    #[error("not a cursor this listing issued")]
    InvalidCursor,
    /// The storage's own trouble: unreachable, or failed.
    #[error(transparent)]
    Failure(#[from] Failure),
}

/// The read side of the stored entities of one type: it can look, and has no way to change
/// anything.
pub trait Reads<E: Entity>: Send + Sync {
    fn get(&self, id: &E::Id) -> impl Future<Output = Result<E, StorageError>> + Send;

    /// One page of the entities `filter` selects.
    fn list(
        &self,
        filter: &E::Filter,
        page: Page,
    ) -> impl Future<Output = Result<Listing<E>, StorageError>> + Send;

    /// Every entity `filter` selects, all pages of them.
    fn all(&self, filter: &E::Filter) -> impl Future<Output = Result<Vec<E>, StorageError>> + Send;
}

/// The write side of the stored entities of one type. Every change is stamped with the time `at`
/// its caller gives.
pub trait Writes<E: Entity>: Send + Sync {
    /// Never overwrites: a taken key is [`StorageError::AlreadyExists`].
    fn create(
        &self,
        entity: E,
        at: Timestamp,
    ) -> impl Future<Output = Result<E, StorageError>> + Send;

    /// Sets `changes` on an existing entity and answers it afterwards.
    fn update(
        &self,
        id: &E::Id,
        changes: &E::Changes,
        at: Timestamp,
    ) -> impl Future<Output = Result<E, StorageError>> + Send;

    fn delete(&self, id: &E::Id) -> impl Future<Output = Result<(), StorageError>> + Send;
}

/// `AddNewBook`'s write: the book, with its author when the library does not know them yet.
pub struct NewBook {
    pub author: BookAuthor,
    pub book: Book,
    /// Left when the command was sent with an `Idempotency-Key`; never overwritten.
    pub receipt: Option<Receipt>,
}

pub enum BookAuthor {
    /// Written with the book; must not exist yet.
    New(Author),
    /// Not written; must still exist.
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

/// `BorrowBook`'s write: the book moves by `book` (only while still in its `from` status) and
/// the rental is created, for a borrower who is not `SUSPENDED`.
pub struct Borrowing {
    pub book: BookTransition,
    pub rental: Rental,
    pub receipt: Option<Receipt>,
}

/// `ReportMissingBook`'s write: the book moves by `book` (only while still in its `from` status),
/// its borrower gets `suspension`, and the `BORROWED` rental is deleted.
pub struct MissingReport {
    pub book: BookTransition,
    pub suspension: Suspension,
    pub rental: RentalKey,
    pub receipt: Option<Receipt>,
}

/// The receipts commands sent with an `Idempotency-Key` leave with their writes, read back
/// strongly consistent: a retry must see the run it repeats.
pub trait Receipts: Send + Sync {
    fn receipt(
        &self,
        key: &IdempotencyKey,
    ) -> impl Future<Output = Result<Option<Receipt>, StorageError>> + Send;
}

/// The writes of Book Management, one per command, in the library's words, each all or nothing.
/// A condition that no longer holds is [`StorageError::ConditionFailed`], naming its entity, and
/// nothing is written.
pub trait BookManagement: Send + Sync {
    fn add_book(
        &self,
        new: &NewBook,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    fn record_borrowing(
        &self,
        borrowing: &Borrowing,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    fn record_missing_book(
        &self,
        report: &MissingReport,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;
}

/// A complete storage adapter: every port, shareable between requests.
pub trait Storage:
    Reads<Author>
    + Writes<Author>
    + Reads<Book>
    + Reads<Rental>
    + Reads<User>
    + Writes<User>
    + BookManagement
    + Receipts
    + Clone
    + 'static
{
}

impl<T> Storage for T where
    T: Reads<Author>
        + Writes<Author>
        + Reads<Book>
        + Reads<Rental>
        + Reads<User>
        + Writes<User>
        + BookManagement
        + Receipts
        + Clone
        + 'static
{
}
