//! The storage port: the five calls every repository is built on (put a new item, get, update,
//! delete, query an index), said in the table's terms and not in DynamoDB's, and split by side:
//! [`WriteStorage`] for the commands, [`ReadStorage`] for the queries. The DynamoDB adapter in
//! [`crate::table`] implements both; repositories only ever see one of these traits.

use std::future::Future;
use std::pin::Pin;

use crate::item::Item;
use crate::pagination::{Listed, Page};

/// Where an item lives: `resourceId` and `subResourceId`, prefixed ids such as `Book#<bookId>`
/// and `Author#<authorId>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub resource_id: String,
    pub sub_resource_id: String,
}

impl Key {
    pub fn new(resource_id: String, sub_resource_id: String) -> Self {
        Self {
            resource_id,
            sub_resource_id,
        }
    }
}

/// The two global secondary indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// `type` + `subResourceId`.
    EntityType,
    /// `type` + `status`.
    EntityStatus,
}

/// A query on an index whose key conditions are all equalities. (Not a query of the read side:
/// one of those may run several of these.) The three shapes are the original's `ByType`,
/// `ByTypeAndSortKey` and `ByTypeAndStatus`; each one picks the index that serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexQuery {
    pub index: Index,
    pub conditions: Vec<(&'static str, String)>,
}

impl IndexQuery {
    /// Everything of one type.
    pub fn by_type(entity: &str) -> Self {
        Self {
            index: Index::EntityType,
            conditions: vec![("type", entity.to_owned())],
        }
    }

    /// One type under one sort key: the books of an author, the rentals of a user.
    pub fn by_type_and_sort_key(entity: &str, sort_key: String) -> Self {
        Self {
            index: Index::EntityType,
            conditions: vec![("type", entity.to_owned()), ("subResourceId", sort_key)],
        }
    }

    /// One type in one status.
    pub fn by_type_and_status(entity: &str, status: &str) -> Self {
        Self {
            index: Index::EntityStatus,
            conditions: vec![("type", entity.to_owned()), ("status", status.to_owned())],
        }
    }
}

/// What a storage call can answer besides success. The first three are outcomes a caller acts
/// on; the last two are the storage's own trouble.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// An update or delete found no item under the key (and created none).
    #[error("no item has this key")]
    NoSuchItem,
    /// A new item's key is taken; nothing was overwritten.
    #[error("an item with this key already exists")]
    KeyTaken,
    /// A continuation token this query did not issue.
    #[error("the continuation token does not belong to this query")]
    ForeignToken,
    /// The storage could not be reached, or has no table.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Anything else the storage answered.
    #[error("storage failed: {0}")]
    Failed(String),
}

/// What every storage call returns. Boxed, so that repositories can hold a `dyn ReadStorage` or
/// `dyn WriteStorage` chosen at startup (and tests can hand them another one).
pub type StorageFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StorageError>> + Send + 'a>>;

/// The table as the write side sees it (with [`ReadStorage`], the original's
/// `IDatabaseProvider`).
pub trait WriteStorage: Send + Sync {
    /// Stores a new item under `key`. Never overwrites: a taken key is
    /// [`StorageError::KeyTaken`].
    fn put_new(&self, key: Key, attributes: Item) -> StorageFuture<'_, ()>;

    /// Sets `changes` on an existing item and answers the whole item afterwards, because the
    /// CRUD API answers an update with the changed entity. A missing item is
    /// [`StorageError::NoSuchItem`]; an update never creates one.
    fn update(&self, key: Key, changes: Vec<(&'static str, String)>) -> StorageFuture<'_, Item>;

    /// Deletes an existing item; a missing one is [`StorageError::NoSuchItem`].
    fn delete(&self, key: Key) -> StorageFuture<'_, ()>;
}

/// The table as the read side sees it: it can look, and has no way to change anything.
pub trait ReadStorage: Send + Sync {
    /// The whole item, key attributes included, or `None` when there is none.
    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>>;

    /// One page of `query`, with a token for the next page when more may follow.
    fn query(&self, query: IndexQuery, page: Page) -> StorageFuture<'_, Listed<Item>>;
}
