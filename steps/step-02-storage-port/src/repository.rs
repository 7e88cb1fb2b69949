//! The storage port: the repository as a trait, in the entities' terms. The handlers depend on
//! it and on nothing of DynamoDB's; [`crate::table`] is the adapter that implements it.

use plumbing::Failure;
use plumbing::clock::Timestamp;
use plumbing::page::{Listing, Page};

/// What the port needs to know about an entity.
pub trait Entity: Sized + Send + Sync {
    /// The entity's name in errors (and its `type` in the table).
    const NAME: &'static str;
    /// What names one entity: the ids in its key.
    type Id: Sync;
    /// What an update may set: the fields a client gave.
    type Changes: Sync;
    /// Which entities a listing returns.
    type Filter: Sync;
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
    #[error("nothing to update")]
    NothingToUpdate,
    /// A page was asked to continue from a cursor this listing never issued.
    #[error("not a cursor this listing issued")]
    InvalidCursor,
    /// The storage's own trouble: unreachable, or failed.
    #[error(transparent)]
    Failure(#[from] Failure),
}

/// The stored entities of one type. Every change is stamped with the time `at` its caller gives.
pub trait Repository<E: Entity>: Send + Sync {
    /// Never overwrites: a taken key is [`StorageError::AlreadyExists`].
    fn create(
        &self,
        entity: E,
        at: Timestamp,
    ) -> impl Future<Output = Result<E, StorageError>> + Send;

    fn get(&self, id: &E::Id) -> impl Future<Output = Result<E, StorageError>> + Send;

    /// Sets `changes` on an existing entity and answers it afterwards.
    fn update(
        &self,
        id: &E::Id,
        changes: &E::Changes,
        at: Timestamp,
    ) -> impl Future<Output = Result<E, StorageError>> + Send;

    fn delete(&self, id: &E::Id) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// One page of the entities `filter` selects.
    fn list(
        &self,
        filter: &E::Filter,
        page: Page,
    ) -> impl Future<Output = Result<Listing<E>, StorageError>> + Send;
}
