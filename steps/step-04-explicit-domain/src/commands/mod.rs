//! The write side. A command asks for a change: its handler changes state through the
//! [`Writer`], the write repository, and answers no more than the API needs back. That is an
//! acknowledgement, or the changed entity where the CRUD API answers with it (create and update).
//! A command may read what it decides on; answering questions is the other side's business, in
//! [`crate::queries`].
//!
//! Each Book Management module holds the payload as a client sends it, the validated command
//! parsed from it (input validation: is this processable at all?), and the handler, which lets
//! the model decide (business validation: does the library allow it?) and makes one transaction.

pub mod add_new_book;
pub mod author;
pub mod borrow_book;
pub mod report_missing_book;
pub mod user;

pub use add_new_book::{AddNewBook, AddNewBookPayload, AuthorChoice, AuthorPayload, BookAdded};
pub use borrow_book::{BookBorrowed, BorrowBook, BorrowBookPayload};
pub use report_missing_book::{MissingBookReported, ReportMissingBook, ReportMissingBookPayload};

use std::sync::Arc;

use crate::clock::Clock;
use crate::error::{Entity, Error};
use crate::ids::IdGenerator;
use crate::item::Item;
use crate::model::{Ksuid, Timestamp};
use crate::queries::Reader;
use crate::repository::{Record, named};
use crate::storage::{Condition, Key, StorageError, Write, WriteStorage};

/// A change the library is asked to make, validated, with its handler. Input validation happened
/// when the command was parsed from its payload; the handler applies the business rules, which
/// the entities of the model state.
pub trait Command: Send {
    /// What the API answers once the change is made.
    type Outcome;

    fn handle(self, writer: &Writer) -> impl Future<Output = Result<Self::Outcome, Error>> + Send;
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
    pub fn new_id(&self) -> Ksuid {
        self.ids.next_id()
    }

    /// The time of a change. A command that writes it twice (a comment and the timestamps, say)
    /// asks once, so both agree.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Stores a new entity with its `type`, `createdAt` and `updatedAt`. Never overwrites.
    pub async fn create<E: Record>(&self, entity: E) -> Result<E, Error> {
        let item = new_item(&entity, self.now());
        self.storage
            .put_new(entity.key(), item)
            .await
            .map_err(|error| named(E::ENTITY, error))?;
        Ok(entity)
    }

    /// Writes that happen together or not at all, stamped with `at`.
    pub fn transaction(&self, at: Timestamp) -> Transaction<'_> {
        Transaction {
            storage: self.storage.as_ref(),
            at,
            writes: Vec::new(),
        }
    }

    /// Sets `changes` and `updatedAt` on an existing entity and answers it afterwards. (That
    /// there is something to change was checked when the command was parsed.)
    pub async fn update<E: Record>(
        &self,
        key: Key,
        mut changes: Vec<(&'static str, String)>,
    ) -> Result<E, Error> {
        changes.push(("updatedAt", self.now().to_string()));
        let item = self
            .storage
            .update(key, changes)
            .await
            .map_err(|error| named(E::ENTITY, error))?;
        E::from_item(&item)
    }

    pub async fn delete<E: Record>(&self, key: Key) -> Result<(), Error> {
        self.storage
            .delete(key)
            .await
            .map_err(|error| named(E::ENTITY, error))
    }
}

/// A new entity's item: its attributes, its `type`, and `createdAt` and `updatedAt` at `now`.
fn new_item<E: Record>(entity: &E, now: Timestamp) -> Item {
    let now = now.to_string();
    let mut item: Item = entity
        .attributes()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    item.insert("type".to_owned(), E::ENTITY.name().to_owned());
    item.insert("createdAt".to_owned(), now.clone());
    item.insert("updatedAt".to_owned(), now);
    item
}

/// Writes of several entities that are made together or not at all (one `TransactWriteItems`),
/// each with the condition it needs. The conditions re-check, atomically, what the command
/// decided on, because another request may have changed it after the command read it.
pub struct Transaction<'w> {
    storage: &'w dyn WriteStorage,
    at: Timestamp,
    /// Each write with its entity, to name the one whose condition failed.
    writes: Vec<(Entity, Write)>,
}

impl Transaction<'_> {
    /// A new entity, stamped like [`Writer::create`] stamps it; never overwrites.
    #[must_use]
    pub fn create<E: Record>(mut self, entity: &E) -> Self {
        let attributes = new_item(entity, self.at);
        let key = entity.key();
        self.writes
            .push((E::ENTITY, Write::Put { key, attributes }));
        self
    }

    /// Writes nothing, but the entity under `key` must meet `condition`.
    #[must_use]
    pub fn check<E: Record>(mut self, key: Key, condition: Condition) -> Self {
        self.writes
            .push((E::ENTITY, Write::Check { key, condition }));
        self
    }

    /// Sets `changes` and `updatedAt` on the entity under `key`, if it meets `condition`.
    #[must_use]
    pub fn update<E: Record>(
        mut self,
        key: Key,
        mut changes: Vec<(&'static str, String)>,
        condition: Condition,
    ) -> Self {
        changes.push(("updatedAt", self.at.to_string()));
        let write = Write::Update {
            key,
            changes,
            condition,
        };
        self.writes.push((E::ENTITY, write));
        self
    }

    /// Deletes the entity under `key`, if it meets `condition`.
    #[must_use]
    pub fn delete<E: Record>(mut self, key: Key, condition: Condition) -> Self {
        self.writes
            .push((E::ENTITY, Write::Delete { key, condition }));
        self
    }

    /// Makes every write, or none: a condition that did not hold is [`Error::Conflict`], naming
    /// its entity.
    pub async fn commit(self) -> Result<(), Error> {
        let (entities, writes): (Vec<Entity>, Vec<Write>) = self.writes.into_iter().unzip();
        self.storage
            .transact(writes)
            .await
            .map_err(|error| match error {
                StorageError::ConditionFailed(position) => match entities.get(position) {
                    Some(entity) => Error::Conflict(*entity),
                    // A position outside the transaction is the storage's fault.
                    None => error.into(),
                },
                other => other.into(),
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
