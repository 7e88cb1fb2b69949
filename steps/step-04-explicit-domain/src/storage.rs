//! The storage port: the calls every repository is built on (put a new item, get, update,
//! delete, query an index, and several writes at once), said in the table's terms and not in
//! DynamoDB's, and split by side: [`WriteStorage`] for the commands, [`ReadStorage`] for the
//! queries. The DynamoDB adapter in [`crate::table`] implements both.

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

/// The two global secondary indexes, and the table's own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// `type` + `subResourceId`.
    EntityType,
    /// `type` + `status`.
    EntityStatus,
    /// The table itself: `resourceId` + `subResourceId`.
    Table,
}

/// A query on an index whose key conditions are equalities, optionally followed by a sort key
/// prefix. (Not a query of the read side: one of those may run several of these.) The first
/// three shapes are the original's `ByType`, `ByTypeAndSortKey` and `ByTypeAndStatus`; each one
/// picks the index that serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexQuery {
    pub index: Index,
    pub conditions: Vec<(&'static str, String)>,
    /// The attribute and the text it must begin with.
    pub prefix: Option<(&'static str, String)>,
}

impl IndexQuery {
    fn equal(index: Index, conditions: Vec<(&'static str, String)>) -> Self {
        Self {
            index,
            conditions,
            prefix: None,
        }
    }

    /// Everything of one type.
    pub fn by_type(entity: &str) -> Self {
        Self::equal(Index::EntityType, vec![("type", entity.to_owned())])
    }

    /// One type under one sort key: the books of an author, the rentals of a user.
    pub fn by_type_and_sort_key(entity: &str, sort_key: String) -> Self {
        Self::equal(
            Index::EntityType,
            vec![("type", entity.to_owned()), ("subResourceId", sort_key)],
        )
    }

    /// One type in one status.
    pub fn by_type_and_status(entity: &str, status: &str) -> Self {
        Self::equal(
            Index::EntityStatus,
            vec![("type", entity.to_owned()), ("status", status.to_owned())],
        )
    }

    /// The items of one partition whose sort key begins with `prefix`: a book's partition
    /// holds the book (`Author#...`) and its rentals (`User#...`).
    pub fn partition_with_prefix(resource_id: String, prefix: String) -> Self {
        Self {
            index: Index::Table,
            conditions: vec![("resourceId", resource_id)],
            prefix: Some(("subResourceId", prefix)),
        }
    }
}

/// What an item must look like for a write of a [transaction](WriteStorage::transact) to
/// happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Exists,
    /// The item exists and has this status.
    StatusIs(&'static str),
    /// The item exists and has any status but this one.
    StatusIsNot(&'static str),
}

/// One write of a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// A new item; like [`WriteStorage::put_new`], it never overwrites.
    Put {
        key: Key,
        attributes: Item,
    },
    /// Nothing is written, but the item must meet the condition.
    Check {
        key: Key,
        condition: Condition,
    },
    Update {
        key: Key,
        changes: Vec<(&'static str, String)>,
        condition: Condition,
    },
    Delete {
        key: Key,
        condition: Condition,
    },
}

/// What a storage call can answer besides success. The first four are outcomes a caller acts
/// on; the last two are the storage's own trouble.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// An update or delete found no item under the key (and created none).
    #[error("no item has this key")]
    NoSuchItem,
    /// A new item's key is taken; nothing was overwritten.
    #[error("an item with this key already exists")]
    KeyTaken,
    /// The write at this position of a transaction did not meet its condition (or another
    /// request changed its item at the same moment); nothing at all was written.
    #[error("the condition of write {0} did not hold; nothing was written")]
    ConditionFailed(usize),
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
/// `IDatabaseProvider`). A command reads what it decides on (is the book available? is the user
/// suspended?) before it writes, so the write side can read too; the read side still cannot
/// write.
pub trait WriteStorage: ReadStorage {
    /// Stores a new item under `key`. Never overwrites: a taken key is
    /// [`StorageError::KeyTaken`].
    fn put_new(&self, key: Key, attributes: Item) -> StorageFuture<'_, ()>;

    /// Sets `changes` on an existing item and answers the whole item afterwards, because the
    /// CRUD API answers an update with the changed entity. A missing item is
    /// [`StorageError::NoSuchItem`]; an update never creates one.
    fn update(&self, key: Key, changes: Vec<(&'static str, String)>) -> StorageFuture<'_, Item>;

    /// Deletes an existing item; a missing one is [`StorageError::NoSuchItem`].
    fn delete(&self, key: Key) -> StorageFuture<'_, ()>;

    /// Makes all of `writes` or none of them. A write whose condition does not hold is
    /// [`StorageError::ConditionFailed`] with its position, and nothing is written.
    fn transact(&self, writes: Vec<Write>) -> StorageFuture<'_, ()>;
}

/// The table as the read side sees it: it can look, and has no way to change anything.
pub trait ReadStorage: Send + Sync {
    /// The whole item, key attributes included, or `None` when there is none. Strongly
    /// consistent: a command sees what the previous command wrote.
    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>>;

    /// One page of `query`, with a token for the next page when more may follow. Queries of
    /// [`Index::Table`] are strongly consistent, like `get`; the other indexes cannot be.
    fn query(&self, query: IndexQuery, page: Page) -> StorageFuture<'_, Listed<Item>>;
}
