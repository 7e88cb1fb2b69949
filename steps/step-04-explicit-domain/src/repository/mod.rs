//! What the two repositories share: how each entity of the model is stored, its key layout and
//! its mapping to and from the stored item. The write repository ([`crate::commands::Writer`])
//! stores entities, the read-only one ([`crate::queries::Reader`]) reads them back; both name
//! the entity in their errors.

pub mod author;
pub mod book;
pub mod rental;
pub mod user;

use crate::error::{Entity, Error};
use crate::item::Item;
use crate::storage::{Key, StorageError};

/// What the repositories need to know about an entity of the model to store it and read it
/// back.
pub trait Record: Sized {
    /// Stored as the `type` attribute, and named in errors.
    const ENTITY: Entity;

    fn key(&self) -> Key;

    /// The attributes besides the key, `type` and the timestamps.
    fn attributes(&self) -> Vec<(&'static str, String)>;

    fn from_item(item: &Item) -> Result<Self, Error>;
}

/// What a storage outcome means for a call about `entity`: "not found", "already there" and
/// "changed meanwhile" name it; the rest are the storage's own trouble.
pub fn named(entity: Entity, error: StorageError) -> Error {
    match error {
        StorageError::NoSuchItem => Error::NotFound(entity),
        StorageError::KeyTaken => Error::AlreadyExists(entity),
        StorageError::ConditionFailed(_) => Error::Conflict(entity),
        other => other.into(),
    }
}
