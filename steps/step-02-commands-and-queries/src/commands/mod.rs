//! The write side. A command asks for a change: its handler changes state through the
//! [`Writer`], the write repository, and answers no more than the API needs back. That is an
//! acknowledgement, or the changed entity where the CRUD API answers with it (create and update).
//! Reading is the other side's business, in [`crate::queries`].

pub mod author;
pub mod book;
pub mod rental;
pub mod user;

use std::sync::Arc;

use crate::clock::{Clock, format_timestamp};
use crate::ids::IdGenerator;
use crate::item::Item;
use crate::repository::{Entity, RepositoryError};
use crate::storage::{Key, WriteStorage};

/// A request to change something, with its handler.
pub trait Command: Send {
    /// What the API answers once the change is made.
    type Outcome;

    fn handle(
        self,
        writer: &Writer,
    ) -> impl Future<Output = Result<Self::Outcome, RepositoryError>> + Send;
}

/// The write repository: stores new entities, changes and deletes existing ones, with the
/// `type` attribute, the timestamps, and the entity's name on every "not found" and
/// "already exists".
pub struct Writer {
    storage: Arc<dyn WriteStorage>,
    ids: Arc<dyn IdGenerator>,
    clock: Arc<dyn Clock>,
}

impl Writer {
    pub fn new(
        storage: Arc<dyn WriteStorage>,
        ids: Arc<dyn IdGenerator>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            storage,
            ids,
            clock,
        }
    }

    /// An id for a new entity.
    pub fn new_id(&self) -> String {
        self.ids.next_id()
    }

    fn now(&self) -> String {
        format_timestamp(self.clock.now())
    }

    /// Stores a new entity with its `type`, `createdAt` and `updatedAt`. Never overwrites.
    pub async fn create<E: Entity>(&self, entity: E) -> Result<E, RepositoryError> {
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

    /// Sets `changes` and `updatedAt` on an existing entity and answers it afterwards. Nothing to
    /// change is refused before any storage call, so it wins over "not found".
    pub async fn update<E: Entity>(
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

    pub async fn delete<E: Entity>(&self, key: Key) -> Result<(), RepositoryError> {
        self.storage
            .delete(key)
            .await
            .map_err(RepositoryError::of::<E>)
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
