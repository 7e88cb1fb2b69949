//! What the two repositories share: each entity's key layout and its mapping to and from the
//! stored item. The write repository ([`crate::commands::Writer`]) stores entities, the read-only
//! one ([`crate::queries::Reader`]) reads them back; both name the entity in their errors.

pub mod author;
pub mod book;
pub mod rental;
pub mod user;

use crate::item::Item;
use crate::storage::{Key, StorageError};

/// Every way a repository call can fail.
#[derive(Debug, thiserror::Error)]
pub enum RepositoryError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0} already exists")]
    AlreadyExists(&'static str),
    /// A transaction's condition on this entity did not hold: it changed after the command read
    /// it. Nothing was written.
    #[error("the condition on {0} did not hold; nothing was written")]
    ConditionFailed(&'static str),
    #[error("No Fields To Update")]
    NoFieldsToUpdate,
    /// A stored item that does not read back as its entity: a server-side fault.
    #[error("{0}")]
    Malformed(String),
    #[error(transparent)]
    Storage(StorageError),
}

impl RepositoryError {
    /// Names the entity in the storage outcomes a client can cause; the rest pass through.
    pub(crate) fn of<E: Entity>(error: StorageError) -> Self {
        match error {
            StorageError::NoSuchItem => Self::NotFound(E::NAME),
            StorageError::KeyTaken => Self::AlreadyExists(E::NAME),
            other => Self::Storage(other),
        }
    }
}

/// What the repositories need to know about an entity to store it and read it back.
pub trait Entity: Sized {
    /// The `type` attribute, and the name in error messages.
    const NAME: &'static str;

    fn key(&self) -> Key;

    /// The attributes besides the key, `type` and the timestamps.
    fn attributes(&self) -> Vec<(&'static str, &str)>;

    fn from_item(item: &Item) -> Result<Self, RepositoryError>;
}
