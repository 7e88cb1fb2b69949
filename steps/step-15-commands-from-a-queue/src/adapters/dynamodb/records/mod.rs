//! How each entity is recorded in the table: the key it lives under, its attributes, how a stored
//! item reads back, what an update sets and which index a listing asks. One [`Record`] per
//! entity, so the table implements the storage port once for all four.

pub mod author;
pub mod book;
pub mod rental;
pub mod user;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::adapters::dynamodb::item::{Change, Item};
use crate::adapters::dynamodb::table::Index;
use crate::core::ports::{Entity, StorageError};

/// An [`Entity`] as the table stores it (its `NAME` is the `type` attribute).
pub trait Record: Entity {
    fn key(id: &Self::Id) -> Item;

    fn id(&self) -> Self::Id;

    /// The attributes besides the key, `type` and the timestamps.
    fn attributes(&self) -> Vec<Change>;

    fn from_item(item: &Item) -> Result<Self, StorageError>;

    /// The attributes an update sets.
    fn changes(changes: &Self::Changes) -> Vec<Change>;

    fn lookup(filter: &Self::Filter) -> Lookup;

    /// Where the books are that keep this entity from being deleted: an author's, or the
    /// rentals of a user. None for the others.
    fn books(_id: &Self::Id) -> Option<Lookup> {
        None
    }
}

/// Where a listing looks: an index, the values its key attributes must equal, and optionally a
/// prefix its sort key must begin with.
pub struct Lookup {
    pub index: Index,
    pub equal: Vec<(&'static str, String)>,
    pub prefix: Option<(&'static str, String)>,
}

impl Lookup {
    pub fn equal(index: Index, equal: Vec<(&'static str, String)>) -> Self {
        Self {
            index,
            equal,
            prefix: None,
        }
    }
}

/// The attributes an update sets: the ones it was given.
pub fn changed<const N: usize>(fields: [(&'static str, Option<AttributeValue>); N]) -> Vec<Change> {
    fields
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .collect()
}

/// Every entity of `R`'s type, on the entity-type index.
pub fn every<R: Record>() -> Lookup {
    Lookup::equal(Index::EntityType, vec![("type", R::NAME.to_owned())])
}

/// The entities of `R`'s type with one sort key, on the entity-type index: the books of an
/// author, the rentals of a user.
pub fn by_sort_key<R: Record>(sort_key: String) -> Lookup {
    Lookup::equal(
        Index::EntityType,
        vec![("type", R::NAME.to_owned()), ("subResourceId", sort_key)],
    )
}
