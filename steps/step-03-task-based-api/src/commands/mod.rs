//! The write side. A command asks for a change: its handler changes state through the
//! [`Writer`], the write repository, and answers no more than the API needs back. That is an
//! acknowledgement, or the changed entity where the CRUD API answers with it (create and update).
//! A command may read what it decides on; answering questions is the other side's business, in
//! [`crate::queries`].

pub mod author;
pub mod book;
pub mod user;

use std::sync::Arc;

use crate::clock::{Clock, format_timestamp};
use crate::error::ApiError;
use crate::ids::IdGenerator;
use crate::item::Item;
use crate::queries::Reader;
use crate::repository::{Entity, RepositoryError};
use crate::storage::{Condition, Key, StorageError, Write, WriteStorage};

/// A request to change something, with its handler. A handler may refuse the change (the book
/// is not available), so it answers in the API's own error type.
pub trait Command: Send {
    /// What the API answers once the change is made.
    type Outcome;

    fn handle(
        self,
        writer: &Writer,
    ) -> impl Future<Output = Result<Self::Outcome, ApiError>> + Send;
}

/// The write repository: stores new entities, changes and deletes existing ones, alone or
/// together in a [`Transaction`], with the `type` attribute, the timestamps, and the entity's
/// name on every "not found" and "already exists".
pub struct Writer {
    storage: Arc<dyn WriteStorage>,
    reader: Reader,
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
            reader: Reader::new(storage.clone()),
            storage,
            ids,
            clock,
        }
    }

    /// The read repository, for what a command decides on.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// An id for a new entity.
    pub fn new_id(&self) -> String {
        self.ids.next_id()
    }

    /// The time of a change, as stored. A command that writes it twice (a comment and the
    /// timestamps, say) asks once, so both agree.
    pub fn now(&self) -> String {
        format_timestamp(self.clock.now())
    }

    /// Stores a new entity with its `type`, `createdAt` and `updatedAt`. Never overwrites.
    pub async fn create<E: Entity>(&self, entity: E) -> Result<E, RepositoryError> {
        let item = new_item(&entity, self.now());
        self.storage
            .put_new(entity.key(), item)
            .await
            .map_err(RepositoryError::of::<E>)?;
        Ok(entity)
    }

    /// Writes that happen together or not at all, stamped with `at`.
    pub fn transaction(&self, at: &str) -> Transaction<'_> {
        Transaction {
            storage: self.storage.as_ref(),
            at: at.to_owned(),
            writes: Vec::new(),
        }
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

/// A new entity's item: its attributes, its `type`, and `createdAt` and `updatedAt` at `now`.
fn new_item<E: Entity>(entity: &E, now: String) -> Item {
    let mut item: Item = entity
        .attributes()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    item.insert("type".to_owned(), E::NAME.to_owned());
    item.insert("createdAt".to_owned(), now.clone());
    item.insert("updatedAt".to_owned(), now);
    item
}

/// Writes of several entities that are made together or not at all (one `TransactWriteItems`),
/// each with the condition it needs. The conditions re-check, atomically, what the command
/// decided on, because another request may have changed it after the command read it.
pub struct Transaction<'w> {
    storage: &'w dyn WriteStorage,
    at: String,
    /// Each write with the name of its entity, to name the one whose condition failed.
    writes: Vec<(&'static str, Write)>,
}

impl Transaction<'_> {
    /// A new entity, stamped like [`Writer::create`] stamps it; never overwrites.
    #[must_use]
    pub fn create<E: Entity>(mut self, entity: &E) -> Self {
        let attributes = new_item(entity, self.at.clone());
        let key = entity.key();
        self.writes.push((E::NAME, Write::Put { key, attributes }));
        self
    }

    /// Writes nothing, but the entity under `key` must meet `condition`.
    #[must_use]
    pub fn check<E: Entity>(mut self, key: Key, condition: Condition) -> Self {
        self.writes.push((E::NAME, Write::Check { key, condition }));
        self
    }

    /// Sets `changes` and `updatedAt` on the entity under `key`, if it meets `condition`.
    #[must_use]
    pub fn update<E: Entity>(
        mut self,
        key: Key,
        mut changes: Vec<(&'static str, String)>,
        condition: Condition,
    ) -> Self {
        changes.push(("updatedAt", self.at.clone()));
        let write = Write::Update {
            key,
            changes,
            condition,
        };
        self.writes.push((E::NAME, write));
        self
    }

    /// Deletes the entity under `key`, if it meets `condition`.
    #[must_use]
    pub fn delete<E: Entity>(mut self, key: Key, condition: Condition) -> Self {
        self.writes
            .push((E::NAME, Write::Delete { key, condition }));
        self
    }

    /// Makes every write, or none: a condition that did not hold is
    /// [`RepositoryError::ConditionFailed`], naming its entity.
    pub async fn commit(self) -> Result<(), RepositoryError> {
        let (entities, writes): (Vec<&'static str>, Vec<Write>) = self.writes.into_iter().unzip();
        self.storage
            .transact(writes)
            .await
            .map_err(|error| match error {
                StorageError::ConditionFailed(position) => match entities.get(position) {
                    Some(entity) => RepositoryError::ConditionFailed(entity),
                    // A position outside the transaction is the storage's fault.
                    None => RepositoryError::Storage(error),
                },
                other => RepositoryError::Storage(other),
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
