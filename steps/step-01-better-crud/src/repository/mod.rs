//! Repositories, one per entity. Each owns its entity's key layout, its id generation and the
//! mapping between the entity and the stored item, so handlers never see the table: they read a
//! request field by field (each problem gets its own message), hand the repository a typed input
//! such as [`author::NewAuthor`] or [`author::AuthorChanges`], and answer with what it returns.
//!
//! [`Records`] is what the repositories share: the storage calls, the `type` attribute, the
//! timestamps, and the entity's name on every "not found" and "already exists".

pub mod author;
pub mod book;
pub mod rental;
pub mod user;

#[cfg(test)]
mod tests;

use std::marker::PhantomData;
use std::sync::Arc;

pub use author::AuthorRepository;
pub use book::BookRepository;
pub use rental::RentalRepository;
pub use user::UserRepository;

use crate::clock::{Clock, format_timestamp};
use crate::item::Item;
use crate::pagination::{Listed, Page};
use crate::storage::{Key, Query, Storage, StorageError};

/// Every way a repository call can fail.
#[derive(Debug, thiserror::Error)]
pub enum RepositoryError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0} already exists")]
    AlreadyExists(&'static str),
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
    fn of<E: Entity>(error: StorageError) -> Self {
        match error {
            StorageError::NoSuchItem => Self::NotFound(E::NAME),
            StorageError::KeyTaken => Self::AlreadyExists(E::NAME),
            other => Self::Storage(other),
        }
    }
}

/// What [`Records`] needs to know about an entity to store it and read it back.
pub trait Entity: Sized {
    /// The `type` attribute, and the name in error messages.
    const NAME: &'static str;

    fn key(&self) -> Key;

    /// The attributes besides the key, `type` and the timestamps.
    fn attributes(&self) -> Vec<(&'static str, &str)>;

    fn from_item(item: &Item) -> Result<Self, RepositoryError>;
}

/// The stored items of one entity type.
pub struct Records<E> {
    storage: Arc<dyn Storage>,
    clock: Arc<dyn Clock>,
    entity: PhantomData<fn() -> E>,
}

impl<E: Entity> Records<E> {
    pub fn new(storage: Arc<dyn Storage>, clock: Arc<dyn Clock>) -> Self {
        Self {
            storage,
            clock,
            entity: PhantomData,
        }
    }

    fn now(&self) -> String {
        format_timestamp(self.clock.now())
    }

    /// Stores a new entity with its `type`, `createdAt` and `updatedAt`. Never overwrites.
    pub async fn create(&self, entity: E) -> Result<E, RepositoryError> {
        let now = self.now();
        let mut item: Item = entity
            .attributes()
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        item.insert("type".to_owned(), E::NAME.to_owned());
        item.insert("createdAt".to_owned(), now.clone());
        item.insert("updatedAt".to_owned(), now);
        self.storage
            .put_new(entity.key(), item)
            .await
            .map_err(RepositoryError::of::<E>)?;
        Ok(entity)
    }

    pub async fn get(&self, key: Key) -> Result<E, RepositoryError> {
        let item = self
            .storage
            .get(key)
            .await
            .map_err(RepositoryError::of::<E>)?;
        E::from_item(&item.ok_or(RepositoryError::NotFound(E::NAME))?)
    }

    /// Sets `changes` and `updatedAt` on an existing entity and answers it afterwards. Nothing to
    /// change is refused before any storage call, so it wins over "not found".
    pub async fn update(
        &self,
        key: Key,
        mut changes: Vec<(&'static str, String)>,
    ) -> Result<E, RepositoryError> {
        if changes.is_empty() {
            return Err(RepositoryError::NoFieldsToUpdate);
        }
        changes.push(("updatedAt", self.now()));
        let item = self
            .storage
            .update(key, changes)
            .await
            .map_err(RepositoryError::of::<E>)?;
        E::from_item(&item)
    }

    pub async fn delete(&self, key: Key) -> Result<(), RepositoryError> {
        self.storage
            .delete(key)
            .await
            .map_err(RepositoryError::of::<E>)
    }

    /// One page of `query`, each item read back as the entity.
    pub async fn list(&self, query: Query, page: Page) -> Result<Listed<E>, RepositoryError> {
        let listed = self
            .storage
            .query(query, page)
            .await
            .map_err(RepositoryError::of::<E>)?;
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
}

/// The fields an update sets: the ones the request gave.
fn changed<const N: usize>(
    fields: [(&'static str, Option<String>); N],
) -> Vec<(&'static str, String)> {
    fields
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .collect()
}
